// The prediction against PostgreSQL itself: on generated schemas with random actions,
// composite keys, self-references, cycles, deferred keys and random data, every root row's
// predicted DELETE is compared with what a real DELETE does in a rolled-back transaction.
#include "DeleteOracle.h"
#include "TestDatabase.h"

#include "catalog/CatalogLoader.h"
#include "catalog/Identifier.h"
#include "db/Connection.h"
#include "impact/DeleteImpactAnalyzer.h"

#include <QRandomGenerator>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

namespace {

struct GeneratedTable {
    QString name;       // raw
    QString qualified;  // as quote_ident() prints it
    int rows = 0;
    bool partitioned = false;
};

struct Generated {
    QStringList statements;
    std::vector<GeneratedTable> tables;
};

const QStringList actions{QStringLiteral("NO ACTION"), QStringLiteral("RESTRICT"), QStringLiteral("CASCADE"),
                          QStringLiteral("SET NULL"), QStringLiteral("SET DEFAULT")};

Generated generate(quint32 seed)
{
    QRandomGenerator random(seed);
    Generated g;
    // The data comes from the server's random(), seeded too, so a seed replays exactly.
    g.statements << QStringLiteral("SELECT setseed(%1)").arg(double(seed % 1000) / 1000.0);
    const int tableCount = 2 + random.bounded(7);
    for (int i = 0; i < tableCount; ++i) {
        GeneratedTable t;
        const bool odd = random.bounded(4) == 0;
        t.name = odd ? QStringLiteral("Tab %1").arg(i) : QStringLiteral("t%1").arg(i);
        t.qualified = QStringLiteral("public.") + (odd ? quoteIdentifier(t.name) : t.name);
        t.rows = 3 + random.bounded(25);
        t.partitioned = random.bounded(6) == 0;
        if (t.partitioned) {
            // A unique key on a partitioned table must contain the partition key.
            g.statements << QStringLiteral("CREATE TABLE %1 (id int, u1 int, u2 int, PRIMARY KEY (id), "
                                           "UNIQUE (u1, u2, id)) PARTITION BY RANGE (id)")
                                .arg(quoteIdentifier(t.name));
            g.statements << QStringLiteral("CREATE TABLE %1 PARTITION OF %2 FOR VALUES FROM (MINVALUE) TO (10)")
                                .arg(quoteIdentifier(t.name + QStringLiteral("_low")), quoteIdentifier(t.name));
            g.statements << QStringLiteral("CREATE TABLE %1 PARTITION OF %2 FOR VALUES FROM (10) TO (MAXVALUE)")
                                .arg(quoteIdentifier(t.name + QStringLiteral("_high")), quoteIdentifier(t.name));
        } else {
            g.statements << QStringLiteral("CREATE TABLE %1 (id int PRIMARY KEY, u1 int, u2 int, UNIQUE (u1, u2))")
                                .arg(quoteIdentifier(t.name));
        }
        g.statements << QStringLiteral("INSERT INTO %1 SELECT g, g, g * 10 FROM generate_series(1, %2) g")
                            .arg(quoteIdentifier(t.name))
                            .arg(t.rows);
        g.tables.push_back(t);
    }

    const int keyCount = 1 + random.bounded(2 * tableCount);
    QStringList constraints;
    for (int k = 0; k < keyCount; ++k) {
        const GeneratedTable &child = g.tables[random.bounded(int(g.tables.size()))];
        const GeneratedTable &parent = g.tables[random.bounded(int(g.tables.size()))];
        const bool composite = !parent.partitioned && random.bounded(3) == 0;
        const bool reversed = composite && random.bounded(2);
        const bool full = composite && random.bounded(2);
        const QString a = QStringLiteral("f%1_a").arg(k), b = QStringLiteral("f%1_b").arg(k);
        g.statements << QStringLiteral("ALTER TABLE %1 ADD COLUMN %2 int, ADD COLUMN %3 int")
                            .arg(quoteIdentifier(child.name), a, b);
        // Child rows point at random parent rows; some point nowhere (NULL), and with MATCH
        // SIMPLE a half-NULL composite key points nowhere either.
        const QString nullChance = QString::number(random.bounded(40));
        const QString pick = QStringLiteral("(1 + (random() * %1)::int % %1)").arg(parent.rows);
        QString fill = QStringLiteral("UPDATE %1 SET %2 = CASE WHEN random() * 100 < %3 THEN NULL ELSE %4 END")
                           .arg(quoteIdentifier(child.name), a, nullChance, pick);
        g.statements << fill;
        QString references;
        if (composite) {
            g.statements << QStringLiteral("UPDATE %1 SET %2 = %3 * 10").arg(quoteIdentifier(child.name), b, a);
            if (!full)
                g.statements << QStringLiteral("UPDATE %1 SET %2 = NULL WHERE random() < 0.1").arg(quoteIdentifier(child.name), b);
            if (reversed) {
                g.statements << QStringLiteral("UPDATE %1 SET %2 = %3 / 10, %3 = %2 * 10")
                                    .arg(quoteIdentifier(child.name), a, b);
                references = QStringLiteral("(%1, %2) REFERENCES %3 (u2, u1)").arg(b, a, quoteIdentifier(parent.name));
            } else {
                references = QStringLiteral("(%1, %2) REFERENCES %3 (u1, u2)").arg(a, b, quoteIdentifier(parent.name));
            }
        } else {
            references = QStringLiteral("(%1) REFERENCES %2 (id)").arg(a, quoteIdentifier(parent.name));
        }
        // Defaults that point at the parent's first row: deleting that row makes SET DEFAULT
        // fail, deleting any other one does not.
        if (random.bounded(3) == 0) {
            g.statements << QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 SET DEFAULT %3, ALTER COLUMN %4 SET DEFAULT %5")
                                .arg(quoteIdentifier(child.name), a, reversed ? QStringLiteral("10") : QStringLiteral("1"), b,
                                     reversed ? QStringLiteral("1") : QStringLiteral("10"));
        }
        QString action = actions[random.bounded(actions.size())];
        if (composite && (action == QLatin1String("SET NULL") || action == QLatin1String("SET DEFAULT"))
            && random.bounded(2))
            action += QStringLiteral(" (%1)").arg(random.bounded(2) ? a : b);
        QString sql = QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT k%2 FOREIGN KEY %3%4 ON DELETE %5")
                          .arg(quoteIdentifier(child.name))
                          .arg(k)
                          .arg(references, full ? QStringLiteral(" MATCH FULL") : QString(), action);
        if (random.bounded(4) == 0)
            sql += random.bounded(2) ? QStringLiteral(" DEFERRABLE INITIALLY DEFERRED") : QStringLiteral(" DEFERRABLE");
        constraints << sql;
    }
    g.statements += constraints;
    return g;
}

} // namespace

class TestDeleteImpactRandom : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void predictionMatchesARealDelete_data()
    {
        QTest::addColumn<quint32>("seed");
        const quint32 first = qEnvironmentVariableIsSet("FKSCOPE_SEED") ? qEnvironmentVariableIntValue("FKSCOPE_SEED") : 1;
        const int rounds = qEnvironmentVariableIsSet("FKSCOPE_ROUNDS") ? qEnvironmentVariableIntValue("FKSCOPE_ROUNDS") : 40;
        for (int i = 0; i < rounds; ++i)
            QTest::addRow("seed %u", first + i) << quint32(first + i);
    }

    void predictionMatchesARealDelete()
    {
        QFETCH(quint32, seed);
        const Generated generated = generate(seed);
        if (qEnvironmentVariableIsSet("FKSCOPE_PRINT_SCHEMA"))
            qInfo().noquote() << generated.statements.join(QStringLiteral(";\n"));
        TestDatabase db(QStringLiteral("impact"));
        QVERIFY2(db.run(generated.statements.join(QStringLiteral(";\n"))),
                 qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(db.error())));

        auto connection = Connection::open(db.connInfo());
        QVERIFY(connection.ok());
        auto catalog = CatalogLoader(*connection.value()).load();
        QVERIFY(catalog.ok());

        QRandomGenerator random(seed);
        for (int attempt = 0; attempt < 6; ++attempt) {
            const GeneratedTable &root = generated.tables[random.bounded(int(generated.tables.size()))];
            const int id = 1 + random.bounded(root.rows);
            const QString context = QStringLiteral("seed %1, DELETE FROM %2 WHERE id = %3 (rerun: FKSCOPE_SEED=%1 "
                                                   "FKSCOPE_ROUNDS=1)")
                                        .arg(seed)
                                        .arg(root.qualified)
                                        .arg(id);

            const ActualDelete actual = runRealDelete(
                *connection.value(), catalog.value(), QStringLiteral("DELETE FROM %1 WHERE id = %2").arg(root.qualified).arg(id));
            // Both plans: the layered one (where it applies) and the general recursive one,
            // which must also list the same tables (zeros included).
            std::vector<QPair<QString, qint64>> firstDeleted, firstUpdated;
            for (bool generalOnly : {false, true}) {
            const QString plan = generalOnly ? QStringLiteral(" [general plan]") : QStringLiteral(" [default plan]");
            DeleteImpactAnalyzer analyzer(*connection.value(), catalog.value());
            analyzer.setGeneralPlanOnly(generalOnly);
            auto predicted = analyzer.analyze({root.qualified, {{QStringLiteral("id"), QString::number(id)}}, {}});
            QVERIFY2(predicted.ok(), qPrintable(context + plan + QStringLiteral(": ") + predicted.error().message));

            QVERIFY2(predicted->fails.has_value(), qPrintable(context + plan));
            if (!generalOnly) {
                firstDeleted = predicted->deleted;
                firstUpdated = predicted->updated;
            } else {
                QVERIFY2(predicted->deleted == firstDeleted && predicted->updated == firstUpdated,
                         qPrintable(context + QStringLiteral(": the two plans list different tables or counts")));
            }
            QVERIFY2(*predicted->fails == actual.fails,
                     qPrintable(QStringLiteral("%1: predicted fails=%2, PostgreSQL: %3")
                                    .arg(context + plan)
                                    .arg(*predicted->fails)
                                    .arg(actual.fails ? actual.error : QStringLiteral("succeeded"))));
            if (actual.fails)
                continue;
            QVERIFY2(nonZeroCounts(predicted->deleted) == actual.deleted,
                     qPrintable(QStringLiteral("%1: deleted predicted %2, PostgreSQL %3")
                                    .arg(context + plan, describeCounts(nonZeroCounts(predicted->deleted)), describeCounts(actual.deleted))));
            QVERIFY2(nonZeroCounts(predicted->updated) == actual.updated,
                     qPrintable(QStringLiteral("%1: updated predicted %2, PostgreSQL %3")
                                    .arg(context + plan, describeCounts(nonZeroCounts(predicted->updated)), describeCounts(actual.updated))));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestDeleteImpactRandom)
#include "tst_deleteimpact_random.moc"
