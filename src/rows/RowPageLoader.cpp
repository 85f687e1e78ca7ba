#include "rows/RowPageLoader.h"

#include "db/Connection.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QDebug>
#include <QVariant>

#include <libpq-fe.h>

#include <memory>

namespace fkscope {

namespace {

// The first window of a table without a key: 64 blocks (512 kB). Each window that comes up
// short doubles the next, up to 64k blocks (512 MB), so a sparse filter needs few queries.
const qint64 firstWindow = 64;
const qint64 largestWindow = 65536;

struct ResultDeleter {
    void operator()(PGresult *result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

PGconn *connectionHandle(const Connection &connection)
{
    const QVariant handle = connection.database().driver()->handle();
    const char *type = handle.typeName();
    if (!type || (qstrcmp(type, "PGconn*") != 0 && qstrcmp(type, "pg_conn*") != 0))
        return nullptr;
    return *static_cast<PGconn *const *>(handle.constData());
}

Error resultError(PGconn *conn, const PGresult *result)
{
    if (!result)
        return Error::query(QString::fromUtf8(PQerrorMessage(conn)).simplified());
    QStringList parts{QString::fromUtf8(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY))};
    if (const char *detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL))
        parts << QStringLiteral("DETAIL: ") + QString::fromUtf8(detail);
    if (const char *hint = PQresultErrorField(result, PG_DIAG_MESSAGE_HINT))
        parts << QStringLiteral("HINT: ") + QString::fromUtf8(hint);
    return Error::query(parts.join(QLatin1Char(' ')).simplified(),
                        QString::fromUtf8(PQresultErrorField(result, PG_DIAG_SQLSTATE)));
}

// One statement through the extended protocol: PostgreSQL rejects a string that holds two.
Result<PgResult> execute(PGconn *conn, const QString &sql)
{
    static const bool logSql = qEnvironmentVariableIsSet("FKSCOPE_LOG_SQL");
    if (logSql)
        qInfo().noquote() << "fkscope SQL:" << sql << ";";
    const QByteArray text = sql.toUtf8();
    PgResult result(PQexecParams(conn, text.constData(), 0, nullptr, nullptr, nullptr, nullptr, 0));
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        return resultError(conn, result.get());
    return result;
}

} // namespace

Result<RowPage> RowPageLoader::load(const Table &table, const RowQuery &query, const RowCursor &after, int limit)
{
    PGconn *conn = connectionHandle(m_connection);
    if (!conn)
        return Error::connection(QStringLiteral("the QPSQL driver gave no libpq connection handle"));
    const RowPageQuery pageQuery(table, query, [this](const QString &text) { return m_connection.quoteLiteral(text); });

    // REPEATABLE READ: the block count and the windows of one ctid page see one snapshot.
    auto begin = execute(conn, QStringLiteral("START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
    if (!begin)
        return begin.error();
    // QPSQL sets bytea_output to escape for its own decoding; people read the server's default.
    auto set = execute(conn, QStringLiteral("SET LOCAL bytea_output TO DEFAULT"));
    if (set && m_statementTimeout > 0)
        set = execute(conn, QStringLiteral("SET LOCAL statement_timeout = %1").arg(m_statementTimeout));
    Result<RowPage> page = set ? loadInTransaction(pageQuery, after, limit) : Result<RowPage>(set.error());
    execute(conn, QStringLiteral("ROLLBACK"));
    if (page) {
        for (const Column &column : table.columns)
            page->columns << column.name;
    }
    return page;
}

Result<RowPage> RowPageLoader::loadInTransaction(const RowPageQuery &query, const RowCursor &after, int limit)
{
    RowPage page;
    page.next = after;
    if (!query.readsBlockWindows()) {
        Status fetched = fetch(query, after, limit, page);
        if (!fetched)
            return fetched.error();
        page.atEnd = int(page.rows.size()) < limit;
        return page;
    }

    auto count = execute(connectionHandle(m_connection), query.blockCountSql());
    if (!count)
        return count.error();
    const qint64 blocks = QByteArray(PQgetvalue(count->get(), 0, 0)).toLongLong();
    RowCursor &cursor = page.next;
    if (cursor.blockCount <= 0) {
        cursor.blockStart = 0;
        cursor.blockCount = firstWindow;
        cursor.inWindow = false;
    }
    while (int(page.rows.size()) < limit) {
        if (cursor.blockStart >= blocks) {
            page.atEnd = true;
            break;
        }
        if (m_cancelled && m_cancelled->load())
            return Error::query(QStringLiteral("canceling statement due to user request"), QStringLiteral("57014"));
        const int wanted = limit - int(page.rows.size());
        const size_t before = page.rows.size();
        Status fetched = fetch(query, cursor, wanted, page);
        if (!fetched)
            return fetched.error();
        if (int(page.rows.size() - before) == wanted) {
            cursor.inWindow = true;
            break;
        }
        cursor.blockStart += cursor.blockCount;
        cursor.blockCount = qMin(cursor.blockCount * 2, largestWindow);
        cursor.inWindow = false;
    }
    return page;
}

Status RowPageLoader::fetch(const RowPageQuery &query, const RowCursor &after, int limit, RowPage &page)
{
    auto result = execute(connectionHandle(m_connection), query.sql(after, limit));
    if (!result)
        return result.error();
    PGresult *rows = result->get();
    const int columns = query.columnCount();
    const int keyParts = query.keyPartCount();
    const int count = PQntuples(rows);
    for (int r = 0; r < count; ++r) {
        RowValues values;
        values.reserve(size_t(columns));
        for (int c = 0; c < columns; ++c) {
            if (PQgetisnull(rows, r, c))
                values.emplace_back();
            else
                values.emplace_back(QString::fromUtf8(PQgetvalue(rows, r, c), PQgetlength(rows, r, c)));
        }
        QStringList key;
        for (int k = 0; k < keyParts; ++k)
            key << QString::fromUtf8(PQgetvalue(rows, r, columns + k), PQgetlength(rows, r, columns + k));
        page.rows.push_back(std::move(values));
        page.rowKeys.push_back(std::move(key));
    }
    if (count > 0) {
        page.next.atStart = false;
        page.next.key = page.rowKeys.back();
        if (query.sortColumn() >= 0)
            page.next.sortValue = page.rows.back()[size_t(query.sortColumn())];
    }
    return Done{};
}

} // namespace fkscope
