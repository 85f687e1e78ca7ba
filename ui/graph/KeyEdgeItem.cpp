#include "ui/graph/KeyEdgeItem.h"

#include "ui/common/PaletteColours.h"
#include "ui/graph/PictureItems.h"

#include <QGraphicsScene>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <QtMath>

namespace fkscope {

namespace {

QPainterPath splinePath(const std::vector<QPointF> &points)
{
    QPainterPath path;
    if (points.empty())
        return path;
    path.moveTo(points[0]);
    for (size_t i = 1; i + 2 < points.size(); i += 3)
        path.cubicTo(points[i], points[i + 1], points[i + 2]);
    return path;
}

// A triangle from the end of the line to the tip, as wide as Graphviz's default arrow.
QPolygonF arrowHead(QPointF from, QPointF tip)
{
    QLineF line(tip, from);
    if (line.length() < 1) {
        return {};
    }
    const double length = std::max(line.length(), 7.0);
    line.setLength(length);
    const QPointF back = line.p2();
    const QPointF normal = QPointF(-(back - tip).y(), (back - tip).x()) / length * (length * 0.36);
    return QPolygonF({tip, back + normal, back - normal, tip});
}

} // namespace

KeyEdgeItem::KeyEdgeItem(const EdgeGeometry &geometry, const KeyStyle &style)
    : m_style(style), m_key(geometry.id)
{
    setGeometry(geometry);
    QPen pen(QColor(style.colour), 1.4);
    pen.setCosmetic(false);
    if (style.line == KeyStyle::Line::Dashed)
        pen.setStyle(Qt::DashLine);
    else if (style.line == KeyStyle::Line::Dotted)
        pen.setStyle(Qt::DotLine);
    setPen(pen);
}

void KeyEdgeItem::setGeometry(const EdgeGeometry &geometry)
{
    prepareGeometryChange();
    setPath(splinePath(geometry.spline));
    const QPointF end = geometry.spline.empty() ? QPointF() : geometry.spline.back();
    m_arrow.clear();
    if (geometry.hasArrowHead) {
        m_arrow = arrowHead(end, geometry.arrowTip);
    } else if (geometry.spline.size() >= 2) {
        // Straight-line layouts end at the node's centre and draw no head of their own.
        const QPointF before = geometry.spline[geometry.spline.size() - 2];
        m_arrow = arrowHead(before, end);
    }
}

EdgeGeometry straightKey(int key, const QRectF &child, const QRectF &parent)
{
    const QPointF from = borderPoint(child, parent.center());
    const QPointF to = borderPoint(parent, child.center());
    EdgeGeometry geometry;
    geometry.id = key;
    QLineF line(from, to);
    line.setLength(std::max(0.0, line.length() - 8));
    const QPointF end = line.p2();
    geometry.spline = {from, from + (end - from) / 3, from + (end - from) * 2 / 3, end};
    geometry.hasArrowHead = true;
    geometry.arrowTip = to;
    return geometry;
}

void KeyEdgeItem::setHighlighted(bool highlighted)
{
    if (m_highlighted == highlighted)
        return;
    m_highlighted = highlighted;
    setZValue(highlighted ? 0.5 : 0);  // over the other keys, under the tables
    update();
}

QRectF KeyEdgeItem::boundingRect() const
{
    // From the control points, not QGraphicsPathItem's, which strokes shape(): 4,500 strokes
    // held the first paint of a 3,000-table view for 40 ms. The margin covers the widest pen.
    return path().controlPointRect().united(m_arrow.boundingRect()).adjusted(-6, -6, 6, 6);
}

QPainterPath KeyEdgeItem::shape() const
{
    // Wide enough to hover for the tooltip.
    QPainterPathStroker stroker;
    stroker.setWidth(6);
    QPainterPath s = stroker.createStroke(path());
    s.addPolygon(m_arrow);
    return s;
}

QColor keyColour(const KeyStyle &style, const QPalette &palette)
{
    return PaletteColours::readableOn(QColor(style.colour), palette.color(QPalette::Base), 3.0);
}

QPen KeyEdgeItem::penFor(const QPalette &palette)
{
    if (palette.cacheKey() != m_paletteKey) {
        m_colour = keyColour(m_style, palette);
        m_paletteKey = palette.cacheKey();
    }
    QPen coloured = pen();
    coloured.setColor(m_colour);
    if (m_highlighted)
        coloured.setWidthF(coloured.widthF() * 2.2);
    return coloured;
}

void KeyEdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    const QPen pen = penFor(palette);
    // Zoomed far out (an overview of thousands of keys) a line is a line: no antialiasing, no
    // dashes, no arrow head (under 4 pixels long by then). Painting 4,500 antialiased splines
    // took a third of a second; every table of 3,000 fitted into 1280 × 800 is at zoom 0.31.
    if (option->levelOfDetailFromTransform(painter->worldTransform()) < 0.5) {
        painter->setRenderHint(QPainter::Antialiasing, false);
        QPen thin(pen.color(), 0);
        painter->setPen(thin);
        const QPainterPath &p = path();
        if (p.elementCount() > 0)
            painter->drawLine(QPointF(p.elementAt(0)), p.currentPosition());
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path());
    if (m_style.unindexed && path().elementCount() > 0)
        drawUnindexedMark(painter, QPointF(path().elementAt(0)));
    if (m_arrow.isEmpty())
        return;
    QPen solid = pen;
    solid.setStyle(Qt::SolidLine);
    painter->setPen(solid);
    painter->setBrush(m_style.hollowArrow ? palette.base() : QBrush(pen.color()));
    painter->drawPolygon(m_arrow);
}

void drawUnindexedMark(QPainter *painter, const QPointF &at)
{
    painter->save();
    painter->setPen(QPen(QColor(QStringLiteral("#7a5c00")), 1));
    painter->setBrush(QColor(QStringLiteral("#ffd21f")));
    painter->drawEllipse(at, 4, 4);
    painter->restore();
}

} // namespace fkscope
