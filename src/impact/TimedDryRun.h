#pragma once

#include "impact/DeleteImpact.h"
#include "impact/DryRunTiming.h"
#include "impact/ExplainTriggers.h"
#include "util/Result.h"

#include <QStringList>

#include <functional>

namespace fkscope {

class Connection;
struct SqlScript;

// Runs a DELETE (or a delete script's statements) under EXPLAIN (ANALYZE, FORMAT JSON) in a
// transaction that is always rolled back, and reports what each foreign key's triggers cost,
// the total, and the locks the transaction held just before the rollback.
//
// - Deferred keys are checked at COMMIT, which a dry run never reaches: SET CONSTRAINTS ALL
//   IMMEDIATE first makes their checks run, and be timed, inside the statement.
// - EXPLAIN shows the triggers, not the plans of the queries they run, so whether an index
//   served a key is the catalog's answer (KeyIndexes: an index whose leading columns are the
//   key's child columns), read inside the same transaction.
// - With indexes to try, the first pass is rolled back to a savepoint, CREATE INDEX builds
//   each (holding a SHARE lock on its table: writes to it wait until the rollback), and a
//   second pass is timed. Both passes end in the same ROLLBACK.
class TimedDryRun {
public:
    TimedDryRun(Connection &connection, const Catalog &catalog) : m_connection(connection), m_catalog(catalog) {}

    void setStatementTimeout(int milliseconds) { m_statementTimeout = milliseconds; }
    // Keys to build the missing index of before a second, timed pass.
    void setIndexesToTry(const std::vector<const ForeignKey *> &keys) { m_indexesToTry = keys; }
    // Called while the transaction is still open, just before the ROLLBACK (for tests that
    // look at it from another session).
    void setBeforeRollback(std::function<void()> hook) { m_beforeRollback = std::move(hook); }

    Result<DryRunTiming> timeDelete(const DeleteRoot &root);
    Result<DryRunTiming> timeScript(const SqlScript &script);

    // Resolves --with-index values: CONSTRAINT, or TABLE:CONSTRAINT where several tables have a
    // key of that name. A key that an index already serves is a usage error.
    static Result<std::vector<const ForeignKey *>> resolveIndexesToTry(Connection &connection, const Catalog &catalog,
                                                                      const QStringList &specs);
    // CREATE INDEX on the key's child columns, in the key's order.
    static QString createIndexSql(const ForeignKey &key, const Catalog &catalog);

private:
    Result<DryRunTiming> run(const QStringList &statements);
    Result<DryRunTiming> runInTransaction(const QStringList &statements);
    Result<TimedPass> timePass(const QStringList &statements);
    Status attributeTriggers(TimedPass &pass, const std::vector<ExplainedTrigger> &triggers);

    Connection &m_connection;
    const Catalog &m_catalog;
    int m_statementTimeout = 0;
    std::vector<const ForeignKey *> m_indexesToTry;
    std::function<void()> m_beforeRollback;
};

} // namespace fkscope
