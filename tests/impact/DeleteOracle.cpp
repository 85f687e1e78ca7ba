#include "DeleteOracle.h"

#include "catalog/Identifier.h"
#include "db/SqlQuery.h"

namespace fkscope::test {

namespace {

// identity -> whole row; the identity is the primary key, or the whole row and a counter.
QMap<QString, QString> rowsOf(const QSqlDatabase &db, const Table &table)
{
    QString identity = QStringLiteral("t::text");
    if (const UniqueKey *pk = table.primaryKey()) {
        QStringList columns;
        for (const QString &c : pk->columns)
            columns << QStringLiteral("t.%1").arg(quoteIdentifier(c));
        identity = QStringLiteral("ROW(%1)::text").arg(columns.join(QStringLiteral(", ")));
    }
    const QString only = table.kind == Table::Kind::Partitioned ? QString() : QStringLiteral("ONLY ");
    QMap<QString, QString> rows;
    auto query = runQuery(db, QStringLiteral("SELECT %1, t::text FROM %2%3 t")
                                  .arg(identity, only, quoteQualified(table.schema, table.name)));
    while (query && query->next()) {
        QString key = query->value(0).toString();
        while (rows.contains(key))  // duplicate whole rows of a table without a key
            key += QLatin1Char('+');
        rows.insert(key, query->value(1).toString());
    }
    return rows;
}

} // namespace

ActualDelete runRealDelete(Connection &connection, const Catalog &catalog, const QString &deleteStatement,
                           const QStringList &setup)
{
    const QSqlDatabase db = connection.database();
    std::vector<const Table *> tables;
    for (const Table &t : catalog.tables) {
        if (t.partitionOf.isEmpty() && !t.temporary)
            tables.push_back(&t);
    }
    ActualDelete actual;
    // The DELETE runs inside a transaction that is rolled back: without one it would commit.
    if (auto begin = runQuery(db, QStringLiteral("BEGIN")); !begin) {
        actual.fails = true;
        actual.error = QStringLiteral("the oracle could not BEGIN: %1").arg(begin.error().message);
        return actual;
    }
    for (const QString &statement : setup) {
        if (auto done = runQuery(db, statement); !done) {
            actual.fails = true;
            actual.error = QStringLiteral("the oracle's setup failed: %1: %2").arg(statement, done.error().message);
            (void)runQuery(db, QStringLiteral("ROLLBACK"));
            return actual;
        }
    }
    QMap<QString, QMap<QString, QString>> before;
    for (const Table *t : tables)
        before.insert(t->qualifiedName, rowsOf(db, *t));

    auto result = runQuery(db, deleteStatement);
    if (result)
        result = runQuery(db, QStringLiteral("SET CONSTRAINTS ALL IMMEDIATE"));
    if (!result) {
        actual.fails = true;
        actual.error = result.error().message;
        (void)runQuery(db, QStringLiteral("ROLLBACK"));
        return actual;
    }
    for (const Table *t : tables) {
        const QMap<QString, QString> &old = before[t->qualifiedName];
        const QMap<QString, QString> now = rowsOf(db, *t);
        qint64 deleted = 0, updated = 0;
        if (t->primaryKey()) {
            for (auto it = old.constBegin(); it != old.constEnd(); ++it) {
                if (!now.contains(it.key()))
                    ++deleted;
                else if (now.value(it.key()) != it.value())
                    ++updated;
            }
        } else {
            // Without a key, a changed row looks like a removed one and a new one.
            qint64 gone = 0;
            for (auto it = old.constBegin(); it != old.constEnd(); ++it)
                gone += !now.contains(it.key());
            deleted = qMax<qint64>(0, old.size() - now.size());
            updated = gone - deleted;
        }
        if (deleted)
            actual.deleted.insert(t->qualifiedName, deleted);
        if (updated)
            actual.updated.insert(t->qualifiedName, updated);
    }
    (void)runQuery(db, QStringLiteral("ROLLBACK"));
    return actual;
}

QMap<QString, qint64> nonZeroCounts(const std::vector<QPair<QString, qint64>> &counts)
{
    QMap<QString, qint64> map;
    for (const auto &[table, rows] : counts) {
        if (rows)
            map.insert(table, rows);
    }
    return map;
}

QString describeCounts(const QMap<QString, qint64> &counts)
{
    QStringList parts;
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it)
        parts << QStringLiteral("%1=%2").arg(it.key()).arg(it.value());
    return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
}

} // namespace fkscope::test
