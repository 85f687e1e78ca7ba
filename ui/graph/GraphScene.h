#pragma once

#include "graph/ForeignKeyGraph.h"
#include "graph/GraphLayout.h"
#include "graph/Subgraph.h"
#include "graph/TableNodeItem.h"

#include <QGraphicsScene>
#include <QHash>

#include <vector>

namespace fkscope {

// The laid-out foreign-key graph as QGraphicsItems: a TableNodeItem per table, a
// KeyEdgeItem per key. Knows nothing of Graphviz; it reads plain geometry.
class GraphScene : public QGraphicsScene {
    Q_OBJECT

public:
    explicit GraphScene(QObject *parent = nullptr);

    // What a node says: the table's name, qualified unless it is in public, and its row
    // estimate when analyzed; expanded, its columns with PK and FK markers.
    static QString nodeTitle(const Table &table);
    static QString nodeDetail(const Table &table);
    static TableNodeText nodeText(const ForeignKeyGraph &graph, int table, bool expanded);
    // The row of the column a key starts (child) or ends (parent) at in an expanded node, or -1.
    static int keyRow(const ForeignKeyGraph &graph, int key, bool parentEnd);

    struct Options {
        QFont font;
        qint64 focusOid = 0;
        bool expanded = false;
        const std::vector<bool> *onCycle = nullptr;  // by table index
    };

    // Replaces the items. layout.nodes and layout.edges follow subgraph.tables and
    // subgraph.keys; edge ids are key indices.
    void build(const ForeignKeyGraph &graph, const Subgraph &subgraph, const GraphLayout &layout, const Options &options);
    void clearGraph();

    TableNodeItem *node(qint64 oid) const { return m_nodes.value(oid); }
    const QHash<qint64, TableNodeItem *> &nodes() const { return m_nodes; }
    int edgeCount() const { return m_edgeCount; }
    // The table of the one selected node, or 0.
    qint64 selectedTable() const;

private:
    static QString tableToolTip(const ForeignKeyGraph &graph, int table, bool onCycle);

    QHash<qint64, TableNodeItem *> m_nodes;
    int m_edgeCount = 0;
};

} // namespace fkscope
