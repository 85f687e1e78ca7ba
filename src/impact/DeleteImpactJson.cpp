#include "impact/DeleteImpactJson.h"

#include "util/JsonWriter.h"

namespace fkscope {

namespace {

void writeCounts(JsonWriter &json, const std::vector<QPair<QString, qint64>> &counts)
{
    json.beginObject();
    for (const auto &[table, rows] : counts)
        json.key(table).value(rows);
    json.endObject();
}

void writeTree(JsonWriter &json, const std::vector<ImpactEdge> &edges)
{
    json.beginArray();
    for (const ImpactEdge &edge : edges) {
        json.beginObject();
        json.key("constraint").value(edge.key->name);
        json.key("table").value(edge.key->child);
        json.key("columns").value(edge.key->childColumns);
        json.key("parent").value(edge.key->parent);
        json.key("on_delete").value(toString(edge.key->onDelete));
        json.key("virtual").value(edge.key->isVirtual);
        json.key("rows").value(edge.rows);
        json.key("children");
        writeTree(json, edge.children);
        json.endObject();
    }
    json.endArray();
}

qint64 total(const std::vector<QPair<QString, qint64>> &counts)
{
    qint64 sum = 0;
    for (const auto &c : counts)
        sum += c.second;
    return sum;
}

} // namespace

QString verdict(const DeleteImpact &impact)
{
    if (!impact.fails.has_value())
        return QStringLiteral("Cannot tell what DELETE would do: %1").arg(impact.incomplete.join(QStringLiteral("; ")));
    auto plural = [](qint64 n, const char *one, const char *many) {
        return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
    };
    if (*impact.fails) {
        const BlockingKey &first = impact.blockedBy.front();
        QString text = QStringLiteral("DELETE would fail: %1 in %2 %3 it through constraint %4")
                           .arg(plural(first.rows, "row", "rows"), first.table,
                                first.rows == 1 ? QStringLiteral("blocks") : QStringLiteral("block"), first.constraint);
        if (const qint64 more = qint64(impact.blockedBy.size()) - 1; more > 0)
            text += QStringLiteral(" (and %1 more %2)")
                        .arg(more)
                        .arg(more == 1 ? QStringLiteral("constraint") : QStringLiteral("constraints"));
        return text;
    }
    qint64 tables = 0;
    for (const auto &c : impact.deleted)
        tables += c.second > 0;
    QString text = QStringLiteral("DELETE would remove %1 in %2 and update %3")
                       .arg(plural(total(impact.deleted), "row", "rows"), plural(tables, "table", "tables"),
                            plural(total(impact.updated), "row", "rows"));
    qint64 orphaned = 0;
    for (const OrphanedRows &o : impact.orphaned)
        orphaned += o.rows;
    if (orphaned > 0)
        text += QStringLiteral(", and leave %1 pointing at nothing through virtual keys")
                    .arg(plural(orphaned, "row", "rows"));
    return text;
}

void writeJson(JsonWriter &json, const DeleteImpact &impact, const std::function<void(JsonWriter &)> &moreMembers)
{
    json.beginObject();
    json.key("root").beginObject();
    json.key("table").value(impact.rootTable);
    if (impact.rootWhere.isEmpty()) {
        json.key("key").beginObject();
        for (const auto &[column, value] : impact.rootKey)
            json.key(column).value(value);
        json.endObject();
    } else {
        json.key("where").value(impact.rootWhere);
    }
    json.key("rows").value(impact.rootRows);
    json.endObject();
    if (!impact.assumed.empty()) {
        json.key("assumed").beginArray();
        for (const AssumedAction &a : impact.assumed) {
            json.beginObject();
            json.key("table").value(a.table);
            json.key("constraint").value(a.constraint);
            json.key("on_delete").value(toString(a.onDelete));
            json.endObject();
        }
        json.endArray();
    }

    json.key("delete").beginObject();
    json.key("fails");
    if (impact.fails)
        json.value(*impact.fails);
    else
        json.null();
    json.key("blocked_by").beginArray();
    for (const BlockingKey &b : impact.blockedBy) {
        json.beginObject();
        json.key("constraint").value(b.constraint);
        json.key("table").value(b.table);
        json.key("rows").value(b.rows);
        json.endObject();
    }
    json.endArray();
    json.key("orphaned").beginArray();
    for (const OrphanedRows &o : impact.orphaned) {
        json.beginObject();
        json.key("table").value(o.table);
        json.key("key").value(o.key);
        json.key("rows").value(o.rows);
        json.endObject();
    }
    json.endArray();
    json.key("deleted");
    writeCounts(json, impact.deleted);
    json.key("updated");
    writeCounts(json, impact.updated);
    json.endObject();

    json.key("verdict").value(verdict(impact));
    json.key("complete").value(impact.incomplete.isEmpty());
    json.key("counts_known").value(impact.countsKnown);
    json.key("incomplete").value(impact.incomplete);
    json.key("warnings").value(impact.warnings);
    json.key("tree");
    writeTree(json, impact.tree);
    if (moreMembers)
        moreMembers(json);
    json.endObject();
}

} // namespace fkscope
