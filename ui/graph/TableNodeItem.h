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
// Selectable; the view turns a click into GraphView::tableSelected. Dragging it moves it, and
// the scene redraws its keys to follow (GraphScene::boxMoved).
class TableNodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };

    TableNodeItem(qint64 oid, TableNodeText text, const QRectF &rect, const QFont &font);

    qint64 oid() const { return m_oid; }
    QString name() const { return m_text.title; }
    // The box where Graphviz placed it, before any drag (pos() is how far it was dragged);
    // boundingRect() is larger for a hub, whose grown name may stick out.
    QRectF box() const { return m_rect; }
    void setFocusTable(bool focus);
    // Tables on a cycle of keys get a violet outline: their rows need deferred keys or a later UPDATE.
    void setOnCycle(bool onCycle);
    bool isOnCycle() const { return m_onCycle; }
    // A hub (a table many keys reference) keeps its name on screen when others have lost
    // theirs to the zoom: it is drawn larger, over its box, until even that is too small.
    void setHub(bool hub) { m_hub = hub; }
    bool isHub() const { return m_hub; }
    // Whether the title is drawn at this scale (screen pixels per scene unit).
    bool showsLabelAt(double scale) const;

    // What Graphviz must leave room for, measured with Qt's own font metrics so that what
    // is laid out is what is drawn.
    static TableNodeSize measure(const TableNodeText &text, const QFont &font);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    void paintColumns(QPainter *painter, double top) const;
    void paintHubLabel(QPainter *painter, double scale) const;
    const TableNodeColours &colours() const;  // by the scene's palette

    qint64 m_oid;
    TableNodeText m_text;
    QRectF m_rect;
    QFont m_font;
    // Measured once: a QFontMetricsF per box per paint took a 3,000-table frame 20 ms longer.
    double m_titleAscent;
    double m_detailAscent;
    bool m_focus = false;
    bool m_onCycle = false;
    bool m_hub = false;
};

// Below this many pixels on screen no text is drawn: it would be a smudge, and boxes without
// text draw much faster.
constexpr double minTextPixels = 7;
// How much larger than the others a hub's name may be drawn when the zoom shrinks it.
constexpr double hubLabelGrowth = 3;

} // namespace fkscope
