#include "impact/LayeredImpactQuery.h"

#include "catalog/Identifier.h"
#include "impact/ImpactSql.h"
#include "impact/DeleteImpactQuery.h"
#include "impact/TableHierarchy.h"

#include <QHash>
#include <QMap>
#include <QSet>

#include <functional>
#include <map>

namespace fkscope {

namespace {

// One table whose rows the DELETE removes: the root, or the child of a cascading key.
struct Node {
    const Table *table = nullptr;
    QList<qint64> storage;
    std::vector<const ForeignKey *> incoming;  // cascading keys into it
    std::vector<const ForeignKey *> outgoing;  // keys that fire when its rows go
    QStringList carried;                       // columns its outgoing keys reference
    QString cte;
};

} // namespace

std::optional<QString> layeredImpactSql(const Catalog &catalog, const Table &root, const QString &rootCondition,
                                        const std::vector<const ForeignKey *> &keys)
{
    const TableHierarchy hierarchy(catalog);
    if (hierarchy.storageWithInheritance(root.oid) != hierarchy.storage(root.oid))
        return std::nullopt;

    std::map<qint64, Node> nodes;
    nodes[root.oid].table = &root;
    for (const ForeignKey *k : keys) {
        if (k->onDelete == FkAction::Cascade) {
            Node &node = nodes[k->childOid];
            node.table = catalog.table(k->childOid);
            node.incoming.push_back(k);
        }
    }
    // Every row must belong to one node only, and no non-cascading key may reach a node:
    // then a row is deleted, updated or blocking, never two of these.
    QHash<qint64, qint64> nodeOfStorage;
    for (auto &[oid, node] : nodes) {
        node.storage = hierarchy.storage(oid);
        for (qint64 s : node.storage) {
            if (nodeOfStorage.contains(s))
                return std::nullopt;
            nodeOfStorage.insert(s, oid);
        }
    }
    for (const ForeignKey *k : keys) {
        // Keys checked again after SET NULL / SET DEFAULT, and the trigger order of keys
        // sharing columns: the general plan handles those.
        const Table &child = *catalog.table(k->childOid);
        if (leavesFullKeyHalfNull(*k, child) || writesKeyColumns(catalog, *k)
            || !nullIntoNotNullColumn(*k, child).isEmpty())
            return std::nullopt;
        for (qint64 s : hierarchy.storage(k->childOid)) {
            if (k->onDelete != FkAction::Cascade && nodeOfStorage.contains(s))
                return std::nullopt;
        }
        // Which node's rows fire the key: the one holding the referenced table's rows.
        const QList<qint64> referencedStorage = hierarchy.storage(k->parentOid);
        const qint64 owner = nodeOfStorage.value(referencedStorage.value(0), 0);
        if (!owner)
            return std::nullopt;
        for (qint64 s : referencedStorage) {
            if (nodeOfStorage.value(s) != owner)
                return std::nullopt;
        }
        Node &node = nodes[owner];
        node.outgoing.push_back(k);
        for (const QString &c : k->parentColumns) {
            if (!node.carried.contains(c))
                node.carried << c;
        }
    }

    // Topological order of the cascades; a cycle needs the general plan.
    std::vector<qint64> order;
    QHash<qint64, int> state;  // 1: visiting, 2: done
    std::function<bool(qint64)> visit = [&](qint64 oid) {
        if (state.value(oid) == 2)
            return true;
        if (state.value(oid) == 1)
            return false;
        state[oid] = 1;
        for (const ForeignKey *k : nodes[oid].incoming) {
            if (!visit(nodeOfStorage.value(hierarchy.storage(k->parentOid).value(0))))
                return false;
        }
        state[oid] = 2;
        order.push_back(oid);
        return true;
    };
    for (const auto &entry : nodes) {
        if (!visit(entry.first))
            return std::nullopt;
    }

    auto carriedColumns = [](const Node &node, const QString &alias) {
        QString columns;
        for (int i = 0; i < node.carried.size(); ++i)
            columns += QStringLiteral(", %1.%2 AS c%3").arg(alias, quoteIdentifier(node.carried[i])).arg(i);
        return columns;
    };
    // The rows of each node, as SQL text that spells out the whole chain of keys from the
    // root: "order_items WHERE order_id IN (SELECT id FROM orders WHERE user_id IN (...))".
    // Written out rather than kept in CTEs, the planner sees the root condition at every
    // level and estimates from the columns' statistics (a user with 100,000 orders gets a
    // hash join, a user with 3 an index lookup); a CTE would hide that.
    QHash<qint64, QString> rowsOf;
    auto reach = [&](const ForeignKey &k, const QString &childColumns) {
        const qint64 from = nodeOfStorage.value(hierarchy.storage(k.parentOid).value(0));
        const Node &parent = nodes[from];
        QStringList childKey, parentKey;
        for (int i = 0; i < k.childColumns.size(); ++i) {
            childKey << QStringLiteral("c.%1").arg(quoteIdentifier(k.childColumns[i]));
            parentKey << QStringLiteral("p.c%1").arg(parent.carried.indexOf(k.parentColumns[i]));
        }
        // MATCH SIMPLE and FULL alike: a key with a NULL in it is never IN the set.
        return QStringLiteral("SELECT c.tableoid AS rel, c.ctid AS tid%1 FROM %2 c WHERE (%3) IN "
                              "(SELECT %4 FROM (%5) p WHERE p.rel IN (%6))")
            .arg(childColumns, relationReference(*catalog.table(k.childOid)), childKey.join(QStringLiteral(", ")),
                 parentKey.join(QStringLiteral(", ")), rowsOf.value(from), oidList(hierarchy.storage(k.parentOid)));
    };
    auto count = [](const QString &rows) { return QStringLiteral("(SELECT count(*) FROM (%1) x)").arg(rows); };

    QStringList counts;  // CTEs of one row each: the row sets themselves stay inline
    QStringList results;
    for (qint64 oid : order) {
        Node &node = nodes[oid];
        const QString name = quoteLiteral(oid == root.oid ? root.qualifiedName : node.table->qualifiedName);
        if (oid == root.oid) {
            rowsOf[oid] = QStringLiteral("SELECT t.tableoid AS rel, t.ctid AS tid%1 FROM %2 t WHERE %3")
                              .arg(carriedColumns(node, QStringLiteral("t")), quoteQualified(root.schema, root.name),
                                   rootCondition);
            results << QStringLiteral("SELECT 'root', '', n FROM count_%1").arg(oid);
        } else if (node.incoming.size() == 1) {
            rowsOf[oid] = reach(*node.incoming.front(), carriedColumns(node, QStringLiteral("c")));
            results << QStringLiteral("SELECT 'edge', '%1', n FROM count_%2").arg(node.incoming.front()->oid).arg(oid);
        } else {
            // A child row references one parent row per key, so each key reaches distinct
            // rows; rows reached through several keys are counted once by the UNION.
            QStringList parts;
            for (const ForeignKey *k : node.incoming) {
                parts << reach(*k, carriedColumns(node, QStringLiteral("c")));
                results << QStringLiteral("SELECT 'edge', '%1', %2").arg(k->oid).arg(count(parts.last()));
            }
            rowsOf[oid] = parts.join(QStringLiteral(" UNION "));
        }
        counts << QStringLiteral("count_%1 AS (SELECT %2 AS n)").arg(oid).arg(count(rowsOf[oid]));
        results << QStringLiteral("SELECT 'deleted', %1, n FROM count_%2").arg(name).arg(oid);
    }

    QMap<QString, QStringList> updatedByTable;
    for (const ForeignKey *k : keys) {
        if (k->onDelete == FkAction::Cascade)
            continue;
        const QString reached = reach(*k, QString());
        counts << QStringLiteral("count_key_%1 AS (SELECT %2 AS n)").arg(k->oid).arg(count(reached));
        results << QStringLiteral("SELECT 'edge', '%1', n FROM count_key_%1").arg(k->oid);
        if (k->onDelete == FkAction::SetNull || k->onDelete == FkAction::SetDefault)
            updatedByTable[k->child] << reached;
        else
            results << QStringLiteral("SELECT 'blocked', '%1', n FROM count_key_%1").arg(k->oid);
    }
    for (auto it = updatedByTable.constBegin(); it != updatedByTable.constEnd(); ++it)
        results << QStringLiteral("SELECT 'updated', %1, %2").arg(quoteLiteral(it.key()), count(it.value().join(QStringLiteral(" UNION "))));

    QString sql = QStringLiteral("WITH %1\n%2\nORDER BY 1, 2")
                      .arg(counts.join(QStringLiteral(",\n")), results.join(QStringLiteral("\nUNION ALL\n")));
    // Deep diamonds of keys repeat their chains; past this size the general plan is better.
    if (sql.size() > 1000000)
        return std::nullopt;
    return sql;
}

} // namespace fkscope
