#include "cli/CliContext.h"
#include "cli/Commands.h"
#include "cli/RootOptions.h"
#include "cli/TimedOptions.h"

#include "impact/AssumedActions.h"
#include "impact/DeleteImpactAnalyzer.h"
#include "impact/DeleteImpactJson.h"
#include "impact/DryRunTimingJson.h"
#include "impact/TimedDryRun.h"
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
    parser.addOption({QStringLiteral("assume"),
                      QStringLiteral("What if: predict with this ON DELETE action for the key, as after ALTER TABLE ... "
                                     "DROP CONSTRAINT, ADD CONSTRAINT (ACTION: cascade, set null, set default, restrict, "
                                     "no action; set null/default write all the key's columns). CONSTRAINT alone where "
                                     "its name is unique. Repeatable; the output lists them as \"assumed\"."),
                      QStringLiteral("TABLE:CONSTRAINT=ACTION")});
    addTimedOptions(parser, QStringLiteral("the DELETE"));
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
    if (Status timed = checkTimedOptions(parser); !timed)
        return context.fail(timed.error());
    // A timed run times the keys as they are; assumed actions exist only in the prediction.
    if (timedRequested(parser) && parser.isSet(QStringLiteral("assume")))
        return context.fail(UsageError, QStringLiteral("--timed runs the DELETE on the keys as they are: it cannot "
                                                       "be combined with --assume"));

    auto session = context.connect(parser, &exitCode);
    if (!session)
        return exitCode;
    auto assumed = AssumedActions::resolve(*session->connection, session->catalog,
                                           parser.values(QStringLiteral("assume")));
    if (!assumed)
        return context.fail(assumed.error());
    qint64 newestObjectId = 0;
    if (!assumed->empty()) {
        auto newest = AssumedActions::newestObjectId(*session->connection);
        if (!newest)
            return context.fail(newest.error());
        newestObjectId = newest.value();
    }
    TimedDryRun dryRun(*session->connection, session->catalog);
    dryRun.setStatementTimeout(timeout.value());
    if (timedRequested(parser)) {
        if (Status prepared = prepareTimedDryRun(context, *session, parser, dryRun); !prepared)
            return context.fail(prepared.error());
    }
    // The analysis reads the keys' actions from the catalog only, so a copy with the assumed
    // actions is all a what-if needs.
    const Catalog catalog = AssumedActions::apply(session->catalog, assumed.value(), newestObjectId);
    DeleteImpactAnalyzer analyzer(*session->connection, catalog);
    analyzer.setStatementTimeout(timeout.value());
    auto impact = analyzer.analyze(root.value());
    if (!impact)
        return context.fail(impact.error());
    impact->assumed = assumed.value();
    std::optional<DryRunTiming> timing;
    if (timedRequested(parser)) {
        auto timed = dryRun.timeDelete(root.value());
        if (!timed)
            return context.fail(timedRunError(timed.error()));
        timing = timed.take();
    }
    JsonWriter json(context.output());
    writeJson(json, impact.value(), [&timing](JsonWriter &out) {
        if (timing) {
            out.key("timing");
            writeJson(out, *timing);
        }
    });
    return CliContext::answered(parser, impact->fails.value_or(false));
}

} // namespace fkscope
