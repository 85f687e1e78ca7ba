#pragma once

#include "graph/ForeignKeyGraph.h"

#include <vector>

namespace fkscope {

// A set of tables that reference each other in a circle: a strongly connected component of
// the child-to-parent graph with more than one table, or one table with a key to itself.
// These are the tables whose rows can only be inserted with a deferred key or a later UPDATE,
// and where one DELETE may have to remove a whole circle.
struct KeyCycle {
    std::vector<int> tables;  // sorted
    std::vector<int> keys;    // the keys between tables of the cycle, sorted
};

// Every cycle, ordered by their smallest table index.
std::vector<KeyCycle> keyCycles(const ForeignKeyGraph &graph);

// For every table, whether it lies on a cycle.
std::vector<bool> tablesOnCycles(const ForeignKeyGraph &graph);

} // namespace fkscope
