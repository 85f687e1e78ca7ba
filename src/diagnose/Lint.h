#pragma once

#include "catalog/Catalog.h"
#include "util/Result.h"

#include <vector>

namespace fkscope {

class Connection;

struct LintFinding {
    QString kind;        // "unindexed_key", "not_valid", "type_mismatch", "blocks_every_delete"
    QString table;       // the table it is about
    QString constraint;  // empty for findings about a table
    QString message;
    QString fix;         // SQL, or empty
    // unindexed_key: the CREATE INDEX that serves this key. Keys sharing columns share one
    // index, and only the first of them carries it as its fix.
    QString index;
};

// Schema findings around foreign keys: keys whose child columns no index starts with (every
// DELETE of a parent then scans the child table), NOT VALID keys, keys between columns of
// different types, and tables that no row can leave while referenced (every key into them
// blocks).
class Linter {
public:
    Linter(Connection &connection, const Catalog &catalog) : m_connection(connection), m_catalog(catalog) {}

    Result<std::vector<LintFinding>> lint();

private:
    Connection &m_connection;
    const Catalog &m_catalog;
};

} // namespace fkscope
