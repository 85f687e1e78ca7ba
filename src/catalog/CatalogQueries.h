#pragma once

#include <QString>
#include <QStringList>

namespace fkscope::CatalogQueries {

// The SQL that reads the catalog, kept together. They read pg_catalog, never
// information_schema: its constraint views join on constraint names, which PostgreSQL lets
// several tables share. All serve PostgreSQL 12 and later; serverVersion picks the variants.

QString tables();
QString columns();
QString uniqueKeys(int serverVersion);
QString foreignKeys(int serverVersion);

// Every query above, for a test that PREPAREs them all.
QStringList all(int serverVersion);

} // namespace fkscope::CatalogQueries
