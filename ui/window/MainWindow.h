#pragma once

#include "db/ConnInfo.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QSplitter;
class QTabWidget;

namespace fkscope {

struct Catalog;
class BusyIndicator;
class CatalogPanel;
class DatabaseSession;
class DemoServerLauncher;
class GraphPanel;
class MessageBanner;
class RowsPanel;
class ScriptPanel;
class ToolsMenu;

// The window: the catalog panel on the left, the views (graph, rows, scripts as they
// come) on the right, connection and loading state in the status bar. It wires panels
// together; each panel sets itself up.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Loads the catalog behind info in the background; the window stays as it is until the
    // whole catalog is there, or says why it is not.
    void connectTo(const ConnInfo &info);
    // Starts the bundled demo database, then connects to it.
    void startDemo();
    void showConnectDialog();
    void reload();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    QWidget *createCentralArea();
    void createStatusBar();
    void connectScripts();
    void connectSession();

    void showDatabase();
    void showLoadError(const ConnInfo &info, bool connecting, const QString &message);
    void showDemoError(const QString &message);
    void showAbout();
    void restoreLayout();

    DatabaseSession *m_session = nullptr;
    DemoServerLauncher *m_demo = nullptr;  // created by startDemo()
    CatalogPanel *m_catalogPanel = nullptr;
    QTabWidget *m_views = nullptr;
    RowsPanel *m_rowsTab = nullptr;
    GraphPanel *m_graphPanel = nullptr;
    ScriptPanel *m_scriptPanel = nullptr;
    ToolsMenu *m_tools = nullptr;
    QSplitter *m_splitter = nullptr;
    MessageBanner *m_banner = nullptr;
    BusyIndicator *m_busy = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QAction *m_connectAction = nullptr;
    QAction *m_reloadAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_saveViewAction = nullptr;
    QAction *m_openViewAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
};

} // namespace fkscope
