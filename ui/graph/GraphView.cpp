#include "graph/GraphView.h"

#include "graph/ForeignKeyGraph.h"
#include "graph/GraphLayoutEngine.h"
#include "graph/GraphLegend.h"
#include "graph/GraphScene.h"
#include "graph/KeyCycles.h"
#include "graph/TableNodeItem.h"

#include <QKeyEvent>
#include <QLabel>
#include <QScrollBar>
#include <QTimer>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace fkscope {

namespace {

constexpr double zoomStep = 1.2;
constexpr double minZoom = 0.02;
constexpr double maxZoom = 8.0;
// How long the UI thread may spend adding items before it lets events through.
constexpr double buildSliceMs = 25;

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
    // No background brush: the viewport's Base, light or dark, is the paper; the items read
    // the same palette through the scene.
    m_scene->setPalette(palette());
    setFocusPolicy(Qt::StrongFocus);

    m_legend = new GraphLegend(this);
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

    connect(m_engine.get(), &GraphLayoutEngine::layoutReady, this, &GraphView::onLayoutReady);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, [this] {
        if (const qint64 oid = m_scene->selectedTable())
            Q_EMIT tableSelected(oid);
    });
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
    m_buildGeneration = 0;
    m_pending = {};
    setBusy(false);
    m_catalog = catalog ? std::move(catalog) : std::make_shared<const Catalog>();
    m_graph = std::make_unique<ForeignKeyGraph>(*m_catalog);
    m_onCycle = tablesOnCycles(*m_graph);
    m_scene->clearGraph();
    m_shown = {};
    m_query = {};
    m_path = {};
    m_showingPath = false;
}

void GraphView::showGraph(const GraphQuery &query, LayoutEngineKind engine)
{
    if (!m_graph) {
        Q_EMIT layoutFinished(false, tr("No catalog is loaded."));
        return;
    }
    auto subgraph = selectSubgraph(*m_graph, query);
    if (!subgraph) {
        m_message = subgraph.error().message;
        Q_EMIT layoutFinished(false, m_message);
        return;
    }
    m_query = query;
    m_showingPath = false;
    layOut(subgraph.take(), engine);
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

void GraphView::layOut(Subgraph subgraph, LayoutEngineKind engine)
{
    LayoutRequest request;
    request.engine = engine;
    for (int t : subgraph.tables) {
        const TableNodeSize size = TableNodeItem::measure(GraphScene::nodeText(*m_graph, t, m_expanded), font());
        request.nodes.push_back({size.size.width(), size.size.height(), size.rowHeights});
    }
    QHash<int, int> nodeOf;
    for (size_t i = 0; i < subgraph.tables.size(); ++i)
        nodeOf.insert(subgraph.tables[i], int(i));
    for (int k : subgraph.keys) {
        LayoutEdge edge{k, nodeOf.value(m_graph->childOf(k)), nodeOf.value(m_graph->parentOf(k)), -1, -1};
        if (m_expanded) {
            edge.tailRow = GraphScene::keyRow(*m_graph, k, false);
            edge.headRow = GraphScene::keyRow(*m_graph, k, true);
        }
        request.edges.push_back(edge);
    }
    m_pending = std::move(subgraph);
    m_buildGeneration = 0;  // a build still going on is for a view no longer wanted
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
    m_shown = std::move(m_pending);
    m_shownEngine = layout.engine;
    const qint64 focus = m_showingPath ? 0 : m_query.focusOid;
    m_buildGeneration = layout.generation;
    m_scene->beginBuild(*m_graph, m_shown, layout, {font(), focus, m_expanded, &m_onCycle});
    // A view on a hidden tab has no size worth fitting to yet: fit when it is shown.
    m_fitWhenShown = !isVisible();
    fitToWindow();
    continueBuild(layout.generation);
}

// Adds the items a few milliseconds at a time, letting the event loop run in between.
void GraphView::continueBuild(quint64 generation)
{
    if (generation != m_buildGeneration)
        return;  // superseded by a newer layout or another catalog
    if (!m_scene->buildSome(buildSliceMs)) {
        QTimer::singleShot(0, this, [this, generation] { continueBuild(generation); });
        return;
    }
    m_buildGeneration = 0;
    setBusy(false);
    const qint64 focus = m_showingPath ? 0 : m_query.focusOid;
    if (focus)
        selectTable(focus);
    Q_EMIT layoutFinished(true, m_message);
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

bool GraphView::findTable(const QString &text)
{
    const QString needle = text.trimmed();
    if (needle.isEmpty())
        return false;
    TableNodeItem *best = nullptr;
    int bestRank = 4;
    for (TableNodeItem *item : m_scene->nodes()) {
        const Table *table = m_catalog ? m_catalog->table(item->oid()) : nullptr;
        if (!table)
            continue;
        int rank = 4;
        if (table->qualifiedName == needle)
            rank = 0;
        else if (table->name == needle)
            rank = 1;
        else if (table->qualifiedName.contains(needle, Qt::CaseInsensitive))
            rank = 2;
        if (rank < bestRank || (rank == bestRank && best && table->qualifiedName < best->name())) {
            best = item;
            bestRank = rank;
        }
    }
    if (!best)
        return false;
    selectTable(best->oid());
    return true;
}

void GraphView::selectTable(qint64 oid)
{
    TableNodeItem *item = m_scene->node(oid);
    if (item && item->isSelected())
        return;
    m_scene->clearSelection();
    if (!item)
        return;
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
    const double target = std::clamp(zoom() * factor, minZoom, maxZoom);
    const double applied = target / zoom();
    scale(applied, applied);
}

void GraphView::zoomIn()
{
    scaleBy(zoomStep);
}

void GraphView::zoomOut()
{
    scaleBy(1 / zoomStep);
}

void GraphView::resetZoom()
{
    setTransform(QTransform());
}

void GraphView::fitToWindow()
{
    if (m_shown.tables.empty())
        return;
    // The scene rect has a margin round the items; fitting it leaves no scroll bars.
    fitInView(m_scene->sceneRect(), Qt::KeepAspectRatio);
    // A small graph is not blown up past its natural size.
    if (zoom() > 1.0)
        resetZoom();
    centerOn(m_scene->sceneRect().center());
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

void GraphView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::ZoomIn) || event->key() == Qt::Key_Plus) {
        zoomIn();
    } else if (event->matches(QKeySequence::ZoomOut) || event->key() == Qt::Key_Minus) {
        zoomOut();
    } else if (event->key() == Qt::Key_0 && event->modifiers() & Qt::ControlModifier) {
        fitToWindow();
    } else if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && selectedTable()) {
        Q_EMIT focusRequested(selectedTable());
    } else if (!event->modifiers() && moveSelection(event->key())) {
        // an arrow key: the selection moved, or stayed at the edge
    } else {
        QGraphicsView::keyPressEvent(event);
        return;
    }
    event->accept();
}

// Arrow keys walk from the selected table to the nearest one that way; with none selected,
// the first press selects the table nearest the middle of the view.
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
    const TableNodeItem *from = m_scene->node(selectedTable());
    const QPointF origin = from ? from->sceneBoundingRect().center() : mapToScene(viewport()->rect().center());
    const TableNodeItem *best = nullptr;
    double bestScore = 0;
    for (const TableNodeItem *item : m_scene->nodes()) {
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
    if (best)
        selectTable(best->oid());
    return true;  // at the edge the arrow does nothing, rather than scroll away from the selection
}

void GraphView::mouseDoubleClickEvent(QMouseEvent *event)
{
    for (QGraphicsItem *item : items(event->position().toPoint())) {
        if (item->type() == TableNodeItem::Type) {
            Q_EMIT focusRequested(static_cast<TableNodeItem *>(item)->oid());
            event->accept();
            return;
        }
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

void GraphView::showEvent(QShowEvent *event)
{
    QGraphicsView::showEvent(event);
    if (m_fitWhenShown) {
        m_fitWhenShown = false;
        fitToWindow();
    }
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
    placeOverlays();
}

void GraphView::placeOverlays()
{
    const QRect area = viewport()->geometry();
    m_legend->resize(m_legend->sizeHint());
    m_legend->move(area.right() - m_legend->width() - 8, area.bottom() - m_legend->height() - 8);
    m_legend->raise();
    m_busyLabel->adjustSize();
    m_busyLabel->move(area.left() + (area.width() - m_busyLabel->width()) / 2, area.top() + 12);
    m_busyLabel->raise();
}

} // namespace fkscope
