#include "copy/CopyReportJson.h"

#include "util/JsonWriter.h"

namespace fkscope {

qint64 CopyReport::total(qint64 CopiedTable::*field) const
{
    qint64 sum = 0;
    for (const CopiedTable &t : tables)
        sum += t.*field;
    return sum;
}

QString toString(OnConflict onConflict)
{
    switch (onConflict) {
    case OnConflict::Skip: return QStringLiteral("skip");
    case OnConflict::Update: return QStringLiteral("update");
    case OnConflict::Fail: break;
    }
    return QStringLiteral("fail");
}

void writeJson(JsonWriter &json, const CopyReport &report)
{
    json.beginObject();
    json.key("source").value(report.source);
    json.key("target").value(report.target);
    json.key("dryRun").value(report.dryRun);
    json.key("createdSchema").value(report.createdSchema);
    json.key("onConflict").value(toString(report.onConflict));
    json.key("rows").value(report.total(&CopiedTable::rows));
    json.key("copied").value(report.total(&CopiedTable::copied));
    json.key("skipped").value(report.total(&CopiedTable::skipped));
    json.key("updated").value(report.total(&CopiedTable::updated));
    json.key("bytes").value(report.bytes);
    // Milliseconds are enough, and keep the number an integer-or-decimal JSON reads exactly.
    json.key("seconds").rawJson(QByteArray::number(report.seconds, 'f', 3));
    json.key("tables").beginArray();
    for (const CopiedTable &t : report.tables) {
        json.beginObject();
        json.key("table").value(t.table);
        json.key("rows").value(t.rows);
        json.key("copied").value(t.copied);
        json.key("skipped").value(t.skipped);
        json.key("updated").value(t.updated);
        json.endObject();
    }
    json.endArray();
    json.endObject();
    json.flush();
}

} // namespace fkscope
