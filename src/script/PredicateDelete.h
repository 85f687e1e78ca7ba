#pragma once

#include "catalog/Catalog.h"

#include <optional>
#include <vector>

namespace fkscope {

// The DELETE of the root rows and of every row below them through the deleting keys, as one
// statement that names each table's rows by a predicate on its parents' rows:
//
//   WITH users_rows AS (SELECT t.tableoid, t.ctid, t.id FROM ONLY public.users t WHERE t.id = 1),
//   orders_rows AS (SELECT ... FROM ONLY public.orders t WHERE t.user_id IN (SELECT id FROM users_rows)),
//   deleted_1 AS (DELETE FROM ONLY public.orders x USING orders_rows r WHERE ...), ...
//
// A table that references itself gets a recursive predicate. None (use the general form) when
// the root has INHERITS children, when tables reference each other in a cycle, or when a
// key's rows are not those of one table of the statement (keys on single partitions).
std::optional<QString> predicateDeleteStatement(const Catalog &catalog, const Table &root, const QString &rootCondition,
                                                const std::vector<const ForeignKey *> &deletingKeys);

} // namespace fkscope
