// fkscope-cli dependents --assume by hand: quoted and folded names, a bare name, a table
// resolved through search_path, a partitioned child, and one clear line with exit 2 for every
// --assume that names no key.
#include "CliRun.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

namespace {

const char *whatIfSchema = R"SQL(
CREATE SCHEMA crm;
CREATE TABLE crm.tenants (id int PRIMARY KEY, CONSTRAINT tenants_id_check CHECK (id > 0));
CREATE TABLE crm."Projects" (id int PRIMARY KEY,
    tenant_id int CONSTRAINT "Projects:tenant=fk" REFERENCES crm.tenants ON DELETE RESTRICT);
CREATE TABLE crm.tasks (id int PRIMARY KEY, tenant_id int CONSTRAINT owner_fk REFERENCES crm.tenants);
CREATE TABLE public.notes (id int PRIMARY KEY,
    tenant_id int NOT NULL DEFAULT 1 CONSTRAINT owner_fk REFERENCES crm.tenants ON DELETE SET NULL);
CREATE TABLE crm.events (id int, tenant_id int CONSTRAINT events_tenant_fk REFERENCES crm.tenants,
    PRIMARY KEY (id)) PARTITION BY RANGE (id);
CREATE TABLE crm.events_low PARTITION OF crm.events FOR VALUES FROM (0) TO (10);
CREATE TABLE crm.events_high PARTITION OF crm.events FOR VALUES FROM (10) TO (MAXVALUE);
INSERT INTO crm.tenants VALUES (1), (2);
INSERT INTO crm."Projects" VALUES (1, 1), (2, 2);
INSERT INTO crm.tasks VALUES (1, 1), (2, 2), (3, 2);
INSERT INTO public.notes VALUES (1, 1), (2, 2);
INSERT INTO crm.events VALUES (1, 2), (11, 2), (12, 1);
)SQL";

} // namespace

class TestWhatIfCli : public QObject {
    Q_OBJECT

    TestDatabase *m_db = nullptr;

    QStringList deleteTenant2(const QStringList &assumes) const
    {
        QStringList arguments{QStringLiteral("dependents"), QStringLiteral("--db"), m_db->connInfoString(),
                              QStringLiteral("--table"), QStringLiteral("crm.tenants"), QStringLiteral("--key"),
                              QStringLiteral("id=2")};
        for (const QString &a : assumes)
            arguments << QStringLiteral("--assume") << a;
        return arguments;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = new TestDatabase(QStringLiteral("whatifcli"));
        QVERIFY2(m_db->run(QString::fromUtf8(whatIfSchema)), qPrintable(m_db->error()));
    }

    void cleanupTestCase() { delete m_db; }

    void withoutAssumeTheAnswerHasNoAssumedList()
    {
        const CliRun run = runCli(deleteTenant2({}));
        QCOMPARE(run.exitCode, 0);
        QVERIFY(!run.json.contains(QStringLiteral("assumed")));
        // As the keys are: RESTRICT, NO ACTION and a SET NULL into a NOT NULL column block it.
        QCOMPARE(run.json[QStringLiteral("delete")][QStringLiteral("fails")].toBool(), true);
    }

    void assumedActionsChangeTheVerdictAndAreListed()
    {
        const CliRun run = runCli(deleteTenant2({
            QStringLiteral(R"("crm"."Projects":"Projects:tenant=fk"=cascade)"),  // quoted, with : and = inside
            QStringLiteral("crm.tasks:OWNER_FK = Cascade"),                       // unquoted names fold to lower case
            QStringLiteral("notes:owner_fk=set default"),                         // no schema: search_path
            QStringLiteral("events_tenant_fk=cascade"),                           // bare and unique; a partitioned child
        }));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject del = run.json[QStringLiteral("delete")].toObject();
        QCOMPARE(del[QStringLiteral("fails")].toBool(), false);
        QCOMPARE(del[QStringLiteral("deleted")][QStringLiteral("crm.\"Projects\"")].toInt(), 1);
        QCOMPARE(del[QStringLiteral("deleted")][QStringLiteral("crm.tasks")].toInt(), 2);
        QCOMPARE(del[QStringLiteral("deleted")][QStringLiteral("crm.events")].toInt(), 2);
        QCOMPARE(del[QStringLiteral("updated")][QStringLiteral("public.notes")].toInt(), 1);

        const QJsonArray assumed = run.json[QStringLiteral("assumed")].toArray();
        QCOMPARE(assumed.size(), 4);
        const QJsonObject first = assumed[0].toObject();
        QCOMPARE(first[QStringLiteral("table")].toString(), QStringLiteral("crm.\"Projects\""));
        QCOMPARE(first[QStringLiteral("constraint")].toString(), QStringLiteral("Projects:tenant=fk"));
        QCOMPARE(first[QStringLiteral("on_delete")].toString(), QStringLiteral("cascade"));
        QCOMPARE(assumed[2].toObject()[QStringLiteral("table")].toString(), QStringLiteral("public.notes"));
        QCOMPARE(assumed[2].toObject()[QStringLiteral("on_delete")].toString(), QStringLiteral("set default"));
        // The tree shows the assumed action too.
        bool treeShowsIt = false;
        for (const QJsonValue edge : run.json[QStringLiteral("tree")].toArray())
            treeShowsIt |= edge[QStringLiteral("constraint")] == QStringLiteral("Projects:tenant=fk")
                && edge[QStringLiteral("on_delete")] == QStringLiteral("cascade");
        QVERIFY(treeShowsIt);
    }

    void badAssumeIsOneLineAndExitTwo_data()
    {
        QTest::addColumn<QString>("assume");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown table") << "nosuch:owner_fk=cascade" << "table 'nosuch' does not exist";
        QTest::newRow("unknown constraint on a table") << "crm.tasks:nosuch=cascade"
                                                       << "crm.tasks has no foreign key named nosuch";
        QTest::newRow("unknown constraint") << "nosuch=cascade" << "no foreign key is named nosuch";
        QTest::newRow("ambiguous constraint")
            << "owner_fk=cascade" << "owner_fk is a foreign key of several tables (crm.tasks, public.notes): write TABLE:owner_fk";
        QTest::newRow("unknown action") << "events_tenant_fk=delete" << "unknown ON DELETE action 'delete'";
        QTest::newRow("a primary key") << "tenants_pkey=cascade"
                                       << "tenants_pkey on crm.tenants is a primary key, not a foreign key";
        QTest::newRow("a check constraint") << "crm.tenants:tenants_id_check=set null"
                                            << "tenants_id_check on crm.tenants is a CHECK constraint, not a foreign key";
        QTest::newRow("a partition's copy") << "crm.events_low:events_tenant_fk=cascade"
                                            << "events_tenant_fk on crm.events_low is a partition's copy of a key";
        QTest::newRow("no action given") << "events_tenant_fk" << "--assume takes TABLE:CONSTRAINT=ACTION";
        QTest::newRow("quote left open") << "\"crm.tasks:owner_fk=cascade" << "--assume takes TABLE:CONSTRAINT=ACTION";
    }

    void badAssumeIsOneLineAndExitTwo()
    {
        QFETCH(QString, assume);
        QFETCH(QString, message);
        const CliRun run = runCli(deleteTenant2({assume}));
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.startsWith(QStringLiteral("fkscope-cli: --assume")), qPrintable(run.err));
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0);
    }

    void aKeyAssumedTwiceIsAUsageError()
    {
        const CliRun run = runCli(deleteTenant2({QStringLiteral("events_tenant_fk=cascade"),
                                                 QStringLiteral("crm.events:events_tenant_fk=restrict")}));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("assumed twice")), qPrintable(run.err));
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestWhatIfCli)
#include "tst_whatif_cli.moc"
