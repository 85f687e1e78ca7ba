#include "infer/ColumnTypes.h"

#include "db/SqlQuery.h"

namespace fkscope {

namespace {

// Oids fixed by PostgreSQL's pg_type.dat (the same in every version).
enum TypeOid : qint64 {
    Bool = 16, Int8 = 20, Int2 = 21, Int4 = 23, Text = 25, Json = 114, Xml = 142, Float4 = 700, Float8 = 701,
    Bpchar = 1042, Varchar = 1043, Jsonb = 3802,
};

int family(qint64 type)
{
    switch (type) {
    case Int2: case Int4: case Int8: return 1;
    case Text: case Varchar: case Bpchar: return 2;
    default: return 0;
    }
}

// Every user column the session may read, with its base type (a domain's, followed down
// through domains over domains) and whether a key could be made of it: a default btree
// operator class for the type (varchar borrows text's, an enum anyenum's). A column that may
// not be read is left out, so no check fails on it. Serves PostgreSQL 12 and later.
const char *const columnTypesQuery = R"SQL(
WITH RECURSIVE base(type_oid, base_oid) AS (
    SELECT t.oid, t.oid FROM pg_type t WHERE t.typtype <> 'd'
    UNION ALL
    SELECT d.oid, b.base_oid FROM pg_type d JOIN base b ON b.type_oid = d.typbasetype WHERE d.typtype = 'd'
)
SELECT a.attrelid::bigint, a.attnum::int, b.base_oid::bigint,
       bt.typtype = 'e' OR b.base_oid = 'varchar'::regtype
       OR EXISTS (SELECT FROM pg_opclass o WHERE o.opcmethod = (SELECT oid FROM pg_am WHERE amname = 'btree') AND o.opcdefault
                                           AND o.opcintype = b.base_oid)
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN base b ON b.type_oid = a.atttypid
  JOIN pg_type bt ON bt.oid = b.base_oid
 WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
   AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
   AND has_schema_privilege(n.oid, 'USAGE') AND has_column_privilege(a.attrelid, a.attnum, 'SELECT')
)SQL";

} // namespace

Result<ColumnTypes> ColumnTypes::load(const QSqlDatabase &db)
{
    auto query = runQuery(db, QString::fromLatin1(columnTypesQuery));
    if (!query)
        return query.error();
    ColumnTypes types;
    while (query->next()) {
        const QPair<qint64, int> column{query->value(0).toLongLong(), query->value(1).toInt()};
        types.m_baseTypes.insert(column, query->value(2).toLongLong());
        if (!query->value(3).toBool())
            types.m_unkeyable.insert(column);
    }
    return types;
}

qint64 ColumnTypes::baseType(const Table &table, const Column &column) const
{
    return m_baseTypes.value({table.oid, column.number}, 0);
}

bool ColumnTypes::comparable(const Table &child, const Column &childColumn, const Table &parent,
                             const Column &parentColumn) const
{
    const qint64 a = baseType(child, childColumn);
    const qint64 b = baseType(parent, parentColumn);
    if (a == 0 || b == 0)
        return false;
    return a == b || (family(a) != 0 && family(a) == family(b));
}

bool ColumnTypes::canReference(const Table &table, const Column &column) const
{
    const qint64 type = baseType(table, column);
    if (m_unkeyable.contains({table.oid, column.number}))
        return false;
    return type != 0 && type != Bool && type != Json && type != Jsonb && type != Xml && type != Float4 && type != Float8;
}

} // namespace fkscope
