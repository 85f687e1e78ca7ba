#pragma once

#include "graph/ForeignKeyGraph.h"
#include "util/Result.h"

#include <QSet>
#include <QStringList>

#include <vector>

namespace fkscope {

// Which way to walk from a focus table. Up follows keys from child to parent (what the focus
// needs to exist), Down from parent to child (what references it). Both is the union of the
// two walks: ancestors and descendants, but not a parent's other children, which would make
// a depth-2 view of a central table most of the schema.
enum class GraphDirection { Up, Down, Both };

// What part of the foreign-key graph to show.
struct GraphQuery {
    QStringList schemas;            // only tables of these schemas; empty: every schema
    QSet<qint64> hiddenTables;      // oids the user removed from the view
    qint64 focusOid = 0;            // 0: no focus, the whole (filtered) graph
    int depth = 1;                  // hops from the focus; 0 shows the focus alone
    GraphDirection direction = GraphDirection::Both;
};

// Tables and keys to draw, as indices into the catalog, both sorted. Every key's two ends
// are in tables; every key between two shown tables is in keys.
struct Subgraph {
    std::vector<int> tables;
    std::vector<int> keys;
};

// Whether a table passes the schema filter and is not hidden. The filters apply before the
// walk: a hidden table also hides what is only reachable through it.
bool isVisible(const ForeignKeyGraph &graph, const GraphQuery &query, int table);

// The subgraph a query selects. Fails (Error::Kind::Usage) when the focus table is not in
// the catalog or is filtered out.
Result<Subgraph> selectSubgraph(const ForeignKeyGraph &graph, const GraphQuery &query);

// Tables within depth hops of focus in the direction, focus included, ignoring filters.
std::vector<int> neighbourhood(const ForeignKeyGraph &graph, int focus, int depth, GraphDirection direction);

} // namespace fkscope
