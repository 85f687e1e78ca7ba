// The delete script against PostgreSQL itself. On generated schemas (random actions, cycles,
// composite and MATCH FULL keys, partitions, deferred keys, odd names), for several roots,
// the script must run with psql and leave exactly the database that a plain DELETE leaves in
// a copy whose NO ACTION and RESTRICT keys are all ON DELETE CASCADE; where that DELETE fails,
// fkscope must refuse to write a script.
#include "RandomSchema.h"
#include "ScriptJudge.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include "catalog/CatalogLoader.h"
#include "db/Connection.h"
#include "script/DeleteScriptWriter.h"

#include <QRandomGenerator>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

class TestDeleteScriptRandom : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void scriptLeavesTheEverythingCascadesState_data()
    {
        QTest::addColumn<quint32>("seed");
        const quint32 first = qEnvironmentVariableIsSet("FKSCOPE_SEED") ? qEnvironmentVariableIntValue("FKSCOPE_SEED") : 1;
        const int rounds = qEnvironmentVariableIsSet("FKSCOPE_ROUNDS") ? qEnvironmentVariableIntValue("FKSCOPE_ROUNDS") : 10;
        for (int i = 0; i < rounds; ++i)
            QTest::addRow("seed %u", first + i) << quint32(first + i);
    }

    void scriptLeavesTheEverythingCascadesState()
    {
        QFETCH(quint32, seed);
        const RandomSchema schema = RandomSchema::generate(seed, true);
        TestDatabase original(QStringLiteral("ds_orig"));
        QVERIFY2(original.run(schema.sql()), qPrintable(original.error()));
        TestDatabase cascading(QStringLiteral("ds_casc"));
        QVERIFY2(cascading.run(schema.sql()), qPrintable(cascading.error()));
        QVERIFY2(makeEveryBlockingKeyCascade(cascading), qPrintable(cascading.error()));

        QRandomGenerator random(seed);
        for (int attempt = 0; attempt < 3; ++attempt) {
            const GeneratedTable &table = schema.tables[random.bounded(int(schema.tables.size()))];
            DeleteRoot root{table.qualified, {}, {}};
            if (attempt == 2)
                root.where = QStringLiteral("id <= %1").arg(1 + random.bounded(4));
            else
                root.key = {{QStringLiteral("id"), QString::number(1 + random.bounded(table.rows))}};
            const QString condition = root.where.isEmpty() ? QStringLiteral("id = ") + root.key.first().second : root.where;

            TestDatabase expected(QStringLiteral("ds_exp"), cascading);
            QVERIFY2(expected.isValid(), qPrintable(expected.error()));
            const bool deletes = expected.run(QStringLiteral("DELETE FROM %1 WHERE %2").arg(table.qualified, condition));
            const QString serverError = expected.error();
            const QMap<QString, QString> wanted = tableFingerprints(expected);

            for (DeleteScriptMode mode : {DeleteScriptMode::Predicate, DeleteScriptMode::Key}) {
                const QString context = QStringLiteral("seed %1, DELETE FROM %2 WHERE %3, %4 mode (rerun: FKSCOPE_SEED=%1 "
                                                       "FKSCOPE_ROUNDS=1)")
                                            .arg(seed)
                                            .arg(table.qualified, condition,
                                                 mode == DeleteScriptMode::Key ? QStringLiteral("key")
                                                                               : QStringLiteral("predicate"));
                TestDatabase actual(QStringLiteral("ds_act"), original);
                QVERIFY2(actual.isValid(), qPrintable(actual.error()));
                SqlScript script;
                {
                    auto connection = Connection::open(actual.connInfo());
                    QVERIFY(connection.ok());
                    auto catalog = CatalogLoader(*connection.value()).load();
                    QVERIFY(catalog.ok());
                    DeleteScriptWriter writer(*connection.value(), catalog.value());
                    writer.setMode(mode);
                    auto written = writer.write(root);
                    QVERIFY2(written.ok(), qPrintable(context + QStringLiteral(": ") + written.error().message));
                    script = written.value();
                }
                QVERIFY2(script.isRunnable() == deletes,
                         qPrintable(QStringLiteral("%1: the cascading DELETE %2, but fkscope %3")
                                        .arg(context, deletes ? QStringLiteral("succeeds") : QStringLiteral("fails: ") + serverError,
                                             script.isRunnable() ? QStringLiteral("wrote a script")
                                                                 : QStringLiteral("refused: ") + script.refusal)));
                if (!deletes)
                    continue;
                QVERIFY2(runScript(actual, script.text()),
                         qPrintable(context + QStringLiteral(": the script failed: ") + actual.error() + QStringLiteral("\n")
                                    + script.text()));
                const QMap<QString, QString> got = tableFingerprints(actual);
                QVERIFY2(got == wanted, qPrintable(context + QStringLiteral(": ") + describeDifference(wanted, got)));
            }
        }
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestDeleteScriptRandom)
#include "tst_deletescript_random.moc"
