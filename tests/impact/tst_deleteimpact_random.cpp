// The prediction against PostgreSQL itself: on generated schemas with random actions,
// composite keys, self-references, cycles, deferred keys, keys sharing columns with a twin of
// another action (whose trigger order matters) and random data, every root row's
// predicted DELETE is compared with what a real DELETE does in a rolled-back transaction.
#include "DeleteOracle.h"
#include "RandomSchema.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include "catalog/CatalogLoader.h"
#include "catalog/Identifier.h"
#include "db/Connection.h"
#include "impact/DeleteImpactAnalyzer.h"

#include <QRandomGenerator>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

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
        const RandomSchema generated = RandomSchema::generate(seed, true, true);
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

FKSCOPE_TEST_GUILESS_MAIN(TestDeleteImpactRandom)
#include "tst_deleteimpact_random.moc"
