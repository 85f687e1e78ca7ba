#include "impact/TableHierarchy.h"

namespace fkscope {

TableHierarchy::TableHierarchy(const Catalog &catalog) : m_catalog(catalog)
{
    for (const Table &t : catalog.tables) {
        if (const Table *parent = t.partitionOf.isEmpty() ? nullptr : catalog.table(t.partitionOf))
            m_partitions[parent->oid].append(t.oid);
        for (const QString &name : t.inherits) {
            if (const Table *parent = catalog.table(name))
                m_inheritors[parent->oid].append(t.oid);
        }
    }
}

QList<qint64> TableHierarchy::storage(qint64 tableOid) const
{
    const Table *table = m_catalog.table(tableOid);
    if (!table || table->kind != Table::Kind::Partitioned)
        return {tableOid};
    QList<qint64> leaves;
    for (qint64 partition : m_partitions.value(tableOid))
        leaves += storage(partition);
    return leaves;
}

QList<qint64> TableHierarchy::selfAndPartitionAncestors(qint64 tableOid) const
{
    QList<qint64> chain;
    for (const Table *t = m_catalog.table(tableOid); t; t = t->partitionOf.isEmpty() ? nullptr : m_catalog.table(t->partitionOf))
        chain.append(t->oid);
    return chain;
}

QList<qint64> TableHierarchy::storageWithInheritance(qint64 tableOid) const
{
    QList<qint64> all = storage(tableOid);
    for (qint64 child : m_inheritors.value(tableOid))
        all += storageWithInheritance(child);
    return all;
}

} // namespace fkscope
