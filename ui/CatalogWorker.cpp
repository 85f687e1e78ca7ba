#include "CatalogWorker.h"

#include "catalog/CatalogLoader.h"
#include "db/Connection.h"

#include <QMutexLocker>

namespace fkscope {

namespace {

// libpq waits for an unreachable host as long as TCP does (minutes). A bound keeps Cancel
// and quitting prompt; a connect_timeout the user gave wins.
const char *const defaultConnectTimeoutSeconds = "15";

ConnInfo withConnectTimeout(ConnInfo info)
{
    if (!info.has(QStringLiteral("connect_timeout")))
        info.set(QStringLiteral("connect_timeout"), QLatin1String(defaultConnectTimeoutSeconds));
    return info;
}

} // namespace

CatalogWorker::CatalogWorker() = default;

CatalogWorker::~CatalogWorker() = default;

void CatalogWorker::cancel()
{
    QMutexLocker locker(&m_connectionMutex);
    if (m_connection)
        m_connection->cancel();
}

void CatalogWorker::closeConnection()
{
    std::unique_ptr<Connection> closing;
    {
        QMutexLocker locker(&m_connectionMutex);
        closing = std::move(m_connection);
        m_connectionKey.clear();
    }
}

bool CatalogWorker::ensureConnection(int generation, const ConnInfo &info)
{
    const ConnInfo effective = withConnectTimeout(info);
    const QString key = effective.toString();
    if (m_connection && m_connectionKey == key)
        return true;
    closeConnection();

    auto opened = Connection::open(effective);
    if (!opened) {
        Q_EMIT failed(generation, true, opened.error().message);
        return false;
    }
    QMutexLocker locker(&m_connectionMutex);
    m_connection = opened.take();
    m_connectionKey = key;
    return true;
}

void CatalogWorker::load(int generation, const ConnInfo &info)
{
    if (isStale(generation))
        return;
    if (!ensureConnection(generation, info))
        return;
    if (isStale(generation))
        return;

    auto catalog = CatalogLoader(*m_connection).load();
    if (!catalog) {
        // A failed load may mean a broken session; the next request starts afresh.
        closeConnection();
        const Error &error = catalog.error();
        const QString message = error.sqlstate.isEmpty()
            ? error.message
            : QStringLiteral("%1 (SQLSTATE %2)").arg(error.message, error.sqlstate);
        Q_EMIT failed(generation, false, message);
        return;
    }
    Q_EMIT catalogLoaded(generation, catalog.value());
}

} // namespace fkscope
