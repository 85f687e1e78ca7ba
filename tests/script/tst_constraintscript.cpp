// fkscope-cli constraint-script, judged by the server: the script runs with psql, the key then
// has the new actions and keeps everything else (columns, MATCH, deferrability, SET NULL
// columns), the missing index exists, and a DELETE behaves as the new action says.
#include "CliRun.h"
#include "ScriptJudge.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

class TestConstraintScript : public QObject {
    Q_OBJECT

    TestDatabase *m_db = nullptr;

    QString keyState(const QString &name, const QString &table)
    {
        return m_db->queryValue(QStringLiteral(
            "SELECT confdeltype::text || confupdtype::text || confmatchtype::text || condeferrable::int || condeferred::int || "
            "convalidated::int || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conname = '%1' AND conrelid = '%2'::regclass").arg(name, table));
    }

    bool runCliScript(const QStringList &arguments)
    {
        CliRun run = runCli(QStringList{QStringLiteral("constraint-script"), QStringLiteral("--db"), m_db->connInfoString()}
                            + arguments);
        if (run.exitCode != 0) {
            qWarning() << run.err;
            return false;
        }
        return runScript(*m_db, QString::fromUtf8(run.out));
    }

private Q_SLOTS:
    void init()
    {
        m_db = new TestDatabase(QStringLiteral("cscript"));
        QVERIFY2(m_db->run(QStringLiteral(R"SQL(
CREATE TABLE "Parent" (id int PRIMARY KEY, a int, b int, UNIQUE (a, b));
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES "Parent", x int, y int,
    CONSTRAINT "odd key" FOREIGN KEY (x, y) REFERENCES "Parent" (a, b) MATCH FULL ON DELETE SET NULL (y)
        DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE other (id int PRIMARY KEY, parent_id int, CONSTRAINT child_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES "Parent");
CREATE TABLE events (id int, parent_id int REFERENCES "Parent", PRIMARY KEY (id)) PARTITION BY RANGE (id);
CREATE TABLE events_1 PARTITION OF events FOR VALUES FROM (0) TO (100);
CREATE TABLE lax (id int PRIMARY KEY, parent_id int);
INSERT INTO "Parent" VALUES (1, 1, 10), (2, 2, 20);
INSERT INTO child VALUES (1, 1, 1, 10), (2, 2, NULL, NULL);
INSERT INTO other VALUES (1, 1);
INSERT INTO events VALUES (1, 1);
INSERT INTO lax VALUES (1, 1), (2, 99);
ALTER TABLE lax ADD CONSTRAINT lax_parent FOREIGN KEY (parent_id) REFERENCES "Parent" NOT VALID;
)SQL")), qPrintable(m_db->error()));
    }

    void cleanup()
    {
        delete m_db;
        m_db = nullptr;
    }

    void aPlainKeyBecomesCascadeWithItsIndex()
    {
        QVERIFY(runCliScript({QStringLiteral("--constraint"), QStringLiteral("child_parent_id_fkey"), QStringLiteral("--table"),
                              QStringLiteral("child"), QStringLiteral("--on-delete"), QStringLiteral("cascade")}));
        QCOMPARE(keyState(QStringLiteral("child_parent_id_fkey"), QStringLiteral("child")).left(6), QStringLiteral("cas001"));
        QCOMPARE(m_db->queryValue(QStringLiteral("SELECT count(*) FROM pg_index WHERE indrelid = 'child'::regclass "
                                                 "AND indkey[0] = 2")),
                 QStringLiteral("1"));
        // The other table's key of the same name is untouched.
        QCOMPARE(keyState(QStringLiteral("child_parent_id_fkey"), QStringLiteral("other")).left(1), QStringLiteral("a"));
        // The server now cascades.
        QVERIFY(m_db->run(QStringLiteral("DELETE FROM child WHERE id = 1; DELETE FROM other; DELETE FROM events; "
                                         "DELETE FROM lax; DELETE FROM \"Parent\" WHERE id = 2")));
        QCOMPARE(m_db->queryValue(QStringLiteral("SELECT count(*) FROM child")), QStringLiteral("0"));
    }

    void everythingElseOfTheKeyStays()
    {
        const QString before = keyState(QStringLiteral("odd key"), QStringLiteral("child"));
        QVERIFY(runCliScript({QStringLiteral("--constraint"), QStringLiteral("odd key"), QStringLiteral("--on-update"),
                              QStringLiteral("restrict")}));
        const QString after = keyState(QStringLiteral("odd key"), QStringLiteral("child"));
        QCOMPARE(after.left(6), QStringLiteral("nrf111"));
        QCOMPARE(QString(after).remove(QLatin1String(" ON UPDATE RESTRICT")).mid(7), before.mid(7));
    }

    void aPartitionedChildTakesAValidKey()
    {
        QVERIFY(runCliScript({QStringLiteral("--constraint"), QStringLiteral("events_parent_id_fkey"), QStringLiteral("--on-delete"),
                              QStringLiteral("set-null")}));
        QCOMPARE(keyState(QStringLiteral("events_parent_id_fkey"), QStringLiteral("events")).left(6), QStringLiteral("nas001"));
        QVERIFY(m_db->run(QStringLiteral("DELETE FROM child; DELETE FROM other; DELETE FROM lax; DELETE FROM \"Parent\" WHERE id = 1")));
        QCOMPARE(m_db->queryValue(QStringLiteral("SELECT count(*) FROM events WHERE parent_id IS NULL")), QStringLiteral("1"));
    }

    void aNotValidKeyStaysNotValid()
    {
        QVERIFY(runCliScript({QStringLiteral("--constraint"), QStringLiteral("lax_parent"), QStringLiteral("--on-delete"),
                              QStringLiteral("cascade")}));
        QCOMPARE(keyState(QStringLiteral("lax_parent"), QStringLiteral("lax")).left(6), QStringLiteral("cas000"));
    }

    void badInputIsAUsageError_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::addRow("ambiguous name") << QStringList{"--constraint", "child_parent_id_fkey", "--on-delete", "cascade"}
                                        << "say which with --table";
        QTest::addRow("unknown key") << QStringList{"--constraint", "nope", "--on-delete", "cascade"} << "no foreign key";
        QTest::addRow("bad action") << QStringList{"--constraint", "lax_parent", "--on-delete", "explode"} << "not an action";
        QTest::addRow("no action given") << QStringList{"--constraint", "lax_parent"} << "--on-delete";
    }

    void badInputIsAUsageError()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        CliRun run = runCli(QStringList{QStringLiteral("constraint-script"), QStringLiteral("--db"), m_db->connInfoString()}
                            + arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestConstraintScript)
#include "tst_constraintscript.moc"
