#include "impact/TransactionLocks.h"

#include "db/SqlQuery.h"

namespace fkscope {

Result<std::vector<HeldLock>> locksHeldByThisBackend(const QSqlDatabase &db)
{
    // Served by PostgreSQL 12 and later (pg_locks has had these columns since 9.x).
    auto query = runQuery(db, QStringLiteral(R"SQL(
SELECT l.locktype, CASE WHEN c.oid IS NULL THEN '' ELSE format('%I.%I', n.nspname, c.relname) END, l.mode, l.granted
  FROM pg_locks l
  LEFT JOIN pg_class c ON l.locktype = 'relation' AND c.oid = l.relation
  LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE l.pid = pg_backend_pid()
   AND NOT (l.locktype = 'relation' AND coalesce(c.relnamespace = 'pg_catalog'::regnamespace, true))
 ORDER BY l.locktype <> 'relation', 2, l.mode
)SQL"));
    if (!query)
        return query.error();
    std::vector<HeldLock> locks;
    while (query->next())
        locks.push_back({query->value(0).toString(), query->value(1).toString(), query->value(2).toString(),
                         query->value(3).toBool()});
    return locks;
}

} // namespace fkscope
