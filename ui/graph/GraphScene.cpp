#include "graph/GraphScene.h"

#include "graph/KeyEdgeItem.h"
#include "graph/KeyStyle.h"
#include "graph/TableNodeItem.h"

#include <QLocale>

namespace fkscope {

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

void GraphScene::clearGraph()
{
    clear();
    m_nodes.clear();
    m_edgeCount = 0;
}

void GraphScene::build(const ForeignKeyGraph &graph, const Subgraph &subgraph, const GraphLayout &layout,
                       const QFont &font, qint64 focusOid)
{
    clearGraph();
    for (size_t i = 0; i < subgraph.tables.size() && i < layout.nodes.size(); ++i) {
        const Table &table = graph.table(subgraph.tables[i]);
        auto *item = new TableNodeItem(table.oid, nodeTitle(table), nodeDetail(table), layout.nodes[i], font);
        item->setFocusTable(table.oid == focusOid);
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
