#include "cli/CliApp.h"

#include "catalog/CatalogJson.h"
#include "catalog/CatalogLoader.h"
#include "db/Connection.h"
#include "impact/DeleteImpactAnalyzer.h"
#include "impact/DeleteImpactJson.h"

#include "util/JsonWriter.h"

#include <QCommandLineParser>
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
          << "  catalog      print every table and foreign key of a database\n"
          << "  dependents   what a DELETE of a row would do: the rows that block it, cascade or are set null\n\n"
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
    if (command == QLatin1String("dependents"))
        return runDependents(rest);
    return fail(UsageError, QStringLiteral("unknown command '%1'; try '%2 --help'")
                                .arg(command, QLatin1String(programName)));
}

struct CliApp::Session {
    std::unique_ptr<Connection> connection;
    Catalog catalog;
};

bool CliApp::parse(QCommandLineParser &parser, const QStringList &arguments, int *exitCode)
{
    parser.addHelpOption();
    parser.addOption(dbOption());
    parser.addOption(formatOption());
    if (!parser.parse(arguments)) {
        *exitCode = fail(UsageError, parser.errorText());
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        m_out << parser.helpText();
        m_out.flush();
        *exitCode = Answered;
        return false;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *exitCode = fail(UsageError, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
        return false;
    }
    if (parser.value(QStringLiteral("format")) != QLatin1String("json")) {
        *exitCode = fail(UsageError, QStringLiteral("unknown format '%1' (json is supported)")
                                         .arg(parser.value(QStringLiteral("format"))));
        return false;
    }
    return true;
}

std::unique_ptr<CliApp::Session> CliApp::connect(const QCommandLineParser &parser, int *exitCode)
{
    auto info = ConnInfo::parse(parser.value(QStringLiteral("db")));
    if (!info) {
        *exitCode = fail(exitCodeFor(info.error()), info.error().message);
        return nullptr;
    }
    auto connection = Connection::open(info.value());
    if (!connection) {
        *exitCode = fail(exitCodeFor(connection.error()), connection.error().message);
        return nullptr;
    }
    auto catalog = CatalogLoader(*connection.value()).load();
    if (!catalog) {
        *exitCode = fail(exitCodeFor(catalog.error()), catalog.error().message);
        return nullptr;
    }
    auto session = std::make_unique<Session>();
    session->connection = connection.take();
    session->catalog = catalog.take();
    return session;
}

QIODevice *CliApp::output()
{
    m_out.flush();
    return m_out.device();
}

int CliApp::runCatalog(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Prints every table and foreign key of a database as JSON."));
    int exitCode = Answered;
    if (!parse(parser, arguments, &exitCode))
        return exitCode;
    auto session = connect(parser, &exitCode);
    if (!session)
        return exitCode;
    JsonWriter json(*output());
    writeJson(json, session->catalog);
    return Answered;
}

int CliApp::runDependents(const QStringList &arguments)
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
    int exitCode = Answered;
    if (!parse(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.isSet(QStringLiteral("table")))
        return fail(UsageError, QStringLiteral("--table is required"));

    DeleteRoot root;
    root.table = parser.value(QStringLiteral("table"));
    root.where = parser.value(QStringLiteral("where"));
    for (const QString &pair : parser.values(QStringLiteral("key"))) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return fail(UsageError, QStringLiteral("--key takes COLUMN=VALUE, not '%1'").arg(pair));
        root.key.append({pair.left(equals), pair.mid(equals + 1)});
    }
    bool timeoutOk = false;
    const int timeout = parser.value(QStringLiteral("statement-timeout")).toInt(&timeoutOk);
    if (!timeoutOk || timeout < 0)
        return fail(UsageError, QStringLiteral("--statement-timeout takes milliseconds"));

    auto session = connect(parser, &exitCode);
    if (!session)
        return exitCode;
    DeleteImpactAnalyzer analyzer(*session->connection, session->catalog);
    analyzer.setStatementTimeout(timeout);
    auto impact = analyzer.analyze(root);
    if (!impact)
        return fail(exitCodeFor(impact.error()), impact.error().message);
    JsonWriter json(*output());
    writeJson(json, impact.value());
    return Answered;
}

} // namespace fkscope
