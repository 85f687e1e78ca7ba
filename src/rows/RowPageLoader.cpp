#include "rows/RowPageLoader.h"

#include "db/Connection.h"
#include "db/SqlQuery.h"

namespace fkscope {

namespace {

// The first window of a table without a key: 64 blocks (512 kB). Each window that comes up
// short doubles the next, up to 64k blocks (512 MB), so a sparse filter needs few queries.
const qint64 firstWindow = 64;
const qint64 largestWindow = 65536;

} // namespace

Result<RowPage> RowPageLoader::load(const Table &table, const RowQuery &query, const RowCursor &after, int limit)
{
    const RowPageQuery pageQuery(table, query, [this](const QString &text) { return m_connection.quoteLiteral(text); });
    const QSqlDatabase db = m_connection.database();
    // One snapshot: the block count and the windows of one ctid page agree.
    Result<RowPage> page = inReadOnlySnapshot(db, m_statementTimeout, [&]() -> Result<RowPage> {
        // QPSQL sets bytea_output to escape for its own decoding; people read the server's default.
        auto set = runQuery(db, QStringLiteral("SET LOCAL bytea_output TO DEFAULT"));
        if (!set)
            return set.error();
        return loadInTransaction(pageQuery, after, limit);
    });
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

    auto count = runSingleStatement(m_connection.database(), query.blockCountSql());
    if (!count)
        return count.error();
    const qint64 blocks = count->empty() || !count->front().at(0) ? 0 : count->front().at(0)->toLongLong();
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
        if (m_connection.cancelRequested())
            return Error::query(QStringLiteral("cancelled"), QStringLiteral("57014"));
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
    auto result = runSingleStatement(m_connection.database(), query.sql(after, limit));
    if (!result)
        return result.error();
    const int columns = query.columnCount();
    const int keyParts = query.keyPartCount();
    const int count = int(result->size());
    for (TextRow &row : result.value()) {
        QStringList key;
        for (int k = 0; k < keyParts; ++k)
            key << row[size_t(columns + k)].value_or(QString());
        row.resize(size_t(columns));
        page.rows.push_back(std::move(row));
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
