#include "catalog/KeyIndexes.h"

#include "db/SqlQuery.h"

#include <QHash>

namespace fkscope {

namespace {

// Leading key columns (attnums) of every valid, non-partial index, per table.
Result<QHash<qint64, QList<QList<int>>>> indexesByTable(const QSqlDatabase &db)
{
    auto query = runQuery(db, QStringLiteral(R"SQL(
SELECT i.indrelid::bigint, (i.indkey::int2[])[0:i.indnkeyatts - 1]::text
  FROM pg_index i
 WHERE i.indisvalid AND i.indpred IS NULL
)SQL"));
    if (!query)
        return query.error();
    QHash<qint64, QList<QList<int>>> indexes;
    while (query->next()) {
        QString text = query->value(1).toString();
        QList<int> columns;
        for (const QString &n : text.mid(1, text.size() - 2).split(QLatin1Char(','), Qt::SkipEmptyParts))
            columns << n.toInt();  // 0 stands for an expression column
        indexes[query->value(0).toLongLong()] << columns;
    }
    return indexes;
}

// An index serves the key's lookups when its first columns are the key's columns, in any
// order.
bool covered(const QList<QList<int>> &indexes, const QSet<int> &keyColumns)
{
    for (const QList<int> &index : indexes) {
        if (index.size() < keyColumns.size())
            continue;
        QSet<int> leading;
        for (int i = 0; i < keyColumns.size(); ++i)
            leading.insert(index[i]);
        if (leading == keyColumns)
            return true;
    }
    return false;
}

} // namespace

Result<QSet<qint64>> unindexedKeys(const QSqlDatabase &db, const Catalog &catalog)
{
    auto indexes = indexesByTable(db);
    if (!indexes)
        return indexes.error();
    QSet<qint64> unindexed;
    for (const ForeignKey &key : catalog.foreignKeys) {
        const Table *child = catalog.table(key.childOid);
        QSet<int> columns;
        for (const QString &name : key.childColumns) {
            if (const Column *column = child ? child->column(name) : nullptr)
                columns.insert(column->number);
        }
        if (!covered(indexes->value(key.childOid), columns))
            unindexed.insert(key.oid);
    }
    return unindexed;
}

} // namespace fkscope
