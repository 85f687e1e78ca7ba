#include "catalog/CatalogJson.h"

#include <QJsonArray>

namespace fkscope {

namespace {

QJsonValue stringOrNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonObject toJson(const Column &c)
{
    return {
        {QStringLiteral("name"), c.name},
        {QStringLiteral("type"), c.type},
        {QStringLiteral("nullable"), c.nullable},
        {QStringLiteral("identity"), stringOrNull(c.identity)},
        {QStringLiteral("generated"), stringOrNull(c.generated)},
        {QStringLiteral("default"), stringOrNull(c.defaultExpression)},
    };
}

QJsonObject toJson(const UniqueKey &k)
{
    return {
        {QStringLiteral("name"), k.name},
        {QStringLiteral("columns"), QJsonArray::fromStringList(k.columns)},
        {QStringLiteral("primary"), k.isPrimary},
        {QStringLiteral("constraint"), k.isConstraint},
        {QStringLiteral("nulls_not_distinct"), k.nullsNotDistinct},
    };
}

} // namespace

QJsonObject toJson(const ForeignKey &k)
{
    return {
        {QStringLiteral("name"), k.name},
        {QStringLiteral("child"), k.child},
        {QStringLiteral("child_columns"), QJsonArray::fromStringList(k.childColumns)},
        {QStringLiteral("parent"), k.parent},
        {QStringLiteral("parent_columns"), QJsonArray::fromStringList(k.parentColumns)},
        {QStringLiteral("on_delete"), toString(k.onDelete)},
        {QStringLiteral("on_delete_set_columns"),
         k.onDeleteSetColumns.isEmpty() ? QJsonValue(QJsonValue::Null)
                                        : QJsonValue(QJsonArray::fromStringList(k.onDeleteSetColumns))},
        {QStringLiteral("on_update"), toString(k.onUpdate)},
        {QStringLiteral("deferrable"), k.deferrable},
        {QStringLiteral("initially_deferred"), k.initiallyDeferred},
        {QStringLiteral("match"), toString(k.match)},
        {QStringLiteral("validated"), k.validated},
        {QStringLiteral("definition"), k.definition},
    };
}

QJsonObject toJson(const Table &t)
{
    QJsonArray columns;
    for (const Column &c : t.columns)
        columns.append(toJson(c));
    QJsonArray uniqueKeys;
    for (const UniqueKey &k : t.uniqueKeys)
        uniqueKeys.append(toJson(k));
    const UniqueKey *pk = t.primaryKey();
    return {
        {QStringLiteral("name"), t.qualifiedName},
        {QStringLiteral("schema"), t.schema},
        {QStringLiteral("table"), t.name},
        {QStringLiteral("kind"), t.kind == Table::Kind::Partitioned ? QStringLiteral("partitioned table")
                                                                     : QStringLiteral("table")},
        {QStringLiteral("partition_of"), stringOrNull(t.partitionOf)},
        {QStringLiteral("inherits"), QJsonArray::fromStringList(t.inherits)},
        {QStringLiteral("temporary"), t.temporary},
        {QStringLiteral("row_estimate"), t.rowEstimate ? QJsonValue(double(*t.rowEstimate)) : QJsonValue()},
        {QStringLiteral("row_security"), t.rowSecurity},
        {QStringLiteral("force_row_security"), t.forceRowSecurity},
        {QStringLiteral("columns"), columns},
        {QStringLiteral("primary_key"), pk ? QJsonValue(toJson(*pk)) : QJsonValue()},
        {QStringLiteral("unique_keys"), uniqueKeys},
    };
}

QJsonObject toJson(const Catalog &catalog)
{
    QJsonArray keys;
    for (const ForeignKey &k : catalog.foreignKeys)
        keys.append(toJson(k));
    QJsonArray tables;
    for (const Table &t : catalog.tables)
        tables.append(toJson(t));
    return {
        {QStringLiteral("database"), catalog.database},
        {QStringLiteral("server_version"), catalog.serverVersion},
        {QStringLiteral("foreign_keys"), keys},
        {QStringLiteral("tables"), tables},
    };
}

} // namespace fkscope
