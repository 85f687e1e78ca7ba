#pragma once

#include "catalog/Catalog.h"
#include "script/SqlScript.h"
#include "util/Result.h"

#include <vector>

namespace fkscope {

class Connection;

// Rows a script inserted, updated and deleted in one table, cascades and SET NULL included.
// Rows of a partition count for its partitioned table.
struct TableChange {
    QString table;  // qualified, quoted as quote_ident() would
    qint64 inserted = 0;
    qint64 updated = 0;
    qint64 deleted = 0;
};

struct ScriptRun {
    std::vector<TableChange> changes;  // tables with any change, by name
    bool committed = false;
};

// Runs a script's statements in one transaction and reports what they changed, as the
// server counted it (pg_stat_xact_user_tables), so the figures include everything the keys'
// own triggers did. A dry run always rolls back.
class ScriptRunner {
public:
    ScriptRunner(Connection &connection, const Catalog &catalog) : m_connection(connection), m_catalog(catalog) {}

    void setStatementTimeout(int milliseconds) { m_statementTimeout = milliseconds; }

    // Runs the script and rolls it back: nothing is kept. An error names the statement
    // that failed and carries the server's message and SQLSTATE.
    Result<ScriptRun> dryRun(const SqlScript &script);
    // Runs the script and commits it. Only for a user who has seen the counts and confirmed.
    Result<ScriptRun> execute(const SqlScript &script);

private:
    Result<ScriptRun> run(const SqlScript &script, bool commit);
    Result<ScriptRun> runInTransaction(const SqlScript &script);
    QString reportedName(qint64 oid, const QString &serverName) const;

    Connection &m_connection;
    const Catalog &m_catalog;
    int m_statementTimeout = 0;
};

} // namespace fkscope
