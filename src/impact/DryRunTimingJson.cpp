#include "impact/DryRunTimingJson.h"

#include "util/JsonWriter.h"

namespace fkscope {

namespace {

void writeMilliseconds(JsonWriter &json, const char *name, double milliseconds)
{
    json.key(name).rawJson(QByteArray::number(milliseconds, 'f', 3));
}

void writePass(JsonWriter &json, const TimedPass &pass)
{
    json.key("ok").value(!pass.error.has_value());
    json.key("error");
    if (pass.error) {
        json.beginObject();
        json.key("sqlstate").stringOrNull(pass.error->sqlstate);
        json.key("message").value(pass.error->message);
        json.endObject();
    } else {
        json.null();
    }
    writeMilliseconds(json, "total_ms", pass.totalMs());
    writeMilliseconds(json, "planning_ms", pass.planningMs);
    writeMilliseconds(json, "execution_ms", pass.executionMs);
    json.key("keys").beginArray();
    for (const KeyTiming &k : pass.keys) {
        json.beginObject();
        json.key("constraint").value(k.constraint);
        json.key("table").value(k.table);
        json.key("parent").value(k.parent);
        json.key("on_delete").value(toString(k.onDelete));
        json.key("calls").value(k.calls);
        json.key("parent_delete_calls").value(k.parentDeleteCalls);
        writeMilliseconds(json, "time_ms", k.milliseconds);
        json.key("indexed").value(k.indexed);
        json.endObject();
    }
    json.endArray();
    json.key("other_triggers").beginArray();
    for (const TriggerTiming &t : pass.otherTriggers) {
        json.beginObject();
        json.key("trigger").value(t.name);
        json.key("relation").value(t.relation);
        json.key("calls").value(t.calls);
        writeMilliseconds(json, "time_ms", t.milliseconds);
        json.endObject();
    }
    json.endArray();
    json.key("locks").beginArray();
    for (const HeldLock &l : pass.locks) {
        json.beginObject();
        json.key("type").value(l.lockType);
        json.key("relation").stringOrNull(l.relation);
        json.key("mode").value(l.mode);
        json.key("granted").value(l.granted);
        json.endObject();
    }
    json.endArray();
}

} // namespace

QString withIndexLockNote(const QString &table)
{
    return QStringLiteral("CREATE INDEX on %1 inside the dry run's transaction holds a SHARE lock on %1 until the "
                          "rollback: writes to it wait that long")
        .arg(table);
}

void writeJson(JsonWriter &json, const DryRunTiming &timing)
{
    json.beginObject();
    json.key("rolled_back").value(true);
    json.key("deferred_checked_now").value(true);  // SET CONSTRAINTS ALL IMMEDIATE
    json.key("index_check").value(QStringLiteral(
        "catalog: an index whose leading columns are the key's child columns; EXPLAIN does not show the plans of "
        "the keys' own queries"));
    writePass(json, timing.before);
    json.key("with_index");
    if (!timing.after) {
        json.null();
    } else {
        json.beginObject();
        json.key("indexes").beginArray();
        for (const TriedIndex &index : timing.indexes) {
            json.beginObject();
            json.key("constraint").value(index.constraint);
            json.key("table").value(index.table);
            json.key("sql").value(index.sql);
            writeMilliseconds(json, "build_ms", index.buildMs);
            json.key("lock").value(withIndexLockNote(index.table));
            json.endObject();
        }
        json.endArray();
        json.key("after").beginObject();
        writePass(json, *timing.after);
        json.endObject();
        if (!timing.before.error && !timing.after->error)
            writeMilliseconds(json, "saved_ms", timing.before.totalMs() - timing.after->totalMs());
        json.endObject();
    }
    json.endObject();
}

} // namespace fkscope
