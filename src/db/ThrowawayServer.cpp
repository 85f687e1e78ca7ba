#include "db/ThrowawayServer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

namespace fkscope {

namespace {

const char *const demoScript = "demo-db.sh";

Result<QString> runScript(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral("bash"), QStringList{ThrowawayServer::scriptsDirectory() + QLatin1Char('/')
                                                      + QLatin1String(demoScript)}
                                              + arguments);
    if (!process.waitForFinished(180000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        QString why = QString::fromUtf8(process.readAllStandardError()).simplified();
        return Error::connection(QStringLiteral("could not start the demo database: %1")
                                     .arg(why.isEmpty() ? process.errorString() : why));
    }
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}

} // namespace

ThrowawayServer::ThrowawayServer() = default;

ThrowawayServer::~ThrowawayServer()
{
    stop();
}

QString ThrowawayServer::scriptsDirectory()
{
    const QString fromEnvironment = qEnvironmentVariable("FKSCOPE_SCRIPTS_DIR");
    const QStringList candidates{
        fromEnvironment,
        QCoreApplication::applicationDirPath() + QStringLiteral("/../share/fkscope/scripts"),
        QStringLiteral(FKSCOPE_INSTALLED_SCRIPTS_DIR),
        QStringLiteral(FKSCOPE_SOURCE_SCRIPTS_DIR),
    };
    for (const QString &dir : candidates) {
        if (!dir.isEmpty() && QFileInfo::exists(dir + QLatin1Char('/') + QLatin1String(demoScript)))
            return QDir::cleanPath(dir);
    }
    return QStringLiteral(FKSCOPE_SOURCE_SCRIPTS_DIR);
}

Result<ConnInfo> ThrowawayServer::startDemo()
{
    stop();
    m_state = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/fkscope-demo-XXXXXX"));
    if (!m_state->isValid())
        return Error::connection(QStringLiteral("could not create a temporary folder for the demo"));
    m_running = true;
    auto output = runScript({QStringLiteral("start"), m_state->path()});
    if (!output) {
        stop();
        return output.error();
    }
    return ConnInfo::parse(output.value());
}

void ThrowawayServer::stop()
{
    // Stopping is best effort: the folder goes with m_state, the server with its socket.
    if (m_running && m_state)
        (void)runScript({QStringLiteral("stop"), m_state->path()});
    m_running = false;
    m_state.reset();
}

} // namespace fkscope
