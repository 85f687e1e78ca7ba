#pragma once

#include "catalog/Catalog.h"
#include "rows/RowPage.h"
#include "rows/RowPageQuery.h"
#include "util/Result.h"

#include <atomic>

namespace fkscope {

class Connection;

// Loads one page of a table's rows. Each page runs in its own READ ONLY transaction, as a
// single statement of the extended query protocol, which refuses a second statement: a
// filter cannot end the transaction with "; COMMIT" and write after it.
class RowPageLoader {
public:
    explicit RowPageLoader(Connection &connection) : m_connection(connection) {}

    void setStatementTimeout(int milliseconds) { m_statementTimeout = milliseconds; }
    // Checked between the statements of one page (a ctid page may take several).
    void setCancelFlag(const std::atomic<bool> *cancelled) { m_cancelled = cancelled; }

    // Up to limit rows of table matching query, after `after` (a RowCursor{} for the first page).
    Result<RowPage> load(const Table &table, const RowQuery &query, const RowCursor &after, int limit);

private:
    Result<RowPage> loadInTransaction(const RowPageQuery &query, const RowCursor &after, int limit);
    Status fetch(const RowPageQuery &query, const RowCursor &after, int limit, RowPage &page);

    Connection &m_connection;
    int m_statementTimeout = 0;
    const std::atomic<bool> *m_cancelled = nullptr;
};

} // namespace fkscope
