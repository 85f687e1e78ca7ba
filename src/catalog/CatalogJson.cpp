#include "catalog/CatalogJson.h"

#include "util/JsonWriter.h"

namespace fkscope {

namespace {

void writeJson(JsonWriter &json, const Column &c)
{
    json.beginObject();
    json.key("name").value(c.name);
    json.key("type").value(c.type);
    json.key("nullable").value(c.nullable);
    json.key("identity").stringOrNull(c.identity);
    json.key("generated").stringOrNull(c.generated);
    json.key("default").stringOrNull(c.defaultExpression);
    json.endObject();
}

void writeJson(JsonWriter &json, const UniqueKey &k)
{
    json.beginObject();
    json.key("name").value(k.name);
    json.key("columns").value(k.columns);
    json.key("primary").value(k.isPrimary);
    json.key("constraint").value(k.isConstraint);
    json.key("nulls_not_distinct").value(k.nullsNotDistinct);
    json.endObject();
}

} // namespace

void writeJson(JsonWriter &json, const ForeignKey &k)
{
    json.beginObject();
    json.key("name").value(k.name);
    json.key("child").value(k.child);
    json.key("child_columns").value(k.childColumns);
    json.key("parent").value(k.parent);
    json.key("parent_columns").value(k.parentColumns);
    json.key("on_delete").value(toString(k.onDelete));
    json.key("on_delete_set_columns");
    if (k.onDeleteSetColumns.isEmpty())
        json.null();
    else
        json.value(k.onDeleteSetColumns);
    json.key("on_update").value(toString(k.onUpdate));
    json.key("deferrable").value(k.deferrable);
    json.key("initially_deferred").value(k.initiallyDeferred);
    json.key("match").value(toString(k.match));
    json.key("validated").value(k.validated);
    json.key("definition").value(k.definition);
    json.key("virtual").value(k.isVirtual);
    json.endObject();
}

void writeJson(JsonWriter &json, const Table &t)
{
    json.beginObject();
    json.key("name").value(t.qualifiedName);
    json.key("schema").value(t.schema);
    json.key("table").value(t.name);
    json.key("kind").value(t.kind == Table::Kind::Partitioned ? "partitioned table" : "table");
    json.key("partition_of").stringOrNull(t.partitionOf);
    json.key("inherits").value(t.inherits);
    json.key("temporary").value(t.temporary);
    json.key("row_estimate").value(t.rowEstimate);
    json.key("row_security").value(t.rowSecurity);
    json.key("force_row_security").value(t.forceRowSecurity);
    json.key("columns").beginArray();
    for (const Column &c : t.columns)
        writeJson(json, c);
    json.endArray();
    json.key("primary_key");
    if (const UniqueKey *pk = t.primaryKey())
        writeJson(json, *pk);
    else
        json.null();
    json.key("unique_keys").beginArray();
    for (const UniqueKey &k : t.uniqueKeys)
        writeJson(json, k);
    json.endArray();
    json.endObject();
}

void writeJson(JsonWriter &json, const Catalog &catalog)
{
    json.beginObject();
    json.key("database").value(catalog.database);
    json.key("server_version").value(catalog.serverVersion);
    json.key("foreign_keys").beginArray();
    for (const ForeignKey &k : catalog.foreignKeys)
        writeJson(json, k);
    json.endArray();
    json.key("tables").beginArray();
    for (const Table &t : catalog.tables)
        writeJson(json, t);
    json.endArray();
    json.endObject();
}

} // namespace fkscope
