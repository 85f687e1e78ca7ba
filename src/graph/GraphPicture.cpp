#include "graph/GraphPicture.h"

#include <QHash>
#include <QLocale>

#include <algorithm>
#include <map>

namespace fkscope {

namespace {

QString count(int n, const char *one, const char *many)
{
    return QStringLiteral("%1 %2").arg(QLocale::c().toString(n), QLatin1String(n == 1 ? one : many));
}

// A list of names for a tooltip, cut after `limit`.
QString nameList(const ForeignKeyGraph &graph, const std::vector<int> &tables, int limit = 25)
{
    QStringList names;
    for (int t : tables) {
        if (names.size() == limit) {
            names << QStringLiteral("… and %1 more").arg(int(tables.size()) - limit);
            break;
        }
        names << graph.table(t).qualifiedName;
    }
    return names.join(QStringLiteral(", "));
}

void sortUnique(std::vector<int> &v)
{
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

PictureNode tableNode(const ForeignKeyGraph &graph, int t, const std::vector<int> &held)
{
    const Table &table = graph.table(t);
    PictureNode node;
    node.kind = PictureNode::Kind::Table;
    node.id = QStringLiteral("t%1").arg(table.oid);
    node.schema = table.schema;
    node.table = t;
    node.tables = held;
    node.label << table.qualifiedName;
    const QString rows = rowsLabel(table);
    if (!rows.isEmpty())
        node.label << rows;
    node.tooltip = table.qualifiedName;
    if (held.size() > 1) {
        std::vector<int> partitions;
        std::copy_if(held.begin(), held.end(), std::back_inserter(partitions), [&](int p) { return p != t; });
        node.label << QStringLiteral("+ ") + count(int(partitions.size()), "partition", "partitions");
        node.tooltip += QStringLiteral("\npartitions drawn in it: ") + nameList(graph, partitions);
    }
    return node;
}

} // namespace

int GraphPicture::nodeIndex(const QString &id) const
{
    for (size_t i = 0; i < nodes.size(); ++i) {
        if (nodes[i].id == id)
            return int(i);
    }
    return -1;
}

std::vector<int> GraphPicture::heldTables() const
{
    std::vector<int> all;
    for (const PictureNode &n : nodes)
        all.insert(all.end(), n.tables.begin(), n.tables.end());
    for (const PictureEdge &e : edges)
        all.insert(all.end(), e.linkTables.begin(), e.linkTables.end());
    std::sort(all.begin(), all.end());
    return all;
}

std::vector<int> GraphPicture::heldKeys() const
{
    std::vector<int> all;
    for (const PictureNode &n : nodes)
        all.insert(all.end(), n.keys.begin(), n.keys.end());
    for (const PictureEdge &e : edges)
        all.insert(all.end(), e.keys.begin(), e.keys.end());
    std::sort(all.begin(), all.end());
    return all;
}

GraphPicture buildPicture(const ForeignKeyGraph &graph, const Subgraph &subgraph, const PictureOptions &options)
{
    GraphPicture picture;
    const TableFolding folding = foldTables(graph, subgraph.tables, options.fold);

    // Drawn tables (representatives) and what each holds.
    std::map<int, std::vector<int>> heldBy;  // representative -> tables, sorted by index
    for (int t : subgraph.tables) {
        if (!folding.isFoldedLink(t))
            heldBy[folding.representative(t)].push_back(t);
    }
    std::vector<int> drawn;
    for (const auto &[t, held] : heldBy)
        drawn.push_back(t);

    QHash<int, int> boxOf;  // drawn table -> node index
    auto addTableNode = [&](int t) {
        boxOf.insert(t, int(picture.nodes.size()));
        PictureNode node = tableNode(graph, t, heldBy[t]);
        node.focus = options.focusOid != 0 && graph.table(t).oid == options.focusOid;
        picture.nodes.push_back(std::move(node));
    };
    QHash<int, int> groupNodes;  // node index -> index into picture.groups
    if (options.map) {
        picture.groups = groupTables(graph, drawn, folding, options.grouping);
        std::map<QString, int> clusterOf;
        for (size_t g = 0; g < picture.groups.size(); ++g) {
            const TableGroup &group = picture.groups[g];
            auto [it, added] = clusterOf.try_emplace(group.schema, int(picture.clusters.size()));
            if (added)
                picture.clusters.push_back({group.schema, {}, {}});
            PictureCluster &cluster = picture.clusters[size_t(it->second)];
            if (options.expanded.contains(group.id)) {
                for (int t : group.tables) {
                    cluster.nodes.push_back(int(picture.nodes.size()));
                    addTableNode(t);
                }
                continue;
            }
            PictureNode node;
            node.kind = PictureNode::Kind::Group;
            node.id = group.id;
            node.schema = group.schema;
            node.table = group.hub;
            for (int t : group.tables) {
                boxOf.insert(t, int(picture.nodes.size()));
                node.tables.insert(node.tables.end(), heldBy[t].begin(), heldBy[t].end());
            }
            groupNodes.insert(int(picture.nodes.size()), int(g));
            cluster.nodes.push_back(int(picture.nodes.size()));
            picture.nodes.push_back(std::move(node));
        }
    } else {
        for (int t : drawn)
            addTableNode(t);
    }

    // Lines. Between two tables, one per key or folded link table; anything touching a group
    // joins the bundle of its pair of boxes.
    std::map<std::pair<int, int>, int> bundleOf;
    auto isGroup = [&](int node) { return picture.nodes[size_t(node)].kind == PictureNode::Kind::Group; };
    auto bundle = [&](int a, int b) -> PictureEdge & {
        const auto pair = std::minmax(a, b);
        auto [it, added] = bundleOf.try_emplace({pair.first, pair.second}, int(picture.edges.size()));
        if (added) {
            PictureEdge edge;
            edge.kind = PictureEdge::Kind::Bundle;
            edge.tail = pair.first;
            edge.head = pair.second;
            picture.edges.push_back(edge);
        }
        return picture.edges[size_t(it->second)];
    };
    for (int k : subgraph.keys) {
        const int child = graph.childOf(k);
        if (folding.isFoldedLink(child))
            continue;
        const int a = boxOf.value(folding.representative(child));
        const int b = boxOf.value(folding.representative(graph.parentOf(k)));
        if (a == b && isGroup(a)) {
            picture.nodes[size_t(a)].keys.push_back(k);
        } else if (isGroup(a) || isGroup(b)) {
            bundle(a, b).keys.push_back(k);
        } else {
            PictureEdge edge;
            edge.tail = a;
            edge.head = b;
            edge.keys = {k};
            picture.edges.push_back(edge);
        }
    }
    for (const LinkTable &link : folding.links) {
        const int a = boxOf.value(folding.representative(graph.parentOf(link.firstKey)));
        const int b = boxOf.value(folding.representative(graph.parentOf(link.secondKey)));
        const std::vector<int> keys{link.firstKey, link.secondKey};
        if (a == b && isGroup(a)) {
            PictureNode &node = picture.nodes[size_t(a)];
            node.tables.push_back(link.table);
            node.keys.insert(node.keys.end(), keys.begin(), keys.end());
        } else if (isGroup(a) || isGroup(b)) {
            PictureEdge &edge = bundle(a, b);
            edge.linkTables.push_back(link.table);
            edge.keys.insert(edge.keys.end(), keys.begin(), keys.end());
        } else {
            PictureEdge edge;
            edge.kind = PictureEdge::Kind::Link;
            edge.tail = a;
            edge.head = b;
            edge.keys = keys;
            edge.linkTables = {link.table};
            const Table &table = graph.table(link.table);
            edge.label = table.name;
            edge.tooltip = QStringLiteral("link table %1 (1 table, 2 keys), folded: %2 and %3")
                               .arg(table.qualifiedName, graph.key(link.firstKey).name, graph.key(link.secondKey).name);
            picture.edges.push_back(edge);
        }
    }

    // Labels of groups and bundles, now that their contents are known.
    for (auto it = groupNodes.begin(); it != groupNodes.end(); ++it) {
        PictureNode &node = picture.nodes[size_t(it.key())];
        sortUnique(node.tables);
        sortUnique(node.keys);
        const QString contents = count(int(node.tables.size()), "table", "tables") + QStringLiteral(" · ")
                                 + count(int(node.keys.size()), "key", "keys");
        node.label = QStringList{node.id, contents};
        node.tooltip = QStringLiteral("%1: %2, hub %3\n%4")
                           .arg(node.id, contents, graph.table(node.table).qualifiedName, nameList(graph, node.tables));
    }
    for (PictureEdge &edge : picture.edges) {
        sortUnique(edge.keys);
        sortUnique(edge.linkTables);
        if (edge.kind != PictureEdge::Kind::Bundle)
            continue;
        edge.tooltip = QStringLiteral("%1 – %2: %3").arg(picture.nodes[size_t(edge.tail)].id,
                                                        picture.nodes[size_t(edge.head)].id,
                                                        count(int(edge.keys.size()), "key", "keys"));
        if (!edge.linkTables.empty())
            edge.tooltip += QStringLiteral(", of them in ") + count(int(edge.linkTables.size()), "link table", "link tables")
                            + QStringLiteral(": ") + nameList(graph, edge.linkTables, 10);
    }
    return picture;
}

Result<GraphPicture> pictureOf(const ForeignKeyGraph &graph, const GraphQuery &query, PictureOptions options,
                               bool allTables)
{
    auto subgraph = selectSubgraph(graph, query);
    if (!subgraph)
        return subgraph.error();
    if (query.focusOid != 0 && options.fold.linkTables)
        subgraph = withLinkParents(graph, query, subgraph.take());
    options.map = query.focusOid == 0 && !allTables && subgraph->tables.size() > mapThreshold;
    options.focusOid = query.focusOid;
    GraphPicture picture = buildPicture(graph, subgraph.value(), options);
    for (const QString &group : std::as_const(options.expanded)) {
        const bool known = std::any_of(picture.groups.begin(), picture.groups.end(),
                                       [&](const TableGroup &g) { return g.id == group; });
        if (!known)
            return Error::usage(options.map ? QStringLiteral("no group named %1 in the map").arg(group)
                                            : QStringLiteral("%1: only the map (more than %2 tables, no focus) has groups")
                                                  .arg(group).arg(mapThreshold));
    }
    return picture;
}

Subgraph withLinkParents(const ForeignKeyGraph &graph, const GraphQuery &query, Subgraph subgraph)
{
    std::vector<int> extra;
    for (int t : missingLinkParents(graph, subgraph.tables)) {
        if (isVisible(graph, query, t))
            extra.push_back(t);
    }
    if (extra.empty())
        return subgraph;
    subgraph.tables.insert(subgraph.tables.end(), extra.begin(), extra.end());
    sortUnique(subgraph.tables);
    const QSet<int> shown(subgraph.tables.begin(), subgraph.tables.end());
    subgraph.keys.clear();
    for (int t : subgraph.tables) {
        for (int k : graph.keysUp(t)) {
            if (shown.contains(graph.parentOf(k)))
                subgraph.keys.push_back(k);
        }
    }
    sortUnique(subgraph.keys);
    return subgraph;
}

QString rowsLabel(const Table &table)
{
    if (!table.rowEstimate)
        return {};
    return QStringLiteral("≈ %1 rows").arg(QLocale::c().toString(qlonglong(std::max<qint64>(0, *table.rowEstimate))));
}

} // namespace fkscope
