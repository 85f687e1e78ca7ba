// The main window against a real server: the catalog loads on a worker thread while the
// window stays responsive, the tree and the details show what pg_catalog says, and
// failures leave the window usable.
#include "TestDatabase.h"
#include "TestMain.h"
#include "WidgetLookup.h"

#include "ui/catalog/CatalogPanel.h"
#include "ui/window/MainWindow.h"
#include "ui/catalog/TableTreeModel.h"

#include "db/ConnInfo.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QThread>
#include <QTreeView>

#include <memory>

using namespace fkscope;
using namespace fkscope::test;

namespace {

const int loadTimeout = 60000;

QStringList qualifiedNames(const QTreeView *tree)
{
    return collect(tree->model(), TableTreeModel::QualifiedNameRole);
}

// Shown or not, whether the window itself is on screen or not.
bool isBusy(const MainWindow &window)
{
    return !window.findChild<QWidget *>(QStringLiteral("busyIndicator"))->isHidden();
}

bool showsError(const MainWindow &window)
{
    return !window.findChild<QWidget *>(QStringLiteral("messageBanner"))->isHidden();
}

QString errorText(const MainWindow &window)
{
    return window.findChild<QLabel *>(QStringLiteral("messageText"))->accessibleDescription();
}

// The row of a flat model whose column holds text, or -1.
int findRow(const QAbstractItemModel *model, int column, const QString &text)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, column).data().toString() == text)
            return row;
    }
    return -1;
}

// Sessions of fkscope in db that wait for a lock, as PostgreSQL reports them.
int fkscopeSessionsWaitingForALock(TestDatabase &db)
{
    return db.queryValue(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                        "AND application_name = 'fkscope' AND wait_event_type = 'Lock'"))
        .toInt();
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loadsTheCatalogOffTheUiThread();
    void selectingUsersShowsTheKeysThatReferenceIt();
    void selectingUsersShowsItsColumnsWithKeyMarkers();
    void filterNarrowsTheTree();
    void unreachableServerShowsAnErrorAndLeavesTheWindowUsable();
    void cancelStopsTheCatalogQueryOnTheServer();
    void newerRequestWinsOverAnOlderOne();

private:
    void loadShop(MainWindow &window);
    QTreeView *tablesTree(const MainWindow &window);

    std::unique_ptr<TestDatabase> m_shop;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);  // QSettings go to a test folder
    QCoreApplication::setOrganizationName(QStringLiteral("fkscope-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    m_shop = std::make_unique<TestDatabase>(QStringLiteral("ui"));
    QVERIFY2(m_shop->isValid(), qPrintable(m_shop->error()));
    QVERIFY2(m_shop->runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(m_shop->error()));
}

QTreeView *TestMainWindow::tablesTree(const MainWindow &window)
{
    auto *tree = findByAccessibleName<QTreeView>(&window, QStringLiteral("Tables"));
    if (!tree)
        qFatal("no tree view named \"Tables\"");
    return tree;
}

void TestMainWindow::loadShop(MainWindow &window)
{
    window.connectTo(m_shop->connInfo());
    QTRY_VERIFY_WITH_TIMEOUT(qualifiedNames(tablesTree(window)).contains(QStringLiteral("public.users")), loadTimeout);
}

void TestMainWindow::loadsTheCatalogOffTheUiThread()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTreeView *tree = tablesTree(window);

    window.connectTo(m_shop->connInfo());
    // connectTo() returned at once: the load runs on its own thread, the window shows that
    // it is busy and nothing half-loaded.
    auto *worker = window.findChild<QThread *>(QStringLiteral("catalogThread"));
    QVERIFY(worker);
    QVERIFY(worker->isRunning());
    QVERIFY(worker != QThread::currentThread());
    QVERIFY(isBusy(window));
    QCOMPARE(tree->model()->rowCount(), 0);
    QVERIFY(findByAccessibleName<QPushButton>(&window, QStringLiteral("Cancel loading"))->isVisible());

    QTRY_VERIFY_WITH_TIMEOUT(!isBusy(window), loadTimeout);
    const QStringList names = qualifiedNames(tree);
    QVERIFY2(names.contains(QStringLiteral("public.users")), qPrintable(names.join(u' ')));
    QVERIFY2(names.contains(QStringLiteral("billing.invoices")), qPrintable(names.join(u' ')));
    QVERIFY2(names.contains(QStringLiteral("\"Audit\".\"Change Log\"")), qPrintable(names.join(u' ')));
    // Every table PostgreSQL has is in the tree, once.
    QStringList expected = m_shop->query(QStringLiteral(
        "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
        "AND n.nspname NOT LIKE 'pg\\_toast%'"));
    // regclass leaves out the schema on the search path; the tree always names it.
    for (QString &name : expected) {
        if (!name.contains(u'.'))
            name.prepend(QStringLiteral("public."));
    }
    QStringList shown = names;
    expected.sort();
    shown.sort();
    QCOMPARE(shown, expected);

    // Schemas are the top level, with the tables under them; partitions under their parent.
    const QStringList schemas{tree->model()->index(0, 0).data().toString(),
                              tree->model()->index(1, 0).data().toString(),
                              tree->model()->index(2, 0).data().toString()};
    QCOMPARE(tree->model()->rowCount(), 3);
    QCOMPARE(schemas, (QStringList{QStringLiteral("Audit"), QStringLiteral("billing"), QStringLiteral("public")}));
    const QModelIndex changeLog = tree->model()->index(0, 0, tree->model()->index(0, 0));
    QCOMPARE(changeLog.data().toString(), QStringLiteral("Change Log"));
    const QModelIndexList pageViews = tree->model()->match(tree->model()->index(0, 0), TableTreeModel::QualifiedNameRole,
                                                           QStringLiteral("public.page_views"), 1,
                                                           Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(pageViews.size(), 1);
    QCOMPARE(tree->model()->rowCount(pageViews.first()), 3);
    QCOMPARE(collect(tree->model(), TableTreeModel::QualifiedNameRole, pageViews.first()),
             (QStringList{QStringLiteral("public.page_views_2024_h1"), QStringLiteral("public.page_views_2024_h2"),
                          QStringLiteral("public.page_views_2025")}));
    // The partitioned table's estimate is what its partitions hold: 18 page views.
    QCOMPARE(pageViews.first().siblingAtColumn(TableTreeModel::RowsColumn).data().toString(), QStringLiteral("18"));

    const QString summary = window.findChild<QLabel *>(QStringLiteral("connectionSummary"))->text();
    QVERIFY2(summary.contains(m_shop->name()), qPrintable(summary));
}

void TestMainWindow::selectingUsersShowsTheKeysThatReferenceIt()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    loadShop(window);

    // Click it, as a user would.
    QTreeView *tree = tablesTree(window);
    const QModelIndex users = tree->model()->match(tree->model()->index(0, 0), TableTreeModel::QualifiedNameRole,
                                                   QStringLiteral("public.users"), 1,
                                                   Qt::MatchExactly | Qt::MatchRecursive)
                                  .value(0);
    QVERIFY(users.isValid());
    tree->scrollTo(users);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(users).center());
    QCOMPARE(tree->currentIndex(), users);

    auto *referencedBy = findByAccessibleName<QTreeView>(&window, QStringLiteral("Referenced by"));
    QVERIFY(referencedBy);
    const QAbstractItemModel *model = referencedBy->model();
    const int childColumn = columnTitled(model, QStringLiteral("Child table"));
    const int columnsColumn = columnTitled(model, QStringLiteral("Columns"));
    const int keyColumn = columnTitled(model, QStringLiteral("Key"));
    const int onDeleteColumn = columnTitled(model, QStringLiteral("On delete"));
    QVERIFY(childColumn >= 0 && columnsColumn >= 0 && keyColumn >= 0 && onDeleteColumn >= 0);
    const int row = findRow(model, keyColumn, QStringLiteral("orders_user_id_fkey"));
    QVERIFY2(row >= 0, "orders_user_id_fkey is not in Referenced by");
    QCOMPARE(model->index(row, childColumn).data().toString(), QStringLiteral("public.orders"));
    QCOMPARE(model->index(row, columnsColumn).data().toString(), QStringLiteral("user_id"));
    QCOMPARE(model->index(row, onDeleteColumn).data().toString(), QStringLiteral("restrict"));

    // All keys that PostgreSQL says point at users, and no others.
    QStringList expected = m_shop->query(QStringLiteral(
        "SELECT conname FROM pg_constraint WHERE contype = 'f' AND conparentid = 0 "
        "AND confrelid = 'public.users'::regclass"));
    QStringList shown;
    for (int r = 0; r < model->rowCount(); ++r)
        shown << model->index(r, keyColumn).data().toString();
    expected.sort();
    shown.sort();
    QCOMPARE(shown, expected);
    // The self-reference and the key from another schema are among them, with their actions.
    QCOMPARE(model->index(findRow(model, keyColumn, QStringLiteral("users_referred_by_fkey")), onDeleteColumn).data().toString(),
             QStringLiteral("set null"));
    QCOMPARE(model->index(findRow(model, keyColumn, QStringLiteral("invoices_user_id_fkey")), childColumn).data().toString(),
             QStringLiteral("billing.invoices"));

    // References: the keys users holds.
    auto *references = findByAccessibleName<QTreeView>(&window, QStringLiteral("References"));
    QVERIFY(references);
    const QAbstractItemModel *held = references->model();
    QCOMPARE(held->rowCount(), 2);
    const int cycle = findRow(held, columnTitled(held, QStringLiteral("Key")), QStringLiteral("users_default_address_fkey"));
    QVERIFY(cycle >= 0);
    QCOMPARE(held->index(cycle, columnTitled(held, QStringLiteral("Columns"))).data().toString(),
             QStringLiteral("default_address_id"));
    QCOMPARE(held->index(cycle, columnTitled(held, QStringLiteral("Parent table"))).data().toString(),
             QStringLiteral("public.addresses"));
    QCOMPARE(held->index(cycle, columnTitled(held, QStringLiteral("Parent columns"))).data().toString(), QStringLiteral("id"));
    QCOMPARE(held->index(cycle, columnTitled(held, QStringLiteral("On delete"))).data().toString(), QStringLiteral("set null"));
    QCOMPARE(held->index(cycle, columnTitled(held, QStringLiteral("Notes"))).data().toString(), QStringLiteral("deferred"));

    // Double-clicking a key goes to the table at its other end.
    auto *tabs = findByAccessibleName<QTabWidget>(&window, QStringLiteral("Table details"));
    QVERIFY(tabs);
    tabs->setCurrentWidget(referencedBy);
    QSignalSpy changed(window.findChild<CatalogPanel *>(), &CatalogPanel::currentTableChanged);
    const QModelIndex ordersIndex = referencedBy->model()->index(row, 0);
    QTRY_VERIFY(referencedBy->isVisible() && !referencedBy->visualRect(ordersIndex).isEmpty());
    const QRect ordersRow = referencedBy->visualRect(ordersIndex);
    // QTest's double click is the second press only; the first click comes before it.
    QTest::mouseClick(referencedBy->viewport(), Qt::LeftButton, {}, ordersRow.center());
    QTest::mouseDClick(referencedBy->viewport(), Qt::LeftButton, {}, ordersRow.center());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(tree->currentIndex().data(TableTreeModel::QualifiedNameRole).toString(), QStringLiteral("public.orders"));
}

void TestMainWindow::selectingUsersShowsItsColumnsWithKeyMarkers()
{
    MainWindow window;
    loadShop(window);
    QTreeView *tree = tablesTree(window);
    tree->setCurrentIndex(tree->model()->match(tree->model()->index(0, 0), TableTreeModel::QualifiedNameRole,
                                               QStringLiteral("public.users"), 1, Qt::MatchExactly | Qt::MatchRecursive)
                              .value(0));

    auto *columns = findByAccessibleName<QTreeView>(&window, QStringLiteral("Columns"));
    QVERIFY(columns);
    const QAbstractItemModel *model = columns->model();
    const QStringList expected = m_shop->query(QStringLiteral(
        "SELECT attname FROM pg_attribute WHERE attrelid = 'public.users'::regclass AND attnum > 0 "
        "AND NOT attisdropped ORDER BY attnum"));
    QStringList shown;
    for (int r = 0; r < model->rowCount(); ++r)
        shown << model->index(r, 0).data().toString();
    QCOMPARE(shown, expected);

    QCOMPARE(rowTexts(model, findRow(model, 0, QStringLiteral("id"))),
             (QStringList{QStringLiteral("id"), QStringLiteral("bigint"), QStringLiteral("not null"), QStringLiteral("PK"),
                          QStringLiteral("identity (always)")}));
    const int keyColumn = columnTitled(model, QStringLiteral("Key"));
    const int nullableColumn = columnTitled(model, QStringLiteral("Nullable"));
    QVERIFY(keyColumn >= 0 && nullableColumn >= 0);
    QCOMPARE(model->index(findRow(model, 0, QStringLiteral("referred_by")), keyColumn).data().toString(), QStringLiteral("FK"));
    QCOMPARE(model->index(findRow(model, 0, QStringLiteral("referred_by")), nullableColumn).data().toString(), QString());
    QCOMPARE(model->index(findRow(model, 0, QStringLiteral("email")), keyColumn).data().toString(), QStringLiteral("UQ"));
}

void TestMainWindow::filterNarrowsTheTree()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    loadShop(window);
    QTreeView *tree = tablesTree(window);
    const int allTables = qualifiedNames(tree).size();

    auto *filter = findByAccessibleName<QLineEdit>(&window, QStringLiteral("Filter tables"));
    QVERIFY(filter);
    filter->setFocus();
    QTest::keyClicks(filter, QStringLiteral("invoice"));
    QCOMPARE(qualifiedNames(tree), QStringList{QStringLiteral("billing.invoices")});
    QCOMPARE(tree->model()->rowCount(), 1);  // only the billing schema is left
    QCOMPARE(tree->model()->index(0, 0).data().toString(), QStringLiteral("billing"));

    // schema.table narrows by both; matching is case-insensitive.
    filter->setText(QStringLiteral("PUBLIC.ORDER"));
    QCOMPARE(qualifiedNames(tree), (QStringList{QStringLiteral("public.order_items"), QStringLiteral("public.order_notes"),
                                                QStringLiteral("public.orders")}));
    // A schema that matches shows all its tables.
    filter->setText(QStringLiteral("audit"));
    QCOMPARE(qualifiedNames(tree), QStringList{QStringLiteral("\"Audit\".\"Change Log\"")});

    filter->setText(QStringLiteral("no such table"));
    QCOMPARE(tree->model()->rowCount(), 0);
    filter->clear();
    QCOMPARE(qualifiedNames(tree).size(), allTables);
}

void TestMainWindow::unreachableServerShowsAnErrorAndLeavesTheWindowUsable()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTreeView *tree = tablesTree(window);

    window.connectTo(ConnInfo::parse(QStringLiteral("host=/nonexistent dbname=nothing")).value());
    QTRY_VERIFY_WITH_TIMEOUT(showsError(window), loadTimeout);
    QVERIFY(!isBusy(window));
    QString message = errorText(window);
    QVERIFY2(message.startsWith(QStringLiteral("Could not connect to")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("/nonexistent")), qPrintable(message));
    QCOMPARE(tree->model()->rowCount(), 0);
    QVERIFY(window.findChild<QAction *>(QStringLiteral("connectAction"))->isEnabled());
    QVERIFY(window.findChild<QAction *>(QStringLiteral("reloadAction"))->isEnabled());

    // The same window then connects fine, and the error goes away.
    loadShop(window);
    QVERIFY(!showsError(window));
    const QString summary = window.findChild<QLabel *>(QStringLiteral("connectionSummary"))->text();

    // A failure after a good load keeps what was loaded: whole, and said so.
    QVERIFY(window.findChild<QWidget *>(QStringLiteral("catalogPanel")));
    tree->setCurrentIndex(tree->model()->match(tree->model()->index(0, 0), TableTreeModel::QualifiedNameRole,
                                               QStringLiteral("public.users"), 1, Qt::MatchExactly | Qt::MatchRecursive)
                              .value(0));
    const int tables = qualifiedNames(tree).size();
    window.connectTo(ConnInfo::parse(QStringLiteral("host=/nonexistent dbname=other")).value());
    QTRY_VERIFY_WITH_TIMEOUT(showsError(window), loadTimeout);
    message = errorText(window);
    QVERIFY2(message.contains(QStringLiteral("Still showing")), qPrintable(message));
    QCOMPARE(qualifiedNames(tree).size(), tables);
    QCOMPARE(tree->currentIndex().data(TableTreeModel::QualifiedNameRole).toString(), QStringLiteral("public.users"));
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("connectionSummary"))->text(), summary);
}

void TestMainWindow::cancelStopsTheCatalogQueryOnTheServer()
{
    // Another session holds pg_inherits, so the catalog load blocks on the server until that
    // session ends or the query is cancelled. (Not pg_constraint: the planner reads that for
    // foreign-key join estimates, so the test's own psql checks would block behind it too.)
    QProcess locker;
    locker.start(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-d"),
                                          m_shop->connInfoString() + QStringLiteral(" application_name=locker"),
                                          QStringLiteral("-c"),
                                          QStringLiteral("BEGIN; LOCK TABLE pg_catalog.pg_inherits IN ACCESS EXCLUSIVE MODE; "
                                                         "SELECT pg_sleep(300);")});
    // A backend asleep does not notice its client is gone, so end it on the server.
    auto endLocker = [&] {
        m_shop->query(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                     "WHERE datname = current_database() AND application_name = 'locker'"));
        return locker.waitForFinished(loadTimeout);
    };
    auto endLockerOnFailure = qScopeGuard(endLocker);
    QTRY_COMPARE_WITH_TIMEOUT(m_shop->queryValue(QStringLiteral(
                                  "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                                  "WHERE d.datname = current_database() AND l.relation = 'pg_catalog.pg_inherits'::regclass "
                                  "AND l.mode = 'AccessExclusiveLock' AND l.granted")),
                              QStringLiteral("1"), loadTimeout);

    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.connectTo(m_shop->connInfo());
    QTRY_COMPARE_WITH_TIMEOUT(fkscopeSessionsWaitingForALock(*m_shop), 1, loadTimeout);
    QVERIFY(isBusy(window));

    QTest::mouseClick(findByAccessibleName<QPushButton>(&window, QStringLiteral("Cancel loading")), Qt::LeftButton);
    // The window is free at once; the server stops the query soon after.
    QVERIFY(!isBusy(window));
    QTRY_COMPARE_WITH_TIMEOUT(fkscopeSessionsWaitingForALock(*m_shop), 0, loadTimeout);
    QVERIFY(!showsError(window));  // a cancel is not an error
    QCOMPARE(tablesTree(window)->model()->rowCount(), 0);

    QVERIFY(endLocker());
    window.reload();
    QTRY_VERIFY_WITH_TIMEOUT(qualifiedNames(tablesTree(window)).contains(QStringLiteral("public.users")), loadTimeout);
}

void TestMainWindow::newerRequestWinsOverAnOlderOne()
{
    TestDatabase other(QStringLiteral("ui_other"));
    QVERIFY2(other.isValid(), qPrintable(other.error()));
    QVERIFY2(other.run(QStringLiteral("CREATE TABLE only_table (id integer PRIMARY KEY)")), qPrintable(other.error()));

    MainWindow window;
    QTreeView *tree = tablesTree(window);
    window.connectTo(m_shop->connInfo());
    window.connectTo(other.connInfo());
    // One worker answers in order, so once the newer answer is shown the older one has
    // come and gone.
    QTRY_VERIFY_WITH_TIMEOUT(!isBusy(window), loadTimeout);
    QCOMPARE(qualifiedNames(tree), QStringList{QStringLiteral("public.only_table")});
}

FKSCOPE_TEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
