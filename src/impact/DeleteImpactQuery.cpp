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

namespace {

// The values columns of the child row "c" hold after writer's SET NULL / SET DEFAULT.
QStringList valuesAfterWrite(const ForeignKey &writer, const QStringList &columns, const Table &child)
{
    const QStringList written = writtenColumns(writer);
    QStringList values;
    for (const QString &name : columns) {
        const QString old = QStringLiteral("c.%1").arg(quoteIdentifier(name));
        const Column *column = child.column(name);
        if (!written.contains(name) || !column) {
            values << old;
            continue;
        }
        const QString value = writer.onDelete == FkAction::SetNull || column->defaultExpression.isEmpty()
                                  ? QStringLiteral("NULL")
                                  : column->defaultExpression;
        values << QStringLiteral("CAST((%1) AS %2)").arg(value, column->type);
    }
    return values;
}

QStringList oldValues(const QStringList &columns)
{
    QStringList values;
    for (const QString &name : columns)
        values << QStringLiteral("c.%1").arg(quoteIdentifier(name));
    return values;
}

} // namespace

// A key's trigger finds a child row only if it still references the deleted parent row then.
// Another key on the same columns and the same parent may have fired first for that row and
// set them NULL (or to defaults that differ): the row no longer matches, so it neither blocks
// nor cascades nor is written again. Returns conditions over the branch's "c" and "p".
QString DeleteImpactQuery::detachedBefore(const ForeignKey &key) const
{
    const Table *child = m_catalog.table(key.childOid);
    QString sql;
    for (const ForeignKey *earlier : m_keys) {
        if (earlier->oid == key.oid || earlier->childOid != key.childOid || earlier->parentOid != key.parentOid
            || !actsBefore(*earlier, key))
            continue;
        const QStringList newKey = valuesAfterWrite(*earlier, key.childColumns, *child);
        const QStringList oldKey = oldValues(key.childColumns);
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

// Rows reached through a key (any fate) whose columns a SET NULL / SET DEFAULT of another key
// changes when it fires for another parent row. The two triggers fire for different rows, in
// an order no plan shows: if the write comes first, the row no longer references the first
// key's parent row. Rows "crossing" returns are answered as unknown.
QString DeleteImpactQuery::crossingWrites() const
{
    QString sql;
    for (const ForeignKey *key : m_keys) {
        const Table *child = m_catalog.table(key->childOid);
        for (const ForeignKey *writer : m_keys) {
            if (writer->oid == key->oid || writer->childOid != key->childOid)
                continue;
            const QStringList newKey = valuesAfterWrite(*writer, key->childColumns, *child);
            const QStringList oldKey = oldValues(key->childColumns);
            if (newKey == oldKey)
                continue;
            sql += QStringLiteral(R"SQL(
    UNION ALL
    SELECT e.via, e.rel, e.tid, e.prel, e.ptid, e.fate
      FROM reached e JOIN reached w ON w.rel = e.rel AND w.tid = e.tid AND w.via = %1
      JOIN %2 c ON c.tableoid = e.rel AND c.ctid = e.tid
     WHERE e.via = %3 AND (w.prel, w.ptid) IS DISTINCT FROM (e.prel, e.ptid)
       AND ROW(%4) IS DISTINCT FROM ROW(%5))SQL")
                       .arg(writer->oid)
                       .arg(relationReference(*child))
                       .arg(key->oid)
                       .arg(newKey.join(QStringLiteral(", ")), oldKey.join(QStringLiteral(", ")));
        }
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
        const auto writes = [&](const QStringList &columns) {
            return std::any_of(columns.cbegin(), columns.cend(), [&](const QString &c) { return written.contains(c); });
        };
        if (!nullIntoNotNullColumn(*k, *child).isEmpty()) {
            sql += QStringLiteral(R"SQL(
    UNION ALL
    SELECT w.via, w.rel, w.tid, w.prel, w.ptid, true FROM written w WHERE w.via = %1)SQL")
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
                || !writes(referencing.parentColumns))
                continue;
            const Table *grandchild = m_catalog.table(referencing.childOid);
            QStringList join;
            for (int i = 0; i < referencing.parentColumns.size(); ++i)
                join << QStringLiteral("g.%1 = c.%2").arg(quoteIdentifier(referencing.childColumns[i]),
                                                          quoteIdentifier(referencing.parentColumns[i]));
            sql += QStringLiteral(R"SQL(
    UNION ALL
    SELECT w.via, w.rel, w.tid, w.prel, w.ptid, true
      FROM written w JOIN %1 c ON c.tableoid = w.rel AND c.ctid = w.tid
     WHERE w.via = %2 AND ROW(%3) IS DISTINCT FROM ROW(%4)
       AND EXISTS (SELECT FROM %5 g
                    WHERE %6
                      AND NOT EXISTS (SELECT FROM reached x WHERE x.rel = g.tableoid AND x.tid = g.ctid)))SQL")
                       .arg(relationReference(*child))
                       .arg(k->oid)
                       .arg(valuesAfterWrite(*k, referencing.parentColumns, *child).join(QStringLiteral(", ")),
                            oldValues(referencing.parentColumns).join(QStringLiteral(", ")),
                            relationReference(*grandchild), join.join(QStringLiteral(" AND ")));
        }
        const QString rescue = rescuedBeforeCheck(*k);
        for (const ForeignKey &other : m_catalog.foreignKeys) {
            if (other.isVirtual || other.childOid != k->childOid)
                continue;
            const bool self = other.oid == k->oid;
            if (self ? k->onDelete != FkAction::SetDefault : !writes(other.childColumns))
                continue;
            const Table *parent = m_catalog.table(other.parentOid);
            const QStringList newKey = valuesAfterWrite(*k, other.childColumns, *child);
            QStringList parentKey, nulls;
            for (int i = 0; i < other.childColumns.size(); ++i) {
                parentKey << QStringLiteral("p.%1").arg(quoteIdentifier(other.parentColumns[i]));
                nulls << QStringLiteral("%1 IS NULL").arg(newKey[i]);
            }
            const QString anyNull = QStringLiteral("(%1)").arg(nulls.join(QStringLiteral(" OR ")));
            const QString allNull = QStringLiteral("(%1)").arg(nulls.join(QStringLiteral(" AND ")));
            const QString referencesNothing = other.match == FkMatch::Full ? allNull : anyNull;
            // Another key whose values do not change is not checked again. The acting key
            // is: a default equal to the deleted row's key still references it. A new value
            // that names a row the DELETE statement itself removed fails, as those rows are
            // gone before any trigger fires, unless the row is removed or written again before
            // the check (rescue). One that names a row a cascade removes fails only if it is
            // checked before that cascade runs, an order fkscope does not know.
            const QString changed = self ? QStringLiteral("true")
                                         : QStringLiteral("ROW(%1) IS DISTINCT FROM ROW(%2)")
                                               .arg(newKey.join(QStringLiteral(", ")),
                                                    oldValues(other.childColumns).join(QStringLiteral(", ")));
            const QString stillThere = other.initiallyDeferred
                ? QStringLiteral("NOT EXISTS (SELECT FROM per_row pr WHERE pr.rel = w.rel AND pr.tid = w.tid AND pr.deleted)")
                : QStringLiteral("true");
            sql += QStringLiteral(R"SQL(
    UNION ALL
    SELECT w.via, w.rel, w.tid, w.prel, w.ptid,
           %6 OR (NOT EXISTS (SELECT FROM %7 p
                               WHERE (%8) = (%9)
                                 AND NOT EXISTS (SELECT FROM reached d WHERE d.via = 0 AND d.rel = p.tableoid AND d.tid = p.ctid))
                  AND NOT (%10))
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
                            parentKey.join(QStringLiteral(", ")), newKey.join(QStringLiteral(", ")))
                       .arg(rescue);
        }
    }
    return sql;
}

QString DeleteImpactQuery::rescuedBeforeCheck(const ForeignKey &writer) const
{
    // The check of a row written by writer is queued behind every trigger already queued,
    // later triggers of the same parent row included, and those see the new values. A row
    // that one of them deletes is not checked; one it writes again is checked only for the
    // columns that write changes. Either may happen when the row is deleted at all, or when
    // its new values reference a row the DELETE removes through another key that acts.
    const Table *child = m_catalog.table(writer.childOid);
    const QStringList written = writtenColumns(writer);
    QStringList conditions{QStringLiteral(
        "EXISTS (SELECT FROM per_row pr WHERE pr.rel = w.rel AND pr.tid = w.tid AND pr.deleted)")};
    for (const ForeignKey &acting : m_catalog.foreignKeys) {
        if (acting.isVirtual || acting.childOid != writer.childOid || acting.oid == writer.oid
            || acting.onDelete == FkAction::NoAction || acting.onDelete == FkAction::Restrict
            || std::none_of(acting.childColumns.cbegin(), acting.childColumns.cend(),
                            [&](const QString &c) { return written.contains(c); }))
            continue;
        QStringList parentKey;
        for (const QString &column : acting.parentColumns)
            parentKey << QStringLiteral("r.%1").arg(quoteIdentifier(column));
        conditions << QStringLiteral(
                          "EXISTS (SELECT FROM %1 r WHERE (%2) = (%3)\n"
                          "                   AND EXISTS (SELECT FROM per_row d WHERE d.rel = r.tableoid AND d.tid = r.ctid AND d.deleted))")
                          .arg(relationReference(*m_catalog.table(acting.parentOid)), parentKey.join(QStringLiteral(", ")),
                               valuesAfterWrite(writer, acting.childColumns, *child).join(QStringLiteral(", ")));
    }
    return conditions.join(QStringLiteral("\n                  OR "));
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
-- How many statements delete each row: a row reached by two cascades (a cycle, or two
-- paths) is deleted by whichever fires first, which no plan shows.
deleters AS (
    SELECT rel, tid, count(DISTINCT (via, prel, ptid)) AS statements
      FROM reached WHERE fate = 'd' GROUP BY rel, tid),
-- A blocking row stops the DELETE unless it is gone when its key is checked. A deferred key is
-- checked at COMMIT, after every cascade. An immediate one is checked when its trigger fires
-- for the parent row: the triggers of one deleted row fire in name order, and the triggers an
-- RI action's DELETE or UPDATE causes are queued behind those already queued. So a row is
-- surely gone before the check when the root statement deleted it, when an earlier trigger of
-- the same parent row did, or when the statement that deleted it also deleted the parent row
-- and nothing else deleted the parent row.
surely_gone AS (
    SELECT b.via, b.rel, b.tid, b.prel, b.ptid
      FROM reached b JOIN reached d ON d.rel = b.rel AND d.tid = b.tid AND d.fate = 'd'
     WHERE b.fate <> 'd'
       AND (d.via = 0
            OR (d.prel = b.prel AND d.ptid = b.ptid
                AND (SELECT name FROM triggers WHERE via = d.via) COLLATE "C"
                  < (SELECT name FROM triggers WHERE via = b.via) COLLATE "C")
            OR (EXISTS (SELECT FROM reached p
                         WHERE p.rel = b.prel AND p.tid = b.ptid AND p.fate = 'd' AND p.via = d.via
                           AND p.prel = d.prel AND p.ptid IS NOT DISTINCT FROM d.ptid)
                AND (SELECT statements FROM deleters x WHERE x.rel = b.prel AND x.tid = b.ptid) = 1))),
-- Rows the DELETE removes at a moment fkscope cannot place against the check: not surely
-- before it, and not by a later trigger of the same parent row (surely after it).
maybe_gone AS (
    SELECT DISTINCT b.via, b.rel, b.tid, b.prel, b.ptid
      FROM reached b JOIN reached d ON d.rel = b.rel AND d.tid = b.tid AND d.fate = 'd'
     WHERE b.fate <> 'd'
       AND NOT (d.prel = b.prel AND d.ptid = b.ptid
                AND (SELECT name FROM triggers WHERE via = d.via) COLLATE "C"
                  > (SELECT name FROM triggers WHERE via = b.via) COLLATE "C")
       AND NOT EXISTS (SELECT FROM surely_gone g
                        WHERE g.via = b.via AND g.rel = b.rel AND g.tid = b.tid
                          AND g.prel = b.prel AND g.ptid = b.ptid)),
-- The rows SET NULL / SET DEFAULT write: those not surely gone when the key's trigger runs.
written AS (
    SELECT w.via, w.rel, w.tid, w.prel, w.ptid
      FROM reached w
     WHERE w.fate IN ('n', 's')
       AND NOT EXISTS (
               SELECT FROM surely_gone g
                WHERE g.via = w.via AND g.rel = w.rel AND g.tid = w.tid
                  AND g.prel = w.prel AND g.ptid = w.ptid)),
-- A row reached through a key whose columns another key's SET NULL / SET DEFAULT changes,
-- fired for another parent row: which of the two fires first decides what the first does.
crossing(via, rel, tid, prel, ptid, fate) AS (
    SELECT 0::oid, 0::oid, NULL::tid, 0::oid, NULL::tid, ''::text WHERE false%6),
blocking(via, rel, tid, prel, ptid, certain) AS (
    SELECT b.via, b.rel, b.tid, b.prel, b.ptid, true
      FROM reached b
     WHERE b.fate = 'b'
       AND NOT (b.via IN (%4) AND EXISTS (
               SELECT FROM per_row pr WHERE pr.rel = b.rel AND pr.tid = b.tid AND pr.deleted))
       AND NOT EXISTS (
               SELECT FROM surely_gone g
                WHERE g.via = b.via AND g.rel = b.rel AND g.tid = b.tid
                  AND g.prel = b.prel AND g.ptid = b.ptid)%5),
-- Blocking rows (and failing writes) whose fate depends on an order fkscope cannot know.
uncertain(reason, via, rel, tid) AS (
    SELECT 'order', b.via, b.rel, b.tid FROM blocking b
     WHERE EXISTS (SELECT FROM maybe_gone m WHERE m.via = b.via AND m.rel = b.rel AND m.tid = b.tid
                                              AND m.prel = b.prel AND m.ptid = b.ptid)
    UNION ALL
    SELECT 'detached', b.via, b.rel, b.tid FROM blocking b
     WHERE EXISTS (SELECT FROM crossing x WHERE x.via = b.via AND x.rel = b.rel AND x.tid = b.tid
                                            AND x.prel = b.prel AND x.ptid = b.ptid)
    UNION ALL
    SELECT 'writes', b.via, b.rel, b.tid FROM blocking b
     WHERE EXISTS (SELECT FROM written o WHERE o.rel = b.rel AND o.tid = b.tid
                                           AND (o.via, o.prel, o.ptid) IS DISTINCT FROM (b.via, b.prel, b.ptid))
       AND EXISTS (SELECT FROM written w WHERE w.via = b.via AND w.rel = b.rel AND w.tid = b.tid
                                           AND w.prel = b.prel AND w.ptid = b.ptid)
    UNION ALL
    SELECT 'target', b.via, b.rel, b.tid FROM blocking b WHERE NOT b.certain
    UNION ALL
    SELECT 'detached-delete', x.via, x.rel, x.tid FROM crossing x WHERE x.fate = 'd'),
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
SELECT 'blocked', b.via::text, count(DISTINCT (b.rel, b.tid)) FROM blocking b
 WHERE NOT EXISTS (SELECT FROM uncertain u WHERE u.via = b.via AND u.rel = b.rel AND u.tid = b.tid)
 GROUP BY b.via
UNION ALL
SELECT 'uncertain-' || reason, via::text, count(DISTINCT (rel, tid)) FROM uncertain GROUP BY reason, via
UNION ALL
SELECT 'orphaned', via::text, count(DISTINCT (rel, tid)) FROM orphaned GROUP BY via
UNION ALL
SELECT 'edge', via::text, count(DISTINCT (rel, tid)) FROM reached WHERE via <> 0 GROUP BY via
ORDER BY 1, 2
)SQL")
        .arg(reachedRows(), names.join(QStringLiteral(", ")), triggers.join(QStringLiteral(", ")),
             deferred.join(QStringLiteral(", ")), failedWrites(), crossingWrites());
}

} // namespace fkscope
