#include "script/InsertOrder.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <functional>
#include <queue>

namespace fkscope {

namespace {

bool checkedAtCommit(const ForeignKey *key, const QSet<const ForeignKey *> &deferred)
{
    // PostgreSQL never checks a virtual key: it orders nothing.
    return key->isVirtual || key->initiallyDeferred || deferred.contains(key);
}

// Tarjan's strongly connected components over "child needs parent". A component comes out
// after every component it reaches, and edges point from child to parent: parents first.
std::vector<std::vector<qint64>> componentsParentsFirst(const std::vector<qint64> &tables,
                                                        const QHash<qint64, QList<qint64>> &parentsOf)
{
    QHash<qint64, int> index, lowLink;
    QSet<qint64> onStack;
    std::vector<qint64> stack;
    std::vector<std::vector<qint64>> components;
    int next = 0;
    std::function<void(qint64)> visit = [&](qint64 table) {
        index[table] = lowLink[table] = next++;
        stack.push_back(table);
        onStack.insert(table);
        for (qint64 parent : parentsOf.value(table)) {
            if (!index.contains(parent)) {
                visit(parent);
                lowLink[table] = std::min(lowLink[table], lowLink[parent]);
            } else if (onStack.contains(parent)) {
                lowLink[table] = std::min(lowLink[table], index[parent]);
            }
        }
        if (lowLink[table] != index[table])
            return;
        std::vector<qint64> component;
        qint64 member = 0;
        do {
            member = stack.back();
            stack.pop_back();
            onStack.remove(member);
            component.push_back(member);
        } while (member != table);
        // Keep the caller's preference inside a cycle too, so scripts read the same each time.
        std::sort(component.begin(), component.end(), [&](qint64 a, qint64 b) {
            return std::find(tables.begin(), tables.end(), a) < std::find(tables.begin(), tables.end(), b);
        });
        components.push_back(component);
    };
    for (qint64 table : tables) {
        if (!index.contains(table))
            visit(table);
    }
    return components;
}

QHash<qint64, QList<qint64>> parentsWithout(const std::vector<TableReference> &references,
                                            const QSet<const ForeignKey *> &deferred)
{
    QHash<qint64, QList<qint64>> parentsOf;
    for (const TableReference &r : references) {
        if (r.child != r.parent && !checkedAtCommit(r.key, deferred) && !parentsOf.value(r.child).contains(r.parent))
            parentsOf[r.child].append(r.parent);
    }
    return parentsOf;
}

} // namespace

InsertOrder planInsertOrder(const std::vector<qint64> &tables, const std::vector<TableReference> &references,
                            const QSet<qint64> &cannotDefer)
{
    InsertOrder order;
    QSet<const ForeignKey *> deferred;
    // First pass: which tables form cycles at all; their deferrable keys are deferred.
    QHash<qint64, int> componentOf;
    const auto first = componentsParentsFirst(tables, parentsWithout(references, deferred));
    for (int i = 0; i < int(first.size()); ++i) {
        for (qint64 table : first[i])
            componentOf[table] = i;
    }
    for (const TableReference &r : references) {
        const bool inCycle = r.child == r.parent || componentOf.value(r.child) == componentOf.value(r.parent);
        if (inCycle && r.key->deferrable && !r.key->initiallyDeferred && !cannotDefer.contains(r.key->oid)
            && !deferred.contains(r.key)) {
            deferred.insert(r.key);
            order.deferred.push_back(r.key);
        }
    }
    std::sort(order.deferred.begin(), order.deferred.end(),
              [](const ForeignKey *a, const ForeignKey *b) { return a->oid < b->oid; });

    // Second pass: what the deferred keys leave.
    for (const auto &component : componentsParentsFirst(tables, parentsWithout(references, deferred))) {
        InsertStep step;
        step.tables = component;
        const QSet<qint64> members(component.begin(), component.end());
        for (const TableReference &r : references) {
            if (checkedAtCommit(r.key, deferred) || !members.contains(r.child) || !members.contains(r.parent))
                continue;
            if (r.child == r.parent && component.size() == 1)
                step.selfReferencing = true;
            if (std::find(step.cycleKeys.begin(), step.cycleKeys.end(), r.key) == step.cycleKeys.end())
                step.cycleKeys.push_back(r.key);
        }
        if (component.size() == 1 && !step.selfReferencing)
            step.cycleKeys.clear();
        order.steps.push_back(step);
    }
    return order;
}

std::optional<std::vector<int>> rowsParentsFirst(int rowCount, const std::vector<QPair<int, int>> &childParent)
{
    // Kahn's algorithm, taking the lowest ready row first so the table's own order survives.
    std::vector<int> waitingFor(static_cast<size_t>(rowCount), 0);
    std::vector<std::vector<int>> childrenOf(static_cast<size_t>(rowCount));
    QSet<QPair<int, int>> seen;
    for (const auto &[child, parent] : childParent) {
        if (child == parent || seen.contains({child, parent}))
            continue;
        seen.insert({child, parent});
        ++waitingFor[size_t(child)];
        childrenOf[size_t(parent)].push_back(child);
    }
    std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
    std::vector<int> order;
    for (int row = 0; row < rowCount; ++row) {
        if (waitingFor[size_t(row)] == 0)
            ready.push(row);
    }
    while (!ready.empty()) {
        const int row = ready.top();
        ready.pop();
        order.push_back(row);
        for (int child : childrenOf[size_t(row)]) {
            if (--waitingFor[size_t(child)] == 0)
                ready.push(child);
        }
    }
    if (int(order.size()) != rowCount)
        return std::nullopt;
    return order;
}

} // namespace fkscope
