#include "db/Connection.h"
#include "db/SqlQuery.h"

#include "catalog/Identifier.h"

#include <QAtomicInteger>
#include <QDebug>
#include <QSqlDriver>

#include <libpq-fe.h>

namespace fkscope {

namespace {

QString oneLine(const QString &text)
{
    return text.simplified();
}

// QPSQL's error text is libpq's whole message ("ERROR:  ...\nDETAIL:  ...\nLINE 3: ...")
// with "(SQLSTATE)" appended. Keep the message and its DETAIL/HINT; drop the severity, the
// SQLSTATE (reported apart) and the LINE/caret lines that point into fkscope's own SQL.
QString serverMessage(const QSqlError &error)
{
    QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    const QString sqlstate = error.nativeErrorCode();
    if (!sqlstate.isEmpty() && text.endsWith(QLatin1Char('(') + sqlstate + QLatin1Char(')')))
        text.chop(sqlstate.size() + 2);
    QStringList kept;
    bool inContext = false;
    for (QString line : text.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("LINE ")))
            inContext = true;
        else if (!line.startsWith(QLatin1Char(' ')) && !line.startsWith(QLatin1Char('\t')))
            inContext = false;
        if (inContext)
            continue;
        for (const char *severity : {"ERROR:", "FATAL:", "PANIC:"}) {
            if (line.startsWith(QLatin1String(severity)))
                line = line.mid(int(qstrlen(severity)));
        }
        kept << line;
    }
    return oneLine(kept.join(QLatin1Char(' ')));
}

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("fkscope-%1").arg(counter.fetchAndAddRelaxed(1));
}

// The libpq connection under a QPSQL database, or null.
PGconn *libpqHandle(const QSqlDatabase &db)
{
    if (!db.isValid() || !db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    // The driver registers the handle's type as "PGconn*"; Qt 6.4 reports it as "pg_conn*".
    const char *type = handle.typeName();
    if (!type || (qstrcmp(type, "PGconn*") != 0 && qstrcmp(type, "pg_conn*") != 0))
        return nullptr;
    return *static_cast<PGconn *const *>(handle.constData());
}

// The server ends the session with these: connection_exception (08…), admin_shutdown
// (pg_terminate_backend, a fast shutdown), crash_shutdown, cannot_connect_now,
// idle_session_timeout, idle_in_transaction_session_timeout. libpq may hand over the FATAL
// message before it has seen the socket close, so the SQLSTATE says it first.
bool endsTheSession(const QString &sqlstate)
{
    static const QStringList ending{QStringLiteral("57P01"), QStringLiteral("57P02"), QStringLiteral("57P03"),
                                    QStringLiteral("57P05"), QStringLiteral("25P03")};
    return sqlstate.startsWith(QLatin1String("08")) || ending.contains(sqlstate);
}

// A failed statement on a session the server ended says so: the worker reopens and retries.
Error withSessionState(PGconn *conn, Error error)
{
    if ((conn && PQstatus(conn) == CONNECTION_BAD) || endsTheSession(error.sqlstate)) {
        error.kind = Error::Kind::ConnectionLost;
        if (error.message.isEmpty())
            error.message = QString::fromUtf8(PQerrorMessage(conn)).simplified();
        if (error.message.isEmpty())
            error.message = QStringLiteral("the server closed the connection");
    }
    return error;
}

void logStatement(const QString &sql)
{
    // FKSCOPE_LOG_SQL=1 shows every statement fkscope sends, for EXPLAIN and bug reports.
    static const bool logSql = qEnvironmentVariableIsSet("FKSCOPE_LOG_SQL");
    if (logSql)
        qInfo().noquote() << "fkscope SQL:" << sql << ";";
}

struct ResultDeleter {
    void operator()(PGresult *result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

// The primary message with its DETAIL and HINT, as serverMessage() keeps them.
Error resultError(PGconn *conn, const PGresult *result)
{
    if (!result)
        return Error::query(QString::fromUtf8(PQerrorMessage(conn)).simplified());
    QStringList parts{QString::fromUtf8(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY))};
    if (const char *detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL))
        parts << QStringLiteral("DETAIL: ") + QString::fromUtf8(detail);
    if (const char *hint = PQresultErrorField(result, PG_DIAG_MESSAGE_HINT))
        parts << QStringLiteral("HINT: ") + QString::fromUtf8(hint);
    QString message = parts.join(QLatin1Char(' ')).simplified();
    if (message.isEmpty())
        message = QString::fromUtf8(PQerrorMessage(conn)).simplified();
    return Error::query(message, QString::fromUtf8(PQresultErrorField(result, PG_DIAG_SQLSTATE)));
}

} // namespace

Error queryError(const QSqlDatabase &db, const QSqlError &error)
{
    return withSessionState(libpqHandle(db), Error::query(serverMessage(error), error.nativeErrorCode()));
}

Result<QSqlQuery> runQuery(const QSqlDatabase &db, const QString &sql, const QVariantList &parameters)
{
    logStatement(sql);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    bool ok;
    if (parameters.isEmpty()) {
        ok = query.exec(sql);
    } else {
        ok = query.prepare(sql);
        if (ok) {
            for (const QVariant &value : parameters)
                query.addBindValue(value);
            ok = query.exec();
        }
    }
    if (!ok)
        return queryError(db, query.lastError());
    return query;
}

Result<std::vector<TextRow>> runSingleStatement(const QSqlDatabase &db, const QString &sql)
{
    PGconn *conn = libpqHandle(db);
    if (!conn)
        return Error::connection(QStringLiteral("the QPSQL driver gave no libpq connection handle"));
    logStatement(sql);
    const QByteArray text = sql.toUtf8();
    PgResult result(PQexecParams(conn, text.constData(), 0, nullptr, nullptr, nullptr, nullptr, 0));
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        return withSessionState(conn, resultError(conn, result.get()));
    std::vector<TextRow> rows;
    const int count = PQntuples(result.get());
    const int columns = PQnfields(result.get());
    rows.reserve(size_t(count));
    for (int r = 0; r < count; ++r) {
        TextRow row;
        row.reserve(size_t(columns));
        for (int c = 0; c < columns; ++c) {
            if (PQgetisnull(result.get(), r, c))
                row.emplace_back();
            else
                row.emplace_back(QString::fromUtf8(PQgetvalue(result.get(), r, c), PQgetlength(result.get(), r, c)));
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

Status beginReadOnlySnapshot(const QSqlDatabase &db, int statementTimeout)
{
    auto begin = runQuery(db, QStringLiteral("START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
    if (!begin)
        return begin.error();
    if (statementTimeout > 0) {
        auto timeout = runQuery(db, QStringLiteral("SET LOCAL statement_timeout = %1").arg(statementTimeout));
        if (!timeout) {
            endReadOnlySnapshot(db);
            return timeout.error();
        }
    }
    return Done{};
}

void endReadOnlySnapshot(const QSqlDatabase &db)
{
    // Nothing to report: a failed ROLLBACK means a broken session, which the next statement says.
    (void)runQuery(db, QStringLiteral("ROLLBACK"));
}

struct Connection::Private {
    QString name;
    PGconn *conn = nullptr;
    PGcancel *cancel = nullptr;
};

Connection::Connection(ConnInfo info) : d(std::make_unique<Private>()), m_info(std::move(info)) {}

Result<std::unique_ptr<Connection>> Connection::open(const ConnInfo &info)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        return Error::connection(QStringLiteral(
            "Qt's PostgreSQL driver (QPSQL) is not installed: install the package libqt6sql6-psql"));
    }
    std::unique_ptr<Connection> connection(new Connection(info));
    connection->d->name = nextConnectionName();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection->d->name);

    // QPSQL hands the connection options to PQconnectdb after replacing every ';' with a
    // space, so a value with a ';' cannot go that way; the four it has setters for are quoted
    // properly whatever they hold.
    QStringList options;
    for (const ConnInfo::Parameter &p : info.parameters()) {
        if (p.first == QLatin1String("host"))
            db.setHostName(p.second);
        else if (p.first == QLatin1String("dbname"))
            db.setDatabaseName(p.second);
        else if (p.first == QLatin1String("user"))
            db.setUserName(p.second);
        else if (p.first == QLatin1String("password"))
            db.setPassword(p.second);
        else if (p.second.contains(QLatin1Char(';')))
            return Error::usage(QStringLiteral("the value of '%1' may not contain ';'").arg(p.first));
        else
            options << p.first + QLatin1Char('=') + ConnInfo::quoteValue(p.second);
    }
    if (!info.has(QStringLiteral("application_name")))
        options << QStringLiteral("fallback_application_name=fkscope");
    db.setConnectOptions(options.join(QLatin1Char(';')));

    if (!db.open()) {
        return Error::connection(serverMessage(db.lastError()));
    }

    if (PGconn *conn = libpqHandle(db)) {
        connection->d->conn = conn;
        connection->d->cancel = PQgetCancel(conn);
        connection->m_serverVersion = PQserverVersion(conn);
        connection->m_databaseName = QString::fromUtf8(PQdb(conn));
        connection->m_userName = QString::fromUtf8(PQuser(conn));
    }
    if (connection->m_serverVersion == 0)
        return Error::connection(QStringLiteral("the QPSQL driver gave no libpq connection handle"));
    return connection;
}

Connection::~Connection()
{
    if (d->cancel)
        PQfreeCancel(d->cancel);
    {
        QSqlDatabase db = QSqlDatabase::database(d->name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(d->name);
}

QSqlDatabase Connection::database() const
{
    return QSqlDatabase::database(d->name, false);
}

bool Connection::cancel()
{
    m_cancelRequested.store(true);
    if (!d->cancel)
        return false;
    char message[256];
    return PQcancel(d->cancel, message, sizeof message) == 1;
}

pg_conn *Connection::libpqConnection() const
{
    return d->conn;
}

bool Connection::isBroken() const
{
    return !d->conn || PQstatus(d->conn) == CONNECTION_BAD;
}

bool Connection::isIdle() const
{
    return d->conn && PQtransactionStatus(d->conn) == PQTRANS_IDLE;
}

QString Connection::quoteLiteral(const QString &text) const
{
    const QByteArray utf8 = text.toUtf8();
    char *escaped = PQescapeLiteral(d->conn, utf8.constData(), size_t(utf8.size()));
    // Only out of memory fails here (QString's UTF-8 is always valid, and QPSQL sets the client
    // encoding to UTF8), and there the rule-based quoting, exact for UTF8, does the same job.
    if (!escaped)
        return fkscope::quoteLiteral(text);
    const QString result = QString::fromUtf8(escaped);
    PQfreemem(escaped);
    return result;
}

} // namespace fkscope
