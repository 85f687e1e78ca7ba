// fkscope-cli copy as a user runs it, on the demo database: the JSON it prints, --dry-run,
// --on-conflict update and --create-schema; and every bad input (an unreachable target, a
// target missing a table or a column, a column of another type, the source itself as the
// target) gets one line on stderr, the exit status of the other commands, and leaves the
// target as it was.
#include "CliRun.h"
#include "InsertScriptCheck.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include "catalog/Identifier.h"

#include <QJsonArray>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

class TestCliCopy : public QObject {
    Q_OBJECT

    TestDatabase *m_shop = nullptr;
    TestDatabase *m_emptyShop = nullptr;  // the schema without rows, copied for each target
    const QStringList m_shopTables{QStringLiteral("users"), QStringLiteral("orders"), QStringLiteral("order_items"),
                                   QStringLiteral("products"), QStringLiteral("categories")};

    QStringList copyOf(const TestDatabase &target, const QStringList &more) const
    {
        return QStringList{QStringLiteral("copy"), QStringLiteral("--db"), m_shop->connInfoString(), QStringLiteral("--to"),
                           target.connInfoString(), QStringLiteral("--table"), QStringLiteral("users"),
                           QStringLiteral("--key"), QStringLiteral("id=1"), QStringLiteral("--with-dependents")}
            + more;
    }

    // Every table of the database with a digest of all its rows, in one query (one psql per
    // table made the suite slow): what "unchanged" is compared with.
    QStringList everything(TestDatabase &db) const
    {
        return db.query(QStringLiteral(
            "SELECT c.oid::regclass, (xpath('/row/d/text()', query_to_xml(format("
            "'SELECT md5(string_agg(t::text, ''|'' ORDER BY t::text)) AS d FROM ONLY %s t', c.oid::regclass), "
            "false, true, '')))[1]::text FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace NOT IN "
            "('pg_catalog'::regnamespace, 'information_schema'::regnamespace) ORDER BY 1"));
    }

    std::unique_ptr<TestDatabase> emptyCopy()
    {
        return std::make_unique<TestDatabase>(QStringLiteral("clicopyto"), *m_emptyShop);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_shop = new TestDatabase(QStringLiteral("clicopy"));
        QVERIFY2(m_shop->runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(m_shop->error()));
        m_emptyShop = new TestDatabase(QStringLiteral("clicopyempty"));
        QString error;
        QVERIFY2(copySchema(*m_shop, *m_emptyShop, &error), qPrintable(error));
    }

    void cleanupTestCase()
    {
        delete m_emptyShop;
        delete m_shop;
    }

    void copyPrintsRowsPerTableAndTheTargetHoldsThem()
    {
        auto target = emptyCopy();
        const CliRun run = runCli(copyOf(*target, {}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.err.isEmpty(), qPrintable(run.err));  // no progress when stderr is not a terminal
        const QJsonArray tables = run.json.value(QStringLiteral("tables")).toArray();
        QVERIFY(!tables.isEmpty());
        int sum = 0;
        for (const QJsonValue &table : tables) {
            const QJsonObject t = table.toObject();
            const QString name = t.value(QStringLiteral("table")).toString();
            QCOMPARE(t.value(QStringLiteral("copied")).toInt(), t.value(QStringLiteral("rows")).toInt());
            // The table's own rows and its partitions', not those of its INHERITS children.
            QCOMPARE(target->queryValue(QStringLiteral("SELECT count(*) FROM %1 t WHERE t.tableoid = '%2'::regclass "
                                                       "OR t.tableoid IN (SELECT relid FROM pg_partition_tree('%2'))")
                                            .arg(name, QString(name).replace(QLatin1Char('\''), QStringLiteral("''")))).toInt(),
                     t.value(QStringLiteral("copied")).toInt());
            sum += t.value(QStringLiteral("copied")).toInt();
        }
        QCOMPARE(run.json.value(QStringLiteral("copied")).toInt(), sum);
        QVERIFY(run.json.value(QStringLiteral("bytes")).toInt() > 0);
        QVERIFY(run.json.contains(QStringLiteral("seconds")));
        QCOMPARE(rowsAsText(*target, QStringLiteral("users"), QStringLiteral("id = 1")),
                 rowsAsText(*m_shop, QStringLiteral("users"), QStringLiteral("id = 1")));
    }

    void dryRunCountsAndWritesNothing()
    {
        auto target = emptyCopy();
        const CliRun dry = runCli(copyOf(*target, {QStringLiteral("--dry-run")}));
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err));
        QCOMPARE(dry.json.value(QStringLiteral("dryRun")).toBool(), true);
        QCOMPARE(dry.json.value(QStringLiteral("copied")).toInt(), 0);
        QVERIFY(dry.json.value(QStringLiteral("rows")).toInt() > 0);
        QCOMPARE(target->queryValue(QStringLiteral("SELECT count(*) FROM users")), QStringLiteral("0"));
        const CliRun real = runCli(copyOf(*target, {}));
        QVERIFY2(real.exitCode == 0, qPrintable(real.err));
        QCOMPARE(real.json.value(QStringLiteral("copied")).toInt(), dry.json.value(QStringLiteral("rows")).toInt());
    }

    // Update matches rows by the primary key: another row with alice's email is in the way of
    // another unique key. The table is named, with no advice to use the option already used.
    void updateStoppedByAnotherUniqueKeyNamesTheTable()
    {
        auto target = emptyCopy();
        const QString email = m_shop->queryValue(QStringLiteral("SELECT email FROM users WHERE id = 1"));
        QVERIFY2(target->run(QStringLiteral("INSERT INTO users (id, email, name) OVERRIDING SYSTEM VALUE VALUES (999, %1, 'someone else')")
                                 .arg(quoteLiteral(email))),
                 qPrintable(target->error()));
        const QStringList before = everything(*target);
        const CliRun failed = runCli(copyOf(*target, {QStringLiteral("--on-conflict"), QStringLiteral("update")}));
        QCOMPARE(failed.exitCode, 4);
        QVERIFY2(failed.err.contains(QLatin1String("target already has rows of public.users (duplicate key")) &&
                     failed.err.contains(QLatin1String("users_email_key")) && !failed.err.contains(QLatin1String("--on-conflict")),
                 qPrintable(failed.err));
        QCOMPARE(everything(*target), before);
    }

    void onConflictUpdateTakesTheSourceValuesAndCountsThem()
    {
        auto target = emptyCopy();
        QCOMPARE(runCli(copyOf(*target, {})).exitCode, 0);
        QVERIFY2(target->run(QStringLiteral("UPDATE users SET email = 'changed@example.org' WHERE id = 1")), qPrintable(target->error()));
        const CliRun failed = runCli(copyOf(*target, {}));
        QCOMPARE(failed.exitCode, 4);
        // The table is named, and the way past it.
        QVERIFY2(failed.err.contains(QLatin1String("target already has rows of public.users (duplicate key")) &&
                     failed.err.contains(QLatin1String("--on-conflict skip or update")),
                 qPrintable(failed.err));
        const CliRun updated = runCli(copyOf(*target, {QStringLiteral("--on-conflict"), QStringLiteral("update")}));
        QVERIFY2(updated.exitCode == 0, qPrintable(updated.err));
        QCOMPARE(updated.json.value(QStringLiteral("copied")).toInt(), 0);
        // Rows of tables without a unique key are there when an identical row is: skipped.
        QCOMPARE(updated.json.value(QStringLiteral("updated")).toInt() + updated.json.value(QStringLiteral("skipped")).toInt(),
                 updated.json.value(QStringLiteral("rows")).toInt());
        QVERIFY(updated.json.value(QStringLiteral("updated")).toInt() > 0);
        QCOMPARE(rowsAsText(*target, QStringLiteral("users"), QStringLiteral("id = 1")),
                 rowsAsText(*m_shop, QStringLiteral("users"), QStringLiteral("id = 1")));
    }

    void createSchemaRestoresTheSourceSchemaFirst()
    {
        TestDatabase target(QStringLiteral("clicopybare"));
        const CliRun refused = runCli(copyOf(target, {}));
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(QLatin1String("--create-schema")), qPrintable(refused.err));
        const CliRun run = runCli(copyOf(target, {QStringLiteral("--create-schema")}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.json.value(QStringLiteral("createdSchema")).toBool(), true);
        // The same rows as a copy into a schema made beforehand.
        auto prepared = emptyCopy();
        QCOMPARE(runCli(copyOf(*prepared, {})).exitCode, 0);
        QCOMPARE(everything(target), everything(*prepared));
    }

    void badInputGetsOneLineAndLeavesTheTargetAsItWas_data()
    {
        QTest::addColumn<QString>("prepare");   // SQL run on the target first
        QTest::addColumn<QString>("to");        // a conninfo instead of the target's; "source" for the source
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unreachable target") << QString() << QStringLiteral("host=/nonexistent-fkscope port=1 dbname=x")
                                            << 3 << "cannot connect to the target";
        QTest::newRow("missing table") << QStringLiteral("DROP TABLE order_items CASCADE") << QString() << 2 << "order_items";
        QTest::newRow("missing column") << QStringLiteral("ALTER TABLE users DROP COLUMN email") << QString() << 2 << "email";
        QTest::newRow("incompatible type")
            << QStringLiteral("ALTER TABLE users ALTER COLUMN name TYPE point USING NULL") << QString() << 2 << "name";
        QTest::newRow("target is the source") << QString() << QStringLiteral("source") << 2 << "source database itself";
        QTest::newRow("no such root table") << QString() << QString() << 2 << "does not exist";
    }

    void badInputGetsOneLineAndLeavesTheTargetAsItWas()
    {
        QFETCH(QString, prepare);
        QFETCH(QString, to);
        QFETCH(int, exitCode);
        QFETCH(QString, mentions);
        auto target = emptyCopy();
        // One row there already, so "unchanged" is not just "empty".
        QVERIFY2(target->run(QStringLiteral("INSERT INTO categories (id, name) VALUES (900, 'kept')")), qPrintable(target->error()));
        if (!prepare.isEmpty())
            QVERIFY2(target->run(prepare), qPrintable(target->error()));
        const QStringList before = everything(*target);
        QStringList arguments = copyOf(*target, {});
        if (to == QLatin1String("source"))
            arguments[4] = m_shop->connInfoString();
        else if (!to.isEmpty())
            arguments[4] = to;
        if (QString::fromLatin1(QTest::currentDataTag()) == QLatin1String("no such root table"))
            arguments[6] = QStringLiteral("no_such_table");
        const CliRun run = runCli(arguments);
        QVERIFY2(run.exitCode == exitCode, qPrintable(QStringLiteral("%1: %2").arg(run.exitCode).arg(run.err)));
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.startsWith(QLatin1String("fkscope-cli: ")) && run.err.count(QLatin1Char('\n')) == 1, qPrintable(run.err));
        QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
        QCOMPARE(everything(*target), before);
        QCOMPARE(everything(*m_shop).size() > 0, true);
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestCliCopy)
#include "tst_cli_copy.moc"
