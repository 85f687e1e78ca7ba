#include "script/ScriptRunJson.h"

#include "util/JsonWriter.h"

namespace fkscope {

namespace {

void writeCounts(JsonWriter &json, const char *name, const std::vector<TableChange> &changes,
                 qint64 TableChange::*count)
{
    json.key(name).beginObject();
    for (const TableChange &change : changes) {
        if (change.*count != 0)
            json.key(change.table).value(change.*count);
    }
    json.endObject();
}

} // namespace

void writeJson(JsonWriter &json, const Result<ScriptRun> &run, const std::function<void(JsonWriter &)> &moreMembers)
{
    const std::vector<TableChange> none;
    const std::vector<TableChange> &changes = run ? run->changes : none;
    json.beginObject();
    json.key("ok").value(run.ok());
    json.key("committed").value(run.ok() && run->committed);
    writeCounts(json, "inserted", changes, &TableChange::inserted);
    writeCounts(json, "updated", changes, &TableChange::updated);
    writeCounts(json, "deleted", changes, &TableChange::deleted);
    json.key("error");
    if (run) {
        json.null();
    } else {
        json.beginObject();
        json.key("sqlstate").stringOrNull(run.error().sqlstate);
        json.key("message").value(run.error().message);
        json.endObject();
    }
    if (moreMembers)
        moreMembers(json);
    json.endObject();
}

} // namespace fkscope
