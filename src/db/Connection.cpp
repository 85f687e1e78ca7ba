#include "db/Connection.h"
#include "db/SqlQuery.h"

#include <QAtomicInteger>
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

} // namespace

Error queryError(const QSqlError &error)
{
    return Error::query(serverMessage(error), error.nativeErrorCode());
}

Result<QSqlQuery> runQuery(const QSqlDatabase &db, const QString &sql, const QVariantList &parameters)
{
    // FKSCOPE_LOG_SQL=1 shows every statement fkscope sends, for EXPLAIN and bug reports.
    static const bool logSql = qEnvironmentVariableIsSet("FKSCOPE_LOG_SQL");
    if (logSql)
        qInfo().noquote() << "fkscope SQL:" << sql << ";";
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
        return queryError(query.lastError());
    return query;
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

    QVariant handle = db.driver()->handle();
    // The driver registers the handle's type as "PGconn*"; Qt 6.4 reports it as "pg_conn*".
    const char *handleType = handle.typeName();
    if (handleType && (qstrcmp(handleType, "PGconn*") == 0 || qstrcmp(handleType, "pg_conn*") == 0)) {
        PGconn *conn = *static_cast<PGconn *const *>(handle.constData());
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
    if (!d->cancel)
        return false;
    char message[256];
    return PQcancel(d->cancel, message, sizeof message) == 1;
}

} // namespace fkscope

namespace fkscope {

QString Connection::quoteLiteral(const QString &text) const
{
    const QByteArray utf8 = text.toUtf8();
    char *escaped = PQescapeLiteral(d->conn, utf8.constData(), size_t(utf8.size()));
    if (!escaped)
        return QStringLiteral("NULL");  // only on out-of-memory or an invalid encoding
    const QString result = QString::fromUtf8(escaped);
    PQfreemem(escaped);
    return result;
}

} // namespace fkscope
