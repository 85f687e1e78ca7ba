#include "ui/graph/PictureItems.h"

#include "ui/common/PaletteColours.h"
#include "ui/graph/GraphScene.h"
#include "ui/graph/TableNodeItem.h"

#include <QGraphicsScene>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace fkscope {

namespace {

// Scene units are points, as placePicture measured them; a font of n pixels at zoom 1 is
// n points wide in the scene.
QFont pictureFont(double size, bool bold = false)
{
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(std::max(1, int(std::lround(size))));
    font.setBold(bold);
    return font;
}

constexpr double maxBundlePixels = 6;

// What colour, drawn at opacity alpha on paper, looks like.
QColor onPaper(const QColor &colour, double alpha, const QColor &paper)
{
    auto mix = [alpha](int ink, int under) { return int(std::lround(alpha * ink + (1 - alpha) * under)); };
    return QColor(mix(colour.red(), paper.red()), mix(colour.green(), paper.green()), mix(colour.blue(), paper.blue()));
}

double screenScale(const QStyleOptionGraphicsItem *option, const QPainter *painter)
{
    return option->levelOfDetailFromTransform(painter->worldTransform());
}

QPalette paletteOf(const QGraphicsItem *item)
{
    return item->scene() ? item->scene()->palette() : QPalette();
}

QPolygonF arrowAt(const QPointF &tip, const QPointF &from, double length)
{
    QLineF back(tip, from);
    if (back.length() < 1)
        return {};
    back.setLength(length);
    const QPointF base = back.p2();
    const QPointF normal(-(base - tip).y() * 0.4, (base - tip).x() * 0.4);
    return QPolygonF({tip, base + normal, base - normal});
}

} // namespace

QPointF borderPoint(const QRectF &box, const QPointF &from)
{
    const QPointF centre = box.center();
    const QPointF d = from - centre;
    if (std::abs(d.x()) < 1e-9 && std::abs(d.y()) < 1e-9)
        return centre;
    const double sx = d.x() != 0 ? (box.width() / 2) / std::abs(d.x()) : 1e18;
    const double sy = d.y() != 0 ? (box.height() / 2) / std::abs(d.y()) : 1e18;
    const double s = std::min({sx, sy, 1.0});
    return centre + d * s;
}

GroupNodeItem::GroupNodeItem(const PictureNode &node, const QRectF &rect)
    : m_id(node.id), m_label(node.label), m_toolTip(node.tooltip), m_tables(node.tables), m_hub(node.table), m_rect(rect),
      m_fontSize(node.fontSize)
{
    setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges);
    setZValue(1);
}

QVariant GroupNodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged) {
        if (auto *graph = qobject_cast<GraphScene *>(scene()))
            graph->boxMoved(this);
    }
    return QGraphicsItem::itemChange(change, value);
}

QRectF GroupNodeItem::boundingRect() const
{
    return m_rect.adjusted(-2, -2, 2, 2);
}

void GroupNodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette palette = paletteOf(this);
    const bool dark = PaletteColours::isDark(palette);
    const bool selected = option->state & QStyle::State_Selected;
    painter->setRenderHint(QPainter::Antialiasing);
    const TableNodeColours &c = TableNodeColours::of(palette);
    const QColor fill = selected ? c.selectedFill : dark ? QColor(0x2a, 0x36, 0x46) : QColor(0xe3, 0xeb, 0xf5);
    const QColor outline = selected ? c.selectedOutline : dark ? QColor(0x8f, 0xa8, 0xc8) : QColor(0x3b, 0x5b, 0x85);
    painter->setPen(QPen(outline, selected ? 2.4 : 1.2));
    painter->setBrush(fill);
    painter->drawRoundedRect(m_rect, 6, 6);
    const double scale = screenScale(option, painter);
    if (m_label.isEmpty() || m_fontSize * scale < minLabelPixels)
        return;
    const QColor text = PaletteColours::readableOn(dark ? QColor(0xee, 0xee, 0xee) : QColor(0x1a, 0x2a, 0x40), fill);
    painter->setPen(text);
    const double lineHeight = m_fontSize * 1.25;
    QRectF line(m_rect.left(), m_rect.center().y() - lineHeight * m_label.size() / 2, m_rect.width(), lineHeight);
    for (int i = 0; i < m_label.size(); ++i) {
        // The counts are smaller than the name; they go first when the zoom shrinks.
        const double size = i == 0 ? m_fontSize : m_fontSize * 0.8;
        if (size * scale >= minLabelPixels) {
            painter->setFont(pictureFont(size, i == 0));
            painter->drawText(line, Qt::AlignCenter, m_label[i]);
        }
        line.translate(0, lineHeight);
    }
}

PictureEdgeItem::PictureEdgeItem(const PictureEdge &edge, const QLineF &line)
    : PictureEdgeItem(edge, [&] {
          QPainterPath path(line.p1());
          path.lineTo(line.p2());
          return path;
      }())
{
}

PictureEdgeItem::PictureEdgeItem(const PictureEdge &edge, const QPainterPath &path)
    : m_path(path), m_label(edge.label), m_toolTip(edge.tooltip), m_keys(edge.keys),
      m_link(edge.kind == PictureEdge::Kind::Link)
{
    // As DotWriter draws bundles: width grows with the log of the keys they hold.
    m_width = m_link ? 1.4 : 0.6 + 0.8 * std::log2(std::max<double>(1, double(edge.keys.size())));
    if (!m_link && m_toolTip.isEmpty())
        m_toolTip = QObject::tr("%n key(s)", nullptr, int(edge.keys.size()));
    setZValue(0);
}

void PictureEdgeItem::setLine(const QLineF &line)
{
    prepareGeometryChange();
    m_path = QPainterPath(line.p1());
    m_path.lineTo(line.p2());
}

QRectF PictureEdgeItem::boundingRect() const
{
    const double margin = m_width + 8;
    QRectF rect = m_path.controlPointRect().adjusted(-margin, -margin, margin, margin);
    if (m_link && !m_label.isEmpty())
        rect = rect.united(QRectF(m_path.pointAtPercent(0.5) - QPointF(200, 20), QSizeF(400, 40)));
    return rect;
}

QPainterPath PictureEdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(std::max(6.0, m_width + 4));
    return stroker.createStroke(m_path);
}

void PictureEdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette palette = paletteOf(this);
    const bool dark = PaletteColours::isDark(palette);
    // Bundles pale, so that where many cross, the schemas' titles still show; opaque, the
    // colour a translucent line would have on the paper, and straight lines with flat ends:
    // that is the raster engine's fast case. The 700 bundles of a 3,000-table map took 100 to
    // 500 ms a frame as translucent round-capped paths (ten times as long as opaque lines).
    // A few pixels wide at most, however close the zoom.
    // A bundle thinner than a pixel is drawn one pixel wide and as much fainter.
    const double wanted = m_width * screenScale(option, painter);
    const double pixels = std::clamp(wanted, 1.0, maxBundlePixels);
    const double faint = std::min(1.0, wanted);
    const QColor colour = m_link ? (dark ? QColor(0xb8, 0x9c, 0xe0) : QColor(0x7b, 0x5a, 0xa6))
                                 : onPaper(dark ? QColor(0xa0, 0xb0, 0xc8) : QColor(0x5a, 0x6b, 0x82),
                                           (dark ? 0.56 : 0.44) * faint, palette.color(QPalette::Base));
    QPen pen(colour, pixels, Qt::SolidLine, Qt::FlatCap);
    pen.setCosmetic(true);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    if (m_path.elementCount() == 2)
        painter->drawLine(QLineF(QPointF(m_path.elementAt(0)), QPointF(m_path.elementAt(1))));
    else
        painter->drawPath(m_path);
    if (!m_link)
        return;
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    // A head at both ends: a link table references both the tables it joins.
    const double along = std::min(0.45, 8 / std::max(1.0, m_path.length()));
    painter->drawPolygon(arrowAt(m_path.pointAtPercent(0), m_path.pointAtPercent(along), 8));
    painter->drawPolygon(arrowAt(m_path.pointAtPercent(1), m_path.pointAtPercent(1 - along), 8));
    constexpr double labelSize = 11;
    if (m_label.isEmpty() || labelSize * screenScale(option, painter) < minLabelPixels)
        return;
    painter->setFont(pictureFont(labelSize));
    painter->setPen(PaletteColours::readableOn(colour, palette.color(QPalette::Base)));
    const QRectF box(m_path.pointAtPercent(0.5) - QPointF(200, labelSize), QSizeF(400, 2 * labelSize));
    painter->drawText(box, Qt::AlignCenter, m_label);
}

SchemaFrameItem::SchemaFrameItem(const QString &schema, const QRectF &rect) : m_schema(schema), m_rect(rect)
{
    setZValue(-1);
}

void SchemaFrameItem::setFrame(const QRectF &rect)
{
    prepareGeometryChange();
    m_rect = rect;
}

QRectF SchemaFrameItem::boundingRect() const
{
    return m_rect.adjusted(-2, -2, 2, 2);
}

void SchemaFrameItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette palette = paletteOf(this);
    const QColor colour = PaletteColours::isDark(palette) ? QColor(0x70, 0x7a, 0x86) : QColor(0x9a, 0xa5, 0xb1);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(colour, 1.2));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(m_rect, 10, 10);
    constexpr double titleSize = 18;
    if (titleSize * screenScale(option, painter) < minLabelPixels)
        return;
    painter->setFont(pictureFont(titleSize, true));
    painter->setPen(PaletteColours::readableOn(palette.color(QPalette::Text), palette.color(QPalette::Base)));
    painter->drawText(m_rect.adjusted(10, 4, -10, 0), Qt::AlignHCenter | Qt::AlignTop, m_schema);
}

} // namespace fkscope
