#include "impact/UnpredictedWrites.h"

#include "catalog/Identifier.h"
#include "db/SqlQuery.h"
#include "impact/DeleteImpactQuery.h"

namespace fkscope {

namespace {

QString actionName(const ForeignKey &key)
{
    return key.onDelete == FkAction::SetNull ? QStringLiteral("SET NULL") : QStringLiteral("SET DEFAULT");
}

} // namespace

Result<QStringList> unpredictedWrites(const QSqlDatabase &db, const Catalog &catalog,
                                      const std::vector<const ForeignKey *> &keys,
                                      const QHash<qint64, qint64> &rowsByKey)
{
    QStringList reasons;
    QStringList written;  // (key, relation, attnum, sets NULL)
    QHash<qint64, const ForeignKey *> keyByOid;
    for (const ForeignKey *k : keys) {
        const QStringList columns = writtenColumns(*k);
        if (columns.isEmpty() || rowsByKey.value(k->oid) == 0)
            continue;
        keyByOid.insert(k->oid, k);
        const Table *child = catalog.table(k->childOid);
        for (const QString &name : columns) {
            if (const Column *column = child->column(name)) {
                written << QStringLiteral("(%1::oid, %2::oid, %3::int2, %4)")
                               .arg(k->oid)
                               .arg(child->oid)
                               .arg(column->number)
                               .arg(k->onDelete == FkAction::SetNull ? QStringLiteral("true") : QStringLiteral("false"));
            }
        }
        // The written column is a referenced one: its referencing rows see an UPDATE of
        // their parent, with ON UPDATE actions of their own.
        for (const ForeignKey &other : catalog.foreignKeys) {
            if (other.parentOid != k->childOid || other.isVirtual)
                continue;
            for (const QString &name : other.parentColumns) {
                if (columns.contains(name)) {
                    reasons << QStringLiteral("%1 by %2 changes %3.%4, which key %5 of %6 references (ON UPDATE "
                                              "%7); fkscope does not follow what that update does")
                                   .arg(actionName(*k), k->name, k->child, quoteIdentifier(name), other.name, other.child,
                                        toString(other.onUpdate).toUpper());
                    break;
                }
            }
        }
    }
    if (written.isEmpty())
        return reasons;

    // pg_index.indnullsnotdistinct arrived in PostgreSQL 15; read through to_jsonb() so the
    // query runs on older servers too.
    auto query = runQuery(db, QStringLiteral(R"SQL(
WITH w(key, rel, att, set_null) AS (VALUES %1)
SELECT DISTINCT w.key::bigint, 'CHECK constraint', con.conname::text
  FROM w JOIN pg_constraint con ON con.conrelid = w.rel AND con.contype = 'c' AND w.att = ANY(con.conkey)
UNION
SELECT DISTINCT w.key::bigint, 'domain CHECK constraint', dc.conname::text || ' of ' || format_type(ch.oid, NULL)
  FROM w JOIN pg_attribute a ON a.attrelid = w.rel AND a.attnum = w.att
  CROSS JOIN LATERAL (
      WITH RECURSIVE chain(oid) AS (
          SELECT a.atttypid
        UNION ALL
          SELECT t.typbasetype FROM pg_type t JOIN chain ON t.oid = chain.oid WHERE t.typtype = 'd')
      SELECT oid FROM chain) ch
  JOIN pg_constraint dc ON dc.contypid = ch.oid AND dc.contype = 'c'
UNION
SELECT DISTINCT w.key::bigint, 'unique index', ic.relname::text
  FROM w JOIN pg_index i ON i.indrelid = w.rel AND i.indisunique AND w.att = ANY(i.indkey::int2[])
  JOIN pg_class ic ON ic.oid = i.indexrelid
 WHERE NOT w.set_null OR coalesce((to_jsonb(i) ->> 'indnullsnotdistinct')::bool, false)
ORDER BY 1, 2, 3
)SQL").arg(written.join(QStringLiteral(", "))));
    if (!query)
        return query.error();
    while (query->next()) {
        const ForeignKey *k = keyByOid.value(query->value(0).toLongLong());
        if (!k)
            continue;
        reasons << QStringLiteral("%1 by %2 writes %3, where %4 %5 applies; fkscope does not evaluate it")
                       .arg(actionName(*k), k->name, k->child, query->value(1).toString(), query->value(2).toString());
    }
    return reasons;
}

} // namespace fkscope
