// The Graph tab on a big catalog: bench/generate_realistic_schema.py's 500 tables open on the
// map (the picture fkscope-cli graph draws), a double click opens a group, Find reaches a
// table inside a closed group, "All tables" draws every table, link tables fold into lines,
// and a saved view comes back.
#include "TestDatabase.h"
#include "TestMain.h"
#include "WidgetLookup.h"

#include "ui/graph/GraphPanel.h"
#include "ui/graph/GraphScene.h"
#include "ui/graph/GraphToolbar.h"
#include "ui/graph/GraphView.h"
#include "ui/graph/KeyEdgeItem.h"
#include "ui/graph/PictureItems.h"
#include "ui/graph/TableNodeItem.h"
#include "ui/session/DatabaseSession.h"
#include "ui/window/MainWindow.h"

#include "graph/ForeignKeyGraph.h"
#include "graph/SavedGraphView.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QFontInfo>
#include <QPixmap>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace fkscope;
using namespace fkscope::test;

namespace {

const int mapTimeout = 120000;

} // namespace

class TestGraphMap : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<MainWindow> m_window;
    GraphPanel *m_panel = nullptr;
    QList<qint64> m_tableOids;  // every table on the server

    GraphView *view() const { return m_panel->view(); }

    bool waitForLayout(QSignalSpy &finished)
    {
        if (finished.isEmpty() && !finished.wait(mapTimeout))
            return false;
        if (!finished.last().at(0).toBool())
            qWarning("layout failed: %s", qPrintable(finished.last().at(1).toString()));
        if (view()->isBusy())
            qWarning("still busy after %d layouts", int(finished.size()));
        return finished.last().at(0).toBool() && !view()->isBusy();
    }

    // With FKSCOPE_SCREENSHOT_DIR set (xvfb-run -a -s '-screen 0 1600x1000x24', QT_QPA_PLATFORM=xcb),
    // saves the window as the README's screenshots.
    void screenshot(const QString &name) const
    {
        const QString dir = qEnvironmentVariable("FKSCOPE_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QTest::qWait(300);
        m_window->grab().save(dir + QLatin1Char('/') + name);
    }

    QAction *toolbarAction(const QString &name) const { return m_panel->toolbar()->findChild<QAction *>(name); }

    // A group of the map that is not open, with a table in it that is its only match by name.
    GroupNodeItem *someGroup(int skip = 0) const
    {
        QList<GroupNodeItem *> groups = view()->graphScene()->groups().values();
        std::sort(groups.begin(), groups.end(),
                  [](GroupNodeItem *a, GroupNodeItem *b) { return a->groupId() < b->groupId(); });
        for (GroupNodeItem *group : groups) {
            if (group->tables().size() >= 3 && skip-- == 0)
                return group;
        }
        return nullptr;
    }

    // Drags a box by offset (viewport pixels) with the mouse, as a user does.
    void drag(QGraphicsItem *box, QPoint offset) const
    {
        view()->centerOn(box);
        const QPoint from = view()->mapFromScene(GraphScene::sceneBox(box).center());
        QTest::mousePress(view()->viewport(), Qt::LeftButton, {}, from);
        for (int step = 1; step <= 4; ++step)
            QTest::mouseMove(view()->viewport(), from + offset * step / 4);
        QTest::mouseRelease(view()->viewport(), Qt::LeftButton, {}, from + offset);
    }

    static double distance(QPointF a, QPointF b) { return QLineF(a, b).length(); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("fkscope-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_graphmap"));
        QVERIFY(m_dir.isValid());
        m_db = std::make_unique<TestDatabase>(QStringLiteral("ui_map"));
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QVERIFY2(m_db->runGenerator(QStringLiteral("generate_realistic_schema.py"), {QStringLiteral("--seed"), QStringLiteral("1")}),
                 qPrintable(m_db->error()));
        for (const QString &oid : m_db->query(QStringLiteral(
                 "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                 "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'")))
            m_tableOids << oid.toLongLong();
        QVERIFY(m_tableOids.size() > int(mapThreshold));

        m_window = std::make_unique<MainWindow>();
        m_window->resize(1400, 900);
        m_window->show();
        // Exposed, not active: under Xvfb without a window manager no window becomes active.
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_panel = m_window->findChild<GraphPanel *>();
        QVERIFY(m_panel);
        QSignalSpy finished(view(), &GraphView::layoutFinished);
        m_window->connectTo(m_db->connInfo());
        QVERIFY(waitForLayout(finished));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_db.reset();
    }

    void init()
    {
        // Each test starts on the closed map.
        if (view()->isShowingMap() && view()->expandedGroups().isEmpty())
            return;
        QSignalSpy finished(view(), &GraphView::layoutFinished);
        view()->collapseGroups();
        QVERIFY(waitForLayout(finished));
    }

    void bigCatalogOpensOnTheMapWithEveryTableOnce()
    {
        QVERIFY(view()->isShowingMap());
        const auto &groups = view()->graphScene()->groups();
        QVERIFY2(groups.size() >= 10, qPrintable(QString::number(groups.size())));
        // No table is drawn on its own in a closed map.
        QCOMPARE(view()->graphScene()->nodes().size(), 0);
        // Each table is in exactly one box, or is a folded link table on exactly one line.
        const ForeignKeyGraph &graph = *view()->graph();
        QList<qint64> held;
        for (GroupNodeItem *group : groups) {
            for (int t : group->tables())
                held << graph.table(t).oid;
        }
        for (const PictureEdge &edge : view()->shownPicture()->edges) {
            for (int t : edge.linkTables)
                held << graph.table(t).oid;
        }
        std::sort(held.begin(), held.end());
        QList<qint64> expected = m_tableOids;
        std::sort(expected.begin(), expected.end());
        QCOMPARE(held, expected);
        // A box says what it holds, as the CLI's does.
        GroupNodeItem *group = someGroup();
        QVERIFY(group);
        QVERIFY2(group->toolTip().contains(QStringLiteral("%1 tables").arg(group->tables().size())),
                 qPrintable(group->toolTip()));
        // Bundles are there and their widths say how many keys they hold.
        int bundles = 0;
        for (QGraphicsItem *item : view()->graphScene()->items()) {
            if (item->type() == PictureEdgeItem::Type)
                ++bundles;
        }
        QVERIFY(bundles > 0);
        const QString message = m_panel->findChild<QLabel *>(QStringLiteral("graphMessage"))->text();
        QVERIFY2(message.startsWith(QStringLiteral("Map of")), qPrintable(message));
        screenshot(QStringLiteral("graph-map-500.png"));
        // A table chosen elsewhere (the table tree) selects the closed group it is in.
        view()->selectTable(graph.table(group->hub()).oid);
        QVERIFY(group->isSelected());
        view()->graphScene()->clearSelection();
    }

    void doubleClickOpensAGroup()
    {
        GroupNodeItem *group = someGroup();
        QVERIFY(group);
        const QString id = group->groupId();
        const std::vector<int> tables = group->tables();
        view()->centerOn(group);
        const QPoint at = view()->mapFromScene(group->sceneBoundingRect().center());
        QSignalSpy finished(view(), &GraphView::layoutFinished);
        QTest::mouseDClick(view()->viewport(), Qt::LeftButton, {}, at);
        QVERIFY(waitForLayout(finished));
        QVERIFY(view()->expandedGroups().contains(id));
        QVERIFY(!view()->graphScene()->group(id));
        // Its tables are drawn as tables now (link tables folded inside it are not boxes).
        const ForeignKeyGraph &graph = *view()->graph();
        int drawn = 0;
        for (int t : tables)
            drawn += view()->graphScene()->node(graph.table(t).oid) ? 1 : 0;
        QVERIFY2(drawn >= 3 && drawn <= int(tables.size()), qPrintable(QString::number(drawn)));
        QVERIFY(toolbarAction(QStringLiteral("graphMap"))->isEnabled());
        screenshot(QStringLiteral("graph-group-500.png"));
        // "Map" closes it again.
        finished.clear();
        toolbarAction(QStringLiteral("graphMap"))->trigger();
        QVERIFY(waitForLayout(finished));
        QVERIFY(view()->graphScene()->group(id));
        QCOMPARE(view()->graphScene()->nodes().size(), 0);
    }

    void arrowKeysAndEnterOpenAGroup()
    {
        view()->setFocus();
        view()->graphScene()->clearSelection();
        QTest::keyClick(view(), Qt::Key_Right);
        const QString id = view()->selectedGroup();
        QVERIFY(!id.isEmpty());
        QTest::keyClick(view(), Qt::Key_Down);
        QVERIFY(!view()->selectedGroup().isEmpty());
        const QString below = view()->selectedGroup();
        QSignalSpy finished(view(), &GraphView::layoutFinished);
        QTest::keyClick(view(), Qt::Key_Return);
        QVERIFY(waitForLayout(finished));
        QVERIFY(view()->expandedGroups().contains(below));
    }

    void findZoomsToATableInAClosedGroup()
    {
        GroupNodeItem *group = someGroup(1);
        QVERIFY(group);
        const QString id = group->groupId();
        const ForeignKeyGraph &graph = *view()->graph();
        const Table &table = graph.table(group->hub());
        auto *search = m_panel->findChild<QLineEdit *>(QStringLiteral("graphSearch"));
        QVERIFY(search);
        QSignalSpy found(view(), &GraphView::found);
        search->setText(table.qualifiedName);
        QTest::keyClick(search, Qt::Key_Return);
        QVERIFY(!found.isEmpty() || found.wait(mapTimeout));
        QCOMPARE(found.last().at(0).toLongLong(), table.oid);
        TableNodeItem *item = view()->graphScene()->node(table.oid);
        QVERIFY(item);
        QVERIFY(item->isSelected());
        QVERIFY(view()->expandedGroups().contains(id));
        const QRectF visible = view()->mapToScene(view()->viewport()->rect()).boundingRect();
        QVERIFY(visible.contains(item->mapRectToScene(item->box())));
        // Its keys stand out from the others.
        int highlighted = 0;
        for (QGraphicsItem *graphic : view()->graphScene()->items()) {
            if (graphic->type() != KeyEdgeItem::Type || !static_cast<KeyEdgeItem *>(graphic)->isHighlighted())
                continue;
            const int key = static_cast<KeyEdgeItem *>(graphic)->key();
            QVERIFY(graph.table(graph.childOf(key)).oid == table.oid || graph.table(graph.parentOf(key)).oid == table.oid);
            ++highlighted;
        }
        QVERIFY(highlighted > 0);
        // Close enough to read its name.
        QVERIFY2(view()->zoom() >= 1.0, qPrintable(QString::number(view()->zoom())));
        const QString message = m_panel->findChild<QLabel *>(QStringLiteral("graphMessage"))->text();
        QCOMPARE(message, QStringLiteral("Found %1 in group %2.").arg(table.qualifiedName, id));
    }

    // The most referenced table's depth-1 neighbourhood, in a 1280 × 800 window: placed in
    // bands the window's shape rather than one long rank, so that fitted, names are legible.
    void hubNeighbourhoodFitsTheWindow()
    {
        const ForeignKeyGraph &graph = *view()->graph();
        int hub = 0;
        for (int t = 0; t < graph.tableCount(); ++t) {
            if (graph.keysDown(t).size() > graph.keysDown(hub).size())
                hub = t;
        }
        QVERIFY2(graph.keysDown(hub).size() >= 40, qPrintable(QString::number(graph.keysDown(hub).size())));
        const QSize size = m_window->size();
        m_window->resize(1280, 800);
        QSignalSpy finished(view(), &GraphView::layoutFinished);
        view()->showNeighbourhood(graph.table(hub).oid, 1, GraphDirection::Both);
        QVERIFY(waitForLayout(finished));
        QVERIFY(view()->shownPicture());
        QVERIFY(!view()->isShowingMap());
        QCOMPARE(view()->selectedTable(), graph.table(hub).oid);
        // Every neighbour is drawn once: as a box, or as the line of a folded link table.
        const std::vector<int> held = view()->shownPicture()->heldTables();
        for (int t : neighbourhood(graph, hub, 1, GraphDirection::Both))
            QVERIFY2(std::binary_search(held.begin(), held.end(), t), qPrintable(graph.table(t).qualifiedName));
        QTest::qWait(50);  // the resize's refit
        const double namePixels = view()->zoom() * QFontInfo(view()->font()).pixelSize();
        QVERIFY2(namePixels >= 8, qPrintable(QStringLiteral("names %1 px high at zoom %2").arg(namePixels).arg(view()->zoom())));
        // At this width the toolbar has everything on it, none behind its » overflow button.
        auto *overflow = m_panel->toolbar()->findChild<QWidget *>(QStringLiteral("qt_toolbar_ext_button"));
        QVERIFY(overflow);
        QVERIFY2(!overflow->isVisible(), qPrintable(QStringLiteral("toolbar %1 px wide, %2 wanted")
                                                        .arg(m_panel->toolbar()->width())
                                                        .arg(m_panel->toolbar()->sizeHint().width())));
        screenshot(QStringLiteral("graph-hub-500.png"));
        m_window->resize(size);
        finished.clear();
        toolbarAction(QStringLiteral("graphWhole"))->trigger();
        QVERIFY(waitForLayout(finished));
    }

    void allTablesDrawsEveryTable()
    {
        QSignalSpy finished(view(), &GraphView::layoutFinished);
        toolbarAction(QStringLiteral("graphAllTables"))->trigger();
        QVERIFY(waitForLayout(finished));
        QVERIFY(!view()->isShowingMap());
        QVERIFY(view()->graphScene()->groups().isEmpty());
        // Link tables are folded into lines here too: every table is a box or one such line.
        int links = 0;
        for (QGraphicsItem *item : view()->graphScene()->items()) {
            if (item->type() == PictureEdgeItem::Type) {
                QVERIFY(static_cast<PictureEdgeItem *>(item)->isLink());
                QVERIFY(view()->graphScene()->toolTipFor(item).startsWith(QStringLiteral("link table ")));
                ++links;
            }
        }
        QVERIFY(links > 0);
        QCOMPARE(view()->graphScene()->nodes().size() + links, m_tableOids.size());
        finished.clear();
        toolbarAction(QStringLiteral("graphFoldLinks"))->trigger();
        QVERIFY(waitForLayout(finished));
        QCOMPARE(view()->graphScene()->nodes().size(), m_tableOids.size());
        // Fitted, 500 tables are too small to name: plain boxes, but the hubs keep their names
        // a while longer, and none is drawn under 7 px.
        int hubs = 0;
        for (TableNodeItem *item : view()->graphScene()->nodes()) {
            QVERIFY(!item->showsLabelAt(0.05));
            if (item->isHub()) {
                ++hubs;
                QVERIFY(item->showsLabelAt(0.5));
            }
            QVERIFY(item->showsLabelAt(1.0));
        }
        QVERIFY(hubs > 0 && hubs < m_tableOids.size() / 4);
        TableNodeItem *plain = *std::find_if(view()->graphScene()->nodes().begin(), view()->graphScene()->nodes().end(),
                                             [](TableNodeItem *item) { return !item->isHub(); });
        QVERIFY(!plain->showsLabelAt(0.3));
        finished.clear();
        toolbarAction(QStringLiteral("graphFoldLinks"))->trigger();
        QVERIFY(waitForLayout(finished));
        finished.clear();
        toolbarAction(QStringLiteral("graphAllTables"))->trigger();
        QVERIFY(waitForLayout(finished));
        QVERIFY(view()->isShowingMap());
    }

    void foldLinkTablesTogglesLinkTablesBetweenLinesAndBoxes()
    {
        auto linkTablesOnLines = [this] {
            int count = 0;
            for (const PictureEdge &edge : view()->shownPicture()->edges)
                count += int(edge.linkTables.size());
            return count;
        };
        QVERIFY(linkTablesOnLines() > 0);
        QSignalSpy finished(view(), &GraphView::layoutFinished);
        toolbarAction(QStringLiteral("graphFoldLinks"))->trigger();
        QVERIFY(waitForLayout(finished));
        QVERIFY(!view()->foldsLinkTables());
        QCOMPARE(linkTablesOnLines(), 0);
        // Every table is in a box now.
        int held = 0;
        for (GroupNodeItem *group : view()->graphScene()->groups())
            held += int(group->tables().size());
        QCOMPARE(held, m_tableOids.size());
        finished.clear();
        toolbarAction(QStringLiteral("graphFoldLinks"))->trigger();
        QVERIFY(waitForLayout(finished));
        QVERIFY(linkTablesOnLines() > 0);
    }

    void savedViewRoundTripsThroughTheWindow()
    {
        GroupNodeItem *group = someGroup(2);
        QVERIFY(group);
        const QString id = group->groupId();
        QSignalSpy finished(view(), &GraphView::layoutFinished);
        view()->expandGroup(id);
        QVERIFY(waitForLayout(finished));
        const QString file = m_dir.filePath(QStringLiteral("map.fkview"));
        QVERIFY(m_panel->saveViewTo(file).ok());
        QFile saved(file);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray text = saved.readAll();
        QVERIFY2(text.contains("[expanded]\n" + id.toUtf8() + "\n"), text.constData());
        QVERIFY2(text.contains("fold-link-tables = yes"), text.constData());

        // Back on the closed map, the file opens the group again.
        finished.clear();
        view()->collapseGroups();
        QVERIFY(waitForLayout(finished));
        QVERIFY(view()->expandedGroups().isEmpty());
        finished.clear();
        QVERIFY(m_panel->openViewFrom(file).ok());
        QVERIFY(waitForLayout(finished));
        QCOMPARE(view()->expandedGroups(), QSet<QString>{id});
        QVERIFY(!view()->graphScene()->group(id));
        QCOMPARE(writeSavedView(m_panel->currentView()), text);

        // The database reopens on the view it was left on.
        finished.clear();
        m_window->reload();
        QVERIFY(waitForLayout(finished));
        QCOMPARE(view()->expandedGroups(), QSet<QString>{id});
        QVERIFY(view()->isShowingMap());
    }

    // Tables and map boxes moved by hand, and the zoom, are saved with the view and come back
    // in a fresh panel and when the database is reopened.
    void draggedBoxesAndZoomComeBackFromASavedView()
    {
        GroupNodeItem *open = someGroup(3);
        GroupNodeItem *closed = someGroup(4);
        QVERIFY(open && closed);
        const QString openId = open->groupId(), closedId = closed->groupId();
        QSignalSpy finished(view(), &GraphView::layoutFinished);
        view()->expandGroup(openId);
        QVERIFY(waitForLayout(finished));
        const ForeignKeyGraph &graph = *view()->graph();
        // The open group's table with the most keys drawn.
        TableNodeItem *table = nullptr;
        auto keysAt = [&](const TableNodeItem *node) {
            QList<KeyEdgeItem *> keys;
            for (QGraphicsItem *item : view()->graphScene()->items()) {
                if (item->type() != KeyEdgeItem::Type)
                    continue;
                auto *key = static_cast<KeyEdgeItem *>(item);
                if (graph.table(graph.childOf(key->key())).oid == node->oid()
                    || graph.table(graph.parentOf(key->key())).oid == node->oid())
                    keys << key;
            }
            return keys;
        };
        for (TableNodeItem *node : view()->graphScene()->nodes()) {
            if (!table || keysAt(node).size() > keysAt(table).size()
                || (keysAt(node).size() == keysAt(table).size() && node->name() < table->name()))
                table = node;
        }
        QVERIFY(table && !keysAt(table).isEmpty());
        const QString tableName = graph.table(graph.tableIndex(table->oid())).qualifiedName;
        view()->setTransform(QTransform::fromScale(1, 1));
        const QPointF before = GraphScene::sceneBox(table).center();
        drag(table, {90, 60});
        const QPointF after = GraphScene::sceneBox(table).center();
        QVERIFY2(distance(after, before + QPointF(90, 60)) < 2, qPrintable(QStringLiteral("%1,%2").arg(after.x()).arg(after.y())));
        // Its keys followed: each ends on the border of the box where it is now.
        const QRectF box = GraphScene::sceneBox(table);
        for (KeyEdgeItem *key : keysAt(table)) {
            const QPainterPath path = key->path();
            const bool child = graph.table(graph.childOf(key->key())).oid == table->oid();
            const QPointF end = child ? path.pointAtPercent(0) : path.pointAtPercent(1);
            QVERIFY2(box.adjusted(-10, -10, 10, 10).contains(end) && !box.adjusted(12, 12, -12, -12).contains(end),
                     qPrintable(QStringLiteral("%1 ends at %2,%3").arg(graph.key(key->key()).name).arg(end.x()).arg(end.y())));
        }
        // A closed group's box moves too, its bundles with it.
        GroupNodeItem *box2 = view()->graphScene()->group(closedId);
        QVERIFY(box2);
        const QPointF groupBefore = GraphScene::sceneBox(box2).center();
        drag(box2, {-70, 40});
        QVERIFY(distance(GraphScene::sceneBox(box2).center(), groupBefore + QPointF(-70, 40)) < 2);
        view()->zoomIn();
        view()->zoomIn();
        const ViewArrangement arranged = view()->arrangement();
        QVERIFY(arranged.zoom);
        QVERIFY(distance(arranged.positions.at(tableName), GraphScene::sceneBox(table).center()) < 0.1);

        const QString file = m_dir.filePath(QStringLiteral("moved.fkview"));
        QVERIFY(m_panel->saveViewTo(file).ok());
        QFile saved(file);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray text = saved.readAll();
        QVERIFY2(text.contains("\nzoom = ") && text.contains("\ncentre = ") && text.contains("[positions]\n"),
                 text.constData());

        // A fresh panel on the same database, left on no view, opens the file.
        QSettings().remove(QStringLiteral("graph/lastView"));
        auto *session = m_window->findChild<DatabaseSession *>();
        QVERIFY(session);
        GraphPanel fresh(session);
        QSignalSpy freshFinished(fresh.view(), &GraphView::layoutFinished);
        fresh.resize(m_panel->size());
        fresh.show();
        QVERIFY(QTest::qWaitForWindowExposed(&fresh));
        QVERIFY(!freshFinished.isEmpty() || freshFinished.wait(mapTimeout));
        QVERIFY(fresh.view()->expandedGroups().isEmpty());
        freshFinished.clear();
        QVERIFY(fresh.openViewFrom(file).ok());
        QVERIFY(freshFinished.wait(mapTimeout));
        QVERIFY(freshFinished.last().at(0).toBool());
        QCOMPARE(fresh.view()->expandedGroups(), QSet<QString>{openId});
        QTest::qWait(50);  // scroll bars come and go as the zoom changes
        const ViewArrangement restored = fresh.view()->arrangement();
        QCOMPARE(restored.positions, arranged.positions);
        QVERIFY(restored.zoom);
        QCOMPARE(*restored.zoom, *arranged.zoom);
        QVERIFY2(distance(*restored.centre, *arranged.centre) < 1,
                 qPrintable(QStringLiteral("%1,%2 instead of %3,%4; viewports %5x%6 and %7x%8")
                                .arg(restored.centre->x()).arg(restored.centre->y())
                                .arg(arranged.centre->x()).arg(arranged.centre->y())
                                .arg(fresh.view()->viewport()->width()).arg(fresh.view()->viewport()->height())
                                .arg(view()->viewport()->width()).arg(view()->viewport()->height())));
        QCOMPARE(writeSavedView(fresh.currentView()), text);

        // A file it cannot read changes nothing, and says which line is wrong.
        const QString bad = m_dir.filePath(QStringLiteral("bad.fkview"));
        QFile badFile(bad);
        QVERIFY(badFile.open(QIODevice::WriteOnly));
        badFile.write("# fkscope graph view\n[view]\nfocus = public.orders\nzoom = lots\n");
        badFile.close();
        freshFinished.clear();
        const Status opened = fresh.openViewFrom(bad);
        QVERIFY(!opened);
        QVERIFY2(opened.error().message.contains(QStringLiteral("bad.fkview: view file, line 4: bad value 'lots' for zoom")),
                 qPrintable(opened.error().message));
        QVERIFY(!fresh.view()->isBusy());
        QTest::qWait(200);
        QVERIFY(freshFinished.isEmpty());
        QCOMPARE(writeSavedView(fresh.currentView()), text);
        QVERIFY(!fresh.openViewFrom(m_dir.filePath(QStringLiteral("missing.fkview"))));
        QCOMPARE(writeSavedView(fresh.currentView()), text);

        // The database reopens where the boxes were left.
        finished.clear();
        m_window->reload();
        QVERIFY(waitForLayout(finished));
        const ViewArrangement reopened = view()->arrangement();
        QCOMPARE(reopened.positions.at(tableName), arranged.positions.at(tableName));
        QCOMPARE(reopened.positions.at(closedId), arranged.positions.at(closedId));
        QVERIFY(reopened.zoom);
        QCOMPARE(*reopened.zoom, *arranged.zoom);
    }
};

FKSCOPE_TEST_MAIN(TestGraphMap)
#include "tst_graphmap.moc"
