#include "cli/CliContext.h"
#include "cli/Commands.h"

#include "catalog/CatalogJson.h"
#include "util/JsonWriter.h"

#include <QCommandLineParser>

namespace fkscope {

int runCatalogCommand(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Prints every table and foreign key of a database as JSON."));
    int exitCode = Answered;
    if (!context.parse(parser, arguments, &exitCode))
        return exitCode;
    auto session = context.connect(parser, &exitCode);
    if (!session)
        return exitCode;
    JsonWriter json(context.output());
    writeJson(json, session->catalog);
    return Answered;
}

} // namespace fkscope
