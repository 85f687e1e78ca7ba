#pragma once

#include "ImpactWorker.h"

#include "db/ConnInfo.h"

#include <QObject>

class QThread;

namespace fkscope {

// The UI thread's side of DELETE predictions: owns the worker thread, numbers every request,
// cancels the one running when a newer one comes, and passes on only the newest answer.
class BackgroundImpactAnalyzer : public QObject {
    Q_OBJECT

public:
    explicit BackgroundImpactAnalyzer(QObject *parent = nullptr);
    ~BackgroundImpactAnalyzer() override;

    void setDatabase(const ConnInfo &info, std::shared_ptr<const Catalog> catalog);
    void setStatementTimeout(int milliseconds) { m_statementTimeout = milliseconds; }
    void analyze(const DeleteRoot &root);
    // Stops the request running now: its answer is dropped, the server stops its statement.
    void cancel();
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void started();
    void analyzed(const fkscope::ImpactResult &result);
    void failed(const QString &message);
    void cancelled();

private:
    int nextGeneration();

    QThread *m_thread = nullptr;
    ImpactWorker *m_worker = nullptr;  // lives on m_thread; deleted when it finishes
    ConnInfo m_info;
    std::shared_ptr<const Catalog> m_catalog;
    int m_statementTimeout = 30000;
    int m_generation = 0;
    bool m_busy = false;
};

} // namespace fkscope
