#include "CatalogOracle.h"

#include "TestDatabase.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace fkscope::test {

namespace {

QJsonArray sorted(QJsonArray keys)
{
    QList<QJsonValue> list(keys.begin(), keys.end());
    auto sortKey = [](const QJsonValue &v) {
        const QJsonObject o = v.toObject();
        return o.value(QLatin1String("child")).toString() + QChar(1) + o.value(QLatin1String("name")).toString()
            + QChar(1) + QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
    };
    std::sort(list.begin(), list.end(), [&](const QJsonValue &a, const QJsonValue &b) { return sortKey(a) < sortKey(b); });
    QJsonArray result;
    for (const QJsonValue &v : list)
        result.append(v);
    return result;
}

} // namespace

QJsonArray foreignKeysFromServer(TestDatabase &db)
{
    const QString sql = QStringLiteral(R"SQL(
WITH keys AS (
  SELECT c.conname AS name,
         format('%I.%I', cn.nspname, cc.relname) AS child,
         ARRAY(SELECT a.attname FROM generate_subscripts(c.conkey, 1) AS i
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[i] ORDER BY i) AS child_columns,
         format('%I.%I', pn.nspname, pc.relname) AS parent,
         ARRAY(SELECT a.attname FROM generate_subscripts(c.confkey, 1) AS i
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = c.confkey[i] ORDER BY i) AS parent_columns,
         CASE c.confdeltype WHEN 'a' THEN 'no action' WHEN 'r' THEN 'restrict' WHEN 'c' THEN 'cascade'
                            WHEN 'n' THEN 'set null' WHEN 'd' THEN 'set default' END AS on_delete,
         CASE WHEN c.confdelsetcols IS NULL THEN NULL ELSE
         ARRAY(SELECT a.attname FROM generate_subscripts(c.confdelsetcols, 1) AS i
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.confdelsetcols[i] ORDER BY i) END
           AS on_delete_set_columns,
         CASE c.confupdtype WHEN 'a' THEN 'no action' WHEN 'r' THEN 'restrict' WHEN 'c' THEN 'cascade'
                            WHEN 'n' THEN 'set null' WHEN 'd' THEN 'set default' END AS on_update,
         CASE c.confmatchtype WHEN 's' THEN 'simple' WHEN 'f' THEN 'full' WHEN 'p' THEN 'partial' END AS match,
         c.condeferrable AS deferrable,
         c.condeferred AS initially_deferred,
         c.convalidated AS validated,
         pg_get_constraintdef(c.oid) AS definition
    FROM pg_constraint c
    JOIN pg_class cc ON cc.oid = c.conrelid JOIN pg_namespace cn ON cn.oid = cc.relnamespace
    JOIN pg_class pc ON pc.oid = c.confrelid JOIN pg_namespace pn ON pn.oid = pc.relnamespace
   WHERE c.contype = 'f' AND c.conparentid = 0)
SELECT coalesce(json_agg(keys), '[]') FROM keys
)SQL");
    const QString json = db.query(sql).join(QLatin1Char('\n'));
    return sorted(QJsonDocument::fromJson(json.toUtf8()).array());
}

QJsonArray foreignKeysFromCatalog(const Catalog &catalog)
{
    QJsonArray keys;
    for (const ForeignKey &k : catalog.foreignKeys) {
        keys.append(QJsonObject{
            {QStringLiteral("name"), k.name},
            {QStringLiteral("child"), k.child},
            {QStringLiteral("child_columns"), QJsonArray::fromStringList(k.childColumns)},
            {QStringLiteral("parent"), k.parent},
            {QStringLiteral("parent_columns"), QJsonArray::fromStringList(k.parentColumns)},
            {QStringLiteral("on_delete"), toString(k.onDelete)},
            {QStringLiteral("on_delete_set_columns"),
             k.onDeleteSetColumns.isEmpty() ? QJsonValue() : QJsonValue(QJsonArray::fromStringList(k.onDeleteSetColumns))},
            {QStringLiteral("on_update"), toString(k.onUpdate)},
            {QStringLiteral("match"), toString(k.match)},
            {QStringLiteral("deferrable"), k.deferrable},
            {QStringLiteral("initially_deferred"), k.initiallyDeferred},
            {QStringLiteral("validated"), k.validated},
            {QStringLiteral("definition"), k.definition},
        });
    }
    return sorted(keys);
}

} // namespace fkscope::test
