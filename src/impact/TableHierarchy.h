#pragma once

#include "catalog/Catalog.h"

#include <QHash>
#include <QList>

namespace fkscope {

// Partitions and inheritance, as the foreign-key rules see them. A key that references a
// partitioned table covers the rows of every partition; a key on a table with legacy
// INHERITS children sees only the table's own rows.
class TableHierarchy {
public:
    explicit TableHierarchy(const Catalog &catalog);

    // The relations that hold the rows of a table: its leaf partitions, or the table itself.
    QList<qint64> storage(qint64 tableOid) const;
    // The table and the partitioned tables above it: the keys that reference any of them
    // reference the rows stored in it.
    QList<qint64> selfAndPartitionAncestors(qint64 tableOid) const;
    // What a plain `DELETE FROM table` reaches: its storage and that of its INHERITS children.
    QList<qint64> storageWithInheritance(qint64 tableOid) const;

private:
    const Catalog &m_catalog;
    QHash<qint64, QList<qint64>> m_partitions;   // partitioned table -> direct partitions
    QHash<qint64, QList<qint64>> m_inheritors;   // table -> direct INHERITS children
};

} // namespace fkscope
