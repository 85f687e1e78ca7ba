#pragma once

#include "catalog/Catalog.h"
#include "graph/SavedGraphView.h"
#include "util/Result.h"

#include <QWidget>

#include <memory>

class QLabel;
class QTimer;

namespace fkscope {

class DatabaseSession;
class GraphToolbar;
class GraphView;

// The Graph tab: the toolbar over the view, and a line saying what is shown. Turns what the
// user asks in the toolbar into views (focus, schema, hidden tables, a path) and saves the
// current view as DOT, SVG or PNG with the same core code as `fkscope-cli graph`.
class GraphPanel : public QWidget {
    Q_OBJECT

public:
    // Shows the session's catalog (on the view it was last left on), and each new one.
    explicit GraphPanel(const DatabaseSession *session, QWidget *parent = nullptr);
    ~GraphPanel() override;

    // Selects and centres a table chosen elsewhere (the table tree); clears the graph's
    // selection when the table is not drawn.
    void selectTable(qint64 oid);

    // Shows the neighbourhood of a table with the toolbar's depth and direction.
    void focusOn(qint64 oid);
    // Shows the shortest key path between two tables named as the table tree names them
    // (or unambiguously without schema). False, with a message, when there is none.
    bool showPath(const QString &from, const QString &to);

    // Saves what the view shows: format is "dot", "svg" or "png". Returns at once; Graphviz
    // renders on the layout thread and exportFinished follows.
    void exportTo(const QString &fileName, const QString &format);
    // Asks where to save (File > Export…), then exports.
    void showExportDialog();
    bool canExport() const;

    // What is shown, as a view file (File > Save View…) says it, and back: tables it names
    // that this catalog does not have are left out, and the message line says so. With it go
    // where every box is and, unless the view is fitted to the window, the zoom and centre.
    SavedGraphView currentView() const;
    void applyView(const SavedGraphView &view);
    Status saveViewTo(const QString &fileName) const;
    Status openViewFrom(const QString &fileName);
    void showSaveViewDialog();
    void showOpenViewDialog();

    GraphView *view() const { return m_view; }
    GraphToolbar *toolbar() const { return m_toolbar; }

Q_SIGNALS:
    void tableSelected(qint64 oid);
    // "Show Rows" on a table of the graph.
    void rowsRequested(qint64 oid);
    void exportFinished(bool ok, const QString &message);

private:
    // A big catalog opens on the fast overview.
    void setCatalog(std::shared_ptr<const Catalog> catalog);
    void connectToolbar();
    void showSchema(const QString &schema);
    void showWholeGraph();
    void hideSelectedTable();
    void hideTable(qint64 oid);
    void refocus();
    void search(const QString &text);
    void onLayoutFinished(bool ok, const QString &message);
    void showMessage(const QString &message);
    QString describeView() const;
    // Each database reopens on the view it was left on: QSettings, keyed by its conninfo
    // without the password. Kept a moment after a layout is shown or the user drags or zooms,
    // and before another database is shown.
    QString lastViewKey() const;
    void rememberView();

    GraphToolbar *m_toolbar = nullptr;
    GraphView *m_view = nullptr;
    QLabel *m_message = nullptr;
    bool m_exporting = false;
    const DatabaseSession *m_session = nullptr;
    QString m_skippedNames;  // a saved view's tables this catalog lacks, said once it is shown
    QString m_lastViewKey;   // of the database shown, kept so the view is remembered under it
    QTimer *m_rememberTimer = nullptr;  // a second after the last layout, drag or zoom
};

} // namespace fkscope
