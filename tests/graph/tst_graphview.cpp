// GraphView on the offscreen platform: the demo catalog laid out off the UI thread, a click
// that selects, a double click that asks for focus, search, zoom and the text twin.
#include "TestDatabase.h"
#include "TestMain.h"

#include "ui/graph/GraphScene.h"
#include "ui/graph/GraphView.h"
#include "ui/graph/KeyEdgeItem.h"
#include "ui/graph/TableNodeItem.h"

#include "catalog/CatalogLoader.h"
#include "graph/ForeignKeyGraph.h"
#include "db/Connection.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QNativeGestureEvent>
#include <QPointingDevice>

using namespace fkscope;
using namespace fkscope::test;

namespace {

const int layoutTimeout = 60000;

QPoint viewportPoint(GraphView &view, qint64 oid)
{
    TableNodeItem *item = view.graphScene()->node(oid);
    return item ? view.mapFromScene(item->sceneBoundingRect().center()) : QPoint();
}

} // namespace

class TestGraphView : public QObject {
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_demo;
    Catalog m_catalog;

    qint64 oidOf(const QString &name) const { return m_catalog.table(name) ? m_catalog.table(name)->oid : 0; }

private Q_SLOTS:
    void initTestCase()
    {
        m_demo = std::make_unique<TestDatabase>(QStringLiteral("graphview"));
        QVERIFY2(m_demo->runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(m_demo->error()));
        auto connection = Connection::open(m_demo->connInfo());
        QVERIFY2(connection.ok(), qPrintable(connection.error().message));
        auto catalog = CatalogLoader(*connection.value()).load();
        QVERIFY2(catalog.ok(), qPrintable(catalog.error().message));
        m_catalog = catalog.take();
        QVERIFY(oidOf(QStringLiteral("public.orders")) != 0);
    }

    void cleanupTestCase() { m_demo.reset(); }

    void laysOutWithoutBlockingAndClickSelects()
    {
        GraphView view;
        view.resize(1200, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setCatalog(m_catalog);
        QSignalSpy finished(&view, &GraphView::layoutFinished);
        QSignalSpy selected(&view, &GraphView::tableSelected);
        view.showGraph();
        QVERIFY(view.isBusy());  // showGraph returned before the layout was done
        QVERIFY(finished.wait(layoutTimeout));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QVERIFY(!view.isBusy());
        QCOMPARE(view.graphScene()->nodes().size(), qsizetype(m_catalog.tables.size()));
        QCOMPARE(view.graphScene()->edgeCount(), int(m_catalog.foreignKeys.size()));
        QCOMPARE(view.keyDescriptions().size(), qsizetype(m_catalog.foreignKeys.size()));

        const qint64 orders = oidOf(QStringLiteral("public.orders"));
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, viewportPoint(view, orders));
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().first().toLongLong(), orders);
        QCOMPARE(view.selectedTable(), orders);

        QSignalSpy focus(&view, &GraphView::focusRequested);
        const qint64 users = oidOf(QStringLiteral("public.users"));
        QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, viewportPoint(view, users));
        QCOMPARE(focus.size(), 1);
        QCOMPARE(focus.first().first().toLongLong(), users);
    }

    void focusShowsTheNeighbourhoodAndSearchCentres()
    {
        GraphView view;
        view.resize(900, 600);
        view.show();
        view.setCatalog(m_catalog);
        QSignalSpy finished(&view, &GraphView::layoutFinished);
        const qint64 orders = oidOf(QStringLiteral("public.orders"));
        view.showNeighbourhood(orders, 1, GraphDirection::Up);
        QVERIFY(finished.wait(layoutTimeout));
        QCOMPARE(view.selectedTable(), orders);
        for (TableNodeItem *item : view.graphScene()->nodes()) {
            bool related = item->oid() == orders;
            for (const ForeignKey &key : m_catalog.foreignKeys)
                related = related || (key.childOid == orders && key.parentOid == item->oid());
            QVERIFY2(related, qPrintable(item->name()));
        }
        QVERIFY(view.findTable(QStringLiteral("USERS")));
        QCOMPARE(view.selectedTable(), oidOf(QStringLiteral("public.users")));
        QVERIFY(!view.findTable(QStringLiteral("products")));  // not in this view
    }

    void newerRequestWins()
    {
        GraphView view;
        view.setCatalog(m_catalog);
        QSignalSpy finished(&view, &GraphView::layoutFinished);
        view.showGraph();
        view.showNeighbourhood(oidOf(QStringLiteral("public.orders")), 0);
        QVERIFY(finished.wait(layoutTimeout));
        QTest::qWait(300);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(view.graphScene()->nodes().size(), 1);
    }

    void zoomKeysAndFit()
    {
        GraphView view;
        view.resize(400, 300);
        view.show();
        view.setCatalog(m_catalog);
        QSignalSpy finished(&view, &GraphView::layoutFinished);
        view.showGraph();
        QVERIFY(finished.wait(layoutTimeout));
        const double fitted = view.zoom();
        QVERIFY(fitted < 1.0);  // the demo does not fit 400x300 at 100%
        QTest::keyClick(&view, Qt::Key_Plus);
        QVERIFY(view.zoom() > fitted * 1.1);
        QTest::keyClick(&view, Qt::Key_0, Qt::ControlModifier);
        QVERIFY(qAbs(view.zoom() - fitted) < 1e-6);
        view.zoomOut();
        QVERIFY(view.zoom() < fitted);

        // A touchpad pinch: a native zoom gesture of +25%, then the Fit button in the corner.
        const double before = view.zoom();
        const QPointF centre = view.viewport()->rect().center();
        QNativeGestureEvent pinch(Qt::ZoomNativeGesture, QPointingDevice::primaryPointingDevice(), 2, centre,
                                  centre, view.viewport()->mapToGlobal(centre), 0.25, {}, {});
        QApplication::sendEvent(view.viewport(), &pinch);
        QVERIFY2(qAbs(view.zoom() - before * 1.25) < 1e-6, qPrintable(QString::number(view.zoom() / before)));
        auto *fit = view.findChild<QToolButton *>(QStringLiteral("graphFitButton"));
        QVERIFY(fit && fit->isVisible());
        QTRY_VERIFY(view.viewport()->geometry().contains(fit->parentWidget()->geometry()));  // in the corner, over the graph
        fit->click();
        QVERIFY(qAbs(view.zoom() - fitted) < 1e-6);
    }

    // Expanded, a table lists its columns and a key ends at the row of the column it joins:
    // orders.user_id -> users.id starts at orders' user_id row and ends at users' id row.
    void expandedKeysEndAtTheirColumns()
    {
        GraphView view;
        view.setCatalog(m_catalog);
        QSignalSpy finished(&view, &GraphView::layoutFinished);
        const qint64 orders = oidOf(QStringLiteral("public.orders")), users = oidOf(QStringLiteral("public.users"));
        view.showNeighbourhood(orders, 1, GraphDirection::Up);
        QVERIFY(finished.wait(layoutTimeout));
        const double collapsedHeight = view.graphScene()->node(users)->box().height();
        finished.clear();
        view.setExpanded(true);
        QVERIFY(view.isBusy());
        QVERIFY(finished.wait(layoutTimeout));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        const QRectF usersBox = view.graphScene()->node(users)->box();
        const QRectF ordersBox = view.graphScene()->node(orders)->box();
        QVERIFY(usersBox.height() > collapsedHeight * 3);

        // Where each row lies, from the same measure the layout was asked for.
        const ForeignKeyGraph &graph = *view.graph();
        auto rowSpan = [&](qint64 oid, const QRectF &box, const QString &column) {
            const int index = graph.tableIndex(oid);
            const TableNodeSize size = TableNodeItem::measure(GraphScene::nodeText(graph, index, true), view.font());
            double top = box.top() + size.size.height();
            for (double h : size.rowHeights)
                top -= h;
            const auto &columns = graph.table(index).columns;
            for (size_t r = 0; r < columns.size(); ++r) {
                if (columns[r].name == column)
                    return std::make_pair(top, top + size.rowHeights[r]);
                top += size.rowHeights[r];
            }
            return std::make_pair(0.0, 0.0);
        };
        const auto *edge = [&]() -> const QGraphicsItem * {
            for (QGraphicsItem *item : view.graphScene()->items()) {
                if (item->type() == KeyEdgeItem::Type && view.graphScene()->toolTipFor(item).contains(QStringLiteral("orders_user_id_fkey")))
                    return item;
            }
            return nullptr;
        }();
        QVERIFY(edge);
        const QPainterPath path = static_cast<const KeyEdgeItem *>(edge)->path();
        const QPointF start = path.elementAt(0), end = path.currentPosition();
        const auto userIdRow = rowSpan(orders, ordersBox, QStringLiteral("user_id"));
        const auto idRow = rowSpan(users, usersBox, QStringLiteral("id"));
        QVERIFY2(start.y() >= userIdRow.first - 1 && start.y() <= userIdRow.second + 1,
                 qPrintable(QStringLiteral("starts at y %1, user_id row %2-%3").arg(start.y()).arg(userIdRow.first).arg(userIdRow.second)));
        QVERIFY2(end.y() >= idRow.first - 8 && end.y() <= idRow.second + 8,
                 qPrintable(QStringLiteral("ends at y %1, id row %2-%3").arg(end.y()).arg(idRow.first).arg(idRow.second)));
        // The PK and FK markers.
        const TableNodeText text = GraphScene::nodeText(graph, graph.tableIndex(orders), true);
        for (const auto &column : text.columns) {
            if (column.name == QLatin1String("id"))
                QVERIFY(column.primaryKey && !column.foreignKey);
            if (column.name == QLatin1String("user_id"))
                QVERIFY(column.foreignKey && !column.primaryKey);
        }
    }

    void unknownFocusReportsInsteadOfDrawing()
    {
        GraphView view;
        view.setCatalog(m_catalog);
        QSignalSpy finished(&view, &GraphView::layoutFinished);
        view.showNeighbourhood(123456789);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY(!view.isBusy());
    }

    // A table moved in a view Graphviz laid out (dot, whose keys are splines): its keys follow
    // as straight lines, and a new view arranged as the first puts it back where it was moved,
    // the other tables where dot put them, their keys still dot's splines.
    void movedTableComesBackAndTheOthersKeepTheirSplines()
    {
        const qint64 orders = oidOf(QStringLiteral("public.orders"));
        GraphView first;
        first.resize(1200, 800);
        first.setCatalog(m_catalog);
        QSignalSpy finished(&first, &GraphView::layoutFinished);
        first.showGraph();
        QVERIFY(finished.wait(layoutTimeout));
        QVERIFY(first.shownEngine() == LayoutEngineKind::Dot);
        // Whether dot routed a key other than the straight line a moved table's keys get.
        auto curved = [](GraphView &view, KeyEdgeItem *key) {
            const ForeignKeyGraph &graph = *view.graph();
            const EdgeGeometry straight = straightKey(
                key->key(), GraphScene::sceneBox(view.graphScene()->node(graph.table(graph.childOf(key->key())).oid)),
                GraphScene::sceneBox(view.graphScene()->node(graph.table(graph.parentOf(key->key())).oid)));
            return QLineF(key->path().pointAtPercent(0), straight.spline.front()).length() > 0.5
                   || QLineF(key->path().pointAtPercent(0.5), (straight.spline.front() + straight.spline.back()) / 2)
                              .length() > 0.5;
        };
        // A key that neither starts nor ends at orders, drawn as dot routed it, not straight.
        auto untouchedKey = [&](GraphView &view) -> KeyEdgeItem * {
            const ForeignKeyGraph &graph = *view.graph();
            const int table = graph.tableIndex(orders);
            KeyEdgeItem *found = nullptr;
            for (QGraphicsItem *item : view.graphScene()->items()) {
                if (item->type() != KeyEdgeItem::Type)
                    continue;
                auto *key = static_cast<KeyEdgeItem *>(item);
                if (graph.childOf(key->key()) != table && graph.parentOf(key->key()) != table && curved(view, key)
                    && (!found || graph.key(key->key()).name < graph.key(found->key()).name))
                    found = key;
            }
            return found;
        };
        KeyEdgeItem *other = untouchedKey(first);
        QVERIFY(other);
        const QPainterPath routed = other->path();

        TableNodeItem *item = first.graphScene()->node(orders);
        const QPointF to = GraphScene::sceneBox(item).center() + QPointF(300, -120);
        item->setPos(item->pos() + QPointF(300, -120));  // what a drag does
        int keysOfOrders = 0;
        for (QGraphicsItem *graphic : first.graphScene()->items()) {
            if (graphic->type() != KeyEdgeItem::Type)
                continue;
            auto *key = static_cast<KeyEdgeItem *>(graphic);
            const ForeignKeyGraph &graph = *first.graph();
            if (graph.table(graph.childOf(key->key())).oid != orders && graph.table(graph.parentOf(key->key())).oid != orders)
                continue;
            ++keysOfOrders;
            const QPointF end = graph.table(graph.childOf(key->key())).oid == orders ? key->path().pointAtPercent(0)
                                                                                       : key->path().pointAtPercent(1);
            QVERIFY2(GraphScene::sceneBox(item).adjusted(-10, -10, 10, 10).contains(end), qPrintable(graph.key(key->key()).name));
        }
        QVERIFY(keysOfOrders > 0);
        QCOMPARE(other->path(), routed);
        const ViewArrangement moved = first.arrangement();
        QVERIFY(QLineF(moved.positions.at(QStringLiteral("public.orders")), to).length() < 0.1);

        GraphView second;
        second.resize(1200, 800);
        second.setCatalog(m_catalog);
        QSignalSpy secondFinished(&second, &GraphView::layoutFinished);
        second.arrangeNextView(moved);
        second.showGraph();
        QVERIFY(secondFinished.wait(layoutTimeout));
        QCOMPARE(second.arrangement().positions, moved.positions);
        KeyEdgeItem *same = untouchedKey(second);
        QVERIFY(same);
        QCOMPARE(same->key(), other->key());
        QCOMPARE(same->path(), routed);  // dot's own route, not the straight line
    }
};

FKSCOPE_TEST_MAIN(TestGraphView)
#include "tst_graphview.moc"
