#include "CliRun.h"

#include <QJsonDocument>
#include <QProcess>

namespace fkscope::test {

CliRun runProgram(const QString &program, const QStringList &arguments, const QByteArray &input,
                  const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    process.write(input);
    process.closeWriteChannel();
    CliRun run;
    if (!process.waitForFinished(600000))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = process.readAllStandardOutput();
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

CliRun runCli(const QStringList &arguments, const QByteArray &input, const QProcessEnvironment &environment)
{
    CliRun run = runProgram(qEnvironmentVariable("FKSCOPE_CLI"), arguments, input, environment);
    run.json = QJsonDocument::fromJson(run.out).object();
    return run;
}

} // namespace fkscope::test
