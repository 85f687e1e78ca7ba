#pragma once

#include "catalog/Catalog.h"
#include "util/Result.h"

#include <QHash>
#include <QPair>
#include <QSet>

class QSqlDatabase;

namespace fkscope {

// The base type of every column (a domain counts as the type it is over), to tell which
// columns a foreign key could join: PostgreSQL needs an equality operator of the referenced
// key's operator family between them.
class ColumnTypes {
public:
    static Result<ColumnTypes> load(const QSqlDatabase &db);

    // The base type's oid, or 0 when the column is unknown.
    qint64 baseType(const Table &table, const Column &column) const;
    // Equal base types, or both integers (smallint, integer, bigint), or both strings (text,
    // varchar, char): the pairs PostgreSQL's btree families compare without a cast.
    bool comparable(const Table &child, const Column &childColumn, const Table &parent, const Column &parentColumn) const;
    // A column that is read and whose type has btree equality, other than the types no key
    // is made of: boolean, json, jsonb, xml, floating point.
    bool canReference(const Table &table, const Column &column) const;

private:
    QHash<QPair<qint64, int>, qint64> m_baseTypes;  // (table oid, attnum) -> base type oid
    QSet<QPair<qint64, int>> m_unkeyable;           // columns of a type without btree equality
};

} // namespace fkscope
