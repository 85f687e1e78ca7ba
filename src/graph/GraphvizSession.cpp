#include "graph/GraphvizSession.h"

#include <graphviz/gvc.h>

#include <dlfcn.h>

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>

extern "C" {
#ifdef FKSCOPE_HAVE_GVPLUGIN_PANGO
// Exported by libgvc but only declared in its private gvcproc.h: gvContextPlugins picks the
// text layout plugin before gvAddLibrary can add pango's, so pick again afterwards.
int gvtextlayout_select(GVC_t *gvc);
#endif
}

namespace fkscope {

namespace {

// Graphviz reports problems through one global callback; the session's thread is the only
// one calling Graphviz, so a thread_local buffer collects them per call.
thread_local QString graphvizMessages;

int collectMessage(char *message)
{
    graphvizMessages += QString::fromUtf8(message).trimmed() + QLatin1Char(' ');
    return 0;
}

// A plugin library (libgvplugin_NAME.so.6, in Graphviz's own directory) and the table it
// exports for gvAddLibrary. Opened by full path rather than linked with an rpath, so the
// installed programs need neither a config6 file nor a custom library search path. Never
// closed: Graphviz keeps pointers into it for the whole process.
gvplugin_library_t *openPlugin(const char *name)
{
    const QByteArray path = QByteArray(FKSCOPE_GVPLUGIN_DIR "/libgvplugin_") + name + ".so.6";
    void *handle = dlopen(path.constData(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        std::fprintf(stderr, "fkscope: cannot load Graphviz plugin %s: %s\n", path.constData(), dlerror());
        return nullptr;
    }
    const QByteArray symbol = QByteArray("gvplugin_") + name + "_LTX_library";
    return static_cast<gvplugin_library_t *>(dlsym(handle, symbol.constData()));
}

void addPlugin(GVC_t *gvc, const char *name)
{
    if (gvplugin_library_t *library = openPlugin(name))
        gvAddLibrary(gvc, library);
}

QByteArray engineName(LayoutEngineKind engine)
{
    if (engine == LayoutEngineKind::Pinned)
        return "nop2";
    return toString(engine).toLatin1();
}

void set(void *object, const char *name, const QByteArray &value)
{
    agsafeset(object, const_cast<char *>(name), const_cast<char *>(value.constData()), const_cast<char *>(""));
}


QByteArray inches(double pointsValue)
{
    return QByteArray::number(std::max(pointsValue, 1.0) / 72.0, 'f', 4);
}

// An HTML-like label of fixed-size cells, one per row under the header, each a port "rN".
QByteArray rowsLabel(const LayoutNode &node)
{
    double rows = 0;
    for (double h : node.rowHeights)
        rows += h;
    const int width = int(std::ceil(node.width));
    QByteArray html = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">";
    auto cell = [&](const QByteArray &port, double height) {
        html += "<TR><TD" + port + " FIXEDSIZE=\"TRUE\" WIDTH=\"" + QByteArray::number(width) + "\" HEIGHT=\""
                + QByteArray::number(std::max(1, int(std::lround(height)))) + "\"></TD></TR>";
    };
    cell(QByteArray(), std::max(1.0, node.height - rows));
    for (size_t r = 0; r < node.rowHeights.size(); ++r)
        cell(" PORT=\"r" + QByteArray::number(qulonglong(r)) + "\"", node.rowHeights[r]);
    return html + "</TABLE>";
}

struct GraphDeleter {
    void operator()(Agraph_t *g) const { agclose(g); }
};
using GraphPtr = std::unique_ptr<Agraph_t, GraphDeleter>;

// Which way dot's ranks run: parents above their children (keys point up), or parents on
// the left (keys point left).
enum class RankDirection { Up, Left };

void setLayoutAttributes(Agraph_t *g, LayoutEngineKind engine, RankDirection direction)
{
    if (engine == LayoutEngineKind::Dot) {
        set(g, "rankdir", direction == RankDirection::Up ? "BT" : "RL");
        set(g, "nodesep", "0.35");
        set(g, "ranksep", "0.6");
        set(g, "splines", "true");
    } else {
        // Straight lines: routing splines around thousands of boxes takes longer than placing them.
        set(g, "splines", "line");
        set(g, "sep", "+8");
        // Prism removes overlaps best but takes sfdp on 3,000 tables from 1.5 s to 5; scaling
        // the whole drawing apart is enough for an overview.
        set(g, "overlap", engine == LayoutEngineKind::Sfdp ? "scale" : "prism");
    }
}

// Dot puts every table that nothing references on the bottom rank, so a table with thirty
// children draws as one row far wider than the window. As Graphviz's unflatten -l 3 does,
// the edges of those leaves get lengths 1, 2, 3 in turn, spreading them over three ranks.
std::vector<int> staggeredLengths(const LayoutRequest &request, LayoutEngineKind engine)
{
    constexpr int ranks = 3;
    std::vector<int> lengths(request.edges.size(), 1);
    if (engine != LayoutEngineKind::Dot)
        return lengths;
    std::vector<bool> referenced(request.nodes.size(), false);
    for (const LayoutEdge &e : request.edges)
        referenced[size_t(e.head)] = true;
    std::vector<int> leafLength(request.nodes.size(), 0);
    int leaves = 0;
    for (size_t i = 0; i < request.edges.size(); ++i) {
        const LayoutEdge &e = request.edges[i];
        if (e.layoutOnly || referenced[size_t(e.tail)] || e.tail == e.head)
            continue;
        int &length = leafLength[size_t(e.tail)];
        if (length == 0)
            length = 1 + leaves++ % ranks;
        lengths[i] = length;
    }
    return lengths;
}

GraphPtr buildGraph(const LayoutRequest &request, LayoutEngineKind engine, RankDirection direction)
{
    GraphPtr g(agopen(const_cast<char *>("fkscope"), Agdirected, nullptr));
    setLayoutAttributes(g.get(), engine, direction);
    agattr(g.get(), AGNODE, const_cast<char *>("shape"), const_cast<char *>("box"));
    agattr(g.get(), AGNODE, const_cast<char *>("fixedsize"), const_cast<char *>("true"));
    agattr(g.get(), AGNODE, const_cast<char *>("label"), const_cast<char *>(""));
    agattr(g.get(), AGNODE, const_cast<char *>("margin"), const_cast<char *>("0"));
    agattr(g.get(), AGNODE, const_cast<char *>("width"), const_cast<char *>("1"));
    agattr(g.get(), AGNODE, const_cast<char *>("height"), const_cast<char *>("0.5"));
    agattr(g.get(), AGEDGE, const_cast<char *>("tailport"), const_cast<char *>(""));
    agattr(g.get(), AGEDGE, const_cast<char *>("headport"), const_cast<char *>(""));

    std::vector<Agnode_t *> nodes;
    nodes.reserve(request.nodes.size());
    for (size_t i = 0; i < request.nodes.size(); ++i) {
        const LayoutNode &spec = request.nodes[i];
        // Names are our indices: table names never reach Graphviz, so no quoting can go wrong.
        QByteArray name = "n" + QByteArray::number(qulonglong(i));
        Agnode_t *n = agnode(g.get(), name.data(), 1);
        set(n, "width", inches(spec.width));
        set(n, "height", inches(spec.height));
        if (!spec.rowHeights.empty()) {
            // Not "plain", which forces a zero size; the label is exactly the node's size.
            set(n, "shape", "none");
            set(n, "fixedsize", "false");
            QByteArray html = rowsLabel(spec);
            agsafeset(n, const_cast<char *>("label"), agstrdup_html(g.get(), html.data()), const_cast<char *>(""));
        }
        nodes.push_back(n);
    }
    const std::vector<int> edgeLengths = staggeredLengths(request, engine);
    for (size_t i = 0; i < request.edges.size(); ++i) {
        const LayoutEdge &spec = request.edges[i];
        QByteArray key = "e" + QByteArray::number(qulonglong(i));
        Agedge_t *e = agedge(g.get(), nodes[size_t(spec.tail)], nodes[size_t(spec.head)], key.data(), 1);
        if (edgeLengths[i] > 1)
            set(e, "minlen", QByteArray::number(edgeLengths[i]));
        if (spec.layoutOnly)
            set(e, "style", "invis");
        if (spec.tailRow >= 0)
            set(e, "tailport", "r" + QByteArray::number(spec.tailRow));
        if (spec.headRow >= 0)
            set(e, "headport", "r" + QByteArray::number(spec.headRow));
    }
    return g;
}

bool validRequest(const LayoutRequest &request, QString *why)
{
    const int n = int(request.nodes.size());
    for (const LayoutEdge &e : request.edges) {
        if (e.tail < 0 || e.tail >= n || e.head < 0 || e.head >= n) {
            *why = QStringLiteral("edge %1 joins a node that does not exist").arg(e.id);
            return false;
        }
        if (e.tailRow >= int(request.nodes[size_t(e.tail)].rowHeights.size())
            || e.headRow >= int(request.nodes[size_t(e.head)].rowHeights.size())) {
            *why = QStringLiteral("edge %1 ends at a row its node does not have").arg(e.id);
            return false;
        }
    }
    return true;
}

// Reads positions back from Graphviz's own structures, flipping y so it grows downwards.
void readGeometry(Agraph_t *g, const LayoutRequest &request, GraphLayout &layout)
{
    const boxf bb = GD_bb(g);
    const double top = bb.UR.y;
    auto flip = [top](pointf p) { return QPointF(p.x, top - p.y); };
    layout.bounds = QRectF(QPointF(bb.LL.x, 0), QPointF(bb.UR.x, bb.UR.y - bb.LL.y));

    std::vector<Agnode_t *> nodes;
    for (size_t i = 0; i < request.nodes.size(); ++i) {
        QByteArray name = "n" + QByteArray::number(qulonglong(i));
        Agnode_t *n = agnode(g, name.data(), 0);
        nodes.push_back(n);
        const QPointF centre = flip(ND_coord(n));
        const double w = ND_width(n) * 72.0, h = ND_height(n) * 72.0;
        layout.nodes.emplace_back(centre.x() - w / 2, centre.y() - h / 2, w, h);
    }
    layout.edges.reserve(request.edges.size());
    for (size_t i = 0; i < request.edges.size(); ++i) {
        const LayoutEdge &spec = request.edges[i];
        if (spec.layoutOnly)
            continue;
        QByteArray key = "e" + QByteArray::number(qulonglong(i));
        Agedge_t *e = agedge(g, nodes[size_t(spec.tail)], nodes[size_t(spec.head)], key.data(), 0);
        EdgeGeometry geometry;
        geometry.id = spec.id;
        const splines *spl = e ? ED_spl(e) : nullptr;
        if (spl && spl->size > 0) {
            // Several beziers only for concentrated edges, which fkscope does not ask for.
            const bezier &bz = spl->list[0];
            for (int p = 0; p < bz.size; ++p)
                geometry.spline.push_back(flip(bz.list[p]));
            if (bz.eflag) {
                geometry.hasArrowHead = true;
                geometry.arrowTip = flip(bz.ep);
            }
        }
        if (geometry.spline.size() < 4) {
            // No spline was routed: a straight line from centre to centre, as a Bézier.
            const QPointF a = layout.nodes[size_t(spec.tail)].center(), b = layout.nodes[size_t(spec.head)].center();
            geometry.spline = {a, a + (b - a) / 3, a + 2 * (b - a) / 3, b};
        }
        layout.edges.push_back(std::move(geometry));
    }
}

// The zoom at which a drawing fits into a window, at most 1.
double fittedZoom(QSizeF drawing, QSizeF window)
{
    if (drawing.isEmpty())
        return 1;
    return std::min({1.0, window.width() / drawing.width(), window.height() / drawing.height()});
}

// A drawing that, fitted into the window, is shrunk because of its width, and is more than
// twice as wide for its height as the window.
bool muchWiderThan(QSizeF drawing, QSizeF window)
{
    if (window.isEmpty() || drawing.isEmpty() || fittedZoom(drawing, window) >= 1)
        return false;
    return drawing.width() / drawing.height() > 2 * window.width() / window.height();
}

// Keeps the other layout when it shows clearly larger in the window: the hierarchy with
// parents above is the one people expect, and worth a little size.
void keepIfLarger(GraphLayout other, QSizeF window, GraphLayout &kept)
{
    if (other.ok && fittedZoom(other.bounds.size(), window) > 1.25 * fittedZoom(kept.bounds.size(), window)) {
        other.engine = kept.engine;
        other.message = kept.message;
        kept = std::move(other);
    }
}

} // namespace

struct GraphvizSession::Context {
    GVC_t *gvc = nullptr;
};

GraphvizSession::GraphvizSession() : m_context(std::make_unique<Context>())
{
    agseterrf(&collectMessage);
    agseterr(AGERR);
    // No demand loading: only the plugins added here, never the config6 file.
    m_context->gvc = gvContextPlugins(nullptr, 0);
    addPlugin(m_context->gvc, "dot_layout");
    addPlugin(m_context->gvc, "neato_layout");
    addPlugin(m_context->gvc, "core");
    // PNG through cairo when there is pango, else through gd; not both, or text measured by
    // one is drawn by the other.
#if defined(FKSCOPE_HAVE_GVPLUGIN_PANGO)
    addPlugin(m_context->gvc, "pango");
    gvtextlayout_select(m_context->gvc);
#elif defined(FKSCOPE_HAVE_GVPLUGIN_GD)
    addPlugin(m_context->gvc, "gd");
#endif
}

GraphvizSession::~GraphvizSession()
{
    gvFreeContext(m_context->gvc);
}

bool GraphvizSession::canRender(const QString &format)
{
    if (format == QLatin1String("svg") || format == QLatin1String("dot"))
        return true;
#if defined(FKSCOPE_HAVE_GVPLUGIN_PANGO) || defined(FKSCOPE_HAVE_GVPLUGIN_GD)
    if (format == QLatin1String("png"))
        return true;
#endif
    return false;
}

GraphLayout GraphvizSession::layoutLeftwards(const LayoutRequest &request)
{
    GraphLayout leftwards;
    graphvizMessages.clear();
    GraphPtr g = buildGraph(request, LayoutEngineKind::Dot, RankDirection::Left);
    if (gvLayout(m_context->gvc, g.get(), "dot") != 0)
        return leftwards;
    leftwards.ok = true;
    readGeometry(g.get(), request, leftwards);
    gvFreeLayout(m_context->gvc, g.get());
    return leftwards;
}

GraphLayout GraphvizSession::layout(const LayoutRequest &request)
{
    QElapsedTimer timer;
    timer.start();
    GraphLayout result;
    QString why;
    if (!validRequest(request, &why)) {
        result.message = why;
        return result;
    }
    LayoutEngineKind engine = chooseEngine(request.engine, request.nodes.size(), request.edges.size(), &why);
    for (;;) {
        graphvizMessages.clear();
        GraphPtr g = buildGraph(request, engine, RankDirection::Up);
        if (gvLayout(m_context->gvc, g.get(), engineName(engine).constData()) == 0) {
            result.ok = true;
            result.engine = engine;
            readGeometry(g.get(), request, result);
            gvFreeLayout(m_context->gvc, g.get());
            if (engine == LayoutEngineKind::Dot && muchWiderThan(result.bounds.size(), request.fitInto))
                keepIfLarger(layoutLeftwards(request), request.fitInto, result);
            break;
        }
        const QString failure = QStringLiteral("%1 failed: %2").arg(toString(engine), graphvizMessages.trimmed());
        if (engine == LayoutEngineKind::Sfdp) {
            result.message = failure;
            result.ok = false;
            break;
        }
        why = failure + QStringLiteral("; drawn with sfdp instead");
        engine = LayoutEngineKind::Sfdp;
    }
    if (result.ok)
        result.message = why;
    result.milliseconds = double(timer.nsecsElapsed()) / 1e6;
    return result;
}

Result<QByteArray> GraphvizSession::render(const QByteArray &dot, const QString &format, LayoutEngineKind engine)
{
    if (!canRender(format))
        return Error::usage(QStringLiteral("cannot render %1: no Graphviz renderer for it is installed").arg(format));
    graphvizMessages.clear();
    GraphPtr g(agmemread(dot.constData()));
    if (!g)
        return Error::query(QStringLiteral("Graphviz could not read the graph: %1").arg(graphvizMessages.trimmed()));
    const LayoutEngineKind chosen = chooseEngine(engine, size_t(agnnodes(g.get())), size_t(agnedges(g.get())));
    if (chosen != LayoutEngineKind::Dot && chosen != LayoutEngineKind::Pinned)
        setLayoutAttributes(g.get(), chosen, RankDirection::Up);
    if (gvLayout(m_context->gvc, g.get(), engineName(chosen).constData()) != 0)
        return Error::query(QStringLiteral("%1 failed: %2").arg(toString(chosen), graphvizMessages.trimmed()));
    char *data = nullptr;
    unsigned int length = 0;
    const int rc = gvRenderData(m_context->gvc, g.get(), format.toLatin1().constData(), &data, &length);
    QByteArray bytes = rc == 0 && data ? QByteArray(data, qsizetype(length)) : QByteArray();
    if (data)
        gvFreeRenderData(data);
    gvFreeLayout(m_context->gvc, g.get());
    if (rc != 0)
        return Error::query(QStringLiteral("rendering %1 failed: %2").arg(format, graphvizMessages.trimmed()));
    return bytes;
}

} // namespace fkscope
