#include "ui/graph/GraphView.h"

#include "graph/ForeignKeyGraph.h"
#include "graph/GraphLayoutEngine.h"
#include "ui/graph/GraphLegend.h"
#include "ui/graph/GraphScene.h"
#include "ui/graph/KeyEdgeItem.h"
#include "graph/KeyCycles.h"
#include "graph/PicturePlacement.h"
#include "graph/TableFolding.h"
#include "graph/TableSearch.h"
#include "ui/graph/PictureItems.h"
#include "ui/graph/TableNodeItem.h"

#include <QGestureEvent>
#include <QKeyEvent>
#include <QAction>
#include <QContextMenuEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QMenu>
#include <QScrollBar>
#include <QTimer>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <utility>

namespace fkscope {

namespace {

constexpr double zoomStep = 1.2;
constexpr double minZoom = 0.02;
constexpr double maxZoom = 8.0;
// How long the UI thread may spend adding items before it lets events through.
constexpr double buildSliceMs = 10;
constexpr int legendMargin = 8;  // between the legend and the window's edges

} // namespace

GraphView::GraphView(QWidget *parent)
    : QGraphicsView(parent), m_scene(new GraphScene(this)), m_engine(std::make_unique<GraphLayoutEngine>())
{
    setObjectName(QStringLiteral("graphView"));
    setAccessibleName(tr("Foreign-key graph"));
    setScene(m_scene);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::BoundingRectViewportUpdate);
    // Every item sets the pen, brush, font and antialiasing it paints with, and its bounding
    // rect has room for antialiasing: the painter need not be saved and restored round each
    // of 7,500 items.
    setOptimizationFlags(QGraphicsView::DontSavePainterState | QGraphicsView::DontAdjustForAntialiasing);
    // No background brush: the viewport's Base, light or dark, is the paper; the items read
    // the same palette through the scene.
    m_scene->setPalette(palette());
    setFocusPolicy(Qt::StrongFocus);
    viewport()->grabGesture(Qt::PinchGesture);

    m_legend = new GraphLegend(this);
    m_zoomControls = createZoomControls();
    m_busyLabel = new QLabel(tr("Laying out the graph…"), this);
    m_busyLabel->setObjectName(QStringLiteral("graphBusy"));
    m_busyLabel->setAutoFillBackground(true);
    m_busyLabel->setBackgroundRole(QPalette::ToolTipBase);
    m_busyLabel->setForegroundRole(QPalette::ToolTipText);
    m_busyLabel->setFrameShape(QFrame::StyledPanel);
    m_busyLabel->setMargin(6);
    m_busyLabel->hide();
    m_slowTimer = new QTimer(this);
    m_slowTimer->setSingleShot(true);
    m_slowTimer->setInterval(5000);
    connect(m_slowTimer, &QTimer::timeout, this, [this] {
        m_busyLabel->setText(tr("Still laying out the graph… Graphviz cannot be stopped midway; "
                                "a newer request will be drawn when it is done."));
        placeOverlays();
    });

    // A timer rather than queued calls: timers take turns with the user's input and other
    // timers, while a chain of posted calls can hold them off.
    m_buildTimer = new QTimer(this);
    m_buildTimer->setInterval(0);
    connect(m_buildTimer, &QTimer::timeout, this, &GraphView::continueBuild);

    connect(m_engine.get(), &GraphLayoutEngine::layoutReady, this, &GraphView::onLayoutReady);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &GraphView::onSelectionChanged);
    placeOverlays();
}

GraphView::~GraphView() = default;

void GraphView::setCatalog(const Catalog &catalog)
{
    setCatalog(std::make_shared<const Catalog>(catalog));
}

void GraphView::setCatalog(std::shared_ptr<const Catalog> catalog)
{
    // The graph indexes the catalog, so it is rebuilt over the copy it will outlive.
    m_graph.reset();
    // A layout still running was asked for against the old catalog's indices: ignore it.
    m_pendingGeneration = 0;
    stopBuild();
    m_pending = {};
    setBusy(false);
    m_catalog = catalog ? std::move(catalog) : std::make_shared<const Catalog>();
    m_graph = std::make_shared<const ForeignKeyGraph>(*m_catalog);
    m_onCycle = tablesOnCycles(*m_graph);
    m_scene->clearGraph();
    m_picture.reset();
    ++m_mapGeneration;
    m_expandedGroups.clear();
    m_shown = {};
    m_query = {};
    m_path = {};
    m_showingPath = false;
    m_nextArrangement.reset();
    m_pendingArrangement.reset();
}

void GraphView::showGraph(const GraphQuery &query, LayoutEngineKind engine)
{
    if (!m_graph) {
        Q_EMIT layoutFinished(false, tr("No catalog is loaded."));
        return;
    }
    auto subgraph = selectSubgraph(*m_graph, query);
    if (!subgraph) {
        m_nextArrangement.reset();
        m_message = subgraph.error().message;
        Q_EMIT layoutFinished(false, m_message);
        return;
    }
    m_query = query;
    m_showingPath = false;
    if (engine == LayoutEngineKind::Auto && wantsMap(subgraph.value()))
        layOutPicture(subgraph.take(), true);
    else if (engine == LayoutEngineKind::Auto && mayPlaceNeighbourhood(subgraph.value()))
        layOutPicture(subgraph.take(), false);
    else
        layOut(subgraph.take(), engine);
}

bool GraphView::wantsMap(const Subgraph &subgraph) const
{
    return !m_allTables && m_query.focusOid == 0 && subgraph.tables.size() > mapThreshold;
}

// Graphviz's dot draws a hub's hundred neighbours as one rank thousands of points wide, whose
// names fitted into the window are a few pixels high: those are placed in wrapped bands, as
// the CLI places them (needsPlacing decides). Expanded tables are left to dot, which lets keys
// end at their columns.
bool GraphView::mayPlaceNeighbourhood(const Subgraph &subgraph) const
{
    return m_query.focusOid != 0 && !m_expanded && subgraph.tables.size() > 10;
}

void GraphView::setAllTables(bool all)
{
    if (m_allTables == all)
        return;
    m_allTables = all;
    if (m_graph && !m_showingPath && m_query.focusOid == 0)
        showGraph(m_query);
}

void GraphView::setFoldLinkTables(bool fold)
{
    if (m_foldLinkTables == fold)
        return;
    m_foldLinkTables = fold;
    // In a map, folding changes the groups' contents, so an open group may no longer exist.
    if (m_graph && !m_showingPath && (!m_shown.tables.empty() || m_busy))
        showGraph(m_query);
}

void GraphView::expandGroup(const QString &id)
{
    if (!isShowingMap() || m_expandedGroups.contains(id))
        return;
    m_expandedGroups.insert(id);
    m_revealGroup = id;
    showGraph(m_query);
}

void GraphView::collapseGroups()
{
    m_expandedGroups.clear();
    if (m_graph && !m_showingPath && m_query.focusOid == 0) {
        m_keepFitted = true;
        showGraph(m_query);
    }
}

// pictureOf and placePicture are pure functions of the graph: the layout thread runs them, and
// the graph and the catalog it indexes are shared with it, so a new catalog cannot pull them
// away.
void GraphView::layOutPicture(Subgraph subgraph, bool map)
{
    stopBuild();
    takeNextArrangement();
    m_pendingGeneration = 0;  // a Graphviz layout still running is for another view
    m_pending = std::move(subgraph);
    const quint64 generation = ++m_mapGeneration;
    PictureOptions options;
    options.fold.linkTables = m_foldLinkTables;
    PlacementOptions placement;
    if (map) {
        options.expanded = m_expandedGroups;
    } else {
        // A neighbourhood is fitted to this window, with room kept at the bottom where the
        // legend sits over it (scene points are about pixels at the zoom it is fitted at).
        if (viewport()->width() > 200 && viewport()->height() > 200)
            placement.window = viewport()->size();
        placement.legend = m_legend->sizeHint();
    }
    auto work = [graph = m_graph, catalog = m_catalog, query = m_query, options, map, placement]() mutable {
        auto picture = pictureOf(*graph, query, options);
        if (!picture && !options.expanded.isEmpty()) {
            // A group opened before the tables or folding changed may be gone: show the map.
            options.expanded.clear();
            picture = pictureOf(*graph, query, options);
        }
        if (!picture)
            return std::make_pair(GraphPicture{}, picture.error().message);
        if (!map && !needsPlacing(picture.value()))
            return std::make_pair(GraphPicture{}, QString());  // not placed: dot draws it
        placePicture(picture.value(), placement);
        return std::make_pair(picture.take(), QString());
    };
    setBusy(true);
    using Answer = std::pair<GraphPicture, QString>;
    m_engine->run<Answer>(work, [this, generation](Answer result) {
        onPictureReady(generation, std::move(result.first), std::move(result.second));
    });
}

void GraphView::onPictureReady(quint64 generation, GraphPicture picture, QString error)
{
    if (generation != m_mapGeneration || !m_graph)
        return;
    if (!error.isEmpty()) {
        m_message = error;
        setBusy(false);
        Q_EMIT layoutFinished(false, m_message);
        return;
    }
    if (!picture.placed) {
        // A neighbourhood dot draws well: laid out by Graphviz after all, arranged as asked.
        m_nextArrangement = std::exchange(m_pendingArrangement, std::nullopt);
        layOut(std::exchange(m_pending, {}), LayoutEngineKind::Auto);
        return;
    }
    m_message.clear();
    if (!picture.groups.empty()) {
        QSet<QString> expanded;
        for (const TableGroup &group : picture.groups) {
            if (m_expandedGroups.contains(group.id))
                expanded.insert(group.id);
        }
        m_expandedGroups = expanded;
    }
    auto scene = std::make_unique<GraphScene>();
    scene->setPalette(palette());
    scene->buildPicture(*m_graph, picture, {font(), 0, false, &m_onCycle});
    m_picture = std::make_shared<const GraphPicture>(std::move(picture));
    m_nextEngine = LayoutEngineKind::Pinned;
    swapInScene(std::move(scene));
}

void GraphView::showNeighbourhood(qint64 oid, int depth, GraphDirection direction)
{
    GraphQuery query = m_query;
    query.focusOid = oid;
    query.depth = depth;
    query.direction = direction;
    showGraph(query);
}

void GraphView::showPath(const KeyPath &path)
{
    if (!m_graph || path.tables.empty()) {
        Q_EMIT layoutFinished(false, tr("There is no path to show."));
        return;
    }
    Subgraph subgraph;
    subgraph.tables = path.tables;
    for (const KeyPathStep &step : path.steps)
        subgraph.keys.push_back(step.key);
    std::sort(subgraph.tables.begin(), subgraph.tables.end());
    std::sort(subgraph.keys.begin(), subgraph.keys.end());
    subgraph.keys.erase(std::unique(subgraph.keys.begin(), subgraph.keys.end()), subgraph.keys.end());
    m_path = path;
    m_showingPath = true;
    layOut(std::move(subgraph), LayoutEngineKind::Auto);
}

void GraphView::setExpanded(bool expanded)
{
    if (m_expanded == expanded)
        return;
    m_expanded = expanded;
    if (!m_graph || (m_shown.tables.empty() && !m_busy))
        return;
    if (m_showingPath)
        showPath(m_path);
    else
        showGraph(m_query);
}

// The tables and keys a layout draws as boxes and arrows: without folded link tables, which
// become one line each between the tables they join (edges after the keys, ids
// GraphScene::linkEdgeId). A path shows every table it crosses.
Subgraph GraphView::withoutFoldedLinks(const Subgraph &subgraph, std::vector<LinkTable> *links) const
{
    links->clear();
    if (!m_foldLinkTables || m_showingPath)
        return subgraph;
    // Partitions stay boxes of their own in a laid-out view, as before folding.
    const TableFolding folding = foldTables(*m_graph, subgraph.tables, {true, false});
    const int focus = m_query.focusOid ? m_graph->tableIndex(m_query.focusOid) : -1;
    if (folding.links.empty() || (focus >= 0 && folding.isFoldedLink(focus)))
        return subgraph;  // a link table in focus is shown as the table asked for
    *links = folding.links;
    Subgraph drawn;
    std::copy_if(subgraph.tables.begin(), subgraph.tables.end(), std::back_inserter(drawn.tables),
                 [&](int t) { return !folding.isFoldedLink(t); });
    std::copy_if(subgraph.keys.begin(), subgraph.keys.end(), std::back_inserter(drawn.keys),
                 [&](int k) { return !folding.isFoldedLink(m_graph->childOf(k)); });
    return drawn;
}

void GraphView::takeNextArrangement()
{
    m_pendingArrangement = std::exchange(m_nextArrangement, std::nullopt);
}

void GraphView::layOut(Subgraph subgraph, LayoutEngineKind engine)
{
    takeNextArrangement();
    m_pendingDrawn = withoutFoldedLinks(subgraph, &m_pendingLinks);
    m_pending = std::move(subgraph);
    LayoutRequest request;
    request.engine = engine;
    if (viewport()->width() > 200 && viewport()->height() > 200)
        request.fitInto = viewport()->size();
    const Subgraph &drawn = m_pendingDrawn;
    for (int t : drawn.tables) {
        const TableNodeSize size = TableNodeItem::measure(GraphScene::nodeText(*m_graph, t, m_expanded), font());
        request.nodes.push_back({size.size.width(), size.size.height(), size.rowHeights});
    }
    QHash<int, int> nodeOf;
    for (size_t i = 0; i < drawn.tables.size(); ++i)
        nodeOf.insert(drawn.tables[i], int(i));
    for (int k : drawn.keys) {
        LayoutEdge edge{k, nodeOf.value(m_graph->childOf(k)), nodeOf.value(m_graph->parentOf(k)), -1, -1};
        if (m_expanded) {
            edge.tailRow = GraphScene::keyRow(*m_graph, k, false);
            edge.headRow = GraphScene::keyRow(*m_graph, k, true);
        }
        request.edges.push_back(edge);
    }
    // A partition sits by its partitioned table, not alone in a corner.
    for (size_t i = 0; i < drawn.tables.size(); ++i) {
        const Table &table = m_graph->table(drawn.tables[i]);
        const int parent = table.partitionOf.isEmpty() ? -1 : m_graph->findTable(table.partitionOf);
        if (parent >= 0 && nodeOf.contains(parent))
            request.edges.push_back({-1, int(i), nodeOf.value(parent), -1, -1, true});
    }
    for (size_t i = 0; i < m_pendingLinks.size(); ++i) {
        const LinkTable &link = m_pendingLinks[i];
        request.edges.push_back({GraphScene::linkEdgeId(i), nodeOf.value(m_graph->parentOf(link.firstKey)),
                                 nodeOf.value(m_graph->parentOf(link.secondKey)), -1, -1});
    }
    ++m_mapGeneration;  // a map still being placed is for a view no longer wanted
    stopBuild();  // and so is a build still going on
    m_pendingGeneration = m_engine->request(std::move(request));
    setBusy(true);
}

void GraphView::onLayoutReady(const GraphLayout &layout)
{
    if (layout.generation != m_pendingGeneration)
        return;
    m_message = layout.message;
    if (!layout.ok) {
        setBusy(false);
        Q_EMIT layoutFinished(false, m_message);
        return;
    }
    m_nextEngine = layout.engine;
    const qint64 focus = m_showingPath ? 0 : m_query.focusOid;
    m_nextScene = std::make_unique<GraphScene>();
    m_nextScene->setPalette(palette());
    m_nextScene->beginBuild(*m_graph, m_pendingDrawn, layout, {font(), focus, m_expanded, &m_onCycle, m_pendingLinks});
    m_buildTimer->start();
}

void GraphView::continueBuild()
{
    if (m_nextScene && m_nextScene->buildSome(buildSliceMs))
        showBuiltScene();
}

void GraphView::setLegendShown(bool shown)
{
    m_legendShown = shown;
    showLegendIfWanted();
    if (m_keepFitted)
        fitScene();  // room for it, or none
}

void GraphView::showLegendIfWanted()
{
    // The legend explains keys' colours; a closed map draws none, only grey bundles.
    m_legend->setVisible(m_legendShown && (!isShowingMap() || !m_expandedGroups.isEmpty()));
}

void GraphView::stopBuild()
{
    m_buildTimer->stop();
    m_nextScene.reset();
}

void GraphView::showBuiltScene()
{
    m_buildTimer->stop();
    m_picture.reset();
    swapInScene(std::move(m_nextScene));
}

void GraphView::swapInScene(std::unique_ptr<GraphScene> scene)
{
    std::unique_ptr<GraphScene> old(m_scene);
    m_scene = scene.release();
    m_scene->setParent(this);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &GraphView::onSelectionChanged);
    connect(m_scene, &GraphScene::boxesMoved, this, &GraphView::arrangementChanged);
    connect(m_scene, &QGraphicsScene::sceneRectChanged, this, &GraphView::followSceneRect);
    setScene(m_scene);
    m_legendRoom = QSizeF();
    followSceneRect();
    m_shown = std::move(m_pending);
    m_pending = {};
    m_shownEngine = m_nextEngine;
    showLegendIfWanted();
    m_arrangedCentre.reset();
    fitToWindow();
    setBusy(false);
    const qint64 focus = m_showingPath ? 0 : m_query.focusOid;
    if (focus)
        selectTable(focus);
    if (!m_revealGroup.isEmpty())
        revealGroup(std::exchange(m_revealGroup, QString()));
    if (m_revealOid)
        revealTable(std::exchange(m_revealOid, 0));
    if (m_pendingArrangement)
        applyArrangement(*std::exchange(m_pendingArrangement, std::nullopt));
    Q_EMIT layoutFinished(true, m_message);
}

ViewArrangement GraphView::arrangement() const
{
    ViewArrangement arrangement;
    arrangement.positions = m_scene->boxPositions();
    if (!m_keepFitted) {
        arrangement.zoom = std::round(zoom() * 1e4) / 1e4;
        QPointF centre = mapToScene(viewport()->rect().center());
        if (m_arrangedCentre && QLineF(centre, *m_arrangedCentre).length() * zoom() < 20)
            centre = *m_arrangedCentre;
        arrangement.centre = QPointF(std::round(centre.x() * 10) / 10, std::round(centre.y() * 10) / 10);
    }
    return arrangement;
}

// A saved view's boxes where they were left; the others stay where the layout put them.
void GraphView::applyArrangement(const ViewArrangement &arrangement)
{
    if (m_scene->placeBoxes(arrangement.positions) > 0 && m_keepFitted)
        fitScene();  // the scene grew or shrank round the boxes moved
    if (!arrangement.zoom)
        return;
    m_keepFitted = false;
    const double z = std::clamp(*arrangement.zoom, minZoom, maxZoom);
    setTransform(QTransform::fromScale(z, z));
    m_arrangedCentre = arrangement.centre.value_or(m_scene->sceneRect().center());
    centerOn(*m_arrangedCentre);
}

// An opened group's tables fill the window, as large as they would be on their own.
void GraphView::revealGroup(const QString &id)
{
    if (!m_picture)
        return;
    QRectF area;
    for (const TableGroup &group : m_picture->groups) {
        if (group.id != id)
            continue;
        for (int t : group.tables) {
            if (const TableNodeItem *item = m_scene->node(m_graph->table(t).oid))
                area = area.united(item->sceneBoundingRect());
        }
    }
    if (area.isEmpty())
        return;
    m_keepFitted = false;
    fitInView(area.adjusted(-60, -60, 60, 60), Qt::KeepAspectRatio);
    if (zoom() > 1.5)
        setTransform(QTransform::fromScale(1.5, 1.5));
    centerOn(area.center());
}

// Selects a table and brings it close enough to read, its keys in view around it.
void GraphView::revealTable(qint64 oid)
{
    TableNodeItem *item = m_scene->node(oid);
    if (!item)
        return;
    m_scene->clearSelection();
    item->setSelected(true);
    m_keepFitted = false;
    const double target = std::clamp(zoom(), 1.0, maxZoom);
    setTransform(QTransform::fromScale(target, target));
    centerOn(item);
}

QString GraphView::groupOfTable(int table) const
{
    if (!m_picture)
        return {};
    for (const TableGroup &group : m_picture->groups) {
        if (std::binary_search(group.tables.begin(), group.tables.end(), table))
            return group.id;
    }
    return {};
}

void GraphView::onSelectionChanged()
{
    const qint64 oid = m_scene->selectedTable();
    highlightKeysOf(oid);
    if (oid)
        Q_EMIT tableSelected(oid);
}

void GraphView::highlightKeysOf(qint64 oid)
{
    const int table = m_graph && oid ? m_graph->tableIndex(oid) : -1;
    for (QGraphicsItem *item : m_scene->items()) {
        if (item->type() != KeyEdgeItem::Type)
            continue;
        auto *edge = static_cast<KeyEdgeItem *>(item);
        edge->setHighlighted(table >= 0 && (m_graph->childOf(edge->key()) == table || m_graph->parentOf(edge->key()) == table));
    }
}

void GraphView::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    m_busyLabel->setText(tr("Laying out the graph…"));
    m_busyLabel->setVisible(busy);
    if (busy)
        m_slowTimer->start();
    else
        m_slowTimer->stop();
    viewport()->setCursor(busy ? Qt::BusyCursor : Qt::OpenHandCursor);
    setAccessibleDescription(busy ? m_busyLabel->text() : QString());
    placeOverlays();
    Q_EMIT busyChanged(busy);
}

bool GraphView::findTableAnywhere(const QString &text)
{
    if (!m_picture || text.trimmed().isEmpty() || !m_graph)
        return findTable(text);
    // Every table of the map, drawn or in a closed group; folded link tables are lines.
    std::vector<int> tables;
    for (const PictureNode &node : m_picture->nodes)
        tables.insert(tables.end(), node.tables.begin(), node.tables.end());
    const int best = bestNameMatch(*m_graph, tables, text);
    if (best < 0)
        return false;
    const qint64 oid = m_graph->table(best).oid;
    const QString group = groupOfTable(best);
    const QString where = group.isEmpty() ? QString() : tr(" in group %1").arg(group);
    const QString message = tr("Found %1%2.").arg(m_graph->table(best).qualifiedName, where);
    if (m_scene->node(oid)) {
        revealTable(oid);
        Q_EMIT found(oid, message);
        return true;
    }
    // In a closed group, or a partition folded into its table: open the group, then reveal.
    const int boxTable = [&] {
        for (const PictureNode &node : m_picture->nodes) {
            if (std::binary_search(node.tables.begin(), node.tables.end(), best))
                return node.kind == PictureNode::Kind::Group ? -1 : node.table;
        }
        return -1;
    }();
    if (boxTable >= 0) {
        revealTable(m_graph->table(boxTable).oid);
        Q_EMIT found(m_graph->table(boxTable).oid, message);
        return true;
    }
    m_expandedGroups.insert(group);
    m_revealOid = oid;
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(this, &GraphView::layoutFinished, this, [this, connection, oid, message](bool ok) {
        disconnect(*connection);
        if (ok && m_scene->node(oid))
            Q_EMIT found(oid, message);
    });
    showGraph(m_query);
    return true;
}

bool GraphView::findTable(const QString &text)
{
    if (!m_graph)
        return false;
    std::vector<int> drawn;
    for (TableNodeItem *item : m_scene->nodes()) {
        if (const int t = m_graph->tableIndex(item->oid()); t >= 0)
            drawn.push_back(t);
    }
    const int best = bestNameMatch(*m_graph, drawn, text);
    if (best < 0)
        return false;
    selectTable(m_graph->table(best).oid);
    return true;
}

void GraphView::selectTable(qint64 oid)
{
    TableNodeItem *item = m_scene->node(oid);
    if (item && item->isSelected())
        return;
    m_scene->clearSelection();
    if (!item) {
        // In a closed group of the map: its box is selected instead, and brought into view.
        const int table = m_graph ? m_graph->tableIndex(oid) : -1;
        if (GroupNodeItem *group = table >= 0 ? m_scene->group(groupOfTable(table)) : nullptr) {
            group->setSelected(true);
            centerOn(group);
        }
        return;
    }
    item->setSelected(true);
    centerOn(item);
}

qint64 GraphView::selectedTable() const
{
    return m_scene->selectedTable();
}

QStringList GraphView::keyDescriptions() const
{
    QStringList lines;
    if (!m_graph)
        return lines;
    for (int k : m_shown.keys) {
        const ForeignKey &key = m_graph->key(k);
        lines << tr("%1 references %2 (%3, ON DELETE %4)")
                     .arg(key.child, key.parent, key.name, toString(key.onDelete).toUpper());
    }
    return lines;
}

double GraphView::zoom() const
{
    return transform().m11();
}

void GraphView::scaleBy(double factor)
{
    m_keepFitted = false;
    const double target = std::clamp(zoom() * factor, minZoom, maxZoom);
    const double applied = target / zoom();
    scale(applied, applied);
    Q_EMIT arrangementChanged();
}

void GraphView::zoomIn()
{
    scaleBy(zoomStep);
}

void GraphView::zoomOut()
{
    scaleBy(1 / zoomStep);
}

void GraphView::fitToWindow()
{
    m_keepFitted = true;
    fitScene();
}

void GraphView::fitScene()
{
    if (m_shown.tables.empty() && !m_picture)
        return;
    // The scene rect has a margin round the items; fitting it leaves no scroll bars. The
    // legend sits over the bottom right corner: the drawing is fitted above it or beside it
    // when that shrinks it little, else under it (names that stay readable matter more).
    const QRectF drawing = m_scene->sceneRect();
    const QSizeF window = viewport()->size();
    m_legendRoom = QSizeF();
    if (!m_legend->isHidden() && !drawing.isEmpty()) {
        const QSizeF legend = m_legend->sizeHint() + QSizeF(legendMargin, legendMargin);
        const double whole = std::min({1.0, window.width() / drawing.width(), window.height() / drawing.height()});
        const double above = std::min(window.width() / drawing.width(), (window.height() - legend.height()) / drawing.height());
        const double beside = std::min((window.width() - legend.width()) / drawing.width(), window.height() / drawing.height());
        const double zoom = std::min(1.0, std::max(above, beside));
        if (zoom > 0 && zoom >= 0.85 * whole)
            m_legendRoom = above >= beside ? QSizeF(0, legend.height() / zoom) : QSizeF(legend.width() / zoom, 0);
    }
    followSceneRect();
    fitInView(sceneRect(), Qt::KeepAspectRatio);
    // A small graph is not blown up past its natural size.
    if (zoom() > 1.0)
        setTransform(QTransform());
    centerOn(sceneRect().center());
}

void GraphView::followSceneRect()
{
    setSceneRect(m_scene->sceneRect().adjusted(0, 0, m_legendRoom.width(), m_legendRoom.height()));
}

void GraphView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    scaleBy(std::pow(zoomStep, steps));
    event->accept();
}

bool GraphView::viewportEvent(QEvent *event)
{
    // Scroll bars come and go with the zoom: the overlays follow the viewport's corner.
    if (event->type() == QEvent::Resize)
        QTimer::singleShot(0, this, &GraphView::placeOverlays);
    // Touchpads send native zoom gestures (value: the change of scale since the last one);
    // touch screens send pinch gestures.
    if (event->type() == QEvent::NativeGesture) {
        auto *gesture = static_cast<QNativeGestureEvent *>(event);
        if (gesture->gestureType() == Qt::ZoomNativeGesture) {
            scaleBy(1.0 + gesture->value());
            return true;
        }
    } else if (event->type() == QEvent::Gesture) {
        auto *gestures = static_cast<QGestureEvent *>(event);
        if (auto *pinch = static_cast<QPinchGesture *>(gestures->gesture(Qt::PinchGesture))) {
            if (pinch->changeFlags() & QPinchGesture::ScaleFactorChanged)
                scaleBy(pinch->scaleFactor());
            gestures->accept(pinch);
            return true;
        }
    }
    return QGraphicsView::viewportEvent(event);
}

void GraphView::keyPressEvent(QKeyEvent *event)
{
    // Ctrl++, Ctrl+- and Ctrl+0 are the zoom buttons' shortcuts; + and - alone zoom too.
    if (event->key() == Qt::Key_Plus) {
        zoomIn();
    } else if (event->key() == Qt::Key_Minus) {
        zoomOut();
    } else if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && selectedTable()) {
        Q_EMIT focusRequested(selectedTable());
    } else if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && !selectedGroup().isEmpty()) {
        expandGroup(selectedGroup());  // as a double click does
    } else if (!event->modifiers() && moveSelection(event->key())) {
        // an arrow key: the selection moved, or stayed at the edge
    } else {
        QGraphicsView::keyPressEvent(event);
        return;
    }
    event->accept();
}

qint64 GraphView::tableAt(const QPoint &viewportPos) const
{
    for (QGraphicsItem *item : items(viewportPos)) {
        if (item->type() == TableNodeItem::Type)
            return static_cast<TableNodeItem *>(item)->oid();
    }
    return 0;
}

// Arrow keys walk from the selected table (or group box of the map) to the nearest one that
// way; with none selected, the first press selects the one nearest the middle of the view.
bool GraphView::moveSelection(int key)
{
    QPointF step;
    switch (key) {
    case Qt::Key_Left: step = {-1, 0}; break;
    case Qt::Key_Right: step = {1, 0}; break;
    case Qt::Key_Up: step = {0, -1}; break;
    case Qt::Key_Down: step = {0, 1}; break;
    default: return false;
    }
    std::vector<QGraphicsItem *> boxes;
    for (TableNodeItem *item : m_scene->nodes())
        boxes.push_back(item);
    for (GroupNodeItem *item : m_scene->groups())
        boxes.push_back(item);
    const QList<QGraphicsItem *> selected = m_scene->selectedItems();
    const QGraphicsItem *from = selected.size() == 1 ? selected.first() : nullptr;
    const QPointF origin = from ? from->sceneBoundingRect().center() : mapToScene(viewport()->rect().center());
    QGraphicsItem *best = nullptr;
    double bestScore = 0;
    for (QGraphicsItem *item : boxes) {
        if (item == from)
            continue;
        const QPointF offset = item->sceneBoundingRect().center() - origin;
        const double along = QPointF::dotProduct(offset, step);
        const double across = std::abs(QPointF::dotProduct(offset, QPointF(step.y(), step.x())));
        if (from && along <= 0)
            continue;
        // Straight ahead beats off to the side.
        const double score = from ? along + 2 * across : std::hypot(offset.x(), offset.y());
        if (!best || score < bestScore) {
            best = item;
            bestScore = score;
        }
    }
    if (best) {
        m_scene->clearSelection();
        best->setSelected(true);
        centerOn(best);
    }
    return true;  // at the edge the arrow does nothing, rather than scroll away from the selection
}

QString GraphView::selectedGroup() const
{
    const QList<QGraphicsItem *> selected = m_scene->selectedItems();
    if (selected.size() != 1 || selected.first()->type() != GroupNodeItem::Type)
        return {};
    return static_cast<GroupNodeItem *>(selected.first())->groupId();
}

void GraphView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (const qint64 oid = tableAt(event->position().toPoint())) {
        Q_EMIT focusRequested(oid);
        event->accept();
        return;
    }
    for (QGraphicsItem *item : items(event->position().toPoint())) {
        if (item->type() == GroupNodeItem::Type) {
            expandGroup(static_cast<GroupNodeItem *>(item)->groupId());
            event->accept();
            return;
        }
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

QMenu *GraphView::createTableMenu(qint64 oid, QWidget *parent)
{
    const Table *table = m_catalog ? m_catalog->table(oid) : nullptr;
    if (!table)
        return nullptr;
    auto *menu = new QMenu(parent);
    menu->addAction(tr("&Focus on %1").arg(table->qualifiedName), this, [this, oid] { Q_EMIT focusRequested(oid); })
        ->setObjectName(QStringLiteral("focusTableAction"));
    menu->addAction(tr("Show &Rows"), this, [this, oid] { Q_EMIT rowsRequested(oid); })
        ->setObjectName(QStringLiteral("showRowsAction"));
    menu->addAction(tr("&Hide"), this, [this, oid] { Q_EMIT hideRequested(oid); })
        ->setObjectName(QStringLiteral("hideTableAction"));
    return menu;
}

void GraphView::contextMenuEvent(QContextMenuEvent *event)
{
    // From the keyboard (the menu key) the menu is for the selected table.
    const qint64 oid = event->reason() == QContextMenuEvent::Keyboard ? selectedTable() : tableAt(event->pos());
    QMenu *menu = oid ? createTableMenu(oid, this) : nullptr;
    if (!menu) {
        QGraphicsView::contextMenuEvent(event);
        return;
    }
    // Selected where it is: centring it would move it from under the mouse.
    if (TableNodeItem *item = m_scene->node(oid); item && !item->isSelected()) {
        m_scene->clearSelection();
        item->setSelected(true);
    }
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(event->globalPos());
    event->accept();
}

void GraphView::changeEvent(QEvent *event)
{
    QGraphicsView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        m_scene->setPalette(palette());
        m_scene->update();
    }
}

void GraphView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_keepFitted)
        fitScene();
    placeOverlays();
}

void GraphView::showEvent(QShowEvent *event)
{
    QGraphicsView::showEvent(event);
    if (m_keepFitted)
        fitScene();
}

void GraphView::mousePressEvent(QMouseEvent *event)
{
    // A press starts a drag that pans: the user has taken over the view.
    if (event->button() == Qt::LeftButton)
        m_keepFitted = false;
    QGraphicsView::mousePressEvent(event);
}

void GraphView::mouseReleaseEvent(QMouseEvent *event)
{
    QGraphicsView::mouseReleaseEvent(event);
    // A pan or a drag ends: what is centred, or where a box is, changed.
    if (event->button() == Qt::LeftButton)
        Q_EMIT arrangementChanged();
}

QWidget *GraphView::createZoomControls()
{
    auto *controls = new QWidget(this);
    controls->setObjectName(QStringLiteral("graphZoomControls"));
    auto *layout = new QHBoxLayout(controls);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto addButton = [&](const QString &text, const QString &name, const QString &tip, const QKeySequence &keys,
                         void (GraphView::*slot)()) {
        // Window-wide while the graph is on screen, whichever widget has the focus.
        auto *action = new QAction(text, controls);
        action->setObjectName(name);
        action->setToolTip(tip);
        action->setShortcut(keys);
        connect(action, &QAction::triggered, this, slot);
        auto *button = new QToolButton(controls);
        button->setDefaultAction(action);
        button->setObjectName(name + QStringLiteral("Button"));
        button->setAccessibleName(tip.section(QLatin1String(" ("), 0, 0));
        layout->addWidget(button);
    };
    addButton(QStringLiteral("−"), QStringLiteral("graphZoomOut"), tr("Zoom out (Ctrl+-, wheel)"),
              QKeySequence::ZoomOut, &GraphView::zoomOut);
    addButton(QStringLiteral("+"), QStringLiteral("graphZoomIn"), tr("Zoom in (Ctrl++, wheel)"),
              QKeySequence::ZoomIn, &GraphView::zoomIn);
    addButton(tr("Fit"), QStringLiteral("graphFit"), tr("Fit to window (Ctrl+0)"),
              QKeySequence(Qt::CTRL | Qt::Key_0), &GraphView::fitToWindow);
    return controls;
}

void GraphView::placeOverlays()
{
    const QRect area = viewport()->geometry();
    m_zoomControls->adjustSize();
    m_zoomControls->move(area.right() - m_zoomControls->width() - 8, area.top() + 8);
    m_zoomControls->raise();
    m_legend->resize(m_legend->sizeHint());
    m_legend->move(area.right() - m_legend->width() - legendMargin, area.bottom() - m_legend->height() - legendMargin);
    m_legend->raise();
    m_busyLabel->adjustSize();
    m_busyLabel->move(area.left() + (area.width() - m_busyLabel->width()) / 2, area.top() + 12);
    m_busyLabel->raise();
}

} // namespace fkscope
