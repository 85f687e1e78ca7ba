#pragma once

#include "catalog/Catalog.h"
#include "db/Connection.h"
#include "util/Result.h"

#include <memory>

class QCommandLineParser;
class QIODevice;
class QTextStream;

namespace fkscope {

// Exit statuses of fkscope-cli.
enum CliExitCode {
    Answered = 0,
    Finding = 1,          // reserved for --exit-code: "would fail", "orphans found"...
    UsageError = 2,
    ConnectionError = 3,
    QueryError = 4,
};

// An open database and its catalog, what most commands start from.
struct CliSession {
    std::unique_ptr<Connection> connection;
    Catalog catalog;
};

// What every command shares: standard output and error, the common options (--db,
// --format), connecting, and failing with one line.
class CliContext {
public:
    CliContext(QTextStream &out, QTextStream &err) : m_out(out), m_err(err) {}

    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }
    // Standard output as a device, for JsonWriter.
    QIODevice &output();

    // Writes text to standard output, or to the file at path when it is not empty (a failed
    // write leaves no half file behind); returns the exit status.
    int writeText(const QString &text, const QString &path);
    // Writes bytes to the file at path; a file that cannot be written is a usage error.
    int writeFile(const QByteArray &bytes, const QString &path);

    // Writes "fkscope-cli: message" on stderr and returns code.
    int fail(int code, const QString &message);
    int fail(const Error &error);

    // Prints the parser's help, its usage line naming COMMAND ("fkscope-cli graph").
    int showHelp(const QCommandLineParser &parser, const QString &command);
    // Adds --help, --db and --format and parses. Returns false when the command is done
    // (help shown, or a usage error reported), with *exitCode set.
    bool parse(QCommandLineParser &parser, const QStringList &arguments, int *exitCode);
    // --db CONNINFO, for the commands with formats of their own that do not call parse().
    static void addConnectionOption(QCommandLineParser &parser);
    // --exit-code, as in git diff --exit-code: for the commands whose answer can be a finding
    // ("would fail", "orphans found", "lint findings"), so fkscope-cli can guard a pipeline.
    static void addExitCodeOption(QCommandLineParser &parser);
    // Answered, or Finding when the answer is a finding and --exit-code was given.
    static int answered(const QCommandLineParser &parser, bool finding);

    // Connects with --db and loads the catalog; nullptr (error reported) on failure.
    std::unique_ptr<CliSession> connect(const QCommandLineParser &parser, int *exitCode);

private:
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace fkscope
