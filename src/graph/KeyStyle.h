#pragma once

#include "catalog/Catalog.h"

#include <QString>

namespace fkscope {

// How a foreign key is drawn, by what ON DELETE does to the child rows: red where it blocks
// the delete, blue where it cascades, orange dashed where it sets columns. Deferrable keys
// get a hollow arrow head, NOT VALID keys a dotted line; virtual keys (which PostgreSQL never
// checks) are purple and dashed. The DOT writer and the graph view
// draw from the same table, so the legend means the same thing in both.
struct KeyStyle {
    enum class Line { Solid, Dashed, Dotted };

    QString colour;        // "#rrggbb"
    Line line = Line::Solid;
    bool hollowArrow = false;
    QString meaning;       // "blocks the delete", "cascades", "sets null"...
    bool unindexed = false;  // no index on the child columns: a mark at the child end
};

KeyStyle keyStyle(const ForeignKey &key);
// The colour and line of an ON DELETE action alone; the Dependents tree marks its rows with it.
KeyStyle actionStyle(FkAction action);

// One legend entry per kind of line keyStyle draws, in reading order.
struct LegendEntry {
    KeyStyle style;
    QString text;
};
std::vector<LegendEntry> keyLegend();

} // namespace fkscope
