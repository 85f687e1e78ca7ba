#pragma once

#include "db/ConnInfo.h"
#include "util/Result.h"

#include <QString>

#include <atomic>
#include <memory>

class QSqlDatabase;
struct pg_conn;  // libpq's PGconn

namespace fkscope {

// One open PostgreSQL session through Qt's QPSQL driver. A QSqlDatabase may only be used
// from the thread that opened it, so each worker thread opens its own Connection.
// cancel() is the exception: it may be called from any thread.
class Connection {
public:
    static Result<std::unique_ptr<Connection>> open(const ConnInfo &info);
    ~Connection();

    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    QSqlDatabase database() const;
    const ConnInfo &connInfo() const { return m_info; }
    int serverVersion() const { return m_serverVersion; }  // e.g. 150018
    QString databaseName() const { return m_databaseName; }
    QString userName() const { return m_userName; }

    // Asks the server to cancel the statement running now (libpq's cancel request) and raises
    // the flag that a job with several statements checks between them. Any thread may call it.
    bool cancel();
    bool cancelRequested() const { return m_cancelRequested.load(); }
    // A worker lowers the flag before the next job.
    void clearCancelRequest() { m_cancelRequested.store(false); }

    // The server ended the session, or the network did: the connection must be opened anew.
    bool isBroken() const;
    // No transaction is open (or left failed) on the session.
    bool isIdle() const;

    // The libpq connection under the QPSQL driver, for what Qt's SQL API cannot do (COPY
    // streams). Only while no QSqlQuery of this connection has rows left to fetch.
    pg_conn *libpqConnection() const;

    // A string literal for SQL, escaped by libpq for this connection's encoding and settings.
    QString quoteLiteral(const QString &text) const;

private:
    explicit Connection(ConnInfo info);

    struct Private;
    std::unique_ptr<Private> d;
    ConnInfo m_info;
    int m_serverVersion = 0;
    QString m_databaseName;
    QString m_userName;
    std::atomic<bool> m_cancelRequested{false};
};

} // namespace fkscope
