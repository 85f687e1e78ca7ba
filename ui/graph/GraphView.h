#pragma once

#include "catalog/Catalog.h"
#include "graph/GraphLayout.h"
#include "graph/GraphPicture.h"
#include "graph/KeyPath.h"
#include "graph/Subgraph.h"

#include <QGraphicsView>

#include <QSet>

#include <map>
#include <memory>
#include <optional>

class QLabel;
class QMenu;
class QTimer;

namespace fkscope {

// Where the user put things in a view: boxes dragged (every box's centre, by the name a saved
// view knows it by) and the zoom, with the scene point at the middle of the window. No zoom:
// the view is fitted to the window.
struct ViewArrangement {
    std::map<QString, QPointF> positions;
    std::optional<double> zoom;
    std::optional<QPointF> centre;
};

class ForeignKeyGraph;
class GraphLayoutEngine;
class GraphLegend;
class GraphScene;

// The foreign-key graph of a catalog, or one table's neighbourhood: laid out by Graphviz on
// the layout engine's thread (the UI thread never waits for it), drawn with Qt.
// Wheel or Ctrl +/- zooms, Ctrl+0 fits, dragging pans; a click or an arrow key selects a
// table (tableSelected), a double click or Enter asks to focus on it (focusRequested); on a
// map's group box they open the group. Dragging a table or a group box moves it.
class GraphView : public QGraphicsView {
    Q_OBJECT

public:
    explicit GraphView(QWidget *parent = nullptr);
    ~GraphView() override;

    // The catalog to draw from; clears the view until showGraph(). The shared one is not
    // copied, which on 3,000 tables saves the UI thread 100 ms.
    void setCatalog(std::shared_ptr<const Catalog> catalog);
    void setCatalog(const Catalog &catalog);
    // Lays out and shows what the query selects (the whole catalog by default). Returns at
    // once; layoutFinished follows. A newer call supersedes one still being laid out.
    void showGraph(const GraphQuery &query = {}, LayoutEngineKind engine = LayoutEngineKind::Auto);
    // Shorthand for a focus view.
    void showNeighbourhood(qint64 oid, int depth = 1, GraphDirection direction = GraphDirection::Both);
    // Shows the tables of a path and the keys it crosses, nothing else.
    void showPath(const KeyPath &path);
    GraphQuery query() const { return m_query; }
    // Whether a path, rather than the query, is what is shown (or being laid out).
    bool isShowingPath() const { return m_showingPath; }

    // Expanded tables list their columns, and keys end at the columns they join; lays the
    // current view out again.
    void setExpanded(bool expanded);
    bool isExpanded() const { return m_expanded; }

    // The map: above mapThreshold tables and with no focus, the whole graph is drawn as boxes
    // of closely linked tables (pictureOf, as fkscope-cli graph draws it), placed off the UI
    // thread. All tables draws every table instead; folding draws link tables as lines.
    void setAllTables(bool all);
    bool isAllTables() const { return m_allTables; }
    void setFoldLinkTables(bool fold);
    bool foldsLinkTables() const { return m_foldLinkTables; }
    // The legend in the corner (a closed map has none to show).
    void setLegendShown(bool shown);
    // Opens a group of the map into its tables, and shows them; collapseGroups goes back.
    void expandGroup(const QString &id);
    void collapseGroups();
    // All three at once and without a layout, for a saved view; showGraph follows.
    void setMapOptions(bool allTables, bool foldLinkTables, const QSet<QString> &expandedGroups)
    {
        m_allTables = allTables;
        m_foldLinkTables = foldLinkTables;
        m_expandedGroups = expandedGroups;
    }
    QSet<QString> expandedGroups() const { return m_expandedGroups; }
    // The picture on screen when fkscope placed it (a map, or a big neighbourhood), else
    // nullptr: Graphviz laid it out.
    const GraphPicture *shownPicture() const { return m_picture.get(); }
    bool isShowingMap() const { return m_picture && !m_picture->groups.empty(); }

    // What is drawn, for export: the catalog's graph (nullptr before setCatalog), the tables
    // and keys shown, and the engine that laid them out.
    const ForeignKeyGraph *graph() const { return m_graph.get(); }
    const Subgraph &shownSubgraph() const { return m_shown; }
    LayoutEngineKind shownEngine() const { return m_shownEngine; }
    // The engine whose thread owns Graphviz; export renders there too.
    GraphLayoutEngine &layoutEngine() const { return *m_engine; }

    bool isBusy() const { return m_busy; }
    // The message of the last layout: why another engine was used, or why it failed.
    QString layoutMessage() const { return m_message; }

    // Selects and centres the first table whose name matches (exact qualified name, then
    // name, then a case-insensitive substring). False when none is shown.
    bool findTable(const QString &text);
    // As findTable, but in a map it also finds a table inside a closed group: opens the
    // group, then selects the table and zooms to it (found follows, with where it was).
    bool findTableAnywhere(const QString &text);
    // Selects and centres a table; clears the selection when it is not shown.
    void selectTable(qint64 oid);
    qint64 selectedTable() const;
    // The id of the selected group box of the map, or empty.
    QString selectedGroup() const;

    // The keys drawn, one line each, for screen readers: a QGraphicsView's items are invisible to them.
    QStringList keyDescriptions() const;

    // What right-clicking a table offers: focus on it, show its rows, hide it. The caller
    // owns the menu.
    QMenu *createTableMenu(qint64 oid, QWidget *parent);

    GraphScene *graphScene() const { return m_scene; }
    double zoom() const;

    // What is on screen: its boxes' positions, and the zoom unless the view is fitted.
    ViewArrangement arrangement() const;
    // The next view shown (the next showGraph) puts the boxes arrangement names where it says
    // (the others where the layout put them), then zooms; a newer request drops it.
    void arrangeNextView(ViewArrangement arrangement) { m_nextArrangement = std::move(arrangement); }

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void fitToWindow();

Q_SIGNALS:
    void tableSelected(qint64 oid);
    void focusRequested(qint64 oid);
    void rowsRequested(qint64 oid);
    void hideRequested(qint64 oid);
    void busyChanged(bool busy);
    // ok false: nothing new is shown and message says why.
    void layoutFinished(bool ok, const QString &message);
    // A search found a table in the map: "Found public.artist in group music/artist".
    void found(qint64 oid, const QString &message);
    // The user moved a box, zoomed or panned: arrangement() is different.
    void arrangementChanged();

protected:
    void wheelEvent(QWheelEvent *event) override;
    bool viewportEvent(QEvent *event) override;  // pinch gestures
    void keyPressEvent(QKeyEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void layOut(Subgraph subgraph, LayoutEngineKind engine);
    bool wantsMap(const Subgraph &subgraph) const;
    bool mayPlaceNeighbourhood(const Subgraph &subgraph) const;
    Subgraph withoutFoldedLinks(const Subgraph &subgraph, std::vector<LinkTable> *links) const;
    // A map, or a neighbourhood placed as fkscope-cli graph places it, off the UI thread; a
    // neighbourhood small enough for Graphviz's dot to draw well goes on to layOut.
    void layOutPicture(Subgraph subgraph, bool map);
    void onPictureReady(quint64 generation, GraphPicture picture, QString error);
    void swapInScene(std::unique_ptr<GraphScene> scene);
    void takeNextArrangement();
    void applyArrangement(const ViewArrangement &arrangement);
    void revealTable(qint64 oid);
    void revealGroup(const QString &id);
    QString groupOfTable(int table) const;  // the map's group holding a table, or empty
    void setBusy(bool busy);
    void onLayoutReady(const GraphLayout &layout);
    void continueBuild();
    void stopBuild();
    void showBuiltScene();
    void onSelectionChanged();
    void highlightKeysOf(qint64 oid);  // 0: none
    void scaleBy(double factor);
    void fitScene();
    // The view's scene rect: the scene's, with room for the legend to cover (m_legendRoom).
    void followSceneRect();
    void showLegendIfWanted();
    qint64 tableAt(const QPoint &viewportPos) const;
    bool moveSelection(int key);
    void placeOverlays();
    QWidget *createZoomControls();

    GraphScene *m_scene = nullptr;  // what is on screen
    // The map on screen (nullptr for anything else) and what the next one is asked with.
    std::shared_ptr<const GraphPicture> m_picture;
    bool m_allTables = false;
    bool m_foldLinkTables = true;
    QSet<QString> m_expandedGroups;
    quint64 m_mapGeneration = 0;    // the newest map asked for; older answers are dropped
    qint64 m_revealOid = 0;         // what to zoom to when the next map is built
    QString m_revealGroup;
    // The next layout's items, added a slice at a time by m_buildTimer off screen, so the
    // view neither repaints half a graph nor goes blank while they are added.
    std::unique_ptr<GraphScene> m_nextScene;
    QTimer *m_buildTimer = nullptr;
    LayoutEngineKind m_nextEngine = LayoutEngineKind::Dot;
    GraphLegend *m_legend = nullptr;
    QWidget *m_zoomControls = nullptr;  // −, +, Fit in the top right corner
    QLabel *m_busyLabel = nullptr;
    QTimer *m_slowTimer = nullptr;  // says so when a layout takes long: it cannot be stopped
    std::unique_ptr<GraphLayoutEngine> m_engine;
    std::shared_ptr<const Catalog> m_catalog;
    // Shared with a map being placed on a worker thread, which may outlive a catalog change.
    std::shared_ptr<const ForeignKeyGraph> m_graph;
    GraphQuery m_query;
    KeyPath m_path;
    bool m_showingPath = false;
    bool m_expanded = false;
    std::vector<bool> m_onCycle;  // by table index
    LayoutEngineKind m_shownEngine = LayoutEngineKind::Dot;
    Subgraph m_pending;          // what the outstanding layout request is for
    Subgraph m_pendingDrawn;     // of it, what is drawn as boxes and arrows
    std::vector<LinkTable> m_pendingLinks;  // and the link tables drawn as lines
    quint64 m_pendingGeneration = 0;
    Subgraph m_shown;
    bool m_busy = false;
    // Fitted to the window until the user zooms or pans: a layout that arrives while the view
    // is hidden or small, and every resize, fit again.
    bool m_keepFitted = true;
    bool m_legendShown = true;  // as the user wants it
    QSizeF m_legendRoom;  // scene units kept free under or beside the drawing for the legend
    QString m_message;
    std::optional<ViewArrangement> m_nextArrangement;     // for the next request
    std::optional<ViewArrangement> m_pendingArrangement;  // for the one being laid out
    // The centre a saved view asked for: reported as it was while the view is still there
    // (give or take the scroll bars coming and going, or rounding to whole pixels), so that a
    // view saved again is the same file.
    std::optional<QPointF> m_arrangedCentre;
};

} // namespace fkscope
