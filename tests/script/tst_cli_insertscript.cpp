// fkscope-cli insert-script as a user runs it, on the demo database: the script it prints
// loads into an emptied copy, --output writes the same script, --dry-run answers in JSON
// what PostgreSQL did, and every bad argument gets one line and its exit status.
#include "CliRun.h"
#include "InsertScriptCheck.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include <QFile>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

namespace {

// The header line with the snapshot differs between two runs; nothing else may.
QString withoutSnapshot(QString script)
{
    return script.remove(QRegularExpression(QStringLiteral("-- Read from database [^\n]*\n")));
}

} // namespace

class TestCliInsertScript : public QObject {
    Q_OBJECT

    TestDatabase *m_demo = nullptr;

    QStringList insertScript(const QStringList &more) const
    {
        return QStringList{QStringLiteral("insert-script"), QStringLiteral("--db"), m_demo->connInfoString()} + more;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_demo = new TestDatabase(QStringLiteral("cliins"));
        QVERIFY2(m_demo->runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(m_demo->error()));
    }

    void cleanupTestCase() { delete m_demo; }

    void thePrintedScriptLoadsIntoAnEmptiedCopy()
    {
        CliRun run = runCli(insertScript({QStringLiteral("--table"), QStringLiteral("order_items"), QStringLiteral("--key"),
                                          QStringLiteral("order_id=1"), QStringLiteral("--key"), QStringLiteral("line_no=1")}));
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
        const QString script = QString::fromUtf8(run.out);
        QVERIFY2(script.startsWith(QLatin1String("-- fkscope insert script")), qPrintable(script));
        TestDatabase copy(QStringLiteral("cliinscopy"));
        QString error;
        QVERIFY2(copySchema(*m_demo, copy, &error), qPrintable(error));
        QVERIFY2(loadScript(copy, script, &error), qPrintable(error + script));
        // The line, its order, the order's user and address, the product and its category chain.
        QCOMPARE(rowsAsText(copy, QStringLiteral("order_items")),
                 rowsAsText(*m_demo, QStringLiteral("order_items"), QStringLiteral("order_id = 1 AND line_no = 1")));
        QCOMPARE(rowsAsText(copy, QStringLiteral("orders")), rowsAsText(*m_demo, QStringLiteral("orders"), QStringLiteral("id = 1")));
        QCOMPARE(copy.queryValue(QStringLiteral("SELECT count(*) FROM products")), QStringLiteral("1"));
        QVERIFY(copy.queryValue(QStringLiteral("SELECT count(*) FROM users")).toInt() >= 1);
    }

    void outputWritesTheSameScriptToAFile()
    {
        const QStringList selection{QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--where"),
                                    QStringLiteral("id IN (1, 2)"), QStringLiteral("--with-dependents"),
                                    QStringLiteral("--row-per-insert"), QStringLiteral("--on-conflict-do-nothing")};
        CliRun printed = runCli(insertScript(selection));
        QCOMPARE(printed.exitCode, 0);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("users.sql"));
        CliRun saved = runCli(insertScript(selection + QStringList{QStringLiteral("--output"), path}));
        QCOMPARE(saved.exitCode, 0);
        QVERIFY(saved.out.isEmpty());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QCOMPARE(withoutSnapshot(text), withoutSnapshot(QString::fromUtf8(printed.out)));
        // The options show: dependents (orders), one INSERT per row, ON CONFLICT.
        QVERIFY(text.contains(QLatin1String("INSERT INTO public.orders")));
        QVERIFY(text.count(QLatin1String("INSERT INTO public.users")) >= 2);
        const QRegularExpression inserts(QStringLiteral("^ *VALUES \\("), QRegularExpression::MultilineOption);
        const QRegularExpression skips(QStringLiteral("^ *ON CONFLICT DO NOTHING;?$"), QRegularExpression::MultilineOption);
        QCOMPARE(text.count(inserts), text.count(skips));
    }

    void dryRunIntoTheSameDatabaseSkipsOrFailsOnDuplicates()
    {
        CliRun skipped = runCli(insertScript({QStringLiteral("--table"), QStringLiteral("orders"), QStringLiteral("--key"),
                                              QStringLiteral("id=1"), QStringLiteral("--on-conflict-do-nothing"),
                                              QStringLiteral("--dry-run")}));
        QCOMPARE(skipped.exitCode, 0);
        QCOMPARE(skipped.json.value(QLatin1String("ok")).toBool(), true);
        QCOMPARE(skipped.json.value(QLatin1String("committed")).toBool(), false);
        QCOMPARE(skipped.json.value(QLatin1String("inserted")).toObject(), QJsonObject());

        CliRun failed = runCli(insertScript({QStringLiteral("--table"), QStringLiteral("orders"), QStringLiteral("--key"),
                                             QStringLiteral("id=1"), QStringLiteral("--dry-run")}));
        QCOMPARE(failed.exitCode, 0);
        QCOMPARE(failed.json.value(QLatin1String("ok")).toBool(), false);
        QCOMPARE(failed.json.value(QLatin1String("error")).toObject().value(QLatin1String("sqlstate")).toString(),
                 QStringLiteral("23505"));
        // Nothing was kept.
        QCOMPARE(m_demo->queryValue(QStringLiteral("SELECT count(*) FROM orders WHERE id = 1")), QStringLiteral("1"));
    }

    void dryRunCountsTheRowsItWouldInsert()
    {
        // Into its own database an insert script only inserts what has no unique key to
        // collide with: here the log lines, whose parent is skipped as already there.
        TestDatabase db(QStringLiteral("cliinsdry"));
        QVERIFY2(db.run(QStringLiteral("CREATE TABLE parent (id int PRIMARY KEY);"
                                       "CREATE TABLE log (parent_id int REFERENCES parent, note text);"
                                       "INSERT INTO parent VALUES (1), (2); INSERT INTO log VALUES (1, 'a'), (1, 'b'), (2, 'c')")),
                 qPrintable(db.error()));
        CliRun dry = runCli({QStringLiteral("insert-script"), QStringLiteral("--db"), db.connInfoString(),
                             QStringLiteral("--table"), QStringLiteral("log"), QStringLiteral("--where"),
                             QStringLiteral("parent_id = 1"), QStringLiteral("--on-conflict-do-nothing"),
                             QStringLiteral("--dry-run")});
        QCOMPARE(dry.exitCode, 0);
        QCOMPARE(dry.json.value(QLatin1String("ok")).toBool(), true);
        QCOMPARE(dry.json.value(QLatin1String("inserted")).toObject(), (QJsonObject{{QStringLiteral("public.log"), 2}}));
        QCOMPARE(db.queryValue(QStringLiteral("SELECT count(*) FROM log")), QStringLiteral("3"));
    }

    void badArgumentsGetOneLineAndAStatus_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("no table") << QStringList{QStringLiteral("--key"), QStringLiteral("id=1")} << 2 << QStringLiteral("--table");
        QTest::newRow("unknown table") << QStringList{QStringLiteral("--table"), QStringLiteral("nope"), QStringLiteral("--key"),
                                                      QStringLiteral("id=1")}
                                       << 2 << QStringLiteral("does not exist");
        QTest::newRow("unknown column") << QStringList{QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--key"),
                                                       QStringLiteral("nope=1")}
                                        << 2 << QStringLiteral("no column");
        QTest::newRow("key without value") << QStringList{QStringLiteral("--table"), QStringLiteral("users"),
                                                          QStringLiteral("--key"), QStringLiteral("id")}
                                           << 2 << QStringLiteral("COLUMN=VALUE");
        QTest::newRow("no selection") << QStringList{QStringLiteral("--table"), QStringLiteral("users")} << 2
                                      << QStringLiteral("--where");
        QTest::newRow("bad where") << QStringList{QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--where"),
                                                  QStringLiteral("no_such_column = 1")}
                                   << 2 << QStringLiteral("no_such_column");
        QTest::newRow("where escaping its parentheses") << QStringList{QStringLiteral("--table"), QStringLiteral("users"),
                                                                       QStringLiteral("--where"), QStringLiteral("id = 1) OR (true")}
                                                        << 2 << QStringLiteral("--where must be one SQL condition");
        QTest::newRow("no row matches") << QStringList{QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--key"),
                                                       QStringLiteral("id=99999")}
                                        << 4 << QStringLiteral("no row");
        QTest::newRow("orphan of a NOT VALID key") << QStringList{QStringLiteral("--table"), QStringLiteral("orders"),
                                                                  QStringLiteral("--key"), QStringLiteral("id=12")}
                                                   << 4 << QStringLiteral("orders_coupon_code_fkey");
        QTest::newRow("dry run and output") << QStringList{QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--key"),
                                                           QStringLiteral("id=1"), QStringLiteral("--dry-run"),
                                                           QStringLiteral("--output"), QStringLiteral("x.sql")}
                                            << 2 << QStringLiteral("not both");
    }

    void badArgumentsGetOneLineAndAStatus()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        CliRun run = runCli(insertScript(arguments));
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0);
    }

    void aServerThatIsNotThereIsAConnectionError()
    {
        CliRun run = runCli({QStringLiteral("insert-script"), QStringLiteral("--db"),
                             QStringLiteral("host=/nonexistent port=1 dbname=x connect_timeout=2"), QStringLiteral("--table"),
                             QStringLiteral("users"), QStringLiteral("--key"), QStringLiteral("id=1")});
        QCOMPARE(run.exitCode, 3);
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestCliInsertScript)
#include "tst_cli_insertscript.moc"
