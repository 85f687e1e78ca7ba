#include "infer/InferKeys.h"

#include "infer/KeyInference.h"

namespace fkscope {

Result<std::vector<InferredKey>> inferKeys(Connection &connection, const Catalog &catalog, int statementTimeout,
                                           std::function<void(int, int)> progress)
{
    KeyInference inference(connection, catalog);
    inference.setStatementTimeout(statementTimeout);
    inference.setProgress(std::move(progress));
    return inference.infer();
}

} // namespace fkscope
