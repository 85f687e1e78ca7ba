#include "cli/CliContext.h"
#include "cli/Commands.h"

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
    parser.addOption({QStringLiteral("table"), QStringLiteral("The root table, as in SQL: orders, \"Sales\".\"Order Items\"."),
                      QStringLiteral("TABLE")});
    parser.addOption({QStringLiteral("key"),
                      QStringLiteral("A key column of the root row and its value as PostgreSQL prints it; repeat for "
                                     "composite keys."),
                      QStringLiteral("COLUMN=VALUE")});
    parser.addOption({QStringLiteral("where"), QStringLiteral("A SQL condition on the root table instead of --key."),
                      QStringLiteral("CONDITION")});
    parser.addOption({QStringLiteral("statement-timeout"),
                      QStringLiteral("Give up after this many milliseconds (0: no limit)."), QStringLiteral("MS"),
                      QStringLiteral("0")});
    CliContext::addExitCodeOption(parser);
    int exitCode = Answered;
    if (!context.parse(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.isSet(QStringLiteral("table")))
        return context.fail(UsageError, QStringLiteral("--table is required"));

    DeleteRoot root;
    root.table = parser.value(QStringLiteral("table"));
    root.where = parser.value(QStringLiteral("where"));
    for (const QString &pair : parser.values(QStringLiteral("key"))) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return context.fail(UsageError, QStringLiteral("--key takes COLUMN=VALUE, not '%1'").arg(pair));
        root.key.append({pair.left(equals), pair.mid(equals + 1)});
    }
    bool timeoutOk = false;
    const int timeout = parser.value(QStringLiteral("statement-timeout")).toInt(&timeoutOk);
    if (!timeoutOk || timeout < 0)
        return context.fail(UsageError, QStringLiteral("--statement-timeout takes milliseconds"));

    auto session = context.connect(parser, &exitCode);
    if (!session)
        return exitCode;
    DeleteImpactAnalyzer analyzer(*session->connection, session->catalog);
    analyzer.setStatementTimeout(timeout);
    auto impact = analyzer.analyze(root);
    if (!impact)
        return context.fail(impact.error());
    JsonWriter json(context.output());
    writeJson(json, impact.value());
    return CliContext::answered(parser, impact->fails.value_or(false));
}

} // namespace fkscope
