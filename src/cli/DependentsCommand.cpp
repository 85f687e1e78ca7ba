#include "cli/CliContext.h"
#include "cli/Commands.h"
#include "cli/RootOptions.h"

#include "impact/DeleteImpactAnalyzer.h"
#include "impact/DeleteImpactJson.h"
#include "util/JsonWriter.h"

#include <QCommandLineParser>

namespace fkscope {

int runDependentsCommand(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Predicts what DELETE of the root rows would do: which rows block it (NO ACTION, RESTRICT), which are "
        "deleted by cascade, which are set to NULL or DEFAULT. Reads only, in one read-only snapshot."));
    addRootOptions(parser);
    addStatementTimeoutOption(parser);
    CliContext::addExitCodeOption(parser);
    int exitCode = Answered;
    if (!context.parse(parser, arguments, &exitCode))
        return exitCode;
    auto root = rootFromOptions(parser);
    if (!root)
        return context.fail(root.error());
    auto timeout = statementTimeoutFromOptions(parser);
    if (!timeout)
        return context.fail(timeout.error());

    auto session = context.connect(parser, &exitCode);
    if (!session)
        return exitCode;
    DeleteImpactAnalyzer analyzer(*session->connection, session->catalog);
    analyzer.setStatementTimeout(timeout.value());
    auto impact = analyzer.analyze(root.value());
    if (!impact)
        return context.fail(impact.error());
    JsonWriter json(context.output());
    writeJson(json, impact.value());
    return CliContext::answered(parser, impact->fails.value_or(false));
}

} // namespace fkscope
