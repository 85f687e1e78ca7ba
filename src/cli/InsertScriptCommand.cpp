#include "cli/CliContext.h"
#include "cli/Commands.h"
#include "cli/RootOptions.h"

#include "copy/CopyScriptWriter.h"
#include "script/InsertScriptWriter.h"
#include "script/ScriptRunJson.h"
#include "script/ScriptRunner.h"
#include "script/ScriptSink.h"
#include "util/JsonWriter.h"

#include <QCommandLineParser>
#include <QFile>
#include <QSaveFile>
#include <QTextStream>

#include <functional>

namespace fkscope {

namespace {

// --format is every command's common option, which CliContext knows as "json" only; for
// insert-script it names the script's form, so it is taken out before the common parsing.
QString takeScriptFormat(QStringList &arguments)
{
    QString format = QStringLiteral("insert");
    for (int i = 1; i < arguments.size(); ++i) {
        if (arguments[i] == QLatin1String("--format") && i + 1 < arguments.size()) {
            format = arguments.takeAt(i + 1);
            arguments.removeAt(i--);
        } else if (arguments[i].startsWith(QLatin1String("--format="))) {
            format = arguments.takeAt(i--).mid(9);
        }
    }
    return format;
}

// Streams a script to the file or standard output as the rows are read: write() writes it
// to the device it is given. A file is only replaced once the script is complete.
int streamScript(CliContext &context, const QString &path, const std::function<Status(QIODevice &)> &write)
{
    if (path.isEmpty()) {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly))
            return context.fail(UsageError, QStringLiteral("cannot write to standard output"));
        auto written = write(out);
        return written ? int(Answered) : context.fail(written.error());
    }
    QSaveFile file(path);  // no half file left behind on failure
    if (!file.open(QIODevice::WriteOnly))
        return context.fail(UsageError, QStringLiteral("cannot write --output %1: %2").arg(path, file.errorString()));
    auto written = write(file);
    if (!written)
        return context.fail(written.error());
    if (!file.commit())
        return context.fail(UsageError, QStringLiteral("cannot write --output %1: %2").arg(path, file.errorString()));
    return Answered;
}

} // namespace

int runInsertScriptCommand(CliContext &context, const QStringList &givenArguments)
{
    QStringList arguments = givenArguments;
    const QString scriptFormat = takeScriptFormat(arguments);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Writes the INSERT script of the root rows and every row they reference, transitively, parents first, so it "
        "loads into an empty database with the same schema (psql -v ON_ERROR_STOP=1 -f). Reads only, in one "
        "read-only snapshot.\n"
        "--dry-run runs the script against --db itself and rolls it back: into the database the rows came from, "
        "it fails on the first duplicate key (23505), or inserts nothing with --on-conflict-do-nothing.\n"
        "Both --format insert (the default) and --format copy (psql COPY ... FROM stdin blocks instead of INSERTs) "
        "are written as the rows are read, never held in memory."));
    addRootOptions(parser);
    parser.addOption({QStringLiteral("with-dependents"),
                      QStringLiteral("Also every row that references the root rows, transitively (a customer with "
                                     "all their orders), with the rows those reference.")});
    parser.addOption({QStringLiteral("on-conflict-do-nothing"),
                      QStringLiteral("Skip rows whose key is already in the target (ON CONFLICT DO NOTHING).")});
    parser.addOption({QStringLiteral("row-per-insert"), QStringLiteral("One INSERT per row instead of one per table.")});
    parser.addOption({QStringLiteral("output"), QStringLiteral("Write the script to FILE instead of standard output."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("dry-run"),
                      QStringLiteral("Run the script against --db in a transaction that is rolled back, and print "
                                     "the rows it would insert, per table, as JSON (or the error).")});
    int exitCode = Answered;
    if (!context.parse(parser, arguments, &exitCode))
        return exitCode;
    auto root = rootFromOptions(parser);
    if (!root)
        return context.fail(root.error());
    if (parser.isSet(QStringLiteral("dry-run")) && parser.isSet(QStringLiteral("output")))
        return context.fail(UsageError, QStringLiteral("give either --dry-run or --output, not both"));
    if (scriptFormat != QLatin1String("insert") && scriptFormat != QLatin1String("copy"))
        return context.fail(UsageError, QStringLiteral("--format takes insert or copy, not '%1'").arg(scriptFormat));
    const bool copyFormat = scriptFormat == QLatin1String("copy");
    if (copyFormat && (parser.isSet(QStringLiteral("dry-run")) || parser.isSet(QStringLiteral("row-per-insert"))))
        return context.fail(UsageError, QStringLiteral("--format copy takes neither --dry-run nor --row-per-insert"));

    auto session = context.connect(parser, &exitCode);
    if (!session)
        return exitCode;
    const bool withDependents = parser.isSet(QStringLiteral("with-dependents"));
    const bool skip = parser.isSet(QStringLiteral("on-conflict-do-nothing"));
    const QString path = parser.value(QStringLiteral("output"));
    if (copyFormat) {
        CopyScriptWriter writer(*session->connection, session->catalog);
        return streamScript(context, path, [&](QIODevice &out) { return writer.write(root.value(), withDependents, skip, out); });
    }
    InsertScriptWriter writer(*session->connection, session->catalog);
    InsertScriptOptions options;
    options.withDependents = withDependents;
    options.onConflictDoNothing = skip;
    options.rowPerInsert = parser.isSet(QStringLiteral("row-per-insert"));
    writer.setOptions(options);
    if (!parser.isSet(QStringLiteral("dry-run"))) {
        return streamScript(context, path, [&](QIODevice &out) -> Status {
            ScriptTextSink sink(out);
            if (auto written = writer.write(root.value(), sink); !written)
                return written;
            if (!sink.refusal().isEmpty())
                return Error::query(QStringLiteral("no script: %1").arg(sink.refusal()));
            if (sink.failed())
                return Error::usage(QStringLiteral("cannot write the script: %1").arg(out.errorString()));
            return Done{};
        });
    }

    // A dry run needs the script's statements one by one: it is held in memory.
    auto script = writer.write(root.value());
    if (!script)
        return context.fail(script.error());
    if (!script->isRunnable())
        return context.fail(QueryError, QStringLiteral("no script: %1").arg(script->refusal));
    // A run that fails is still an answer: the JSON carries the error, the exit status is 0.
    auto run = ScriptRunner(*session->connection, session->catalog).dryRun(script.value());
    JsonWriter json(context.output());
    writeJson(json, run);
    return Answered;
}

} // namespace fkscope
