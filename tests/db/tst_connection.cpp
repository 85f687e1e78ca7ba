// Connecting the way psql does: libpq's conninfo parser, URIs, PG* variables, service files,
// ~/.pgpass; errors that say what went wrong; cancelling a running statement.
#include "TestDatabase.h"
#include "TestMain.h"

#include "db/ConnInfo.h"
#include "db/Connection.h"
#include "db/SqlQuery.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QtConcurrent>

using namespace fkscope;
using namespace fkscope::test;

namespace {

// The throwaway server's socket folder and port, from its conninfo.
QString serverValue(const QString &keyword)
{
    return ConnInfo::parse(serverConnInfo()).value().value(keyword);
}

QString currentUser(Connection &connection)
{
    auto query = runQuery(connection.database(), QStringLiteral("SELECT current_user, current_database()"));
    if (!query || !query->next())
        return {};
    return query->value(0).toString() + QLatin1Char('@') + query->value(1).toString();
}

class EnvironmentGuard {
public:
    EnvironmentGuard(std::initializer_list<std::pair<QByteArray, QByteArray>> values)
    {
        for (const auto &v : values) {
            m_saved.append({v.first, qgetenv(v.first.constData())});
            qputenv(v.first.constData(), v.second);
        }
    }
    EnvironmentGuard(const EnvironmentGuard &) = delete;
    ~EnvironmentGuard()
    {
        for (const auto &v : m_saved) {
            if (v.second.isNull())
                qunsetenv(v.first.constData());
            else
                qputenv(v.first.constData(), v.second);
        }
    }

private:
    QList<QPair<QByteArray, QByteArray>> m_saved;
};

} // namespace

class TestConnection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        TestDatabase admin(QStringLiteral("setup"));
        QVERIFY2(admin.isValid(), qPrintable(admin.error()));
        // A role that must give a password (the fixture's pg_hba.conf asks it for scram).
        admin.run(QStringLiteral("DROP ROLE IF EXISTS fkscope_password"));
        QVERIFY2(admin.run(QStringLiteral("CREATE ROLE fkscope_password LOGIN PASSWORD 'se:cr\\et'")),
                 qPrintable(admin.error()));
    }

    void parseAcceptsWhatLibpqAccepts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("keyword");
        QTest::addColumn<QString>("value");
        QTest::newRow("key=value") << "host=db.example port=5433 dbname=shop" << "port" << "5433";
        QTest::newRow("quoted value") << "dbname='my shop' user=alice" << "dbname" << "my shop";
        QTest::newRow("escaped quote") << R"(password='it\'s')" << "password" << "it's";
        QTest::newRow("uri") << "postgresql://alice@db.example:5433/shop?sslmode=disable" << "sslmode" << "disable";
        QTest::newRow("uri user") << "postgres://alice:pw@db.example/shop" << "user" << "alice";
        QTest::newRow("uri percent-encoded socket") << "postgresql://%2Fvar%2Frun%2Fpostgresql/shop" << "host"
                                                    << "/var/run/postgresql";
        QTest::newRow("service") << "service=staging" << "service" << "staging";
    }

    void parseAcceptsWhatLibpqAccepts()
    {
        QFETCH(QString, text);
        QFETCH(QString, keyword);
        QFETCH(QString, value);
        auto info = ConnInfo::parse(text);
        QVERIFY2(info.ok(), qPrintable(info.error().message));
        QCOMPARE(info->value(keyword), value);
    }

    void parseRejectsGarbageWithAClearError_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("unknown keyword") << "hots=localhost";
        QTest::newRow("no equals sign") << "just some words";
        QTest::newRow("unterminated quote") << "dbname='shop";
        QTest::newRow("bad uri") << "postgresql://[";
        QTest::newRow("bad uri parameter") << "postgresql://host/db?nonsense=1";
    }

    void parseRejectsGarbageWithAClearError()
    {
        QFETCH(QString, text);
        auto info = ConnInfo::parse(text);
        QVERIFY(!info.ok());
        QCOMPARE(info.error().kind, Error::Kind::Usage);
        QVERIFY(info.error().message.startsWith(QLatin1String("invalid connection string:")));
        QVERIFY(!info.error().message.contains(QLatin1Char('\n')));
    }

    void toStringRoundTripsThroughLibpq()
    {
        ConnInfo info;
        info.set(QStringLiteral("host"), QStringLiteral("/tmp/a b"));
        info.set(QStringLiteral("dbname"), QStringLiteral("it's a \\ db"));
        info.set(QStringLiteral("password"), QStringLiteral("p'w"));
        auto again = ConnInfo::parse(info.toString());
        QVERIFY(again.ok());
        QCOMPARE(again->value(QStringLiteral("dbname")), QStringLiteral("it's a \\ db"));
        QCOMPARE(again->value(QStringLiteral("password")), QStringLiteral("p'w"));
        QVERIFY(!info.toStringWithoutPassword().contains(QLatin1String("password")));
    }

    void connectsWithKeyValuePairs()
    {
        auto connection = Connection::open(ConnInfo::parse(serverConnInfo()).value());
        QVERIFY2(connection.ok(), qPrintable(connection.error().message));
        QCOMPARE(currentUser(*connection.value()), QStringLiteral("postgres@postgres"));
        QVERIFY(connection.value()->serverVersion() >= 120000);
        QCOMPARE(connection.value()->databaseName(), QStringLiteral("postgres"));
    }

    void connectsWithAUri()
    {
        TestDatabase db(QStringLiteral("uri"));
        const QString uri = QStringLiteral("postgresql://postgres@%1:%2/%3?application_name=uritest")
                                .arg(QString::fromLatin1(QUrl::toPercentEncoding(serverValue(QStringLiteral("host")))),
                                     serverValue(QStringLiteral("port")), db.name());
        auto info = ConnInfo::parse(uri);
        QVERIFY2(info.ok(), qPrintable(info.error().message));
        auto connection = Connection::open(info.value());
        QVERIFY2(connection.ok(), qPrintable(connection.error().message));
        QCOMPARE(currentUser(*connection.value()), QStringLiteral("postgres@") + db.name());
        auto name = runQuery(connection.value()->database(), QStringLiteral("SHOW application_name"));
        QVERIFY(name && name->next());
        QCOMPARE(name->value(0).toString(), QStringLiteral("uritest"));
    }

    void fillsTheGapsFromPgEnvironmentVariables()
    {
        EnvironmentGuard env({{"PGHOST", serverValue(QStringLiteral("host")).toUtf8()},
                              {"PGPORT", serverValue(QStringLiteral("port")).toUtf8()},
                              {"PGUSER", "postgres"},
                              {"PGDATABASE", "template1"}});
        auto connection = Connection::open(ConnInfo::parse(QString()).value());
        QVERIFY2(connection.ok(), qPrintable(connection.error().message));
        QCOMPARE(currentUser(*connection.value()), QStringLiteral("postgres@template1"));
    }

    void readsServiceFiles()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("pg_service.conf")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("[fkscope-test]\nhost=%1\nport=%2\nuser=postgres\ndbname=template1\n")
                       .arg(serverValue(QStringLiteral("host")), serverValue(QStringLiteral("port")))
                       .toUtf8());
        file.close();
        EnvironmentGuard env({{"PGSERVICEFILE", file.fileName().toUtf8()}});
        auto connection = Connection::open(ConnInfo::parse(QStringLiteral("service=fkscope-test")).value());
        QVERIFY2(connection.ok(), qPrintable(connection.error().message));
        QCOMPARE(currentUser(*connection.value()), QStringLiteral("postgres@template1"));
    }

    void readsThePasswordFromPgpass()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("pgpass")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        // .pgpass escapes ':' and '\' with a backslash.
        file.write("*:*:*:fkscope_password:se\\:cr\\\\et\n");
        file.close();
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        EnvironmentGuard env({{"PGPASSFILE", file.fileName().toUtf8()}});
        ConnInfo info = ConnInfo::parse(serverConnInfo()).value();
        info.set(QStringLiteral("user"), QStringLiteral("fkscope_password"));
        auto connection = Connection::open(info);
        QVERIFY2(connection.ok(), qPrintable(connection.error().message));
        QCOMPARE(currentUser(*connection.value()), QStringLiteral("fkscope_password@postgres"));
    }

    void passwordWithSpecialCharactersWorksInline()
    {
        ConnInfo info = ConnInfo::parse(serverConnInfo()).value();
        info.set(QStringLiteral("user"), QStringLiteral("fkscope_password"));
        info.set(QStringLiteral("password"), QStringLiteral("se:cr\\et"));
        auto connection = Connection::open(info);
        QVERIFY2(connection.ok(), qPrintable(connection.error().message));
    }

    void wrongPasswordIsAConnectionError()
    {
        EnvironmentGuard env({{"PGPASSFILE", "/nonexistent"}});
        ConnInfo info = ConnInfo::parse(serverConnInfo()).value();
        info.set(QStringLiteral("user"), QStringLiteral("fkscope_password"));
        info.set(QStringLiteral("password"), QStringLiteral("wrong"));
        auto connection = Connection::open(info);
        QVERIFY(!connection.ok());
        QCOMPARE(connection.error().kind, Error::Kind::Connection);
        QVERIFY2(connection.error().message.contains(QLatin1String("password authentication failed")),
                 qPrintable(connection.error().message));
        QVERIFY(!connection.error().message.contains(QLatin1Char('\n')));
    }

    void unreachableServerIsAConnectionError()
    {
        auto connection = Connection::open(ConnInfo::parse(QStringLiteral("host=/nonexistent port=1")).value());
        QVERIFY(!connection.ok());
        QCOMPARE(connection.error().kind, Error::Kind::Connection);
        QVERIFY2(connection.error().message.contains(QLatin1String("/nonexistent/.s.PGSQL.1")),
                 qPrintable(connection.error().message));
    }

    void missingDatabaseIsAConnectionError()
    {
        ConnInfo info = ConnInfo::parse(serverConnInfo()).value();
        info.set(QStringLiteral("dbname"), QStringLiteral("no_such_database"));
        auto connection = Connection::open(info);
        QVERIFY(!connection.ok());
        QVERIFY2(connection.error().message.contains(QLatin1String("database \"no_such_database\" does not exist")),
                 qPrintable(connection.error().message));
    }

    void queryErrorsCarryTheSqlstateAndOneLine()
    {
        auto connection = Connection::open(ConnInfo::parse(serverConnInfo()).value());
        QVERIFY(connection.ok());
        auto query = runQuery(connection.value()->database(), QStringLiteral("SELECT *\nFROM no_such_table"));
        QVERIFY(!query.ok());
        QCOMPARE(query.error().sqlstate, QStringLiteral("42P01"));
        QCOMPARE(query.error().message, QStringLiteral("relation \"no_such_table\" does not exist"));
    }

    void cancelStopsARunningStatementFromAnotherThread()
    {
        std::atomic<Connection *> worker{nullptr};
        QElapsedTimer timer;
        timer.start();
        QFuture<Error> sleeping = QtConcurrent::run([&worker] {
            auto own = Connection::open(ConnInfo::parse(serverConnInfo()).value());
            if (!own)
                return own.error();
            worker = own.value().get();
            auto result = runQuery(own.value()->database(), QStringLiteral("SELECT pg_sleep(60)"));
            worker = nullptr;
            return result ? Error{} : result.error();
        });
        QTRY_VERIFY_WITH_TIMEOUT(worker.load() != nullptr, 10000);
        // Cancel only once the server runs the statement: a cancel request that arrives
        // before it is lost.
        const QString running = QStringLiteral(
            "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query = 'SELECT pg_sleep(60)'");
        QTRY_COMPARE_WITH_TIMEOUT(runPsql(serverConnInfo(), {QStringLiteral("-At"), QStringLiteral("-c"), running})
                                      .trimmed(),
                                  QStringLiteral("1"), 10000);
        QVERIFY(worker.load()->cancel());
        sleeping.waitForFinished();
        QCOMPARE(sleeping.result().sqlstate, QStringLiteral("57014"));  // query_canceled
        QVERIFY(timer.elapsed() < 30000);
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"
