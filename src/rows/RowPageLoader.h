#pragma once

#include "catalog/Catalog.h"
#include "rows/RowPage.h"
#include "rows/RowPageQuery.h"
#include "util/Result.h"

namespace fkscope {

class Connection;

// Loads one page of a table's rows. Each page runs in its own READ ONLY transaction, as a
// single statement of the extended query protocol, which refuses a second statement: a
// filter cannot end the transaction with "; COMMIT" and write after it.
class RowPageLoader {
public:
    explicit RowPageLoader(Connection &connection) : m_connection(connection) {}

    // A ctid page may take several statements; between them it stops when the connection's
    // cancel flag is up (Connection::cancel()).
    void setStatementTimeout(int milliseconds) { m_statementTimeout = milliseconds; }

    // Up to limit rows of table matching query, after `after` (a RowCursor{} for the first page).
    Result<RowPage> load(const Table &table, const RowQuery &query, const RowCursor &after, int limit);

private:
    Result<RowPage> loadInTransaction(const RowPageQuery &query, const RowCursor &after, int limit);
    Status fetch(const RowPageQuery &query, const RowCursor &after, int limit, RowPage &page);

    Connection &m_connection;
    int m_statementTimeout = 0;
};

} // namespace fkscope
