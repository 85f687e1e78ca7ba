#include "cli/CliContext.h"
#include "cli/Commands.h"

#include "diagnose/Orphans.h"
#include "util/JsonWriter.h"

#include <QCommandLineParser>

namespace fkscope {

namespace {

void writeJson(JsonWriter &json, const OrphanReport &r)
{
    json.beginObject();
    json.key("constraint").value(r.check.name);
    json.key("exists").value(r.check.exists);
    json.key("child").value(r.check.child->qualifiedName);
    json.key("child_columns").value(r.check.childColumns);
    json.key("parent").value(r.check.parent->qualifiedName);
    json.key("parent_columns").value(r.check.parentColumns);
    json.key("match").value(toString(r.check.match));
    json.key("rows").value(r.rows);
    json.key("sample").beginArray();
    for (const QByteArray &row : r.sample)
        json.rawJson(row);
    json.endArray();
    json.key("fixes").beginObject();
    json.key("delete").value(r.deleteScript);
    json.key("set_null").stringOrNull(r.setNullScript);
    json.key("insert_parents").value(r.insertParentsScript);
    json.key("validate").value(r.validateScript);
    json.endObject();
    json.endObject();
}

} // namespace

int runOrphansCommand(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Counts and lists the rows whose key references no parent row: for every NOT VALID key, for one key "
        "(--constraint, with --table when several tables use the name), or for a key you propose before adding it "
        "(--child 'orders(user_id)' --parent 'users(id)')."));
    parser.addOption({QStringLiteral("constraint"), QStringLiteral("An existing key."), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("table"), QStringLiteral("The table of --constraint."), QStringLiteral("TABLE")});
    parser.addOption({QStringLiteral("child"), QStringLiteral("Proposed key: the referencing side."), QStringLiteral("TABLE(COLUMNS)")});
    parser.addOption({QStringLiteral("parent"), QStringLiteral("Proposed key: the referenced side."), QStringLiteral("TABLE(COLUMNS)")});
    parser.addOption({QStringLiteral("match-full"), QStringLiteral("Proposed key: check it as MATCH FULL.")});
    parser.addOption({QStringLiteral("sample"), QStringLiteral("How many orphan rows to list per key."), QStringLiteral("N"),
                      QStringLiteral("20")});
    parser.addOption({QStringLiteral("offset"),
                      QStringLiteral("Skip this many orphan rows of each key (in primary key order): the next page."),
                      QStringLiteral("N"), QStringLiteral("0")});
    CliContext::addExitCodeOption(parser);
    int exitCode = Answered;
    if (!context.parse(parser, arguments, &exitCode))
        return exitCode;
    const bool proposed = parser.isSet(QStringLiteral("child")) || parser.isSet(QStringLiteral("parent"));
    if (proposed && parser.isSet(QStringLiteral("constraint")))
        return context.fail(UsageError, QStringLiteral("give either --constraint or --child and --parent"));
    if (proposed && !(parser.isSet(QStringLiteral("child")) && parser.isSet(QStringLiteral("parent"))))
        return context.fail(UsageError, QStringLiteral("a proposed key needs both --child and --parent"));
    bool sampleOk = false;
    const int sample = parser.value(QStringLiteral("sample")).toInt(&sampleOk);
    if (!sampleOk || sample < 0)
        return context.fail(UsageError, QStringLiteral("--sample takes a number"));
    bool offsetOk = false;
    const qint64 offset = parser.value(QStringLiteral("offset")).toLongLong(&offsetOk);
    if (!offsetOk || offset < 0)
        return context.fail(UsageError, QStringLiteral("--offset takes a number"));

    auto session = context.connect(parser, &exitCode);
    if (!session)
        return exitCode;
    OrphanFinder finder(*session->connection, session->catalog);
    std::vector<OrphanCheck> checks;
    if (proposed) {
        auto check = finder.proposedKey(parser.value(QStringLiteral("child")), parser.value(QStringLiteral("parent")));
        if (!check)
            return context.fail(check.error());
        if (parser.isSet(QStringLiteral("match-full")))
            check->match = FkMatch::Full;
        checks.push_back(check.take());
    } else if (parser.isSet(QStringLiteral("constraint"))) {
        auto check = finder.existingKey(parser.value(QStringLiteral("constraint")), parser.value(QStringLiteral("table")));
        if (!check)
            return context.fail(check.error());
        checks.push_back(check.take());
    } else {
        checks = finder.notValidKeys();
    }
    auto reports = finder.find(checks, sample, offset);
    if (!reports)
        return context.fail(reports.error());

    JsonWriter json(context.output());
    json.beginObject();
    json.key("orphans").beginArray();
    bool found = false;
    for (const OrphanReport &r : reports.value()) {
        writeJson(json, r);
        found = found || r.rows > 0;
    }
    json.endArray();
    json.endObject();
    return CliContext::answered(parser, found);
}

} // namespace fkscope
