#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace fkscope::test {

// One run of a program: the built fkscope-cli, or a judge such as dot or python3.
struct CliRun {
    int exitCode = -1;  // -1: did not finish in time, -2: crashed
    QByteArray out;
    QString err;
    QJsonObject json;   // stdout parsed, when it is a JSON object
};

// Gives up after ten minutes (exitCode -1).
CliRun runProgram(const QString &program, const QStringList &arguments, const QByteArray &input = {},
                  const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
// The built fkscope-cli ($FKSCOPE_CLI), as a user runs it; json is its output parsed.
CliRun runCli(const QStringList &arguments, const QByteArray &input = {},
              const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

} // namespace fkscope::test
