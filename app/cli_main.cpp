#include "cli/CliApp.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fkscope-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FKSCOPE_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    return fkscope::CliApp(out, err).run(QCoreApplication::arguments());
}
