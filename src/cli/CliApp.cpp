#include "cli/CliApp.h"

#include "catalog/CatalogJson.h"
#include "catalog/CatalogLoader.h"
#include "db/Connection.h"

#include "util/JsonWriter.h"

#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>

namespace fkscope {

namespace {

const char *const programName = "fkscope-cli";

int exitCodeFor(const Error &error)
{
    switch (error.kind) {
    case Error::Kind::Usage: return CliApp::UsageError;
    case Error::Kind::Connection: return CliApp::ConnectionError;
    default: return CliApp::QueryError;
    }
}

QCommandLineOption dbOption()
{
    return {QStringLiteral("db"),
            QStringLiteral("Connection string: a postgresql:// URI or key=value pairs, as psql takes. "
                           "Unset parts come from PG* variables, service files and ~/.pgpass."),
            QStringLiteral("CONNINFO")};
}

QCommandLineOption formatOption()
{
    return {QStringLiteral("format"), QStringLiteral("Output format: json."), QStringLiteral("FORMAT"),
            QStringLiteral("json")};
}

} // namespace

int CliApp::fail(int code, const QString &message)
{
    m_err << programName << ": " << message << Qt::endl;
    return code;
}

int CliApp::usage()
{
    m_out << "Usage: " << programName << " COMMAND [OPTIONS]\n\n"
          << "Commands:\n"
          << "  catalog   print every table and foreign key of a database\n\n"
          << "Run '" << programName << " COMMAND --help' for the options of a command.\n";
    m_out.flush();
    return Answered;
}

int CliApp::run(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return fail(UsageError, QStringLiteral("no command given; try '%1 --help'").arg(QLatin1String(programName)));
    const QString command = arguments.at(1);
    if (command == QLatin1String("--help") || command == QLatin1String("-h") || command == QLatin1String("help"))
        return usage();
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        m_out << programName << " " << FKSCOPE_VERSION << Qt::endl;
        return Answered;
    }
    QStringList rest = arguments.mid(1);
    rest[0] = QLatin1String(programName) + QLatin1Char(' ') + command;
    if (command == QLatin1String("catalog"))
        return runCatalog(rest);
    return fail(UsageError, QStringLiteral("unknown command '%1'; try '%2 --help'")
                                .arg(command, QLatin1String(programName)));
}

int CliApp::runCatalog(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Prints every table and foreign key of a database as JSON."));
    parser.addHelpOption();
    parser.addOption(dbOption());
    parser.addOption(formatOption());
    if (!parser.parse(arguments))
        return fail(UsageError, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        m_out << parser.helpText();
        m_out.flush();
        return Answered;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(UsageError, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    if (parser.value(QStringLiteral("format")) != QLatin1String("json"))
        return fail(UsageError, QStringLiteral("unknown format '%1' (json is supported)")
                                    .arg(parser.value(QStringLiteral("format"))));

    auto info = ConnInfo::parse(parser.value(QStringLiteral("db")));
    if (!info)
        return fail(exitCodeFor(info.error()), info.error().message);
    auto connection = Connection::open(info.value());
    if (!connection)
        return fail(exitCodeFor(connection.error()), connection.error().message);
    auto catalog = CatalogLoader(*connection.value()).load();
    if (!catalog)
        return fail(exitCodeFor(catalog.error()), catalog.error().message);

    m_out.flush();
    QFile stdoutFile;
    if (!m_out.device() && !stdoutFile.open(stdout, QIODevice::WriteOnly))
        return fail(QueryError, QStringLiteral("cannot write to standard output"));
    JsonWriter json(m_out.device() ? *m_out.device() : stdoutFile);
    writeJson(json, catalog.value());
    return Answered;
}

} // namespace fkscope
