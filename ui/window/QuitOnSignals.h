#pragma once

#include <QObject>

class QSocketNotifier;

namespace fkscope {

// Turns SIGINT, SIGTERM and SIGHUP into a normal QCoreApplication::quit(), so that the
// destructors run: Ctrl+C on `fkscope --demo` then stops the demo server instead of
// leaving it behind. Only one may exist.
class QuitOnSignals : public QObject {
    Q_OBJECT

public:
    explicit QuitOnSignals(QObject *parent = nullptr);
    ~QuitOnSignals() override;

private:
    void quit();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace fkscope
