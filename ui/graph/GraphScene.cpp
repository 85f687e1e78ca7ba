#include "ui/graph/GraphScene.h"

#include "ui/graph/KeyEdgeItem.h"
#include "ui/graph/PictureItems.h"
#include "graph/KeyStyle.h"

#include <QElapsedTimer>
#include <QGraphicsSceneHelpEvent>
#include <QGraphicsView>
#include <QLocale>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>

namespace fkscope {

namespace {

// A table's tooltip lists at most this many keys each way; a hub referenced by hundreds of
// tables would otherwise fill the screen.
constexpr int tooltipKeys = 12;
// A table referenced by this many keys is a hub: its name outlasts the others' when zoomed out.
constexpr size_t hubKeys = 8;

} // namespace

GraphScene::GraphScene(QObject *parent) : QGraphicsScene(parent)
{
    // No index: building the BSP tree for 7,500 items held the first paint of a 3,000-table
    // overview for 200 ms, and a linear search through them for a click takes well under one.
    setItemIndexMethod(QGraphicsScene::NoIndex);
}

QString GraphScene::nodeTitle(const Table &table)
{
    const QString publicPrefix = QStringLiteral("public.");
    return table.qualifiedName.startsWith(publicPrefix) ? table.qualifiedName.mid(publicPrefix.size())
                                                        : table.qualifiedName;
}

QString GraphScene::nodeDetail(const Table &table)
{
    const QString rows = table.rowEstimate
                             ? tr("≈ %1 rows").arg(QLocale().toString(qlonglong(std::max<qint64>(0, *table.rowEstimate))))
                             : tr("not analyzed");
    return table.partitionOf.isEmpty() ? rows : tr("partition, %1").arg(rows);
}

TableNodeText GraphScene::nodeText(const ForeignKeyGraph &graph, int index, bool expanded)
{
    const Table &table = graph.table(index);
    TableNodeText text{nodeTitle(table), nodeDetail(table), {}};
    if (!expanded)
        return text;
    const UniqueKey *primary = table.primaryKey();
    QSet<QString> referencing;
    for (int key : graph.keysUp(index)) {
        for (const QString &column : graph.key(key).childColumns)
            referencing.insert(column);
    }
    for (const Column &column : table.columns) {
        text.columns.push_back({column.name, column.type,
                                primary && primary->isPrimary && primary->columns.contains(column.name),
                                referencing.contains(column.name)});
    }
    return text;
}

int GraphScene::keyRow(const ForeignKeyGraph &graph, int key, bool parentEnd)
{
    const ForeignKey &fk = graph.key(key);
    const int tableIndex = parentEnd ? graph.parentOf(key) : graph.childOf(key);
    const QStringList &columns = parentEnd ? fk.parentColumns : fk.childColumns;
    if (tableIndex < 0 || columns.isEmpty())
        return -1;
    // A composite key ends at its first column.
    const std::vector<Column> &all = graph.table(tableIndex).columns;
    const auto it = std::find_if(all.begin(), all.end(), [&](const Column &c) { return c.name == columns.first(); });
    return it == all.end() ? -1 : int(it - all.begin());
}

QString GraphScene::toolTipFor(const QGraphicsItem *item) const
{
    if (!m_graph || !item)
        return {};
    if (item->type() == TableNodeItem::Type) {
        const auto *node = static_cast<const TableNodeItem *>(item);
        return tableToolTip(m_graph->tableIndex(node->oid()), node->isOnCycle());
    }
    if (item->type() == KeyEdgeItem::Type)
        return keyToolTip(static_cast<const KeyEdgeItem *>(item)->key());
    if (item->type() == GroupNodeItem::Type)
        return static_cast<const GroupNodeItem *>(item)->toolTip();
    if (item->type() == PictureEdgeItem::Type)
        return static_cast<const PictureEdgeItem *>(item)->toolTip();
    return {};
}

void GraphScene::helpEvent(QGraphicsSceneHelpEvent *event)
{
    const QList<QGraphicsItem *> under = items(event->scenePos(), Qt::IntersectsItemShape, Qt::DescendingOrder,
                                               views().isEmpty() ? QTransform() : views().first()->transform());
    const QString tip = under.isEmpty() ? QString() : toolTipFor(under.first());
    if (tip.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->screenPos(), tip, event->widget());
    event->setAccepted(!tip.isEmpty());
}

QString GraphScene::keyToolTip(int k) const
{
    const ForeignKey &key = m_graph->key(k);
    QString tip = key.isVirtual
        ? tr("%1 → %2\n%3: %4\nVirtual key: kept by fkscope, never checked by PostgreSQL; a DELETE leaves its rows "
             "pointing at nothing")
              .arg(key.child, key.parent, key.name, key.definition)
        : tr("%1 → %2\n%3: %4\nON DELETE %5")
              .arg(key.child, key.parent, key.name, key.definition, toString(key.onDelete).toUpper());
    if (!key.childIndexed) {
        tip += tr("\nNo index of %1 starts with (%2): every DELETE of a %3 row scans %1 (Tools > Lint writes the "
                  "CREATE INDEX).")
                   .arg(key.child, key.childColumns.join(QStringLiteral(", ")), key.parent);
    }
    return tip;
}

QString GraphScene::tableToolTip(int index, bool onCycle) const
{
    if (index < 0)
        return {};
    const ForeignKeyGraph &graph = *m_graph;
    const Table &table = graph.table(index);
    QStringList lines{table.qualifiedName + QStringLiteral("  ") + nodeDetail(table)};
    if (const UniqueKey *primary = table.primaryKey(); primary && primary->isPrimary)
        lines << tr("PRIMARY KEY (%1)").arg(primary->columns.join(QStringLiteral(", ")));
    auto listKeys = [&](const std::vector<int> &keys, const QString &heading, bool up) {
        if (keys.empty())
            return;
        lines << heading;
        for (size_t i = 0; i < keys.size() && int(i) < tooltipKeys; ++i) {
            const ForeignKey &key = graph.key(keys[i]);
            lines << (up ? QStringLiteral("  %1: %2").arg(key.name, key.definition)
                         : QStringLiteral("  %1 %2: %3").arg(key.child, key.name, key.definition));
        }
        if (int(keys.size()) > tooltipKeys)
            lines << tr("  … and %1 more").arg(int(keys.size()) - tooltipKeys);
    };
    listKeys(graph.keysUp(index), tr("References:"), true);
    listKeys(graph.keysDown(index), tr("Referenced by:"), false);
    if (onCycle)
        lines << tr("On a cycle of foreign keys: its rows need a deferred key or a later UPDATE to insert.");
    return lines.join(QLatin1Char('\n'));
}

void GraphScene::clearGraph()
{
    m_graph = nullptr;
    m_building.reset();
    clear();
    m_nodes.clear();
    m_groups.clear();
    m_edgeCount = 0;
    m_lineEnds.clear();
    m_linesAt.clear();
    m_frameOf.clear();
    m_framePadding.clear();
}

void GraphScene::buildPicture(const ForeignKeyGraph &graph, const GraphPicture &picture, const Options &options)
{
    clearGraph();
    m_graph = &graph;
    setSceneRect(picture.bounds.adjusted(-40, -40, 40, 40));
    std::vector<SchemaFrameItem *> frames;
    for (const PictureCluster &cluster : picture.clusters) {
        frames.push_back(new SchemaFrameItem(cluster.schema, cluster.box));
        addItem(frames.back());
    }
    std::vector<QGraphicsItem *> boxes;
    for (const PictureNode &node : picture.nodes) {
        QRectF rect(node.position - QPointF(node.width / 2, node.height / 2), QSizeF(node.width, node.height));
        if (node.kind == PictureNode::Kind::Group) {
            auto *item = new GroupNodeItem(node, rect);
            addItem(item);
            m_groups.insert(node.id, item);
            boxes.push_back(item);
        } else {
            const Table &table = graph.table(node.table);
            TableNodeText text = nodeText(graph, node.table, false);
            // The scene measures with the window's font; placePicture with its own estimate.
            const QSizeF size = TableNodeItem::measure(text, options.font).size;
            rect = QRectF(node.position - QPointF(std::max(size.width(), node.width) / 2, size.height() / 2),
                          QSizeF(std::max(size.width(), node.width), size.height()));
            auto *item = new TableNodeItem(table.oid, std::move(text), rect, options.font);
            item->setFocusTable(node.focus);
            item->setOnCycle(options.onCycle && (*options.onCycle)[size_t(node.table)]);
            item->setHub(graph.keysDown(node.table).size() >= hubKeys);
            addItem(item);
            m_nodes.insert(table.oid, item);
            boxes.push_back(item);
        }
    }
    for (size_t c = 0; c < picture.clusters.size(); ++c) {
        QRectF inside;
        for (int n : picture.clusters[c].nodes) {
            m_frameOf.insert(boxes[size_t(n)], frames[c]);
            inside = inside.united(sceneBox(boxes[size_t(n)]));
        }
        const QRectF frame = picture.clusters[c].box;
        m_framePadding.insert(frames[c], QMarginsF(inside.left() - frame.left(), inside.top() - frame.top(),
                                                   frame.right() - inside.right(), frame.bottom() - inside.bottom()));
    }
    for (const PictureEdge &edge : picture.edges) {
        QGraphicsItem *tail = boxes[size_t(edge.tail)];
        QGraphicsItem *head = boxes[size_t(edge.head)];
        QGraphicsItem *line = nullptr;
        if (edge.kind == PictureEdge::Kind::Key) {
            const int key = edge.keys.front();
            line = new KeyEdgeItem(straightKey(key, sceneBox(tail), sceneBox(head)), keyStyle(graph.key(key)));
        } else {
            const QRectF from = sceneBox(tail), to = sceneBox(head);
            line = new PictureEdgeItem(edge, QLineF(borderPoint(from, to.center()), borderPoint(to, from.center())));
        }
        addItem(line);
        addLine(line, tail, head);
        ++m_edgeCount;
    }
}

void GraphScene::addLine(QGraphicsItem *line, QGraphicsItem *tail, QGraphicsItem *head)
{
    if (!tail || !head)
        return;
    m_lineEnds.insert(line, {tail, head});
    m_linesAt.insert(tail, line);
    if (head != tail)
        m_linesAt.insert(head, line);
}

QRectF GraphScene::sceneBox(const QGraphicsItem *box)
{
    if (box->type() == TableNodeItem::Type)
        return box->mapRectToScene(static_cast<const TableNodeItem *>(box)->box());
    if (box->type() == GroupNodeItem::Type)
        return box->mapRectToScene(static_cast<const GroupNodeItem *>(box)->box());
    return box->sceneBoundingRect();
}

void GraphScene::reroute(QGraphicsItem *line) const
{
    const auto [tail, head] = m_lineEnds.value(line);
    if (!tail)
        return;
    if (tail == head) {
        line->setPos(tail->pos());  // a key of a table to itself: its loop moves with it
        return;
    }
    const QRectF from = sceneBox(tail), to = sceneBox(head);
    if (line->type() == KeyEdgeItem::Type) {
        auto *key = static_cast<KeyEdgeItem *>(line);
        key->setGeometry(straightKey(key->key(), from, to));
    } else if (line->type() == PictureEdgeItem::Type) {
        static_cast<PictureEdgeItem *>(line)->setLine(
            QLineF(borderPoint(from, to.center()), borderPoint(to, from.center())));
    }
}

void GraphScene::refitFrame(SchemaFrameItem *frame) const
{
    QRectF inside;
    for (auto it = m_frameOf.begin(); it != m_frameOf.end(); ++it) {
        if (it.value() == frame)
            inside = inside.united(sceneBox(it.key()));
    }
    frame->setFrame(inside.marginsAdded(m_framePadding.value(frame)));
}

void GraphScene::boxMoved(QGraphicsItem *box)
{
    if (m_placing) {
        m_placed.push_back(box);
        return;
    }
    for (auto it = m_linesAt.constFind(box); it != m_linesAt.constEnd() && it.key() == box; ++it)
        reroute(it.value());
    QRectF grown = sceneBox(box);
    if (SchemaFrameItem *frame = m_frameOf.value(box)) {
        refitFrame(frame);
        grown = frame->frame();
    }
    if (!sceneRect().contains(grown))
        setSceneRect(sceneRect().united(grown.adjusted(-40, -40, 40, 40)));
    Q_EMIT boxesMoved();
}

std::map<QString, QPointF> GraphScene::boxPositions() const
{
    auto rounded = [](const QPointF &p) {
        return QPointF(std::round(p.x() * 10) / 10, std::round(p.y() * 10) / 10);
    };
    std::map<QString, QPointF> positions;
    if (!m_graph)
        return positions;
    for (auto it = m_nodes.begin(); it != m_nodes.end(); ++it) {
        if (const int t = m_graph->tableIndex(it.key()); t >= 0)
            positions[m_graph->table(t).qualifiedName] = rounded(sceneBox(it.value()).center());
    }
    for (auto it = m_groups.begin(); it != m_groups.end(); ++it)
        positions[it.key()] = rounded(sceneBox(it.value()).center());
    return positions;
}

int GraphScene::placeBoxes(const std::map<QString, QPointF> &positions)
{
    if (!m_graph || positions.empty())
        return 0;
    auto place = [&](QGraphicsItem *box, const QString &name) {
        const auto it = positions.find(name);
        if (it == positions.end())
            return;
        // A box the layout put where it was saved keeps the lines Graphviz routed to it.
        const QPointF by = it->second - sceneBox(box).center();
        if (std::abs(by.x()) >= 0.5 || std::abs(by.y()) >= 0.5)
            box->setPos(box->pos() + by);
    };
    // The lines of the boxes moved are redrawn once each at the end, not once a box.
    m_placing = true;
    m_placed.clear();
    for (auto it = m_nodes.begin(); it != m_nodes.end(); ++it) {
        if (const int t = m_graph->tableIndex(it.key()); t >= 0)
            place(it.value(), m_graph->table(t).qualifiedName);
    }
    for (auto it = m_groups.begin(); it != m_groups.end(); ++it)
        place(it.value(), it.key());
    m_placing = false;
    if (m_placed.empty())
        return 0;
    QSet<QGraphicsItem *> lines;
    QSet<SchemaFrameItem *> frames;
    QRectF grown = sceneRect();
    for (QGraphicsItem *box : m_placed) {
        for (auto it = m_linesAt.constFind(box); it != m_linesAt.constEnd() && it.key() == box; ++it)
            lines.insert(it.value());
        if (SchemaFrameItem *frame = m_frameOf.value(box))
            frames.insert(frame);
        grown = grown.united(sceneBox(box).adjusted(-40, -40, 40, 40));
    }
    for (QGraphicsItem *line : std::as_const(lines))
        reroute(line);
    for (SchemaFrameItem *frame : std::as_const(frames)) {
        refitFrame(frame);
        grown = grown.united(frame->frame().adjusted(-40, -40, 40, 40));
    }
    setSceneRect(grown);
    Q_EMIT boxesMoved();
    return int(m_placed.size());
}

void GraphScene::build(const ForeignKeyGraph &graph, const Subgraph &subgraph, const GraphLayout &layout,
                       const Options &options)
{
    beginBuild(graph, subgraph, layout, options);
    buildSome(std::numeric_limits<double>::infinity());
}

void GraphScene::beginBuild(const ForeignKeyGraph &graph, const Subgraph &subgraph, GraphLayout layout,
                            const Options &options)
{
    clearGraph();
    m_graph = &graph;
    setSceneRect(layout.bounds.adjusted(-40, -40, 40, 40));
    m_building = Build{subgraph, std::move(layout), options, 0, 0};
}

bool GraphScene::buildSome(double budgetMs)
{
    if (!m_building)
        return true;
    QElapsedTimer clock;
    clock.start();
    Build &b = *m_building;
    auto withinBudget = [&](size_t done) { return done % 64 != 0 || double(clock.nsecsElapsed()) / 1e6 < budgetMs; };
    const size_t nodes = std::min(b.subgraph.tables.size(), b.layout.nodes.size());
    for (size_t n = 0; b.nextNode < nodes && withinBudget(++n); ++b.nextNode) {
        const int index = b.subgraph.tables[b.nextNode];
        const Table &table = m_graph->table(index);
        auto *item = new TableNodeItem(table.oid, nodeText(*m_graph, index, b.options.expanded),
                                       b.layout.nodes[b.nextNode], b.options.font);
        item->setFocusTable(table.oid == b.options.focusOid);
        item->setOnCycle(b.options.onCycle && (*b.options.onCycle)[size_t(index)]);
        item->setHub(m_graph->keysDown(index).size() >= hubKeys);
        addItem(item);
        m_nodes.insert(table.oid, item);
    }
    for (size_t n = 0; b.nextNode >= nodes && b.nextEdge < b.layout.edges.size() && withinBudget(++n); ++b.nextEdge) {
        const EdgeGeometry &edge = b.layout.edges[b.nextEdge];
        QGraphicsItem *line = nullptr;
        int tail = -1, head = -1;  // tables
        if (edge.id <= linkEdgeId(0)) {
            const LinkTable &link = b.options.foldedLinks[size_t(linkEdgeId(0) - edge.id)];
            line = linkItem(link, edge);
            tail = m_graph->parentOf(link.firstKey);
            head = m_graph->parentOf(link.secondKey);
        } else {
            line = new KeyEdgeItem(edge, keyStyle(m_graph->key(edge.id)));
            tail = m_graph->childOf(edge.id);
            head = m_graph->parentOf(edge.id);
        }
        addItem(line);
        addLine(line, node(m_graph->table(tail).oid), node(m_graph->table(head).oid));
        ++m_edgeCount;
    }
    if (b.nextNode < nodes || b.nextEdge < b.layout.edges.size())
        return false;
    m_building.reset();
    return true;
}

QGraphicsItem *GraphScene::linkItem(const LinkTable &link, const EdgeGeometry &geometry) const
{
    const Table &table = m_graph->table(link.table);
    PictureEdge edge;
    edge.kind = PictureEdge::Kind::Link;
    edge.keys = {link.firstKey, link.secondKey};
    edge.linkTables = {link.table};
    edge.label = table.name;
    edge.tooltip = tr("link table %1, folded: %2 and %3 (Fold link tables off draws it as a table)")
                       .arg(table.qualifiedName, m_graph->key(link.firstKey).name, m_graph->key(link.secondKey).name);
    QPainterPath path;
    if (!geometry.spline.empty()) {
        path.moveTo(geometry.spline[0]);
        for (size_t i = 1; i + 2 < geometry.spline.size(); i += 3)
            path.cubicTo(geometry.spline[i], geometry.spline[i + 1], geometry.spline[i + 2]);
        if (geometry.hasArrowHead)
            path.lineTo(geometry.arrowTip);
    }
    return new PictureEdgeItem(edge, path);
}

qint64 GraphScene::selectedTable() const
{
    const QList<QGraphicsItem *> items = selectedItems();
    if (items.size() != 1 || items.first()->type() != TableNodeItem::Type)
        return 0;
    return static_cast<TableNodeItem *>(items.first())->oid();
}

} // namespace fkscope
