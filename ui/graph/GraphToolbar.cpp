#include "ui/graph/GraphToolbar.h"

#include "graph/GraphPicture.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStringListModel>
#include <QTimer>
#include <QToolButton>
#include <QWidgetAction>

#include <algorithm>

namespace fkscope {

GraphToolbar::GraphToolbar(QWidget *parent) : QToolBar(parent)
{
    setObjectName(QStringLiteral("graphToolbar"));
    setAccessibleName(tr("Graph tools"));
    setIconSize(QSize(16, 16));
    setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_search = tableField(tr("Find table (Ctrl+F)"), QStringLiteral("graphSearch"), tr("Find table"));
    m_search->setMinimumWidth(150);
    m_search->setMaximumWidth(220);
    connect(m_search, &QLineEdit::returnPressed, this, [this] { Q_EMIT searchRequested(m_search->text()); });
    connect(m_search->completer(), qOverload<const QString &>(&QCompleter::activated), this,
            &GraphToolbar::searchRequested);
    // As the user types, the best match is selected, once they pause.
    auto *typing = new QTimer(this);
    typing->setSingleShot(true);
    typing->setInterval(250);
    connect(m_search, &QLineEdit::textEdited, typing, qOverload<>(&QTimer::start));
    connect(typing, &QTimer::timeout, this, [this] {
        if (!m_search->text().trimmed().isEmpty())
            Q_EMIT searchTyped(m_search->text());
    });
    addWidget(m_search);
    addSeparator();

    auto *depthLabel = new QLabel(tr("&Depth "), this);
    addWidget(depthLabel);
    m_depth = new QSpinBox(this);
    depthLabel->setBuddy(m_depth);
    m_depth->setObjectName(QStringLiteral("graphDepth"));
    m_depth->setAccessibleName(tr("Focus depth"));
    m_depth->setToolTip(tr("How many keys away from the focus table to show (double-click a table to focus on it)"));
    m_depth->setRange(0, 20);
    m_depth->setValue(1);
    connect(m_depth, &QSpinBox::valueChanged, this, &GraphToolbar::focusSettingsChanged);
    addWidget(m_depth);

    m_direction = new QComboBox(this);
    m_direction->setObjectName(QStringLiteral("graphDirection"));
    m_direction->setAccessibleName(tr("Direction"));
    m_direction->setToolTip(tr("Parents: the tables the focus references; children: the tables referencing it"));
    m_direction->addItem(tr("Both"), int(GraphDirection::Both));
    m_direction->addItem(tr("Parents"), int(GraphDirection::Up));
    m_direction->addItem(tr("Children"), int(GraphDirection::Down));
    connect(m_direction, &QComboBox::currentIndexChanged, this, &GraphToolbar::focusSettingsChanged);
    addWidget(m_direction);

    m_schema = new QComboBox(this);
    m_schema->setObjectName(QStringLiteral("graphSchema"));
    m_schema->setAccessibleName(tr("Schema"));
    m_schema->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_schema->addItem(tr("All schemas"), QString());
    connect(m_schema, &QComboBox::activated, this, [this] { Q_EMIT schemaChanged(schema()); });
    addWidget(m_schema);

    connect(addButton(tr("Whole graph"), QStringLiteral("graphWhole"),
                      tr("Back from a focus or a path to every table of the schema filter")),
            &QAction::triggered, this, &GraphToolbar::wholeGraphRequested);
    // Next to Whole graph: both go back, one from a focus, one from opened groups.
    m_map = addButton(tr("Map"), QStringLiteral("graphMap"),
                      tr("Back to the map: close the groups opened by double-click or search"), tr("Back to the map"));
    m_map->setEnabled(false);
    connect(m_map, &QAction::triggered, this, &GraphToolbar::mapRequested);
    connect(addButton(tr("Hide"), QStringLiteral("graphHide"), tr("Leave the selected table out of the graph"), tr("Hide table")),
            &QAction::triggered, this, &GraphToolbar::hideRequested);
    addSeparator();

    addWidget(createPathButton());
    addSeparator();

    m_allTables = addButton(tr("All tables"), QStringLiteral("graphAllTables"),
                            tr("Draw every table, even above %1 tables where the graph opens on a map of groups")
                                .arg(mapThreshold),
                            tr("All tables"));
    m_allTables->setCheckable(true);
    connect(m_allTables, &QAction::toggled, this, &GraphToolbar::allTablesToggled);
    addWidget(createViewButton());

    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("graphProgress"));
    m_busy->setAccessibleName(tr("Laying out the graph"));
    m_busy->setRange(0, 0);  // Graphviz reports no progress: a busy bar
    m_busy->setMaximumWidth(80);
    m_busy->setTextVisible(false);
    m_busyAction = addWidget(m_busy);
    m_busyAction->setVisible(false);
}

bool GraphToolbar::isAllTables() const
{
    return m_allTables->isChecked();
}

bool GraphToolbar::foldsLinkTables() const
{
    return m_foldLinks->isChecked();
}

void GraphToolbar::setAllTables(bool all)
{
    m_allTables->setChecked(all);
}

void GraphToolbar::setFoldLinkTables(bool fold)
{
    m_foldLinks->setChecked(fold);
}

void GraphToolbar::setLegendShown(bool shown)
{
    m_legend->setChecked(shown);
}

void GraphToolbar::showSettings(int depth, GraphDirection direction, const QString &schema, bool allTables,
                                bool foldLinkTables)
{
    const QSignalBlocker blockDepth(m_depth), blockDirection(m_direction), blockSchema(m_schema);
    const QSignalBlocker blockAll(m_allTables), blockFold(m_foldLinks);
    m_depth->setValue(depth);
    m_direction->setCurrentIndex(std::max(0, m_direction->findData(int(direction))));
    m_schema->setCurrentIndex(std::max(0, m_schema->findData(schema)));
    m_allTables->setChecked(allTables);
    m_foldLinks->setChecked(foldLinkTables);
}

void GraphToolbar::setMapOpen(bool groupOpen)
{
    m_map->setEnabled(groupOpen);
}

QAction *GraphToolbar::addButton(const QString &text, const QString &objectName, const QString &toolTip,
                                 const QString &accessibleName)
{
    QAction *action = addAction(text);
    action->setObjectName(objectName);
    action->setToolTip(toolTip);
    // The button is what a screen reader and a test find; name it as the action reads.
    if (QWidget *button = widgetForAction(action)) {
        button->setObjectName(objectName + QStringLiteral("Button"));
        button->setAccessibleName(accessibleName.isEmpty() ? text : accessibleName);
        // A toolbar's buttons take no focus by default, which leaves keyboard users out.
        button->setFocusPolicy(Qt::TabFocus);
    }
    return action;
}

// The path between two tables is asked for now and then: its two fields wait in a popup, so
// that the toolbar fits a 1280-pixel window.
QToolButton *GraphToolbar::createPathButton()
{
    auto *button = new QToolButton(this);
    button->setObjectName(QStringLiteral("graphPathButton"));
    button->setText(tr("Path"));
    button->setToolTip(tr("The shortest chain of foreign keys between two tables"));
    button->setAccessibleName(tr("Path between two tables"));
    button->setPopupMode(QToolButton::InstantPopup);
    button->setFocusPolicy(Qt::TabFocus);
    auto *menu = new QMenu(button);
    auto *fields = new QWidget(menu);
    auto *layout = new QHBoxLayout(fields);
    layout->setContentsMargins(6, 4, 6, 4);
    m_pathFrom = tableField(tr("From table"), QStringLiteral("graphPathFrom"), tr("Path from"));
    m_pathTo = tableField(tr("to table"), QStringLiteral("graphPathTo"), tr("Path to"));
    auto *show = new QPushButton(tr("Show"), fields);
    show->setObjectName(QStringLiteral("graphShowPath"));
    show->setAccessibleName(tr("Show path"));
    show->setToolTip(tr("Show the shortest chain of foreign keys between the two tables"));
    for (QLineEdit *field : {m_pathFrom, m_pathTo}) {
        field->setParent(fields);
        field->setMinimumWidth(180);
        layout->addWidget(field);
    }
    layout->addWidget(show);
    auto *action = new QWidgetAction(menu);
    action->setDefaultWidget(fields);
    menu->addAction(action);
    button->setMenu(menu);
    auto request = [this, menu] {
        menu->close();
        requestPath();
    };
    connect(m_pathTo, &QLineEdit::returnPressed, this, request);
    connect(show, &QPushButton::clicked, this, request);
    connect(menu, &QMenu::aboutToShow, this, [this] {
        QTimer::singleShot(0, m_pathTo, [this] { m_pathTo->setFocus(Qt::PopupFocusReason); });
    });
    return button;
}

// The less used ways of drawing tables, as checkable items of one menu.
QToolButton *GraphToolbar::createViewButton()
{
    auto *button = new QToolButton(this);
    button->setObjectName(QStringLiteral("graphViewButton"));
    button->setText(tr("View"));
    button->setToolTip(tr("How tables are drawn: with their columns, link tables folded; the legend"));
    button->setAccessibleName(tr("View options"));
    button->setPopupMode(QToolButton::InstantPopup);
    button->setFocusPolicy(Qt::TabFocus);
    auto *menu = new QMenu(button);
    m_expanded = new QAction(tr("Show &Columns"), this);
    m_expanded->setObjectName(QStringLiteral("graphExpanded"));
    m_expanded->setToolTip(tr("Expanded tables: list their columns, PK and FK marked, with keys ending at their columns"));
    m_expanded->setCheckable(true);
    connect(m_expanded, &QAction::toggled, this, &GraphToolbar::expandedToggled);
    m_foldLinks = new QAction(tr("&Fold Link Tables"), this);
    m_foldLinks->setObjectName(QStringLiteral("graphFoldLinks"));
    m_foldLinks->setToolTip(
        tr("Draw a table that only joins two others (two keys making its primary key) as one line between them"));
    m_foldLinks->setCheckable(true);
    m_foldLinks->setChecked(true);
    connect(m_foldLinks, &QAction::toggled, this, &GraphToolbar::foldLinkTablesToggled);
    // The legend sits over a corner of the drawing; once its colours are known it can go.
    m_legend = new QAction(tr("Show &Legend"), this);
    m_legend->setObjectName(QStringLiteral("graphShowLegend"));
    m_legend->setToolTip(tr("What the keys' colours and lines mean, in the graph's bottom right corner"));
    m_legend->setCheckable(true);
    m_legend->setChecked(true);
    connect(m_legend, &QAction::toggled, this, &GraphToolbar::legendToggled);
    menu->addAction(m_expanded);
    menu->addAction(m_foldLinks);
    menu->addAction(m_legend);
    menu->setToolTipsVisible(true);
    button->setMenu(menu);
    return button;
}

QLineEdit *GraphToolbar::tableField(const QString &placeholder, const QString &objectName, const QString &accessibleName)
{
    auto *field = new QLineEdit(this);
    field->setObjectName(objectName);
    field->setAccessibleName(accessibleName);
    field->setPlaceholderText(placeholder);
    field->setClearButtonEnabled(true);
    auto *completer = new QCompleter(new QStringListModel(field), field);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    field->setCompleter(completer);
    return field;
}

void GraphToolbar::setCatalogNames(const QStringList &schemas, const QStringList &tables)
{
    m_schema->clear();
    m_schema->addItem(tr("All schemas"), QString());
    for (const QString &schema : schemas)
        m_schema->addItem(schema, schema);
    for (QLineEdit *field : {m_search, m_pathFrom, m_pathTo}) {
        static_cast<QStringListModel *>(field->completer()->model())->setStringList(tables);
        field->clear();
    }
}

int GraphToolbar::depth() const
{
    return m_depth->value();
}

GraphDirection GraphToolbar::direction() const
{
    return GraphDirection(m_direction->currentData().toInt());
}

QString GraphToolbar::schema() const
{
    return m_schema->currentData().toString();
}

bool GraphToolbar::isExpanded() const
{
    return m_expanded->isChecked();
}

void GraphToolbar::setPathFrom(const QString &table)
{
    if (!m_pathFrom->hasFocus())
        m_pathFrom->setText(table);
}

void GraphToolbar::setBusy(bool busy)
{
    m_busyAction->setVisible(busy);
}

void GraphToolbar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void GraphToolbar::requestPath()
{
    Q_EMIT pathRequested(m_pathFrom->text().trimmed(), m_pathTo->text().trimmed());
}

} // namespace fkscope
