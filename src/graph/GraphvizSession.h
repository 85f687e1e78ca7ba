#pragma once

#include "graph/GraphLayout.h"
#include "util/Result.h"

#include <QByteArray>

#include <memory>

namespace fkscope {

// One Graphviz context (GVC_t) with the dot and neato layout plugins and the renderers
// loaded explicitly, so nothing depends on Graphviz's plugin config6 file. Graphviz keeps
// global state and is not thread-safe: create, use and destroy a session on one thread,
// GraphLayoutEngine's. No Graphviz type appears in this header.
class GraphvizSession {
public:
    GraphvizSession();
    ~GraphvizSession();
    GraphvizSession(const GraphvizSession &) = delete;
    GraphvizSession &operator=(const GraphvizSession &) = delete;

    // Lays out plain boxes and lines. A failing engine falls back to sfdp, with a message.
    GraphLayout layout(const LayoutRequest &request);

    // Lays out a graph written in the DOT language with the engine chooseEngine picks by
    // size, and renders it: "svg", "png", "dot" (DOT with positions).
    Result<QByteArray> render(const QByteArray &dot, const QString &format,
                              LayoutEngineKind engine = LayoutEngineKind::Auto);

    // The formats the loaded renderers offer, e.g. "svg", "png".
    static bool canRender(const QString &format);

private:
    GraphLayout layoutLeftwards(const LayoutRequest &request);  // dot, parents on the left

    struct Context;
    std::unique_ptr<Context> m_context;
};

} // namespace fkscope
