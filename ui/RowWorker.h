#pragma once

#include "WorkerConnection.h"

#include "catalog/Catalog.h"
#include "db/ConnInfo.h"
#include "rows/RowFilter.h"
#include "rows/RowPage.h"

#include <QObject>

#include <atomic>

namespace fkscope {

// Which rows of which table, in which order.
struct RowRequest {
    Table table;
    RowFilter filter;
    int sortColumn = -1;           // index into table.columns; -1: key order
    bool descending = false;
};

// Loads pages of rows on the thread it lives on, with a Connection of its own. A request
// older than the newest one by the time it comes up is skipped; cancel() stops the statement
// running now, and the statement timeout stops one nobody cancels.
class RowWorker : public QObject {
    Q_OBJECT

public:
    RowWorker();
    ~RowWorker() override;

    // Called on the worker's thread.
    void load(int generation, const fkscope::ConnInfo &info, const fkscope::RowRequest &request,
              const fkscope::RowCursor &after, int limit, int statementTimeout);
    void closeConnection() { m_connection.close(); }

    // Called from any thread.
    void setLatestGeneration(int generation) { m_latestGeneration.store(generation); }
    void cancel();

Q_SIGNALS:
    void pageLoaded(int generation, const fkscope::RowPage &page);
    void failed(int generation, const QString &message);

private:
    bool isStale(int generation) const { return generation < m_latestGeneration.load(); }

    std::atomic<int> m_latestGeneration{0};
    std::atomic<bool> m_cancelled{false};
    WorkerConnection m_connection;
};

} // namespace fkscope
