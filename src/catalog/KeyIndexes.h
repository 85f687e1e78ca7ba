#pragma once

#include "catalog/Catalog.h"
#include "util/Result.h"

#include <QSet>

class QSqlDatabase;

namespace fkscope {

// The keys whose child columns no valid, non-partial index starts with (in any order): every
// DELETE of a parent row, and every update of its key, then scans the child table.
Result<QSet<qint64>> unindexedKeys(const QSqlDatabase &db, const Catalog &catalog);

} // namespace fkscope
