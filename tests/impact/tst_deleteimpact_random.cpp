// The prediction against PostgreSQL itself: on generated schemas with random actions,
// composite keys, self-references, cycles, deferred keys, keys sharing columns with a twin of
// another action (whose trigger order matters) and random data, every root row's
// predicted DELETE is compared with what a real DELETE does in a rolled-back transaction.
// A prediction may be "cannot know" (fails null, with its reason) where the answer depends on
// an order PostgreSQL does not promise, never wrong; such answers must stay rare.
#include "DeleteOracle.h"
#include "RandomSchema.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include "catalog/CatalogLoader.h"
#include "catalog/Identifier.h"
#include "db/Connection.h"
#include "db/SqlQuery.h"
#include "impact/DeleteImpactAnalyzer.h"

#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QTest>

#include <algorithm>
#include <optional>

using namespace fkscope;
using namespace fkscope::test;

class TestDeleteImpactRandom : public QObject {
    Q_OBJECT

    // Seeds 1 to 5,200 (558 among them: two cascade branches of a cycle), split in shards that
    // CTest runs side by side (FKSCOPE_SHARD=k/n), about half a second a seed on a busy CI
    // machine. FKSCOPE_SEED and FKSCOPE_ROUNDS run others (bench/sweep-delete-model.sh).
    static constexpr quint32 firstSeed = 1;
    static constexpr int seedCount = 5200;
    // At most this share of the predictions may be "cannot know".
    static constexpr double unknownShareAllowed = 0.05;
    static constexpr int shareJudgedFrom = 600;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_db.isValid(), qPrintable(m_db.error()));
        auto connection = Connection::open(m_db.connInfo());
        QVERIFY2(connection.ok(), qPrintable(connection.error().message));
        m_connection = std::move(connection.value());
        QVERIFY(runQuery(m_connection->database(), QStringLiteral("SET client_min_messages = warning")).ok());
        // Never-analyzed tables make the plans look costly enough for JIT, which then compiles
        // for longer than they run. It changes no answer.
        QVERIFY(runQuery(m_connection->database(), QStringLiteral("SET jit = off")).ok());
    }

    void predictionMatchesARealDelete_data()
    {
        QTest::addColumn<quint32>("seed");
        quint32 first = firstSeed;
        int rounds = seedCount;
        if (qEnvironmentVariableIsSet("FKSCOPE_SEED")) {
            first = qEnvironmentVariableIntValue("FKSCOPE_SEED");
            rounds = qEnvironmentVariableIsSet("FKSCOPE_ROUNDS") ? qEnvironmentVariableIntValue("FKSCOPE_ROUNDS") : 1;
        } else if (qEnvironmentVariableIsSet("FKSCOPE_SHARD")) {
            const QStringList shard = qEnvironmentVariable("FKSCOPE_SHARD").split(QLatin1Char('/'));
            QCOMPARE(shard.size(), 2);
            const int index = shard[0].toInt(), count = shard[1].toInt();
            QVERIFY(index >= 1 && index <= count);
            const int size = (seedCount + count - 1) / count;
            first = firstSeed + quint32((index - 1) * size);
            rounds = qMin(size, seedCount - (index - 1) * size);
        }
        for (int i = 0; i < rounds; ++i)
            QTest::addRow("seed %u", first + i) << quint32(first + i);
    }

    void predictionMatchesARealDelete()
    {
        QFETCH(quint32, seed);
        const RandomSchema generated = RandomSchema::generate(seed, true, true);
        if (qEnvironmentVariableIsSet("FKSCOPE_PRINT_SCHEMA"))
            qInfo().noquote() << generated.statements.join(QStringLiteral(";\n"));
        // Every seed in the same database, in a fresh public schema, over the test's own
        // connection: a database, or even a psql, per seed would cost most of the test's time.
        // The catalog tables that all this DDL bloats are vacuumed now and then.
        const QSqlDatabase db = m_connection->database();
        if (seed % 25 == 0)
            QVERIFY(runQuery(db, QStringLiteral("VACUUM")).ok());
        // One statement at a time, each its own transaction: the driver reports only the first
        // result of a string of them, and an ALTER TABLE must not follow an UPDATE whose
        // deferred checks are still pending.
        const QStringList statements = QStringList{QStringLiteral("DROP SCHEMA public CASCADE"), QStringLiteral("CREATE SCHEMA public")}
            + generated.statements;
        for (const QString &statement : statements) {
            auto done = runQuery(db, statement);
            QVERIFY2(done.ok(), qPrintable(QStringLiteral("seed %1: %2: %3").arg(seed).arg(statement, done.error().message)));
        }
        auto catalog = CatalogLoader(*m_connection).load();
        QVERIFY(catalog.ok());

        QRandomGenerator random(seed);
        for (int attempt = 0; attempt < 6; ++attempt) {
            const GeneratedTable &root = generated.tables[random.bounded(int(generated.tables.size()))];
            const int id = 1 + random.bounded(root.rows);
            const QString context = QStringLiteral("seed %1, DELETE FROM %2 WHERE id = %3 (rerun: FKSCOPE_SEED=%1)")
                                        .arg(seed)
                                        .arg(root.qualified)
                                        .arg(id);
            const ActualDelete actual = runRealDelete(
                *m_connection, catalog.value(), QStringLiteral("DELETE FROM %1 WHERE id = %2").arg(root.qualified).arg(id));
            // Both plans: the layered one (where it applies) and the general recursive one,
            // which must give the same answer and list the same tables (zeros included).
            std::optional<DeleteImpact> first;
            for (bool generalOnly : {false, true}) {
                const QString where = context + (generalOnly ? QStringLiteral(" [general plan]") : QStringLiteral(" [default plan]"));
                DeleteImpactAnalyzer analyzer(*m_connection, catalog.value());
                analyzer.setGeneralPlanOnly(generalOnly);
                auto predicted = analyzer.analyze({root.qualified, {{QStringLiteral("id"), QString::number(id)}}, {}});
                QVERIFY2(predicted.ok(), qPrintable(where + QStringLiteral(": ") + predicted.error().message));
                if (!first) {
                    first = predicted.value();
                } else {
                    QVERIFY2(predicted->fails == first->fails && predicted->deleted == first->deleted
                                 && predicted->updated == first->updated,
                             qPrintable(context + QStringLiteral(": the two plans answer differently")));
                }
                compare(predicted.value(), actual, where);
                if (QTest::currentTestFailed())
                    return;
            }
            ++m_predictions;
            m_unknown += !first->fails.has_value();
        }
    }

    void cleanupTestCase()
    {
        qInfo("%d of %d predictions said \"cannot know\"", m_unknown, m_predictions);
        // A share says little about a replay of a few seeds.
        if (m_predictions < shareJudgedFrom)
            return;
        QVERIFY2(m_unknown <= unknownShareAllowed * m_predictions,
                 qPrintable(QStringLiteral("%1 of %2 predictions are \"cannot know\"").arg(m_unknown).arg(m_predictions)));
    }

private:
    // A known answer must be PostgreSQL's; an unknown one must say why, and its counts (what
    // the DELETE removes if it succeeds) must still be right when it does, unless the reason
    // says they are unknown too.
    static void compare(const DeleteImpact &predicted, const ActualDelete &actual, const QString &where)
    {
        if (!predicted.fails) {
            QVERIFY2(!predicted.incomplete.isEmpty(), qPrintable(where + QStringLiteral(": unknown without a reason")));
        } else {
            QVERIFY2(*predicted.fails == actual.fails,
                     qPrintable(QStringLiteral("%1: predicted fails=%2, PostgreSQL: %3")
                                    .arg(where)
                                    .arg(*predicted.fails)
                                    .arg(actual.fails ? actual.error : QStringLiteral("succeeded"))));
        }
        // Rows detached by another row's write, or written to reference a row the DELETE
        // removes, may or may not be removed too: then the counts are unknown as well.
        const bool countsKnown = predicted.fails.has_value() || predicted.countsKnown;
        if (actual.fails || !countsKnown)
            return;
        QVERIFY2(nonZeroCounts(predicted.deleted) == actual.deleted,
                 qPrintable(QStringLiteral("%1: deleted predicted %2, PostgreSQL %3")
                                .arg(where, describeCounts(nonZeroCounts(predicted.deleted)), describeCounts(actual.deleted))));
        QVERIFY2(nonZeroCounts(predicted.updated) == actual.updated,
                 qPrintable(QStringLiteral("%1: updated predicted %2, PostgreSQL %3")
                                .arg(where, describeCounts(nonZeroCounts(predicted.updated)), describeCounts(actual.updated))));
    }

    TestDatabase m_db{QStringLiteral("impact")};
    std::unique_ptr<Connection> m_connection;
    int m_predictions = 0;
    int m_unknown = 0;
};

FKSCOPE_TEST_GUILESS_MAIN(TestDeleteImpactRandom)
#include "tst_deleteimpact_random.moc"
