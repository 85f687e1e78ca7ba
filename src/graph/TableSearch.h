#pragma once

#include "graph/ForeignKeyGraph.h"

#include <QString>

#include <vector>

namespace fkscope {

// What Find picks for what was typed (trimmed): an exact qualified name first, then an exact
// name, then any table whose qualified name holds it, whatever the case; among equals, the
// first by qualified name. Returns the best of tables (catalog indices), or -1 when none matches.
int bestNameMatch(const ForeignKeyGraph &graph, const std::vector<int> &tables, const QString &text);

} // namespace fkscope
