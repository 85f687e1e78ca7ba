#include "WorkerConnection.h"

#include "db/Connection.h"

#include <QMutexLocker>

namespace fkscope {

namespace {

// libpq waits for an unreachable host as long as TCP does; a bound keeps Cancel and
// quitting prompt. A connect_timeout the user gave wins.
ConnInfo withConnectTimeout(ConnInfo info)
{
    if (!info.has(QStringLiteral("connect_timeout")))
        info.set(QStringLiteral("connect_timeout"), QStringLiteral("15"));
    return info;
}

} // namespace

WorkerConnection::WorkerConnection() = default;

WorkerConnection::~WorkerConnection() = default;

Result<Connection *> WorkerConnection::ensure(const ConnInfo &info)
{
    const ConnInfo effective = withConnectTimeout(info);
    const QString key = effective.toString();
    if (m_connection && m_key == key)
        return m_connection.get();
    close();
    auto opened = Connection::open(effective);
    if (!opened)
        return opened.error();
    QMutexLocker locker(&m_mutex);
    m_connection = opened.take();
    m_key = key;
    return m_connection.get();
}

void WorkerConnection::close()
{
    std::unique_ptr<Connection> closing;
    QMutexLocker locker(&m_mutex);
    closing = std::move(m_connection);
    m_key.clear();
}

void WorkerConnection::cancel()
{
    QMutexLocker locker(&m_mutex);
    if (m_connection)
        m_connection->cancel();
}

QString describeError(const Error &error)
{
    if (error.sqlstate.isEmpty())
        return error.message;
    return QStringLiteral("%1 (SQLSTATE %2)").arg(error.message, error.sqlstate);
}

} // namespace fkscope
