#include "graph/TableNodeItem.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace fkscope {

namespace {

constexpr double padding = 8;

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

} // namespace

TableNodeItem::TableNodeItem(qint64 oid, QString name, QString detail, const QRectF &rect, const QFont &font)
    : m_oid(oid), m_name(std::move(name)), m_detail(std::move(detail)), m_rect(rect), m_font(font)
{
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setToolTip(m_detail.isEmpty() ? m_name : m_name + QLatin1Char('\n') + m_detail);
    setZValue(1);  // above the edges that end under it
}

QSizeF TableNodeItem::measure(const QString &name, const QString &detail, const QFont &font)
{
    const QFontMetricsF bold(boldFont(font));
    const QFontMetricsF small(smallFont(font));
    double width = bold.horizontalAdvance(name);
    double height = bold.height();
    if (!detail.isEmpty()) {
        width = std::max(width, small.horizontalAdvance(detail));
        height += small.height();
    }
    return {std::ceil(width + 2 * padding), std::ceil(height + padding)};
}

void TableNodeItem::setFocusTable(bool focus)
{
    m_focus = focus;
    update();
}

QRectF TableNodeItem::boundingRect() const
{
    return m_rect.adjusted(-2, -2, 2, 2);
}

void TableNodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const bool selected = option->state & QStyle::State_Selected;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(selected ? QColor(0x1f, 0x6f, 0xd0) : QColor(0x55, 0x55, 0x55), selected || m_focus ? 2.2 : 1));
    painter->setBrush(selected ? QColor(0xdc, 0xe9, 0xfa) : m_focus ? QColor(0xff, 0xf4, 0xd6) : QColor(0xf7, 0xf7, 0xf2));
    painter->drawRoundedRect(m_rect, 5, 5);

    // Zoomed far out the text is unreadable anyway; boxes alone draw much faster.
    const double scale = option->levelOfDetailFromTransform(painter->worldTransform());
    if (scale < 0.25)
        return;
    const QFont bold = boldFont(m_font);
    const QFontMetricsF boldMetrics(bold);
    QRectF line = m_rect.adjusted(padding, padding / 2, -padding, 0);
    line.setHeight(boldMetrics.height());
    painter->setPen(QColor(0x20, 0x20, 0x20));
    painter->setFont(bold);
    painter->drawText(line, Qt::AlignCenter, m_name);
    if (!m_detail.isEmpty()) {
        const QFont small = smallFont(m_font);
        line.translate(0, line.height());
        line.setHeight(QFontMetricsF(small).height());
        painter->setFont(small);
        painter->setPen(QColor(0x66, 0x66, 0x66));
        painter->drawText(line, Qt::AlignCenter, m_detail);
    }
}

} // namespace fkscope
