#include "ui/session/DatabaseWorker.h"

#include "ui/session/DatabaseSession.h"

#include "db/Connection.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QMutexLocker>
#include <QThread>

#include <atomic>

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

// The worker thread's half: its connection, opened on first use and kept between jobs, and
// the newest generation the owner asked for.
class DatabaseWorkerSide : public QObject {
public:
    std::atomic<int> latestGeneration{0};

    bool isStale(int generation) const { return generation < latestGeneration.load(); }

    DatabaseWorker::Attempt run(const ConnInfo &info, DatabaseWorker::Rerun rerun, int statementTimeout,
                                int generation, const DatabaseWorker::Work &work);
    void close();
    void cancel();  // any thread

private:
    DatabaseWorker::Attempt attempt(const ConnInfo &info, const DatabaseWorker::Work &work);
    bool shouldRunAgain(const Error &error, DatabaseWorker::Rerun rerun, qint64 elapsed, int statementTimeout,
                        int generation) const;

    QMutex m_mutex;  // guards m_connection against cancel() while this thread replaces it
    std::unique_ptr<Connection> m_connection;
    QString m_key;
};

DatabaseWorker::Attempt DatabaseWorkerSide::attempt(const ConnInfo &info, const DatabaseWorker::Work &work)
{
    const ConnInfo effective = withConnectTimeout(info);
    const QString key = effective.toString();
    if (!m_connection || m_key != key || m_connection->isBroken()) {
        close();
        auto opened = Connection::open(effective);
        if (!opened)
            return work(nullptr, opened.error());
        QMutexLocker locker(&m_mutex);
        m_connection = opened.take();
        m_key = key;
    }
    m_connection->clearCancelRequest();
    return work(m_connection.get(), Error());
}

bool DatabaseWorkerSide::shouldRunAgain(const Error &error, DatabaseWorker::Rerun rerun, qint64 elapsed,
                                        int statementTimeout, int generation) const
{
    if (isStale(generation) || rerun == DatabaseWorker::Rerun::Never)
        return false;
    if (error.isConnectionLost())
        return true;
    // A cancel request meant for the job before this one can reach the server after that job
    // ended and stop this one's statement. Nobody cancelled this job, and it ran shorter than
    // statement_timeout (the other cause of 57014): run it once more.
    const bool cancelledHere = m_connection && m_connection->cancelRequested();
    return error.isCancel() && !cancelledHere && (statementTimeout <= 0 || elapsed < statementTimeout);
}

DatabaseWorker::Attempt DatabaseWorkerSide::run(const ConnInfo &info, DatabaseWorker::Rerun rerun,
                                                int statementTimeout, int generation, const DatabaseWorker::Work &work)
{
    QElapsedTimer clock;
    clock.start();
    DatabaseWorker::Attempt result = attempt(info, work);
    if (result.error && result.error->isConnectionLost())
        close();
    if (result.error && shouldRunAgain(*result.error, rerun, clock.elapsed(), statementTimeout, generation))
        result = attempt(info, work);
    if (m_connection && (m_connection->isBroken() || !m_connection->isIdle()
                         || (result.error && result.error->isConnectionLost())))
        close();
    return result;
}

void DatabaseWorkerSide::close()
{
    std::unique_ptr<Connection> closing;
    QMutexLocker locker(&m_mutex);
    closing = std::move(m_connection);
    m_key.clear();
}

void DatabaseWorkerSide::cancel()
{
    QMutexLocker locker(&m_mutex);
    if (m_connection)
        m_connection->cancel();
}

DatabaseWorker::DatabaseWorker(const DatabaseSession *session, const QString &threadName, QObject *parent)
    : QObject(parent), m_session(session), m_thread(new QThread(this)), m_side(new DatabaseWorkerSide)
{
    m_thread->setObjectName(threadName);
    m_side->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_side, &QObject::deleteLater);
    if (m_session)
        connect(m_session, &DatabaseSession::databaseChanged, this, &DatabaseWorker::cancel);
    m_thread->start();
}

DatabaseWorker::~DatabaseWorker()
{
    nextGeneration();
    m_side->cancel();
    // The connection must close on the thread that opened it.
    DatabaseWorkerSide *side = m_side;
    QMetaObject::invokeMethod(m_side, [side] { side->close(); });
    m_thread->quit();
    m_thread->wait();
}

ConnInfo DatabaseWorker::currentConnInfo() const
{
    return m_session ? m_session->connInfo() : ConnInfo();
}

int DatabaseWorker::nextGeneration()
{
    ++m_generation;
    m_side->latestGeneration.store(m_generation);
    return m_generation;
}

void DatabaseWorker::submit(const ConnInfo &info, Rerun rerun, Work work)
{
    if (m_busy)
        m_side->cancel();
    const int generation = nextGeneration();
    const int statementTimeout = m_session ? m_session->statementTimeout() : 0;
    m_busy = true;
    DatabaseWorkerSide *side = m_side;
    QMetaObject::invokeMethod(m_side, [this, side, generation, info, rerun, statementTimeout, work = std::move(work)] {
        if (side->isStale(generation))
            return;
        Attempt attempt = side->run(info, rerun, statementTimeout, generation, work);
        QMetaObject::invokeMethod(
            this,
            [this, generation, deliver = std::move(attempt.deliver)] {
                if (generation != m_generation)
                    return;
                m_busy = false;
                deliver();
                Q_EMIT finished();
            },
            Qt::QueuedConnection);
    });
    Q_EMIT started();
}

void DatabaseWorker::cancel()
{
    if (!m_busy)
        return;
    nextGeneration();
    m_side->cancel();
    m_busy = false;
    Q_EMIT cancelled();
}

QString describeError(const Error &error)
{
    if (error.sqlstate.isEmpty())
        return error.message;
    return QStringLiteral("%1 (SQLSTATE %2)").arg(error.message, error.sqlstate);
}

} // namespace fkscope
