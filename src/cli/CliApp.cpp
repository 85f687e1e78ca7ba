#include "cli/CliApp.h"

#include "cli/CliContext.h"
#include "cli/Commands.h"

#include <QTextStream>

namespace fkscope {

namespace {

const char *const programName = "fkscope-cli";

} // namespace

int CliApp::usage()
{
    m_out << "Usage: " << programName << " COMMAND [OPTIONS]\n\nCommands:\n";
    for (const CliCommand &command : cliCommands())
        m_out << "  " << QString::fromLatin1(command.name).leftJustified(12) << " " << command.summary << "\n";
    m_out << "\nRun '" << programName << " COMMAND --help' for the options of a command.\n"
          << "\nExit status:\n"
          << "  0  the question was answered (a delete that would fail included)\n"
          << "  1  with --exit-code: a finding (a delete that would fail, orphan rows, lint findings)\n"
          << "  2  usage error\n"
          << "  3  cannot connect (or Qt's PostgreSQL driver is missing)\n"
          << "  4  a query failed\n";
    m_out.flush();
    return Answered;
}

int CliApp::run(const QStringList &arguments)
{
    CliContext context(m_out, m_err);
    if (arguments.size() < 2)
        return context.fail(UsageError, QStringLiteral("no command given; try '%1 --help'").arg(QLatin1String(programName)));
    const QString command = arguments.at(1);
    if (command == QLatin1String("--help") || command == QLatin1String("-h") || command == QLatin1String("help"))
        return usage();
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        m_out << programName << " " << FKSCOPE_VERSION << Qt::endl;
        return Answered;
    }
    QStringList rest = arguments.mid(1);
    rest[0] = QLatin1String(programName) + QLatin1Char(' ') + command;
    for (const CliCommand &c : cliCommands()) {
        if (command == QLatin1String(c.name))
            return c.run(context, rest);
    }
    return context.fail(UsageError, QStringLiteral("unknown command '%1'; try '%2 --help'")
                                        .arg(command, QLatin1String(programName)));
}

} // namespace fkscope
