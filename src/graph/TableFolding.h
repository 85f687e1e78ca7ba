#pragma once

#include "graph/ForeignKeyGraph.h"

#include <QHash>

#include <vector>

namespace fkscope {

// A link table folds into one edge between the two tables it joins. It qualifies when it
// holds exactly two keys, nothing references it, its primary key is made of exactly the
// columns of those two keys, and it has at most maxLinkExtraColumns other columns (a
// created_at, a position); a table with more is an entity of its own and stays a box.
constexpr int maxLinkExtraColumns = 2;

struct LinkTable {
    int table = -1;
    int firstKey = -1;   // the two keys, in catalog order; parents may be the same table
    int secondKey = -1;
};

// Whether the table is a link table by the rule above; *link is filled when it is.
bool isLinkTable(const ForeignKeyGraph &graph, int table, LinkTable *link = nullptr);

struct FoldOptions {
    bool linkTables = true;
    bool partitions = true;
};

// Which of a set of tables are drawn as something else. Partitions fold into their nearest
// ancestor that is drawn, unless a key of their own starts or ends at them: the catalog keeps
// only keys with no parent constraint (pg_constraint.conparentid = 0), so a key on a partition
// in it was declared there, never a clone of the partitioned table's. Link tables fold into
// an edge when both their parents are drawn as tables.
struct TableFolding {
    QHash<int, int> drawnAs;          // a folded partition -> the table it is drawn in
    std::vector<LinkTable> links;     // folded link tables, in table order
    QHash<int, int> linkOf;           // link table -> index into links

    // The table a table (or a key end) is drawn in: itself unless it is a folded partition.
    int representative(int table) const { return drawnAs.value(table, table); }
    bool isFoldedLink(int table) const { return linkOf.contains(table); }
};

// Folds within `tables` (catalog indices, sorted); tables outside the set are ignored.
TableFolding foldTables(const ForeignKeyGraph &graph, const std::vector<int> &tables, const FoldOptions &options);

// The parents a link table joins that are missing from `tables`: a neighbourhood that shows
// a link table folded needs both its ends. Sorted, no duplicates.
std::vector<int> missingLinkParents(const ForeignKeyGraph &graph, const std::vector<int> &tables);

} // namespace fkscope
