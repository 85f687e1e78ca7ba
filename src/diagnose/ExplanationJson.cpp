#include "diagnose/ExplanationJson.h"

#include "impact/DeleteImpactJson.h"
#include "util/JsonWriter.h"

namespace fkscope {

void writeJson(JsonWriter &json, const Explanation &e)
{
    json.beginObject();
    json.key("sqlstate").value("23503");
    json.key("kind").value(violationKindName(e.violation.kind));
    json.key("constraint").value(e.key->name);
    json.key("child").value(e.key->child);
    json.key("parent").value(e.key->parent);
    json.key("key").beginObject();
    for (const auto &[column, value] : e.keyValues)
        json.key(column).value(value);
    json.endObject();
    json.key("key_ambiguous").value(e.keyAmbiguous);
    json.key("candidates").beginArray();
    for (const ForeignKey *k : e.candidates) {
        json.beginObject();
        json.key("constraint").value(k->name);
        json.key("child").value(k->child);
        json.key("parent").value(k->parent);
        json.endObject();
    }
    json.endArray();
    json.key("match_full_mixed_nulls").value(e.violation.matchFullMixedNulls);
    json.key("rows").value(e.rows);
    json.key("parent_exists");
    if (e.parentExists)
        json.value(*e.parentExists);
    else
        json.null();
    json.key("fixes").beginArray();
    for (const Fix &fix : e.fixes) {
        json.beginObject();
        json.key("kind").value(fix.kind);
        json.key("description").value(fix.description);
        json.key("sql").value(fix.sql);
        json.endObject();
    }
    json.endArray();
    json.key("dependents");
    if (e.dependents)
        writeJson(json, *e.dependents);
    else
        json.null();
    json.endObject();
}

} // namespace fkscope
