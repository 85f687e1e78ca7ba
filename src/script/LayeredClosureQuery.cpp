#include "script/LayeredClosureQuery.h"

#include "catalog/Identifier.h"
#include "impact/ImpactSql.h"
#include "impact/TableHierarchy.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <functional>

namespace fkscope {

namespace {

// Tables in an order where every key's "from" side comes before its "to" side, over the keys
// given; nothing when they have a cycle.
std::optional<QList<qint64>> ordered(const QList<qint64> &tables, const std::vector<std::pair<qint64, qint64>> &edges)
{
    QHash<qint64, QList<qint64>> before;  // table -> tables that must come first
    for (const auto &[from, to] : edges)
        before[to] << from;
    QList<qint64> order;
    QHash<qint64, int> state;  // 1: visiting, 2: done
    std::function<bool(qint64)> visit = [&](qint64 table) {
        if (state.value(table) == 2)
            return true;
        if (state.value(table) == 1)
            return false;
        state[table] = 1;
        for (qint64 first : before.value(table)) {
            if (!visit(first))
                return false;
        }
        state[table] = 2;
        order << table;
        return true;
    };
    for (qint64 table : tables) {
        if (!visit(table))
            return std::nullopt;
    }
    return order;
}

// The tables reached from start by following keys one way (down: parent to child; up: child
// to parent), and the keys followed.
QList<qint64> reachedTables(const QList<qint64> &start, const std::vector<const ForeignKey *> &keys, bool down,
                            std::vector<const ForeignKey *> &followed)
{
    QList<qint64> tables = start;
    QSet<qint64> seen(start.cbegin(), start.cend());
    for (qsizetype i = 0; i < tables.size(); ++i) {
        for (const ForeignKey *k : keys) {
            if ((down ? k->parentOid : k->childOid) != tables[i])
                continue;
            followed.push_back(k);
            const qint64 next = down ? k->childOid : k->parentOid;
            if (!seen.contains(next)) {
                seen.insert(next);
                tables << next;
            }
        }
    }
    return tables;
}

} // namespace

std::optional<QString> layeredClosureCtes(const Catalog &catalog, const Table &root, const QString &rootCondition,
                                          const std::vector<const ForeignKey *> &keys, bool withDependents)
{
    const TableHierarchy hierarchy(catalog);
    // The selection reads the root without ONLY: INHERITS children's rows would need nodes
    // of their own.
    if (hierarchy.storageWithInheritance(root.oid) != hierarchy.storage(root.oid))
        return std::nullopt;

    std::vector<const ForeignKey *> downKeys, upKeys;
    const QList<qint64> downTables = withDependents ? reachedTables({root.oid}, keys, true, downKeys) : QList<qint64>{root.oid};
    const QList<qint64> upTables = reachedTables(downTables, keys, false, upKeys);

    // Every stored row must belong to one table of the walk.
    QSet<qint64> storages;
    for (qint64 table : upTables) {
        for (qint64 storage : hierarchy.storage(table)) {
            if (storages.contains(storage))
                return std::nullopt;
            storages.insert(storage);
        }
    }

    std::vector<std::pair<qint64, qint64>> downEdges, upEdges;
    for (const ForeignKey *k : downKeys)
        downEdges.emplace_back(k->parentOid, k->childOid);
    for (const ForeignKey *k : upKeys)
        upEdges.emplace_back(k->childOid, k->parentOid);
    const auto downOrder = ordered(downTables, downEdges);
    const auto upOrder = ordered(upTables, upEdges);
    if (!downOrder || !upOrder)
        return std::nullopt;

    // Each table's CTEs carry the columns its keys join on, either side, as c0, c1, …
    QHash<qint64, QStringList> carried;
    const auto carry = [&](qint64 table, const QStringList &columns) {
        for (const QString &c : columns) {
            if (!carried[table].contains(c))
                carried[table] << c;
        }
    };
    for (const ForeignKey *k : downKeys) {
        carry(k->parentOid, k->parentColumns);
        carry(k->childOid, k->childColumns);
    }
    for (const ForeignKey *k : upKeys) {
        carry(k->parentOid, k->parentColumns);
        carry(k->childOid, k->childColumns);
    }
    const auto rowsOf = [&](qint64 table, const QString &alias) {
        QString columns = QStringLiteral("%1.tableoid AS rel, %1.ctid AS tid").arg(alias);
        const QStringList &names = carried.value(table);
        for (int i = 0; i < names.size(); ++i)
            columns += QStringLiteral(", %1.%2 AS c%3").arg(alias, quoteIdentifier(names[i])).arg(i);
        return columns;
    };
    // The rows of `to` whose key columns are among those of the rows of `from` in cte.
    // MATCH SIMPLE and FULL alike: a key with a NULL in it is never IN the set.
    const auto joined = [&](const QStringList &toColumns, qint64 to, const QStringList &fromColumns, qint64 from,
                            const QString &cte) {
        QStringList toKey, fromKey;
        for (int i = 0; i < toColumns.size(); ++i) {
            toKey << QStringLiteral("t.%1").arg(quoteIdentifier(toColumns[i]));
            fromKey << QStringLiteral("f.c%1").arg(carried.value(from).indexOf(fromColumns[i]));
        }
        return QStringLiteral("SELECT %1 FROM %2 t WHERE (%3) IN (SELECT %4 FROM %5 f)")
            .arg(rowsOf(to, QStringLiteral("t")), relationReference(*catalog.table(to)),
                 toKey.join(QStringLiteral(", ")), fromKey.join(QStringLiteral(", ")), cte);
    };

    QStringList ctes;
    for (qint64 table : *downOrder) {
        QStringList parts;
        if (table == root.oid) {
            parts << QStringLiteral("SELECT %1 FROM %2 t WHERE %3")
                         .arg(rowsOf(table, QStringLiteral("t")), quoteQualified(root.schema, root.name), rootCondition);
        }
        for (const ForeignKey *k : downKeys) {
            if (k->childOid == table)
                parts << joined(k->childColumns, table, k->parentColumns, k->parentOid,
                                QStringLiteral("down_%1").arg(k->parentOid));
        }
        ctes << QStringLiteral("down_%1 AS MATERIALIZED (\n    %2)").arg(table).arg(parts.join(QStringLiteral("\n    UNION\n    ")));
    }
    // Going up from a table whose rows all came down through one key finds, through that key,
    // only rows already found: skip it. A table that gains no rows going up is its down CTE.
    QHash<qint64, int> incomingDown;
    for (const ForeignKey *k : downKeys)
        ++incomingDown[k->childOid];
    QHash<qint64, QString> upCte;  // table -> the CTE of all its rows
    QStringList everyRow;
    for (qint64 table : *upOrder) {
        const QString down = QStringLiteral("down_%1").arg(table);
        QStringList parts;
        if (downTables.contains(table))
            parts << QStringLiteral("SELECT * FROM %1").arg(down);
        for (const ForeignKey *k : upKeys) {
            if (k->parentOid != table)
                continue;
            const bool cameDownThrough = upCte.value(k->childOid) == QStringLiteral("down_%1").arg(k->childOid)
                && incomingDown.value(k->childOid) == 1
                && std::find(downKeys.cbegin(), downKeys.cend(), k) != downKeys.cend();
            if (!cameDownThrough)
                parts << joined(k->parentColumns, table, k->childColumns, k->childOid, upCte.value(k->childOid));
        }
        if (parts.size() == 1 && downTables.contains(table)) {
            upCte[table] = down;
        } else {
            upCte[table] = QStringLiteral("up_%1").arg(table);
            ctes << QStringLiteral("up_%1 AS MATERIALIZED (\n    %2)").arg(table).arg(parts.join(QStringLiteral("\n    UNION\n    ")));
        }
        everyRow << QStringLiteral("SELECT rel, tid FROM %1").arg(upCte[table]);
    }
    ctes << QStringLiteral("up(rel, tid) AS (\n    %1)").arg(everyRow.join(QStringLiteral("\n    UNION ALL\n    ")));
    return ctes.join(QStringLiteral(",\n"));
}

} // namespace fkscope
