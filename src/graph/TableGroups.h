#pragma once

#include "graph/TableFolding.h"

#include <QString>

#include <vector>

namespace fkscope {

// A box of the map: the tables of one schema that link closely to each other, or a whole
// small schema. Named for a person to read and type: "sales" for a schema in one box,
// "sales/orders" for a group, after its hub (its most referenced table that is not a lookup).
struct TableGroup {
    QString id;
    QString schema;
    int hub = -1;                  // catalog index
    std::vector<int> tables;       // catalog indices of the drawn tables it holds, sorted
};

struct GroupingOptions {
    int boxBudget = 40;            // about how many boxes the whole map should have
    int smallSchema = 12;          // a schema of at most this many tables is one box
};

// Splits tables (drawn ones: folded partitions and link tables left out) into groups:
// one per schema, and inside a big schema, communities by Louvain's modularity method over
// the keys between them (a folded link table counts as one key between its parents; keys to
// a lookup table (no key of its own, a one-column primary key, at most three columns) do not
// count, and a lookup joins the community most of its referencing tables are in). Big
// schemas share boxBudget by size; the smallest communities merge into the one they are
// most linked to until a schema is within its share. Deterministic: tables are visited in
// (schema, name, oid) order and ties go to the community first in that order, so the same
// catalog gives the same groups whatever order its vectors are in. Groups are sorted by id.
std::vector<TableGroup> groupTables(const ForeignKeyGraph &graph, const std::vector<int> &tables,
                                    const TableFolding &folding, const GroupingOptions &options = {});

// Communities of an undirected weighted graph by Louvain's method, deterministic: nodes
// are visited in index order and ties go to the lowest community. Returns a community
// number per node, numbered by first appearance. edges: (a, b, weight), a != b.
struct WeightedEdge {
    int a = 0;
    int b = 0;
    double weight = 1;
};
std::vector<int> louvainCommunities(int nodeCount, const std::vector<WeightedEdge> &edges);

} // namespace fkscope
