#pragma once

#include <QFont>
#include <QColor>
#include <QGraphicsItem>
#include <QPalette>
#include <QString>

#include <vector>

namespace fkscope {

// What a table node says. Collapsed: its name and row estimate. Expanded: also one line
// per column, with its key markers.
struct TableNodeText {
    struct ColumnLine {
        QString name;
        QString type;
        bool primaryKey = false;
        bool foreignKey = false;
    };
    QString title;
    QString detail;
    std::vector<ColumnLine> columns;  // empty when collapsed
};

// The size of a node and of each of its column rows, in scene units (points), for a font.
struct TableNodeSize {
    QSizeF size;
    std::vector<double> rowHeights;
};

// What a node is painted in, for a palette: light boxes with dark text on a light palette,
// dark boxes with light text on a dark one. Each text colour reads on every fill.
struct TableNodeColours {
    QColor fill, selectedFill, focusFill;
    QColor outline, selectedOutline, cycleOutline;
    QColor title, detail, separator, columnName, columnType, primaryKeyMarker, foreignKeyMarker;

    static const TableNodeColours &of(const QPalette &palette);
};

// One table in the graph view in a rounded box, laid out where Graphviz put it. Expanded,
// its columns are listed under the name, so a key can end at the column it involves.
// Selectable; the view turns a click into GraphView::tableSelected.
class TableNodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };

    TableNodeItem(qint64 oid, TableNodeText text, const QRectF &rect, const QFont &font);

    qint64 oid() const { return m_oid; }
    QString name() const { return m_text.title; }
    void setFocusTable(bool focus);
    // Tables on a cycle of keys get a violet outline: their rows need deferred keys or a later UPDATE.
    void setOnCycle(bool onCycle);
    bool isOnCycle() const { return m_onCycle; }

    // What Graphviz must leave room for, measured with Qt's own font metrics so that what
    // is laid out is what is drawn.
    static TableNodeSize measure(const TableNodeText &text, const QFont &font);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void paintColumns(QPainter *painter, double top) const;
    const TableNodeColours &colours() const;  // by the scene's palette

    qint64 m_oid;
    TableNodeText m_text;
    QRectF m_rect;
    QFont m_font;
    bool m_focus = false;
    bool m_onCycle = false;
};

} // namespace fkscope
