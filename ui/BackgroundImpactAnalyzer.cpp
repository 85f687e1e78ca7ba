#include "BackgroundImpactAnalyzer.h"

#include <QThread>

namespace fkscope {

BackgroundImpactAnalyzer::BackgroundImpactAnalyzer(QObject *parent)
    : QObject(parent), m_thread(new QThread(this)), m_worker(new ImpactWorker)
{
    qRegisterMetaType<fkscope::ImpactResult>();
    m_thread->setObjectName(QStringLiteral("impactThread"));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &ImpactWorker::analyzed, this, [this](int generation, const ImpactResult &result) {
        if (generation != m_generation)
            return;
        m_busy = false;
        Q_EMIT analyzed(result);
    });
    connect(m_worker, &ImpactWorker::failed, this, [this](int generation, const QString &message) {
        if (generation != m_generation)
            return;
        m_busy = false;
        Q_EMIT failed(message);
    });
    m_thread->start();
}

BackgroundImpactAnalyzer::~BackgroundImpactAnalyzer()
{
    nextGeneration();
    m_worker->cancel();
    ImpactWorker *worker = m_worker;
    QMetaObject::invokeMethod(m_worker, [worker] { worker->closeConnection(); });
    m_thread->quit();
    m_thread->wait();
}

void BackgroundImpactAnalyzer::setDatabase(const ConnInfo &info, std::shared_ptr<const Catalog> catalog)
{
    cancel();
    m_info = info;
    m_catalog = std::move(catalog);
}

int BackgroundImpactAnalyzer::nextGeneration()
{
    ++m_generation;
    m_worker->setLatestGeneration(m_generation);
    return m_generation;
}

void BackgroundImpactAnalyzer::analyze(const DeleteRoot &root)
{
    if (!m_catalog)
        return;
    if (m_busy)
        m_worker->cancel();
    const int generation = nextGeneration();
    m_busy = true;
    ImpactWorker *worker = m_worker;
    QMetaObject::invokeMethod(m_worker, [worker, generation, info = m_info, catalog = m_catalog, root,
                                         timeout = m_statementTimeout] {
        worker->analyze(generation, info, catalog, root, timeout);
    });
    Q_EMIT started();
}

void BackgroundImpactAnalyzer::cancel()
{
    if (!m_busy)
        return;
    nextGeneration();
    m_worker->cancel();
    m_busy = false;
    Q_EMIT cancelled();
}

} // namespace fkscope
