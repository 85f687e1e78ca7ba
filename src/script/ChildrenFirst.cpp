#include "script/ChildrenFirst.h"

#include <QSet>

#include <algorithm>
#include <functional>

namespace fkscope {

// Tarjan's algorithm: a group is complete when the walk returns to its first node, after every
// group below it, so the groups come out children first.
std::vector<QList<qint64>> childrenFirstGroups(const QList<qint64> &nodes, const QHash<qint64, QList<qint64>> &children)
{
    std::vector<QList<qint64>> groups;
    QHash<qint64, int> index, lowLink;
    QList<qint64> stack;
    QSet<qint64> onStack;
    int counter = 0;
    std::function<void(qint64)> visit = [&](qint64 node) {
        index[node] = lowLink[node] = counter++;
        stack.push_back(node);
        onStack.insert(node);
        for (qint64 child : children.value(node)) {
            if (!index.contains(child)) {
                visit(child);
                lowLink[node] = std::min(lowLink[node], lowLink[child]);
            } else if (onStack.contains(child)) {
                lowLink[node] = std::min(lowLink[node], index[child]);
            }
        }
        if (lowLink[node] != index[node])
            return;
        QList<qint64> group;
        qint64 member;
        do {
            member = stack.takeLast();
            onStack.remove(member);
            group.push_back(member);
        } while (member != node);
        std::sort(group.begin(), group.end(),
                  [&](qint64 a, qint64 b) { return nodes.indexOf(a) < nodes.indexOf(b); });
        groups.push_back(group);
    };
    for (qint64 node : nodes) {
        if (!index.contains(node))
            visit(node);
    }
    return groups;
}

} // namespace fkscope
