#include "copy/CopyPlan.h"

#include "script/InsertOrder.h"

#include <QMap>

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

    // Table-level references from the catalog's keys: every key between two tables of the
    // closure may order them, whether or not the rows copied use it.
    QHash<qint64, int> indexOfOid;
    std::vector<qint64> oids;
    for (size_t i = 0; i < plan.tables.size(); ++i) {
        indexOfOid.insert(plan.tables[i].table->oid, int(i));
        oids.push_back(plan.tables[i].table->oid);
    }
    std::vector<TableReference> references;
    for (const ForeignKey &key : catalog.foreignKeys) {
        if (!catalog.table(key.childOid) || !catalog.table(key.parentOid))
            continue;
        const qint64 child = copyTargetOf(catalog, key.childOid).oid;
        const qint64 parent = copyTargetOf(catalog, key.parentOid).oid;
        if (!indexOfOid.contains(child) || !indexOfOid.contains(parent) || child == parent)
            continue;
        if (key.deferrable)
            continue;  // checked at COMMIT: SET CONSTRAINTS ALL DEFERRED
        references.push_back({child, parent, &key});
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

} // namespace fkscope
