#pragma once

// Running SQL inside the core library. Not for ui/: it cannot include QtSql.

#include "util/Result.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariantList>

namespace fkscope {

// PostgreSQL's message and SQLSTATE from a failed statement, as one line.
Error queryError(const QSqlError &error);

// Runs sql with positional parameters ($1 is written '?'), forward-only.
Result<QSqlQuery> runQuery(const QSqlDatabase &db, const QString &sql, const QVariantList &parameters = {});

} // namespace fkscope
