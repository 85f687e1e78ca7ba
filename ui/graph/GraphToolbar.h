#pragma once

#include "graph/Subgraph.h"

#include <QToolBar>

class QAction;
class QComboBox;
class QLineEdit;
class QProgressBar;
class QSpinBox;
class QToolButton;

namespace fkscope {

// The graph's controls: search, focus depth and direction, schema filter, back to the whole
// graph, back to the map, hide a table, every table or the map; in popups, the path between
// two tables, and columns shown and link tables folded; a busy bar while a layout runs. It fits
// a 1280-pixel window. It only says what the user asked for; GraphPanel acts.
class GraphToolbar : public QToolBar {
    Q_OBJECT

public:
    explicit GraphToolbar(QWidget *parent = nullptr);

    // The schemas offered by the filter and the names the table fields complete.
    void setCatalogNames(const QStringList &schemas, const QStringList &tables);

    int depth() const;
    GraphDirection direction() const;
    QString schema() const;  // empty: every schema
    bool isExpanded() const;
    bool isAllTables() const;
    bool foldsLinkTables() const;
    void setAllTables(bool all);
    void setFoldLinkTables(bool fold);
    void setLegendShown(bool shown);
    // Sets the controls as a saved view says, without asking for anything.
    void showSettings(int depth, GraphDirection direction, const QString &schema, bool allTables, bool foldLinkTables);
    // The map's back button is there while a group is open.
    void setMapOpen(bool groupOpen);

    // The table the path starts from follows the selection until the user types another.
    void setPathFrom(const QString &table);
    void setBusy(bool busy);
    // Puts the cursor in the search field (Ctrl+F).
    void focusSearch();

Q_SIGNALS:
    void searchRequested(const QString &text);  // Enter, or a name picked from the completions
    void searchTyped(const QString &text);      // a pause while typing
    void focusSettingsChanged();  // depth or direction
    void schemaChanged(const QString &schema);
    void wholeGraphRequested();
    void hideRequested();
    void pathRequested(const QString &from, const QString &to);
    void expandedToggled(bool expanded);
    void mapRequested();            // back to the map with every group closed
    void allTablesToggled(bool all);
    void foldLinkTablesToggled(bool fold);
    void legendToggled(bool shown);

private:
    // A tool button; accessibleName is for buttons whose text is a symbol or too short.
    QAction *addButton(const QString &text, const QString &objectName, const QString &toolTip,
                       const QString &accessibleName = {});
    QLineEdit *tableField(const QString &placeholder, const QString &objectName, const QString &accessibleName);
    QToolButton *createPathButton();
    QToolButton *createViewButton();
    void requestPath();

    QLineEdit *m_search = nullptr;
    QSpinBox *m_depth = nullptr;
    QComboBox *m_direction = nullptr;
    QComboBox *m_schema = nullptr;
    QLineEdit *m_pathFrom = nullptr;
    QLineEdit *m_pathTo = nullptr;
    QAction *m_expanded = nullptr;
    QAction *m_map = nullptr;
    QAction *m_allTables = nullptr;
    QAction *m_foldLinks = nullptr;
    QAction *m_legend = nullptr;
    QProgressBar *m_busy = nullptr;
    QAction *m_busyAction = nullptr;
};

} // namespace fkscope
