#pragma once

#include "catalog/Catalog.h"
#include "util/Result.h"

namespace fkscope {

class Connection;

// Reads tables, columns, unique keys and foreign keys from pg_catalog, in one read-only
// REPEATABLE READ transaction so that all four come from the same snapshot.
class CatalogLoader {
public:
    explicit CatalogLoader(Connection &connection) : m_connection(connection) {}

    Result<Catalog> load();

private:
    Connection &m_connection;
};

} // namespace fkscope
