#include "script/PredicateDelete.h"

#include "catalog/Identifier.h"
#include "impact/ImpactSql.h"
#include "impact/TableHierarchy.h"
#include "script/ChildrenFirst.h"

#include <QHash>
#include <QSet>

namespace fkscope {

namespace {

QString tuple(const QString &alias, const QStringList &columns)
{
    const QString list = quoteColumnList(columns, alias);
    return columns.size() == 1 ? list : QStringLiteral("(%1)").arg(list);
}

// One table of the statement: the rows it loses, and what its children need to find theirs.
struct StatementTable {
    const Table *table = nullptr;
    std::vector<const ForeignKey *> incoming;  // from other tables
    std::vector<const ForeignKey *> self;      // from the table to itself
    QStringList carried;                       // columns its children's keys reference
    QString cte;
};

QString rowsCte(const StatementTable &node, const QHash<qint64, StatementTable> &nodes, const QString &rootCondition)
{
    QStringList selected{QStringLiteral("t.tableoid"), QStringLiteral("t.ctid")};
    for (const QString &name : node.carried)
        selected << QStringLiteral("t.%1").arg(quoteIdentifier(name));
    const QString select = QStringLiteral("SELECT %1 FROM %2 t").arg(selected.join(QStringLiteral(", ")),
                                                                    relationReference(*node.table));
    QStringList conditions;
    if (!rootCondition.isEmpty())
        conditions << rootCondition;
    for (const ForeignKey *key : node.incoming) {
        conditions << QStringLiteral("%1 IN (SELECT %2 FROM %3)")
                          .arg(tuple(QStringLiteral("t"), key->childColumns), quoteColumnList(key->parentColumns),
                               nodes.value(key->parentOid).cte);
    }
    QString sql = QStringLiteral("%1 AS (\n    %2\n     WHERE %3").arg(node.cte, select, conditions.join(QStringLiteral("\n        OR ")));
    if (!node.self.empty()) {
        QStringList joins;
        for (const ForeignKey *key : node.self)
            joins << QStringLiteral("%1 = %2").arg(tuple(QStringLiteral("t"), key->childColumns), tuple(QStringLiteral("r"), key->parentColumns));
        sql += QStringLiteral("\n  UNION\n    %1 JOIN %2 r ON %3").arg(select, node.cte, joins.join(QStringLiteral(" OR ")));
    }
    return sql + QStringLiteral(")");
}

} // namespace

std::optional<QString> predicateDeleteStatement(const Catalog &catalog, const Table &root, const QString &rootCondition,
                                                const std::vector<const ForeignKey *> &deletingKeys,
                                                const QSet<qint64> &blockingKeys)
{
    const TableHierarchy hierarchy(catalog);
    if (hierarchy.storageWithInheritance(root.oid) != hierarchy.storage(root.oid))
        return std::nullopt;

    QList<qint64> order{root.oid};
    QHash<qint64, StatementTable> nodes;
    nodes[root.oid].table = &root;
    QHash<qint64, QList<qint64>> children;
    for (const ForeignKey *key : deletingKeys) {
        if (!order.contains(key->childOid))
            order << key->childOid;
        StatementTable &child = nodes[key->childOid];
        child.table = catalog.table(key->childOid);
        if (key->childOid == key->parentOid)
            child.self.push_back(key);
        else
            child.incoming.push_back(key);
        children[key->parentOid] << key->childOid;
    }
    QSet<qint64> storageSeen;
    for (qint64 oid : order) {
        for (qint64 relation : hierarchy.storage(oid)) {
            if (storageSeen.contains(relation))
                return std::nullopt;  // a partition and its parent both in the statement
            storageSeen.insert(relation);
        }
    }
    QSet<QString> names;
    for (const ForeignKey *key : deletingKeys) {
        if (!nodes.contains(key->parentOid))
            return std::nullopt;  // the key references a partitioned parent of a deleted table
        StatementTable &parent = nodes[key->parentOid];
        for (const QString &column : key->parentColumns) {
            if (!parent.carried.contains(column))
                parent.carried << column;
        }
    }
    const std::vector<QList<qint64>> groups = childrenFirstGroups(order, children);
    for (const QList<qint64> &group : groups) {
        if (group.size() > 1)
            return std::nullopt;
    }

    // The statement names the rows of the tables it deletes from, and of the tables above them.
    QList<qint64> needed{root.oid};
    for (const ForeignKey *key : deletingKeys) {
        if (blockingKeys.contains(key->oid) && !needed.contains(key->childOid))
            needed << key->childOid;
    }
    for (int i = 0; i < needed.size(); ++i) {
        for (const ForeignKey *key : nodes.value(needed[i]).incoming) {
            if (!needed.contains(key->parentOid))
                needed << key->parentOid;
        }
    }

    bool recursive = false;
    QStringList ctes;
    for (auto group = groups.rbegin(); group != groups.rend(); ++group) {  // parents first
        if (!needed.contains(group->first()))
            continue;
        StatementTable &node = nodes[group->first()];
        QString name = node.table->name + QStringLiteral("_rows");
        for (int n = 2; names.contains(name); ++n)
            name = node.table->name + QStringLiteral("_rows_%1").arg(n);
        names.insert(name);
        node.cte = quoteIdentifier(name);
        recursive = recursive || !node.self.empty();
        ctes << rowsCte(node, nodes, node.table == &root ? rootCondition : QString());
    }
    QStringList counts;
    int n = 0;
    for (const QList<qint64> &group : groups) {  // children first
        if (!needed.contains(group.first()))
            continue;
        const StatementTable &node = nodes.value(group.first());
        QStringList blocked;  // the rows reached through a blocking key
        for (const auto *keys : {&node.incoming, &node.self}) {
            for (const ForeignKey *key : *keys) {
                if (blockingKeys.contains(key->oid)) {
                    blocked << QStringLiteral("%1 IN (SELECT %2 FROM %3)")
                                   .arg(tuple(QStringLiteral("x"), key->childColumns), quoteColumnList(key->parentColumns),
                                        nodes.value(key->parentOid).cte);
                }
            }
        }
        if (node.table != &root && blocked.isEmpty())
            continue;
        const QString onlyBlocked = node.table == &root
                                        ? QString()
                                        : QStringLiteral("\n       AND (%1)").arg(blocked.join(QStringLiteral("\n            OR ")));
        const QString deleted = QStringLiteral("deleted_%1").arg(++n);
        ctes << QStringLiteral("%1 AS (\n    DELETE FROM %2 x USING %3 r\n     WHERE x.tableoid = r.tableoid AND x.ctid = r.ctid%4\n    RETURNING 1)")
                    .arg(deleted, relationReference(*node.table), node.cte, onlyBlocked);
        counts << QStringLiteral("(SELECT count(*) FROM %1) AS %2").arg(deleted, quoteIdentifier(node.table->qualifiedName));
    }
    return QStringLiteral("WITH %1%2\nSELECT %3")
        .arg(recursive ? QStringLiteral("RECURSIVE ") : QString(), ctes.join(QStringLiteral(",\n")),
             counts.join(QStringLiteral(",\n       ")));
}

} // namespace fkscope
