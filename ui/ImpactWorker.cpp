#include "ImpactWorker.h"

#include "db/Connection.h"
#include "impact/DeleteImpactAnalyzer.h"

namespace fkscope {

ImpactWorker::ImpactWorker() = default;

ImpactWorker::~ImpactWorker() = default;

void ImpactWorker::analyze(int generation, const ConnInfo &info, std::shared_ptr<const Catalog> catalog,
                           const DeleteRoot &root, int statementTimeout)
{
    if (isStale(generation))
        return;
    auto connection = m_connection.ensure(info);
    if (!connection) {
        Q_EMIT failed(generation, connection.error().message);
        return;
    }
    DeleteImpactAnalyzer analyzer(*connection.value(), *catalog);
    analyzer.setStatementTimeout(statementTimeout);
    auto impact = analyzer.analyze(root);
    // A cancel meant for an older request may stop this one if it came late: once more.
    if (!impact && impact.error().message.contains(QLatin1String("user request")) && !isStale(generation))
        impact = analyzer.analyze(root);
    if (isStale(generation))
        return;
    if (!impact) {
        if (impact.error().kind == Error::Kind::Connection || impact.error().sqlstate.startsWith(QLatin1String("08")))
            m_connection.close();
        Q_EMIT failed(generation, describeError(impact.error()));
        return;
    }
    Q_EMIT analyzed(generation, ImpactResult{impact.take(), std::move(catalog)});
}

} // namespace fkscope
