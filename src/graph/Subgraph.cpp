#include "graph/Subgraph.h"

#include <algorithm>

namespace fkscope {

namespace {

// Breadth-first from focus along one direction, within depth hops and through visible tables.
void walk(const ForeignKeyGraph &graph, int focus, int depth, bool up, const std::vector<char> &visible,
          std::vector<char> &reached)
{
    std::vector<int> frontier{focus};
    std::vector<char> seen(size_t(graph.tableCount()), 0);
    seen[size_t(focus)] = 1;
    for (int hop = 0; hop < depth && !frontier.empty(); ++hop) {
        std::vector<int> next;
        for (int table : frontier) {
            for (int key : up ? graph.keysUp(table) : graph.keysDown(table)) {
                const int other = up ? graph.parentOf(key) : graph.childOf(key);
                if (other < 0 || seen[size_t(other)] || !visible[size_t(other)])
                    continue;
                seen[size_t(other)] = 1;
                reached[size_t(other)] = 1;
                next.push_back(other);
            }
        }
        frontier.swap(next);
    }
}

std::vector<int> reachedTables(const ForeignKeyGraph &graph, int focus, int depth, GraphDirection direction,
                               const std::vector<char> &visible)
{
    std::vector<char> reached(size_t(graph.tableCount()), 0);
    reached[size_t(focus)] = 1;
    if (direction != GraphDirection::Down)
        walk(graph, focus, depth, true, visible, reached);
    if (direction != GraphDirection::Up)
        walk(graph, focus, depth, false, visible, reached);
    std::vector<int> tables;
    for (int i = 0; i < graph.tableCount(); ++i) {
        if (reached[size_t(i)])
            tables.push_back(i);
    }
    return tables;
}

} // namespace

bool isVisible(const ForeignKeyGraph &graph, const GraphQuery &query, int table)
{
    const Table &t = graph.table(table);
    if (query.hiddenTables.contains(t.oid))
        return false;
    return query.schemas.isEmpty() || query.schemas.contains(t.schema);
}

std::vector<int> neighbourhood(const ForeignKeyGraph &graph, int focus, int depth, GraphDirection direction)
{
    return reachedTables(graph, focus, depth, direction, std::vector<char>(size_t(graph.tableCount()), 1));
}

Result<Subgraph> selectSubgraph(const ForeignKeyGraph &graph, const GraphQuery &query)
{
    std::vector<char> visible(size_t(graph.tableCount()), 0);
    for (int i = 0; i < graph.tableCount(); ++i)
        visible[size_t(i)] = isVisible(graph, query, i);

    Subgraph subgraph;
    if (query.focusOid != 0) {
        const int focus = graph.tableIndex(query.focusOid);
        if (focus < 0)
            return Error::usage(QStringLiteral("no table with oid %1").arg(query.focusOid));
        if (!visible[size_t(focus)])
            return Error::usage(QStringLiteral("table %1 is hidden or outside the schema filter")
                                    .arg(graph.table(focus).qualifiedName));
        subgraph.tables = reachedTables(graph, focus, std::max(0, query.depth), query.direction, visible);
    } else {
        for (int i = 0; i < graph.tableCount(); ++i) {
            if (visible[size_t(i)])
                subgraph.tables.push_back(i);
        }
    }

    std::vector<char> shown(size_t(graph.tableCount()), 0);
    for (int t : subgraph.tables)
        shown[size_t(t)] = 1;
    for (int k = 0; k < graph.keyCount(); ++k) {
        const int child = graph.childOf(k);
        const int parent = graph.parentOf(k);
        if (child >= 0 && parent >= 0 && shown[size_t(child)] && shown[size_t(parent)])
            subgraph.keys.push_back(k);
    }
    return subgraph;
}

} // namespace fkscope
