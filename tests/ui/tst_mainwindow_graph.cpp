// The Graph tab of the main window against a real server: every table drawn once, selection
// shared with the table tree and the Rows tab, focus by double click, Ctrl+F, the shortest
// path between two tables, and File > Export's DOT and SVG.
#include "TestDatabase.h"
#include "TestMain.h"
#include "WidgetLookup.h"

#include "ui/window/MainWindow.h"
#include "ui/rows/RowListPanel.h"
#include "ui/rows/RowsPanel.h"
#include "ui/catalog/TableTreeModel.h"
#include "ui/graph/GraphPanel.h"
#include "ui/graph/KeyEdgeItem.h"
#include "ui/graph/GraphScene.h"
#include "ui/graph/GraphView.h"
#include "ui/graph/TableNodeItem.h"

#include "catalog/Catalog.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QXmlStreamReader>

#include <memory>

using namespace fkscope;
using namespace fkscope::test;

namespace {


const char *tablesSql = "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT LIKE 'pg\\_%' "
                        "AND n.nspname <> 'information_schema'";
const char *tableOidsSql = "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                           "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT LIKE 'pg\\_%' "
                           "AND n.nspname <> 'information_schema'";
const char *keysSql = "SELECT conrelid::bigint || ' ' || confrelid::bigint FROM pg_constraint "
                      "WHERE contype = 'f' AND conparentid = 0";

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

// regclass leaves out the schema on the search path; fkscope always names it.
QStringList qualified(QStringList names)
{
    for (QString &name : names) {
        if (!name.contains(u'.'))
            name.prepend(QStringLiteral("public."));
    }
    return names;
}

} // namespace

class TestMainWindowGraph : public QObject {
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_shop;
    std::unique_ptr<MainWindow> m_window;
    GraphPanel *m_panel = nullptr;
    QTemporaryDir m_dir;

    GraphView *view() const { return m_panel->view(); }
    QTabWidget *views() const { return findByAccessibleName<QTabWidget>(m_window.get(), QStringLiteral("Views")); }
    QTreeView *tree() const { return findByAccessibleName<QTreeView>(m_window.get(), QStringLiteral("Tables")); }
    QString treeSelection() const { return tree()->currentIndex().data(TableTreeModel::QualifiedNameRole).toString(); }
    qint64 oidOf(const QString &name) const { return m_shop->queryValue(QStringLiteral("SELECT '%1'::regclass::oid").arg(name)).toLongLong(); }
    // The qualified names of the tables the graph draws.
    QStringList drawn() const;
    QPoint pointOf(qint64 oid) const;
    void selectInTree(const QString &name);
    // Waits for the view to finish the layout it is doing (or is about to be asked for).
    bool waitForLayout(QSignalSpy &finished);

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void graphTabDrawsEveryTableAndKeyOnce();
    void clickingANodeSelectsItInTheTreeAndTheRows();
    void showRowsFromATablesMenuOrTheTreeOpensItsRows();
    void theGraphStaysFittedWhenTheWindowIsResizedUntilTheUserZooms();
    void selectingInTheTreeSelectsInTheGraph();
    void doubleClickFocusesOnTheNeighbourhood();
    void ctrlFJumpsToATable();
    void pathShowsExactlyThePathsTables();
    void exportWritesEachTableAndKeyOnce_data();
    void exportWritesEachTableAndKeyOnce();
    void cycleTablesAreMarked();
    void unindexedKeysAreMarked();
    void graphLaidOutOnAHiddenTabFitsWhenShown();
    void theLegendCanBeHiddenAndStaysHidden();
};

void TestMainWindowGraph::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("fkscope-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow_graph"));
    m_shop = std::make_unique<TestDatabase>(QStringLiteral("ui_graph"));
    QVERIFY2(m_shop->isValid(), qPrintable(m_shop->error()));
    QVERIFY2(m_shop->runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(m_shop->error()));
    QVERIFY(m_dir.isValid());

    m_window = std::make_unique<MainWindow>();
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_panel = m_window->findChild<GraphPanel *>();
    QVERIFY(m_panel);
    QSignalSpy finished(view(), &GraphView::layoutFinished);
    m_window->connectTo(m_shop->connInfo());
    QVERIFY(waitForLayout(finished));
    // The graph is the first thing a user sees after connecting.
    QCOMPARE(views()->currentWidget(), m_panel);
}

void TestMainWindowGraph::cleanupTestCase()
{
    m_window.reset();
    m_shop.reset();
}

void TestMainWindowGraph::init()
{
    // Each test starts from the whole graph: no focus, path, hidden table or schema filter.
    QSignalSpy finished(view(), &GraphView::layoutFinished);
    view()->showGraph();
    QVERIFY(waitForLayout(finished));
}

bool TestMainWindowGraph::waitForLayout(QSignalSpy &finished)
{
    if (finished.isEmpty() && !finished.wait(windowTimeout))
        return false;
    if (!finished.last().at(0).toBool())
        qWarning("layout failed: %s", qPrintable(finished.last().at(1).toString()));
    return finished.last().at(0).toBool() && !view()->isBusy();
}

QStringList TestMainWindowGraph::drawn() const
{
    QStringList names;
    for (TableNodeItem *item : view()->graphScene()->nodes())
        names << view()->graph()->table(view()->graph()->tableIndex(item->oid())).qualifiedName;
    names.sort();
    return names;
}

QPoint TestMainWindowGraph::pointOf(qint64 oid) const
{
    TableNodeItem *item = view()->graphScene()->node(oid);
    if (!item)
        return {};
    view()->centerOn(item);
    return view()->mapFromScene(item->sceneBoundingRect().center());
}

void TestMainWindowGraph::selectInTree(const QString &name)
{
    QTreeView *t = tree();
    const QModelIndex index = t->model()->match(t->model()->index(0, 0), TableTreeModel::QualifiedNameRole, name, 1,
                                                Qt::MatchExactly | Qt::MatchRecursive)
                                  .value(0);
    QVERIFY2(index.isValid(), qPrintable(name));
    t->setCurrentIndex(index);
}

void TestMainWindowGraph::graphTabDrawsEveryTableAndKeyOnce()
{
    QVERIFY(view()->isVisible());
    QCOMPARE(drawn(), sorted(qualified(m_shop->query(QString::fromLatin1(tablesSql)))));
    QCOMPARE(view()->graphScene()->nodes().size(), qsizetype(drawn().size()));  // no oid twice
    QCOMPARE(view()->graphScene()->edgeCount(), int(m_shop->query(QString::fromLatin1(keysSql)).size()));
    // The text twin lists the same keys.
    QCOMPARE(view()->keyDescriptions().size(), qsizetype(m_shop->query(QString::fromLatin1(keysSql)).size()));
    // Every box is where Graphviz put it, and no two overlap.
    const auto nodes = view()->graphScene()->nodes().values();
    for (int i = 0; i < nodes.size(); ++i) {
        for (int j = i + 1; j < nodes.size(); ++j) {
            const QRectF a = nodes[i]->box();
            const QRectF b = nodes[j]->box();
            QVERIFY2(!a.intersects(b), qPrintable(nodes[i]->name() + QStringLiteral(" overlaps ") + nodes[j]->name()));
        }
    }
}

void TestMainWindowGraph::clickingANodeSelectsItInTheTreeAndTheRows()
{
    const qint64 orders = oidOf(QStringLiteral("public.orders"));
    QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, pointOf(orders));
    QCOMPARE(view()->selectedTable(), orders);
    QCOMPARE(treeSelection(), QStringLiteral("public.orders"));
    RowListPanel *rows = m_window->findChild<RowsPanel *>()->rowBrowser();
    QVERIFY(rows->table());
    QCOMPARE(rows->table()->qualifiedName, QStringLiteral("public.orders"));

    // A table in another schema, with a quoted name.
    const qint64 changeLog = oidOf(QStringLiteral("\"Audit\".\"Change Log\""));
    QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, pointOf(changeLog));
    QCOMPARE(treeSelection(), QStringLiteral("\"Audit\".\"Change Log\""));
    QCOMPARE(rows->table()->qualifiedName, QStringLiteral("\"Audit\".\"Change Log\""));
}

void TestMainWindowGraph::showRowsFromATablesMenuOrTheTreeOpensItsRows()
{
    auto *rows = m_window->findChild<RowsPanel *>();
    QVERIFY(rows);
    std::unique_ptr<QMenu> menu(view()->createTableMenu(oidOf(QStringLiteral("public.orders")), nullptr));
    QVERIFY(menu);
    auto *showRows = menu->findChild<QAction *>(QStringLiteral("showRowsAction"));
    QVERIFY(showRows);
    showRows->trigger();
    QCOMPARE(views()->currentWidget(), rows);
    QCOMPARE(treeSelection(), QStringLiteral("public.orders"));

    // Back to the graph; Enter on a table in the tree opens its rows too.
    views()->setCurrentWidget(m_panel);
    selectInTree(QStringLiteral("public.users"));
    tree()->setFocus();
    QTest::keyClick(tree(), Qt::Key_Return);
    QCOMPARE(views()->currentWidget(), rows);
    QCOMPARE(treeSelection(), QStringLiteral("public.users"));
    views()->setCurrentWidget(m_panel);
}

void TestMainWindowGraph::theGraphStaysFittedWhenTheWindowIsResizedUntilTheUserZooms()
{
    // init() drew the whole graph, too big for the window at 100%.
    QVERIFY(view()->zoom() < 0.95);
    // Fitted: the whole drawing is inside the viewport and fills it one way (or is at 100%).
    auto fitted = [this] {
        const QRect drawing = view()->mapFromScene(view()->scene()->itemsBoundingRect()).boundingRect();
        const QRect viewport = view()->viewport()->rect();
        return viewport.adjusted(-2, -2, 2, 2).contains(drawing)
               && (qFuzzyCompare(view()->zoom(), 1.0) || drawing.width() > viewport.width() * 0.9
                   || drawing.height() > viewport.height() * 0.9);
    };
    QVERIFY(fitted());
    const QSize before = m_window->size();
    m_window->resize(before * 0.7);
    QTRY_VERIFY(fitted());
    // Zoomed by the user, the view stays as they left it.
    view()->zoomIn();
    const double zoom = view()->zoom();
    m_window->resize(before);
    QTRY_COMPARE(view()->viewport()->width(), m_panel->width() - 2 * view()->frameWidth());
    QCOMPARE(view()->zoom(), zoom);
}

void TestMainWindowGraph::selectingInTheTreeSelectsInTheGraph()
{
    selectInTree(QStringLiteral("billing.invoices"));
    QCOMPARE(view()->selectedTable(), oidOf(QStringLiteral("billing.invoices")));
    // ... and centres it.
    const QPointF centre = view()->mapToScene(view()->viewport()->rect().center());
    QVERIFY(view()->graphScene()->node(oidOf(QStringLiteral("billing.invoices")))->sceneBoundingRect().adjusted(-60, -60, 60, 60).contains(centre)
            || view()->sceneRect().width() * view()->zoom() <= view()->viewport()->width());
    selectInTree(QStringLiteral("public.products"));
    QCOMPARE(view()->selectedTable(), oidOf(QStringLiteral("public.products")));
}

void TestMainWindowGraph::doubleClickFocusesOnTheNeighbourhood()
{
    const qint64 users = oidOf(QStringLiteral("public.users"));
    QSignalSpy finished(view(), &GraphView::layoutFinished);
    const QPoint at = pointOf(users);
    QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view()->viewport(), Qt::LeftButton, {}, at);
    QVERIFY(waitForLayout(finished));
    QCOMPARE(view()->query().focusOid, users);
    // Depth 1, both ways: users, what it references and what references it, as PostgreSQL says.
    const QStringList expected = qualified(m_shop->query(QStringLiteral(
        "SELECT 'public.users'::regclass::text UNION SELECT confrelid::regclass::text FROM pg_constraint "
        "WHERE contype = 'f' AND conparentid = 0 AND conrelid = 'public.users'::regclass "
        "UNION SELECT conrelid::regclass::text FROM pg_constraint "
        "WHERE contype = 'f' AND conparentid = 0 AND confrelid = 'public.users'::regclass")));
    QCOMPARE(drawn(), sorted(expected));
    QCOMPARE(view()->selectedTable(), users);
    QCOMPARE(treeSelection(), QStringLiteral("public.users"));

    // Depth 0 from the toolbar: users alone.
    auto *depth = m_panel->findChild<QWidget *>(QStringLiteral("graphDepth"));
    QVERIFY(depth);
    finished.clear();
    QMetaObject::invokeMethod(depth, "setValue", Q_ARG(int, 0));
    QVERIFY(waitForLayout(finished));
    QCOMPARE(drawn(), QStringList{QStringLiteral("public.users")});
    finished.clear();
    QMetaObject::invokeMethod(depth, "setValue", Q_ARG(int, 1));
    QVERIFY(waitForLayout(finished));
    QCOMPARE(drawn(), sorted(expected));

    // Whole graph goes back.
    finished.clear();
    auto *whole = findByAccessibleName<QToolButton>(m_panel, QStringLiteral("Whole graph"));
    QVERIFY(whole);
    QTest::mouseClick(whole, Qt::LeftButton);
    QVERIFY(waitForLayout(finished));
    QCOMPARE(drawn().size(), m_shop->query(QString::fromLatin1(tablesSql)).size());
}

void TestMainWindowGraph::ctrlFJumpsToATable()
{
    tree()->setFocus();
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    auto *search = findByAccessibleName<QLineEdit>(m_panel, QStringLiteral("Find table"));
    QVERIFY(search);
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, QStringLiteral("shipm"));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(view()->selectedTable(), oidOf(QStringLiteral("public.shipments")));
    QCOMPARE(treeSelection(), QStringLiteral("public.shipments"));
    // It is in sight.
    const QRectF box = view()->graphScene()->node(oidOf(QStringLiteral("public.shipments")))->sceneBoundingRect();
    QVERIFY(view()->viewport()->rect().contains(view()->mapFromScene(box).boundingRect()));

    // Zoomed in far, the view moves to it.
    for (int i = 0; i < 12; ++i)
        view()->zoomIn();
    search->setFocus();
    search->setText(QStringLiteral("billing.payments"));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(view()->selectedTable(), oidOf(QStringLiteral("billing.payments")));
    const QRectF payments = view()->graphScene()->node(oidOf(QStringLiteral("billing.payments")))->sceneBoundingRect();
    QVERIFY(view()->viewport()->rect().contains(view()->mapFromScene(payments.center())));
    view()->fitToWindow();
}

void TestMainWindowGraph::pathShowsExactlyThePathsTables()
{
    auto *from = findByAccessibleName<QLineEdit>(m_panel, QStringLiteral("Path from"));
    auto *to = findByAccessibleName<QLineEdit>(m_panel, QStringLiteral("Path to"));
    // In the toolbar's Path popup.
    auto *show = findByAccessibleName<QAbstractButton>(m_panel, QStringLiteral("Show path"));
    QVERIFY(from && to && show);
    // Selecting a table fills in where the path starts.
    selectInTree(QStringLiteral("public.shipments"));
    QCOMPARE(from->text(), QStringLiteral("public.shipments"));
    to->setText(QStringLiteral("größen"));
    QSignalSpy finished(view(), &GraphView::layoutFinished);
    show->click();
    QVERIFY(waitForLayout(finished));
    QVERIFY(view()->isShowingPath());
    // shipments -> orders <- order_items -> products -> größen: four keys, the only way in four.
    QCOMPARE(drawn(), sorted({QStringLiteral("public.shipments"), QStringLiteral("public.orders"),
                              QStringLiteral("public.order_items"), QStringLiteral("public.products"),
                              QStringLiteral("public.\"größen\"")}));
    QCOMPARE(view()->graphScene()->edgeCount(), 4);
    // Each key drawn joins two tables of the path, as pg_constraint says.
    const QStringList keys = m_shop->query(QStringLiteral(
        "SELECT conrelid::regclass::text || ' ' || confrelid::regclass::text FROM pg_constraint WHERE contype = 'f'"));
    for (const QString &line : view()->keyDescriptions()) {
        const QStringList parts = line.split(QStringLiteral(" references "));
        QVERIFY2(parts.size() == 2, qPrintable(line));
        const QString child = parts[0].section(u'.', -1), parent = parts[1].section(u' ', 0, 0).section(u'.', -1);
        bool found = false;
        for (const QString &key : keys)
            found = found || key == child + u' ' + parent;
        QVERIFY2(found, qPrintable(line));
    }

    // With orders hidden, shipments (whose one key goes to orders) is joined to nothing: said
    // so, and the graph stays as it is.
    finished.clear();
    selectInTree(QStringLiteral("public.orders"));
    QCOMPARE(view()->selectedTable(), oidOf(QStringLiteral("public.orders")));
    QTest::mouseClick(findByAccessibleName<QToolButton>(m_panel, QStringLiteral("Hide table")), Qt::LeftButton);
    QVERIFY(waitForLayout(finished));
    QVERIFY(!drawn().contains(QStringLiteral("public.orders")));
    QCOMPARE(drawn().size(), m_shop->query(QString::fromLatin1(tablesSql)).size() - 1);
    finished.clear();
    QVERIFY(!m_panel->showPath(QStringLiteral("public.shipments"), QStringLiteral("größen")));
    QVERIFY(!view()->isBusy());
    QCOMPARE(drawn().size(), m_shop->query(QString::fromLatin1(tablesSql)).size() - 1);
    const QString message = m_panel->findChild<QLabel *>(QStringLiteral("graphMessage"))->text();
    QVERIFY2(message.startsWith(QStringLiteral("No chain of foreign keys")), qPrintable(message));
}

void TestMainWindowGraph::exportWritesEachTableAndKeyOnce_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("dot") << QStringLiteral("dot");
    QTest::newRow("svg") << QStringLiteral("svg");
}

void TestMainWindowGraph::exportWritesEachTableAndKeyOnce()
{
    QFETCH(QString, format);
    auto *action = m_window->findChild<QAction *>(QStringLiteral("exportAction"));
    QVERIFY(action && action->isEnabled());
    const QString file = m_dir.filePath(QStringLiteral("graph.") + format);
    QSignalSpy done(m_panel, &GraphPanel::exportFinished);
    m_panel->exportTo(file, format);
    QVERIFY(done.wait(windowTimeout));
    QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();

    const QStringList tableOids = sorted(m_shop->query(QString::fromLatin1(tableOidsSql)));
    const QStringList keyPairs = sorted(m_shop->query(QString::fromLatin1(keysSql)));
    QStringList nodes, edges;
    if (format == QLatin1String("dot")) {
        static const QRegularExpression node(QStringLiteral(R"(^  t(\d+) \[)"), QRegularExpression::MultilineOption);
        static const QRegularExpression edge(QStringLiteral(R"(^  t(\d+) -> t(\d+) \[)"), QRegularExpression::MultilineOption);
        const QString text = QString::fromUtf8(bytes);
        for (auto it = node.globalMatch(text); it.hasNext();)
            nodes << it.next().captured(1);
        for (auto it = edge.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            edges << m.captured(1) + u' ' + m.captured(2);
        }
        // Graphviz reads it back (the test may use the dot program; fkscope never does).
        if (!QStandardPaths::findExecutable(QStringLiteral("dot")).isEmpty()) {
            QProcess dot;
            dot.start(QStringLiteral("dot"), {QStringLiteral("-Tcanon"), file});
            QVERIFY(dot.waitForFinished(windowTimeout));
            QVERIFY2(dot.exitCode() == 0, dot.readAllStandardError().constData());
        }
    } else {
        // Graphviz writes each node and edge as a <g> whose <title> is its id: t123, t1->t2.
        QXmlStreamReader xml(bytes);
        QString groupClass;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == QLatin1String("g"))
                groupClass = xml.attributes().value(QLatin1String("class")).toString();
            else if (xml.name() == QLatin1String("title")) {
                const QString title = xml.readElementText();
                static const QRegularExpression edge(QStringLiteral(R"(^t(\d+)->t(\d+)$)"));
                if (groupClass == QLatin1String("node") && title.startsWith(u't'))
                    nodes << title.mid(1);
                else if (const auto m = edge.match(title); groupClass == QLatin1String("edge") && m.hasMatch())
                    edges << m.captured(1) + u' ' + m.captured(2);
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    }
    QCOMPARE(sorted(nodes), tableOids);
    QCOMPARE(sorted(edges), keyPairs);
}

void TestMainWindowGraph::cycleTablesAreMarked()
{
    // users.default_address_id -> addresses, addresses.user_id -> users: a cycle of two.
    QVERIFY(view()->graphScene()->node(oidOf(QStringLiteral("public.users")))->isOnCycle());
    QVERIFY(view()->graphScene()->node(oidOf(QStringLiteral("public.addresses")))->isOnCycle());
    QVERIFY(!view()->graphScene()->node(oidOf(QStringLiteral("public.products")))->isOnCycle());
    // The tooltip of a table lists its keys' definitions.
    const QString tip = view()->graphScene()->toolTipFor(view()->graphScene()->node(oidOf(QStringLiteral("public.orders"))));
    QVERIFY2(tip.contains(QStringLiteral("FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE RESTRICT")), qPrintable(tip));
}

void TestMainWindowGraph::unindexedKeysAreMarked()
{
    // The server's own answer: keys whose child columns lead no valid, non-partial index.
    const QStringList expected = sorted(m_shop->query(QStringLiteral(R"SQL(
SELECT c.conname FROM pg_constraint c
 WHERE c.contype = 'f' AND c.conparentid = 0
   AND NOT EXISTS (SELECT FROM pg_index i
                    WHERE i.indrelid = c.conrelid AND i.indisvalid AND i.indpred IS NULL
                      AND i.indnkeyatts >= cardinality(c.conkey)
                      AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
                      AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)
)SQL")));
    QVERIFY(!expected.isEmpty());
    QStringList marked, unmarked;
    for (QGraphicsItem *item : view()->graphScene()->items()) {
        if (item->type() != KeyEdgeItem::Type)
            continue;
        const auto *edge = static_cast<const KeyEdgeItem *>(item);
        const QString name = view()->graphScene()->toolTipFor(edge).section(QLatin1Char('\n'), 1, 1).section(QLatin1Char(':'), 0, 0);
        (edge->style().unindexed ? marked : unmarked) << name;
    }
    QCOMPARE(sorted(marked), expected);
    QVERIFY(!unmarked.isEmpty());
    const QString tip = view()->graphScene()->toolTipFor(
        *std::find_if(view()->graphScene()->items().cbegin(), view()->graphScene()->items().cend(), [](QGraphicsItem *item) {
            return item->type() == KeyEdgeItem::Type && static_cast<KeyEdgeItem *>(item)->style().unindexed;
        }));
    QVERIFY2(tip.contains(QLatin1String("No index of")), qPrintable(tip));
}

// A window that loads the catalog with the Rows tab in front lays the graph out in a view
// that was never shown and has no real size yet. Shown, it is fitted to the window,
// not drawn thumbnail-small.
void TestMainWindowGraph::graphLaidOutOnAHiddenTabFitsWhenShown()
{
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *panel = window.findChild<GraphPanel *>();
    findByAccessibleName<QTabWidget>(&window, QStringLiteral("Views"))->setCurrentWidget(window.findChild<RowsPanel *>());
    QVERIFY(panel && !panel->view()->isVisible());
    QSignalSpy finished(panel->view(), &GraphView::layoutFinished);
    window.connectTo(m_shop->connInfo());
    QVERIFY(finished.wait(windowTimeout));
    QVERIFY(finished.last().at(0).toBool());
    QTRY_VERIFY_WITH_TIMEOUT(!panel->view()->isBusy(), windowTimeout);

    findByAccessibleName<QTabWidget>(&window, QStringLiteral("Views"))->setCurrentWidget(panel);
    QTRY_VERIFY(panel->view()->isVisible());
    QApplication::processEvents();
    const double shown = panel->view()->zoom();
    panel->view()->fitToWindow();
    QCOMPARE(shown, panel->view()->zoom());
}

// View > Show Legend: off, the legend goes and the fitted drawing may use its corner; the
// choice is remembered for the next window.
void TestMainWindowGraph::theLegendCanBeHiddenAndStaysHidden()
{
    auto *legend = m_panel->findChild<QWidget *>(QStringLiteral("graphLegend"));
    auto *showLegend = m_panel->findChild<QAction *>(QStringLiteral("graphShowLegend"));
    QVERIFY(legend && showLegend);
    if (!showLegend->isChecked())
        showLegend->trigger();  // an earlier run stopped half-way
    QVERIFY(legend->isVisible());
    view()->fitToWindow();
    const double withLegend = view()->zoom();
    showLegend->trigger();
    QVERIFY(!legend->isVisible());
    QVERIFY(view()->zoom() >= withLegend);

    MainWindow another;
    QVERIFY(!another.findChild<QAction *>(QStringLiteral("graphShowLegend"))->isChecked());
    showLegend->trigger();
    QVERIFY(legend->isVisible());
    QVERIFY(QSettings().value(QStringLiteral("graph/showLegend")).toBool());
}

FKSCOPE_TEST_MAIN(TestMainWindowGraph)
#include "tst_mainwindow_graph.moc"
