#include "ui/window/MainWindow.h"

#include "ui/window/AboutDialog.h"
#include "ui/common/BusyIndicator.h"
#include "ui/session/DatabaseSession.h"
#include "ui/catalog/CatalogPanel.h"
#include "ui/connect/ConnectionDialog.h"
#include "ui/window/DemoServerLauncher.h"
#include "ui/common/MessageBanner.h"
#include "ui/impact/DependentsPanel.h"
#include "ui/rows/RowsPanel.h"
#include "ui/graph/GraphPanel.h"
#include "ui/script/ScriptPanel.h"
#include "ui/diagnose/ToolsMenu.h"
#include "ui/window/WindowSettings.h"

#include "catalog/Catalog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace fkscope {

namespace {

// "15.18 (Debian 15.18-0+deb12u1)" -> "15.18"
QString shortVersion(const QString &serverVersion)
{
    return serverVersion.section(QLatin1Char(' '), 0, 0);
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_session(new DatabaseSession(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("fkscope"));
    createActions();
    createMenus();
    setCentralWidget(createCentralArea());
    createStatusBar();
    connectSession();
    connectScripts();
    restoreLayout();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_connectAction = new QAction(tr("&Connect…"), this);
    m_connectAction->setObjectName(QStringLiteral("connectAction"));
    m_connectAction->setShortcut(QKeySequence::Open);
    connect(m_connectAction, &QAction::triggered, this, &MainWindow::showConnectDialog);

    m_reloadAction = new QAction(tr("&Reload Catalog"), this);
    m_reloadAction->setObjectName(QStringLiteral("reloadAction"));
    m_reloadAction->setShortcut(QKeySequence::Refresh);
    m_reloadAction->setEnabled(false);
    connect(m_reloadAction, &QAction::triggered, this, &MainWindow::reload);

    m_exportAction = new QAction(tr("&Export Graph…"), this);
    m_exportAction->setObjectName(QStringLiteral("exportAction"));
    m_exportAction->setShortcut(QKeySequence::SaveAs);
    m_exportAction->setEnabled(false);
    connect(m_exportAction, &QAction::triggered, this, [this] { m_graphPanel->showExportDialog(); });

    // A view (focus, hidden tables, opened groups...) saved to a file to share or come back to.
    m_saveViewAction = new QAction(tr("Save &View…"), this);
    m_saveViewAction->setObjectName(QStringLiteral("saveViewAction"));
    m_saveViewAction->setEnabled(false);
    connect(m_saveViewAction, &QAction::triggered, this, [this] { m_graphPanel->showSaveViewDialog(); });
    m_openViewAction = new QAction(tr("Open Vie&w…"), this);
    m_openViewAction->setObjectName(QStringLiteral("openViewAction"));
    m_openViewAction->setEnabled(false);
    connect(m_openViewAction, &QAction::triggered, this, [this] { m_graphPanel->showOpenViewDialog(); });

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_aboutAction = new QAction(tr("&About fkscope"), this);
    m_aboutAction->setObjectName(QStringLiteral("aboutAction"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_connectAction);
    file->addAction(m_reloadAction);
    file->addAction(m_exportAction);
    file->addAction(m_saveViewAction);
    file->addAction(m_openViewAction);
    file->addSeparator();
    file->addAction(m_quitAction);
    m_tools = new ToolsMenu(m_session, this);
    menuBar()->addMenu(m_tools);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

QWidget *MainWindow::createCentralArea()
{
    m_banner = new MessageBanner;
    connect(m_banner, &MessageBanner::retryRequested, this, &MainWindow::reload);
    connect(m_banner, &MessageBanner::editRequested, this, &MainWindow::showConnectDialog);

    m_catalogPanel = new CatalogPanel(m_session);
    m_views = new QTabWidget;
    m_views->setObjectName(QStringLiteral("views"));
    m_views->setAccessibleName(tr("Views"));
    // The graph first: it is what a user sees on connecting.
    m_graphPanel = new GraphPanel(m_session);
    m_views->addTab(m_graphPanel, tr("&Graph"));
    m_rowsTab = new RowsPanel(m_session);
    m_views->addTab(m_rowsTab, tr("Ro&ws"));
    m_scriptPanel = new ScriptPanel(m_session);
    m_views->addTab(m_scriptPanel, tr("Scri&pts"));
    connect(m_catalogPanel, &CatalogPanel::currentTableChanged, m_rowsTab, &RowsPanel::showTable);
    connect(m_rowsTab, &RowsPanel::tableShown, m_catalogPanel, &CatalogPanel::selectTable);
    // The tree is where a selection lands; the rows follow it from there.
    connect(m_catalogPanel, &CatalogPanel::currentTableChanged, m_graphPanel, &GraphPanel::selectTable);
    connect(m_graphPanel, &GraphPanel::tableSelected, m_catalogPanel, &CatalogPanel::selectTableByOid);
    auto showRows = [this](qint64 oid) {
        m_catalogPanel->selectTableByOid(oid);
        m_views->setCurrentWidget(m_rowsTab);
    };
    connect(m_catalogPanel, &CatalogPanel::tableActivated, this, showRows);
    connect(m_graphPanel, &GraphPanel::rowsRequested, this, showRows);

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_catalogPanel);
    m_splitter->addWidget(m_views);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(1, 1);

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_splitter, 1);
    return central;
}

void MainWindow::createStatusBar()
{
    m_connectionLabel = new QLabel(tr("Not connected"));
    m_connectionLabel->setObjectName(QStringLiteral("connectionSummary"));
    m_connectionLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_busy = new BusyIndicator;
    connect(m_busy, &BusyIndicator::cancelRequested, m_session, &DatabaseSession::cancelLoading);
    statusBar()->addWidget(m_connectionLabel, 1);
    statusBar()->addPermanentWidget(m_busy);
}

void MainWindow::connectSession()
{
    connect(m_session, &DatabaseSession::loadStarted, this, [this](const ConnInfo &info) {
        m_busy->start(tr("Loading the catalog of %1…").arg(info.summary()), true);
    });
    connect(m_session, &DatabaseSession::databaseChanged, this, &MainWindow::showDatabase);
    connect(m_session, &DatabaseSession::loadFailed, this, &MainWindow::showLoadError);
    connect(m_session, &DatabaseSession::virtualKeysRefused, this, [this](const QString &message) {
        m_banner->showError(tr("Virtual keys of %1").arg(m_session->connInfo().summary()), message);
    });
    connect(m_session, &DatabaseSession::loadCancelled, this, [this] {
        m_busy->stop();
        statusBar()->showMessage(tr("Loading cancelled."), 5000);
    });
}

// Scripts come from the dependents of a row and from the Tools dialogs; the panel shows them.
void MainWindow::connectScripts()
{
    connect(m_scriptPanel, &ScriptPanel::scriptShown, this, [this] { m_views->setCurrentWidget(m_scriptPanel); });
    connect(m_rowsTab->dependentsPanel(), &DependentsPanel::scriptRequested, m_scriptPanel, &ScriptPanel::generate);
    connect(m_tools, &ToolsMenu::scriptRequested, m_scriptPanel, &ScriptPanel::showScript);
    connect(m_tools, &ToolsMenu::tableActivated, m_catalogPanel, &CatalogPanel::selectTable);
    // The two tables of an explained error are neighbours: one's neighbourhood shows both.
    connect(m_tools, &ToolsMenu::focusTablesRequested, m_graphPanel, [this](const QList<qint64> &oids) {
        if (!oids.isEmpty())
            m_graphPanel->focusOn(oids.first());
    });
}

void MainWindow::connectTo(const ConnInfo &info)
{
    m_banner->hide();
    m_reloadAction->setEnabled(true);
    m_session->connectTo(info);
}

void MainWindow::reload()
{
    m_banner->hide();
    m_session->reload();
}

void MainWindow::startDemo()
{
    if (!m_demo) {
        m_demo = new DemoServerLauncher(this);
        connect(m_demo, &DemoServerLauncher::started, this, &MainWindow::connectTo);
        connect(m_demo, &DemoServerLauncher::failed, this, &MainWindow::showDemoError);
    }
    m_banner->hide();
    m_busy->start(tr("Starting the demo database…"), false);
    m_demo->start();
}

void MainWindow::showConnectDialog()
{
    auto *dialog = new ConnectionDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_reloadAction->isEnabled())
        dialog->setConnInfo(m_session->requestedConnInfo());
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        auto info = dialog->connInfo();
        if (info)
            connectTo(info.value());
    });
    dialog->open();
}

// The panels follow the session themselves; the window shows which database it is.
void MainWindow::showDatabase()
{
    m_busy->stop();
    m_banner->hide();
    m_exportAction->setEnabled(true);
    m_saveViewAction->setEnabled(true);
    m_openViewAction->setEnabled(true);
    const ConnInfo &info = m_session->connInfo();
    const Catalog &catalog = *m_session->catalog();
    const QString summary = info.summary();
    setWindowTitle(tr("%1 — fkscope").arg(summary));
    QString keys = tr("%1 foreign keys").arg(catalog.foreignKeys.size());
    if (!m_session->virtualKeys().empty())
        keys += tr(" (%1 virtual)").arg(m_session->virtualKeys().size());
    m_connectionLabel->setText(tr("%1  ·  PostgreSQL %2  ·  %3 tables  ·  %4")
                                   .arg(summary, shortVersion(catalog.serverVersion))
                                   .arg(catalog.tables.size())
                                   .arg(keys));
    m_connectionLabel->setToolTip(info.toStringWithoutPassword());
}

void MainWindow::showLoadError(const ConnInfo &info, bool connecting, const QString &message)
{
    m_busy->stop();
    QString details = message;
    if (m_session->hasDatabase())
        details += QLatin1Char('\n') + tr("Still showing the catalog of %1.").arg(m_session->connInfo().summary());
    const QString title = connecting ? tr("Could not connect to %1").arg(info.summary())
                                     : tr("Could not load the catalog of %1").arg(info.summary());
    m_banner->showError(title, details);
}

void MainWindow::showDemoError(const QString &message)
{
    m_busy->stop();
    m_banner->showError(tr("Could not start the demo database"), message);
}

void MainWindow::showAbout()
{
    auto *about = new AboutDialog(this);
    about->setAttribute(Qt::WA_DeleteOnClose);
    about->open();
}

void MainWindow::restoreLayout()
{
    if (!WindowSettings(this).restore()) {
        resize(1280, 800);
        // The table list reads with 400 pixels; the graph toolbar fits in the rest.
        m_splitter->setSizes({400, 880});
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    WindowSettings(this).save();
    QMainWindow::closeEvent(event);
}

} // namespace fkscope
