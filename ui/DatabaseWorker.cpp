#include "DatabaseWorker.h"

#include "WorkerConnection.h"

#include <QThread>

#include <atomic>

namespace fkscope {

// The worker thread's half: its connection and the newest generation the UI asked for.
class DatabaseWorkerSide : public QObject {
public:
    WorkerConnection connection;
    std::atomic<int> latestGeneration{0};

    bool isStale(int generation) const { return generation < latestGeneration.load(); }
};

DatabaseWorker::DatabaseWorker(const QString &threadName, QObject *parent)
    : QObject(parent), m_thread(new QThread(this)), m_side(new DatabaseWorkerSide)
{
    m_thread->setObjectName(threadName);
    m_side->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_side, &QObject::deleteLater);
    m_thread->start();
}

DatabaseWorker::~DatabaseWorker()
{
    nextGeneration();
    m_side->connection.cancel();
    DatabaseWorkerSide *side = m_side;
    QMetaObject::invokeMethod(m_side, [side] { side->connection.close(); });
    m_thread->quit();
    m_thread->wait();
}

void DatabaseWorker::setConnInfo(const ConnInfo &info)
{
    cancel();
    m_info = info;
}

int DatabaseWorker::nextGeneration()
{
    ++m_generation;
    m_side->latestGeneration.store(m_generation);
    return m_generation;
}

void DatabaseWorker::submit(Work work)
{
    if (m_busy)
        m_side->connection.cancel();
    const int generation = nextGeneration();
    m_busy = true;
    DatabaseWorkerSide *side = m_side;
    QMetaObject::invokeMethod(m_side, [this, side, generation, info = m_info, work = std::move(work)] {
        if (side->isStale(generation))
            return;
        Outcome outcome = work(side->connection.ensure(info));
        if (outcome.failed)
            side->connection.close();
        QMetaObject::invokeMethod(
            this,
            [this, generation, deliver = std::move(outcome.deliver)] {
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
    m_side->connection.cancel();
    m_busy = false;
    Q_EMIT cancelled();
}

} // namespace fkscope
