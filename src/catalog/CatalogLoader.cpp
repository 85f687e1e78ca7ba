#include "catalog/CatalogLoader.h"

#include "catalog/CatalogQueries.h"
#include "catalog/KeyIndexes.h"
#include "db/Connection.h"
#include "db/SqlQuery.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace fkscope {

namespace {

// "{3,1}" (an int2[] as text) -> the names of those columns of table, in that order.
QStringList columnNames(const Table *table, const QVariant &attnums)
{
    QStringList names;
    QString text = attnums.toString();
    if (!table || text.size() < 2)
        return names;
    const QStringList numbers = text.mid(1, text.size() - 2).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &n : numbers) {
        const Column *c = table->column(n.toInt());
        names << (c ? c->name : QString());
    }
    return names;
}

QStringList stringsFromJson(const QVariant &value)
{
    QStringList strings;
    if (value.isNull())
        return strings;
    const QJsonArray array = QJsonDocument::fromJson(value.toString().toUtf8()).array();
    for (const QJsonValue &v : array)
        strings << v.toString();
    return strings;
}

FkAction actionFromCode(const QString &code)
{
    switch (code.isEmpty() ? ' ' : code.at(0).toLatin1()) {
    case 'r': return FkAction::Restrict;
    case 'c': return FkAction::Cascade;
    case 'n': return FkAction::SetNull;
    case 'd': return FkAction::SetDefault;
    default: return FkAction::NoAction;  // 'a'
    }
}

FkMatch matchFromCode(const QString &code)
{
    if (code == QLatin1String("f"))
        return FkMatch::Full;
    if (code == QLatin1String("p"))
        return FkMatch::Partial;
    return FkMatch::Simple;
}

QString identityFromCode(const QString &code)
{
    if (code == QLatin1String("a"))
        return QStringLiteral("always");
    if (code == QLatin1String("d"))
        return QStringLiteral("by default");
    return {};
}

Status readTables(const QSqlDatabase &db, Catalog &catalog)
{
    auto query = runQuery(db, CatalogQueries::tables());
    if (!query)
        return query.error();
    while (query->next()) {
        Table t;
        t.oid = query->value(0).toLongLong();
        t.schema = query->value(1).toString();
        t.name = query->value(2).toString();
        t.qualifiedName = query->value(3).toString();
        t.kind = query->value(4).toString() == QLatin1String("p") ? Table::Kind::Partitioned
                                                                   : Table::Kind::Ordinary;
        t.partitionOf = query->value(5).toString();
        t.inherits = stringsFromJson(query->value(6));
        t.temporary = query->value(7).toBool();
        const double reltuples = query->value(8).toDouble();
        if (reltuples >= 0)  // -1: never vacuumed or analyzed (PostgreSQL 14 and later)
            t.rowEstimate = qint64(reltuples);
        t.rowSecurity = query->value(9).toBool();
        t.forceRowSecurity = query->value(10).toBool();
        catalog.tables.push_back(std::move(t));
    }
    catalog.rebuildIndex();
    return Done{};
}

Table *mutableTable(Catalog &catalog, qint64 oid)
{
    return const_cast<Table *>(catalog.table(oid));
}

Status readColumns(const QSqlDatabase &db, Catalog &catalog)
{
    auto query = runQuery(db, CatalogQueries::columns());
    if (!query)
        return query.error();
    while (query->next()) {
        Table *table = mutableTable(catalog, query->value(0).toLongLong());
        if (!table)
            continue;  // created after the tables were read
        Column c;
        c.number = query->value(1).toInt();
        c.name = query->value(2).toString();
        c.type = query->value(3).toString();
        c.nullable = query->value(4).toBool();
        c.identity = identityFromCode(query->value(5).toString());
        c.generated = query->value(6).toString() == QLatin1String("s") ? QStringLiteral("stored") : QString();
        c.defaultExpression = query->value(7).toString();
        table->columns.push_back(std::move(c));
    }
    return Done{};
}

Status readUniqueKeys(const QSqlDatabase &db, int serverVersion, Catalog &catalog)
{
    auto query = runQuery(db, CatalogQueries::uniqueKeys(serverVersion));
    if (!query)
        return query.error();
    while (query->next()) {
        Table *table = mutableTable(catalog, query->value(0).toLongLong());
        if (!table)
            continue;
        UniqueKey key;
        key.name = query->value(1).toString();
        key.isPrimary = query->value(2).toBool();
        key.isConstraint = query->value(3).toBool();
        key.nullsNotDistinct = query->value(4).toBool();
        key.columns = columnNames(table, query->value(5));
        table->uniqueKeys.push_back(std::move(key));
    }
    return Done{};
}

Status readForeignKeys(const QSqlDatabase &db, int serverVersion, Catalog &catalog)
{
    auto query = runQuery(db, CatalogQueries::foreignKeys(serverVersion));
    if (!query)
        return query.error();
    while (query->next()) {
        ForeignKey fk;
        fk.oid = query->value(0).toLongLong();
        fk.name = query->value(1).toString();
        fk.childOid = query->value(2).toLongLong();
        fk.child = query->value(3).toString();
        fk.parentOid = query->value(4).toLongLong();
        fk.parent = query->value(5).toString();
        const Table *child = catalog.table(fk.childOid);
        fk.childColumns = columnNames(child, query->value(6));
        fk.parentColumns = columnNames(catalog.table(fk.parentOid), query->value(7));
        fk.onDelete = actionFromCode(query->value(8).toString());
        fk.onUpdate = actionFromCode(query->value(9).toString());
        fk.match = matchFromCode(query->value(10).toString());
        fk.deferrable = query->value(11).toBool();
        fk.initiallyDeferred = query->value(12).toBool();
        fk.validated = query->value(13).toBool();
        fk.onDeleteSetColumns = columnNames(child, query->value(14));
        fk.definition = query->value(15).toString();
        fk.deleteTrigger = query->value(16).toString();
        catalog.foreignKeys.push_back(std::move(fk));
    }
    return Done{};
}

} // namespace

Result<Catalog> CatalogLoader::load()
{
    const QSqlDatabase db = m_connection.database();
    const int version = m_connection.serverVersion();

    Catalog catalog;
    catalog.database = m_connection.databaseName();
    // One snapshot: tables, columns and keys read by separate statements agree.
    Status status = inReadOnlySnapshot(db, 0, [&]() -> Status {
        auto versionQuery = runQuery(db, QStringLiteral("SHOW server_version"));
        if (!versionQuery)
            return versionQuery.error();
        if (versionQuery->next())
            catalog.serverVersion = versionQuery->value(0).toString();
        for (auto step : {&readTables, &readColumns}) {
            if (Status s = step(db, catalog); !s)
                return s;
        }
        if (Status s = readUniqueKeys(db, version, catalog); !s)
            return s;
        if (Status s = readForeignKeys(db, version, catalog); !s)
            return s;
        auto unindexed = unindexedKeys(db, catalog);
        if (!unindexed)
            return unindexed.error();
        for (ForeignKey &key : catalog.foreignKeys)
            key.childIndexed = !unindexed->contains(key.oid);
        return Done{};
    });
    if (!status)
        return status.error();
    return catalog;
}

} // namespace fkscope
