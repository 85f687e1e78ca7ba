#pragma once

#include "db/ConnInfo.h"
#include "util/Result.h"

#include <QObject>

#include <functional>
#include <memory>

class QThread;

namespace fkscope {

class Connection;
class DatabaseWorkerSide;

// Runs database jobs off the UI thread, one after the other, on a thread with a Connection
// of its own (a QSqlDatabase may only be used from the thread that opened it). Every job
// carries a generation number: a newer job, or cancel(), drops the answer of the one before,
// and cancel() also asks the server to stop the statement running now. After a failed job
// the next one starts on a fresh session, so nothing a failed job left open carries over.
class DatabaseWorker : public QObject {
    Q_OBJECT

public:
    explicit DatabaseWorker(const QString &threadName, QObject *parent = nullptr);
    ~DatabaseWorker() override;

    // Cancels the job running now; the next ones connect with info.
    void setConnInfo(const ConnInfo &info);
    const ConnInfo &connInfo() const { return m_info; }

    // job runs on the worker's thread with its open connection; done gets its answer (or
    // why there is no connection) on this object's thread, unless a newer job or cancel()
    // came first.
    template <typename T>
    void run(std::function<Result<T>(Connection &)> job, std::function<void(const Result<T> &)> done)
    {
        submit([job = std::move(job), done = std::move(done)](Result<Connection *> connection) {
            auto result = std::make_shared<Result<T>>(connection ? job(*connection.value())
                                                                 : Result<T>(connection.error()));
            return Outcome{[done, result] { done(*result); }, !result->ok()};
        });
    }

    void cancel();
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void started();
    void finished();   // after the newest job's answer was delivered
    void cancelled();

private:
    struct Outcome {
        std::function<void()> deliver;  // runs on the UI thread
        bool failed = false;
    };
    using Work = std::function<Outcome(Result<Connection *>)>;

    void submit(Work work);
    int nextGeneration();

    QThread *m_thread = nullptr;
    DatabaseWorkerSide *m_side = nullptr;  // lives on m_thread; deleted when it finishes
    ConnInfo m_info;
    int m_generation = 0;
    bool m_busy = false;
};

} // namespace fkscope
