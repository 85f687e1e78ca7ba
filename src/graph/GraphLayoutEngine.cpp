#include "graph/GraphLayoutEngine.h"

#include "graph/GraphvizSession.h"

#include <QThread>

#include <limits>

namespace fkscope {

GraphLayoutEngine::GraphLayoutEngine(QObject *parent) : QObject(parent), m_thread(std::make_unique<QThread>())
{
    m_thread->setObjectName(QStringLiteral("fkscope-graphviz"));
    m_threadContext = new QObject;
    m_threadContext->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_threadContext, &QObject::deleteLater);
    m_thread->start();
}

GraphLayoutEngine::~GraphLayoutEngine()
{
    // Queued layouts are skipped; the session goes on the thread that made it, after any
    // layout in progress.
    m_latest.store(std::numeric_limits<quint64>::max());
    QMetaObject::invokeMethod(m_threadContext, [this] { m_session.reset(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

GraphvizSession &GraphLayoutEngine::session()
{
    Q_ASSERT(QThread::currentThread() == m_thread.get());
    if (!m_session)
        m_session = std::make_unique<GraphvizSession>();
    return *m_session;
}

quint64 GraphLayoutEngine::request(LayoutRequest request)
{
    const quint64 generation = ++m_latest;
    QMetaObject::invokeMethod(
        m_threadContext,
        [this, generation, request = std::move(request)] {
            // A newer request is queued behind this one: skip straight to it.
            if (generation < m_latest.load())
                return;
            GraphLayout layout = session().layout(request);
            layout.generation = generation;
            QMetaObject::invokeMethod(this, [this, layout = std::move(layout)]() mutable { deliver(std::move(layout)); },
                                      Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    return generation;
}

void GraphLayoutEngine::deliver(GraphLayout layout)
{
    if (layout.generation < m_latest.load())
        return;
    Q_EMIT layoutReady(layout);
}

GraphLayout GraphLayoutEngine::layoutAndWait(const LayoutRequest &request)
{
    Q_ASSERT(QThread::currentThread() != m_thread.get());
    GraphLayout layout;
    const quint64 generation = ++m_latest;
    QMetaObject::invokeMethod(m_threadContext, [&] { layout = session().layout(request); },
                              Qt::BlockingQueuedConnection);
    layout.generation = generation;
    return layout;
}

Result<QByteArray> GraphLayoutEngine::renderAndWait(const QByteArray &dot, const QString &format, LayoutEngineKind engine)
{
    Q_ASSERT(QThread::currentThread() != m_thread.get());
    Result<QByteArray> result = Error::query(QStringLiteral("not rendered"));
    QMetaObject::invokeMethod(m_threadContext, [&] { result = session().render(dot, format, engine); },
                              Qt::BlockingQueuedConnection);
    return result;
}

void GraphLayoutEngine::render(const QByteArray &dot, const QString &format, LayoutEngineKind engine,
                               std::function<void(const Result<QByteArray> &)> done)
{
    QMetaObject::invokeMethod(m_threadContext, [this, dot, format, engine, done = std::move(done)] {
        Result<QByteArray> bytes = session().render(dot, format, engine);
        QMetaObject::invokeMethod(this, [done, bytes] { done(bytes); }, Qt::QueuedConnection);
    });
}

} // namespace fkscope
