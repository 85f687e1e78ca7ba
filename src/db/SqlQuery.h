#pragma once

// The one way the core library runs SQL: statements, their errors and their logging. Not for
// ui/, which never includes QtSql (tests/ui/tst_uilayering.cpp checks it).

#include "util/Result.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariantList>

#include <optional>
#include <vector>

namespace fkscope {

// PostgreSQL's message and SQLSTATE from a failed statement, as one line. The kind is
// ConnectionLost when the session is broken.
Error queryError(const QSqlDatabase &db, const QSqlError &error);

// Runs sql with positional parameters ($1 is written '?'), forward-only.
Result<QSqlQuery> runQuery(const QSqlDatabase &db, const QString &sql, const QVariantList &parameters = {});

// One row as the server's text output gives it; none is SQL NULL.
using TextRow = std::vector<std::optional<QString>>;

// Runs sql as ONE statement of the extended query protocol, which refuses a string holding
// two (so text from a user cannot end the transaction and write after it), and returns every
// value as the server's text output, exactly as psql shows it.
Result<std::vector<TextRow>> runSingleStatement(const QSqlDatabase &db, const QString &sql);

// Switches JIT off for the current transaction, on servers that have JIT (11 and later): the
// planner's row guesses for a recursive closure are wild, and JIT then compiles for longer
// than the query runs (seconds on tables never analyzed). It changes no answer.
inline QString jitOffForTransactionSql()
{
    return QStringLiteral("SELECT pg_catalog.set_config('jit', 'off', true) "
                          "WHERE EXISTS (SELECT FROM pg_catalog.pg_settings WHERE name = 'jit')");
}

// Starts the transaction every read of fkscope runs in: REPEATABLE READ (one snapshot for
// all its statements), READ ONLY (the server refuses a write, whatever a filter holds), with
// statement_timeout set for it alone when statementTimeout (milliseconds) is positive.
Status beginReadOnlySnapshot(const QSqlDatabase &db, int statementTimeout = 0);
// Ends it. Always a ROLLBACK: a read-only transaction has nothing to keep.
void endReadOnlySnapshot(const QSqlDatabase &db);

// body() inside a read-only snapshot; its result, or why the snapshot could not start.
template <typename Body>
auto inReadOnlySnapshot(const QSqlDatabase &db, int statementTimeout, Body body) -> decltype(body())
{
    if (Status begun = beginReadOnlySnapshot(db, statementTimeout); !begun)
        return begun.error();
    auto result = body();
    endReadOnlySnapshot(db);
    return result;
}

} // namespace fkscope
