#include "graph/KeyPath.h"

#include <algorithm>

namespace fkscope {

std::optional<KeyPath> shortestKeyPath(const ForeignKeyGraph &graph, int from, int to, PathMode mode,
                                       const GraphQuery &filter)
{
    if (from < 0 || to < 0 || from >= graph.tableCount() || to >= graph.tableCount())
        return std::nullopt;
    if (!isVisible(graph, filter, from) || !isVisible(graph, filter, to))
        return std::nullopt;

    // Breadth-first; cameBy[t] is the step that first reached t.
    std::vector<KeyPathStep> cameBy(size_t(graph.tableCount()));
    std::vector<char> seen(size_t(graph.tableCount()), 0);
    std::vector<int> queue{from};
    seen[size_t(from)] = 1;
    for (size_t head = 0; head < queue.size() && !seen[size_t(to)]; ++head) {
        const int table = queue[head];
        auto visit = [&](int key, bool up) {
            const int other = up ? graph.parentOf(key) : graph.childOf(key);
            if (other < 0 || seen[size_t(other)] || !isVisible(graph, filter, other))
                return;
            seen[size_t(other)] = 1;
            cameBy[size_t(other)] = {key, up};
            queue.push_back(other);
        };
        for (int key : graph.keysUp(table))
            visit(key, true);
        if (mode == PathMode::Undirected) {
            for (int key : graph.keysDown(table))
                visit(key, false);
        }
    }
    if (!seen[size_t(to)])
        return std::nullopt;

    KeyPath path;
    for (int table = to; table != from;) {
        const KeyPathStep step = cameBy[size_t(table)];
        path.tables.push_back(table);
        path.steps.push_back(step);
        table = step.childToParent ? graph.childOf(step.key) : graph.parentOf(step.key);
    }
    path.tables.push_back(from);
    std::reverse(path.tables.begin(), path.tables.end());
    std::reverse(path.steps.begin(), path.steps.end());
    return path;
}

} // namespace fkscope
