#pragma once

#include <QStringList>

#include <memory>

class QCommandLineParser;
class QIODevice;
class QTextStream;

namespace fkscope {

// fkscope-cli: subcommands that answer on stdout (JSON) and fail with one line on stderr.
class CliApp {
public:
    enum ExitCode {
        Answered = 0,
        Finding = 1,          // reserved for --exit-code: "would fail", "orphans found"...
        UsageError = 2,
        ConnectionError = 3,
        QueryError = 4,
    };

    CliApp(QTextStream &out, QTextStream &err) : m_out(out), m_err(err) {}

    // arguments[0] is the program name, as in QCoreApplication::arguments().
    int run(const QStringList &arguments);

private:
    struct Session;

    int runCatalog(const QStringList &arguments);
    int runDependents(const QStringList &arguments);
    // Parses the common options; returns false (and sets *exitCode) when the command is done.
    bool parse(QCommandLineParser &parser, const QStringList &arguments, int *exitCode);
    std::unique_ptr<Session> connect(const QCommandLineParser &parser, int *exitCode);
    QIODevice *output();
    int fail(int code, const QString &message);
    int usage();

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace fkscope
