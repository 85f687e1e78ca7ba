#pragma once

#include "TestDatabase.h"

#include "catalog/CatalogLoader.h"
#include "db/Connection.h"

#include <memory>

namespace fkscope::test {

// The test database's catalog as the window's session would hold it; a test cannot go on
// without it, so a failure ends the test run with PostgreSQL's message.
inline std::shared_ptr<const Catalog> catalogOf(const TestDatabase &db)
{
    auto connection = Connection::open(db.connInfo());
    if (!connection)
        qFatal("%s", qPrintable(connection.error().message));
    auto catalog = CatalogLoader(*connection.value()).load();
    if (!catalog)
        qFatal("%s", qPrintable(catalog.error().message));
    return std::make_shared<const Catalog>(catalog.take());
}

} // namespace fkscope::test
