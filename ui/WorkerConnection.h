#pragma once

#include "db/ConnInfo.h"
#include "util/Result.h"

#include <QMutex>
#include <QString>

#include <memory>

namespace fkscope {

class Connection;

// The one Connection of a worker thread: opened on first use, kept between requests, opened
// anew when the connection string changes. Used from the worker's thread, except cancel(),
// which any thread may call.
class WorkerConnection {
public:
    WorkerConnection();
    ~WorkerConnection();

    // The open connection for info, or why it could not be opened.
    Result<Connection *> ensure(const ConnInfo &info);
    // After a failure that may have broken the session: the next request starts afresh.
    void close();
    // Asks the server to stop the statement running now, if any.
    void cancel();

private:
    QMutex m_mutex;  // guards m_connection against cancel() while the worker replaces it
    std::unique_ptr<Connection> m_connection;
    QString m_key;
};

// "message (SQLSTATE 42703)", or the message alone when it did not come from the server.
QString describeError(const Error &error);

} // namespace fkscope
