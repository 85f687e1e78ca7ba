#include "cli/CliContext.h"
#include "cli/Commands.h"

#include "script/InsertScriptWriter.h"
#include "script/ScriptRunJson.h"
#include "script/ScriptRunner.h"
#include "util/JsonWriter.h"

#include <QCommandLineParser>
#include <QFile>
#include <QSaveFile>
#include <QTextStream>

namespace fkscope {

namespace {

int writeScript(CliContext &context, const SqlScript &script, const QString &path)
{
    if (path.isEmpty()) {
        context.out() << script.text();
        context.out().flush();
        return Answered;
    }
    // QSaveFile: a failed write leaves no half script behind.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(script.text().toUtf8()) < 0 || !file.commit())
        return context.fail(UsageError, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return Answered;
}

} // namespace

int runInsertScriptCommand(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Writes the INSERT script of the root rows and every row they reference, transitively, parents first, so it "
        "loads into an empty database with the same schema (psql -v ON_ERROR_STOP=1 -f). Reads only, in one "
        "read-only snapshot.\n"
        "--dry-run runs the script against --db itself and rolls it back: into the database the rows came from, "
        "it fails on the first duplicate key (23505), or inserts nothing with --on-conflict-do-nothing."));
    parser.addOption({QStringLiteral("table"), QStringLiteral("The root table, as in SQL: orders, \"Sales\".\"Order Items\"."),
                      QStringLiteral("TABLE")});
    parser.addOption({QStringLiteral("key"),
                      QStringLiteral("A key column of the root row and its value as PostgreSQL prints it; repeat for "
                                     "composite keys."),
                      QStringLiteral("COLUMN=VALUE")});
    parser.addOption({QStringLiteral("where"), QStringLiteral("A SQL condition on the root table instead of --key."),
                      QStringLiteral("CONDITION")});
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
    if (!parser.isSet(QStringLiteral("table")))
        return context.fail(UsageError, QStringLiteral("--table is required"));
    if (parser.isSet(QStringLiteral("dry-run")) && parser.isSet(QStringLiteral("output")))
        return context.fail(UsageError, QStringLiteral("give either --dry-run or --output, not both"));

    DeleteRoot root;
    root.table = parser.value(QStringLiteral("table"));
    root.where = parser.value(QStringLiteral("where"));
    for (const QString &pair : parser.values(QStringLiteral("key"))) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return context.fail(UsageError, QStringLiteral("--key takes COLUMN=VALUE, not '%1'").arg(pair));
        root.key.append({pair.left(equals), pair.mid(equals + 1)});
    }

    auto session = context.connect(parser, &exitCode);
    if (!session)
        return exitCode;
    InsertScriptWriter writer(*session->connection, session->catalog);
    InsertScriptOptions options;
    options.withDependents = parser.isSet(QStringLiteral("with-dependents"));
    options.onConflictDoNothing = parser.isSet(QStringLiteral("on-conflict-do-nothing"));
    options.rowPerInsert = parser.isSet(QStringLiteral("row-per-insert"));
    writer.setOptions(options);
    auto script = writer.write(root);
    if (!script)
        return context.fail(script.error());
    if (!script->isRunnable())
        return context.fail(QueryError, QStringLiteral("no script: %1").arg(script->refusal));
    if (!parser.isSet(QStringLiteral("dry-run")))
        return writeScript(context, script.value(), parser.value(QStringLiteral("output")));

    // A run that fails is still an answer: the JSON carries the error, the exit status is 0.
    auto run = ScriptRunner(*session->connection, session->catalog).dryRun(script.value());
    JsonWriter json(context.output());
    writeJson(json, run);
    return Answered;
}

} // namespace fkscope
