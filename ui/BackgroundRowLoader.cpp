#include "BackgroundRowLoader.h"

#include <QThread>

namespace fkscope {

BackgroundRowLoader::BackgroundRowLoader(QObject *parent)
    : QObject(parent), m_thread(new QThread(this)), m_worker(new RowWorker)
{
    qRegisterMetaType<fkscope::RowPage>();
    m_thread->setObjectName(QStringLiteral("rowThread"));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &RowWorker::pageLoaded, this, [this](int generation, const RowPage &page) {
        if (generation != m_generation)
            return;
        m_busy = false;
        Q_EMIT pageLoaded(generation, page);
    });
    connect(m_worker, &RowWorker::failed, this, [this](int generation, const QString &message) {
        if (generation != m_generation)
            return;
        m_busy = false;
        Q_EMIT failed(generation, message);
    });
    m_thread->start();
}

BackgroundRowLoader::~BackgroundRowLoader()
{
    nextGeneration();
    m_worker->cancel();
    // The connection must close on the thread that opened it.
    RowWorker *worker = m_worker;
    QMetaObject::invokeMethod(m_worker, [worker] { worker->closeConnection(); });
    m_thread->quit();
    m_thread->wait();
}

int BackgroundRowLoader::nextGeneration()
{
    ++m_generation;
    m_worker->setLatestGeneration(m_generation);
    return m_generation;
}

int BackgroundRowLoader::load(const RowRequest &request, const RowCursor &after, int limit)
{
    if (m_busy)
        m_worker->cancel();
    const int generation = nextGeneration();
    m_busy = true;
    RowWorker *worker = m_worker;
    const ConnInfo info = m_info;
    const int timeout = m_statementTimeout;
    QMetaObject::invokeMethod(m_worker, [worker, generation, info, request, after, limit, timeout] {
        worker->load(generation, info, request, after, limit, timeout);
    });
    return generation;
}

void BackgroundRowLoader::cancel()
{
    if (!m_busy)
        return;
    nextGeneration();
    m_worker->cancel();
    m_busy = false;
    Q_EMIT cancelled();
}

} // namespace fkscope
