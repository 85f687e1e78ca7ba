#pragma once

#include "catalog/Catalog.h"
#include "copy/ClosureRows.h"
#include "copy/CopyPlan.h"
#include "util/Result.h"

#include <QByteArrayView>
#include <QHash>

#include <functional>
#include <vector>

namespace fkscope {

class LibpqSession;

// Reads the rows of an insert script's tables as VALUES tuples, "(1, 'x'::text, NULL)",
// every value quoted by the server from its own text output (quote_literal) and cast to its
// column's type. The rows stream back with COPY and are handed on one at a time, so no
// table's rows are held in memory. Expects the session settings that make text output
// exact (InsertScriptWriter sets them).
class InsertValuesReader {
public:
    InsertValuesReader(LibpqSession &source, const Catalog &catalog) : m_source(source), m_catalog(catalog) {}

    // Fills in every table's columns (all but generated ones, in table order), whether it
    // has an identity column, and which columns have a sequence to move on.
    Status readColumns(std::vector<CopyTable> &tables);

    // Each row of table: its VALUES tuple and its name "storage oid:ctid" (as the closure
    // query names rows), in primary key order per storage. row() returns false to stop.
    using RowHandler = std::function<bool(QByteArrayView tuple, QByteArrayView rowName)>;
    Status read(const CopyTable &table, const ClosureRows &rows, const RowHandler &row);

private:
    QByteArray tupleExpression(const CopyTable &table) const;

    LibpqSession &m_source;
    const Catalog &m_catalog;
    QHash<qint64, QStringList> m_types;  // table oid -> format_type() of each column
};

// One field of a COPY text line, its escapes undone (\\, \n, \t, …, octal and hex).
QByteArray copyTextField(QByteArrayView field);

} // namespace fkscope
