#pragma once

#include "catalog/Catalog.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <vector>

namespace fkscope {

// One row to insert: its values as SQL literals that PostgreSQL itself quoted.
struct ExportedRow {
    QString id;             // "rel:ctid" of the row in the source, to follow references
    QStringList literals;   // in the order of ExportedTable::columns
};

// The rows that go into one table: a partitioned table for the rows of its partitions,
// otherwise the table that stores them (an INHERITS child keeps its own rows).
struct ExportedTable {
    const Table *table = nullptr;
    QStringList columns;              // every column but generated ones, in table order
    bool hasIdentity = false;         // needs OVERRIDING SYSTEM VALUE
    QStringList sequenceColumns;      // identity or serial columns whose sequence to move on
    std::vector<ExportedRow> rows;
};

// Row `child` references row `parent` through key.
struct RowReference {
    const ForeignKey *key = nullptr;
    QString child;
    QString parent;
};

// Everything an insert script is written from, read in one snapshot.
struct ExportedRows {
    QString database;
    QString snapshotTime;             // UTC
    QString snapshot;                 // pg_current_snapshot()
    std::vector<ExportedTable> tables;  // by qualified name
    std::vector<RowReference> references;
    QHash<const ForeignKey *, int> orphans;  // NOT VALID keys: rows that reference nothing
    // Deferrable keys that share their name with a constraint of their schema that is not
    // deferrable: SET CONSTRAINTS takes a name and fails on the other one.
    QSet<qint64> cannotDefer;
    QHash<QString, qint64> tableOfRow;  // row id -> oid of the ExportedTable's table
};

} // namespace fkscope
