#pragma once

#include "catalog/Catalog.h"
#include "impact/DeleteImpact.h"
#include "impact/RootRows.h"
#include "script/SqlScript.h"
#include "util/Result.h"

namespace fkscope {

class Connection;
class LibpqSession;
class ScriptSink;
struct ClosureRows;
struct CopyTable;

struct InsertScriptOptions {
    bool withDependents = false;      // also every row that references the selection
    bool onConflictDoNothing = false; // skip rows whose key the target already has
    bool rowPerInsert = false;        // one INSERT per row instead of one per table
};

// Writes the script that inserts the selected rows and every row they reference, parents
// first, so that it loads into an empty database with the same schema without error 23503.
// Reads in one READ ONLY, REPEATABLE READ transaction: the closure is found on the server
// (RowClosureQuery) and kept as row names only (ClosureRows), the tables are ordered by their
// keys, and then each table's rows are read, every value quoted by the server from its own
// text output, and handed to the sink as they arrive: no table's rows are held in memory.
class InsertScriptWriter {
public:
    InsertScriptWriter(Connection &connection, const Catalog &catalog) : m_connection(connection), m_catalog(catalog) {}

    void setOptions(const InsertScriptOptions &options) { m_options = options; }

    // Streams the script into sink. A script that cannot be written safely (rows that
    // reference nothing through a NOT VALID key) is a refusal given to the sink, not an error.
    Status write(const DeleteRoot &rows, ScriptSink &sink);
    // The whole script as one value, for the window and a dry run.
    Result<SqlScript> write(const DeleteRoot &rows);

private:
    Status writeInSnapshot(LibpqSession &source, const RootRows &selection, ScriptSink &sink);
    QStringList header(const RootRows &selection, const std::vector<CopyTable> &tables,
                       const QStringList &about) const;
    QString orphanRefusal(const ClosureRows &rows) const;
    Result<std::vector<std::pair<QByteArray, QByteArray>>> selfReferences(LibpqSession &source,
                                                                          const RootRows &selection,
                                                                          const std::vector<const ForeignKey *> &keys) const;

    Connection &m_connection;
    const Catalog &m_catalog;
    InsertScriptOptions m_options;
};

} // namespace fkscope
