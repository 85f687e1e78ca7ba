#pragma once

#include <QFont>
#include <QGraphicsItem>
#include <QString>

namespace fkscope {

// One table in the graph view, collapsed: its qualified name and its row estimate in a
// rounded box, laid out where Graphviz put it. Selectable; the view turns a click into
// GraphView::tableSelected.
class TableNodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };

    TableNodeItem(qint64 oid, QString name, QString detail, const QRectF &rect, const QFont &font);

    qint64 oid() const { return m_oid; }
    QString name() const { return m_name; }
    void setFocusTable(bool focus);

    // The size a node needs for its two lines of text in this font, in scene units (points).
    static QSizeF measure(const QString &name, const QString &detail, const QFont &font);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    qint64 m_oid;
    QString m_name;
    QString m_detail;
    QRectF m_rect;
    QFont m_font;
    bool m_focus = false;
};

} // namespace fkscope
