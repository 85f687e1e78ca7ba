#pragma once

#include "graph/GraphLayout.h"
#include "graph/KeyStyle.h"

#include <QGraphicsPathItem>

namespace fkscope {

// One foreign key, child to parent, along the spline Graphviz routed, with an arrow head at
// the parent, drawn as keyStyle() says. Its tooltip is the constraint's definition.
class KeyEdgeItem : public QGraphicsPathItem {
public:
    enum { Type = UserType + 2 };

    KeyEdgeItem(const EdgeGeometry &geometry, const KeyStyle &style, const QString &toolTip);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QPolygonF m_arrow;
    KeyStyle m_style;
};

} // namespace fkscope
