#include "BackgroundCatalogLoader.h"

#include "CatalogWorker.h"

#include <QThread>

namespace fkscope {

BackgroundCatalogLoader::BackgroundCatalogLoader(QObject *parent)
    : QObject(parent), m_thread(new QThread(this)), m_worker(new CatalogWorker)
{
    qRegisterMetaType<fkscope::Catalog>();
    m_thread->setObjectName(QStringLiteral("catalogThread"));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &CatalogWorker::catalogLoaded, this, &BackgroundCatalogLoader::onWorkerLoaded);
    connect(m_worker, &CatalogWorker::failed, this, &BackgroundCatalogLoader::onWorkerFailed);
    m_thread->start();
}

BackgroundCatalogLoader::~BackgroundCatalogLoader()
{
    // No signals from here: the owner is being destroyed.
    nextGeneration();
    m_worker->cancel();
    // The connection must close on the thread that opened it.
    CatalogWorker *worker = m_worker;
    QMetaObject::invokeMethod(m_worker, [worker] { worker->closeConnection(); });
    m_thread->quit();
    m_thread->wait();
}

int BackgroundCatalogLoader::nextGeneration()
{
    ++m_generation;
    m_worker->setLatestGeneration(m_generation);
    return m_generation;
}

void BackgroundCatalogLoader::load(const ConnInfo &info)
{
    if (m_busy)
        m_worker->cancel();
    const int generation = nextGeneration();
    m_info = info;
    m_busy = true;
    CatalogWorker *worker = m_worker;
    QMetaObject::invokeMethod(m_worker, [worker, generation, info] { worker->load(generation, info); });
    Q_EMIT started();
}

void BackgroundCatalogLoader::cancel()
{
    if (!m_busy)
        return;
    nextGeneration();
    m_worker->cancel();
    m_busy = false;
    Q_EMIT cancelled();
}

void BackgroundCatalogLoader::onWorkerLoaded(int generation, const Catalog &catalog)
{
    if (generation != m_generation)
        return;
    m_busy = false;
    Q_EMIT loaded(m_info, catalog);
}

void BackgroundCatalogLoader::onWorkerFailed(int generation, bool connecting, const QString &message)
{
    if (generation != m_generation)
        return;
    m_busy = false;
    Q_EMIT failed(m_info, connecting, message);
}

} // namespace fkscope
