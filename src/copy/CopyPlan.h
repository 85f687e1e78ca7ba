#pragma once

#include "catalog/Catalog.h"
#include "copy/ClosureRows.h"
#include "script/InsertOrder.h"

#include <QStringList>

#include <vector>

namespace fkscope {

enum class OnConflict { Fail, Skip, Update };

// One table of TARGET that rows go into: a partitioned table takes the rows of all its
// partitions and routes them itself (TARGET may partition differently); any other table,
// an INHERITS child included, takes the rows it stores.
struct CopyTable {
    const Table *table = nullptr;       // in SOURCE's catalog
    QList<qint64> storages;             // the relations of SOURCE its rows are read from
    qint64 rows = 0;                    // rows of the closure
    // Filled from TARGET (TargetSchema): the columns copied, which are those of SOURCE that
    // neither side generates, and the identity or serial columns whose sequences move on.
    QStringList columns;
    bool hasIdentity = false;
    QStringList sequenceColumns;
};

// Tables that go in together. Several tables tied by keys that cannot be deferred go in as
// one statement (an INSERT per table in one WITH, from staging tables), because PostgreSQL
// checks such a key at the end of each statement.
struct CopyStep {
    std::vector<int> tables;            // indexes into CopyPlan::tables
    bool staged = false;                // COPY into TEMP staging tables, then INSERT … SELECT
};

struct CopyPlan {
    std::vector<CopyTable> tables;      // by qualified name
    std::vector<CopyStep> steps;        // parents first
};

// The plan for rows already found. With OnConflict::Fail a table outside a cycle is streamed
// straight into its table with COPY; skip and update stage every table (INSERT … ON CONFLICT).
// Deferrable keys are all deferred (SET CONSTRAINTS ALL DEFERRED), so only the others order
// the tables.
CopyPlan planCopy(const Catalog &catalog, const ClosureRows &rows, OnConflict onConflict);

// The tables rows found go into, by qualified name, with the relations they are read from.
std::vector<CopyTable> copyTables(const Catalog &catalog, const ClosureRows &rows);

// References between tables of the closure (as rows go into them, see copyTargetOf) from the
// catalog's keys: every such key may order them, whether or not the rows use it.
std::vector<TableReference> closureReferences(const Catalog &catalog, const std::vector<CopyTable> &tables);

// The statement that moves the identity or serial sequence of table.column past the largest
// value there, only forward and only for a sequence counting up.
QString sequenceCatchUpSql(const Table &table, const QString &column);

// The table rows stored in storageOid go into: its topmost partitioned ancestor, or itself.
const Table &copyTargetOf(const Catalog &catalog, qint64 storageOid);

} // namespace fkscope
