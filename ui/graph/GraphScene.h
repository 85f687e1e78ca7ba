#pragma once

#include "graph/ForeignKeyGraph.h"
#include "graph/GraphLayout.h"
#include "graph/Subgraph.h"

#include <QGraphicsScene>
#include <QHash>

namespace fkscope {

class TableNodeItem;

// The laid-out foreign-key graph as QGraphicsItems: a TableNodeItem per table, a
// KeyEdgeItem per key. Knows nothing of Graphviz; it reads plain geometry.
class GraphScene : public QGraphicsScene {
    Q_OBJECT

public:
    explicit GraphScene(QObject *parent = nullptr);

    // What a node says: the table's name, qualified unless it is in public, and its row
    // estimate when analyzed.
    static QString nodeTitle(const Table &table);
    static QString nodeDetail(const Table &table);

    // Replaces the items. layout.nodes and layout.edges follow subgraph.tables and
    // subgraph.keys; edge ids are key indices.
    void build(const ForeignKeyGraph &graph, const Subgraph &subgraph, const GraphLayout &layout,
               const QFont &font, qint64 focusOid);
    void clearGraph();

    TableNodeItem *node(qint64 oid) const { return m_nodes.value(oid); }
    const QHash<qint64, TableNodeItem *> &nodes() const { return m_nodes; }
    int edgeCount() const { return m_edgeCount; }
    // The table of the one selected node, or 0.
    qint64 selectedTable() const;

private:
    QHash<qint64, TableNodeItem *> m_nodes;
    int m_edgeCount = 0;
};

} // namespace fkscope
