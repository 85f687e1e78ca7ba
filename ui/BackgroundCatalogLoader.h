#pragma once

#include "catalog/Catalog.h"
#include "db/ConnInfo.h"

#include <QObject>
#include <QString>

class QThread;

namespace fkscope {

class CatalogWorker;

// The UI thread's side of catalog loading: owns the worker thread, numbers every request,
// and passes on only the answer to the newest one. Cancel returns at once; the worker's
// late answer is dropped like any stale one.
class BackgroundCatalogLoader : public QObject {
    Q_OBJECT

public:
    explicit BackgroundCatalogLoader(QObject *parent = nullptr);
    ~BackgroundCatalogLoader() override;

    // Starts loading the catalog behind info; supersedes any request still running.
    void load(const ConnInfo &info);
    void cancel();
    bool isBusy() const { return m_busy; }
    // The connection string of the request running now or last answered.
    ConnInfo connInfo() const { return m_info; }

Q_SIGNALS:
    void started();
    void loaded(const fkscope::ConnInfo &info, const fkscope::Catalog &catalog);
    void failed(const fkscope::ConnInfo &info, bool connecting, const QString &message);
    void cancelled();

private:
    void onWorkerLoaded(int generation, const fkscope::Catalog &catalog);
    void onWorkerFailed(int generation, bool connecting, const QString &message);
    int nextGeneration();

    QThread *m_thread = nullptr;
    CatalogWorker *m_worker = nullptr;  // lives on m_thread; deleted when it finishes
    int m_generation = 0;
    bool m_busy = false;
    ConnInfo m_info;
};

} // namespace fkscope
