#include "copy/CopyPlan.h"

#include "catalog/Identifier.h"
#include "impact/ImpactSql.h"

#include "script/InsertOrder.h"

#include <QMap>
#include <QSet>

namespace fkscope {

const Table &copyTargetOf(const Catalog &catalog, qint64 storageOid)
{
    const Table *table = catalog.table(storageOid);
    while (table && !table->partitionOf.isEmpty()) {
        const Table *parent = catalog.table(table->partitionOf);
        if (!parent)
            break;
        table = parent;
    }
    return *table;
}

std::vector<CopyTable> copyTables(const Catalog &catalog, const ClosureRows &rows)
{
    QMap<QString, int> byName;
    std::vector<std::pair<const Table *, std::pair<qint64, qint64>>> storages;  // target, storage, rows
    for (auto it = rows.tidsByStorage.begin(); it != rows.tidsByStorage.end(); ++it)
        storages.push_back({&copyTargetOf(catalog, it.key()), {it.key(), qint64(it.value().size())}});
    for (const auto &entry : storages)
        byName.insert(entry.first->qualifiedName, 0);
    int index = 0;
    for (auto it = byName.begin(); it != byName.end(); ++it)
        it.value() = index++;
    std::vector<CopyTable> tables(size_t(byName.size()));
    for (const auto &[target, storage] : storages) {
        CopyTable &t = tables[size_t(byName.value(target->qualifiedName))];
        t.table = target;
        t.storages.append(storage.first);
        t.rows += storage.second;
    }
    return tables;
}

CopyPlan planCopy(const Catalog &catalog, const ClosureRows &rows, OnConflict onConflict)
{
    CopyPlan plan;
    plan.tables = copyTables(catalog, rows);

    QHash<qint64, int> indexOfOid;
    std::vector<qint64> oids;
    for (size_t i = 0; i < plan.tables.size(); ++i) {
        indexOfOid.insert(plan.tables[i].table->oid, int(i));
        oids.push_back(plan.tables[i].table->oid);
    }
    // A self-reference is checked at the end of the table's COPY; a deferrable key at COMMIT
    // (SET CONSTRAINTS ALL DEFERRED). Neither orders the tables.
    std::vector<TableReference> references;
    for (const TableReference &reference : closureReferences(catalog, plan.tables)) {
        if (reference.child != reference.parent && !reference.key->deferrable)
            references.push_back(reference);
    }
    const InsertOrder order = planInsertOrder(oids, references, {});
    for (const InsertStep &step : order.steps) {
        CopyStep copyStep;
        for (qint64 oid : step.tables)
            copyStep.tables.push_back(indexOfOid.value(oid));
        copyStep.staged = onConflict != OnConflict::Fail || step.tables.size() > 1;
        plan.steps.push_back(copyStep);
    }
    return plan;
}

std::vector<TableReference> closureReferences(const Catalog &catalog, const std::vector<CopyTable> &tables)
{
    QSet<qint64> inClosure;
    for (const CopyTable &t : tables)
        inClosure.insert(t.table->oid);
    std::vector<TableReference> references;
    for (const ForeignKey &key : catalog.foreignKeys) {
        if (!catalog.table(key.childOid) || !catalog.table(key.parentOid))
            continue;
        const qint64 child = copyTargetOf(catalog, key.childOid).oid;
        const qint64 parent = copyTargetOf(catalog, key.parentOid).oid;
        if (inClosure.contains(child) && inClosure.contains(parent))
            references.push_back({child, parent, &key});
    }
    return references;
}

QString sequenceCatchUpSql(const Table &table, const QString &column)
{
    return QStringLiteral("SELECT pg_catalog.setval(s.seqrelid, m.value)\n"
                          "  FROM pg_catalog.pg_sequence s, (SELECT max(%1) AS value FROM %2) m\n"
                          " WHERE s.seqrelid = pg_catalog.pg_get_serial_sequence(%3, %4)::regclass\n"
                          "   AND s.seqincrement > 0\n"
                          "   AND m.value > coalesce(pg_catalog.pg_sequence_last_value(s.seqrelid), s.seqstart - 1)")
        .arg(quoteIdentifier(column), relationReference(table), quoteLiteral(table.qualifiedName), quoteLiteral(column));
}

} // namespace fkscope
