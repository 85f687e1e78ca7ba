// TimedDryRun against the server: every key's ON DELETE trigger fires once per row deleted
// from its parent table, which is what the prediction says; the locks listed are those
// pg_locks shows for the dry run's backend from another session; and nothing is committed.
#include "TestDatabase.h"
#include "TestMain.h"

#include "catalog/CatalogLoader.h"
#include "db/Connection.h"
#include "db/SqlQuery.h"
#include "impact/DeleteImpactAnalyzer.h"
#include "impact/TimedDryRun.h"
#include "script/DeleteScriptWriter.h"
#include "script/ScriptRunner.h"

#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

namespace {

// Cascades two levels down through an unindexed key, a self-reference, SET NULL, a deferred
// key, a partitioned child, a partitioned parent whose partitions carry cloned keys, and a
// user trigger.
const char *timedSchema = R"SQL(
CREATE TABLE account (id int PRIMARY KEY, parent_id int REFERENCES account ON DELETE CASCADE);
CREATE TABLE orders (id int PRIMARY KEY, account_id int NOT NULL REFERENCES account ON DELETE CASCADE);
CREATE TABLE items (id int PRIMARY KEY, order_id int NOT NULL REFERENCES orders ON DELETE CASCADE);
CREATE TABLE notes (id int PRIMARY KEY, account_id int REFERENCES account ON DELETE SET NULL);
CREATE INDEX ON notes (account_id);
CREATE TABLE audits (id int PRIMARY KEY,
    account_id int REFERENCES account DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE events (id int, account_id int REFERENCES account ON DELETE CASCADE) PARTITION BY RANGE (id);
CREATE TABLE events_low PARTITION OF events FOR VALUES FROM (0) TO (100);
CREATE TABLE events_high PARTITION OF events FOR VALUES FROM (100) TO (MAXVALUE);
CREATE TABLE shipments (id int, order_id int NOT NULL REFERENCES orders ON DELETE CASCADE, PRIMARY KEY (id))
    PARTITION BY RANGE (id);
CREATE TABLE shipments_a PARTITION OF shipments FOR VALUES FROM (0) TO (50);
CREATE TABLE shipments_b PARTITION OF shipments FOR VALUES FROM (50) TO (MAXVALUE);
CREATE TABLE parcels (id int PRIMARY KEY, shipment_id int REFERENCES shipments ON DELETE CASCADE);
CREATE TABLE blockers (id int PRIMARY KEY, account_id int REFERENCES account ON DELETE RESTRICT);
CREATE TABLE deleted_items (id int);
CREATE FUNCTION remember_item() RETURNS trigger LANGUAGE plpgsql AS
  $$BEGIN INSERT INTO deleted_items VALUES (OLD.id); RETURN OLD; END$$;
CREATE TRIGGER items_remember AFTER DELETE ON items FOR EACH ROW EXECUTE FUNCTION remember_item();

INSERT INTO account VALUES (1, NULL), (2, 1), (3, 2), (4, NULL), (5, NULL);
INSERT INTO orders SELECT g, 1 + g % 3 FROM generate_series(1, 30) g;
INSERT INTO items SELECT g, 1 + g % 30 FROM generate_series(1, 300) g;
INSERT INTO notes SELECT g, 1 + g % 5 FROM generate_series(1, 20) g;
INSERT INTO audits SELECT g, 4 FROM generate_series(1, 3) g;
INSERT INTO events SELECT g, 1 + g % 4 FROM generate_series(1, 200) g;
INSERT INTO shipments SELECT g, 1 + g % 30 FROM generate_series(1, 90) g;
INSERT INTO parcels SELECT g, 1 + g % 90 FROM generate_series(1, 180) g;
INSERT INTO blockers VALUES (1, 5);
)SQL";

struct TimedFixture {
    std::unique_ptr<Connection> connection;
    Catalog catalog;
};

TimedFixture openTimedFixture(const TestDatabase &db)
{
    TimedFixture fixture;
    auto connection = Connection::open(db.connInfo());
    if (!connection)
        qFatal("cannot connect: %s", qPrintable(connection.error().message));
    fixture.connection = connection.take();
    auto catalog = CatalogLoader(*fixture.connection).load();
    if (!catalog)
        qFatal("cannot load the catalog: %s", qPrintable(catalog.error().message));
    fixture.catalog = catalog.take();
    return fixture;
}

DeleteRoot accountRoot(int id)
{
    DeleteRoot root;
    root.table = QStringLiteral("account");
    root.key = {{QStringLiteral("id"), QString::number(id)}};
    return root;
}

// Every table's row count, read by psql in a session of its own.
QStringList rowCounts(TestDatabase &db)
{
    return db.query(QStringLiteral(
        "SELECT format('%s %s', c.oid::regclass, (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n "
        "FROM ONLY %s', c.oid::regclass), false, true, '')))[1]::text) FROM pg_class c "
        "WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace ORDER BY 1"));
}

// The locks of backend pid as another session sees them, in the order of fkscope's list;
// pg_catalog relations left out on both sides (fkscope's own catalog reads take those).
QStringList locksSeenFromOutside(TestDatabase &db, qint64 pid)
{
    return db.query(QStringLiteral(
        "SELECT format('%s %s %s %s', l.locktype, coalesce((SELECT format('%I.%I', (SELECT nspname FROM pg_namespace WHERE oid = relnamespace), "
        "relname) FROM pg_class WHERE oid = l.relation), ''), l.mode, l.granted) "
        "FROM pg_locks l WHERE l.pid = %1 AND (l.locktype <> 'relation' OR l.relation IN "
        "(SELECT oid FROM pg_class WHERE relnamespace <> 'pg_catalog'::regnamespace)) ORDER BY 1")
                        .arg(pid));
}

QStringList lockLines(const std::vector<HeldLock> &locks)
{
    QStringList lines;
    for (const HeldLock &l : locks)
        lines << QStringLiteral("%1 %2 %3 %4").arg(l.lockType, l.relation, l.mode, l.granted ? QStringLiteral("t")
                                                                                           : QStringLiteral("f"));
    lines.sort();
    return lines;
}

qint64 backendPid(Connection &connection)
{
    auto pid = runQuery(connection.database(), QStringLiteral("SELECT pg_backend_pid()"));
    return pid && pid->next() ? pid->value(0).toLongLong() : 0;
}

QString currentXid(Connection &connection)
{
    auto xid = runQuery(connection.database(), QStringLiteral("SELECT pg_current_xact_id_if_assigned()::text"));
    return xid && xid->next() ? xid->value(0).toString() : QString();
}

} // namespace

class TestTimedDryRun : public QObject {
    Q_OBJECT

    TestDatabase *m_db = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        m_db = new TestDatabase(QStringLiteral("timed"));
        QVERIFY2(m_db->run(QString::fromUtf8(timedSchema)), qPrintable(m_db->error()));
    }

    void cleanupTestCase() { delete m_db; }

    void eachKeysDeleteTriggerFiresOncePerParentRowThePredictionDeletes_data()
    {
        QTest::addColumn<int>("account");
        for (int id : {1, 2, 3})
            QTest::newRow(qPrintable(QStringLiteral("account %1").arg(id))) << id;
    }

    void eachKeysDeleteTriggerFiresOncePerParentRowThePredictionDeletes()
    {
        QFETCH(int, account);
        TimedFixture fixture = openTimedFixture(*m_db);
        auto impact = DeleteImpactAnalyzer(*fixture.connection, fixture.catalog).analyze(accountRoot(account));
        QVERIFY2(impact, qPrintable(impact.error().message));
        QCOMPARE(impact->fails, std::optional<bool>(false));
        auto timing = TimedDryRun(*fixture.connection, fixture.catalog).timeDelete(accountRoot(account));
        QVERIFY2(timing, qPrintable(timing.error().message));
        QVERIFY2(!timing->before.error, qPrintable(timing->before.error ? timing->before.error->message : QString()));

        // The equality: a key's action trigger on DELETE sits on its parent table (on each
        // partition of a partitioned one) and fires once per row deleted there, so its calls
        // are the prediction's deleted count of the key's parent table.
        QHash<QString, qint64> deleted;
        for (const auto &[table, rows] : impact->deleted)
            deleted.insert(table, rows);
        int keysChecked = 0;
        for (const ForeignKey &key : fixture.catalog.foreignKeys) {
            const qint64 expected = deleted.value(key.parent);
            const KeyTiming *timed = timing->before.key(key.oid);
            QCOMPARE(timed ? timed->parentDeleteCalls : 0, expected);
            if (timed) {
                QVERIFY(timed->calls >= timed->parentDeleteCalls);
                QVERIFY(timed->milliseconds >= 0);
            }
            keysChecked += expected > 0;
        }
        QVERIFY(keysChecked >= 4);
        // Costliest first.
        for (size_t i = 1; i < timing->before.keys.size(); ++i)
            QVERIFY(timing->before.keys[i - 1].milliseconds >= timing->before.keys[i].milliseconds);
        // The catalog's index check: items.order_id has no index, notes.account_id has one.
        for (const KeyTiming &k : timing->before.keys) {
            if (k.table == QLatin1String("public.items"))
                QVERIFY(!k.indexed);
            if (k.table == QLatin1String("public.notes"))
                QVERIFY(k.indexed);
        }
        // The user's trigger on items is reported apart from the keys when items lose rows.
        const bool itemsDeleted = deleted.value(QStringLiteral("public.items")) > 0;
        QCOMPARE(timing->before.otherTriggers.size(), size_t(itemsDeleted ? 1 : 0));
        if (itemsDeleted)
            QCOMPARE(timing->before.otherTriggers.front().calls, deleted.value(QStringLiteral("public.items")));
    }

    void theLocksListedAreThoseOfTheBackendAndNothingIsCommitted()
    {
        TimedFixture fixture = openTimedFixture(*m_db);
        const qint64 pid = backendPid(*fixture.connection);
        QVERIFY(pid > 0);
        const QStringList countsBefore = rowCounts(*m_db);
        QStringList outside, countsDuring;
        QString xid;
        TimedDryRun dryRun(*fixture.connection, fixture.catalog);
        Connection *timedConnection = fixture.connection.get();
        dryRun.setBeforeRollback([this, pid, timedConnection, &outside, &countsDuring, &xid] {
            outside = locksSeenFromOutside(*m_db, pid);
            countsDuring = rowCounts(*m_db);
            xid = currentXid(*timedConnection);
        });
        auto timing = dryRun.timeDelete(accountRoot(1));
        QVERIFY2(timing, qPrintable(timing.error().message));
        QVERIFY(!timing->before.error);

        QStringList listed = lockLines(timing->before.locks);
        outside.sort();
        QCOMPARE(listed, outside);
        QVERIFY(listed.contains(QStringLiteral("relation public.account RowExclusiveLock t")));
        QVERIFY(listed.contains(QStringLiteral("relation public.items RowExclusiveLock t")));

        // The DELETE wrote (it has a transaction id), and that transaction was rolled back.
        QVERIFY(!xid.isEmpty());
        QCOMPARE(m_db->queryValue(QStringLiteral("SELECT pg_xact_status('%1'::xid8)").arg(xid)),
                 QStringLiteral("aborted"));
        QCOMPARE(countsDuring, countsBefore);
        QCOMPARE(rowCounts(*m_db), countsBefore);
        QVERIFY(fixture.connection->isIdle());
    }

    void aBlockedDeleteReportsTheServersErrorAndKeepsNothing_data()
    {
        QTest::addColumn<int>("account");
        QTest::newRow("a deferred key, checked at once") << 4;
        QTest::newRow("a RESTRICT key") << 5;
    }

    void aBlockedDeleteReportsTheServersErrorAndKeepsNothing()
    {
        QFETCH(int, account);
        TimedFixture fixture = openTimedFixture(*m_db);
        const QStringList countsBefore = rowCounts(*m_db);
        auto timing = TimedDryRun(*fixture.connection, fixture.catalog).timeDelete(accountRoot(account));
        QVERIFY2(timing, qPrintable(timing.error().message));
        QVERIFY(timing->before.error.has_value());
        QCOMPARE(timing->before.error->sqlstate, QStringLiteral("23503"));
        QVERIFY(timing->before.keys.empty());
        QCOMPARE(rowCounts(*m_db), countsBefore);
        QVERIFY(fixture.connection->isIdle());
    }

    void aTriedIndexServesTheKeyInTheSecondPassAndIsRolledBack()
    {
        TimedFixture fixture = openTimedFixture(*m_db);
        auto keys = TimedDryRun::resolveIndexesToTry(*fixture.connection, fixture.catalog,
                                                     {QStringLiteral("items:items_order_id_fkey")});
        QVERIFY2(keys, qPrintable(keys.error().message));
        QCOMPARE(keys->size(), size_t(1));
        const qint64 keyOid = keys->front()->oid;
        const QString indexesBefore = m_db->queryValue(QStringLiteral("SELECT count(*) FROM pg_index"));
        QString xid;
        TimedDryRun dryRun(*fixture.connection, fixture.catalog);
        dryRun.setIndexesToTry(keys.value());
        Connection *timedConnection = fixture.connection.get();
        dryRun.setBeforeRollback([timedConnection, &xid] { xid = currentXid(*timedConnection); });
        auto timing = dryRun.timeDelete(accountRoot(1));
        QVERIFY2(timing, qPrintable(timing.error().message));
        QVERIFY(timing->after.has_value());
        QVERIFY(!timing->after->error);
        QCOMPARE(timing->indexes.size(), size_t(1));
        QCOMPARE(timing->indexes.front().sql, QStringLiteral(R"(CREATE INDEX ON "public"."items" ("order_id"))"));
        QVERIFY(!timing->before.key(keyOid)->indexed);
        QVERIFY(timing->after->key(keyOid)->indexed);
        QCOMPARE(timing->after->key(keyOid)->parentDeleteCalls, timing->before.key(keyOid)->parentDeleteCalls);
        // CREATE INDEX holds a SHARE lock on the child table until the rollback.
        QVERIFY(lockLines(timing->after->locks).contains(QStringLiteral("relation public.items ShareLock t")));
        QVERIFY(!lockLines(timing->before.locks).contains(QStringLiteral("relation public.items ShareLock t")));
        QCOMPARE(m_db->queryValue(QStringLiteral("SELECT count(*) FROM pg_index")), indexesBefore);
        QCOMPARE(m_db->queryValue(QStringLiteral("SELECT pg_xact_status('%1'::xid8)").arg(xid)),
                 QStringLiteral("aborted"));
    }

    void anIndexedKeyOrAnUnknownOneCannotBeTried()
    {
        TimedFixture fixture = openTimedFixture(*m_db);
        auto indexed = TimedDryRun::resolveIndexesToTry(*fixture.connection, fixture.catalog,
                                                        {QStringLiteral("notes_account_id_fkey")});
        QVERIFY(!indexed);
        QCOMPARE(indexed.error().kind, Error::Kind::Usage);
        QVERIFY2(indexed.error().message.contains(QStringLiteral("already starts with")),
                 qPrintable(indexed.error().message));
        auto unknown = TimedDryRun::resolveIndexesToTry(*fixture.connection, fixture.catalog,
                                                        {QStringLiteral("no_such_fkey")});
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().kind, Error::Kind::Usage);
    }

    void aTimedDeleteScriptFiresEachKeyOncePerParentRowItDeletes()
    {
        TimedFixture fixture = openTimedFixture(*m_db);
        DeleteScriptWriter writer(*fixture.connection, fixture.catalog);
        auto script = writer.write(accountRoot(5));  // a RESTRICT row blocks the plain DELETE
        QVERIFY2(script, qPrintable(script.error().message));
        auto run = ScriptRunner(*fixture.connection, fixture.catalog).dryRun(script.value());
        QVERIFY2(run, qPrintable(run.error().message));
        auto timing = TimedDryRun(*fixture.connection, fixture.catalog).timeScript(script.value());
        QVERIFY2(timing, qPrintable(timing.error().message));
        QVERIFY(!timing->before.error);
        QHash<QString, qint64> deleted;
        for (const TableChange &change : run->changes)
            deleted.insert(change.table, change.deleted);
        QVERIFY(deleted.value(QStringLiteral("public.blockers")) == 1);
        for (const ForeignKey &key : fixture.catalog.foreignKeys) {
            const KeyTiming *timed = timing->before.key(key.oid);
            QCOMPARE(timed ? timed->parentDeleteCalls : 0, deleted.value(key.parent));
        }
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestTimedDryRun)
#include "tst_timeddryrun.moc"
