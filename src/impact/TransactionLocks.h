#pragma once

#include "impact/DryRunTiming.h"
#include "util/Result.h"

class QSqlDatabase;

namespace fkscope {

// The locks this session's backend holds now (pg_locks WHERE pid = pg_backend_pid()), relation
// locks by the relation's qualified name. Locks on pg_catalog relations are left out: they are
// the catalog reads of fkscope's own queries (this one included), not of the statement timed.
Result<std::vector<HeldLock>> locksHeldByThisBackend(const QSqlDatabase &db);

} // namespace fkscope
