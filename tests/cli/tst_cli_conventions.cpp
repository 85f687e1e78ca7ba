// fkscope-cli's command-line conventions as a user meets them: --version, COMMAND --help,
// the opt-in --exit-code that turns a finding into status 1, and the message that names the
// package to install when Qt's PostgreSQL driver is missing.
#include "CliRun.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace fkscope::test;

class TestCliConventions : public QObject {
    Q_OBJECT

    TestDatabase *m_shop = nullptr;
    TestDatabase *m_empty = nullptr;

    static QStringList with(const TestDatabase *db, QStringList arguments)
    {
        arguments.insert(1, QStringLiteral("--db"));
        arguments.insert(2, db->connInfoString());
        return arguments;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_shop = new TestDatabase(QStringLiteral("cliconv"));
        QVERIFY2(m_shop->runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(m_shop->error()));
        m_empty = new TestDatabase(QStringLiteral("cliconvempty"));
        QVERIFY2(m_empty->isValid(), qPrintable(m_empty->error()));
    }

    void cleanupTestCase()
    {
        delete m_shop;
        delete m_empty;
    }

    void versionPrintsTheProgramAndItsVersion()
    {
        CliRun run = runCli({QStringLiteral("--version")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out.trimmed(), QByteArray("fkscope-cli " FKSCOPE_VERSION));
    }

    void everyCommandHasItsOwnHelp_data()
    {
        // Every command fkscope-cli --help lists, so a new one is checked without an edit here.
        QTest::addColumn<QString>("command");
        const CliRun usage = runCli({QStringLiteral("--help")});
        const QString text = QString::fromUtf8(usage.out);
        const QString commands = text.section(QLatin1String("Commands:\n"), 1).section(QLatin1String("\n\n"), 0, 0);
        const QStringList lines = commands.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.size() >= 6);
        for (const QString &line : lines) {
            const QString command = line.trimmed().section(QLatin1Char(' '), 0, 0);
            QTest::newRow(qPrintable(command)) << command;
        }
    }

    void everyCommandHasItsOwnHelp()
    {
        QFETCH(QString, command);
        CliRun run = runCli({command, QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("Usage: fkscope-cli " + command.toUtf8() + " [options]"), run.out.constData());
        QVERIFY(run.out.contains("--db <CONNINFO>"));
    }

    void exitCodeTurnsAFindingIntoStatusOne_data()
    {
        QTest::addColumn<bool>("shop");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("plain");
        QTest::addColumn<int>("withExitCode");
        const QString table = QStringLiteral("--table"), key = QStringLiteral("--key");
        QTest::newRow("a delete that would fail")
            << true << QStringList{QStringLiteral("dependents"), table, QStringLiteral("users"), key, QStringLiteral("id=1")}
            << 0 << 1;
        QTest::newRow("a delete that would succeed")
            << true << QStringList{QStringLiteral("dependents"), table, QStringLiteral("users"), key, QStringLiteral("id=4")}
            << 0 << 0;
        QTest::newRow("orphans found") << true << QStringList{QStringLiteral("orphans")} << 0 << 1;
        QTest::newRow("no orphans") << false << QStringList{QStringLiteral("orphans")} << 0 << 0;
        QTest::newRow("lint findings") << true << QStringList{QStringLiteral("lint")} << 0 << 1;
        QTest::newRow("nothing to lint") << false << QStringList{QStringLiteral("lint")} << 0 << 0;
    }

    void exitCodeTurnsAFindingIntoStatusOne()
    {
        QFETCH(bool, shop);
        QFETCH(QStringList, arguments);
        QFETCH(int, plain);
        QFETCH(int, withExitCode);
        const TestDatabase *db = shop ? m_shop : m_empty;
        CliRun run = runCli(with(db, arguments));
        QVERIFY2(run.exitCode == plain, qPrintable(run.err));
        QVERIFY(!run.json.isEmpty());
        run = runCli(with(db, arguments << QStringLiteral("--exit-code")));
        QVERIFY2(run.exitCode == withExitCode, qPrintable(run.err));
        QVERIFY(!run.json.isEmpty());  // the answer is printed whatever the status
    }

    void mistakesInTheArgumentsAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        const QString missingFolder = QStringLiteral("/nonexistent-fkscope-folder/out");
        QTest::newRow("graph into a missing folder")
            << QStringList{QStringLiteral("graph"), QStringLiteral("--format"), QStringLiteral("dot"), QStringLiteral("--output"),
                           missingFolder + QStringLiteral(".dot")}
            << "cannot write --output";
        QTest::newRow("delete script into a missing folder")
            << QStringList{QStringLiteral("delete-script"), QStringLiteral("--table"), QStringLiteral("users"),
                           QStringLiteral("--key"), QStringLiteral("id=4"), QStringLiteral("--output"), missingFolder + QStringLiteral(".sql")}
            << "cannot write --output";
        QTest::newRow("insert script into a missing folder")
            << QStringList{QStringLiteral("insert-script"), QStringLiteral("--table"), QStringLiteral("users"),
                           QStringLiteral("--key"), QStringLiteral("id=4"), QStringLiteral("--output"), missingFolder + QStringLiteral(".sql")}
            << "cannot write --output";
        QTest::newRow("constraint script into a missing folder")
            << QStringList{QStringLiteral("constraint-script"), QStringLiteral("--constraint"), QStringLiteral("orders_user_id_fkey"),
                           QStringLiteral("--on-delete"), QStringLiteral("cascade"), QStringLiteral("--output"),
                           missingFolder + QStringLiteral(".sql")}
            << "cannot write --output";
        QTest::newRow("graph into a folder")
            << QStringList{QStringLiteral("graph"), QStringLiteral("--format"), QStringLiteral("svg"), QStringLiteral("--output"),
                           QDir::tempPath()}
            << "it is a folder";
        QTest::newRow("proposed key over types that do not compare")
            << QStringList{QStringLiteral("orphans"), QStringLiteral("--child"), QStringLiteral("orders(user_id)"),
                           QStringLiteral("--parent"), QStringLiteral("users(email)")}
            << "the column types differ";
    }

    void mistakesInTheArgumentsAreUsageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        CliRun run = runCli(with(m_shop, arguments));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.out.isEmpty(), run.out.constData());
        QVERIFY2(run.err.startsWith(QLatin1String("fkscope-cli: ")) && run.err.contains(mentions), qPrintable(run.err));
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
    }

    // QT_PLUGIN_PATH only adds directories, so it cannot hide the driver; a qt.conf beside a
    // copy of the program replaces Qt's plugin directory with an empty one.
    void aMissingDriverNamesThePackageToInstall()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString program = dir.filePath(QStringLiteral("fkscope-cli"));
        QVERIFY(QFile::copy(qEnvironmentVariable("FKSCOPE_CLI"), program));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("no-plugins")));
        QFile conf(dir.filePath(QStringLiteral("qt.conf")));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write("[Paths]\nPlugins=" + dir.filePath(QStringLiteral("no-plugins")).toUtf8() + "\n");
        conf.close();

        QProcess process;
        process.start(program, with(m_shop, {QStringLiteral("catalog")}));
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 3);
        const QByteArray err = process.readAllStandardError();
        QVERIFY2(err.contains("libqt6sql6-psql"), err.constData());
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestCliConventions)
#include "tst_cli_conventions.moc"
