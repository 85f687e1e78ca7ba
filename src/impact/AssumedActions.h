#pragma once

#include "impact/DeleteImpact.h"
#include "util/Result.h"

#include <QStringList>

namespace fkscope {

class Connection;

// What-if on ON DELETE actions (--assume TABLE:CONSTRAINT=ACTION): the keys named, resolved
// against the catalog, and a copy of the catalog whose keys carry the assumed actions, which
// DeleteImpactAnalyzer then reads as if they were real.
//
// An assumed action is what `ALTER TABLE child DROP CONSTRAINT k, ADD CONSTRAINT k ... ON
// DELETE action` would leave, the only way PostgreSQL 15 changes a key's action:
// - SET NULL / SET DEFAULT write all the key's columns (the plain form; a column list the key
//   had is dropped with it);
// - the key keeps its columns, MATCH, ON UPDATE and deferrability;
// - its triggers are new: PostgreSQL fires one row's triggers in name order, and a re-created
//   key's are named RI_ConstraintTrigger_a_<its new OID>. They are given the OIDs that follow
//   the newest object of the database, in the order assumed;
// - on a partitioned table the key's copies on the partitions follow it, as the catalog lists
//   the key once, on the table where it was declared.
class AssumedActions {
public:
    // Each spec as the user wrote it: '"crm"."projects":"projects_tenant_id_fkey"=set default',
    // or 'projects_tenant_id_fkey=cascade' where the name is unique. Errors are usage errors.
    static Result<std::vector<AssumedAction>> resolve(Connection &connection, const Catalog &catalog,
                                                      const QStringList &specs);

    // The largest OID the database shows (its objects, and the newest database of the
    // cluster): the OID counter is at least there, so new triggers take OIDs above it.
    static Result<qint64> newestObjectId(Connection &connection);

    // The catalog with those actions in place of the keys' own.
    static Catalog apply(const Catalog &catalog, const std::vector<AssumedAction> &assumed, qint64 newestObjectId);
};

} // namespace fkscope
