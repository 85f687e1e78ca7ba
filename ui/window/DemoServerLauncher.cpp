#include "ui/window/DemoServerLauncher.h"

#include "db/ThrowawayServer.h"

#include <QtConcurrent/QtConcurrentRun>

namespace fkscope {

DemoServerLauncher::DemoServerLauncher(QObject *parent)
    : QObject(parent), m_server(std::make_unique<ThrowawayServer>())
{
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &DemoServerLauncher::finish);
}

DemoServerLauncher::~DemoServerLauncher()
{
    // The server object is in use on the pool thread until the start returns; only then can
    // its destructor stop it.
    m_watcher.waitForFinished();
}

void DemoServerLauncher::start()
{
    if (m_watcher.isRunning())
        return;
    ThrowawayServer *server = m_server.get();
    m_watcher.setFuture(QtConcurrent::run([server] {
        auto result = server->startDemo();
        return result ? Outcome{result.value(), QString()} : Outcome{ConnInfo(), result.error().message};
    }));
}

void DemoServerLauncher::finish()
{
    const Outcome outcome = m_watcher.result();
    if (outcome.error.isEmpty())
        Q_EMIT started(outcome.info);
    else
        Q_EMIT failed(outcome.error);
}

} // namespace fkscope
