#pragma once

#include "TestDatabase.h"

#include "impact/DeleteImpact.h"
#include "script/InsertScriptWriter.h"

namespace fkscope::test {

// The schema of one test database, without its rows, in another: pg_dump --schema-only.
bool copySchema(TestDatabase &from, TestDatabase &to, QString *error);

// The insert script fkscope writes for rows of db; empty with *error on failure. A refusal
// is returned as the script's text with *refused set.
QString insertScript(TestDatabase &db, const DeleteRoot &rows, const InsertScriptOptions &options, QString *error,
                     bool *refused = nullptr);

// Loads a script with psql -v ON_ERROR_STOP=1 -f, after session settings that differ from
// the source's on purpose (time zone, date and interval styles, float digits), so that a
// value that depends on them shows up as a difference.
bool loadScript(TestDatabase &db, const QString &script, QString *error);

// Every row of a table as text (the row's own output, which tells NULL from ''), sorted.
QStringList rowsAsText(TestDatabase &db, const QString &table, const QString &condition = QStringLiteral("true"));

} // namespace fkscope::test
