// fkscope-cli catalog as a user runs it: the JSON contract, libpq's ways of connecting, and
// one clear line on stderr with a distinct exit status for every kind of bad input.
#include "CliRun.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace fkscope;
using namespace fkscope::test;

namespace {

QString serverValue(const QString &keyword)
{
    return ConnInfo::parse(serverConnInfo()).value().value(keyword);
}

} // namespace

class TestCliCatalog : public QObject {
    Q_OBJECT

    TestDatabase *m_demo = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        m_demo = new TestDatabase(QStringLiteral("clidemo"));
        QVERIFY2(m_demo->runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(m_demo->error()));
    }

    void cleanupTestCase() { delete m_demo; }

    void printsTheContractFields()
    {
        CliRun run = runCli({QStringLiteral("catalog"), QStringLiteral("--db"), m_demo->connInfoString(),
                          QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
        QJsonParseError parseError;
        const QJsonObject document = QJsonDocument::fromJson(run.out, &parseError).object();
        QCOMPARE(parseError.error, QJsonParseError::NoError);

        const QJsonArray keys = document.value(QLatin1String("foreign_keys")).toArray();
        QCOMPARE(keys.size(),
                 m_demo->queryValue(QStringLiteral("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conparentid = 0"))
                     .toInt());
        QVERIFY(!document.value(QLatin1String("tables")).toArray().isEmpty());

        const QStringList stringFields{QStringLiteral("name"), QStringLiteral("child"), QStringLiteral("parent"),
                                       QStringLiteral("on_delete"), QStringLiteral("on_update"), QStringLiteral("match")};
        const QStringList boolFields{QStringLiteral("deferrable"), QStringLiteral("initially_deferred"),
                                     QStringLiteral("validated")};
        const QStringList actionWords{QStringLiteral("no action"), QStringLiteral("restrict"), QStringLiteral("cascade"),
                                      QStringLiteral("set null"), QStringLiteral("set default")};
        for (const QJsonValue &v : keys) {
            const QJsonObject key = v.toObject();
            for (const QString &field : stringFields)
                QVERIFY2(key.value(field).isString(), qPrintable(field));
            for (const QString &field : boolFields)
                QVERIFY2(key.value(field).isBool(), qPrintable(field));
            QVERIFY(key.value(QLatin1String("child_columns")).isArray());
            QCOMPARE(key.value(QLatin1String("child_columns")).toArray().size(),
                     key.value(QLatin1String("parent_columns")).toArray().size());
            QVERIFY(actionWords.contains(key.value(QLatin1String("on_delete")).toString()));
            QVERIFY(actionWords.contains(key.value(QLatin1String("on_update")).toString()));
        }

        // One key checked field by field against the demo's definition.
        const QString expected = m_demo->queryValue(QStringLiteral(
            "SELECT confdeltype::text || confupdtype::text || confmatchtype::text FROM pg_constraint WHERE conname = 'orders_user_id_fkey'"));
        QCOMPARE(expected, QStringLiteral("ras"));
        bool found = false;
        for (const QJsonValue &v : keys) {
            const QJsonObject key = v.toObject();
            if (key.value(QLatin1String("name")).toString() != QLatin1String("orders_user_id_fkey"))
                continue;
            found = true;
            QCOMPARE(key.value(QLatin1String("child")).toString(), QStringLiteral("public.orders"));
            QCOMPARE(key.value(QLatin1String("parent")).toString(), QStringLiteral("public.users"));
            QCOMPARE(key.value(QLatin1String("child_columns")).toArray(), QJsonArray{QStringLiteral("user_id")});
            QCOMPARE(key.value(QLatin1String("parent_columns")).toArray(), QJsonArray{QStringLiteral("id")});
            QCOMPARE(key.value(QLatin1String("on_delete")).toString(), QStringLiteral("restrict"));
            QCOMPARE(key.value(QLatin1String("on_update")).toString(), QStringLiteral("no action"));
            QCOMPARE(key.value(QLatin1String("match")).toString(), QStringLiteral("simple"));
            QCOMPARE(key.value(QLatin1String("validated")).toBool(), true);
        }
        QVERIFY(found);
    }

    void acceptsAUriAndPgVariables()
    {
        const QString uri = QStringLiteral("postgresql://postgres@%1:%2/%3")
                                .arg(QString::fromLatin1(QUrl::toPercentEncoding(serverValue(QStringLiteral("host")))),
                                     serverValue(QStringLiteral("port")), m_demo->name());
        CliRun byUri = runCli({QStringLiteral("catalog"), QStringLiteral("--db"), uri});
        QCOMPARE(byUri.exitCode, 0);

        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("PGHOST"), serverValue(QStringLiteral("host")));
        environment.insert(QStringLiteral("PGPORT"), serverValue(QStringLiteral("port")));
        environment.insert(QStringLiteral("PGUSER"), QStringLiteral("postgres"));
        environment.insert(QStringLiteral("PGDATABASE"), m_demo->name());
        CliRun byEnvironment = runCli({QStringLiteral("catalog")}, {}, environment);
        QCOMPARE(byEnvironment.exitCode, 0);
        QCOMPARE(byEnvironment.out, byUri.out);
    }

    void badInputGivesOneLineAndADistinctExitCode_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no command") << QStringList{} << 2 << "no command";
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << 2 << "unknown command";
        QTest::newRow("unknown option") << QStringList{QStringLiteral("catalog"), QStringLiteral("--bogus")} << 2
                                        << "bogus";
        QTest::newRow("unknown format") << QStringList{QStringLiteral("catalog"), QStringLiteral("--format"),
                                                       QStringLiteral("xml")}
                                        << 2 << "xml";
        QTest::newRow("garbage conninfo") << QStringList{QStringLiteral("catalog"), QStringLiteral("--db"),
                                                         QStringLiteral("this is not a conninfo")}
                                          << 2 << "invalid connection string";
        QTest::newRow("unreachable server") << QStringList{QStringLiteral("catalog"), QStringLiteral("--db"),
                                                           QStringLiteral("host=/nonexistent port=9")}
                                            << 3 << "/nonexistent/.s.PGSQL.9";
        QTest::newRow("closed tcp port") << QStringList{QStringLiteral("catalog"), QStringLiteral("--db"),
                                                        QStringLiteral("host=127.0.0.1 port=1 connect_timeout=5")}
                                         << 3 << "127.0.0.1";
    }

    void badInputGivesOneLineAndADistinctExitCode()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, mentions);
        CliRun run = runCli(arguments);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.out.isEmpty(), run.out.constData());
        QVERIFY2(run.err.startsWith(QLatin1String("fkscope-cli: ")), qPrintable(run.err));
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    }

    void wrongPasswordIsAConnectionError()
    {
        QVERIFY(m_demo->run(QStringLiteral("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                                           "'fkscope_password') THEN CREATE ROLE fkscope_password LOGIN PASSWORD 'x'; "
                                           "END IF; END $$")));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("PGPASSFILE"), QStringLiteral("/nonexistent"));
        CliRun run = runCli({QStringLiteral("catalog"), QStringLiteral("--db"),
                          m_demo->connInfoString() + QStringLiteral(" user=fkscope_password password=wrong")},
                         {}, environment);
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(QLatin1String("password authentication failed")), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }

    void helpAndVersionAnswer()
    {
        CliRun help = runCli({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("catalog"));
        CliRun commandHelp = runCli({QStringLiteral("catalog"), QStringLiteral("--help")});
        QCOMPARE(commandHelp.exitCode, 0);
        QVERIFY(commandHelp.out.contains("--db"));
        CliRun version = runCli({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("fkscope-cli "));
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestCliCatalog)
#include "tst_cli_catalog.moc"
