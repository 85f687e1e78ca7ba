#include "impact/DeleteImpactQuery.h"

#include "catalog/Identifier.h"
#include "impact/ImpactSql.h"
#include "impact/LayeredImpactQuery.h"
#include "impact/TableHierarchy.h"

#include <QSet>

#include <algorithm>

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

QStringList writtenColumns(const ForeignKey &key)
{
    if (key.onDelete != FkAction::SetNull && key.onDelete != FkAction::SetDefault)
        return {};
    return key.onDeleteSetColumns.isEmpty() ? key.childColumns : key.onDeleteSetColumns;
}

bool writesKeyColumns(const Catalog &catalog, const ForeignKey &key)
{
    const QStringList written = writtenColumns(key);
    if (written.isEmpty())
        return false;
    if (key.onDelete == FkAction::SetDefault)
        return true;
    for (const ForeignKey &other : catalog.foreignKeys) {
        if (other.isVirtual)
            continue;  // PostgreSQL checks nothing against a virtual key
        if (other.childOid == key.childOid && other.oid != key.oid) {
            for (const QString &c : other.childColumns) {
                if (written.contains(c))
                    return true;
            }
        }
        if (other.parentOid == key.childOid) {
            for (const QString &c : other.parentColumns) {
                if (written.contains(c))
                    return true;
            }
        }
    }
    return false;
}

namespace {

// Whether, for one deleted parent row, the trigger of `first` runs before `second` looks at
// the row: PostgreSQL fires one row's triggers in name order, and checks a deferred NO ACTION
// key only at COMMIT, after every action.
bool actsBefore(const ForeignKey &first, const ForeignKey &second)
{
    // A virtual key is looked at once the statement is done, like a deferred one.
    if (second.isVirtual || (second.initiallyDeferred && second.onDelete == FkAction::NoAction))
        return true;
    return !first.deleteTrigger.isEmpty() && !second.deleteTrigger.isEmpty()
        && first.deleteTrigger < second.deleteTrigger;
}

char fateOf(const ForeignKey &key, const Table &child)
{
    if (key.isVirtual)
        return 'o';  // PostgreSQL neither blocks nor cascades: the row is left orphaned
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
    const auto add = [&](qint64 oid) {
        if (!seen.contains(oid)) {
            seen.insert(oid);
            if (const Table *t = m_catalog.table(oid))
                result.push_back(t);
        }
    };
    for (const ForeignKey *k : m_keys) {
        add(k->parentOid);
        add(k->childOid);
    }
    // The parents of keys that a SET NULL / SET DEFAULT makes PostgreSQL check again.
    for (const ForeignKey *k : m_keys) {
        if (writtenColumns(*k).isEmpty())
            continue;
        for (const ForeignKey &other : m_catalog.foreignKeys) {
            if (other.childOid == k->childOid)
                add(other.parentOid);
            if (other.parentOid == k->childOid)
                add(other.childOid);
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
               "       WHERE r.rel IN (%6) AND p.tableoid = r.rel AND p.ctid = r.tid%7")
        .arg(QLatin1Char(fateOf(key, *child)))
        .arg(key.oid)
        .arg(relationReference(*parent), relationReference(*child), join.join(QStringLiteral(" AND ")),
             oidList(TableHierarchy(m_catalog).storage(parent->oid)), detachedBefore(key));
}

// A key's trigger finds a child row only if it still references the deleted parent row then.
// Another key on the same columns and the same parent may have fired first for that row and
// set them NULL (or to defaults that differ): the row no longer matches, so it neither blocks
// nor cascades nor is written again. Returns conditions over the branch's "c" and "p".
QString DeleteImpactQuery::detachedBefore(const ForeignKey &key) const
{
    const Table *child = m_catalog.table(key.childOid);
    QString sql;
    for (const ForeignKey *earlier : m_keys) {
        const QStringList written = writtenColumns(*earlier);
        if (earlier->oid == key.oid || earlier->childOid != key.childOid || earlier->parentOid != key.parentOid
            || !actsBefore(*earlier, key))
            continue;
        QStringList newKey, oldKey;
        for (const QString &name : key.childColumns) {
            const Column *column = child->column(name);
            const QString old = QStringLiteral("c.%1").arg(quoteIdentifier(name));
            oldKey << old;
            if (!written.contains(name)) {
                newKey << old;
            } else {
                const QString value = earlier->onDelete == FkAction::SetNull || column->defaultExpression.isEmpty()
                                          ? QStringLiteral("NULL")
                                          : column->defaultExpression;
                newKey << QStringLiteral("CAST((%1) AS %2)").arg(value, column->type);
            }
        }
        if (newKey == oldKey)
            continue;
        QStringList join;
        for (int i = 0; i < earlier->childColumns.size(); ++i) {
            join << QStringLiteral("c.%1 = p.%2").arg(quoteIdentifier(earlier->childColumns[i]),
                                                      quoteIdentifier(earlier->parentColumns[i]));
        }
        sql += QStringLiteral("\n         AND NOT (%1 AND ROW(%2) IS DISTINCT FROM ROW(%3))")
                   .arg(join.join(QStringLiteral(" AND ")), newKey.join(QStringLiteral(", ")),
                        oldKey.join(QStringLiteral(", ")));
    }
    return sql;
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

QString DeleteImpactQuery::failedWrites() const
{
    // SET NULL and SET DEFAULT are UPDATEs of the child row, and PostgreSQL checks the new
    // row like any other: NOT NULL, and every foreign key of the child whose columns change
    // (the acting key too, for SET DEFAULT). A changed key must reference a row that is still
    // there after the DELETE, or contain a NULL (MATCH SIMPLE; MATCH FULL only an all-NULL
    // key). An immediate key is checked at the end of the UPDATE, so a row deleted later
    // fails all the same; a deferred one at COMMIT, when a deleted row is not checked. Such
    // rows are returned as blocking rows of the acting key.
    QString sql;
    for (const ForeignKey *k : m_keys) {
        if (k->onDelete != FkAction::SetNull && k->onDelete != FkAction::SetDefault)
            continue;
        const Table *child = m_catalog.table(k->childOid);
        const QStringList written = writtenColumns(*k);
        if (!nullIntoNotNullColumn(*k, *child).isEmpty()) {
            sql += QStringLiteral(R"SQL(
    UNION ALL
    SELECT w.via, w.rel, w.tid FROM written w WHERE w.via = %1)SQL")
                       .arg(k->oid);
            continue;
        }
        // The written columns may be referenced: with ON UPDATE NO ACTION / RESTRICT, a row
        // still referencing the old values fails the UPDATE. A referencing row the DELETE
        // does not reach at all surely still does; other cases are left open (see
        // unpredictedWrites()).
        for (const ForeignKey &referencing : m_catalog.foreignKeys) {
            if (referencing.isVirtual || referencing.parentOid != k->childOid
                || (referencing.onUpdate != FkAction::NoAction && referencing.onUpdate != FkAction::Restrict)
                || std::none_of(referencing.parentColumns.cbegin(), referencing.parentColumns.cend(),
                                [&](const QString &c) { return written.contains(c); }))
                continue;
            const Table *grandchild = m_catalog.table(referencing.childOid);
            QStringList newKey, oldKey, join;
            for (int i = 0; i < referencing.parentColumns.size(); ++i) {
                const QString &name = referencing.parentColumns[i];
                const Column *column = child->column(name);
                const QString old = QStringLiteral("c.%1").arg(quoteIdentifier(name));
                oldKey << old;
                newKey << (!written.contains(name) ? old
                           : QStringLiteral("CAST((%1) AS %2)")
                                 .arg(k->onDelete == FkAction::SetNull || column->defaultExpression.isEmpty()
                                          ? QStringLiteral("NULL")
                                          : column->defaultExpression,
                                      column->type));
                join << QStringLiteral("g.%1 = %2").arg(quoteIdentifier(referencing.childColumns[i]), old);
            }
            sql += QStringLiteral(R"SQL(
    UNION ALL
    SELECT w.via, w.rel, w.tid
      FROM written w JOIN %1 c ON c.tableoid = w.rel AND c.ctid = w.tid
     WHERE w.via = %2 AND ROW(%3) IS DISTINCT FROM ROW(%4)
       AND EXISTS (SELECT FROM %5 g
                    WHERE %6
                      AND NOT EXISTS (SELECT FROM reached x WHERE x.rel = g.tableoid AND x.tid = g.ctid)))SQL")
                       .arg(relationReference(*child))
                       .arg(k->oid)
                       .arg(newKey.join(QStringLiteral(", ")), oldKey.join(QStringLiteral(", ")),
                            relationReference(*grandchild), join.join(QStringLiteral(" AND ")));
        }
        for (const ForeignKey &other : m_catalog.foreignKeys) {
            if (other.isVirtual || other.childOid != k->childOid)
                continue;
            const bool self = other.oid == k->oid;
            if (self ? k->onDelete != FkAction::SetDefault
                     : std::none_of(other.childColumns.cbegin(), other.childColumns.cend(),
                                    [&](const QString &c) { return written.contains(c); }))
                continue;
            const Table *parent = m_catalog.table(other.parentOid);
            QStringList newKey, oldKey, parentKey, nulls;
            for (int i = 0; i < other.childColumns.size(); ++i) {
                const QString &name = other.childColumns[i];
                const Column *column = child->column(name);
                QString value = QStringLiteral("c.%1").arg(quoteIdentifier(name));
                oldKey << value;
                if (written.contains(name)) {
                    const QString newValue = k->onDelete == FkAction::SetNull || column->defaultExpression.isEmpty()
                                                 ? QStringLiteral("NULL")
                                                 : column->defaultExpression;
                    value = QStringLiteral("CAST((%1) AS %2)").arg(newValue, column->type);
                }
                newKey << value;
                parentKey << QStringLiteral("p.%1").arg(quoteIdentifier(other.parentColumns[i]));
                nulls << QStringLiteral("%1 IS NULL").arg(value);
            }
            const QString anyNull = QStringLiteral("(%1)").arg(nulls.join(QStringLiteral(" OR ")));
            const QString allNull = QStringLiteral("(%1)").arg(nulls.join(QStringLiteral(" AND ")));
            const QString referencesNothing = other.match == FkMatch::Full ? allNull : anyNull;
            // Another key whose values do not change is not checked again. The acting key
            // is: a default equal to the deleted row's key still references it.
            const QString changed = self ? QStringLiteral("true")
                                         : QStringLiteral("ROW(%1) IS DISTINCT FROM ROW(%2)")
                                               .arg(newKey.join(QStringLiteral(", ")), oldKey.join(QStringLiteral(", ")));
            const QString stillThere = other.initiallyDeferred
                ? QStringLiteral("NOT EXISTS (SELECT FROM per_row pr WHERE pr.rel = w.rel AND pr.tid = w.tid AND pr.deleted)")
                : QStringLiteral("true");
            sql += QStringLiteral(R"SQL(
    UNION ALL
    SELECT w.via, w.rel, w.tid
      FROM written w JOIN %1 c ON c.tableoid = w.rel AND c.ctid = w.tid
     WHERE w.via = %2 AND %3 AND %4
       AND NOT %5
       AND (%6 OR NOT EXISTS (
               SELECT FROM %7 p
                WHERE (%8) = (%9)
                  AND NOT EXISTS (SELECT FROM per_row d WHERE d.rel = p.tableoid AND d.tid = p.ctid AND d.deleted))))SQL")
                       .arg(relationReference(*child))
                       .arg(k->oid)
                       .arg(stillThere, changed, referencesNothing, anyNull, relationReference(*parent),
                            parentKey.join(QStringLiteral(", ")), newKey.join(QStringLiteral(", ")));
        }
    }
    return sql;
}

QString DeleteImpactQuery::sql(const QHash<qint64, QString> &triggerNames, bool generalOnly) const
{
    // The layered plan knows no orphaned rows: virtual keys take the general one.
    const bool anyVirtual = std::any_of(m_keys.cbegin(), m_keys.cend(), [](const ForeignKey *k) { return k->isVirtual; });
    if (!generalOnly && !anyVirtual) {
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
     WHERE b.fate <> 'd'
       AND (d.via = 0
            OR (EXISTS (SELECT FROM reached p
                         WHERE p.rel = b.prel AND p.tid = b.ptid AND p.fate = 'd' AND p.via = d.via
                           AND p.prel = d.prel AND p.ptid IS NOT DISTINCT FROM d.ptid)
                -- A root row reached again through a cycle was deleted by the statement, not
                -- by that cascade, and its triggers run before the cascade's.
                AND NOT EXISTS (SELECT FROM reached r0 WHERE r0.rel = b.prel AND r0.tid = b.ptid AND r0.via = 0))
            OR (d.prel = b.prel AND d.ptid = b.ptid
                AND (SELECT name FROM triggers WHERE via = d.via) COLLATE "C"
                  < (SELECT name FROM triggers WHERE via = b.via) COLLATE "C"))),
-- The rows SET NULL / SET DEFAULT really write: those still there when the key's trigger runs.
written AS (
    SELECT w.via, w.rel, w.tid
      FROM reached w
     WHERE w.fate IN ('n', 's')
       AND NOT EXISTS (
               SELECT FROM gone_before_check g
                WHERE g.via = w.via AND g.rel = w.rel AND g.tid = w.tid
                  AND g.prel = w.prel AND g.ptid = w.ptid)),
blocking AS (
    SELECT b.via, b.rel, b.tid
      FROM reached b
     WHERE b.fate = 'b'
       AND NOT (b.via IN (%4) AND EXISTS (
               SELECT FROM per_row pr WHERE pr.rel = b.rel AND pr.tid = b.tid AND pr.deleted))
       AND NOT EXISTS (
               SELECT FROM gone_before_check g
                WHERE g.via = b.via AND g.rel = b.rel AND g.tid = b.tid
                  AND g.prel = b.prel AND g.ptid = b.ptid)%5),
-- A virtual key's row that the statement leaves, still referencing a row it deleted.
orphaned AS (
    SELECT o.via, o.rel, o.tid
      FROM reached o
     WHERE o.fate = 'o'
       AND NOT EXISTS (SELECT FROM per_row pr WHERE pr.rel = o.rel AND pr.tid = o.tid AND pr.deleted))
SELECT 'root', '', count(*) FROM reached WHERE via = 0
UNION ALL
SELECT 'deleted', name, count(*) FROM per_row WHERE deleted GROUP BY name
UNION ALL
SELECT 'updated', name, count(*) FROM per_row WHERE updated AND NOT deleted GROUP BY name
UNION ALL
SELECT 'blocked', via::text, count(DISTINCT (rel, tid)) FROM blocking GROUP BY via
UNION ALL
SELECT 'orphaned', via::text, count(DISTINCT (rel, tid)) FROM orphaned GROUP BY via
UNION ALL
SELECT 'edge', via::text, count(DISTINCT (rel, tid)) FROM reached WHERE via <> 0 GROUP BY via
ORDER BY 1, 2
)SQL")
        .arg(reachedRows(), names.join(QStringLiteral(", ")), triggers.join(QStringLiteral(", ")),
             deferred.join(QStringLiteral(", ")), failedWrites());
}

} // namespace fkscope
