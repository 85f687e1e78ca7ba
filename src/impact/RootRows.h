#pragma once

#include "impact/DeleteImpact.h"
#include "util/Result.h"

namespace fkscope {

class Connection;

// The rows a user named with --table and --key or --where, resolved against the catalog.
struct RootRows {
    const Table *table = nullptr;
    QString condition;                      // SQL over the table's alias "t", values quoted
    QList<QPair<QString, QString>> key;     // column names as stored, values as given
    QString where;                          // the user's condition, when given instead of a key
};

// Resolves the table name as PostgreSQL would (quotes, case folding, search_path) and turns the
// key into a condition that casts each value to its column's type. Usage errors for an unknown
// table or column, a missing or doubled selection.
Result<RootRows> resolveRootRows(Connection &connection, const Catalog &catalog, const DeleteRoot &root);

// A table name resolved by the server (to_regclass) and found in the catalog.
Result<const Table *> resolveTable(Connection &connection, const Catalog &catalog, const QString &name);

} // namespace fkscope
