#pragma once

#include "catalog/Catalog.h"

#include <QString>

#include <optional>
#include <vector>

namespace fkscope {

// The fast plan for the common case: when the cascades form no cycle and no row can be both
// deleted and blocking or set null, every table's deleted rows are one MATERIALIZED CTE built
// from its parents' by hash joins, the way one counts by hand; no per-row lookups, no order
// of triggers to mind. Returns the same result rows as DeleteImpactQuery::sql(), or nothing
// when the schema needs the general plan.
std::optional<QString> layeredImpactSql(const Catalog &catalog, const Table &root, const QString &rootCondition,
                                        const std::vector<const ForeignKey *> &keys);

} // namespace fkscope
