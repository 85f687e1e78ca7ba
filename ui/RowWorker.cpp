#include "RowWorker.h"

#include "db/Connection.h"
#include "rows/RowPageLoader.h"

namespace fkscope {

RowWorker::RowWorker() = default;

RowWorker::~RowWorker() = default;

void RowWorker::cancel()
{
    m_cancelled.store(true);
    m_connection.cancel();
}

void RowWorker::load(int generation, const ConnInfo &info, const RowRequest &request, const RowCursor &after,
                     int limit, int statementTimeout)
{
    if (isStale(generation))
        return;
    m_cancelled.store(false);
    auto connection = m_connection.ensure(info);
    if (!connection) {
        Q_EMIT failed(generation, connection.error().message);
        return;
    }
    Connection *db = connection.value();
    auto condition = request.filter.sql(request.table, [db](const QString &text) { return db->quoteLiteral(text); });
    if (!condition) {
        Q_EMIT failed(generation, condition.error().message);
        return;
    }
    RowPageLoader loader(*db);
    loader.setStatementTimeout(statementTimeout);
    loader.setCancelFlag(&m_cancelled);
    const RowQuery query{condition.value(), request.sortColumn, request.descending};
    auto page = loader.load(request.table, query, after, limit);
    // A cancel meant for the request before this one may reach the server after that request
    // ended and stop this one instead: a request that is still the newest tries once more.
    if (!page && page.error().message.contains(QLatin1String("user request")) && !isStale(generation)
        && !m_cancelled.load())
        page = loader.load(request.table, query, after, limit);
    if (isStale(generation))
        return;
    if (!page) {
        // A connection error leaves the session unusable; a query error does not.
        if (page.error().kind == Error::Kind::Connection || page.error().sqlstate.startsWith(QLatin1String("08")))
            m_connection.close();
        Q_EMIT failed(generation, describeError(page.error()));
        return;
    }
    Q_EMIT pageLoaded(generation, page.value());
}

} // namespace fkscope
