#pragma once

#include "graph/GraphLayout.h"
#include "graph/KeyStyle.h"

#include <QGraphicsPathItem>
#include <QPalette>
#include <QPen>

class QPainter;

namespace fkscope {

// One foreign key, child to parent, along the spline Graphviz routed, with an arrow head at
// the parent, drawn as keyStyle() says. GraphScene gives its tooltip, the constraint's definition.
class KeyEdgeItem : public QGraphicsPathItem {
public:
    enum { Type = UserType + 2 };

    KeyEdgeItem(const EdgeGeometry &geometry, const KeyStyle &style);

    int key() const { return m_key; }  // the key's index in the catalog
    // Redraws it along another route: a table it joins was moved.
    void setGeometry(const EdgeGeometry &geometry);
    const KeyStyle &style() const { return m_style; }
    // The keys of the selected table are drawn wider and above the others.
    void setHighlighted(bool highlighted);
    bool isHighlighted() const { return m_highlighted; }
    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QPen penFor(const QPalette &palette);

    QPolygonF m_arrow;
    qint64 m_paletteKey = -1;  // the palette m_colour was worked out for
    KeyStyle m_style;
    int m_key = -1;
    QColor m_colour;
    bool m_highlighted = false;
};

// A key's colour as drawn on palette's base: its action's colour, lightened on a dark base
// until the line stands out (3:1), hue kept so that block, cascade and set null still differ.
QColor keyColour(const KeyStyle &style, const QPalette &palette);

// A key drawn straight from the border of its child's box to its parent's, the arrow head
// filling the last points, as Graphviz hands over its own: the map's keys, and a key whose
// table was moved by hand.
EdgeGeometry straightKey(int key, const QRectF &child, const QRectF &parent);

// The mark of a key whose child columns have no index: a yellow dot where the key leaves the
// child table. The legend draws the same.
void drawUnindexedMark(QPainter *painter, const QPointF &at);

} // namespace fkscope
