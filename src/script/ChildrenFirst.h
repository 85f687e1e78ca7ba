#pragma once

#include <QHash>
#include <QList>

#include <vector>

namespace fkscope {

// Strongly connected groups of nodes (tables, relations), children before parents: the order
// in which statements can delete them. The nodes of one group reference each other, so one
// statement must delete the group (PostgreSQL checks NO ACTION and RESTRICT keys at the end of
// a statement). Nodes keep their given order within a group.
std::vector<QList<qint64>> childrenFirstGroups(const QList<qint64> &nodes, const QHash<qint64, QList<qint64>> &children);

} // namespace fkscope
