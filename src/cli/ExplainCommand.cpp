#include "cli/CliContext.h"
#include "cli/Commands.h"

#include "diagnose/ExplanationJson.h"
#include "diagnose/ViolationExplainer.h"
#include "util/JsonWriter.h"

#include <QCommandLineParser>
#include <QFile>

namespace fkscope {

int runExplainCommand(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Reads a foreign-key violation (error 23503, as psql, a log or an ORM prints it) from standard input "
        "and explains it: the key, the missing parent or the rows still referencing, and fixes."));
    int exitCode = Answered;
    if (!context.parse(parser, arguments, &exitCode))
        return exitCode;
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
        return context.fail(UsageError, QStringLiteral("cannot read standard input"));
    // Enough for any error message with its statement; more is not an error message.
    const QString text = QString::fromUtf8(input.read(16 * 1024 * 1024));
    auto session = context.connect(parser, &exitCode);
    if (!session)
        return exitCode;
    auto explanation = ViolationExplainer(*session->connection, session->catalog).explain(text);
    if (!explanation)
        return context.fail(explanation.error());
    JsonWriter json(context.output());
    writeJson(json, explanation.value());
    return Answered;
}

} // namespace fkscope
