#pragma once

#include "catalog/Catalog.h"

#include <QJsonArray>

namespace fkscope::test {

class TestDatabase;

// The foreign keys as PostgreSQL itself lists them, read by psql with a query written apart
// from fkscope's (generate_subscripts instead of unnest, format('%I') instead of quote_ident),
// and the same fields taken from a loaded Catalog, both as sorted JSON arrays to compare.
QJsonArray foreignKeysFromServer(TestDatabase &db);
QJsonArray foreignKeysFromCatalog(const Catalog &catalog);

} // namespace fkscope::test
