#include "graph/GraphLayout.h"

namespace fkscope {

namespace {

// Rough limits from timing Graphviz 2.42 on generated schemas (bench/graph.sh): dot's
// crossing minimisation and spline routing grow much faster than linear, neato and fdp
// are quadratic in the number of nodes.
constexpr size_t dotMaxNodes = 600;
constexpr size_t dotMaxEdges = 1200;
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
    const bool dotFits = nodes <= dotMaxNodes && edges <= dotMaxEdges;
    auto fallBack = [&](size_t limit) {
        if (why)
            *why = QStringLiteral("%1 tables are too many for %2 (at most %3); drawn with sfdp instead")
                       .arg(nodes).arg(toString(requested)).arg(limit);
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
        return requested;
    }
    return LayoutEngineKind::Sfdp;
}

} // namespace fkscope
