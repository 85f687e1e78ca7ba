// The server ends every connection of the app (as idle_session_timeout, a restart or
// pg_terminate_backend do), between two actions or during one: the window's next verdict,
// rows page, script dry run and tool run answer as before, on a new connection. A script
// that commits is not run again.
#include "TestDatabase.h"
#include "TestMain.h"
#include "TestScript.h"
#include "WidgetLookup.h"

#include "ui/catalog/TableTreeModel.h"
#include "ui/diagnose/OrphansDialog.h"
#include "ui/diagnose/ToolsMenu.h"
#include "ui/script/ScriptPanel.h"
#include "ui/window/MainWindow.h"

#include "db/Connection.h"
#include "db/SqlQuery.h"

#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

#include <memory>

using namespace fkscope;
using namespace fkscope::test;

namespace {


// Every backend of the app on db's database, as pg_stat_activity lists them.
const char *const appBackends =
    "FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'fkscope'";

void endEveryConnectionOfTheApp(TestDatabase &db)
{
    const QString pids = db.queryValue(QStringLiteral("SELECT string_agg(pid::text, ',') %1").arg(QLatin1String(appBackends)));
    QVERIFY2(!pids.isEmpty(), "the app has no connection to end");
    db.queryValue(QStringLiteral("SELECT pg_terminate_backend(pid) FROM unnest('{%1}'::int[]) pid").arg(pids));
    // Gone from the server; the app may already have opened new ones.
    QTRY_COMPARE_WITH_TIMEOUT(db.queryValue(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY('{%1}')")
                                                .arg(pids)),
                              QStringLiteral("0"), windowTimeout);
}

void waitForTheAppToWaitOnALock(TestDatabase &db)
{
    QTRY_VERIFY_WITH_TIMEOUT(
        db.queryValue(QStringLiteral("SELECT count(*) %1 AND wait_event_type = 'Lock'").arg(QLatin1String(appBackends)))
                .toInt() > 0,
        windowTimeout);
}

// Holds an ACCESS EXCLUSIVE lock on a table from a connection that is not the app's, so an
// action of the app waits on it while the test ends the app's connections.
class TableLock {
public:
    TableLock(const TestDatabase &db, const QString &table)
    {
        ConnInfo info = db.connInfo();
        info.set(QStringLiteral("application_name"), QStringLiteral("fkscope-test-lock"));
        auto opened = Connection::open(info);
        if (!opened)
            qFatal("%s", qPrintable(opened.error().message));
        m_connection = opened.take();
        for (const QString &sql : {QStringLiteral("BEGIN"), QStringLiteral("LOCK TABLE %1 IN ACCESS EXCLUSIVE MODE").arg(table)}) {
            if (auto done = runQuery(m_connection->database(), sql); !done)
                qFatal("%s", qPrintable(done.error().message));
        }
    }
    void release() { m_connection.reset(); }  // the server rolls back what the session held

private:
    std::unique_ptr<Connection> m_connection;
};

// Ends the app's connections between two actions (before `act`), or during `act` while it
// waits on a lock of `lockedTable`.
void endConnectionsAround(TestDatabase &db, bool during, const QString &lockedTable, const std::function<void()> &act)
{
    if (!during) {
        endEveryConnectionOfTheApp(db);
        act();
        return;
    }
    TableLock lock(db, lockedTable);
    act();
    waitForTheAppToWaitOnALock(db);
    endEveryConnectionOfTheApp(db);
    lock.release();
}

QString verdictOf(const MainWindow &window)
{
    return findByAccessibleName<QLabel>(&window, QStringLiteral("Verdict"))->accessibleDescription();
}

QString scriptStatusOf(const MainWindow &window)
{
    return findByAccessibleName<QLabel>(&window, QStringLiteral("Script status"))->accessibleDescription();
}

bool isFinalVerdict(const QString &verdict)
{
    return !verdict.isEmpty() && !verdict.startsWith(QLatin1String("Working out"))
        && !verdict.startsWith(QLatin1String("Select a row"));
}

} // namespace

class TestLostConnection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void theNextVerdictAnswers_data() { addWhen(); }
    void theNextVerdictAnswers();
    void theNextRowsPageAnswers_data() { addWhen(); }
    void theNextRowsPageAnswers();
    void theNextDryRunAnswers_data() { addWhen(); }
    void theNextDryRunAnswers();
    void theNextToolRunAnswers_data() { addWhen(); }
    void theNextToolRunAnswers();
    void anExecuteIsNotRunAgain();

private:
    static void addWhen();
    // Connects the window, opens public.users and selects its first row, as a user would.
    void openUsers();
    void selectTable(const QString &qualifiedName);

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<MainWindow> m_window;
};

void TestLostConnection::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("fkscope-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_lostconnection"));
}

void TestLostConnection::addWhen()
{
    QTest::addColumn<bool>("during");
    QTest::newRow("between two actions") << false;
    QTest::newRow("during one") << true;
}

void TestLostConnection::init()
{
    m_db = std::make_unique<TestDatabase>(QStringLiteral("lost"));
    QVERIFY2(m_db->isValid() && m_db->runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")),
             qPrintable(m_db->error()));
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestLostConnection::cleanup()
{
    m_window.reset();
    m_db.reset();
}

void TestLostConnection::selectTable(const QString &qualifiedName)
{
    auto *tables = findByAccessibleName<QTreeView>(m_window.get(), QStringLiteral("Tables"));
    QModelIndex index;
    QTRY_VERIFY_WITH_TIMEOUT((index = tables->model()->match(tables->model()->index(0, 0), TableTreeModel::QualifiedNameRole,
                                                             qualifiedName, 1, Qt::MatchExactly | Qt::MatchRecursive)
                                          .value(0))
                                 .isValid(),
                             windowTimeout);
    tables->setCurrentIndex(index);
}

void TestLostConnection::openUsers()
{
    m_window->connectTo(m_db->connInfo());
    selectTable(QStringLiteral("public.users"));
    auto *rows = findByAccessibleName<QTableView>(m_window.get(), QStringLiteral("Rows"));
    showTabOf(rows);
    QTRY_COMPARE_WITH_TIMEOUT(rows->model()->rowCount(), 8, windowTimeout);
    rows->setCurrentIndex(rows->model()->index(0, 0));
}

void TestLostConnection::theNextVerdictAnswers()
{
    QFETCH(bool, during);
    openUsers();
    if (QTest::currentTestFailed())
        return;
    auto *rows = findByAccessibleName<QTableView>(m_window.get(), QStringLiteral("Rows"));
    // The second user's verdict on a healthy connection, then back to the first.
    QTRY_VERIFY_WITH_TIMEOUT(isFinalVerdict(verdictOf(*m_window)), windowTimeout);
    const QString first = verdictOf(*m_window);
    rows->setCurrentIndex(rows->model()->index(1, 0));
    QTRY_VERIFY_WITH_TIMEOUT(isFinalVerdict(verdictOf(*m_window)) && verdictOf(*m_window) != first, windowTimeout);
    const QString second = verdictOf(*m_window);
    rows->setCurrentIndex(rows->model()->index(0, 0));
    QTRY_COMPARE_WITH_TIMEOUT(verdictOf(*m_window), first, windowTimeout);

    endConnectionsAround(*m_db, during, QStringLiteral("orders"),
                         [&] { rows->setCurrentIndex(rows->model()->index(1, 0)); });
    QTRY_VERIFY_WITH_TIMEOUT(isFinalVerdict(verdictOf(*m_window)) && verdictOf(*m_window) != first, windowTimeout);
    QCOMPARE(verdictOf(*m_window), second);
}

void TestLostConnection::theNextRowsPageAnswers()
{
    QFETCH(bool, during);
    openUsers();
    if (QTest::currentTestFailed())
        return;
    auto *rows = findByAccessibleName<QTableView>(m_window.get(), QStringLiteral("Rows"));
    const int orders = m_db->queryValue(QStringLiteral("SELECT count(*) FROM orders")).toInt();
    QVERIFY(orders > 0 && orders != 8);
    endConnectionsAround(*m_db, during, QStringLiteral("orders"), [&] { selectTable(QStringLiteral("public.orders")); });
    QTRY_COMPARE_WITH_TIMEOUT(rows->model()->rowCount(), orders, windowTimeout);
    QCOMPARE(rows->model()->columnCount(), m_db->queryValue(QStringLiteral(
        "SELECT count(*) FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attnum > 0 AND NOT attisdropped")).toInt());
}

void TestLostConnection::theNextDryRunAnswers()
{
    QFETCH(bool, during);
    openUsers();
    if (QTest::currentTestFailed())
        return;
    auto *panel = m_window->findChild<ScriptPanel *>();
    auto *dryRun = findByAccessibleName<QPushButton>(panel, QStringLiteral("Dry run"));
    panel->showScript(scriptOf(QStringLiteral("DELETE FROM orders WHERE id = 7")));
    showTabOf(panel);
    QVERIFY(dryRun->isEnabled());
    QTest::mouseClick(dryRun, Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(scriptStatusOf(*m_window).startsWith(QLatin1String("Dry run on")),
                              qPrintable(scriptStatusOf(*m_window)), windowTimeout);

    panel->showScript(scriptOf(QStringLiteral("DELETE FROM orders WHERE id = 7 AND id > 0")));
    endConnectionsAround(*m_db, during, QStringLiteral("orders"), [&] { QTest::mouseClick(dryRun, Qt::LeftButton); });
    QTRY_VERIFY2_WITH_TIMEOUT(scriptStatusOf(*m_window).startsWith(QLatin1String("Dry run on")),
                              qPrintable(scriptStatusOf(*m_window)), windowTimeout);
    QVERIFY2(scriptStatusOf(*m_window).contains(QLatin1String("rolled back")), qPrintable(scriptStatusOf(*m_window)));
    auto *changes = findByAccessibleName<QTreeWidget>(panel, QStringLiteral("Changes"));
    QVERIFY(!changes->findItems(QStringLiteral("public.orders"), Qt::MatchExactly).isEmpty());
    QCOMPARE(m_db->queryValue(QStringLiteral("SELECT count(*) FROM orders WHERE id = 7")), QStringLiteral("1"));
}

void TestLostConnection::theNextToolRunAnswers()
{
    QFETCH(bool, during);
    // An orphan under a NOT VALID key, as in tst_diagnosedialogs.
    QVERIFY2(m_db->run(QStringLiteral("ALTER TABLE orders DROP CONSTRAINT orders_coupon_code_fkey; "
                                      "UPDATE orders SET coupon_code = 'GONE' WHERE id = 1; "
                                      "ALTER TABLE orders ADD CONSTRAINT orders_coupon_code_fkey FOREIGN KEY (coupon_code) "
                                      "REFERENCES coupons (code) NOT VALID;")),
             qPrintable(m_db->error()));
    openUsers();
    if (QTest::currentTestFailed())
        return;
    OrphansDialog *dialog = m_window->findChild<ToolsMenu *>()->showOrphans();
    auto *keys = findByAccessibleName<QTreeWidget>(dialog, QStringLiteral("Orphan checks"));
    auto orphansShown = [keys]() -> QString {
        for (int i = 0; i < keys->topLevelItemCount(); ++i) {
            if (keys->topLevelItem(i)->text(0) == QLatin1String("orders_coupon_code_fkey"))
                return keys->topLevelItem(i)->text(3);
        }
        return {};
    };
    const QString countOrphans = QStringLiteral("SELECT count(*) FROM orders o WHERE coupon_code IS NOT NULL "
                                                "AND NOT EXISTS (SELECT FROM coupons c WHERE c.code = o.coupon_code)");
    const QString before = m_db->queryValue(countOrphans);
    dialog->checkNotValidKeys();
    QTRY_COMPARE_WITH_TIMEOUT(orphansShown(), before, windowTimeout);

    // A second orphan: only a run after the connections ended can show it.
    QVERIFY(m_db->run(QStringLiteral("SET session_replication_role = replica; "
                                     "UPDATE orders SET coupon_code = 'GONE' WHERE id = 2;")));
    const QString after = m_db->queryValue(countOrphans);
    QCOMPARE(after.toInt(), before.toInt() + 1);
    endConnectionsAround(*m_db, during, QStringLiteral("orders"), [&] { dialog->checkNotValidKeys(); });
    QTRY_COMPARE_WITH_TIMEOUT(orphansShown(), after, windowTimeout);
}

void TestLostConnection::anExecuteIsNotRunAgain()
{
    openUsers();
    if (QTest::currentTestFailed())
        return;
    auto *panel = m_window->findChild<ScriptPanel *>();
    panel->showScript(scriptOf(QStringLiteral("DELETE FROM orders WHERE id = 7")));
    showTabOf(panel);
    QTest::mouseClick(findByAccessibleName<QPushButton>(panel, QStringLiteral("Execute")), Qt::LeftButton);
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((confirm = panel->findChild<QMessageBox *>(QStringLiteral("confirmExecute"))), windowTimeout);
    auto *go = confirm->findChild<QPushButton *>(QStringLiteral("confirmExecuteButton"));
    QVERIFY(go);

    TableLock lock(*m_db, QStringLiteral("orders"));
    QTest::mouseClick(go, Qt::LeftButton);
    waitForTheAppToWaitOnALock(*m_db);
    endEveryConnectionOfTheApp(*m_db);
    lock.release();
    QTRY_VERIFY_WITH_TIMEOUT(scriptStatusOf(*m_window).contains(QLatin1String("connection to the server was lost")),
                             windowTimeout);
    // Its session ended before COMMIT, so the server rolled it back; nothing ran it again.
    QTest::qWait(500);
    QCOMPARE(m_db->queryValue(QStringLiteral("SELECT count(*) FROM orders WHERE id = 7")), QStringLiteral("1"));
}

FKSCOPE_TEST_MAIN(TestLostConnection)
#include "tst_lostconnection.moc"
