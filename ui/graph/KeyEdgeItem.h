#pragma once

#include "graph/GraphLayout.h"
#include "graph/KeyStyle.h"

#include <QGraphicsPathItem>

namespace fkscope {

// One foreign key, child to parent, along the spline Graphviz routed, with an arrow head at
// the parent, drawn as keyStyle() says. GraphScene gives its tooltip, the constraint's definition.
class KeyEdgeItem : public QGraphicsPathItem {
public:
    enum { Type = UserType + 2 };

    KeyEdgeItem(const EdgeGeometry &geometry, const KeyStyle &style);

    int key() const { return m_key; }  // the key's index in the catalog
    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QPolygonF m_arrow;
    KeyStyle m_style;
    int m_key = -1;
};

} // namespace fkscope
