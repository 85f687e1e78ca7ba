#pragma once

#include "graph/ForeignKeyGraph.h"
#include "graph/GraphPicture.h"
#include "graph/GraphLayout.h"
#include "graph/Subgraph.h"
#include "ui/graph/TableNodeItem.h"

#include <QGraphicsScene>
#include <QHash>
#include <QMarginsF>

#include <map>
#include <optional>
#include <vector>

namespace fkscope {

class GroupNodeItem;
class SchemaFrameItem;

// The laid-out foreign-key graph as QGraphicsItems: a TableNodeItem per table, a
// KeyEdgeItem per key. Knows nothing of Graphviz; it reads plain geometry.
class GraphScene : public QGraphicsScene {
    Q_OBJECT

public:
    explicit GraphScene(QObject *parent = nullptr);

    // What a node says: the table's name, qualified unless it is in public, and its row
    // estimate when analyzed; expanded, its columns with PK and FK markers.
    static QString nodeTitle(const Table &table);
    static QString nodeDetail(const Table &table);
    static TableNodeText nodeText(const ForeignKeyGraph &graph, int table, bool expanded);
    // The row of the column a key starts (child) or ends (parent) at in an expanded node, or -1.
    static int keyRow(const ForeignKeyGraph &graph, int key, bool parentEnd);

    struct Options {
        QFont font;
        qint64 focusOid = 0;
        bool expanded = false;
        const std::vector<bool> *onCycle = nullptr;  // by table index
        // Link tables drawn as a line between the tables they join; the layout's edge for
        // foldedLinks[i] has the id linkEdgeId(i).
        std::vector<LinkTable> foldedLinks = {};
    };
    static int linkEdgeId(size_t link) { return -2 - int(link); }

    // Replaces the items. layout.nodes and layout.edges follow subgraph.tables and
    // subgraph.keys; edge ids are key indices.
    void build(const ForeignKeyGraph &graph, const Subgraph &subgraph, const GraphLayout &layout, const Options &options);
    // The same in steps, so that the UI thread is never held long: 7,500 items of a
    // 3,000-table overview take 100 ms or more to create. beginBuild clears the scene and
    // sets its rect; each buildSome adds items for about budgetMs and says whether all are in.
    // graph and options.onCycle must outlive the build (clearGraph ends it).
    void beginBuild(const ForeignKeyGraph &graph, const Subgraph &subgraph, GraphLayout layout, const Options &options);
    bool buildSome(double budgetMs);
    void clearGraph();
    // Replaces the items with a placed picture's (a map): group boxes, schema frames, tables
    // of opened groups, straight lines for keys, bundles and folded link tables. A map has
    // a few hundred items at most, so it is built at once.
    void buildPicture(const ForeignKeyGraph &graph, const GraphPicture &picture, const Options &options);

    GroupNodeItem *group(const QString &id) const { return m_groups.value(id); }
    const QHash<QString, GroupNodeItem *> &groups() const { return m_groups; }

    TableNodeItem *node(qint64 oid) const { return m_nodes.value(oid); }
    const QHash<qint64, TableNodeItem *> &nodes() const { return m_nodes; }
    int edgeCount() const { return m_edgeCount; }
    // The table of the one selected node, or 0.
    qint64 selectedTable() const;

    // A box (a table or a map's group) was moved, by a drag or placeBoxes: the lines ending at
    // it follow, drawn straight between the boxes' borders, a map's schema frame grows or
    // shrinks round its boxes, and the scene grows to hold them. Emits boxesMoved.
    void boxMoved(QGraphicsItem *box);
    // The centre of every box, by the name a saved view knows it by (viewName: a table's
    // qualified name, a group's id), in scene points, rounded to a tenth.
    std::map<QString, QPointF> boxPositions() const;
    // Moves the boxes positions names to those centres (those already there stay, and keep
    // the lines Graphviz routed); the others stay. Returns how many moved.
    int placeBoxes(const std::map<QString, QPointF> &positions);
    // A table's or group's box in the scene, where it was dragged to.
    static QRectF sceneBox(const QGraphicsItem *box);

    // What hovering an item shows: a table's keys, or a key's definition. Made when asked:
    // building thousands of tooltips up front held the UI thread for tens of milliseconds.
    QString toolTipFor(const QGraphicsItem *item) const;

Q_SIGNALS:
    void boxesMoved();

protected:
    void helpEvent(QGraphicsSceneHelpEvent *event) override;

private:
    QString tableToolTip(int table, bool onCycle) const;
    QString keyToolTip(int key) const;
    QGraphicsItem *linkItem(const LinkTable &link, const EdgeGeometry &geometry) const;
    // A line (key, bundle or folded link table) from tail's box to head's, redrawn when either moves.
    void addLine(QGraphicsItem *line, QGraphicsItem *tail, QGraphicsItem *head);
    void reroute(QGraphicsItem *line) const;
    void refitFrame(SchemaFrameItem *frame) const;

    const ForeignKeyGraph *m_graph = nullptr;  // of the items shown; the view keeps it alive
    struct Build {
        Subgraph subgraph;
        GraphLayout layout;
        Options options;
        size_t nextNode = 0;
        size_t nextEdge = 0;
    };
    std::optional<Build> m_building;

    QHash<qint64, TableNodeItem *> m_nodes;
    QHash<QString, GroupNodeItem *> m_groups;
    int m_edgeCount = 0;
    QHash<QGraphicsItem *, std::pair<QGraphicsItem *, QGraphicsItem *>> m_lineEnds;  // line: tail, head
    QMultiHash<QGraphicsItem *, QGraphicsItem *> m_linesAt;  // box: the lines ending at it
    // A map's schema frames: the frame of each box, and how far each frame reaches past its boxes.
    QHash<QGraphicsItem *, SchemaFrameItem *> m_frameOf;
    QHash<SchemaFrameItem *, QMarginsF> m_framePadding;
    bool m_placing = false;                 // placeBoxes is moving boxes: their lines wait
    std::vector<QGraphicsItem *> m_placed;  // and these are the boxes it moved
};

} // namespace fkscope
