#pragma once

#include "catalog/Catalog.h"

#include <QHash>

#include <vector>

namespace fkscope {

// The foreign keys of a catalog as adjacency lists: for every table, the keys it holds (edges
// up to its parents) and the keys that point at it (edges down to its children). Tables and
// keys are indices into the catalog's vectors. A view, like std::string_view: the catalog
// must outlive it.
class ForeignKeyGraph {
public:
    explicit ForeignKeyGraph(const Catalog &catalog);

    const Catalog &catalog() const { return m_catalog; }
    int tableCount() const { return int(m_catalog.tables.size()); }
    int keyCount() const { return int(m_catalog.foreignKeys.size()); }

    // -1 when the catalog has no such table.
    int tableIndex(qint64 oid) const { return m_indexByOid.value(oid, -1); }
    // Accepts a quoted qualified name ("Sales"."Order Items"), or schema.name / name written
    // without quotes when that is unambiguous. -1 when nothing (or more than one) matches.
    int findTable(const QString &name) const;

    const Table &table(int index) const { return m_catalog.tables[size_t(index)]; }
    const ForeignKey &key(int index) const { return m_catalog.foreignKeys[size_t(index)]; }
    int childOf(int key) const { return m_keyEnds[size_t(key)].first; }
    int parentOf(int key) const { return m_keyEnds[size_t(key)].second; }

    // Keys held by the table (it is their child), and keys that reference it (it is their parent).
    const std::vector<int> &keysUp(int table) const { return m_up[size_t(table)]; }
    const std::vector<int> &keysDown(int table) const { return m_down[size_t(table)]; }

private:
    const Catalog &m_catalog;
    QHash<qint64, int> m_indexByOid;
    std::vector<std::pair<int, int>> m_keyEnds;  // (child, parent); -1 for a table not in the catalog
    std::vector<std::vector<int>> m_up;
    std::vector<std::vector<int>> m_down;
};

} // namespace fkscope
