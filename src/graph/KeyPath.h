#pragma once

#include "graph/Subgraph.h"

#include <optional>
#include <vector>

namespace fkscope {

// One key on a path, and which way the path crosses it.
struct KeyPathStep {
    int key = -1;
    bool childToParent = true;  // false: the path goes from the key's parent to its child
};

// The tables of a path in order (from first to last) and the keys between them.
struct KeyPath {
    std::vector<int> tables;
    std::vector<KeyPathStep> steps;  // steps[i] joins tables[i] and tables[i + 1]
};

enum class PathMode {
    // Any direction: the shortest chain of joins between two tables, which is what someone
    // asking "how are these two related?" wants (orders and products meet through order_items).
    Undirected,
    // Child to parent only: a chain of references from the first table up to the second.
    ChildToParent,
};

// The shortest foreign-key path from one table to another through tables the query does not
// hide (its focus and depth are ignored), fewest keys first; ties go to the key that comes
// first in the catalog, so the answer is stable. std::nullopt when there is none. A table is
// joined to itself by an empty path.
std::optional<KeyPath> shortestKeyPath(const ForeignKeyGraph &graph, int from, int to,
                                       PathMode mode = PathMode::Undirected, const GraphQuery &filter = {});

} // namespace fkscope
