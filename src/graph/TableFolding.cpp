#include "graph/TableFolding.h"

#include <QSet>

#include <algorithm>

namespace fkscope {

bool isLinkTable(const ForeignKeyGraph &graph, int table, LinkTable *link)
{
    const Table &t = graph.table(table);
    const std::vector<int> &up = graph.keysUp(table);
    if (up.size() != 2 || !graph.keysDown(table).empty() || t.kind != Table::Kind::Ordinary
        || !t.partitionOf.isEmpty())
        return false;
    const UniqueKey *primary = t.primaryKey();
    if (!primary)
        return false;
    QSet<QString> keyColumns;
    for (int k : up) {
        for (const QString &column : graph.key(k).childColumns)
            keyColumns.insert(column);
    }
    const QSet<QString> primaryColumns(primary->columns.begin(), primary->columns.end());
    if (primaryColumns != keyColumns)
        return false;
    const int extra = int(t.columns.size()) - int(keyColumns.size());
    if (extra > maxLinkExtraColumns)
        return false;
    if (link)
        *link = {table, std::min(up[0], up[1]), std::max(up[0], up[1])};
    return true;
}

TableFolding foldTables(const ForeignKeyGraph &graph, const std::vector<int> &tables, const FoldOptions &options)
{
    TableFolding folding;
    QHash<QString, int> byName;
    QSet<int> present;
    for (int t : tables) {
        byName.insert(graph.table(t).qualifiedName, t);
        present.insert(t);
    }
    if (options.partitions) {
        // Nearest drawn ancestor: walk up while the partition has no key of its own.
        for (int t : tables) {
            int at = t;
            while (true) {
                const Table &table = graph.table(at);
                const bool ownKey = !graph.keysUp(at).empty() || !graph.keysDown(at).empty();
                const int parent = byName.value(table.partitionOf, -1);
                if (table.partitionOf.isEmpty() || ownKey || parent < 0)
                    break;
                at = parent;
            }
            if (at != t)
                folding.drawnAs.insert(t, at);
        }
    }
    if (options.linkTables) {
        for (int t : tables) {
            LinkTable link;
            if (!isLinkTable(graph, t, &link))
                continue;
            const int a = graph.parentOf(link.firstKey);
            const int b = graph.parentOf(link.secondKey);
            if (!present.contains(a) || !present.contains(b))
                continue;
            folding.linkOf.insert(t, int(folding.links.size()));
            folding.links.push_back(link);
        }
    }
    return folding;
}

std::vector<int> missingLinkParents(const ForeignKeyGraph &graph, const std::vector<int> &tables)
{
    const QSet<int> present(tables.begin(), tables.end());
    std::vector<int> missing;
    for (int t : tables) {
        LinkTable link;
        if (!isLinkTable(graph, t, &link))
            continue;
        for (int k : {link.firstKey, link.secondKey}) {
            const int parent = graph.parentOf(k);
            if (parent >= 0 && !present.contains(parent))
                missing.push_back(parent);
        }
    }
    std::sort(missing.begin(), missing.end());
    missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
    return missing;
}

} // namespace fkscope
