#pragma once

#include "catalog/Catalog.h"
#include "infer/InferredKey.h"
#include "infer/ValueCheck.h"
#include "util/Result.h"

#include <functional>
#include <vector>

namespace fkscope {

class Connection;

// Proposes the foreign keys a database does not declare: candidates from the names
// (CandidateFinder), each child column set's values read once against all its candidate
// parents (ValueCheck), then one confidence each (scoreKeys). Everything runs in one
// READ ONLY, REPEATABLE READ transaction; Connection::cancel() stops it between statements
// and in the one running.
class KeyInference {
public:
    KeyInference(Connection &connection, const Catalog &catalog) : m_connection(connection), m_catalog(catalog) {}

    void setStatementTimeout(int milliseconds) { m_statementTimeout = milliseconds; }
    // Only children in these schemas (all when empty).
    void setSchemas(const QStringList &schemas) { m_schemas = schemas; }
    // Children above this many rows are read through a sample of about as many (0: never).
    void setSampleRows(qint64 rows) { m_sampleRows = rows; }
    // Called after each child column set is checked: (done, total).
    void setProgress(std::function<void(int, int)> progress) { m_progress = std::move(progress); }

    // Proposals first (confidence >= 0.5), then the candidates left for review.
    Result<std::vector<InferredKey>> infer();

private:
    Status checkValues(std::vector<InferredKey> &keys);
    Status markIndexedChildren(std::vector<InferredKey> &keys);

    Connection &m_connection;
    const Catalog &m_catalog;
    int m_statementTimeout = 0;
    qint64 m_sampleRows = ValueCheck::defaultSampleRows;
    QStringList m_schemas;
    std::function<void(int, int)> m_progress;
};

} // namespace fkscope
