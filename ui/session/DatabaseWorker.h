#pragma once

#include "db/ConnInfo.h"
#include "util/Result.h"

#include <QObject>

#include <functional>
#include <memory>

class QThread;

namespace fkscope {

class Connection;
class DatabaseSession;
class DatabaseWorkerSide;

// The one way the window runs database work: jobs run one after the other on a thread with a
// Connection of its own (a QSqlDatabase may only be used from the thread that opened it), and
// their answers come back on the owner's thread. The rules, in this one place:
// - Stale answers: every job has a generation number; a newer job or cancel() drops the
//   answer of the one before, so a slow answer never lands in a newer view.
// - Cancel: cancel() raises the connection's cancel flag and sends libpq's cancel request; a
//   statement stopped by it fails with SQLSTATE 57014, whatever language the server speaks.
// - Lost connections: when the server ended the session (idle_session_timeout, a restart,
//   pg_terminate_backend), the connection is opened anew and a job that may run again
//   (Rerun::Allowed: reads, and dry runs that roll back) runs once more; a job that commits
//   (Rerun::Never) is not repeated; its error is Error::Kind::ConnectionLost.
// - A session a job leaves broken or inside a transaction is closed; the next job opens one.
class DatabaseWorker : public QObject {
    Q_OBJECT

public:
    enum class Rerun { Allowed, Never };

    // Jobs connect to the session's database (DatabaseSession::connInfo()); a new database
    // cancels the job running.
    DatabaseWorker(const DatabaseSession *session, const QString &threadName, QObject *parent = nullptr);
    ~DatabaseWorker() override;

    // job runs on the worker's thread with its open connection; done gets its answer (or why
    // there is none) on this object's thread, unless a newer job or cancel() came first.
    template <typename T>
    void run(std::function<Result<T>(Connection &)> job, std::function<void(const Result<T> &)> done,
             Rerun rerun = Rerun::Allowed)
    {
        runOn(currentConnInfo(), std::move(job), std::move(done), rerun);
    }

    // The same, on the database behind info rather than the session's (the session loading a
    // new catalog).
    template <typename T>
    void runOn(const ConnInfo &info, std::function<Result<T>(Connection &)> job,
               std::function<void(const Result<T> &)> done, Rerun rerun = Rerun::Allowed)
    {
        submit(info, rerun, [job = std::move(job), done = std::move(done)](Connection *connection, const Error &why) {
            auto result = std::make_shared<Result<T>>(connection ? job(*connection) : Result<T>(why));
            Attempt attempt{[done, result] { done(*result); }, {}};
            if (!result->ok())
                attempt.error = std::make_shared<Error>(result->error());
            return attempt;
        });
    }

    void cancel();
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void started();
    void finished();   // after the newest job's answer was delivered
    void cancelled();

private:
    friend class DatabaseWorkerSide;
    struct Attempt {
        std::function<void()> deliver;  // runs on the owner's thread
        std::shared_ptr<Error> error;   // set when the job failed
    };
    // connection is null when none could be opened; why then says why.
    using Work = std::function<Attempt(Connection *connection, const Error &why)>;

    ConnInfo currentConnInfo() const;
    void submit(const ConnInfo &info, Rerun rerun, Work work);
    int nextGeneration();

    const DatabaseSession *m_session = nullptr;
    QThread *m_thread = nullptr;
    DatabaseWorkerSide *m_side = nullptr;  // lives on m_thread; deleted when it finishes
    int m_generation = 0;
    bool m_busy = false;
};

// "message (SQLSTATE 42703)", or the message alone when it did not come from the server.
QString describeError(const Error &error);

} // namespace fkscope
