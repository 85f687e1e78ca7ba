#include "DeleteOracle.h"

#include "db/SqlQuery.h"

namespace fkscope::test {

namespace {

// id -> the whole row as text, for the rows stored in the table itself.
QMap<QString, QString> rowsOf(const QSqlDatabase &db, const QString &table)
{
    QMap<QString, QString> rows;
    auto query = runQuery(db, QStringLiteral("SELECT id::text, t::text FROM %1 t").arg(table));
    while (query && query->next())
        rows.insert(query->value(0).toString(), query->value(1).toString());
    return rows;
}

} // namespace

ActualDelete runRealDelete(Connection &connection, const QString &deleteStatement, const QStringList &tables)
{
    const QSqlDatabase db = connection.database();
    ActualDelete actual;
    runQuery(db, QStringLiteral("BEGIN"));
    QMap<QString, QMap<QString, QString>> before;
    for (const QString &table : tables)
        before.insert(table, rowsOf(db, table));

    auto result = runQuery(db, deleteStatement);
    if (result)
        result = runQuery(db, QStringLiteral("SET CONSTRAINTS ALL IMMEDIATE"));
    if (!result) {
        actual.fails = true;
        actual.error = result.error().message;
        runQuery(db, QStringLiteral("ROLLBACK"));
        return actual;
    }
    for (const QString &table : tables) {
        const QMap<QString, QString> after = rowsOf(db, table);
        qint64 deleted = 0, updated = 0;
        for (auto it = before[table].constBegin(); it != before[table].constEnd(); ++it) {
            if (!after.contains(it.key()))
                ++deleted;
            else if (after.value(it.key()) != it.value())
                ++updated;
        }
        if (deleted)
            actual.deleted.insert(table, deleted);
        if (updated)
            actual.updated.insert(table, updated);
    }
    runQuery(db, QStringLiteral("ROLLBACK"));
    return actual;
}

} // namespace fkscope::test
