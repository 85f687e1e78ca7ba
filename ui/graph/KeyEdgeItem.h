#pragma once

#include "graph/GraphLayout.h"
#include "graph/KeyStyle.h"

#include <QGraphicsPathItem>

class QPainter;

namespace fkscope {

// One foreign key, child to parent, along the spline Graphviz routed, with an arrow head at
// the parent, drawn as keyStyle() says. GraphScene gives its tooltip, the constraint's definition.
class KeyEdgeItem : public QGraphicsPathItem {
public:
    enum { Type = UserType + 2 };

    KeyEdgeItem(const EdgeGeometry &geometry, const KeyStyle &style);

    int key() const { return m_key; }  // the key's index in the catalog
    const KeyStyle &style() const { return m_style; }
    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QPolygonF m_arrow;
    KeyStyle m_style;
    int m_key = -1;
};

// The mark of a key whose child columns have no index: a yellow dot where the key leaves the
// child table. The legend draws the same.
void drawUnindexedMark(QPainter *painter, const QPointF &at);

} // namespace fkscope
