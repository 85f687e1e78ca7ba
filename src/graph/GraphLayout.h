#pragma once

#include <QMetaType>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <optional>
#include <vector>

namespace fkscope {

// The Graphviz engines fkscope uses. Dot draws keys as a hierarchy, parents above children;
// the others place tables by forces and draw straight edges, the only choice for thousands
// of tables. Pinned keeps the positions the DOT gives (pos="x,y!") and only draws the lines
// (Graphviz's nop2, neato -n2): for pictures placePicture placed; never chosen by size.
enum class LayoutEngineKind { Auto, Dot, Sfdp, Neato, Fdp, Pinned };

QString toString(LayoutEngineKind engine);  // "auto", "dot", "sfdp", "neato", "fdp", "pinned"
std::optional<LayoutEngineKind> layoutEngineFromString(const QString &name);

// A box to place, sized by the caller (the UI measures its text with QFontMetrics), in points.
struct LayoutNode {
    double width = 72;
    double height = 36;
    // Optional rows (one per column) stacked under a header; edges may attach to a row.
    // The header is height minus the rows' heights.
    std::vector<double> rowHeights;
};

// A line from tail to head: for a foreign key, child to parent. Ends are node indices;
// rows are indices into that node's rowHeights, or -1 for the node itself.
struct LayoutEdge {
    int id = 0;  // the caller's, handed back in EdgeGeometry
    int tail = 0;
    int head = 0;
    int tailRow = -1;
    int headRow = -1;
    // Only keeps its ends close (a partition by its partitioned table): laid out, not drawn,
    // and left out of GraphLayout::edges.
    bool layoutOnly = false;
};

struct LayoutRequest {
    std::vector<LayoutNode> nodes;
    std::vector<LayoutEdge> edges;
    LayoutEngineKind engine = LayoutEngineKind::Auto;
    // The window the drawing will be fitted into (points); empty: none. Dot's ranks run
    // across the window, parents above; when that drawing is far wider than the window, the
    // ranks are tried running down it instead, parents on the left, and the drawing that
    // shows larger is kept.
    QSizeF fitInto;
};

// Where an edge goes: a cubic Bézier spline (start, then three points per segment) in scene
// coordinates, and the tip of the arrow head when the spline stops short of the head node.
struct EdgeGeometry {
    int id = 0;
    std::vector<QPointF> spline;
    bool hasArrowHead = false;
    QPointF arrowTip;
};

// A finished layout, in points, y growing downwards as in Qt; nodes in request order.
struct GraphLayout {
    quint64 generation = 0;
    bool ok = false;
    LayoutEngineKind engine = LayoutEngineKind::Dot;  // the engine that made it
    QString message;   // why another engine was used, or why it failed; empty when all went well
    double milliseconds = 0;
    QRectF bounds;
    std::vector<QRectF> nodes;
    std::vector<EdgeGeometry> edges;
};

// Graphviz cannot be interrupted, so the engine is chosen by size before the layout starts:
// the requested engine when the graph is small enough for it to finish within a few seconds,
// sfdp otherwise (3,000 tables / 4,500 keys in 1.5 to 3 s). *why says what was changed.
LayoutEngineKind chooseEngine(LayoutEngineKind requested, size_t nodes, size_t edges, QString *why = nullptr);

} // namespace fkscope

Q_DECLARE_METATYPE(fkscope::GraphLayout)
