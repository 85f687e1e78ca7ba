#include "catalog/CatalogQueries.h"

namespace fkscope::CatalogQueries {

namespace {

// The relations fkscope shows: ordinary and partitioned tables outside the system schemas.
// Temporary tables (pg_temp_N) are kept: their keys are in pg_constraint like any other.
const char *const userTables = R"SQL(
    c.relkind IN ('r', 'p')
    AND n.nspname <> 'information_schema'
    AND n.nspname <> 'pg_catalog'
    AND n.nspname NOT LIKE 'pg\_toast%'
)SQL";

// The names of an attnum array's columns, as a JSON array in the array's order.
QString columnNames(const char *attnums, const char *relation, const char *extraCondition = "")
{
    return QStringLiteral(R"SQL(
        (SELECT json_agg(a.attname ORDER BY k.ord)
           FROM unnest(%1) WITH ORDINALITY AS k(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = %2 AND a.attnum = k.attnum
          WHERE true %3)::text)SQL")
        .arg(QLatin1String(attnums), QLatin1String(relation), QLatin1String(extraCondition));
}

} // namespace

QString tables()
{
    return QStringLiteral(R"SQL(
SELECT c.oid::bigint,
       n.nspname::text,
       c.relname::text,
       quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS qualified_name,
       c.relkind::text,
       (SELECT quote_ident(pn.nspname) || '.' || quote_ident(pc.relname)
          FROM pg_inherits i
          JOIN pg_class pc ON pc.oid = i.inhparent
          JOIN pg_namespace pn ON pn.oid = pc.relnamespace
         WHERE i.inhrelid = c.oid AND c.relispartition) AS partition_of,
       (SELECT json_agg(quote_ident(pn.nspname) || '.' || quote_ident(pc.relname) ORDER BY i.inhseqno)
          FROM pg_inherits i
          JOIN pg_class pc ON pc.oid = i.inhparent
          JOIN pg_namespace pn ON pn.oid = pc.relnamespace
         WHERE i.inhrelid = c.oid AND NOT c.relispartition)::text AS inherits,
       c.relpersistence = 't' AS temporary,
       c.reltuples::float8,
       c.relrowsecurity,
       c.relforcerowsecurity
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE %1
 ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
)SQL").arg(QLatin1String(userTables));
}

QString columns()
{
    return QStringLiteral(R"SQL(
SELECT a.attrelid::bigint,
       a.attname::text,
       format_type(a.atttypid, a.atttypmod),
       NOT a.attnotnull,
       a.attidentity::text,
       a.attgenerated::text,
       pg_get_expr(d.adbin, d.adrelid)
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE a.attnum > 0 AND NOT a.attisdropped AND %1
 ORDER BY a.attrelid, a.attnum
)SQL").arg(QLatin1String(userTables));
}

QString uniqueKeys(int serverVersion)
{
    // NULLS NOT DISTINCT arrived in PostgreSQL 15.
    const char *nullsNotDistinct = serverVersion >= 150000 ? "i.indnullsnotdistinct" : "false";
    return QStringLiteral(R"SQL(
SELECT i.indrelid::bigint,
       coalesce(con.conname, ic.relname)::text AS key_name,
       i.indisprimary,
       con.oid IS NOT NULL,
       %1,
       %2
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_class c ON c.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_constraint con
         ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u')
 WHERE i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL AND %3
 ORDER BY i.indrelid, NOT i.indisprimary, coalesce(con.conname, ic.relname) COLLATE "C"
)SQL")
        .arg(QLatin1String(nullsNotDistinct),
             columnNames("i.indkey::int2[]", "i.indrelid", "AND k.ord <= i.indnkeyatts"),
             QLatin1String(userTables));
}

QString foreignKeys(int serverVersion)
{
    // Constraints with a conparentid are the copies PostgreSQL keeps on each partition of a
    // partitioned child or parent; the key is shown once, on the partitioned table.
    // SET NULL (columns) / SET DEFAULT (columns) arrived in PostgreSQL 15.
    QString setColumns = serverVersion >= 150000 ? columnNames("con.confdelsetcols", "con.conrelid")
                                                 : QStringLiteral("NULL::text");
    return QStringLiteral(R"SQL(
SELECT con.oid::bigint,
       con.conname::text,
       con.conrelid::bigint,
       quote_ident(cn.nspname) || '.' || quote_ident(cc.relname) AS child,
       con.confrelid::bigint,
       quote_ident(pn.nspname) || '.' || quote_ident(pc.relname) AS parent,
       %1,
       %2,
       con.confdeltype::text,
       con.confupdtype::text,
       con.confmatchtype::text,
       con.condeferrable,
       con.condeferred,
       con.convalidated,
       %3,
       pg_get_constraintdef(con.oid)
  FROM pg_constraint con
  JOIN pg_class cc ON cc.oid = con.conrelid
  JOIN pg_namespace cn ON cn.oid = cc.relnamespace
  JOIN pg_class pc ON pc.oid = con.confrelid
  JOIN pg_namespace pn ON pn.oid = pc.relnamespace
 WHERE con.contype = 'f' AND con.conparentid = 0
 ORDER BY cn.nspname COLLATE "C", cc.relname COLLATE "C", con.conname COLLATE "C", con.oid
)SQL")
        .arg(columnNames("con.conkey", "con.conrelid"), columnNames("con.confkey", "con.confrelid"),
             setColumns);
}

QStringList all(int serverVersion)
{
    return {tables(), columns(), uniqueKeys(serverVersion), foreignKeys(serverVersion)};
}

} // namespace fkscope::CatalogQueries
