#pragma once

#include "graph/GraphLayout.h"
#include "util/Result.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace fkscope {

class GraphLayoutEngine;

// The formats a graph can be saved in: "dot" (Graphviz input), "svg", "png".
bool isExportFormat(const QString &format);

// Turns the DOT that DotWriter wrote into the file `fkscope-cli graph` and File > Export
// save: the DOT itself when format is "dot" and no engine is asked for, otherwise laid out
// and rendered on the engine's Graphviz thread (DOT with positions for "dot"). Blocks until
// it is done, so a window calls it from a worker thread, never its own.
Result<QByteArray> exportGraph(GraphLayoutEngine &engine, const QByteArray &dot, const QString &format,
                               std::optional<LayoutEngineKind> layout = std::nullopt);

} // namespace fkscope
