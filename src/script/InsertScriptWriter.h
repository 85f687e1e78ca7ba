#pragma once

#include "catalog/Catalog.h"
#include "impact/DeleteImpact.h"
#include "impact/RootRows.h"
#include "script/ExportedRows.h"
#include "script/SqlScript.h"
#include "util/Result.h"

namespace fkscope {

class Connection;

struct InsertScriptOptions {
    bool withDependents = false;      // also every row that references the selection
    bool onConflictDoNothing = false; // skip rows whose key the target already has
    bool rowPerInsert = false;        // one INSERT per row instead of one per table
};

// Writes the script that inserts the selected rows and every row they reference, parents
// first, so that it loads into an empty database with the same schema without error 23503.
// Reads in one READ ONLY, REPEATABLE READ transaction: the closure is found on the server
// (RowClosureQuery), and every value is quoted by the server from its own text output.
class InsertScriptWriter {
public:
    InsertScriptWriter(Connection &connection, const Catalog &catalog) : m_connection(connection), m_catalog(catalog) {}

    void setOptions(const InsertScriptOptions &options) { m_options = options; }

    Result<SqlScript> write(const DeleteRoot &rows);

private:
    Result<ExportedRows> read(const RootRows &rows);
    Status readRows(ExportedRows &exported, const QHash<qint64, QStringList> &tidsByStorage);
    const Table &targetOf(qint64 storageOid) const;

    Connection &m_connection;
    const Catalog &m_catalog;
    InsertScriptOptions m_options;
};

// The script itself, from rows already read: pure text, no database.
SqlScript composeInsertScript(const Catalog &catalog, const RootRows &selection, const ExportedRows &rows,
                              const InsertScriptOptions &options);

} // namespace fkscope
