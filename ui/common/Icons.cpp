#include "ui/common/Icons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

#include <functional>

namespace fkscope::Icons {

namespace {

const QColor outline(0x4a, 0x5a, 0x70);
const QColor header(0x6b, 0x8c, 0xbf);
const QColor body(0xf4, 0xf7, 0xfb);

// Draws at 16 and 32 pixels on a 16-unit canvas, so the icon is sharp on HiDPI screens.
QIcon drawn(const std::function<void(QPainter &)> &draw)
{
    QIcon icon;
    for (int size : {16, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.scale(size / 16.0, size / 16.0);
        draw(painter);
        icon.addPixmap(pixmap);
    }
    return icon;
}

void drawTable(QPainter &p, const QRectF &r)
{
    p.setPen(QPen(outline, 1.0));
    p.setBrush(body);
    p.drawRoundedRect(r, 1.5, 1.5);
    p.setBrush(header);
    p.drawRect(QRectF(r.left(), r.top(), r.width(), r.height() * 0.3));
    p.setPen(QPen(outline, 0.6));
    const qreal rowHeight = r.height() * 0.7 / 3;
    for (int i = 1; i < 3; ++i) {
        const qreal y = r.top() + r.height() * 0.3 + i * rowHeight;
        p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y));
    }
    p.drawLine(QPointF(r.center().x(), r.top() + r.height() * 0.3), QPointF(r.center().x(), r.bottom()));
}

} // namespace

QIcon schema()
{
    return drawn([](QPainter &p) {
        p.setPen(QPen(outline, 1.0));
        p.setBrush(QColor(0xe8, 0xc5, 0x6a));
        QPainterPath folder;
        folder.moveTo(1.5, 3.5);
        folder.lineTo(6.0, 3.5);
        folder.lineTo(7.5, 5.0);
        folder.lineTo(14.5, 5.0);
        folder.lineTo(14.5, 13.5);
        folder.lineTo(1.5, 13.5);
        folder.closeSubpath();
        p.drawPath(folder);
    });
}

QIcon table()
{
    return drawn([](QPainter &p) { drawTable(p, QRectF(1.5, 2.5, 13, 11)); });
}

QIcon partitionedTable()
{
    // A stack of tables: one logical table made of several.
    return drawn([](QPainter &p) {
        drawTable(p, QRectF(4.5, 0.5, 11, 9));
        drawTable(p, QRectF(0.5, 5.5, 11, 10));
    });
}

} // namespace fkscope::Icons
