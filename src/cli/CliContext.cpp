#include "cli/CliContext.h"

#include "catalog/CatalogLoader.h"
#include "catalog/VirtualKeys.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextStream>

namespace fkscope {

namespace {

int exitCodeFor(const Error &error)
{
    switch (error.kind) {
    case Error::Kind::Usage: return UsageError;
    case Error::Kind::Connection: return ConnectionError;
    default: return QueryError;
    }
}

} // namespace

QIODevice &CliContext::output()
{
    m_out.flush();
    return *m_out.device();
}

int CliContext::fail(int code, const QString &message)
{
    m_err << "fkscope-cli: " << message << Qt::endl;
    return code;
}

int CliContext::writeText(const QString &text, const QString &path)
{
    if (path.isEmpty()) {
        m_out << text;
        m_out.flush();
        return Answered;
    }
    return writeFile(text.toUtf8(), path);
}

int CliContext::writeFile(const QByteArray &bytes, const QString &path)
{
    // A file that cannot be written is the user's to fix (a folder that does not exist, no
    // permission): a usage error, like a bad option.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return fail(UsageError, QStringLiteral("cannot write --output %1: %2").arg(path, file.errorString()));
    return Answered;
}

int CliContext::fail(const Error &error)
{
    return fail(exitCodeFor(error), error.message);
}

int CliContext::showHelp(const QCommandLineParser &parser, const QString &command)
{
    // QCommandLineParser names the program by its path; a command's help names the command.
    QString help = parser.helpText();
    const qsizetype endOfUsage = help.indexOf(QLatin1String(" [options]"));
    if (help.startsWith(QLatin1String("Usage: ")) && endOfUsage > 0)
        help.replace(7, endOfUsage - 7, command);
    m_out << help;
    m_out.flush();
    return Answered;
}

bool CliContext::parse(QCommandLineParser &parser, const QStringList &arguments, int *exitCode)
{
    parser.addHelpOption();
    addConnectionOption(parser);
    parser.addOption({QStringLiteral("format"), QStringLiteral("Output format: json."), QStringLiteral("FORMAT"),
                      QStringLiteral("json")});
    if (!parser.parse(arguments)) {
        *exitCode = fail(UsageError, parser.errorText());
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        *exitCode = showHelp(parser, arguments.first());
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

void CliContext::addConnectionOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("db"),
                      QStringLiteral("Connection string: a postgresql:// URI or key=value pairs, as psql takes. "
                                     "Unset parts come from PG* variables, service files and ~/.pgpass."),
                      QStringLiteral("CONNINFO")});
    // Here, so that every command that loads a catalog takes it, those added later too.
    parser.addOption({QStringLiteral("virtual-keys"),
                      QStringLiteral("Keys the database does not declare, from a JSON file (see README): they take "
                                     "part as keys, marked \"virtual\": true, but PostgreSQL never checks them."),
                      QStringLiteral("FILE")});
}

void CliContext::addExitCodeOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("exit-code"),
                      QStringLiteral("Exit with status 1 when the answer is a finding (a delete that would fail, "
                                     "orphan rows, lint findings); 0 otherwise.")});
}

int CliContext::answered(const QCommandLineParser &parser, bool finding)
{
    return finding && parser.isSet(QStringLiteral("exit-code")) ? Finding : Answered;
}

std::unique_ptr<CliSession> CliContext::connect(const QCommandLineParser &parser, int *exitCode)
{
    // A file that cannot be written is said before the work, not after it.
    if (parser.optionNames().contains(QStringLiteral("output"))) {
        const QString path = parser.value(QStringLiteral("output"));
        const QFileInfo file(path);
        if (file.isDir()) {
            *exitCode = fail(UsageError, QStringLiteral("cannot write --output %1: it is a folder").arg(path));
            return nullptr;
        }
        if (!file.absoluteDir().exists()) {
            *exitCode = fail(UsageError, QStringLiteral("cannot write --output %1: the folder %2 does not exist")
                                             .arg(path, QDir::toNativeSeparators(file.absolutePath())));
            return nullptr;
        }
    }
    // A bad file is said before connecting: it needs no database to be wrong.
    std::vector<VirtualKeyEntry> virtualKeys;
    if (parser.isSet(QStringLiteral("virtual-keys"))) {
        const QString path = parser.value(QStringLiteral("virtual-keys"));
        auto entries = readVirtualKeyFile(path);
        if (!entries) {
            *exitCode = fail(entries.error());
            return nullptr;
        }
        virtualKeys = entries.take();
    }
    auto info = ConnInfo::parse(parser.value(QStringLiteral("db")));
    if (!info) {
        *exitCode = fail(info.error());
        return nullptr;
    }
    auto connection = Connection::open(info.value());
    if (!connection) {
        *exitCode = fail(connection.error());
        return nullptr;
    }
    auto catalog = CatalogLoader(*connection.value()).load();
    if (!catalog) {
        *exitCode = fail(catalog.error());
        return nullptr;
    }
    if (!virtualKeys.empty()) {
        auto extended = withVirtualKeys(*connection.value(), catalog.value(), virtualKeys);
        if (!extended) {
            Error error = extended.error();
            error.message = QStringLiteral("--virtual-keys %1: %2").arg(parser.value(QStringLiteral("virtual-keys")),
                                                                         error.message);
            *exitCode = fail(error);
            return nullptr;
        }
        catalog = extended.take();
    }
    auto session = std::make_unique<CliSession>();
    session->connection = connection.take();
    session->catalog = catalog.take();
    return session;
}

} // namespace fkscope
