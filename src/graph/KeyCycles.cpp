#include "graph/KeyCycles.h"

#include <algorithm>

namespace fkscope {

namespace {

// Tarjan's strongly connected components, iterative: a generated schema may chain
// thousands of tables, deeper than a thread's stack would like to recurse.
std::vector<std::vector<int>> stronglyConnected(const ForeignKeyGraph &graph)
{
    const int n = graph.tableCount();
    std::vector<int> index(size_t(n), -1), low(size_t(n), 0);
    std::vector<char> onStack(size_t(n), 0);
    std::vector<int> stack;
    std::vector<std::vector<int>> components;
    int counter = 0;

    struct Frame {
        int table;
        size_t next;  // next key in keysUp(table) to look at
    };
    for (int root = 0; root < n; ++root) {
        if (index[size_t(root)] >= 0)
            continue;
        std::vector<Frame> calls{{root, 0}};
        index[size_t(root)] = low[size_t(root)] = counter++;
        stack.push_back(root);
        onStack[size_t(root)] = 1;
        while (!calls.empty()) {
            Frame &frame = calls.back();
            const int v = frame.table;
            const std::vector<int> &keys = graph.keysUp(v);
            if (frame.next < keys.size()) {
                const int w = graph.parentOf(keys[frame.next++]);
                if (w < 0)
                    continue;
                if (index[size_t(w)] < 0) {
                    index[size_t(w)] = low[size_t(w)] = counter++;
                    stack.push_back(w);
                    onStack[size_t(w)] = 1;
                    calls.push_back({w, 0});
                } else if (onStack[size_t(w)]) {
                    low[size_t(v)] = std::min(low[size_t(v)], index[size_t(w)]);
                }
                continue;
            }
            if (low[size_t(v)] == index[size_t(v)]) {
                std::vector<int> component;
                int w;
                do {
                    w = stack.back();
                    stack.pop_back();
                    onStack[size_t(w)] = 0;
                    component.push_back(w);
                } while (w != v);
                components.push_back(std::move(component));
            }
            calls.pop_back();
            if (!calls.empty()) {
                const int parent = calls.back().table;
                low[size_t(parent)] = std::min(low[size_t(parent)], low[size_t(v)]);
            }
        }
    }
    return components;
}

} // namespace

std::vector<KeyCycle> keyCycles(const ForeignKeyGraph &graph)
{
    std::vector<int> componentOf(size_t(graph.tableCount()), -1);
    std::vector<KeyCycle> cycles;
    for (std::vector<int> &component : stronglyConnected(graph)) {
        const int only = component.front();
        bool selfReference = false;
        for (int key : graph.keysUp(only))
            selfReference = selfReference || graph.parentOf(key) == only;
        if (component.size() == 1 && !selfReference)
            continue;
        std::sort(component.begin(), component.end());
        for (int t : component)
            componentOf[size_t(t)] = int(cycles.size());
        cycles.push_back({std::move(component), {}});
    }
    for (int k = 0; k < graph.keyCount(); ++k) {
        const int child = graph.childOf(k);
        const int parent = graph.parentOf(k);
        if (child >= 0 && parent >= 0 && componentOf[size_t(child)] >= 0
            && componentOf[size_t(child)] == componentOf[size_t(parent)])
            cycles[size_t(componentOf[size_t(child)])].keys.push_back(k);
    }
    std::sort(cycles.begin(), cycles.end(),
              [](const KeyCycle &a, const KeyCycle &b) { return a.tables.front() < b.tables.front(); });
    return cycles;
}

std::vector<bool> tablesOnCycles(const ForeignKeyGraph &graph)
{
    std::vector<bool> on(size_t(graph.tableCount()), false);
    for (const KeyCycle &cycle : keyCycles(graph)) {
        for (int t : cycle.tables)
            on[size_t(t)] = true;
    }
    return on;
}

} // namespace fkscope
