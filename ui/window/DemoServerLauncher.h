#pragma once

#include "db/ConnInfo.h"

#include <QFutureWatcher>
#include <QObject>

#include <memory>

namespace fkscope {

class ThrowawayServer;

// Starts the bundled demo database for `fkscope --demo` on a pool thread (initdb and the
// data load take seconds) and stops it when this object goes.
class DemoServerLauncher : public QObject {
    Q_OBJECT

public:
    explicit DemoServerLauncher(QObject *parent = nullptr);
    ~DemoServerLauncher() override;

    void start();
    bool isStarting() const { return m_watcher.isRunning(); }

Q_SIGNALS:
    void started(const fkscope::ConnInfo &info);
    void failed(const QString &message);

private:
    struct Outcome {
        ConnInfo info;
        QString error;
    };

    void finish();

    std::unique_ptr<ThrowawayServer> m_server;
    QFutureWatcher<Outcome> m_watcher;
};

} // namespace fkscope
