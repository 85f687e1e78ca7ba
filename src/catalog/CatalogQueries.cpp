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
       a.attnum::int,
       a.attname::text,
       format_type(a.atttypid, a.atttypmod),
       -- A domain's NOT NULL (anywhere down its chain of base types) forbids NULL as
       -- surely as the column's own: ON DELETE SET NULL into it fails with 23502.
       NOT a.attnotnull AND NOT coalesce(
           CASE WHEN ty.typtype = 'd' THEN (
               WITH RECURSIVE chain(oid, not_null, base, kind) AS (
                   SELECT ty.oid, ty.typnotnull, ty.typbasetype, ty.typtype
                 UNION ALL
                   SELECT b.oid, b.typnotnull, b.typbasetype, b.typtype
                     FROM pg_type b JOIN chain ON b.oid = chain.base
                    WHERE chain.kind = 'd')
               SELECT bool_or(not_null) FROM chain)
           END, false),
       a.attidentity::text,
       a.attgenerated::text,
       -- A column default cannot refer to columns, so it needs no deparse context (which
       -- costs more than the rest of this query on a schema of thousands of tables);
       -- a generation expression does.
       -- Without a default of its own, a column of a domain takes the nearest domain
       -- default down the chain of base types (what INSERT and ON DELETE SET DEFAULT write).
       CASE WHEN a.attgenerated = '' THEN coalesce(pg_get_expr(d.adbin, 0),
                CASE WHEN ty.typtype = 'd' AND d.adbin IS NULL AND a.attidentity = '' THEN (
                    WITH RECURSIVE chain(depth, def, base, kind) AS (
                        SELECT 0, ty.typdefault, ty.typbasetype, ty.typtype
                      UNION ALL
                        SELECT chain.depth + 1, b.typdefault, b.typbasetype, b.typtype
                          FROM pg_type b JOIN chain ON b.oid = chain.base
                         WHERE chain.kind = 'd' AND chain.def IS NULL)
                    SELECT def FROM chain WHERE def IS NOT NULL ORDER BY depth LIMIT 1)
                END)
            ELSE pg_get_expr(d.adbin, d.adrelid) END
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_type ty ON ty.oid = a.atttypid
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
       (i.indkey::int2[])[0:i.indnkeyatts - 1]::text
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_class c ON c.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_constraint con
         ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u')
 WHERE i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL AND %2
 ORDER BY i.indrelid, NOT i.indisprimary, coalesce(con.conname, ic.relname) COLLATE "C"
)SQL")
        .arg(QLatin1String(nullsNotDistinct), QLatin1String(userTables));
}

QString foreignKeys(int serverVersion)
{
    // Constraints with a conparentid are the copies PostgreSQL keeps on each partition of a
    // partitioned child or parent; the key is shown once, on the partitioned table.
    // Columns come as attnum arrays ("{3,1}") and are named from the columns already read:
    // looking the names up here costs more than the rest of the catalog together.
    // SET NULL (columns) / SET DEFAULT (columns) arrived in PostgreSQL 15.
    const char *setColumns = serverVersion >= 150000 ? "con.confdelsetcols::text" : "NULL::text";
    return QStringLiteral(R"SQL(
SELECT con.oid::bigint,
       con.conname::text,
       con.conrelid::bigint,
       quote_ident(cn.nspname) || '.' || quote_ident(cc.relname) AS child,
       con.confrelid::bigint,
       quote_ident(pn.nspname) || '.' || quote_ident(pc.relname) AS parent,
       con.conkey::text,
       con.confkey::text,
       con.confdeltype::text,
       con.confupdtype::text,
       con.confmatchtype::text,
       con.condeferrable,
       con.condeferred,
       con.convalidated,
       %1,
       pg_get_constraintdef(con.oid),
       -- The key's ON DELETE trigger on the referenced table: PostgreSQL fires the triggers
       -- of one deleted row in name order.
       (SELECT min(tg.tgname COLLATE "C") FROM pg_trigger tg
         WHERE tg.tgconstraint = con.oid AND tg.tgrelid = con.confrelid AND (tg.tgtype & 8) <> 0)::text
  FROM pg_constraint con
  JOIN pg_class cc ON cc.oid = con.conrelid
  JOIN pg_namespace cn ON cn.oid = cc.relnamespace
  JOIN pg_class pc ON pc.oid = con.confrelid
  JOIN pg_namespace pn ON pn.oid = pc.relnamespace
 WHERE con.contype = 'f' AND con.conparentid = 0
 ORDER BY cn.nspname COLLATE "C", cc.relname COLLATE "C", con.conname COLLATE "C", con.oid
)SQL").arg(QLatin1String(setColumns));
}

QStringList all(int serverVersion)
{
    return {tables(), columns(), uniqueKeys(serverVersion), foreignKeys(serverVersion)};
}

} // namespace fkscope::CatalogQueries
