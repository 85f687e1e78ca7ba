#include "cli/CliContext.h"
#include "cli/Commands.h"

#include "diagnose/Lint.h"
#include "util/JsonWriter.h"

#include <QCommandLineParser>
#include <QMap>

namespace fkscope {

int runLintCommand(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Lists foreign-key findings: keys without an index on their columns, NOT VALID keys, keys between columns "
        "of different types, tables whose every incoming key blocks deletes."));
    CliContext::addExitCodeOption(parser);
    int exitCode = Answered;
    if (!context.parse(parser, arguments, &exitCode))
        return exitCode;
    auto session = context.connect(parser, &exitCode);
    if (!session)
        return exitCode;
    auto findings = Linter(*session->connection, session->catalog).lint();
    if (!findings)
        return context.fail(findings.error());

    QMap<QString, int> counts;
    JsonWriter json(context.output());
    json.beginObject();
    json.key("findings").beginArray();
    for (const LintFinding &f : findings.value()) {
        ++counts[f.kind];
        json.beginObject();
        json.key("kind").value(f.kind);
        json.key("table").value(f.table);
        json.key("constraint").stringOrNull(f.constraint);
        json.key("message").value(f.message);
        json.key("fix").stringOrNull(f.fix);
        json.endObject();
    }
    json.endArray();
    json.key("counts").beginObject();
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it)
        json.key(it.key()).value(it.value());
    json.endObject();
    json.endObject();
    return CliContext::answered(parser, !findings->empty());
}

} // namespace fkscope
