#pragma once

#include "catalog/Catalog.h"
#include "impact/DeleteImpact.h"
#include "util/Result.h"

class QIODevice;

namespace fkscope {

class Connection;

// insert-script --format copy: the rows of a closure as a psql script of COPY … FROM stdin
// blocks, written while they are read (SOURCE's COPY … TO STDOUT straight to the device), so
// no table's rows are ever held in memory. The same plan as `copy`: one transaction, parents
// first, every deferrable key deferred, tables tied by keys that cannot be deferred staged in
// TEMP tables and inserted by one statement; identity and serial sequences moved on at the end.
class CopyScriptWriter {
public:
    CopyScriptWriter(Connection &connection, const Catalog &catalog) : m_connection(connection), m_catalog(catalog) {}

    // onConflictDoNothing: every table staged, rows whose key the target has are skipped.
    Status write(const DeleteRoot &root, bool withDependents, bool onConflictDoNothing, QIODevice &out);

private:
    Connection &m_connection;
    const Catalog &m_catalog;
};

} // namespace fkscope
