// fkscope-cli dependents --timed and delete-script --dry-run --timed on the demo database:
// each key's ON DELETE trigger calls equal the rows deleted from its parent table (the
// prediction's "deleted", or the dry run's counts), nothing is kept, and every bad use of
// --timed / --with-index exits 2 with one line.
#include "CliRun.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

namespace {

QStringList demoRowCounts(TestDatabase &db)
{
    return db.query(QStringLiteral(
        "SELECT format('%s %s', c.oid::regclass, (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n "
        "FROM ONLY %s', c.oid::regclass), false, true, '')))[1]::text) FROM pg_class c "
        "WHERE c.relkind = 'r' AND c.relnamespace <> ALL (ARRAY['pg_catalog', 'information_schema', 'pg_toast']"
        "::regnamespace[]) ORDER BY 1"));
}

// Every key the timing lists: its ON DELETE trigger calls against deleted[parent]; keys not
// listed fired no trigger, so their parent must have lost no row.
QString parentDeleteMismatch(const QJsonObject &timing, const QJsonObject &deleted, int *checked)
{
    QSet<QString> listedParents;
    for (const QJsonValue &value : timing[QStringLiteral("keys")].toArray()) {
        const QJsonObject key = value.toObject();
        const QString parent = key[QStringLiteral("parent")].toString();
        const qint64 expected = deleted[parent].toInteger();
        if (key[QStringLiteral("parent_delete_calls")].toInteger() != expected)
            return QStringLiteral("%1: %2 calls, %3 rows deleted from %4")
                .arg(key[QStringLiteral("constraint")].toString())
                .arg(key[QStringLiteral("parent_delete_calls")].toInteger())
                .arg(expected)
                .arg(parent);
        listedParents.insert(parent);
        ++*checked;
    }
    Q_UNUSED(listedParents);
    return {};
}

} // namespace

class TestTimedCli : public QObject {
    Q_OBJECT

    TestDatabase *m_db = nullptr;

    QStringList dependents(const QString &table, const QString &key) const
    {
        return {QStringLiteral("dependents"), QStringLiteral("--db"), m_db->connInfoString(), QStringLiteral("--table"),
                table, QStringLiteral("--key"), key};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = new TestDatabase(QStringLiteral("timedcli"));
        QVERIFY2(m_db->runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(m_db->error()));
    }

    void cleanupTestCase() { delete m_db; }

    void everyUserAndOrderTimedMatchesThePrediction()
    {
        const QStringList before = demoRowCounts(*m_db);
        int keysChecked = 0, passing = 0, failing = 0;
        for (const QString &table : {QStringLiteral("users"), QStringLiteral("orders"), QStringLiteral("products")}) {
            for (const QString &id : m_db->query(QStringLiteral("SELECT id FROM %1 ORDER BY id").arg(table))) {
                const CliRun run = runCli(dependents(table, QStringLiteral("id=") + id) << QStringLiteral("--timed"));
                QVERIFY2(run.exitCode == 0, qPrintable(table + id + run.err));
                const QJsonObject timing = run.json[QStringLiteral("timing")].toObject();
                QVERIFY(!timing.isEmpty());
                QCOMPARE(timing[QStringLiteral("rolled_back")].toBool(), true);
                const bool fails = run.json[QStringLiteral("delete")][QStringLiteral("fails")].toBool();
                // The server agrees with the prediction's verdict, deferred keys included.
                QCOMPARE(timing[QStringLiteral("ok")].toBool(), !fails);
                if (fails) {
                    QCOMPARE(timing[QStringLiteral("error")][QStringLiteral("sqlstate")].toString(),
                             QStringLiteral("23503"));
                    ++failing;
                    continue;
                }
                ++passing;
                const QString mismatch = parentDeleteMismatch(
                    timing, run.json[QStringLiteral("delete")][QStringLiteral("deleted")].toObject(), &keysChecked);
                QVERIFY2(mismatch.isEmpty(), qPrintable(QStringLiteral("%1 id=%2: %3").arg(table, id, mismatch)));
                QVERIFY(!timing[QStringLiteral("locks")].toArray().isEmpty());
            }
        }
        QVERIFY2(passing > 0 && failing > 0 && keysChecked > 10,
                 qPrintable(QStringLiteral("%1 %2 %3").arg(passing).arg(failing).arg(keysChecked)));
        QCOMPARE(demoRowCounts(*m_db), before);
    }

    void aTimedDeleteScriptMatchesItsOwnDryRunCounts()
    {
        const QStringList before = demoRowCounts(*m_db);
        const CliRun run = runCli({QStringLiteral("delete-script"), QStringLiteral("--db"), m_db->connInfoString(),
                                   QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--key"),
                                   QStringLiteral("id=1"), QStringLiteral("--dry-run"), QStringLiteral("--timed")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.json[QStringLiteral("ok")].toBool(), true);
        const QJsonObject timing = run.json[QStringLiteral("timing")].toObject();
        QVERIFY2(timing[QStringLiteral("ok")].toBool(), qPrintable(QString::fromUtf8(run.out)));
        int keysChecked = 0;
        const QString mismatch = parentDeleteMismatch(timing, run.json[QStringLiteral("deleted")].toObject(), &keysChecked);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QVERIFY(keysChecked > 3);
        QCOMPARE(demoRowCounts(*m_db), before);
    }

    void withIndexTimesTwiceAndSaysItLocks()
    {
        const QString indexesBefore = m_db->queryValue(QStringLiteral("SELECT count(*) FROM pg_index"));
        // shipments.order_id has no index in the demo (Lint lists it); order 7 has a shipment.
        const CliRun run = runCli(dependents(QStringLiteral("orders"), QStringLiteral("id=7"))
                                  << QStringLiteral("--timed") << QStringLiteral("--with-index")
                                  << QStringLiteral("shipments:shipments_order_id_fkey"));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("SHARE lock on public.shipments")), qPrintable(run.err));
        const QJsonObject withIndex = run.json[QStringLiteral("timing")][QStringLiteral("with_index")].toObject();
        QCOMPARE(withIndex[QStringLiteral("indexes")].toArray().size(), 1);
        QVERIFY(withIndex[QStringLiteral("indexes")][0][QStringLiteral("lock")].toString().contains(
            QStringLiteral("SHARE lock")));
        const QJsonObject after = withIndex[QStringLiteral("after")].toObject();
        QCOMPARE(after[QStringLiteral("ok")].toBool(), true);
        bool sawShareLock = false, indexedAfter = false;
        for (const QJsonValue &lock : after[QStringLiteral("locks")].toArray())
            sawShareLock = sawShareLock || (lock[QStringLiteral("relation")] == QStringLiteral("public.shipments")
                                            && lock[QStringLiteral("mode")] == QStringLiteral("ShareLock"));
        for (const QJsonValue &key : after[QStringLiteral("keys")].toArray())
            indexedAfter = indexedAfter || (key[QStringLiteral("constraint")] == QStringLiteral("shipments_order_id_fkey")
                                            && key[QStringLiteral("indexed")].toBool());
        QVERIFY(sawShareLock);
        QVERIFY(indexedAfter);
        QVERIFY(withIndex.contains(QStringLiteral("saved_ms")));
        QCOMPARE(m_db->queryValue(QStringLiteral("SELECT count(*) FROM pg_index")), indexesBefore);
    }

    void aTimedDeleteThatOutlastsTheTimeoutExitsFourAndKeepsNothing()
    {
        TestDatabase slow(QStringLiteral("timedslow"));
        QVERIFY2(slow.run(QStringLiteral(R"(
            CREATE TABLE parent (id int PRIMARY KEY);
            CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent ON DELETE CASCADE);
            CREATE FUNCTION linger() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN PERFORM pg_sleep(3); RETURN OLD; END$$;
            CREATE TRIGGER child_linger AFTER DELETE ON child FOR EACH ROW EXECUTE FUNCTION linger();
            INSERT INTO parent VALUES (1); INSERT INTO child VALUES (1, 1);)")),
                 qPrintable(slow.error()));
        const CliRun run = runCli({QStringLiteral("dependents"), QStringLiteral("--db"), slow.connInfoString(),
                                   QStringLiteral("--table"), QStringLiteral("parent"), QStringLiteral("--key"),
                                   QStringLiteral("id=1"), QStringLiteral("--timed"), QStringLiteral("--statement-timeout"),
                                   QStringLiteral("1000")});
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains(QStringLiteral("the timed dry run stopped")) && run.err.contains(QStringLiteral("SQLSTATE 57014")), qPrintable(run.err));
        QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0);
        QCOMPARE(slow.queryValue(QStringLiteral("SELECT count(*) FROM child")), QStringLiteral("1"));
    }

    void badUsesExitTwoWithOneLine_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("message");
        QTest::newRow("--with-index without --timed")
            << QStringList{QStringLiteral("--with-index"), QStringLiteral("shipments_order_id_fkey")}
            << QStringLiteral("--with-index needs --timed");
        QTest::newRow("--timed with --assume")
            << QStringList{QStringLiteral("--timed"), QStringLiteral("--assume"), QStringLiteral("orders_user_id_fkey=cascade")}
            << QStringLiteral("cannot be combined with --assume");
        QTest::newRow("an indexed key")
            << QStringList{QStringLiteral("--timed"), QStringLiteral("--with-index"), QStringLiteral("order_items_order_id_fkey")}
            << QStringLiteral("already starts with");
        QTest::newRow("no such key")
            << QStringList{QStringLiteral("--timed"), QStringLiteral("--with-index"), QStringLiteral("nope_fkey")}
            << QStringLiteral("no foreign key is named nope_fkey");
    }

    void badUsesExitTwoWithOneLine()
    {
        QFETCH(QStringList, extra);
        QFETCH(QString, message);
        const CliRun run = runCli(dependents(QStringLiteral("users"), QStringLiteral("id=1")) + extra);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY(run.out.isEmpty());
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestTimedCli)
#include "tst_timed_cli.moc"
