#pragma once

#include "catalog/Catalog.h"
#include "infer/InferredKey.h"
#include "util/Result.h"

#include <functional>
#include <vector>

namespace fkscope {

class Connection;

// KeyInference with its defaults, for callers that do not see Qt Sql (the window): the same
// read-only run, progress as (column sets checked, of total), cancelled by Connection::cancel().
Result<std::vector<InferredKey>> inferKeys(Connection &connection, const Catalog &catalog, int statementTimeout,
                                           std::function<void(int, int)> progress);

} // namespace fkscope
