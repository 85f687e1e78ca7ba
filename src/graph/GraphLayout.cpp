#include "graph/GraphLayout.h"

namespace fkscope {

namespace {

// Rough limits from timing Graphviz 2.42's dot on generated schemas (2 shared cores): the
// time depends on how dense the graph is more than on its size, and jumps unpredictably.
// 600 tables / 900 keys took 1.1 s, 800 / 1,000 0.6 s, but 400 / 800 took 11 s and
// 600 / 1,200 38 s. So dot gets at most 600 tables, 1,000 keys and 1.6 keys per table
// (small graphs excepted); neato and fdp are quadratic in the number of tables.
constexpr size_t dotMaxNodes = 600;
constexpr size_t dotMaxEdges = 1000;
constexpr double dotMaxEdgesPerNode = 1.6;
constexpr size_t dotAnyDensityEdges = 200;
constexpr size_t forceMaxNodes = 400;

} // namespace

QString toString(LayoutEngineKind engine)
{
    switch (engine) {
    case LayoutEngineKind::Auto: return QStringLiteral("auto");
    case LayoutEngineKind::Dot: return QStringLiteral("dot");
    case LayoutEngineKind::Sfdp: return QStringLiteral("sfdp");
    case LayoutEngineKind::Neato: return QStringLiteral("neato");
    case LayoutEngineKind::Fdp: return QStringLiteral("fdp");
    case LayoutEngineKind::Pinned: return QStringLiteral("pinned");
    }
    return {};
}

std::optional<LayoutEngineKind> layoutEngineFromString(const QString &name)
{
    for (auto engine : {LayoutEngineKind::Auto, LayoutEngineKind::Dot, LayoutEngineKind::Sfdp,
                        LayoutEngineKind::Neato, LayoutEngineKind::Fdp}) {
        if (toString(engine) == name)
            return engine;
    }
    return std::nullopt;
}

LayoutEngineKind chooseEngine(LayoutEngineKind requested, size_t nodes, size_t edges, QString *why)
{
    const bool dotFits = nodes <= dotMaxNodes && edges <= dotMaxEdges
        && (edges <= dotAnyDensityEdges || double(edges) <= dotMaxEdgesPerNode * double(nodes));
    auto fallBack = [&](size_t limit) {
        if (why)
            *why = QStringLiteral("%1 tables and %2 keys are too many for %3 to finish in seconds (at most %4 "
                                  "tables); drawn with sfdp instead")
                       .arg(nodes).arg(edges).arg(toString(requested)).arg(limit);
        return LayoutEngineKind::Sfdp;
    };
    switch (requested) {
    case LayoutEngineKind::Auto:
        return dotFits ? LayoutEngineKind::Dot : LayoutEngineKind::Sfdp;
    case LayoutEngineKind::Dot:
        return dotFits ? requested : fallBack(dotMaxNodes);
    case LayoutEngineKind::Neato:
    case LayoutEngineKind::Fdp:
        return nodes <= forceMaxNodes ? requested : fallBack(forceMaxNodes);
    case LayoutEngineKind::Sfdp:
    case LayoutEngineKind::Pinned:
        return requested;
    }
    return LayoutEngineKind::Sfdp;
}

} // namespace fkscope
