#pragma once

#include <QStringList>

class QTextStream;

namespace fkscope {

// fkscope-cli: subcommands that answer on stdout (JSON) and fail with one line on stderr.
class CliApp {
public:
    CliApp(QTextStream &out, QTextStream &err) : m_out(out), m_err(err) {}

    // arguments[0] is the program name, as in QCoreApplication::arguments().
    int run(const QStringList &arguments);

private:
    int usage();

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace fkscope
