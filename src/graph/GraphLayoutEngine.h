#pragma once

#include "graph/GraphLayout.h"
#include "util/Result.h"

#include <QByteArray>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace fkscope {

class GraphvizSession;

// Runs Graphviz on one dedicated thread that owns the only GraphvizSession: every GVC_t
// and Agraph_t is created, used and freed there, and only value types cross over.
//
// request() returns at once; layoutReady() follows on the caller's thread. Each request gets
// a generation number; a request still queued when a newer one arrives is skipped, and a
// result older than the newest request is dropped, so the view always ends on the latest.
// Graphviz cannot be interrupted, so long layouts are avoided up front (chooseEngine) and
// destroying the engine waits for a layout already running.
class GraphLayoutEngine : public QObject {
    Q_OBJECT

public:
    explicit GraphLayoutEngine(QObject *parent = nullptr);
    ~GraphLayoutEngine() override;

    quint64 request(LayoutRequest request);
    quint64 latestGeneration() const { return m_latest.load(); }

    // For command-line use: the same thread, waited for. Must not be called on it.
    GraphLayout layoutAndWait(const LayoutRequest &request);
    Result<QByteArray> renderAndWait(const QByteArray &dot, const QString &format,
                                     LayoutEngineKind engine = LayoutEngineKind::Auto);
    // For the window: the same render without waiting; done gets the bytes on this object's
    // thread.
    void render(const QByteArray &dot, const QString &format, LayoutEngineKind engine,
                std::function<void(const Result<QByteArray> &)> done);

    // Other work that belongs with the layouts (placing a map) runs on the same thread, after
    // the layouts asked for before it; done gets its result on this object's thread. work
    // must not touch Graphviz: it has no session.
    template <typename T>
    void run(std::function<T()> work, std::function<void(T)> done)
    {
        QMetaObject::invokeMethod(m_threadContext, [this, work = std::move(work), done = std::move(done)] {
            auto result = std::make_shared<T>(work());
            QMetaObject::invokeMethod(this, [done, result] { done(std::move(*result)); }, Qt::QueuedConnection);
        });
    }

Q_SIGNALS:
    void layoutReady(const fkscope::GraphLayout &layout);

private:
    GraphvizSession &session();  // on the worker thread only
    void deliver(GraphLayout layout);

    std::unique_ptr<QThread> m_thread;
    QObject *m_threadContext = nullptr;     // lives on m_thread; queued calls run there
    std::unique_ptr<GraphvizSession> m_session;  // created and destroyed on m_thread
    std::atomic<quint64> m_latest{0};
};

} // namespace fkscope
