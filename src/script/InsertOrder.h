#pragma once

#include "catalog/Catalog.h"

#include <QPair>
#include <QSet>

#include <optional>
#include <vector>

namespace fkscope {

// Rows of child reference rows of parent through key (two different rows: a row that
// references itself loads in any order).
struct TableReference {
    qint64 child = 0;
    qint64 parent = 0;
    const ForeignKey *key = nullptr;
};

// One statement's worth of tables. Several tables reference each other through keys that
// cannot be deferred: they go in as one statement, a WITH of INSERTs, because PostgreSQL
// checks a key that is not deferred at the end of the statement, not after each row.
struct InsertStep {
    std::vector<qint64> tables;                  // one, or a cycle in the order written
    std::vector<const ForeignKey *> cycleKeys;   // the keys that tie them, for the comment
    bool selfReferencing = false;                // one table whose rows reference each other
};

struct InsertOrder {
    std::vector<const ForeignKey *> deferred;    // SET CONSTRAINTS … DEFERRED first
    std::vector<InsertStep> steps;               // parents first
};

// Orders the tables so that every referenced row is there before the rows that reference
// it. Keys inside a cycle of tables that are deferrable are deferred (those already
// INITIALLY DEFERRED need nothing); what still forms a cycle becomes one statement.
// tables: the tables to fill, in the order to prefer between independent ones.
// cannotDefer: deferrable keys that SET CONSTRAINTS cannot name alone (they share their name with a
// constraint of their schema that cannot be deferred).
InsertOrder planInsertOrder(const std::vector<qint64> &tables, const std::vector<TableReference> &references,
                            const QSet<qint64> &cannotDefer = {});

// The rows of one table, each after the rows it references (pairs of child, parent row
// indexes); none when they reference each other in a cycle.
std::optional<std::vector<int>> rowsParentsFirst(int rowCount, const std::vector<QPair<int, int>> &childParent);

} // namespace fkscope
