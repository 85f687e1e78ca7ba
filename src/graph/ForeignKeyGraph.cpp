#include "graph/ForeignKeyGraph.h"

namespace fkscope {

ForeignKeyGraph::ForeignKeyGraph(const Catalog &catalog)
    : m_catalog(catalog), m_up(catalog.tables.size()), m_down(catalog.tables.size())
{
    m_indexByOid.reserve(int(catalog.tables.size()));
    for (size_t i = 0; i < catalog.tables.size(); ++i)
        m_indexByOid.insert(catalog.tables[i].oid, int(i));
    m_keyEnds.reserve(catalog.foreignKeys.size());
    for (size_t k = 0; k < catalog.foreignKeys.size(); ++k) {
        const ForeignKey &key = catalog.foreignKeys[k];
        const int child = tableIndex(key.childOid);
        const int parent = tableIndex(key.parentOid);
        m_keyEnds.emplace_back(child, parent);
        // A key whose table was filtered out of the catalog is kept but joins nothing.
        if (child < 0 || parent < 0)
            continue;
        m_up[size_t(child)].push_back(int(k));
        m_down[size_t(parent)].push_back(int(k));
    }
}

int ForeignKeyGraph::findTable(const QString &name) const
{
    int found = -1;
    for (int i = 0; i < tableCount(); ++i) {
        const Table &t = table(i);
        if (t.qualifiedName == name)
            return i;
        const bool matches = name == t.schema + QLatin1Char('.') + t.name || name == t.name;
        if (matches) {
            if (found >= 0)
                return -1;
            found = i;
        }
    }
    return found;
}

} // namespace fkscope
