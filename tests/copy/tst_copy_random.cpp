// fkscope-cli copy on generated schemas, judged by PostgreSQL: for every seed and several
// selections, TARGET (an empty copy of SOURCE's schema) ends up holding exactly the rows an
// independent fixpoint computes in SOURCE, every key holds there, identity and serial
// sequences are past the highest id, and a second identical run with --on-conflict skip
// copies nothing. The schemas have composite keys, MATCH FULL, self-references, cycles of
// NOT NULL keys, deferrable keys, partitions, identity, serial and generated columns.
#include "CliRun.h"
#include "CopySchema.h"
#include "InsertScriptCheck.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

class TestCopyRandom : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void targetHoldsExactlyTheClosure_data()
    {
        QTest::addColumn<quint32>("seed");
        const quint32 first = qEnvironmentVariableIsSet("FKSCOPE_SEED") ? qEnvironmentVariableIntValue("FKSCOPE_SEED") : 1;
        const int rounds = qEnvironmentVariableIsSet("FKSCOPE_ROUNDS") ? qEnvironmentVariableIntValue("FKSCOPE_ROUNDS") : 4;
        for (int i = 0; i < rounds; ++i)
            QTest::addRow("seed %u", first + i) << quint32(first + i);
    }

    void targetHoldsExactlyTheClosure()
    {
        QFETCH(quint32, seed);
        const CopySchema g = CopySchema::generate(seed);
        if (qEnvironmentVariableIsSet("FKSCOPE_PRINT_SCHEMA"))
            qInfo().noquote() << g.sql();
        TestDatabase source(QStringLiteral("copyrandom"));
        QVERIFY2(source.run(g.sql()), qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(source.error())));
        TestDatabase target(QStringLiteral("copyrandomto"));
        QString error;
        QVERIFY2(copySchema(source, target, &error), qPrintable(error));
        QVERIFY2(source.run(QStringLiteral("CREATE TABLE want (rel oid, tid tid, PRIMARY KEY (rel, tid))")), qPrintable(source.error()));

        QRandomGenerator random(seed * 7919u);
        for (int attempt = 0; attempt < 3; ++attempt) {
            const CopySchemaTable &root = g.tables[random.bounded(int(g.tables.size()))];
            const QString condition = random.bounded(4) == 0 ? QStringLiteral("id % 3 = %1").arg(random.bounded(3))
                                                             : QStringLiteral("id = %1").arg(1 + random.bounded(root.rows));
            const bool withDependents = attempt % 2 == 1;
            const QString mode = QStringList{QStringLiteral("fail"), QStringLiteral("skip"), QStringLiteral("update")}
                                     [random.bounded(3)];
            const QString context = QStringLiteral("seed %1, %2 WHERE %3, dependents %4, on conflict %5 "
                                                   "(rerun: FKSCOPE_SEED=%1 FKSCOPE_ROUNDS=1)")
                                        .arg(seed)
                                        .arg(root.quoted, condition)
                                        .arg(withDependents)
                                        .arg(mode);
            QVERIFY2(target.run(QStringLiteral("TRUNCATE %1 RESTART IDENTITY").arg(g.tableNames().join(QStringLiteral(", ")))),
                     qPrintable(target.error()));
            QVERIFY2(source.run(g.expectedRowsSql(root.quoted, condition, withDependents)),
                     qPrintable(context + QStringLiteral(": ") + source.error()));

            QStringList arguments{QStringLiteral("copy"), QStringLiteral("--db"), source.connInfoString(),
                                  QStringLiteral("--to"), target.connInfoString(), QStringLiteral("--table"), root.quoted,
                                  QStringLiteral("--where"), condition, QStringLiteral("--on-conflict"), mode};
            if (withDependents)
                arguments << QStringLiteral("--with-dependents");
            const CliRun run = runCli(arguments);
            QVERIFY2(run.exitCode == 0, qPrintable(context + QStringLiteral(": ") + run.err));

            int expectedTotal = 0;
            for (const CopySchemaTable &t : g.tables) {
                const QStringList expected = rowsAsText(
                    source, t.quoted,
                    QStringLiteral("EXISTS (SELECT FROM want w WHERE w.rel = whole_row.tableoid AND w.tid = whole_row.ctid)"));
                const QStringList copied = rowsAsText(target, t.quoted);
                QVERIFY2(copied == expected, qPrintable(QStringLiteral("%1: %2 holds\n  %3\nexpected\n  %4")
                                                            .arg(context, t.quoted, copied.join(QStringLiteral("\n  ")),
                                                                 expected.join(QStringLiteral("\n  ")))));
                expectedTotal += int(expected.size());
                if (!t.identity.isEmpty() && !expected.isEmpty()) {
                    // The next id TARGET hands out is past every id copied.
                    const QString past = target.queryValue(
                        QStringLiteral("SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence('%1', 'id')::regclass), 0) "
                                       ">= max(id) FROM %2")
                            .arg(QString(t.quoted).replace(QLatin1Char('\''), QStringLiteral("''")), t.quoted));
                    QVERIFY2(past == QLatin1String("t"), qPrintable(context + QStringLiteral(": sequence of ") + t.quoted));
                }
            }
            QVERIFY2(expectedTotal > 0, qPrintable(context));
            QCOMPARE(run.json.value(QStringLiteral("rows")).toInt(), expectedTotal);
            QCOMPARE(run.json.value(QStringLiteral("copied")).toInt(), expectedTotal);
            QCOMPARE(target.queryValue(g.danglingKeysSql()), QStringLiteral("0"));

            // The same run again finds every row there already and copies none.
            arguments[arguments.indexOf(QStringLiteral("--on-conflict")) + 1] = QStringLiteral("skip");
            const CliRun again = runCli(arguments);
            QVERIFY2(again.exitCode == 0, qPrintable(context + QStringLiteral(", second run: ") + again.err));
            QCOMPARE(again.json.value(QStringLiteral("copied")).toInt(), 0);
            QCOMPARE(again.json.value(QStringLiteral("skipped")).toInt(), expectedTotal);
        }
    }

    void copyFormatScriptLoadsExactlyTheClosure_data() { targetHoldsExactlyTheClosure_data(); }

    // insert-script --format copy: the same plan as a psql script, loaded after session
    // settings that differ from the source's on purpose (loadScript).
    void copyFormatScriptLoadsExactlyTheClosure()
    {
        QFETCH(quint32, seed);
        const CopySchema g = CopySchema::generate(seed);
        TestDatabase source(QStringLiteral("copyscript"));
        QVERIFY2(source.run(g.sql()), qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(source.error())));
        TestDatabase target(QStringLiteral("copyscriptto"));
        QString error;
        QVERIFY2(copySchema(source, target, &error), qPrintable(error));
        QVERIFY2(source.run(QStringLiteral("CREATE TABLE want (rel oid, tid tid, PRIMARY KEY (rel, tid))")), qPrintable(source.error()));
        QRandomGenerator random(seed * 104729u);
        const CopySchemaTable &root = g.tables[random.bounded(int(g.tables.size()))];
        const QString condition = QStringLiteral("id = %1").arg(1 + random.bounded(root.rows));
        const bool withDependents = random.bounded(2) == 1;
        const bool skip = random.bounded(2) == 1;
        const QString context = QStringLiteral("seed %1, %2 WHERE %3, dependents %4, on conflict do nothing %5")
                                    .arg(seed).arg(root.quoted, condition).arg(withDependents).arg(skip);
        QVERIFY2(source.run(g.expectedRowsSql(root.quoted, condition, withDependents)), qPrintable(source.error()));
        QStringList arguments{QStringLiteral("insert-script"), QStringLiteral("--db"), source.connInfoString(),
                              QStringLiteral("--table"), root.quoted, QStringLiteral("--where"), condition,
                              QStringLiteral("--format"), QStringLiteral("copy")};
        if (withDependents)
            arguments << QStringLiteral("--with-dependents");
        if (skip)
            arguments << QStringLiteral("--on-conflict-do-nothing");
        const CliRun run = runCli(arguments);
        QVERIFY2(run.exitCode == 0, qPrintable(context + QStringLiteral(": ") + run.err));
        const QString script = QString::fromUtf8(run.out);
        QVERIFY2(script.contains(QLatin1String("FROM stdin;\n")), qPrintable(script));
        QVERIFY2(loadScript(target, script, &error), qPrintable(context + QStringLiteral(": ") + error + QStringLiteral("\n") + script));
        if (skip)  // a second load changes nothing
            QVERIFY2(loadScript(target, script, &error), qPrintable(context + QStringLiteral(", second load: ") + error));
        for (const CopySchemaTable &t : g.tables) {
            const QStringList expected = rowsAsText(
                source, t.quoted,
                QStringLiteral("EXISTS (SELECT FROM want w WHERE w.rel = whole_row.tableoid AND w.tid = whole_row.ctid)"));
            QVERIFY2(rowsAsText(target, t.quoted) == expected, qPrintable(context + QStringLiteral(": ") + t.quoted + QStringLiteral("\n") + script));
        }
        QCOMPARE(target.queryValue(g.danglingKeysSql()), QStringLiteral("0"));
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestCopyRandom)
#include "tst_copy_random.moc"
