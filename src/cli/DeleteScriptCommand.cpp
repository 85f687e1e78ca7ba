#include "cli/CliContext.h"
#include "cli/Commands.h"
#include "cli/RootOptions.h"
#include "cli/TimedOptions.h"

#include "catalog/VirtualKeys.h"
#include "impact/DryRunTimingJson.h"
#include "impact/TimedDryRun.h"
#include "script/DeleteScriptWriter.h"
#include "script/ScriptRunJson.h"
#include "script/ScriptRunner.h"
#include "util/JsonWriter.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace fkscope {

namespace {

Result<DeleteScriptMode> modeFromOption(const QString &value)
{
    if (value == QLatin1String("auto"))
        return DeleteScriptMode::Auto;
    if (value == QLatin1String("predicate"))
        return DeleteScriptMode::Predicate;
    if (value == QLatin1String("key"))
        return DeleteScriptMode::Key;
    return Error::usage(QStringLiteral("--mode takes predicate, key or auto, not '%1'").arg(value));
}

} // namespace

int runDeleteScriptCommand(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Writes the SQL script that deletes the root rows and every row that would block the DELETE, children "
        "first, in one transaction, with the root rows locked first. Rows that PostgreSQL would only set NULL or "
        "DEFAULT stay and are updated by PostgreSQL. Run it with psql -v ON_ERROR_STOP=1 -f FILE."));
    addRootOptions(parser);
    parser.addOption({QStringLiteral("mode"),
                      QStringLiteral("predicate: find the rows when the script runs (scales to millions); key: list "
                                     "the rows seen now by primary key; auto: key up to 1000 rows."),
                      QStringLiteral("MODE"), QStringLiteral("auto")});
    parser.addOption({QStringLiteral("lock-timeout"),
                      QStringLiteral("The script's lock_timeout in milliseconds."), QStringLiteral("MS"),
                      QStringLiteral("5000")});
    parser.addOption({QStringLiteral("output"), QStringLiteral("Write the script to FILE instead of standard output."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("dry-run"),
                      QStringLiteral("Run the script in a transaction that is rolled back and print, as JSON, the rows "
                                     "it deleted and updated per table, or the error.")});
    parser.addOption({QStringLiteral("follow-virtual-keys"),
                      QStringLiteral("Also delete, first, the rows that reference deleted rows through --virtual-keys, "
                                     "as if those keys were declared NO ACTION.")});
    addStatementTimeoutOption(parser);
    addTimedOptions(parser, QStringLiteral("the script (with --dry-run)"));
    int exitCode = Answered;
    if (!context.parse(parser, arguments, &exitCode))
        return exitCode;
    auto root = rootFromOptions(parser);
    if (!root)
        return context.fail(root.error());
    auto mode = modeFromOption(parser.value(QStringLiteral("mode")));
    if (!mode)
        return context.fail(mode.error());
    auto timeout = statementTimeoutFromOptions(parser);
    if (!timeout)
        return context.fail(timeout.error());
    bool lockTimeoutOk = false;
    const int lockTimeout = parser.value(QStringLiteral("lock-timeout")).toInt(&lockTimeoutOk);
    if (!lockTimeoutOk || lockTimeout < 0)
        return context.fail(UsageError, QStringLiteral("--lock-timeout takes milliseconds"));
    if (Status timed = checkTimedOptions(parser); !timed)
        return context.fail(timed.error());
    if (timedRequested(parser) && !parser.isSet(QStringLiteral("dry-run")))
        return context.fail(UsageError, QStringLiteral("--timed needs --dry-run: only a dry run is timed"));

    auto session = context.connect(parser, &exitCode);
    if (!session)
        return exitCode;
    if (parser.isSet(QStringLiteral("follow-virtual-keys")))
        session->catalog = withVirtualKeysDeclared(session->catalog);
    TimedDryRun timedRun(*session->connection, session->catalog);
    timedRun.setStatementTimeout(timeout.value());
    if (timedRequested(parser)) {
        if (Status prepared = prepareTimedDryRun(context, *session, parser, timedRun); !prepared)
            return context.fail(prepared.error());
    }
    DeleteScriptWriter writer(*session->connection, session->catalog);
    writer.setMode(mode.value());
    writer.setLockTimeout(lockTimeout);
    writer.setStatementTimeout(timeout.value());
    auto script = writer.write(root.value());
    if (!script)
        return context.fail(script.error());

    if (parser.isSet(QStringLiteral("dry-run"))) {
        ScriptRunner runner(*session->connection, session->catalog);
        runner.setStatementTimeout(timeout.value());
        const Result<ScriptRun> run = runner.dryRun(script.value());
        // Timed in a second rolled-back transaction, so the counts above stay those of a plain run.
        std::optional<DryRunTiming> timing;
        if (timedRequested(parser) && run) {
            auto timed = timedRun.timeScript(script.value());
            if (!timed)
                return context.fail(timedRunError(timed.error()));
            timing = timed.take();
        }
        JsonWriter json(context.output());
        writeJson(json, run, [&timing](JsonWriter &out) {
            if (timing) {
                out.key("timing");
                writeJson(out, *timing);
            }
        });
        return Answered;
    }
    if (!script->isRunnable())
        context.err() << "fkscope-cli: no script: " << script->refusal << Qt::endl;
    return context.writeText(script->text(), parser.value(QStringLiteral("output")));
}

} // namespace fkscope
