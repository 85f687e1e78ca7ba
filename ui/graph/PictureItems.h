#pragma once

#include "graph/GraphPicture.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QStringList>

namespace fkscope {

// The items of a placed GraphPicture that are not single tables or keys: a map's group
// boxes, its bundles and folded link tables, and the frame of each schema. Drawn with Qt
// from the positions placePicture gave; a label is left out when it would be smaller on
// screen than minLabelPixels, so a zoomed-out map shows boxes rather than smudges.
constexpr double minLabelPixels = 7;

// A group of tables of the map, named and counted ("12 tables · 20 keys"). Double-clicking
// it opens it (GraphView::expandGroup). It can be dragged elsewhere, as a table can.
class GroupNodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 3 };

    GroupNodeItem(const PictureNode &node, const QRectF &rect);

    QString groupId() const { return m_id; }
    const std::vector<int> &tables() const { return m_tables; }  // catalog indices held
    int hub() const { return m_hub; }  // its most referenced table, by catalog index
    QString toolTip() const { return m_toolTip; }
    QRectF box() const { return m_rect; }  // where it was placed; pos() is how far it was dragged
    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    QString m_id;
    QStringList m_label;
    QString m_toolTip;
    std::vector<int> m_tables;
    int m_hub;
    QRectF m_rect;
    double m_fontSize;
};

// A bundle of keys between two boxes (wider the more keys it holds), or a folded link table
// (a line with a head at both ends and the table's name).
class PictureEdgeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 4 };

    PictureEdgeItem(const PictureEdge &edge, const QLineF &line);
    // Along a path Graphviz routed (a folded link table in a laid-out view).
    PictureEdgeItem(const PictureEdge &edge, const QPainterPath &path);

    QString toolTip() const { return m_toolTip; }
    bool isLink() const { return m_link; }
    const std::vector<int> &keys() const { return m_keys; }
    // Straight between two boxes: one of them was moved.
    void setLine(const QLineF &line);
    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QPainterPath m_path;
    QString m_label;
    QString m_toolTip;
    std::vector<int> m_keys;
    bool m_link;
    double m_width;
};

// A schema's frame in the map, its name in the top left corner; under everything else.
class SchemaFrameItem : public QGraphicsItem {
public:
    enum { Type = UserType + 5 };

    SchemaFrameItem(const QString &schema, const QRectF &rect);

    QString schema() const { return m_schema; }
    QRectF frame() const { return m_rect; }
    void setFrame(const QRectF &rect);
    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QString m_schema;
    QRectF m_rect;
};

// The end of the line from `from` towards the centre of `box` where it crosses the box's
// border, so that lines stop at the boxes they join instead of under them.
QPointF borderPoint(const QRectF &box, const QPointF &from);

} // namespace fkscope
