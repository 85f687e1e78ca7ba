#include "ui/graph/GraphLegend.h"

#include "ui/graph/KeyEdgeItem.h"
#include "graph/KeyStyle.h"
#include "ui/graph/TableNodeItem.h"

#include <QFontMetrics>
#include <QPainter>

namespace fkscope {

namespace {

constexpr int sampleWidth = 36;
constexpr int margin = 8;

QString title()
{
    return GraphLegend::tr("Foreign keys, child → parent");
}

// TableNodeItem outlines the tables of a cycle in its cycle colour.
QString cycleText()
{
    return GraphLegend::tr("Table on a cycle of keys");
}

} // namespace

GraphLegend::GraphLegend(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("graphLegend"));
    setAccessibleName(tr("Graph legend"));
    QStringList lines{title()};
    for (const LegendEntry &entry : keyLegend())
        lines << entry.text;
    lines << cycleText();
    setAccessibleDescription(lines.join(QLatin1Char('\n')));
    setAttribute(Qt::WA_TransparentForMouseEvents);
}

QSize GraphLegend::sizeHint() const
{
    const QFontMetrics fm(font());
    int width = std::max(fm.horizontalAdvance(title()), sampleWidth + 8 + fm.horizontalAdvance(cycleText()));
    for (const LegendEntry &entry : keyLegend())
        width = std::max(width, sampleWidth + 8 + fm.horizontalAdvance(entry.text));
    return {width + 2 * margin, int(keyLegend().size() + 2) * fm.height() + 2 * margin};
}

void GraphLegend::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    // The keys are drawn on the view's base; so is their legend, a little see-through.
    const QPalette &colours = palette();
    QColor background = colours.color(QPalette::Base);
    background.setAlpha(235);
    painter.setPen(colours.color(QPalette::Mid));
    painter.setBrush(background);
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);

    const QFontMetrics fm(font());
    int y = margin;
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(colours.color(QPalette::Text));
    painter.drawText(QRect(margin, y, width() - 2 * margin, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, title());
    painter.setFont(font());
    for (const LegendEntry &entry : keyLegend()) {
        y += fm.height();
        const double mid = y + fm.height() / 2.0;
        QPen pen(keyColour(entry.style, colours), 1.6);
        pen.setStyle(entry.style.line == KeyStyle::Line::Dashed   ? Qt::DashLine
                     : entry.style.line == KeyStyle::Line::Dotted ? Qt::DotLine
                                                                  : Qt::SolidLine);
        painter.setPen(pen);
        painter.drawLine(QPointF(margin, mid), QPointF(margin + sampleWidth - 8, mid));
        if (entry.style.unindexed)
            drawUnindexedMark(&painter, QPointF(margin + 4, mid));
        pen.setStyle(Qt::SolidLine);
        painter.setPen(pen);
        painter.setBrush(entry.style.hollowArrow ? colours.base() : QBrush(pen.color()));
        const double tip = margin + sampleWidth;
        painter.drawPolygon(QPolygonF({QPointF(tip, mid), QPointF(tip - 8, mid - 3.5), QPointF(tip - 8, mid + 3.5)}));
        painter.setPen(colours.color(QPalette::Text));
        painter.drawText(QRect(margin + sampleWidth + 8, y, width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                         entry.text);
    }
    y += fm.height();
    const TableNodeColours &node = TableNodeColours::of(colours);
    painter.setPen(QPen(node.cycleOutline, 2));
    painter.setBrush(node.fill);
    painter.drawRoundedRect(QRectF(margin + 6, y + 3, sampleWidth - 12, fm.height() - 6), 3, 3);
    painter.setPen(colours.color(QPalette::Text));
    painter.drawText(QRect(margin + sampleWidth + 8, y, width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                     cycleText());
}

} // namespace fkscope
