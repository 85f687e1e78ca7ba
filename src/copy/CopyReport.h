#pragma once

#include "copy/CopyPlan.h"
#include "impact/DeleteImpact.h"

#include <QString>

#include <vector>

namespace fkscope {

// What to copy: rows named as every command names them, and how.
struct CopyRequest {
    DeleteRoot root;
    bool withDependents = false;       // also every row that references them, and their parents
    OnConflict onConflict = OnConflict::Fail;
    bool dryRun = false;               // count and check, write nothing
    bool createSchema = false;         // restore SOURCE's schema (pg_dump --schema-only) into TARGET first
};

struct CopiedTable {
    QString table;                     // qualified name
    qint64 rows = 0;                   // rows of the closure stored there
    qint64 copied = 0;                 // inserted into TARGET
    qint64 skipped = 0;                // TARGET had them (--on-conflict skip)
    qint64 updated = 0;                // TARGET had them and took SOURCE's values (--on-conflict update)
};

struct CopyReport {
    QString source;                    // database names
    QString target;
    bool dryRun = false;
    bool createdSchema = false;
    OnConflict onConflict = OnConflict::Fail;
    std::vector<CopiedTable> tables;   // by qualified name
    qint64 bytes = 0;                  // COPY text moved
    double seconds = 0;

    qint64 total(qint64 CopiedTable::*field) const;
};

// Where a running copy is, for a progress bar.
struct CopyProgress {
    QString table;                     // the table being loaded
    qint64 rowsDone = 0;               // over all tables
    qint64 rowsTotal = 0;
    qint64 bytes = 0;
    double seconds = 0;
};

QString toString(OnConflict onConflict);  // "fail", "skip", "update"

} // namespace fkscope
