#include "impact/DeleteImpactQuery.h"

#include "catalog/Identifier.h"
#include "impact/ImpactSql.h"
#include "impact/LayeredImpactQuery.h"
#include "impact/TableHierarchy.h"

#include <QSet>

#include <deque>

namespace fkscope {

// SET DEFAULT to a NULL default is SET NULL.
bool leavesFullKeyHalfNull(const ForeignKey &key, const Table &child)
{
    if (key.match != FkMatch::Full || key.onDeleteSetColumns.isEmpty()
        || key.onDeleteSetColumns.size() >= key.childColumns.size())
        return false;
    if (key.onDelete == FkAction::SetNull)
        return true;
    if (key.onDelete != FkAction::SetDefault)
        return false;
    for (const QString &name : key.onDeleteSetColumns) {
        const Column *column = child.column(name);
        if (!column || !column->defaultExpression.isEmpty())
            return false;
    }
    return true;
}

// SET NULL on a NOT NULL column, or SET DEFAULT on a NOT NULL column without a default.
QString nullIntoNotNullColumn(const ForeignKey &key, const Table &child)
{
    if (key.onDelete != FkAction::SetNull && key.onDelete != FkAction::SetDefault)
        return {};
    for (const QString &name : key.onDeleteSetColumns.isEmpty() ? key.childColumns : key.onDeleteSetColumns) {
        const Column *column = child.column(name);
        if (column && !column->nullable
            && (key.onDelete == FkAction::SetNull || column->defaultExpression.isEmpty()))
            return name;
    }
    return {};
}

namespace {

char fateOf(const ForeignKey &key, const Table &child)
{
    if (leavesFullKeyHalfNull(key, child))
        return 'b';
    switch (key.onDelete) {
    case FkAction::Cascade: return 'd';
    case FkAction::SetNull: return 'n';
    case FkAction::SetDefault: return 's';
    default: return 'b';  // NO ACTION and RESTRICT: the row blocks
    }
}

} // namespace

DeleteImpactQuery::DeleteImpactQuery(const Catalog &catalog, const Table &root, QString rootCondition)
    : m_catalog(catalog), m_root(root), m_rootCondition(std::move(rootCondition))
{
    // Which keys fire: those referencing a table whose rows are deleted, followed down
    // through cascades. Rows reached through SET NULL, SET DEFAULT or a blocking key are not
    // deleted, so the walk stops there.
    const TableHierarchy hierarchy(catalog);
    QHash<qint64, std::vector<const ForeignKey *>> keysByParent;
    for (const ForeignKey &k : catalog.foreignKeys)
        keysByParent[k.parentOid].push_back(&k);

    QSet<qint64> seenKeys;
    QSet<qint64> seenStorage;
    std::deque<qint64> storageToVisit;
    for (qint64 oid : hierarchy.storageWithInheritance(root.oid))
        storageToVisit.push_back(oid);
    while (!storageToVisit.empty()) {
        const qint64 storage = storageToVisit.front();
        storageToVisit.pop_front();
        if (seenStorage.contains(storage))
            continue;
        seenStorage.insert(storage);
        for (qint64 referenced : hierarchy.selfAndPartitionAncestors(storage)) {
            for (const ForeignKey *k : keysByParent.value(referenced)) {
                if (seenKeys.contains(k->oid))
                    continue;
                seenKeys.insert(k->oid);
                m_keys.push_back(k);
                if (k->onDelete == FkAction::Cascade) {
                    for (qint64 oid : hierarchy.storage(k->childOid))
                        storageToVisit.push_back(oid);
                }
            }
        }
    }
}

std::vector<const Table *> DeleteImpactQuery::tables() const
{
    std::vector<const Table *> result{&m_root};
    QSet<qint64> seen{m_root.oid};
    for (const ForeignKey *k : m_keys) {
        for (qint64 oid : {k->parentOid, k->childOid}) {
            if (!seen.contains(oid)) {
                seen.insert(oid);
                if (const Table *t = m_catalog.table(oid))
                    result.push_back(t);
            }
        }
    }
    return result;
}

QString DeleteImpactQuery::branch(const ForeignKey &key) const
{
    const Table *parent = m_catalog.table(key.parentOid);
    const Table *child = m_catalog.table(key.childOid);
    QStringList join;
    for (int i = 0; i < key.childColumns.size(); ++i) {
        join << QStringLiteral("c.%1 = p.%2").arg(quoteIdentifier(key.childColumns[i]),
                                                  quoteIdentifier(key.parentColumns[i]));
    }
    // MATCH SIMPLE and FULL alike: a child row with a NULL in the key references nothing,
    // and an equality join never matches NULL.
    return QStringLiteral(
               "      SELECT c.tableoid, c.ctid, '%1'::text, %2::oid, r.rel, r.tid\n"
               "        FROM %3 p JOIN %4 c ON %5\n"
               "       WHERE r.rel IN (%6) AND p.tableoid = r.rel AND p.ctid = r.tid")
        .arg(QLatin1Char(fateOf(key, *child)))
        .arg(key.oid)
        .arg(relationReference(*parent), relationReference(*child), join.join(QStringLiteral(" AND ")),
             oidList(TableHierarchy(m_catalog).storage(parent->oid)));
}

QString DeleteImpactQuery::reachedRows() const
{
    QString sql = QStringLiteral(
                      "reached(rel, tid, fate, via, prel, ptid) AS (\n"
                      "    SELECT t.tableoid, t.ctid, 'd'::text, 0::oid, 0::oid, NULL::tid\n"
                      "      FROM %1 t\n"
                      "     WHERE %2\n")
                      .arg(quoteQualified(m_root.schema, m_root.name), m_rootCondition);
    if (m_keys.empty())
        return sql + QStringLiteral(")");
    QStringList branches;
    for (const ForeignKey *k : m_keys)
        branches << branch(*k);
    // UNION, not UNION ALL: a row reached again the same way is not expanded again, which
    // ends the walk on cycles of keys and of rows.
    return sql
        + QStringLiteral("  UNION\n"
                         "    SELECT n.* FROM reached r CROSS JOIN LATERAL (\n%1\n    ) n\n"
                         "     WHERE r.fate = 'd'\n)")
              .arg(branches.join(QStringLiteral("\n      UNION ALL\n")));
}

QString DeleteImpactQuery::invalidDefaults() const
{
    // SET DEFAULT writes the defaults into the child row, and PostgreSQL then checks the new
    // key like any other: it must reference a row that is still there after the DELETE (or
    // contain a NULL, as MATCH SIMPLE allows; MATCH FULL only an all-NULL key). Such rows
    // are returned as blocking rows of the key.
    QString sql;
    for (const ForeignKey *k : m_keys) {
        if (const QString column = nullIntoNotNullColumn(*k, *m_catalog.table(k->childOid)); !column.isEmpty()) {
            // The new NULL violates the column's NOT NULL: the DELETE fails on any such row
            // that is not deleted anyway.
            sql += QStringLiteral(R"SQL(
    UNION ALL
    SELECT r.via, r.rel, r.tid
      FROM reached r
     WHERE r.via = %1 AND r.fate IN ('n', 's')
       AND NOT EXISTS (SELECT FROM per_row pr WHERE pr.rel = r.rel AND pr.tid = r.tid AND pr.deleted))SQL")
                       .arg(k->oid);
            continue;
        }
        if (k->onDelete != FkAction::SetDefault)
            continue;
        const Table *child = m_catalog.table(k->childOid);
        const Table *parent = m_catalog.table(k->parentOid);
        QStringList newKey, parentKey, nulls;
        for (int i = 0; i < k->childColumns.size(); ++i) {
            const QString &name = k->childColumns[i];
            const Column *column = child->column(name);
            const bool set = k->onDeleteSetColumns.isEmpty() || k->onDeleteSetColumns.contains(name);
            const QString defaultValue = column->defaultExpression.isEmpty() ? QStringLiteral("NULL")
                                                                             : column->defaultExpression;
            const QString value = set ? QStringLiteral("CAST((%1) AS %2)").arg(defaultValue, column->type)
                                      : QStringLiteral("c.%1").arg(quoteIdentifier(name));
            newKey << value;
            parentKey << QStringLiteral("p.%1").arg(quoteIdentifier(k->parentColumns[i]));
            nulls << QStringLiteral("%1 IS NULL").arg(value);
        }
        const QString anyNull = QStringLiteral("(%1)").arg(nulls.join(QStringLiteral(" OR ")));
        const QString allNull = QStringLiteral("(%1)").arg(nulls.join(QStringLiteral(" AND ")));
        const QString referencesNothing = k->match == FkMatch::Full ? allNull : anyNull;
        sql += QStringLiteral(R"SQL(
    UNION ALL
    SELECT r.via, r.rel, r.tid
      FROM reached r JOIN %1 c ON c.tableoid = r.rel AND c.ctid = r.tid
     WHERE r.via = %2 AND r.fate = 's'
       AND NOT EXISTS (SELECT FROM per_row pr WHERE pr.rel = r.rel AND pr.tid = r.tid AND pr.deleted)
       AND NOT %3
       AND (%4 OR NOT EXISTS (
               SELECT FROM %5 p
                WHERE (%6) = (%7)
                  AND NOT EXISTS (SELECT FROM per_row d WHERE d.rel = p.tableoid AND d.tid = p.ctid AND d.deleted))))SQL")
                   .arg(relationReference(*child))
                   .arg(k->oid)
                   .arg(referencesNothing, anyNull, relationReference(*parent), parentKey.join(QStringLiteral(", ")),
                        newKey.join(QStringLiteral(", ")));
    }
    return sql;
}

QString DeleteImpactQuery::sql(const QHash<qint64, QString> &triggerNames, bool generalOnly) const
{
    if (!generalOnly) {
        if (auto layered = layeredImpactSql(m_catalog, m_root, m_rootCondition, m_keys))
            return *layered;
    }

    // Root rows count for the table that stores them: a DELETE on a table with INHERITS
    // children removes their rows too. Partitions count for the partitioned table.
    QStringList names;
    const TableHierarchy hierarchy(m_catalog);
    for (qint64 storage : hierarchy.storageWithInheritance(m_root.oid)) {
        const Table *owner = m_catalog.table(storage);
        while (owner && owner->oid != m_root.oid && !owner->partitionOf.isEmpty())
            owner = m_catalog.table(owner->partitionOf);
        names << QStringLiteral("(0::oid, %1::oid, %2)").arg(storage).arg(quoteLiteral(owner ? owner->qualifiedName : m_root.qualifiedName));
    }
    QStringList triggers{QStringLiteral("(0::oid, ''::text)")};
    QStringList deferred{QStringLiteral("0")};
    for (const ForeignKey *k : m_keys) {
        names << QStringLiteral("(%1::oid, NULL::oid, %2)").arg(k->oid).arg(quoteLiteral(k->child));
        triggers << QStringLiteral("(%1::oid, %2)").arg(k->oid).arg(quoteLiteral(triggerNames.value(k->oid)));
        // A deferred NO ACTION key is checked at COMMIT, after every cascade has run.
        if (k->initiallyDeferred && k->onDelete == FkAction::NoAction)
            deferred << QString::number(k->oid);
    }

    return QStringLiteral(R"SQL(WITH RECURSIVE %1,
names(via, rel, name) AS (VALUES %2),
triggers(via, name) AS (VALUES %3),
per_row AS (
    SELECT r.rel, r.tid, bool_or(r.fate = 'd') AS deleted, bool_or(r.fate IN ('n', 's')) AS updated,
           min(n.name COLLATE "C") AS name
      FROM reached r JOIN names n ON n.via = r.via AND (n.rel IS NULL OR n.rel = r.rel)
     GROUP BY r.rel, r.tid),
-- A blocking row stops the DELETE unless it is gone when its key is checked. A deferred key is
-- checked at COMMIT, after every cascade. An immediate one is checked when its trigger fires
-- for the parent row, after the statement that deleted the parent row has deleted all its rows,
-- and after the triggers on the same parent row whose names sort before it.
gone_before_check AS (
    SELECT b.via, b.rel, b.tid, b.prel, b.ptid
      FROM reached b JOIN reached d ON d.rel = b.rel AND d.tid = b.tid AND d.fate = 'd'
     WHERE b.fate = 'b'
       AND (d.via = 0
            OR EXISTS (SELECT FROM reached p
                        WHERE p.rel = b.prel AND p.tid = b.ptid AND p.fate = 'd' AND p.via = d.via
                          AND p.prel = d.prel AND p.ptid IS NOT DISTINCT FROM d.ptid)
            OR (d.prel = b.prel AND d.ptid = b.ptid
                AND (SELECT name FROM triggers WHERE via = d.via) COLLATE "C"
                  < (SELECT name FROM triggers WHERE via = b.via) COLLATE "C"))),
blocking AS (
    SELECT b.via, b.rel, b.tid
      FROM reached b
     WHERE b.fate = 'b'
       AND NOT (b.via IN (%4) AND EXISTS (
               SELECT FROM per_row pr WHERE pr.rel = b.rel AND pr.tid = b.tid AND pr.deleted))
       AND NOT EXISTS (
               SELECT FROM gone_before_check g
                WHERE g.via = b.via AND g.rel = b.rel AND g.tid = b.tid
                  AND g.prel = b.prel AND g.ptid = b.ptid)%5)
SELECT 'root', '', count(*) FROM reached WHERE via = 0
UNION ALL
SELECT 'deleted', name, count(*) FROM per_row WHERE deleted GROUP BY name
UNION ALL
SELECT 'updated', name, count(*) FROM per_row WHERE updated AND NOT deleted GROUP BY name
UNION ALL
SELECT 'blocked', via::text, count(DISTINCT (rel, tid)) FROM blocking GROUP BY via
UNION ALL
SELECT 'edge', via::text, count(DISTINCT (rel, tid)) FROM reached WHERE via <> 0 GROUP BY via
ORDER BY 1, 2
)SQL")
        .arg(reachedRows(), names.join(QStringLiteral(", ")), triggers.join(QStringLiteral(", ")),
             deferred.join(QStringLiteral(", ")), invalidDefaults());
}

} // namespace fkscope
