#pragma once

#include "graph/GraphPicture.h"

#include <QSizeF>

#include <map>

namespace fkscope {

// Places a picture's boxes in rows so that the drawing, fitted into a window, keeps its
// text readable: Graphviz left alone draws a hub's hundred neighbours as one rank 7,000
// points wide, and thousands of tables smaller than a pixel. The row width is chosen to
// make the drawing as large as possible when fitted into `window` (points, at 96 dpi a
// 1280×800 window is 960×600 points, the same shape), so the aspect follows the window's.
struct PlacementOptions {
    QSizeF window{1280, 800};
    double gap = 18;               // between boxes, points
    QSizeF legend;                 // room to keep for a legend under a neighbourhood; empty: none
};

// Sizes every box from its label (DejaVu Sans, measured generously) and places it.
// A map: each schema's boxes in a frame of its own, frames packed in rows.
// A neighbourhood (a node has focus): bands by distance from the focus, the tables it
// references above, the focus, the tables referencing it below, each band wrapped in rows.
void placePicture(GraphPicture &picture, const PlacementOptions &options = {});

// Moves the boxes a saved view gives positions for (centres, in points; keyed by a table's
// qualified name or a group's id) and grows the bounds and the schemas' frames around them.
// A picture not placed yet is placed first (with default options). Returns how many moved.
int applyPositions(GraphPicture &picture, const std::map<QString, QPointF> &positions);

// The name a saved view knows a box by: a table's qualified name, a group's id.
QString viewName(const PictureNode &node);

// Whether the picture needs placing: a map always; a neighbourhood when it is big (more than
// 40 boxes, or more than 10 at one distance from the focus). Graphviz's dot draws a few
// dozen tables well by itself, and a whole small schema is left to it as before.
bool needsPlacing(const GraphPicture &picture);

// How wide a line of text is in DejaVu Sans at fontSize points, erring on the wide side.
double textWidth(const QString &text, double fontSize);

} // namespace fkscope
