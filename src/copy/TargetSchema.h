#pragma once

#include "copy/CopyPlan.h"
#include "util/Result.h"

#include <QStringList>

namespace fkscope {

class LibpqSession;

// What TARGET lacks for a plan, in words for one line each.
struct TargetSchemaProblems {
    QStringList missingTables;          // qualified names
    QStringList missingColumns;         // "table.column"
    QStringList incompatibleColumns;    // "table.column is integer in SOURCE, text in TARGET"

    bool isEmpty() const { return missingTables.isEmpty() && missingColumns.isEmpty() && incompatibleColumns.isEmpty(); }
    // One line: what is wrong and what to do.
    QString message() const;
};

// Compares TARGET's tables with SOURCE's for the plan, by name, and fills each table's column
// list (columns that neither side generates), identity and sequence columns. A column type
// is compatible when it is the same type in TARGET, or one with an assignment cast from it
// (int to bigint, varchar to text): the text COPY writes is then read back the same.
Result<TargetSchemaProblems> checkTargetSchema(LibpqSession &target, CopyPlan &plan);

} // namespace fkscope
