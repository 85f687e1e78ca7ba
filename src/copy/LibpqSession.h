#pragma once

#include "db/SqlQuery.h"
#include "util/Result.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>
#include <vector>

struct pg_conn;
struct pg_cancel;

namespace fkscope {

// Statements and COPY streams straight on a libpq connection (Connection::libpqConnection()),
// which Qt's SQL API cannot stream. Errors carry PostgreSQL's message and SQLSTATE; a broken
// session says ConnectionLost. cancel() may be called from any thread.
class LibpqSession {
public:
    // Silences the server's notices on conn (pg_dump's restore, a ROLLBACK's warning):
    // fkscope reports what went wrong itself, on one line.
    explicit LibpqSession(pg_conn *conn);
    ~LibpqSession();
    LibpqSession(const LibpqSession &) = delete;
    LibpqSession &operator=(const LibpqSession &) = delete;

    Status exec(const QString &sql);
    // Every row as text; for small answers.
    Result<std::vector<TextRow>> query(const QString &sql);
    // The row count of an INSERT, UPDATE or COPY.
    Result<qint64> execCount(const QByteArray &sql);

    // COPY … TO STDOUT: row() gets each row's text line (tab-separated, with its newline);
    // it returns false to stop, which cancels the statement.
    Status copyOut(const QByteArray &sql, const std::function<bool(const char *data, int size)> &row);

    // COPY … FROM STDIN: begin, put data, then end (the server's row count) or abort.
    Status beginCopyIn(const QByteArray &sql);
    Status putCopyData(const char *data, int size);
    Result<qint64> endCopyIn();
    // Makes the COPY fail on the server with message, so its transaction can only roll back.
    void abortCopyIn(const QString &message);

    // libpq's cancel request for the statement running now; any thread.
    void cancel();
    bool isBroken() const;
    // A transaction is open, or failed and waiting for its ROLLBACK.
    bool inTransaction() const;

private:
    Error lastError(const void *result) const;
    Error drainError();

    pg_conn *m_conn;
    pg_cancel *m_cancel = nullptr;
};

} // namespace fkscope
