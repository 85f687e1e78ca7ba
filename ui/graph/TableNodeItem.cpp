#include "ui/graph/TableNodeItem.h"

#include "ui/common/PaletteColours.h"
#include "ui/graph/GraphScene.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace fkscope {

namespace {

constexpr double padding = 8;
constexpr double rowPadding = 2;    // above and below a column's text
constexpr double columnGap = 12;    // between a column's name and its type

QFont boldFont(QFont font)
{
    font.setBold(true);
    return font;
}

QFont smallFont(QFont font)
{
    font.setPointSizeF(font.pointSizeF() * 0.85);
    return font;
}

QString markerText(const TableNodeText::ColumnLine &column)
{
    if (column.primaryKey && column.foreignKey)
        return QStringLiteral("PK FK");
    if (column.primaryKey)
        return QStringLiteral("PK");
    if (column.foreignKey)
        return QStringLiteral("FK");
    return {};
}

// Width of the marker gutter: wide enough for the widest marker any column of this node has.
double markerWidth(const TableNodeText &text, const QFont &small)
{
    const QFontMetricsF bold(boldFont(small));
    double width = 0;
    for (const auto &column : text.columns)
        width = std::max(width, bold.horizontalAdvance(markerText(column)));
    return width > 0 ? width + 6 : 0;
}

double headerHeight(const TableNodeText &text, const QFont &font)
{
    double height = QFontMetricsF(boldFont(font)).height();
    if (!text.detail.isEmpty())
        height += QFontMetricsF(smallFont(font)).height();
    return height + padding;
}

// A text colour that reads on each of the fills.
QColor readableOnFills(QColor colour, const TableNodeColours &c)
{
    for (const QColor &fill : {c.fill, c.selectedFill, c.focusFill})
        colour = PaletteColours::readableOn(colour, fill);
    return colour;
}

TableNodeColours coloursFor(const QPalette &palette)
{
    const bool dark = PaletteColours::isDark(palette);
    TableNodeColours c;
    c.fill = dark ? QColor(0x33, 0x36, 0x3b) : QColor(0xf7, 0xf7, 0xf2);
    c.selectedFill = dark ? QColor(0x1f, 0x3b, 0x5c) : QColor(0xdc, 0xe9, 0xfa);
    c.focusFill = dark ? QColor(0x4a, 0x3f, 0x1c) : QColor(0xff, 0xf4, 0xd6);
    c.outline = dark ? QColor(0x9a, 0x9a, 0x9a) : QColor(0x55, 0x55, 0x55);
    c.selectedOutline = dark ? QColor(0x5a, 0xa0, 0xff) : QColor(0x1f, 0x6f, 0xd0);
    c.cycleOutline = dark ? QColor(0xc0, 0x8a, 0xe0) : QColor(0x8e, 0x44, 0xad);
    c.separator = dark ? QColor(0x5c, 0x5f, 0x66) : QColor(0xbb, 0xbb, 0xb4);
    c.title = readableOnFills(dark ? palette.color(QPalette::Text) : QColor(0x20, 0x20, 0x20), c);
    c.columnName = c.title;
    c.detail = readableOnFills(QColor(0x66, 0x66, 0x66), c);
    c.columnType = readableOnFills(QColor(0x77, 0x77, 0x77), c);
    c.primaryKeyMarker = readableOnFills(QColor(0xa0, 0x70, 0x00), c);
    c.foreignKeyMarker = readableOnFills(QColor(0x1f, 0x6f, 0xd0), c);
    return c;
}

} // namespace

// Painting asks for every node; the colours are worked out once per palette.
const TableNodeColours &TableNodeColours::of(const QPalette &palette)
{
    static qint64 cachedKey = -1;
    static TableNodeColours cached;
    if (palette.cacheKey() != cachedKey) {
        cached = coloursFor(palette);
        cachedKey = palette.cacheKey();
    }
    return cached;
}

TableNodeItem::TableNodeItem(qint64 oid, TableNodeText text, const QRectF &rect, const QFont &font)
    : m_oid(oid), m_text(std::move(text)), m_rect(rect), m_font(font),
      m_titleAscent(QFontMetricsF(boldFont(font)).ascent()), m_detailAscent(QFontMetricsF(smallFont(font)).ascent())
{
    setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setZValue(1);  // above the edges that end under it
}

QVariant TableNodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged) {
        if (auto *graph = qobject_cast<GraphScene *>(scene()))
            graph->boxMoved(this);
    }
    return QGraphicsItem::itemChange(change, value);
}

TableNodeSize TableNodeItem::measure(const TableNodeText &text, const QFont &font)
{
    const QFontMetricsF bold(boldFont(font));
    const QFontMetricsF small(smallFont(font));
    double width = bold.horizontalAdvance(text.title);
    if (!text.detail.isEmpty())
        width = std::max(width, small.horizontalAdvance(text.detail));
    TableNodeSize result;
    double height = headerHeight(text, font);
    const double gutter = markerWidth(text, smallFont(font));
    const double rowHeight = std::ceil(small.height() + 2 * rowPadding);
    for (const auto &column : text.columns) {
        width = std::max(width, gutter + small.horizontalAdvance(column.name) + columnGap
                                    + small.horizontalAdvance(column.type));
        result.rowHeights.push_back(rowHeight);
        height += rowHeight;
    }
    result.size = {std::ceil(width + 2 * padding), std::ceil(height)};
    return result;
}

void TableNodeItem::setFocusTable(bool focus)
{
    m_focus = focus;
    update();
}

void TableNodeItem::setOnCycle(bool onCycle)
{
    m_onCycle = onCycle;
    update();
}

const TableNodeColours &TableNodeItem::colours() const
{
    return TableNodeColours::of(scene() ? scene()->palette() : QPalette());
}

bool TableNodeItem::showsLabelAt(double scale) const
{
    const double pixels = m_titleAscent * scale;
    return pixels * (m_hub ? hubLabelGrowth : 1) >= minTextPixels;
}

void TableNodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const bool selected = option->state & QStyle::State_Selected;
    const double scale = option->levelOfDetailFromTransform(painter->worldTransform());
    painter->setRenderHint(QPainter::Antialiasing, scale >= 0.3);
    const TableNodeColours &c = colours();
    const QColor outline = selected ? c.selectedOutline : m_onCycle ? c.cycleOutline : c.outline;
    painter->setPen(QPen(outline, selected || m_focus || m_onCycle ? 2.2 : 1));
    painter->setBrush(selected ? c.selectedFill : m_focus ? c.focusFill : c.fill);
    const bool readable = m_titleAscent * scale >= minTextPixels;
    if (!readable) {
        // A box a few pixels wide still shows where the table is: filled, its outline a pixel wide.
        painter->setPen(QPen(outline, 0));
        painter->drawRect(m_rect);
        if (m_hub && showsLabelAt(scale))
            paintHubLabel(painter, scale);
        return;
    }
    painter->drawRoundedRect(m_rect, 5, 5);
    const QFont bold = boldFont(m_font);
    QRectF line = m_rect.adjusted(padding, padding / 2, -padding, 0);
    line.setHeight(QFontMetricsF(bold).height());
    painter->setPen(c.title);
    painter->setFont(bold);
    painter->drawText(line, Qt::AlignCenter, m_text.title);
    const QFont small = smallFont(m_font);
    if (!m_text.detail.isEmpty() && m_detailAscent * scale >= minTextPixels) {
        line.translate(0, line.height());
        line.setHeight(QFontMetricsF(small).height());
        painter->setFont(small);
        painter->setPen(c.detail);
        painter->drawText(line, Qt::AlignCenter, m_text.detail);
    }
    if (!m_text.columns.empty() && m_detailAscent * scale >= minTextPixels)
        paintColumns(painter, m_rect.top() + headerHeight(m_text, m_font));
}

// The name grown just enough to be minTextPixels tall on screen, on a plate of the fill
// colour so that it reads over the lines and boxes around it.
void TableNodeItem::paintHubLabel(QPainter *painter, double scale) const
{
    QFont font = boldFont(m_font);
    const double growth = minTextPixels / (QFontMetricsF(font).ascent() * scale);
    font.setPixelSize(std::max(1, int(std::ceil(QFontInfo(font).pixelSize() * growth))));
    const QFontMetricsF metrics(font);
    QRectF plate(QPointF(), QSizeF(metrics.horizontalAdvance(m_text.title) + 4, metrics.height()));
    plate.moveCenter(m_rect.center());
    const TableNodeColours &c = colours();
    painter->setPen(Qt::NoPen);
    painter->setBrush(c.fill);
    painter->drawRect(plate);
    painter->setFont(font);
    painter->setPen(c.title);
    painter->drawText(plate, Qt::AlignCenter, m_text.title);
}

QRectF TableNodeItem::boundingRect() const
{
    // A hub's grown name may stick out of its box.
    if (m_hub)
        return m_rect.adjusted(-m_rect.width(), -m_rect.height(), m_rect.width(), m_rect.height());
    return m_rect.adjusted(-2, -2, 2, 2);
}

// Graphviz stacks the column rows right under the header (GraphvizSession's rowsLabel), so
// they are drawn there too, each where its port is.
void TableNodeItem::paintColumns(QPainter *painter, double top) const
{
    const QFont small = smallFont(m_font);
    const QFontMetricsF metrics(small);
    const double gutter = markerWidth(m_text, small);
    const double rowHeight = std::ceil(metrics.height() + 2 * rowPadding);
    const TableNodeColours &c = colours();
    painter->setPen(QPen(c.separator, 1));
    painter->drawLine(QPointF(m_rect.left(), top), QPointF(m_rect.right(), top));
    painter->setFont(small);
    QRectF row(m_rect.left() + padding, top, m_rect.width() - 2 * padding, rowHeight);
    for (const auto &column : m_text.columns) {
        const QString marker = markerText(column);
        if (!marker.isEmpty()) {
            QFont markerFont = small;
            markerFont.setBold(true);
            painter->setFont(markerFont);
            painter->setPen(column.primaryKey ? c.primaryKeyMarker : c.foreignKeyMarker);
            painter->drawText(row, Qt::AlignLeft | Qt::AlignVCenter, marker);
            painter->setFont(small);
        }
        painter->setPen(c.columnName);
        painter->drawText(row.adjusted(gutter, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, column.name);
        painter->setPen(c.columnType);
        painter->drawText(row, Qt::AlignRight | Qt::AlignVCenter, column.type);
        row.translate(0, rowHeight);
    }
}

} // namespace fkscope
