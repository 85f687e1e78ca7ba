#include "script/RowClosureQuery.h"

#include "catalog/Identifier.h"
#include "impact/ImpactSql.h"
#include "impact/TableHierarchy.h"
#include "script/LayeredClosureQuery.h"

namespace fkscope {

QString RowClosureQuery::joinCondition(const ForeignKey &key) const
{
    // MATCH SIMPLE and FULL alike: a key with a NULL in it references nothing, and an
    // equality join never matches NULL. (MATCH FULL forbids a half-NULL key anyway.)
    QStringList pairs;
    for (int i = 0; i < key.childColumns.size(); ++i) {
        pairs << QStringLiteral("c.%1 = p.%2").arg(quoteIdentifier(key.childColumns[i]),
                                                   quoteIdentifier(key.parentColumns[i]));
    }
    return pairs.join(QStringLiteral(" AND "));
}

QString RowClosureQuery::upBranch(const ForeignKey &key) const
{
    // A key on a partitioned table holds for the rows of its partitions; one on a plain table
    // only for the table's own rows, not those of its INHERITS children (ONLY).
    const Table *child = m_catalog.table(key.childOid);
    const Table *parent = m_catalog.table(key.parentOid);
    return QStringLiteral("        SELECT p.tableoid, p.ctid\n"
                          "          FROM %1 c JOIN %2 p ON %3\n"
                          "         WHERE u.rel IN (%4) AND c.tableoid = u.rel AND c.ctid = u.tid")
        .arg(relationReference(*child), relationReference(*parent), joinCondition(key),
             oidList(TableHierarchy(m_catalog).storage(child->oid)));
}

QString RowClosureQuery::downBranch(const ForeignKey &key) const
{
    const Table *child = m_catalog.table(key.childOid);
    const Table *parent = m_catalog.table(key.parentOid);
    return QStringLiteral("        SELECT c.tableoid, c.ctid\n"
                          "          FROM %1 p JOIN %2 c ON %3\n"
                          "         WHERE u.rel IN (%4) AND p.tableoid = u.rel AND p.ctid = u.tid")
        .arg(relationReference(*parent), relationReference(*child), joinCondition(key),
             oidList(TableHierarchy(m_catalog).storage(parent->oid)));
}

QString RowClosureQuery::edges(const ForeignKey &key) const
{
    const Table *child = m_catalog.table(key.childOid);
    const Table *parent = m_catalog.table(key.parentOid);
    return QStringLiteral("SELECT 'e', %1::bigint, c.tableoid::bigint, c.ctid::text, p.tableoid::bigint, p.ctid::text\n"
                          "  FROM up u JOIN %2 c ON c.tableoid = u.rel AND c.ctid = u.tid JOIN %3 p ON %4\n"
                          " WHERE u.rel IN (%5)")
        .arg(key.oid)
        .arg(relationReference(*child), relationReference(*parent), joinCondition(key),
             oidList(TableHierarchy(m_catalog).storage(child->oid)));
}

QString RowClosureQuery::orphans(const ForeignKey &key) const
{
    // A NOT VALID key may have rows that reference nothing; loading them would fail. With
    // MATCH SIMPLE a key with a NULL references nothing; MATCH FULL allows only all NULLs.
    const Table *child = m_catalog.table(key.childOid);
    const Table *parent = m_catalog.table(key.parentOid);
    QStringList present;
    for (const QString &column : key.childColumns)
        present << QStringLiteral("c.%1 IS NOT NULL").arg(quoteIdentifier(column));
    const QString references = key.match == FkMatch::Full ? present.join(QStringLiteral(" OR "))
                                                          : present.join(QStringLiteral(" AND "));
    return QStringLiteral("SELECT 'o', %1::bigint, c.tableoid::bigint, c.ctid::text, 0::bigint, ''::text\n"
                          "  FROM up u JOIN %2 c ON c.tableoid = u.rel AND c.ctid = u.tid\n"
                          " WHERE u.rel IN (%3) AND (%4) AND NOT EXISTS (SELECT FROM %5 p WHERE %6)")
        .arg(key.oid)
        .arg(relationReference(*child), oidList(TableHierarchy(m_catalog).storage(child->oid)), references,
             relationReference(*parent), joinCondition(key));
}

QString RowClosureQuery::sql(bool withDependents, bool withEdges) const
{
    const TableHierarchy hierarchy(m_catalog);
    std::vector<const ForeignKey *> keys;
    for (const ForeignKey &k : m_catalog.foreignKeys) {
        const Table *child = m_catalog.table(k.childOid);
        const Table *parent = m_catalog.table(k.parentOid);
        if (child && parent && !hierarchy.storage(child->oid).isEmpty() && !hierarchy.storage(parent->oid).isEmpty())
            keys.push_back(&k);
    }
    // Without ONLY, as in `dependents`: the selection takes the rows of INHERITS children and
    // partitions too, each to be inserted into the table that stores it.
    const QString selected = QStringLiteral("SELECT t.tableoid, t.ctid FROM %1 t WHERE %2")
                                 .arg(quoteQualified(m_root.schema, m_root.name), m_rootCondition);
    // UNION, not UNION ALL: a row reached again is not expanded again, which ends the walk on
    // cycles. The recursive term may name its CTE once, hence one LATERAL over every key.
    const auto recursive = [&](const QString &name, const QString &seed, bool down) {
        QString sql = QStringLiteral("%1(rel, tid) AS (\n    %2\n").arg(name, seed);
        if (keys.empty())
            return sql + QStringLiteral(")");
        QStringList branches;
        for (const ForeignKey *k : keys)
            branches << (down ? downBranch(*k) : upBranch(*k));
        return sql
            + QStringLiteral("  UNION\n    SELECT n.* FROM %1 u CROSS JOIN LATERAL (\n%2\n    ) n\n)")
                  .arg(name, branches.join(QStringLiteral("\n        UNION ALL\n")));
    };
    QStringList ctes;
    if (auto layered = m_recursiveOnly ? std::nullopt
                                       : layeredClosureCtes(m_catalog, m_root, m_rootCondition, keys, withDependents)) {
        ctes << *layered;
    } else if (withDependents) {
        ctes << recursive(QStringLiteral("down"), selected, true);
        ctes << recursive(QStringLiteral("up"), QStringLiteral("SELECT rel, tid FROM down"), false);
    } else {
        ctes << recursive(QStringLiteral("up"), selected, false);
    }
    QStringList parts{QStringLiteral("SELECT 'r'::text, 0::bigint, rel::bigint, tid::text, 0::bigint, ''::text FROM up")};
    for (const ForeignKey *k : keys) {
        if (withEdges)
            parts << edges(*k);
        // A virtual key's orphans load anyway: PostgreSQL does not check it.
        if (!k->validated && !k->isVirtual)
            parts << orphans(*k);
    }
    return QStringLiteral("WITH RECURSIVE\n%1\n%2").arg(ctes.join(QStringLiteral(",\n")),
                                                        parts.join(QStringLiteral("\nUNION ALL\n")));
}

} // namespace fkscope
