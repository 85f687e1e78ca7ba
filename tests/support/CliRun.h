#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace fkscope::test {

// One run of the built fkscope-cli ($FKSCOPE_CLI), as a user runs it.
struct CliRun {
    int exitCode = -1;  // -1: did not finish in time, -2: crashed
    QByteArray out;
    QString err;
    QJsonObject json;   // stdout parsed, when it is a JSON object
};

CliRun runCli(const QStringList &arguments, const QByteArray &input = {},
              const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

} // namespace fkscope::test
