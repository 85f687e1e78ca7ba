#pragma once

#include "catalog/Catalog.h"
#include "util/Result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QStringList>

#include <vector>

namespace fkscope {

// What a SET NULL / SET DEFAULT makes PostgreSQL check or do that fkscope does not predict:
// CHECK constraints (the table's or a domain's) on a written column, unique indexes that a
// written value may collide in (NULLS NOT DISTINCT for NULL, any for a default), and keys
// that reference a written column (their ON UPDATE actions and checks). One reason per
// key and cause, for keys that reach rows (rowsByKey); empty when there is nothing to fear.
Result<QStringList> unpredictedWrites(const QSqlDatabase &db, const Catalog &catalog,
                                      const std::vector<const ForeignKey *> &keys,
                                      const QHash<qint64, qint64> &rowsByKey);

} // namespace fkscope
