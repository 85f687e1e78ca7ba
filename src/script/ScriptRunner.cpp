#include "script/ScriptRunner.h"

#include "db/Connection.h"
#include "db/SqlQuery.h"

#include <QMap>

namespace fkscope {

Result<ScriptRun> ScriptRunner::dryRun(const SqlScript &script)
{
    return run(script, false);
}

Result<ScriptRun> ScriptRunner::execute(const SqlScript &script)
{
    return run(script, true);
}

Result<ScriptRun> ScriptRunner::run(const SqlScript &script, bool commit)
{
    if (!script.isRunnable())
        return Error::usage(QStringLiteral("there is no script to run: %1").arg(script.refusal));
    const QSqlDatabase db = m_connection.database();
    auto begin = runQuery(db, QStringLiteral("BEGIN"));
    if (!begin)
        return begin.error();
    auto result = runInTransaction(script);
    const bool keep = commit && result.ok();
    auto end = runQuery(db, keep ? QStringLiteral("COMMIT") : QStringLiteral("ROLLBACK"));
    if (!result)
        return result;
    if (!end)
        return end.error();  // a deferred key checked at COMMIT fails here
    result->committed = keep;
    return result;
}

Result<ScriptRun> ScriptRunner::runInTransaction(const SqlScript &script)
{
    const QSqlDatabase db = m_connection.database();
    if (m_statementTimeout > 0) {
        auto timeout = runQuery(db, QStringLiteral("SET LOCAL statement_timeout = %1").arg(m_statementTimeout));
        if (!timeout)
            return timeout.error();
    }
    for (size_t i = 0; i < script.statements.size(); ++i) {
        auto done = runQuery(db, script.statements[i].sql);
        if (!done) {
            Error error = done.error();
            error.message = QStringLiteral("statement %1 of %2 failed: %3")
                                .arg(i + 1)
                                .arg(script.statements.size())
                                .arg(error.message);
            return error;
        }
    }
    // Deferred keys are checked at COMMIT; checking them now makes a dry run fail where the
    // real run would, instead of reporting counts for a script that cannot commit.
    auto deferred = runQuery(db, QStringLiteral("SET CONSTRAINTS ALL IMMEDIATE"));
    if (!deferred) {
        Error error = deferred.error();
        error.message = QStringLiteral("the deferred checks at COMMIT failed: %1").arg(error.message);
        return error;
    }

    auto counts = runQuery(db, QStringLiteral("SELECT relid::bigint, relid::regclass::text, n_tup_ins, n_tup_upd, "
                                              "n_tup_del FROM pg_stat_xact_user_tables "
                                              "WHERE n_tup_ins + n_tup_upd + n_tup_del > 0"));
    if (!counts)
        return counts.error();
    QMap<QString, TableChange> byTable;
    while (counts->next()) {
        const QString name = reportedName(counts->value(0).toLongLong(), counts->value(1).toString());
        TableChange &change = byTable[name];
        change.table = name;
        change.inserted += counts->value(2).toLongLong();
        change.updated += counts->value(3).toLongLong();
        change.deleted += counts->value(4).toLongLong();
    }
    ScriptRun run;
    for (const TableChange &change : byTable)
        run.changes.push_back(change);
    return run;
}

QString ScriptRunner::reportedName(qint64 oid, const QString &serverName) const
{
    const Table *table = m_catalog.table(oid);
    if (!table)
        return serverName;  // a table the catalog does not know, such as one the script made
    while (!table->partitionOf.isEmpty()) {
        const Table *parent = m_catalog.table(table->partitionOf);
        if (!parent)
            break;
        table = parent;
    }
    return table->qualifiedName;
}

} // namespace fkscope
