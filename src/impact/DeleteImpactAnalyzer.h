#pragma once

#include "impact/DeleteImpact.h"
#include "util/Result.h"

namespace fkscope {

class Connection;

// Predicts what `DELETE FROM root WHERE ...` would do, without writing anything: all its
// queries run in one READ ONLY, REPEATABLE READ transaction, so the counts come from one
// snapshot.
class DeleteImpactAnalyzer {
public:
    DeleteImpactAnalyzer(Connection &connection, const Catalog &catalog)
        : m_connection(connection), m_catalog(catalog)
    {
    }

    void setStatementTimeout(int milliseconds) { m_statementTimeout = milliseconds; }
    // Always use the general (recursive) plan, even where the layered one applies.
    void setGeneralPlanOnly(bool generalOnly) { m_generalPlanOnly = generalOnly; }

    Result<DeleteImpact> analyze(const DeleteRoot &root);
    // The same, inside a transaction the caller has opened (REPEATABLE READ, so that what it
    // reads next comes from the same snapshot).
    Result<DeleteImpact> analyzeInTransaction(const DeleteRoot &root);

private:
    Connection &m_connection;
    const Catalog &m_catalog;
    int m_statementTimeout = 0;
    bool m_generalPlanOnly = false;
};

} // namespace fkscope
