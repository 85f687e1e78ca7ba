#pragma once

#include "WorkerConnection.h"

#include "impact/DeleteImpact.h"

#include <QMetaType>
#include <QObject>

#include <atomic>
#include <memory>

namespace fkscope {

// What DeleteImpactAnalyzer answered, with the catalog its tree points into.
struct ImpactResult {
    DeleteImpact impact;
    std::shared_ptr<const Catalog> catalog;  // ImpactEdge::key points into it
};

// Runs DeleteImpactAnalyzer on the thread it lives on, with a Connection of its own.
class ImpactWorker : public QObject {
    Q_OBJECT

public:
    ImpactWorker();
    ~ImpactWorker() override;

    // Called on the worker's thread.
    void analyze(int generation, const fkscope::ConnInfo &info, std::shared_ptr<const fkscope::Catalog> catalog,
                 const fkscope::DeleteRoot &root, int statementTimeout);
    void closeConnection() { m_connection.close(); }

    // Called from any thread.
    void setLatestGeneration(int generation) { m_latestGeneration.store(generation); }
    void cancel() { m_connection.cancel(); }

Q_SIGNALS:
    void analyzed(int generation, const fkscope::ImpactResult &result);
    void failed(int generation, const QString &message);

private:
    bool isStale(int generation) const { return generation < m_latestGeneration.load(); }

    std::atomic<int> m_latestGeneration{0};
    WorkerConnection m_connection;
};

} // namespace fkscope

Q_DECLARE_METATYPE(fkscope::ImpactResult)
