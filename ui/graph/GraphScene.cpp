#include "graph/GraphScene.h"

#include "graph/KeyEdgeItem.h"
#include "graph/KeyStyle.h"

#include <QLocale>

#include <algorithm>

namespace fkscope {

namespace {

// A table's tooltip lists at most this many keys each way; a hub referenced by hundreds of
// tables would otherwise fill the screen.
constexpr int tooltipKeys = 12;

} // namespace

GraphScene::GraphScene(QObject *parent) : QGraphicsScene(parent)
{
    // Items never move once placed, so an index makes painting and hit-testing 3,000 tables cheap.
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
}

QString GraphScene::nodeTitle(const Table &table)
{
    const QString publicPrefix = QStringLiteral("public.");
    return table.qualifiedName.startsWith(publicPrefix) ? table.qualifiedName.mid(publicPrefix.size())
                                                        : table.qualifiedName;
}

QString GraphScene::nodeDetail(const Table &table)
{
    if (!table.rowEstimate)
        return tr("not analyzed");
    return tr("≈ %1 rows").arg(QLocale().toString(qlonglong(std::max<qint64>(0, *table.rowEstimate))));
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

QString GraphScene::tableToolTip(const ForeignKeyGraph &graph, int index, bool onCycle)
{
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
    clear();
    m_nodes.clear();
    m_edgeCount = 0;
}

void GraphScene::build(const ForeignKeyGraph &graph, const Subgraph &subgraph, const GraphLayout &layout,
                       const Options &options)
{
    clearGraph();
    for (size_t i = 0; i < subgraph.tables.size() && i < layout.nodes.size(); ++i) {
        const int index = subgraph.tables[i];
        const Table &table = graph.table(index);
        const bool onCycle = options.onCycle && (*options.onCycle)[size_t(index)];
        auto *item = new TableNodeItem(table.oid, nodeText(graph, index, options.expanded), layout.nodes[i], options.font);
        item->setFocusTable(table.oid == options.focusOid);
        item->setOnCycle(onCycle);
        item->setToolTip(tableToolTip(graph, index, onCycle));
        addItem(item);
        m_nodes.insert(table.oid, item);
    }
    for (const EdgeGeometry &edge : layout.edges) {
        const ForeignKey &key = graph.key(edge.id);
        const QString tip = tr("%1 → %2\n%3: %4\nON DELETE %5")
                                .arg(key.child, key.parent, key.name, key.definition, toString(key.onDelete).toUpper());
        addItem(new KeyEdgeItem(edge, keyStyle(key), tip));
        ++m_edgeCount;
    }
    setSceneRect(layout.bounds.adjusted(-40, -40, 40, 40));
}

qint64 GraphScene::selectedTable() const
{
    const QList<QGraphicsItem *> items = selectedItems();
    if (items.size() != 1 || items.first()->type() != TableNodeItem::Type)
        return 0;
    return static_cast<TableNodeItem *>(items.first())->oid();
}

} // namespace fkscope
