#include "ui/graph/GraphPanel.h"

#include "ui/session/DatabaseSession.h"

#include "graph/DotWriter.h"
#include "graph/ForeignKeyGraph.h"
#include "graph/GraphExport.h"
#include "graph/GraphLayoutEngine.h"
#include "ui/graph/GraphToolbar.h"
#include "ui/graph/GraphView.h"
#include "graph/KeyPath.h"
#include "graph/GraphPicture.h"

#include <QAction>
#include <QCryptographicHash>
#include <QSettings>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QSet>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

namespace fkscope {

namespace {

const char *const legendShownKey = "graph/showLegend";

Status writeFile(const QString &fileName, const QByteArray &bytes)
{
    QFile file(fileName);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size() || !file.flush())
        return Error{Error::Kind::Other, QStringLiteral("cannot write %1: %2").arg(fileName, file.errorString()), {}};
    return Done{};
}

} // namespace

GraphPanel::GraphPanel(const DatabaseSession *session, QWidget *parent)
    : QWidget(parent), m_toolbar(new GraphToolbar(this)), m_view(new GraphView(this)), m_message(new QLabel(this)),
      m_session(session)
{
    setObjectName(QStringLiteral("graphPanel"));
    connect(session, &DatabaseSession::databaseChanged, this, [this, session] { setCatalog(session->catalog()); });
    m_message->setObjectName(QStringLiteral("graphMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setContentsMargins(6, 2, 6, 2);
    m_message->setText(tr("Connect to a database to see its foreign keys here."));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolbar);
    layout->addWidget(m_message);
    layout->addWidget(m_view, 1);

    // Ctrl+F wherever the focus is in the window, while the graph is on screen.
    auto *find = new QAction(tr("Find Table"), this);
    find->setObjectName(QStringLiteral("graphFindAction"));
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WindowShortcut);
    connect(find, &QAction::triggered, m_toolbar, &GraphToolbar::focusSearch);
    addAction(find);

    connectToolbar();
    connect(m_view, &GraphView::tableSelected, this, [this](qint64 oid) {
        const ForeignKeyGraph *graph = m_view->graph();
        const int index = graph ? graph->tableIndex(oid) : -1;
        if (index >= 0)
            m_toolbar->setPathFrom(graph->table(index).qualifiedName);
        Q_EMIT tableSelected(oid);
    });
    connect(m_view, &GraphView::focusRequested, this, &GraphPanel::focusOn);
    connect(m_view, &GraphView::rowsRequested, this, &GraphPanel::rowsRequested);
    connect(m_view, &GraphView::hideRequested, this, &GraphPanel::hideTable);
    connect(m_view, &GraphView::busyChanged, m_toolbar, &GraphToolbar::setBusy);
    connect(m_view, &GraphView::layoutFinished, this, &GraphPanel::onLayoutFinished);
    connect(m_view, &GraphView::found, this, [this](qint64, const QString &message) { showMessage(message); });

    // Dragging a table fires on every mouse move: the settings are written once it has stopped.
    m_rememberTimer = new QTimer(this);
    m_rememberTimer->setSingleShot(true);
    m_rememberTimer->setInterval(1000);
    connect(m_rememberTimer, &QTimer::timeout, this, &GraphPanel::rememberView);
    connect(m_view, &GraphView::arrangementChanged, m_rememberTimer, qOverload<>(&QTimer::start));
    if (session->hasDatabase())
        setCatalog(session->catalog());
}

GraphPanel::~GraphPanel()
{
    if (m_rememberTimer->isActive())
        rememberView();
}

void GraphPanel::connectToolbar()
{
    connect(m_toolbar, &GraphToolbar::searchRequested, this, &GraphPanel::search);
    connect(m_toolbar, &GraphToolbar::focusSettingsChanged, this, &GraphPanel::refocus);
    connect(m_toolbar, &GraphToolbar::schemaChanged, this, &GraphPanel::showSchema);
    connect(m_toolbar, &GraphToolbar::wholeGraphRequested, this, &GraphPanel::showWholeGraph);
    connect(m_toolbar, &GraphToolbar::hideRequested, this, &GraphPanel::hideSelectedTable);
    connect(m_toolbar, &GraphToolbar::pathRequested, this, &GraphPanel::showPath);
    connect(m_toolbar, &GraphToolbar::expandedToggled, m_view, &GraphView::setExpanded);
    connect(m_toolbar, &GraphToolbar::mapRequested, m_view, &GraphView::collapseGroups);
    connect(m_toolbar, &GraphToolbar::allTablesToggled, m_view, &GraphView::setAllTables);
    connect(m_toolbar, &GraphToolbar::foldLinkTablesToggled, m_view, &GraphView::setFoldLinkTables);
    connect(m_toolbar, &GraphToolbar::legendToggled, this, [this](bool shown) {
        m_view->setLegendShown(shown);
        QSettings().setValue(QLatin1String(legendShownKey), shown);
    });
    // Unchecking the action reaches the view through legendToggled; both start with it shown.
    m_toolbar->setLegendShown(QSettings().value(QLatin1String(legendShownKey), true).toBool());
    // Selects the best match without taking the focus from the search field.
    connect(m_toolbar, &GraphToolbar::searchTyped, m_view, &GraphView::findTable);
}

void GraphPanel::setCatalog(std::shared_ptr<const Catalog> catalog)
{
    if (m_rememberTimer->isActive()) {
        m_rememberTimer->stop();
        rememberView();  // under the database it was for
    }
    m_view->setCatalog(catalog);
    m_lastViewKey = lastViewKey();
    QStringList schemas, tables;
    QSet<QString> seen;
    if (catalog) {
        for (const Table &table : catalog->tables) {
            tables << table.qualifiedName;
            if (!seen.contains(table.schema)) {
                seen.insert(table.schema);
                schemas << table.schema;
            }
        }
    }
    schemas.sort();
    m_toolbar->setCatalogNames(schemas, tables);
    const QByteArray last = QSettings().value(m_lastViewKey).toByteArray();
    if (auto view = readSavedView(last); catalog && !last.isEmpty() && view) {
        applyView(view.value());
        return;
    }
    m_toolbar->showSettings(m_toolbar->depth(), m_toolbar->direction(), QString(), false, true);
    m_view->setMapOptions(false, true, {});
    m_view->showGraph();
}

QString GraphPanel::lastViewKey() const
{
    const QByteArray id = m_session->connInfo().toStringWithoutPassword().toUtf8();
    return QStringLiteral("graph/lastView/") + QString::fromLatin1(QCryptographicHash::hash(id, QCryptographicHash::Sha1).toHex());
}

void GraphPanel::rememberView()
{
    if (m_view->graph() && !m_view->isShowingPath() && !m_lastViewKey.isEmpty())
        QSettings().setValue(m_lastViewKey, writeSavedView(currentView()));
}

SavedGraphView GraphPanel::currentView() const
{
    SavedGraphView saved;
    const ForeignKeyGraph *graph = m_view->graph();
    const GraphQuery query = m_view->query();
    if (!graph)
        return saved;
    if (const int focus = graph->tableIndex(query.focusOid); query.focusOid && focus >= 0)
        saved.focus = graph->table(focus).qualifiedName;
    saved.depth = query.focusOid ? query.depth : m_toolbar->depth();
    saved.direction = query.focusOid ? query.direction : m_toolbar->direction();
    saved.schemas = query.schemas;
    saved.allTables = m_view->isAllTables();
    saved.foldLinkTables = m_view->foldsLinkTables();
    for (qint64 oid : query.hiddenTables) {
        if (const int t = graph->tableIndex(oid); t >= 0)
            saved.hidden << graph->table(t).qualifiedName;
    }
    saved.hidden.sort();
    const QSet<QString> expanded = m_view->expandedGroups();
    saved.expanded = QStringList(expanded.begin(), expanded.end());
    saved.expanded.sort();
    const ViewArrangement arrangement = m_view->arrangement();
    saved.positions = arrangement.positions;
    saved.zoom = arrangement.zoom;
    saved.centre = arrangement.centre;
    return saved;
}

void GraphPanel::applyView(const SavedGraphView &saved)
{
    const ForeignKeyGraph *graph = m_view->graph();
    if (!graph)
        return;
    GraphQuery query;
    QStringList unknown;
    auto find = [&](const QString &name) -> qint64 {
        const int t = graph->findTable(name);
        if (t < 0)
            unknown << name;
        return t < 0 ? 0 : graph->table(t).oid;
    };
    for (const QString &name : saved.hidden) {
        if (const qint64 oid = find(name))
            query.hiddenTables.insert(oid);
    }
    if (!saved.focus.isEmpty())
        query.focusOid = find(saved.focus);
    query.depth = saved.depth;
    query.direction = saved.direction;
    query.schemas = saved.schemas;
    m_toolbar->showSettings(saved.depth, saved.direction, saved.schemas.size() == 1 ? saved.schemas.first() : QString(),
                            saved.allTables, saved.foldLinkTables);
    m_view->setMapOptions(saved.allTables, saved.foldLinkTables,
                          QSet<QString>(saved.expanded.begin(), saved.expanded.end()));
    m_skippedNames = unknown.join(QStringLiteral(", "));
    m_view->arrangeNextView({saved.positions, saved.zoom, saved.centre});
    m_view->showGraph(query);
}

Status GraphPanel::saveViewTo(const QString &fileName) const
{
    return writeFile(fileName, writeSavedView(currentView()));
}

Status GraphPanel::openViewFrom(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return Error{Error::Kind::Other, tr("cannot read %1: %2").arg(fileName, file.errorString()), {}};
    auto saved = readSavedView(file.readAll());
    if (!saved)
        return Error{Error::Kind::Usage, QFileInfo(fileName).fileName() + QStringLiteral(": ") + saved.error().message, {}};
    applyView(saved.value());
    return Done{};
}

void GraphPanel::showSaveViewDialog()
{
    const QString fileName = QFileDialog::getSaveFileName(this, tr("Save Graph View"), QStringLiteral("graph.fkview"),
                                                          tr("fkscope graph view (*.fkview);;All files (*)"));
    if (fileName.isEmpty())
        return;
    const Status saved = saveViewTo(fileName);
    showMessage(saved ? tr("Saved the view to %1.").arg(QFileInfo(fileName).fileName())
                      : tr("Could not save the view: %1").arg(saved.error().message));
}

void GraphPanel::showOpenViewDialog()
{
    const QString fileName = QFileDialog::getOpenFileName(this, tr("Open Graph View"), QString(),
                                                          tr("fkscope graph view (*.fkview);;All files (*)"));
    if (fileName.isEmpty())
        return;
    if (const Status opened = openViewFrom(fileName); !opened)
        showMessage(tr("Could not open the view: %1").arg(opened.error().message));
}

void GraphPanel::selectTable(qint64 oid)
{
    m_view->selectTable(oid);
}

void GraphPanel::focusOn(qint64 oid)
{
    m_view->showNeighbourhood(oid, m_toolbar->depth(), m_toolbar->direction());
}

void GraphPanel::refocus()
{
    if (m_view->query().focusOid && !m_view->isShowingPath())
        focusOn(m_view->query().focusOid);
}

void GraphPanel::showSchema(const QString &schema)
{
    GraphQuery query = m_view->query();
    query.schemas = schema.isEmpty() ? QStringList() : QStringList{schema};
    query.focusOid = 0;
    m_view->showGraph(query);
}

void GraphPanel::showWholeGraph()
{
    GraphQuery query = m_view->query();
    query.focusOid = 0;
    m_view->showGraph(query);
}

void GraphPanel::hideSelectedTable()
{
    const qint64 oid = m_view->selectedTable();
    if (!oid) {
        showMessage(tr("Select a table to hide first."));
        return;
    }
    hideTable(oid);
}

void GraphPanel::hideTable(qint64 oid)
{
    GraphQuery query = m_view->query();
    query.hiddenTables.insert(oid);
    if (query.focusOid == oid)
        query.focusOid = 0;
    m_view->showGraph(query);
}

bool GraphPanel::showPath(const QString &from, const QString &to)
{
    const ForeignKeyGraph *graph = m_view->graph();
    if (!graph)
        return false;
    const int a = graph->findTable(from), b = graph->findTable(to);
    if (a < 0 || b < 0) {
        showMessage(tr("No table named %1 (or more than one: qualify it with its schema).").arg(a < 0 ? from : to));
        return false;
    }
    // The schema filter and hidden tables apply; the focus does not.
    const auto path = shortestKeyPath(*graph, a, b, PathMode::Undirected, m_view->query());
    if (!path) {
        showMessage(tr("No chain of foreign keys joins %1 and %2 through the tables shown.")
                        .arg(graph->table(a).qualifiedName, graph->table(b).qualifiedName));
        return false;
    }
    m_view->showPath(*path);
    return true;
}

void GraphPanel::search(const QString &text)
{
    if (!m_view->findTableAnywhere(text))
        showMessage(tr("No table matching “%1” is drawn.").arg(text.trimmed()));
    else
        m_view->setFocus(Qt::OtherFocusReason);
}

bool GraphPanel::canExport() const
{
    return m_view->graph() && (!m_view->shownSubgraph().tables.empty() || m_view->isShowingMap());
}

void GraphPanel::exportTo(const QString &fileName, const QString &format)
{
    if (!canExport() || m_exporting) {
        const QString why = canExport() ? tr("An export is still running.") : tr("There is no graph to export.");
        showMessage(why);
        Q_EMIT exportFinished(false, why);
        return;
    }
    // DOT as fkscope-cli graph writes it; rendered with the engine the view was laid out with.
    // A map is exported as placed, drawn by Graphviz's nop2 as fkscope-cli graph draws it.
    const GraphPicture *map = m_view->shownPicture();
    const QByteArray dot = map ? DotWriter(*m_view->graph()).write(*map) : DotWriter(*m_view->graph()).write(m_view->shownSubgraph());
    const LayoutEngineKind engine = map ? LayoutEngineKind::Pinned : m_view->shownEngine();
    m_exporting = true;
    showMessage(tr("Exporting the graph to %1…").arg(QFileInfo(fileName).fileName()));
    auto save = [this, fileName](const Result<QByteArray> &bytes) {
        m_exporting = false;
        const Status status = bytes ? writeFile(fileName, bytes.value()) : Status(bytes.error());
        const QString message = status ? tr("Saved the graph to %1.").arg(QFileInfo(fileName).fileName())
                                       : tr("Could not export the graph: %1").arg(status.error().message);
        showMessage(message);
        Q_EMIT exportFinished(status.ok(), message);
    };
    // A big SVG takes seconds to render: the Graphviz thread does it, as it laid the view out.
    // DOT needs no rendering; it is saved from the event loop all the same, so the answer
    // always comes after exportTo() returns.
    if (format == QLatin1String("dot"))
        QMetaObject::invokeMethod(this, [save, dot] { save(dot); }, Qt::QueuedConnection);
    else
        m_view->layoutEngine().render(dot, format, engine, save);
}

void GraphPanel::showExportDialog()
{
    if (!canExport()) {
        showMessage(tr("There is no graph to export."));
        return;
    }
    QString filter;
    const QString fileName = QFileDialog::getSaveFileName(
        this, tr("Export Graph"), QStringLiteral("foreign-keys.svg"),
        tr("SVG image (*.svg);;PNG image (*.png);;Graphviz DOT (*.dot)"), &filter);
    if (fileName.isEmpty())
        return;
    QString format = QFileInfo(fileName).suffix().toLower();
    if (!isExportFormat(format))
        format = filter.section(QStringLiteral("*."), 1).left(3);
    exportTo(fileName, format);
}

void GraphPanel::onLayoutFinished(bool ok, const QString &message)
{
    // Not now: writing every box of 3,000 to the settings file takes 20-35 ms, and this turn
    // of the event loop already paints the new view.
    if (ok)
        m_rememberTimer->start();
    if (ok && !m_skippedNames.isEmpty()) {
        showMessage(tr("%1 The saved view named tables this database does not have: %2.")
                        .arg(describeView(), std::exchange(m_skippedNames, QString())));
        m_toolbar->setMapOpen(m_view->isShowingMap() && !m_view->expandedGroups().isEmpty());
        return;
    }
    m_toolbar->setMapOpen(m_view->isShowingMap() && !m_view->expandedGroups().isEmpty());
    if (!ok) {
        showMessage(message);
        return;
    }
    showMessage(message.isEmpty() ? describeView() : describeView() + QLatin1Char(' ') + message + QLatin1Char('.'));
}

QString GraphPanel::describeView() const
{
    const Subgraph &shown = m_view->shownSubgraph();
    const ForeignKeyGraph *graph = m_view->graph();
    const QString counts = tr("%n table(s)", nullptr, int(shown.tables.size())) + QStringLiteral(", ")
                           + tr("%n key(s)", nullptr, int(shown.keys.size()));
    if (m_view->isShowingPath())
        return tr("Shortest path: %1.").arg(counts);
    const GraphQuery query = m_view->query();
    if (query.focusOid && graph && graph->tableIndex(query.focusOid) >= 0)
        return tr("%1 and the tables up to %2 key(s) away: %3. “Whole graph” goes back.")
            .arg(graph->table(graph->tableIndex(query.focusOid)).qualifiedName)
            .arg(m_toolbar->depth())
            .arg(counts);
    if (const GraphPicture *map = m_view->isShowingMap() ? m_view->shownPicture() : nullptr) {
        const QStringList open = QStringList(m_view->expandedGroups().begin(), m_view->expandedGroups().end());
        const QString groups = tr("%n group(s)", nullptr, int(map->groups.size()));
        if (!open.isEmpty())
            return tr("Map of %1 in %2; open: %3. “Map” closes them.").arg(counts, groups, open.join(QStringLiteral(", ")));
        return tr("Map of %1 in %2. Double-click a group to open it; “All tables” draws every table.")
            .arg(counts, groups);
    }
    if (m_view->shownEngine() != LayoutEngineKind::Dot)
        return tr("Overview of %1, placed by %2. Double-click a table to focus on it.")
            .arg(counts, toString(m_view->shownEngine()));
    return tr("%1. Double-click a table to focus on it.").arg(counts);
}

void GraphPanel::showMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setAccessibleDescription(message);
}

} // namespace fkscope
