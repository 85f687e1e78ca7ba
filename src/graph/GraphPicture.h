#pragma once

#include "graph/Subgraph.h"
#include "graph/TableFolding.h"
#include "graph/TableGroups.h"
#include "util/Result.h"

#include <QPointF>
#include <QRectF>
#include <QSet>
#include <QStringList>

#include <vector>

namespace fkscope {

// What a drawing shows, before any layout: boxes and lines, each holding the tables and keys
// it stands for, so that every shown table and key is held exactly once. A box is a table
// (with the partitions folded into it) or, in the map, a group of tables; a line is a key, a
// folded link table (its two keys), or in the map a bundle of the keys and link tables
// between two boxes. Plain values: the window can lay it out, draw it and list it.
struct PictureNode {
    enum class Kind { Table, Group } kind = Kind::Table;
    QString id;                    // "t<oid>" for a table, the group's id for a group
    QString schema;
    int table = -1;                // Table: the catalog index; Group: its hub
    std::vector<int> tables;       // catalog indices held: a table and its folded partitions, or a group's
    std::vector<int> keys;         // keys drawn inside the box (a group's keys between its own tables)
    QStringList label;             // lines
    QString tooltip;
    double fontSize = 10;
    bool focus = false;
    // Filled by placePicture: centre and size in points, y growing downwards.
    QPointF position;
    double width = 0;
    double height = 0;
};

struct PictureEdge {
    enum class Kind { Key, Link, Bundle } kind = Kind::Key;
    int tail = 0;                  // node indices; for a key, its child's box
    int head = 0;                  // and its parent's
    std::vector<int> keys;         // catalog indices, sorted
    std::vector<int> linkTables;   // folded link tables drawn by this line, sorted
    QString label;
    QString tooltip;
};

// A schema's frame in the map.
struct PictureCluster {
    QString schema;
    std::vector<int> nodes;
    QRectF box;                    // filled by placePicture
};

struct PictureOptions {
    FoldOptions fold;
    bool map = false;              // groups of tables instead of tables
    QSet<QString> expanded;        // group ids drawn as their tables
    GroupingOptions grouping;
    qint64 focusOid = 0;           // the table to mark, for a neighbourhood
};

struct GraphPicture {
    std::vector<PictureNode> nodes;
    std::vector<PictureEdge> edges;
    std::vector<PictureCluster> clusters;  // the map's schemas; empty otherwise
    std::vector<TableGroup> groups;        // the map's groups, expanded ones too
    bool placed = false;                   // positions and sizes are filled in
    QRectF bounds;
    QRectF legend;                         // where the key legend goes, when placed with one

    int nodeIndex(const QString &id) const;
    // Everything held, counted once: tables in boxes and folded link tables on lines, keys
    // in boxes and on lines.
    std::vector<int> heldTables() const;
    std::vector<int> heldKeys() const;
};

// Above this many tables (after the schema filter and hidden tables), the whole graph's first
// view is a map.
constexpr size_t mapThreshold = 150;

// The picture a view asks for, as fkscope-cli graph and the window draw it: the query's
// subgraph (with the other ends of folded link tables, for a neighbourhood); a map when there
// is no focus and more than mapThreshold tables, unless allTables. Fails (Error::Kind::Usage)
// for a focus not in the catalog, or a group in options.expanded that the map does not have.
// options.map is set here.
Result<GraphPicture> pictureOf(const ForeignKeyGraph &graph, const GraphQuery &query, PictureOptions options,
                               bool allTables = false);

// The picture of a subgraph. Its tables are folded as options.fold says; with options.map
// they are grouped (see groupTables) and each group not in options.expanded is one box.
GraphPicture buildPicture(const ForeignKeyGraph &graph, const Subgraph &subgraph, const PictureOptions &options);

// What a table's box says of its size: "≈ 1,200 rows", or empty when it was never analyzed.
QString rowsLabel(const Table &table);

// The subgraph with the tables a link table in it joins, when the query lets them be seen,
// and the keys between them: a neighbourhood draws a link table folded only when both its
// parents are there, so a many-to-many neighbour is one hop away.
Subgraph withLinkParents(const ForeignKeyGraph &graph, const GraphQuery &query, Subgraph subgraph);

} // namespace fkscope
