#pragma once

#include "catalog/Catalog.h"
#include "db/ConnInfo.h"

#include <QMutex>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace fkscope {

class Connection;

// Loads catalogs on the thread it lives on. It keeps one Connection open between loads (a
// Connection may only be used by the thread that opened it) and opens a new one when the
// connection string changes. Results carry the generation of their request; a request that
// is older than the newest one by the time it comes up is skipped.
class CatalogWorker : public QObject {
    Q_OBJECT

public:
    CatalogWorker();
    ~CatalogWorker() override;

    // Called on the worker's thread.
    void load(int generation, const fkscope::ConnInfo &info);
    void closeConnection();

    // Called from any thread.
    void setLatestGeneration(int generation) { m_latestGeneration.store(generation); }
    // Asks the server to stop the query running now, if any.
    void cancel();

Q_SIGNALS:
    void catalogLoaded(int generation, const fkscope::Catalog &catalog);
    // connecting: it was the connection that failed, not the catalog queries.
    void failed(int generation, bool connecting, const QString &message);

private:
    bool isStale(int generation) const { return generation < m_latestGeneration.load(); }
    bool ensureConnection(int generation, const ConnInfo &info);

    std::atomic<int> m_latestGeneration{0};
    // Guards m_connection against cancel() from the UI thread while this thread replaces it.
    QMutex m_connectionMutex;
    std::unique_ptr<Connection> m_connection;
    QString m_connectionKey;
};

} // namespace fkscope
