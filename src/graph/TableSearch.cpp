#include "graph/TableSearch.h"

namespace fkscope {

namespace {

// 0 exact qualified name, 1 exact name, 2 a case-insensitive part of the qualified name,
// 3 no match.
int matchRank(const Table &table, const QString &needle)
{
    if (table.qualifiedName == needle)
        return 0;
    if (table.name == needle)
        return 1;
    if (table.qualifiedName.contains(needle, Qt::CaseInsensitive))
        return 2;
    return 3;
}

} // namespace

int bestNameMatch(const ForeignKeyGraph &graph, const std::vector<int> &tables, const QString &text)
{
    const QString needle = text.trimmed();
    if (needle.isEmpty())
        return -1;
    int best = -1, bestRank = 3;
    for (int t : tables) {
        const Table &table = graph.table(t);
        const int rank = matchRank(table, needle);
        if (rank < bestRank || (rank == bestRank && best >= 0 && table.qualifiedName < graph.table(best).qualifiedName)) {
            best = t;
            bestRank = rank;
        }
    }
    return best;
}

} // namespace fkscope
