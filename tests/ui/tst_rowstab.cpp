// The Rows view against a real server: the rows of the table selected in the tree, paged as
// the view scrolls; the filter box; sorting; links to parent and child rows; the clipboard;
// and what DELETE of the selected row would do, as DeleteImpactAnalyzer says it.
#include "TestDatabase.h"
#include "TestMain.h"
#include "WidgetLookup.h"

#include "ui/window/MainWindow.h"
#include "ui/rows/RowTableModel.h"
#include "ui/catalog/TableTreeModel.h"

#include "catalog/CatalogLoader.h"
#include "db/Connection.h"
#include "impact/DeleteImpactAnalyzer.h"
#include "impact/DeleteImpactJson.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace fkscope;
using namespace fkscope::test;

namespace {


QString verdictText(const MainWindow &window)
{
    return findByAccessibleName<QLabel>(&window, QStringLiteral("Verdict"))->accessibleDescription();
}

QTableView *rowsView(const MainWindow &window)
{
    auto *view = findByAccessibleName<QTableView>(&window, QStringLiteral("Rows"));
    if (!view)
        qFatal("no table view named \"Rows\"");
    return view;
}

// The row of the view whose column `column` shows text, or -1.
int rowShowing(const QTableView *view, const QString &column, const QString &text)
{
    const int c = columnTitled(view->model(), column);
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        if (view->model()->index(row, c).data().toString() == text)
            return row;
    }
    return -1;
}

void clickCell(QTableView *view, int row, int column)
{
    const QModelIndex index = view->model()->index(row, column);
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
}

QAction *linkAction(const MainWindow &window, const QString &text)
{
    auto *button = findByAccessibleName<QPushButton>(&window, QStringLiteral("Related rows"));
    Q_EMIT button->menu()->aboutToShow();
    for (QAction *action : button->menu()->actions()) {
        if (action->text() == text)
            return action;
    }
    return nullptr;
}

} // namespace

class TestRowsTab : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void selectingAUserRowShowsWhatDeleteWouldDo();
    void filterNarrowsTheRowsAndABadOneKeepsThem();
    void sortingByAHeaderOrdersTheRows();
    void linksOpenParentAndChildRows();
    void copyPutsTabSeparatedCellsOnTheClipboard();
    void scrollingFetchesTheNextPages();

private:
    void load(MainWindow &window, const TestDatabase &db, const QString &table);
    QString predictedVerdict(const QString &table, const QString &column, const QString &value);

    std::unique_ptr<TestDatabase> m_shop;
};

void TestRowsTab::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("fkscope-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_rowstab"));
    m_shop = std::make_unique<TestDatabase>(QStringLiteral("rowsui"));
    QVERIFY2(m_shop->isValid(), qPrintable(m_shop->error()));
    QVERIFY2(m_shop->runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(m_shop->error()));
}

void TestRowsTab::load(MainWindow &window, const TestDatabase &db, const QString &table)
{
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.connectTo(db.connInfo());
    // The graph is in front after connecting; the user goes to the rows.
    showTabOf(findByAccessibleName<QTableView>(&window, QStringLiteral("Rows")));
    auto *tree = findByAccessibleName<QTreeView>(&window, QStringLiteral("Tables"));
    QVERIFY(tree);
    QModelIndex index;
    QTRY_VERIFY_WITH_TIMEOUT((index = tree->model()->match(tree->model()->index(0, 0), TableTreeModel::QualifiedNameRole,
                                                           table, 1, Qt::MatchExactly | Qt::MatchRecursive)
                                           .value(0))
                                 .isValid(),
                             windowTimeout);
    tree->scrollTo(index);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(index).center());
    QCOMPARE(tree->currentIndex().data(TableTreeModel::QualifiedNameRole).toString(), table);
}

QString TestRowsTab::predictedVerdict(const QString &table, const QString &column, const QString &value)
{
    auto connection = Connection::open(m_shop->connInfo());
    if (!connection)
        return connection.error().message;
    auto catalog = CatalogLoader(*connection.value()).load();
    if (!catalog)
        return catalog.error().message;
    auto impact = DeleteImpactAnalyzer(*connection.value(), catalog.value()).analyze({table, {{column, value}}, {}});
    return impact ? verdict(impact.value()) : impact.error().message;
}

void TestRowsTab::selectingAUserRowShowsWhatDeleteWouldDo()
{
    MainWindow window;
    load(window, *m_shop, QStringLiteral("public.users"));
    QTableView *rows = rowsView(window);
    QTRY_COMPARE_WITH_TIMEOUT(rows->model()->rowCount(), 8, windowTimeout);

    // Alice (id 1) has orders (RESTRICT) and an invoice (NO ACTION): DELETE fails.
    clickCell(rows, rowShowing(rows, QStringLiteral("id"), QStringLiteral("1")), 0);
    const QString aliceVerdict = predictedVerdict(QStringLiteral("public.users"), QStringLiteral("id"), QStringLiteral("1"));
    QVERIFY2(aliceVerdict.startsWith(QLatin1String("DELETE would fail")), qPrintable(aliceVerdict));
    QTRY_COMPARE_WITH_TIMEOUT(verdictText(window), aliceVerdict, windowTimeout);
    QVERIFY(aliceVerdict.contains(QLatin1String("orders_user_id_fkey"))
            || aliceVerdict.contains(QLatin1String("invoices_user_id_fkey")));
    auto *dependents = findByAccessibleName<QTreeView>(&window, QStringLiteral("Dependents"));
    QVERIFY(dependents);
    const QStringList tables = collect(dependents->model(), Qt::UserRole + 1);
    QVERIFY2(tables.contains(QStringLiteral("billing.invoices")), qPrintable(tables.join(u' ')));
    QVERIFY2(tables.contains(QStringLiteral("public.orders")), qPrintable(tables.join(u' ')));
    // The key that blocks says so in words, not only in colour.
    const QModelIndexList orders = dependents->model()->match(dependents->model()->index(0, 0), Qt::DisplayRole,
                                                              QStringLiteral("orders_user_id_fkey"), 1,
                                                              Qt::MatchExactly | Qt::MatchRecursive);
    const QModelIndexList byConstraint = dependents->model()->match(
        dependents->model()->index(0, 1), Qt::DisplayRole, QStringLiteral("orders_user_id_fkey"), 1, Qt::MatchExactly);
    QVERIFY(orders.isEmpty() && !byConstraint.isEmpty());
    QCOMPARE(byConstraint.first().siblingAtColumn(4).data().toString(), QStringLiteral("blocks the DELETE"));
    QCOMPARE(byConstraint.first().siblingAtColumn(2).data().toString(), QStringLiteral("restrict"));

    // Erin (id 5): nothing references her, DELETE removes just her row.
    clickCell(rows, rowShowing(rows, QStringLiteral("id"), QStringLiteral("5")), 1);
    const QString erinVerdict = predictedVerdict(QStringLiteral("public.users"), QStringLiteral("id"), QStringLiteral("5"));
    QVERIFY2(erinVerdict.startsWith(QLatin1String("DELETE would remove")), qPrintable(erinVerdict));
    QTRY_COMPARE_WITH_TIMEOUT(verdictText(window), erinVerdict, windowTimeout);
    QVERIFY(!findByAccessibleName<QPushButton>(&window, QStringLiteral("Cancel analysis"))->isVisible());

    // Double-clicking a key below Alice shows the rows it reaches: her orders.
    clickCell(rows, rowShowing(rows, QStringLiteral("id"), QStringLiteral("1")), 0);
    QTRY_COMPARE_WITH_TIMEOUT(verdictText(window), aliceVerdict, windowTimeout);
    const QModelIndex ordersKey = dependents->model()->match(dependents->model()->index(0, 1), Qt::DisplayRole,
                                                             QStringLiteral("orders_user_id_fkey"), 1, Qt::MatchExactly)
                                      .value(0);
    QVERIFY(ordersKey.isValid());
    const QRect cell = dependents->visualRect(ordersKey);
    QTest::mouseClick(dependents->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(dependents->viewport(), Qt::LeftButton, {}, cell.center());
    QTRY_COMPARE_WITH_TIMEOUT(rows->model()->rowCount(),
                              m_shop->queryValue(QStringLiteral("SELECT count(*) FROM orders WHERE user_id = 1")).toInt(),
                              windowTimeout);
    QCOMPARE(findByAccessibleName<QLineEdit>(&window, QStringLiteral("Row filter"))->text(), QStringLiteral("user_id=1"));
}

void TestRowsTab::filterNarrowsTheRowsAndABadOneKeepsThem()
{
    MainWindow window;
    load(window, *m_shop, QStringLiteral("public.users"));
    QTableView *rows = rowsView(window);
    QTRY_COMPARE_WITH_TIMEOUT(rows->model()->rowCount(), 8, windowTimeout);
    auto *filter = findByAccessibleName<QLineEdit>(&window, QStringLiteral("Row filter"));
    QVERIFY(filter);

    filter->setText(QStringLiteral("name='Carol Chen'"));
    QTest::keyClick(filter, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(rows->model()->rowCount(), 1, windowTimeout);
    QCOMPARE(rows->model()->index(0, columnTitled(rows->model(), QStringLiteral("id"))).data().toString(), QStringLiteral("3"));

    filter->setText(QStringLiteral("referred_by = 1 OR id > 7"));
    QTest::keyClick(filter, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(rows->model()->rowCount(), 3, windowTimeout);

    auto *error = window.findChild<QLabel *>(QStringLiteral("rowError"));
    QVERIFY(error && error->isHidden());
    filter->setText(QStringLiteral("nope > 1"));
    QTest::keyClick(filter, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(!error->isHidden(), windowTimeout);
    QVERIFY2(error->accessibleDescription().contains(QLatin1String("column \"nope\" does not exist")),
             qPrintable(error->accessibleDescription()));
    QCOMPARE(rows->model()->rowCount(), 3);  // the rows from before stay

    // A second statement is refused before anything reaches the server; nothing changes.
    filter->setText(QStringLiteral("id = 1; DELETE FROM users"));
    QTest::keyClick(filter, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(error->accessibleDescription().contains(QLatin1String("one SQL condition")), windowTimeout);
    QCOMPARE(m_shop->queryValue(QStringLiteral("SELECT count(*) FROM users")), QStringLiteral("8"));

    // Emptying the box after a filter that failed only takes the error away.
    filter->setText(QStringLiteral("id = 2"));
    QTest::keyClick(filter, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(rows->model()->rowCount(), 1, windowTimeout);
    filter->setText(QStringLiteral("nope"));
    QTest::keyClick(filter, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(!error->isHidden(), windowTimeout);
    filter->clear();  // the clear button empties it: all rows again
    QTRY_COMPARE_WITH_TIMEOUT(rows->model()->rowCount(), 8, windowTimeout);
    QVERIFY(error->isHidden());
    // A filter that failed on the unfiltered rows: emptying the box only takes the error away.
    filter->setText(QStringLiteral("nope"));
    QTest::keyClick(filter, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(!error->isHidden(), windowTimeout);
    filter->clear();
    QVERIFY(error->isHidden());
    QCOMPARE(rows->model()->rowCount(), 8);
}

void TestRowsTab::sortingByAHeaderOrdersTheRows()
{
    MainWindow window;
    load(window, *m_shop, QStringLiteral("public.users"));
    QTableView *rows = rowsView(window);
    QTRY_COMPARE_WITH_TIMEOUT(rows->model()->rowCount(), 8, windowTimeout);
    const int referredBy = columnTitled(rows->model(), QStringLiteral("referred_by"));
    const int id = columnTitled(rows->model(), QStringLiteral("id"));
    QHeaderView *header = rows->horizontalHeader();
    auto ids = [&] {
        QStringList list;
        for (int row = 0; row < rows->model()->rowCount(); ++row)
            list << rows->model()->index(row, id).data().toString();
        return list.join(u',');
    };
    auto clickHeader = [&] {
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(referredBy) + 5, header->height() / 2));
    };
    const QString ascending = m_shop->query(QStringLiteral("SELECT id FROM users ORDER BY referred_by NULLS LAST, id")).join(u',');
    const QString descending = m_shop->query(QStringLiteral("SELECT id FROM users ORDER BY referred_by DESC NULLS FIRST, id DESC")).join(u',');
    clickHeader();
    QTRY_COMPARE_WITH_TIMEOUT(ids(), ascending, windowTimeout);
    QCOMPARE(header->sortIndicatorSection(), referredBy);
    clickHeader();
    QTRY_COMPARE_WITH_TIMEOUT(ids(), descending, windowTimeout);
    clickHeader();  // back to the key's order
    QTRY_COMPARE_WITH_TIMEOUT(ids(), QStringLiteral("1,2,3,4,5,6,7,8"), windowTimeout);
}

void TestRowsTab::linksOpenParentAndChildRows()
{
    MainWindow window;
    load(window, *m_shop, QStringLiteral("public.users"));
    QTableView *rows = rowsView(window);
    QTRY_COMPARE_WITH_TIMEOUT(rows->model()->rowCount(), 8, windowTimeout);
    auto *filter = findByAccessibleName<QLineEdit>(&window, QStringLiteral("Row filter"));

    // Bob was referred by Alice: up through the self-reference.
    clickCell(rows, rowShowing(rows, QStringLiteral("id"), QStringLiteral("2")), 0);
    QAction *up = linkAction(window, QStringLiteral("Go to parent row in public.users via users_referred_by_fkey"));
    QVERIFY(up && up->isEnabled());
    up->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(rows->model()->rowCount(), 1, windowTimeout);
    QCOMPARE(filter->text(), QStringLiteral("id=1"));
    QCOMPARE(rows->model()->index(0, columnTitled(rows->model(), QStringLiteral("name"))).data().toString(),
             QStringLiteral("Alice Anders"));

    // Down to Alice's orders: another table, which the tree follows.
    clickCell(rows, 0, 0);
    QAction *down = linkAction(window, QStringLiteral("Show children in public.orders via orders_user_id_fkey"));
    QVERIFY(down);
    down->trigger();
    const int expected = m_shop->queryValue(QStringLiteral("SELECT count(*) FROM orders WHERE user_id = 1")).toInt();
    QVERIFY(expected > 0);
    QTRY_COMPARE_WITH_TIMEOUT(rows->model()->rowCount(), expected, windowTimeout);
    QCOMPARE(filter->text(), QStringLiteral("user_id=1"));
    auto *tree = findByAccessibleName<QTreeView>(&window, QStringLiteral("Tables"));
    QCOMPARE(tree->currentIndex().data(TableTreeModel::QualifiedNameRole).toString(), QStringLiteral("public.orders"));

    // Nobody referred Erin: the way up is there but closed.
    filter->clear();
    load(window, *m_shop, QStringLiteral("public.users"));
    QTRY_COMPARE_WITH_TIMEOUT(rows->model()->rowCount(), 8, windowTimeout);
    clickCell(rows, rowShowing(rows, QStringLiteral("id"), QStringLiteral("5")), 0);
    QAction *closed = linkAction(window, QStringLiteral("Go to parent row in public.users via users_referred_by_fkey (the key is NULL)"));
    QVERIFY(closed && !closed->isEnabled());
}

void TestRowsTab::copyPutsTabSeparatedCellsOnTheClipboard()
{
    MainWindow window;
    load(window, *m_shop, QStringLiteral("public.users"));
    QTableView *rows = rowsView(window);
    QTRY_COMPARE_WITH_TIMEOUT(rows->model()->rowCount(), 8, windowTimeout);
    const int id = columnTitled(rows->model(), QStringLiteral("id"));
    const int referredBy = columnTitled(rows->model(), QStringLiteral("referred_by"));
    QVERIFY(referredBy > id);
    // NULL shows as NULL but copies as an empty field.
    QCOMPARE(rows->model()->index(0, referredBy).data().toString(), QStringLiteral("NULL"));
    QVERIFY(rows->model()->index(0, referredBy).data(RowTableModel::IsNullRole).toBool());
    rows->selectionModel()->select(QItemSelection(rows->model()->index(0, id), rows->model()->index(1, referredBy)),
                                   QItemSelectionModel::ClearAndSelect);
    rows->setFocus();
    QTest::keySequence(rows, QKeySequence::Copy);
    const QString copied = QApplication::clipboard()->text();
    QVERIFY2(copied.startsWith(QLatin1String("1\talice@example.com\tAlice Anders\t\n2\tbob@example.com\tBob Brandt\t1\n")),
             qPrintable(copied));
}

void TestRowsTab::scrollingFetchesTheNextPages()
{
    TestDatabase big(QStringLiteral("rowsbig"));
    QVERIFY2(big.isValid(), qPrintable(big.error()));
    QVERIFY(big.run(QStringLiteral("CREATE TABLE items (id integer PRIMARY KEY, label text);"
                                   "INSERT INTO items SELECT i, 'item ' || i FROM generate_series(1, 1000) AS i;")));
    MainWindow window;
    load(window, big, QStringLiteral("public.items"));
    QTableView *rows = rowsView(window);
    QTRY_COMPARE_WITH_TIMEOUT(rows->model()->rowCount(), RowTableModel::pageSize, windowTimeout);
    // Only what was scrolled to is loaded; each scroll to the bottom loads the next page.
    for (int pages = 2; pages <= 5; ++pages) {
        rows->scrollToBottom();
        QTRY_COMPARE_WITH_TIMEOUT(rows->model()->rowCount(), pages * RowTableModel::pageSize, windowTimeout);
    }
    rows->scrollToBottom();
    QTRY_VERIFY_WITH_TIMEOUT(qobject_cast<RowTableModel *>(rows->model())->isComplete(), windowTimeout);
    QCOMPARE(rows->model()->rowCount(), 1000);
    QCOMPARE(rows->model()->index(999, 0).data().toString(), QStringLiteral("1000"));
}

FKSCOPE_TEST_MAIN(TestRowsTab)
#include "tst_rowstab.moc"
