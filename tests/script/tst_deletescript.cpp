// The delete script on hand-made cases, judged by PostgreSQL: the demo shop, cycles of RESTRICT
// keys, a SET NULL into a NOT NULL column, a table without a primary key, INHERITS, the lock
// taken first, the dry run, and fkscope-cli delete-script as a user runs it.
#include "CliRun.h"
#include "ScriptJudge.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include "catalog/CatalogLoader.h"
#include "db/Connection.h"
#include "impact/DeleteImpactAnalyzer.h"
#include "script/DeleteScriptWriter.h"
#include "script/ScriptRunner.h"

#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

namespace {

Result<SqlScript> writeScript(TestDatabase &db, const DeleteRoot &root, DeleteScriptMode mode)
{
    auto connection = Connection::open(db.connInfo());
    if (!connection)
        return connection.error();
    auto catalog = CatalogLoader(*connection.value()).load();
    if (!catalog)
        return catalog.error();
    DeleteScriptWriter writer(*connection.value(), catalog.value());
    writer.setMode(mode);
    return writer.write(root);
}

QString modeName(DeleteScriptMode mode)
{
    return mode == DeleteScriptMode::Key ? QStringLiteral("key") : QStringLiteral("predicate");
}

} // namespace

class TestDeleteScript : public QObject {
    Q_OBJECT

    // Runs the script of root in a copy of source, and the plain DELETE in a copy of source whose
    // blocking keys cascade; the two must end the same, or, where that DELETE fails, fkscope
    // must refuse to write a script. normalize runs in both before they are compared.
    void checkAgainstCascadingCopy(TestDatabase &source, const DeleteRoot &root, const QString &deleteStatement,
                                   const QString &normalize = {})
    {
        TestDatabase expected(QStringLiteral("dsx"), source);
        QVERIFY2(makeEveryBlockingKeyCascade(expected), qPrintable(expected.error()));
        const bool deletes = expected.run(deleteStatement);
        const QString serverError = expected.error();
        if (!normalize.isEmpty())
            QVERIFY2(expected.run(normalize), qPrintable(expected.error()));
        const QMap<QString, QString> wanted = tableFingerprints(expected);
        for (DeleteScriptMode mode : {DeleteScriptMode::Predicate, DeleteScriptMode::Key}) {
            TestDatabase actual(QStringLiteral("dsa"), source);
            auto script = writeScript(actual, root, mode);
            QVERIFY2(script.ok(), qPrintable(script.error().message));
            QVERIFY2(script->isRunnable() == deletes,
                     qPrintable(QStringLiteral("%1: the cascading DELETE %2; fkscope: %3")
                                    .arg(deleteStatement, deletes ? QStringLiteral("succeeds") : serverError,
                                         script->isRunnable() ? QStringLiteral("a script") : script->refusal)));
            if (!deletes)
                continue;
            QVERIFY2(runScript(actual, script->text()), qPrintable(actual.error() + QLatin1Char('\n') + script->text()));
            if (!normalize.isEmpty())
                QVERIFY2(actual.run(normalize), qPrintable(actual.error()));
            const QMap<QString, QString> got = tableFingerprints(actual);
            QVERIFY2(got == wanted, qPrintable(QStringLiteral("%1, %2 mode: %3")
                                                   .arg(deleteStatement, modeName(mode), describeDifference(wanted, got))));
        }
    }

    TestDatabase *m_shop = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        m_shop = new TestDatabase(QStringLiteral("dsshop"));
        QVERIFY2(m_shop->runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(m_shop->error()));
    }

    void cleanupTestCase() { delete m_shop; }

    void demoShopRoots_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("where");
        QTest::addRow("a user") << "users" << "id = 1";
        QTest::addRow("an order") << "orders" << "id = 2";
        QTest::addRow("a product") << "products" << "id = 1";
        QTest::addRow("a category tree") << "categories" << "id = 2";
        QTest::addRow("the default category (SET DEFAULT to itself)") << "categories" << "id = 1";
        QTest::addRow("several users") << "users" << "id <= 3";
    }

    void demoShopRoots()
    {
        QFETCH(QString, table);
        QFETCH(QString, where);
        // The trigger on order_items logs with an identity and now(): compare what it logged.
        checkAgainstCascadingCopy(*m_shop, {table, {}, where}, QStringLiteral("DELETE FROM %1 WHERE %2").arg(table, where),
                                  QStringLiteral("ALTER TABLE \"Audit\".\"Change Log\" DROP COLUMN \"Entry ID\", "
                                                 "DROP COLUMN \"Changed At\""));
    }

    void cyclesOfRestrictKeysGoInOneStatement()
    {
        TestDatabase db(QStringLiteral("dscycle"));
        QVERIFY2(db.run(QStringLiteral(R"SQL(
CREATE TABLE a (id int PRIMARY KEY, b_id int);
CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a ON DELETE RESTRICT);
ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b ON DELETE RESTRICT;
CREATE TABLE e (id int PRIMARY KEY, boss int REFERENCES e ON DELETE RESTRICT, a_id int REFERENCES a);
INSERT INTO a VALUES (1, NULL), (2, NULL);
INSERT INTO b VALUES (10, 1), (20, 2);
UPDATE a SET b_id = id * 10;
INSERT INTO e VALUES (1, NULL, 1), (2, 1, NULL), (3, 2, NULL), (4, NULL, 2);
)SQL")), qPrintable(db.error()));
        checkAgainstCascadingCopy(db, {QStringLiteral("a"), {{QStringLiteral("id"), QStringLiteral("1")}}, {}},
                                  QStringLiteral("DELETE FROM a WHERE id = 1"));
        // The cycle really is gone, and nothing else.
        TestDatabase copy(QStringLiteral("dscycle2"), db);
        auto script = writeScript(copy, {QStringLiteral("a"), {{QStringLiteral("id"), QStringLiteral("1")}}, {}},
                                  DeleteScriptMode::Key);
        QVERIFY(script.ok());
        QVERIFY2(runScript(copy, script->text()), qPrintable(copy.error()));
        QCOMPARE(copy.queryValue(QStringLiteral("SELECT string_agg(id::text, ',' ORDER BY id) FROM a")), QStringLiteral("2"));
        QCOMPARE(copy.queryValue(QStringLiteral("SELECT string_agg(id::text, ',' ORDER BY id) FROM e")), QStringLiteral("4"));
    }

    void aSetNullIntoNotNullIsRefused()
    {
        TestDatabase db(QStringLiteral("dsnotnull"));
        QVERIFY2(db.run(QStringLiteral(R"SQL(
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES parent ON DELETE SET NULL);
INSERT INTO parent VALUES (1), (2);
INSERT INTO child VALUES (1, 1);
)SQL")), qPrintable(db.error()));
        // PostgreSQL refuses the DELETE...
        QVERIFY(!db.run(QStringLiteral("DELETE FROM parent WHERE id = 1")));
        QVERIFY2(db.error().contains(QLatin1String("null value")), qPrintable(db.error()));
        // ...so fkscope writes no script, says why, and dependents says it fails.
        auto script = writeScript(db, {QStringLiteral("parent"), {{QStringLiteral("id"), QStringLiteral("1")}}, {}},
                                  DeleteScriptMode::Auto);
        QVERIFY(script.ok());
        QVERIFY(!script->isRunnable());
        QVERIFY2(script->refusal.contains(QLatin1String("child_parent_id_fkey")), qPrintable(script->refusal));
        QVERIFY(!script->text().contains(QLatin1String("BEGIN")));
        QVERIFY(runScript(db, script->text()));
        QCOMPARE(db.queryValue(QStringLiteral("SELECT count(*) FROM child")), QStringLiteral("1"));

        auto connection = Connection::open(db.connInfo());
        QVERIFY(connection.ok());
        auto catalog = CatalogLoader(*connection.value()).load();
        QVERIFY(catalog.ok());
        auto impact = DeleteImpactAnalyzer(*connection.value(), catalog.value())
                          .analyze({QStringLiteral("parent"), {{QStringLiteral("id"), QStringLiteral("1")}}, {}});
        QVERIFY(impact.ok());
        QCOMPARE(impact->fails, std::optional<bool>(true));
        // A parent nobody references deletes fine.
        auto other = writeScript(db, {QStringLiteral("parent"), {{QStringLiteral("id"), QStringLiteral("2")}}, {}},
                                 DeleteScriptMode::Auto);
        QVERIFY(other.ok() && other->isRunnable());
    }

    void aTableWithoutPrimaryKeyIsDeletedByPredicate()
    {
        TestDatabase db(QStringLiteral("dsnopk"));
        QVERIFY2(db.run(QStringLiteral(R"SQL(
CREATE TABLE "Parent Table" (id int PRIMARY KEY);
CREATE TABLE log ("parent id" int REFERENCES "Parent Table", note text);
INSERT INTO "Parent Table" VALUES (1), (2);
INSERT INTO log VALUES (1, 'a'), (1, 'a'), (2, 'b'), (NULL, 'c');
)SQL")), qPrintable(db.error()));
        auto script = writeScript(db, {QStringLiteral("\"Parent Table\""), {{QStringLiteral("id"), QStringLiteral("1")}}, {}},
                                  DeleteScriptMode::Key);
        QVERIFY(script.ok());
        QVERIFY2(script->header.join(QLatin1Char('\n')).contains(QLatin1String("by predicate, because public.log")),
                 qPrintable(script->header.join(QLatin1Char('\n'))));
        checkAgainstCascadingCopy(db, {QStringLiteral("\"Parent Table\""), {{QStringLiteral("id"), QStringLiteral("1")}}, {}},
                                  QStringLiteral("DELETE FROM \"Parent Table\" WHERE id = 1"));
    }

    void inheritanceChildrenAreDeletedWithTheRoot()
    {
        TestDatabase db(QStringLiteral("dsinh"));
        QVERIFY2(db.run(QStringLiteral(R"SQL(
CREATE TABLE vehicle (id int PRIMARY KEY, kind text);
CREATE TABLE truck (payload int) INHERITS (vehicle);
ALTER TABLE truck ADD PRIMARY KEY (id);
CREATE TABLE trip (id int PRIMARY KEY, vehicle_id int REFERENCES vehicle);
CREATE TABLE load (id int PRIMARY KEY, truck_id int REFERENCES truck);
INSERT INTO vehicle VALUES (1, 'car'), (2, 'car');
INSERT INTO truck VALUES (3, 'truck', 10), (4, 'truck', 20);
INSERT INTO trip VALUES (1, 1), (2, 2);
INSERT INTO load VALUES (1, 3), (2, 4);
)SQL")), qPrintable(db.error()));
        checkAgainstCascadingCopy(db, {QStringLiteral("vehicle"), {}, QStringLiteral("id IN (1, 3)")},
                                  QStringLiteral("DELETE FROM vehicle WHERE id IN (1, 3)"));
    }

    void theRootIsLockedFirstAndALockWaitGivesUp()
    {
        TestDatabase db(QStringLiteral("dslock"));
        QVERIFY2(db.run(QStringLiteral(R"SQL(
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent);
INSERT INTO parent VALUES (1);
)SQL")), qPrintable(db.error()));
        auto connection = Connection::open(db.connInfo());
        QVERIFY(connection.ok());
        auto catalog = CatalogLoader(*connection.value()).load();
        QVERIFY(catalog.ok());
        DeleteScriptWriter writer(*connection.value(), catalog.value());
        writer.setLockTimeout(300);
        auto script = writer.write({QStringLiteral("parent"), {{QStringLiteral("id"), QStringLiteral("1")}}, {}});
        QVERIFY(script.ok());

        // Another session inserts a child of the root and keeps its transaction open: its key
        // check holds a lock on the root row that FOR UPDATE must wait for.
        QProcess other;
        other.start(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-d"), db.connInfoString(),
                                            QStringLiteral("-c"), QStringLiteral("BEGIN"), QStringLiteral("-c"),
                                            QStringLiteral("INSERT INTO child VALUES (1, 1)"), QStringLiteral("-c"),
                                            QStringLiteral("SELECT pg_sleep(20)")});
        QVERIFY(other.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(db.queryValue(QStringLiteral("SELECT count(*) FROM pg_locks l JOIN pg_class c ON "
                                                               "c.oid = l.relation WHERE c.relname = 'child' AND "
                                                               "l.mode = 'RowExclusiveLock'")),
                                  QStringLiteral("1"), 10000);
        QVERIFY(!runScript(db, script->text()));
        QVERIFY2(db.error().contains(QLatin1String("lock timeout")), qPrintable(db.error()));
        other.kill();
        other.waitForFinished();
        QCOMPARE(db.queryValue(QStringLiteral("SELECT count(*) FROM parent")), QStringLiteral("1"));
    }

    void aDryRunCountsWhatTheServerDidAndKeepsNothing()
    {
        TestDatabase db(QStringLiteral("dsdry"), *m_shop);
        const QMap<QString, QString> before = tableFingerprints(db);
        auto connection = Connection::open(db.connInfo());
        QVERIFY(connection.ok());
        auto catalog = CatalogLoader(*connection.value()).load();
        QVERIFY(catalog.ok());
        auto script = DeleteScriptWriter(*connection.value(), catalog.value())
                          .write({QStringLiteral("orders"), {{QStringLiteral("id"), QStringLiteral("1")}}, {}});
        QVERIFY(script.ok());
        auto run = ScriptRunner(*connection.value(), catalog.value()).dryRun(script.value());
        QVERIFY2(run.ok(), qPrintable(run.error().message));
        QVERIFY(!run->committed);
        QCOMPARE(tableFingerprints(db), before);

        // The counts are those of the real run, table by table.
        QMap<QString, qint64> dryDeleted;
        for (const TableChange &change : run->changes)
            dryDeleted.insert(change.table, change.deleted);
        QVERIFY(runScript(db, script->text()));
        QCOMPARE(dryDeleted.value(QStringLiteral("public.orders")), 1);
        QCOMPARE(dryDeleted.value(QStringLiteral("public.order_items")),
                 before.value(QStringLiteral("public.order_items")).section(QLatin1Char(':'), 0, 0).toLongLong()
                     - db.queryValue(QStringLiteral("SELECT count(*) FROM order_items")).toLongLong());
        QCOMPARE(db.queryValue(QStringLiteral("SELECT count(*) FROM orders WHERE id = 1")), QStringLiteral("0"));
    }

    void aFailingDryRunReportsTheServersError()
    {
        TestDatabase db(QStringLiteral("dsdryfail"), *m_shop);
        auto connection = Connection::open(db.connInfo());
        QVERIFY(connection.ok());
        auto catalog = CatalogLoader(*connection.value()).load();
        QVERIFY(catalog.ok());
        SqlScript script;
        script.statements.push_back({{}, QStringLiteral("DELETE FROM users WHERE id = 1")});
        auto run = ScriptRunner(*connection.value(), catalog.value()).dryRun(script);
        QVERIFY(!run.ok());
        QCOMPARE(run.error().sqlstate, QStringLiteral("23503"));
        QVERIFY2(run.error().message.contains(QLatin1String("statement 1 of 1")), qPrintable(run.error().message));
    }

    void theCliWritesRunsAndDryRuns()
    {
        TestDatabase db(QStringLiteral("dscli"), *m_shop);
        const QStringList base{QStringLiteral("delete-script"), QStringLiteral("--db"), db.connInfoString(),
                               QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--key"),
                               QStringLiteral("id=2")};
        CliRun dry = runCli(base + QStringList{QStringLiteral("--dry-run")});
        QCOMPARE(dry.exitCode, 0);
        QCOMPARE(dry.json.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(dry.json.value(QStringLiteral("committed")).toBool(), false);
        QCOMPARE(dry.json.value(QStringLiteral("deleted")).toObject().value(QStringLiteral("public.users")).toInt(), 1);
        QCOMPARE(db.queryValue(QStringLiteral("SELECT count(*) FROM users WHERE id = 2")), QStringLiteral("1"));

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("delete.sql"));
        CliRun written = runCli(base + QStringList{QStringLiteral("--mode"), QStringLiteral("predicate"),
                                                   QStringLiteral("--output"), path});
        QCOMPARE(written.exitCode, 0);
        QVERIFY(written.out.isEmpty());
        QVERIFY2(db.runFile(path), qPrintable(db.error()));
        QCOMPARE(db.queryValue(QStringLiteral("SELECT count(*) FROM users WHERE id = 2")), QStringLiteral("0"));

        CliRun stdoutScript = runCli(QStringList{QStringLiteral("delete-script"), QStringLiteral("--db"), db.connInfoString(),
                                                 QStringLiteral("--table"), QStringLiteral("orders"), QStringLiteral("--where"),
                                                 QStringLiteral("id > 4")});
        QCOMPARE(stdoutScript.exitCode, 0);
        QVERIFY(stdoutScript.out.contains("BEGIN;"));
        QVERIFY(runScript(db, QString::fromUtf8(stdoutScript.out)));
        QCOMPARE(db.queryValue(QStringLiteral("SELECT count(*) FROM orders WHERE id > 4")), QStringLiteral("0"));
    }

    void theCliSaysWhatIsWrong_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::addRow("bad mode") << QStringList{"--table", "users", "--key", "id=1", "--mode", "fast"} << 2 << "--mode";
        QTest::addRow("no table") << QStringList{"--key", "id=1"} << 2 << "--table";
        QTest::addRow("unknown table") << QStringList{"--table", "nope", "--key", "id=1"} << 2 << "does not exist";
        QTest::addRow("no such row") << QStringList{"--table", "users", "--key", "id=999999"} << 4 << "no row";
        QTest::addRow("bad where") << QStringList{"--table", "users", "--where", "id = = 1"} << 2 << "syntax";
    }

    void theCliSaysWhatIsWrong()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        CliRun run = runCli(QStringList{QStringLiteral("delete-script"), QStringLiteral("--db"), m_shop->connInfoString()}
                            + arguments);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestDeleteScript)
#include "tst_deletescript.moc"
