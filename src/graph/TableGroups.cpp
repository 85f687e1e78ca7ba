#include "graph/TableGroups.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <tuple>

namespace fkscope {

namespace {

// Adjacency with weights summed per neighbour, neighbours sorted; self-loops apart.
struct WeightedGraph {
    std::vector<std::map<int, double>> adjacent;
    std::vector<double> selfLoop;

    explicit WeightedGraph(int n) : adjacent(size_t(n)), selfLoop(size_t(n), 0) {}
    int size() const { return int(adjacent.size()); }
    void add(int a, int b, double w)
    {
        if (a == b) {
            selfLoop[size_t(a)] += w;
            return;
        }
        adjacent[size_t(a)][b] += w;
        adjacent[size_t(b)][a] += w;
    }
};

// One Louvain level: moves nodes between communities while modularity grows. Returns the
// community of each node, renumbered 0.. by first appearance; *moved says whether any moved.
std::vector<int> moveNodes(const WeightedGraph &g, bool *moved)
{
    const int n = g.size();
    std::vector<double> degree(size_t(n), 0);
    double total = 0;
    for (int i = 0; i < n; ++i) {
        degree[size_t(i)] = 2 * g.selfLoop[size_t(i)];
        for (const auto &[j, w] : g.adjacent[size_t(i)])
            degree[size_t(i)] += w;
        total += degree[size_t(i)];
    }
    std::vector<int> community(static_cast<size_t>(n));
    std::iota(community.begin(), community.end(), 0);
    std::vector<double> communityDegree = degree;
    *moved = false;
    if (total <= 0)
        return community;
    for (int pass = 0; pass < 50; ++pass) {
        bool movedThisPass = false;
        for (int i = 0; i < n; ++i) {
            std::map<int, double> toCommunity;  // sorted: ties go to the lowest community
            for (const auto &[j, w] : g.adjacent[size_t(i)])
                toCommunity[community[size_t(j)]] += w;
            const int own = community[size_t(i)];
            communityDegree[size_t(own)] -= degree[size_t(i)];
            const double k = degree[size_t(i)];
            int best = own;
            double bestGain = toCommunity[own] - communityDegree[size_t(own)] * k / total;
            for (const auto &[c, w] : toCommunity) {
                const double gain = w - communityDegree[size_t(c)] * k / total;
                if (gain > bestGain + 1e-9) {
                    best = c;
                    bestGain = gain;
                }
            }
            communityDegree[size_t(best)] += k;
            if (best != own) {
                community[size_t(i)] = best;
                movedThisPass = true;
                *moved = true;
            }
        }
        if (!movedThisPass)
            break;
    }
    QHash<int, int> renumber;
    for (int &c : community) {
        auto it = renumber.find(c);
        if (it == renumber.end())
            it = renumber.insert(c, int(renumber.size()));
        c = it.value();
    }
    return community;
}

} // namespace

std::vector<int> louvainCommunities(int nodeCount, const std::vector<WeightedEdge> &edges)
{
    WeightedGraph g(nodeCount);
    for (const WeightedEdge &e : edges)
        g.add(e.a, e.b, e.weight);
    std::vector<int> communityOf(static_cast<size_t>(nodeCount));
    std::iota(communityOf.begin(), communityOf.end(), 0);
    for (int level = 0; level < 20; ++level) {
        bool moved = false;
        const std::vector<int> community = moveNodes(g, &moved);
        if (!moved)
            break;
        for (int &c : communityOf)
            c = community[size_t(c)];
        const int communities = *std::max_element(community.begin(), community.end()) + 1;
        WeightedGraph next(communities);
        for (int i = 0; i < g.size(); ++i) {
            next.selfLoop[size_t(community[size_t(i)])] += g.selfLoop[size_t(i)];
            for (const auto &[j, w] : g.adjacent[size_t(i)]) {
                if (i < j)
                    next.add(community[size_t(i)], community[size_t(j)], w);
            }
        }
        g = std::move(next);
    }
    return communityOf;
}

namespace {

// Merges the smallest communities into their best-linked neighbour until at most `limit`
// remain. Communities are numbered by first appearance, so "first" ties are stable.
std::vector<int> mergeDown(std::vector<int> communityOf, const std::vector<WeightedEdge> &edges, int limit)
{
    while (true) {
        std::map<int, int> size;
        for (int c : communityOf)
            ++size[c];
        if (int(size.size()) <= std::max(limit, 1))
            return communityOf;
        // The smallest, the first of equals.
        int smallest = size.begin()->first;
        for (const auto &[c, s] : size) {
            if (s < size[smallest])
                smallest = c;
        }
        std::map<int, double> links;
        for (const WeightedEdge &e : edges) {
            const int ca = communityOf[size_t(e.a)];
            const int cb = communityOf[size_t(e.b)];
            if (ca == smallest && cb != smallest)
                links[cb] += e.weight;
            else if (cb == smallest && ca != smallest)
                links[ca] += e.weight;
        }
        int into = -1;
        double strongest = 0;
        for (const auto &[c, w] : links) {
            if (w > strongest) {
                into = c;
                strongest = w;
            }
        }
        if (into < 0) {
            // Linked to nothing else in the schema: joins the next smallest community.
            for (const auto &[c, s] : size) {
                if (c != smallest && (into < 0 || s < size[into]))
                    into = c;
            }
        }
        for (int &c : communityOf) {
            if (c == smallest)
                c = into;
        }
    }
}

} // namespace

std::vector<TableGroup> groupTables(const ForeignKeyGraph &graph, const std::vector<int> &tables,
                                    const TableFolding &folding, const GroupingOptions &options)
{
    // Visit in (schema, name, oid) order, not catalog order.
    std::vector<int> order(tables);
    auto sortKey = [&](int t) {
        const Table &table = graph.table(t);
        return std::make_tuple(table.schema, table.name, table.oid);
    };
    std::sort(order.begin(), order.end(), [&](int a, int b) { return sortKey(a) < sortKey(b); });

    QHash<int, int> rank;  // table -> position in order
    for (int i = 0; i < int(order.size()); ++i)
        rank.insert(order[size_t(i)], i);
    // How often each drawn table is referenced, by keys between drawn tables.
    QHash<int, int> references;
    std::vector<WeightedEdge> edges;  // over ranks
    auto addKey = [&](int child, int parent) {
        const int a = rank.value(folding.representative(child), -1);
        const int b = rank.value(folding.representative(parent), -1);
        if (a < 0 || b < 0)
            return;
        references[order[size_t(b)]] += 1;
        if (a != b && graph.table(order[size_t(a)]).schema == graph.table(order[size_t(b)]).schema)
            edges.push_back({a, b, 1});
    };
    for (int t : tables) {
        for (int k : graph.keysUp(t))
            addKey(t, graph.parentOf(k));
    }
    // A folded link table references both its parents, whichever of its keys comes first.
    for (const LinkTable &link : folding.links) {
        const int a = graph.parentOf(link.firstKey);
        const int b = graph.parentOf(link.secondKey);
        addKey(a, b);
        if (rank.contains(folding.representative(a)))
            references[folding.representative(a)] += 1;
    }
    // Folded partitions' keys: none (they have no key of their own), so nothing more.

    // A lookup table (a status, a kind: references nothing, one-column primary key, at most
    // three columns) is referenced by many tables that have nothing else in common.
    auto isLookup = [&](int t) {
        const Table &table = graph.table(t);
        const UniqueKey *primary = table.primaryKey();
        return graph.keysUp(t).empty() && table.kind == Table::Kind::Ordinary && table.columns.size() <= 3
               && primary && primary->columns.size() == 1 && references.value(t) >= 2;
    };

    // Schemas in order, each a range of ranks.
    std::vector<std::pair<int, int>> schemaRanges;
    for (int i = 0; i < int(order.size()); ++i) {
        if (i == 0 || graph.table(order[size_t(i)]).schema != graph.table(order[size_t(i - 1)]).schema)
            schemaRanges.emplace_back(i, i);
        schemaRanges.back().second = i + 1;
    }
    const double total = double(order.size());
    std::vector<TableGroup> groups;
    for (const auto &[begin, end] : schemaRanges) {
        const int n = end - begin;
        const QString schema = graph.table(order[size_t(begin)]).schema;
        std::vector<int> communityOf(size_t(n), 0);
        const int share = int(std::lround(options.boxBudget * n / std::max(total, 1.0)));
        if (n > options.smallSchema && share > 1) {
            std::vector<WeightedEdge> local;
            for (const WeightedEdge &e : edges) {
                if (e.a >= begin && e.a < end && e.b >= begin && e.b < end)
                    local.push_back({e.a - begin, e.b - begin, e.weight});
            }
            // Lookups join no community by themselves: tables sharing a status code are not
            // closely linked. Each goes where most of the tables referencing it went.
            std::vector<WeightedEdge> linked;
            for (const WeightedEdge &e : local) {
                if (!isLookup(order[size_t(begin + e.a)]) && !isLookup(order[size_t(begin + e.b)]))
                    linked.push_back(e);
            }
            communityOf = louvainCommunities(n, linked);
            for (int i = 0; i < n; ++i) {
                if (!isLookup(order[size_t(begin + i)]))
                    continue;
                std::map<int, int> votes;  // community -> referencing tables in it
                for (const WeightedEdge &e : local) {
                    // Either end: a folded link table's edge has no direction.
                    const int other = e.b == i ? e.a : e.a == i ? e.b : -1;
                    if (other >= 0 && !isLookup(order[size_t(begin + other)]))
                        ++votes[communityOf[size_t(other)]];
                }
                int best = -1;
                for (const auto &[c, v] : votes) {
                    if (best < 0 || v > votes[best])
                        best = c;
                }
                if (best >= 0)
                    communityOf[size_t(i)] = best;
            }
            communityOf = mergeDown(std::move(communityOf), local, share);
        }
        std::map<int, TableGroup> byCommunity;
        for (int i = 0; i < n; ++i) {
            TableGroup &group = byCommunity[communityOf[size_t(i)]];
            group.schema = schema;
            group.tables.push_back(order[size_t(begin + i)]);
        }
        const bool wholeSchema = byCommunity.size() == 1;
        for (auto &[c, group] : byCommunity) {
            // The hub: most referenced, then first in name order (tables are in that order);
            // a lookup only when the group has nothing else.
            for (int t : group.tables) {
                const auto score = std::make_pair(!isLookup(t), references.value(t));
                if (group.hub < 0 || score > std::make_pair(!isLookup(group.hub), references.value(group.hub)))
                    group.hub = t;
            }
            group.id = wholeSchema ? schema : schema + QLatin1Char('/') + graph.table(group.hub).name;
            std::sort(group.tables.begin(), group.tables.end());
            groups.push_back(std::move(group));
        }
    }
    std::sort(groups.begin(), groups.end(), [](const TableGroup &a, const TableGroup &b) { return a.id < b.id; });
    return groups;
}

} // namespace fkscope
