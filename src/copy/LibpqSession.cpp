#include "copy/LibpqSession.h"

#include <QDebug>

#include <libpq-fe.h>

#include <memory>

namespace fkscope {

namespace {

struct PgResultDeleter {
    void operator()(PGresult *result) const { PQclear(result); }
};
using OwnedPgResult = std::unique_ptr<PGresult, PgResultDeleter>;

void logCopySql(const QByteArray &sql)
{
    // FKSCOPE_LOG_SQL=1, as for every other statement (db/Connection.cpp); a tid list can be
    // megabytes long, so only its start.
    static const bool logSql = qEnvironmentVariableIsSet("FKSCOPE_LOG_SQL");
    if (logSql)
        qInfo().noquote() << "fkscope SQL:" << QString::fromUtf8(sql.left(2000)) << ";";
}

} // namespace

LibpqSession::LibpqSession(pg_conn *conn) : m_conn(conn)
{
    if (m_conn) {
        m_cancel = PQgetCancel(m_conn);
        PQsetNoticeProcessor(m_conn, [](void *, const char *) {}, nullptr);
    }
}

LibpqSession::~LibpqSession()
{
    if (m_cancel)
        PQfreeCancel(m_cancel);
}

Error LibpqSession::lastError(const void *resultPointer) const
{
    const auto *result = static_cast<const PGresult *>(resultPointer);
    Error error;
    if (result && PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY)) {
        QStringList parts{QString::fromUtf8(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY))};
        if (const char *detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL))
            parts << QStringLiteral("DETAIL: ") + QString::fromUtf8(detail);
        if (const char *hint = PQresultErrorField(result, PG_DIAG_MESSAGE_HINT))
            parts << QStringLiteral("HINT: ") + QString::fromUtf8(hint);
        error = Error::query(parts.join(QLatin1Char(' ')).simplified(),
                             QString::fromUtf8(PQresultErrorField(result, PG_DIAG_SQLSTATE)));
    } else {
        error = Error::query(QString::fromUtf8(PQerrorMessage(m_conn)).simplified());
    }
    // The same rule as db/Connection.cpp: a session the server ended must be opened anew.
    // A server that stopped dead sends nothing: libpq notices the closed socket when it next
    // reads, so read once before asking it.
    const QString state = error.sqlstate;
    if (state.isEmpty() && PQstatus(m_conn) != CONNECTION_BAD)
        PQconsumeInput(m_conn);
    if (PQstatus(m_conn) == CONNECTION_BAD || state.startsWith(QLatin1String("08")) || state == QLatin1String("57P01")
        || state == QLatin1String("57P02") || state == QLatin1String("57P03")) {
        error.kind = Error::Kind::ConnectionLost;
        if (error.message.isEmpty())
            error.message = QStringLiteral("the server closed the connection");
    }
    return error;
}

// After a failed COPY step, the results still queued say why; the first error wins.
Error LibpqSession::drainError()
{
    std::optional<Error> first;
    while (PGresult *raw = PQgetResult(m_conn)) {
        OwnedPgResult result(raw);
        const ExecStatusType status = PQresultStatus(raw);
        if (!first && status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_COPY_IN
            && status != PGRES_COPY_OUT)
            first = lastError(raw);
        if (status == PGRES_COPY_IN)
            PQputCopyEnd(m_conn, "fkscope: abandoned");
        if (status == PGRES_COPY_OUT) {
            char *buffer = nullptr;
            while (PQgetCopyData(m_conn, &buffer, 0) > 0)
                PQfreemem(buffer);
        }
        if (PQstatus(m_conn) == CONNECTION_BAD)
            break;
    }
    return first ? *first : lastError(nullptr);
}

Status LibpqSession::exec(const QString &sql)
{
    auto count = execCount(sql.toUtf8());
    if (!count)
        return count.error();
    return Done{};
}

Result<qint64> LibpqSession::execCount(const QByteArray &sql)
{
    logCopySql(sql);
    OwnedPgResult result(PQexec(m_conn, sql.constData()));
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        return lastError(result.get());
    return QByteArray(PQcmdTuples(result.get())).toLongLong();
}

Result<std::vector<TextRow>> LibpqSession::query(const QString &sql)
{
    const QByteArray text = sql.toUtf8();
    logCopySql(text);
    OwnedPgResult result(PQexec(m_conn, text.constData()));
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        return lastError(result.get());
    std::vector<TextRow> rows;
    for (int r = 0; r < PQntuples(result.get()); ++r) {
        TextRow row;
        for (int c = 0; c < PQnfields(result.get()); ++c) {
            if (PQgetisnull(result.get(), r, c))
                row.emplace_back();
            else
                row.emplace_back(QString::fromUtf8(PQgetvalue(result.get(), r, c), PQgetlength(result.get(), r, c)));
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

Status LibpqSession::copyOut(const QByteArray &sql, const std::function<bool(const char *, int)> &row)
{
    logCopySql(sql);
    OwnedPgResult start(PQexec(m_conn, sql.constData()));
    if (!start || PQresultStatus(start.get()) != PGRES_COPY_OUT)
        return lastError(start.get());
    bool stopped = false;
    for (;;) {
        char *buffer = nullptr;
        const int size = PQgetCopyData(m_conn, &buffer, 0);
        if (size == -1)
            break;  // done: the final result follows
        if (size < 0)
            return drainError();
        // In text format each call hands over exactly one row.
        const bool more = stopped || row(buffer, size);
        PQfreemem(buffer);
        if (!more && !stopped) {
            // Stop the server's side too; the rest of the stream is read and dropped.
            stopped = true;
            cancel();
        }
    }
    OwnedPgResult end(PQgetResult(m_conn));
    Status status = Done{};
    if (!end || PQresultStatus(end.get()) != PGRES_COMMAND_OK)
        status = lastError(end.get());
    while (PGresult *rest = PQgetResult(m_conn))
        PQclear(rest);
    if (stopped && status)
        return Error::query(QStringLiteral("canceling statement due to user request"), QStringLiteral("57014"));
    return status;
}

Status LibpqSession::beginCopyIn(const QByteArray &sql)
{
    logCopySql(sql);
    OwnedPgResult start(PQexec(m_conn, sql.constData()));
    if (!start || PQresultStatus(start.get()) != PGRES_COPY_IN)
        return lastError(start.get());
    return Done{};
}

Status LibpqSession::putCopyData(const char *data, int size)
{
    // Blocking connection: 1 means queued (flushed as libpq's buffer fills).
    if (PQputCopyData(m_conn, data, size) != 1)
        return drainError();
    return Done{};
}

Result<qint64> LibpqSession::endCopyIn()
{
    if (PQputCopyEnd(m_conn, nullptr) != 1)
        return drainError();
    OwnedPgResult end(PQgetResult(m_conn));
    Result<qint64> rows = Error{};
    if (!end || PQresultStatus(end.get()) != PGRES_COMMAND_OK)
        rows = lastError(end.get());
    else
        rows = QByteArray(PQcmdTuples(end.get())).toLongLong();
    while (PGresult *rest = PQgetResult(m_conn))
        PQclear(rest);
    return rows;
}

void LibpqSession::abortCopyIn(const QString &message)
{
    if (PQputCopyEnd(m_conn, message.toUtf8().constData()) == 1) {
        while (PGresult *rest = PQgetResult(m_conn))
            PQclear(rest);
    }
}

void LibpqSession::cancel()
{
    if (!m_cancel)
        return;
    char message[256];
    PQcancel(m_cancel, message, sizeof message);
}

bool LibpqSession::inTransaction() const
{
    const PGTransactionStatusType status = PQtransactionStatus(m_conn);
    return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

bool LibpqSession::isBroken() const
{
    return !m_conn || PQstatus(m_conn) == CONNECTION_BAD;
}

} // namespace fkscope
