#pragma once

#include "catalog/Catalog.h"

#include <QString>

#include <optional>
#include <vector>

namespace fkscope {

// The fast plan of a closure (see RowClosureQuery) when the keys between its tables form no
// cycle: every table's rows are one MATERIALIZED CTE, found from its neighbours' by hash
// semi-joins, a table at a time, the way one would write it by hand: first down, children
// after their parents, then up, parents after every child that references them. No per-row
// lookups and no UNION over the whole walk.
//
// Returns CTEs (to follow WITH) that end in up(rel, tid): every row of the closure, stored in
// rel; or nothing when the tables the closure reaches have a cycle of keys (a self-reference
// included), a row could belong to two of them (a key on a partition and on its partitioned
// table), or the root has INHERITS children.
std::optional<QString> layeredClosureCtes(const Catalog &catalog, const Table &root, const QString &rootCondition,
                                          const std::vector<const ForeignKey *> &keys, bool withDependents);

} // namespace fkscope
