#include "cli/CliContext.h"
#include "cli/Commands.h"
#include "cli/RootOptions.h"

#include "infer/InferredKeyOutput.h"
#include "infer/KeyInference.h"
#include "util/JsonWriter.h"

#include <QBuffer>
#include <QCommandLineParser>

#include <algorithm>

namespace fkscope {

namespace {

void addInferKeysOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "Proposes the foreign keys a database does not declare, from column names, types, unique keys and the "
        "data: the share of each column's values found in the parent key. A candidate with confidence 0.5 or more "
        "is a proposal; lower ones are listed for review. Reads only, in one read-only snapshot; each child column "
        "set is read once, a big table through a sample (--sample-rows)."));
    parser.addHelpOption();
    CliContext::addConnectionOption(parser);
    parser.addOption({QStringLiteral("format"),
                      QStringLiteral("json (every candidate) or sql (ALTER TABLE … NOT VALID for the proposals, "
                                     "with their orphans and the index each lacks)."),
                      QStringLiteral("FORMAT"), QStringLiteral("json")});
    parser.addOption({QStringLiteral("schema"),
                      QStringLiteral("Only keys of child tables in this schema; repeat or separate with commas. "
                                     "Parents may be in any schema."),
                      QStringLiteral("SCHEMA")});
    parser.addOption({QStringLiteral("output"), QStringLiteral("Write to FILE instead of standard output."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("sample-rows"),
                      QStringLiteral("Read a child table of more rows than this (pg_class.reltuples) through a "
                                     "TABLESAMPLE of about as many rows, and estimate its orphans (0: read every table "
                                     "whole)."),
                      QStringLiteral("ROWS"), QStringLiteral("1000000")});
    addStatementTimeoutOption(parser);
}

// QCommandLineParser's checks, with the formats of this command (CliContext::parse knows json only).
bool parseOptions(CliContext &context, QCommandLineParser &parser, const QStringList &arguments, int *exitCode)
{
    if (!parser.parse(arguments)) {
        *exitCode = context.fail(UsageError, parser.errorText());
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        *exitCode = context.showHelp(parser, arguments.first());
        return false;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *exitCode = context.fail(UsageError,
                                 QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
        return false;
    }
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("json") && format != QLatin1String("sql")) {
        *exitCode = context.fail(UsageError, QStringLiteral("unknown format '%1' (json and sql are supported)").arg(format));
        return false;
    }
    return true;
}

} // namespace

int runInferKeysCommand(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    addInferKeysOptions(parser);
    int exitCode = Answered;
    if (!parseOptions(context, parser, arguments, &exitCode))
        return exitCode;
    auto timeout = statementTimeoutFromOptions(parser);
    if (!timeout)
        return context.fail(timeout.error());
    bool sampleOk = false;
    const qint64 sampleRows = parser.value(QStringLiteral("sample-rows")).toLongLong(&sampleOk);
    if (!sampleOk || sampleRows < 0)
        return context.fail(UsageError, QStringLiteral("--sample-rows takes a number of rows"));
    QStringList schemas;
    for (const QString &value : parser.values(QStringLiteral("schema"))) {
        for (const QString &schema : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            schemas << schema.trimmed();
    }

    auto session = context.connect(parser, &exitCode);
    if (!session)
        return exitCode;
    for (const QString &schema : schemas) {
        const bool known = std::any_of(session->catalog.tables.begin(), session->catalog.tables.end(),
                                       [&](const Table &t) { return t.schema == schema; });
        if (!known)
            return context.fail(UsageError, QStringLiteral("no table in schema '%1'").arg(schema));
    }
    KeyInference inference(*session->connection, session->catalog);
    inference.setStatementTimeout(timeout.value());
    inference.setSchemas(schemas);
    inference.setSampleRows(sampleRows);
    auto keys = inference.infer();
    if (!keys)
        return context.fail(keys.error());

    const QString output = parser.value(QStringLiteral("output"));
    if (parser.value(QStringLiteral("format")) == QLatin1String("sql"))
        return context.writeText(proposalScript(keys.value(), session->catalog.database), output);
    if (!output.isEmpty()) {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        {
            JsonWriter json(buffer);
            writeJson(json, keys.value());
        }
        return context.writeFile(buffer.data(), output);
    }
    JsonWriter json(context.output());
    writeJson(json, keys.value());
    return Answered;
}

} // namespace fkscope
