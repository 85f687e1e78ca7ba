#pragma once

#include "catalog/Catalog.h"
#include "rows/RowPage.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace fkscope {

// How the rows of a table are put in a stable order for keyset paging, and what names one
// row: the primary key, else a unique key whose columns are all NOT NULL (a NULL would make
// the row comparison unknown), else the physical row address ctid.
struct RowOrderKey {
    enum class Kind { Columns, Ctid };

    Kind kind = Kind::Ctid;
    QString name;                  // the constraint or index; empty for ctid
    QStringList columns;           // Columns: the key's columns, in index order
    bool withTableOid = false;     // Ctid on a partitioned table: ctid repeats across partitions

    static RowOrderKey choose(const Table &table);
    // The parts of RowPage::rowKeys and RowCursor::key, with their SQL types.
    QStringList parts() const;
    // "primary key users_pkey (id)", "ctid: no primary or unique key"
    QString description() const;
};

// What the user asks to see of a table.
struct RowQuery {
    QString condition;             // a SQL condition on the table's columns; empty: all rows
    int sortColumn = -1;           // index into Table::columns; -1: the key's order
    bool descending = false;
};

// Builds the SELECT for one page. Pure: quoting of values is handed in, so it runs without a
// server (the loader passes Connection::quoteLiteral).
//
// Order: by the key; or, sorted by a column, by (column, key) with NULLs last ascending and
// first descending (PostgreSQL's defaults, so an index on the column serves both ways), the
// key descending too so that DESC is exactly ASC reversed.
//
// A table without a key is read in ctid order a window of blocks at a time (a TID range
// scan, PostgreSQL 14+): ORDER BY ctid over the whole table would sort all of it for the
// first page. Sorted by a column, such a table has no index to walk and is sorted whole.
class RowPageQuery {
public:
    using Quoter = std::function<QString(const QString &)>;

    RowPageQuery(const Table &table, RowQuery query, Quoter quoteLiteral);

    const RowOrderKey &key() const { return m_key; }
    bool readsBlockWindows() const;

    // Up to limit rows after `after`; in block-window mode only rows of after's window.
    // Result columns: the table's columns as text, then the key parts as text.
    QString sql(const RowCursor &after, int limit) const;
    // One row, one bigint: the table's size in blocks (its largest partition's, when partitioned).
    QString blockCountSql() const;

    int sortColumn() const { return m_query.sortColumn; }
    int columnCount() const { return int(m_table.columns.size()); }
    int keyPartCount() const { return int(m_keyTypes.size()); }

private:
    QString innerSelect() const;
    QString afterCondition(const RowCursor &after) const;
    QString keyTuple(const QString &prefix) const;
    QString keyValues(const QStringList &values) const;
    QString orderBy() const;
    QString typed(const QString &value, const QString &type) const;

    const Table &m_table;
    RowQuery m_query;
    Quoter m_quote;
    RowOrderKey m_key;
    QStringList m_keyTypes;
    QStringList m_keyExpressions;  // over the table alias t
};

} // namespace fkscope
