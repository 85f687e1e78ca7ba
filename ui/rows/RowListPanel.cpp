#include "ui/rows/RowListPanel.h"

#include "ui/common/PaletteColours.h"
#include "ui/rows/RowTableModel.h"
#include "ui/session/DatabaseSession.h"

#include "rows/RowLinks.h"
#include "rows/RowPageQuery.h"
#include "rows/TabSeparated.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace fkscope {

RowListPanel::RowListPanel(const DatabaseSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(new RowTableModel(session, this))
{
    connect(session, &DatabaseSession::databaseChanged, this, &RowListPanel::showNewDatabase);
    setObjectName(QStringLiteral("rowBrowser"));
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("rowsTitle"));
    m_title->setTextFormat(Qt::RichText);
    m_title->setText(tr("Select a table to see its rows."));

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("rowError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setAutoFillBackground(true);
    m_error->setMargin(6);
    m_error->hide();

    createActions();
    createView();

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("rowsStatus"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelRows"));
    m_cancel->setAccessibleName(tr("Cancel loading rows"));
    m_cancel->setFlat(true);
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, m_model, &RowTableModel::cancel);
    auto *statusBar = new QHBoxLayout;
    statusBar->addWidget(m_status, 1);
    statusBar->addWidget(m_cancel);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(createFilterBar());
    layout->addWidget(m_error);
    layout->addWidget(m_view, 1);
    layout->addLayout(statusBar);

    connect(m_model, &RowTableModel::loadingChanged, this, &RowListPanel::updateStatus);
    connect(m_model, &RowTableModel::rowsInserted, this, &RowListPanel::updateStatus);
    connect(m_model, &RowTableModel::failed, this, &RowListPanel::showError);
    connect(m_model, &RowTableModel::requestApplied, this, [this] {
        m_error->hide();
        m_filter->setText(m_model->filter().text());
        const int sorted = m_model->sortColumn();
        m_view->horizontalHeader()->setSortIndicator(sorted, m_model->sortDescending() ? Qt::DescendingOrder
                                                                                       : Qt::AscendingOrder);
        m_sortClicks = sorted < 0 ? 0 : (m_model->sortDescending() ? 2 : 1);
        updateStatus();
    });
    updateStatus();
}

RowListPanel::~RowListPanel() = default;

void RowListPanel::createActions()
{
    m_copyAction = new QAction(tr("&Copy"), this);
    m_copyAction->setObjectName(QStringLiteral("copyRowsAction"));
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyAction, &QAction::triggered, this, &RowListPanel::copySelection);

    m_impactAction = new QAction(tr("What would &DELETE do?"), this);
    m_impactAction->setObjectName(QStringLiteral("deleteImpactAction"));
    m_impactAction->setEnabled(false);
    connect(m_impactAction, &QAction::triggered, this, [this] {
        const QStringList key = currentRowKey();
        if (!key.isEmpty())
            Q_EMIT deleteImpactRequested(key);
    });
}

QWidget *RowListPanel::createFilterBar()
{
    auto *bar = new QWidget(this);
    m_filter = new QLineEdit(bar);
    m_filter->setObjectName(QStringLiteral("rowFilter"));
    m_filter->setAccessibleName(tr("Row filter"));
    m_filter->setPlaceholderText(tr("Filter: column=value, or a SQL condition such as id > 100 — then Enter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setEnabled(false);
    connect(m_filter, &QLineEdit::returnPressed, this, &RowListPanel::applyFilterText);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (!text.isEmpty())
            return;
        if (m_model->filter().isEmpty())
            m_error->hide();  // what failed was never shown: nothing to undo
        else
            applyFilterText();  // the clear button: all rows again
    });

    m_links = new QPushButton(bar);
    m_links->setObjectName(QStringLiteral("relatedRows"));
    m_links->setText(tr("Related rows"));
    m_links->setAccessibleName(tr("Related rows"));
    m_links->setToolTip(tr("Go to the parent row, or show the child rows, through a foreign key"));
    m_links->setEnabled(false);
    auto *menu = new QMenu(m_links);
    connect(menu, &QMenu::aboutToShow, this, [this, menu] { fillLinksMenu(menu); });
    m_links->setMenu(menu);

    m_impact = new QPushButton(m_impactAction->text(), bar);
    m_impact->setObjectName(QStringLiteral("deleteImpactButton"));
    m_impact->setAccessibleName(tr("What would DELETE do?"));
    m_impact->setEnabled(false);
    connect(m_impact, &QPushButton::clicked, m_impactAction, &QAction::trigger);

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter, 1);
    layout->addWidget(m_links);
    layout->addWidget(m_impact);
    return bar;
}

void RowListPanel::createView()
{
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("rowsView"));
    m_view->setAccessibleName(tr("Rows"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Arrows move between cells; Tab leaves for the next control instead of walking every cell.
    m_view->setTabKeyNavigation(false);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->addAction(m_copyAction);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(-1, Qt::AscendingOrder);
    header->setDefaultSectionSize(140);
    header->setMaximumSectionSize(420);
    header->setToolTip(tr("Click to sort by a column; a third click goes back to the key's order"));
    connect(header, &QHeaderView::sectionClicked, this, &RowListPanel::onHeaderClicked);
    connect(m_view, &QWidget::customContextMenuRequested, this, &RowListPanel::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RowListPanel::onCurrentChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_view->horizontalHeader()->setSortIndicator(m_model->sortColumn(), m_model->sortDescending()
                                                                                ? Qt::DescendingOrder
                                                                                : Qt::AscendingOrder);
        if (m_model->rowCount() > 0)
            m_view->resizeColumnsToContents();
        onCurrentChanged();
    });
}

const Catalog *RowListPanel::catalog() const
{
    return m_session->catalog().get();
}

// The table shown stays, with its filter, when the new catalog still has it.
void RowListPanel::showNewDatabase()
{
    const Table *shown = table();
    const QString keep = shown ? shown->qualifiedName : QString();
    const RowFilter filter = m_model->filter();
    m_model->clear();
    const Table *again = catalog() && !keep.isEmpty() ? catalog()->table(keep) : nullptr;
    if (again)
        showTable(again->oid, filter);
    else
        showTable(0);
}

const Table *RowListPanel::table() const
{
    return m_model->table();
}

void RowListPanel::showTable(qint64 oid, const std::optional<RowFilter> &filter)
{
    const Table *next = catalog() && oid ? catalog()->table(oid) : nullptr;
    const Table *current = table();
    if (next && current && current->oid == next->oid) {
        if (filter) {
            m_filter->setText(filter->text());
            m_model->setFilter(*filter);
        }
        return;
    }
    m_error->hide();
    m_sortClicks = 0;
    if (!next) {
        m_model->clear();
        m_title->setText(tr("Select a table to see its rows."));
        m_filter->clear();
        m_filter->setEnabled(false);
        updateStatus();
        return;
    }
    m_title->setText(tr("<b>%1</b> &nbsp;·&nbsp; ordered by %2")
                         .arg(next->qualifiedName.toHtmlEscaped(), RowOrderKey::choose(*next).description().toHtmlEscaped()));
    m_filter->setEnabled(true);
    m_filter->setText(filter ? filter->text() : QString());
    m_model->showTable(*next, filter.value_or(RowFilter()));
    updateStatus();
}

void RowListPanel::applyFilterText()
{
    const Table *shown = table();
    if (!shown)
        return;
    m_model->setFilter(RowFilter::parse(m_filter->text(), *shown));
}

void RowListPanel::showError(const QString &message)
{
    const QString text = m_model->rowCount() > 0 || m_model->isComplete()
        ? tr("%1\nStill showing the rows from before.").arg(message)
        : message;
    m_error->setText(text);
    m_error->setAccessibleDescription(text);
    m_error->setPalette(PaletteColours::tinted(palette(), PaletteColours::Tint::Error));
    m_error->show();
    const int sorted = m_model->sortColumn();
    m_view->horizontalHeader()->setSortIndicator(sorted, m_model->sortDescending() ? Qt::DescendingOrder : Qt::AscendingOrder);
    m_sortClicks = sorted < 0 ? 0 : (m_model->sortDescending() ? 2 : 1);
    updateStatus();
}

void RowListPanel::updateStatus()
{
    const bool loading = m_model->isLoading();
    m_cancel->setVisible(loading);
    if (!table()) {
        m_status->clear();
        return;
    }
    const int rows = m_model->rowCount();
    QString text = m_model->isComplete() ? tr("%n row(s)", nullptr, rows)
                                         : tr("%n row(s) loaded; more load as you scroll", nullptr, rows);
    if (!m_model->filter().isEmpty())
        text += tr(" · filtered");
    if (loading)
        text += tr(" · loading…");
    m_status->setText(text);
}

void RowListPanel::onHeaderClicked(int section)
{
    if (!table())
        return;
    if (section != m_model->sortColumn())
        m_sortClicks = 0;
    m_sortClicks = (m_sortClicks + 1) % 3;
    if (m_sortClicks == 1)
        m_model->sort(section, Qt::AscendingOrder);
    else if (m_sortClicks == 2)
        m_model->sort(section, Qt::DescendingOrder);
    else
        m_model->sortByKey();
}

QStringList RowListPanel::currentRowKey() const
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || current.row() >= m_model->rowCount())
        return {};
    return m_model->rowKey(current.row());
}

void RowListPanel::onCurrentChanged()
{
    const QStringList key = currentRowKey();
    const int row = key.isEmpty() ? -1 : m_view->currentIndex().row();
    m_impactAction->setEnabled(!key.isEmpty());
    m_impact->setEnabled(!key.isEmpty());
    m_links->setEnabled(!key.isEmpty());
    if (row == m_lastRow && row < 0)
        return;
    m_lastRow = row;
    Q_EMIT currentRowChanged(key);
}

void RowListPanel::fillLinksMenu(QMenu *menu)
{
    menu->clear();
    const Table *shown = table();
    const QModelIndex current = m_view->currentIndex();
    if (!shown || !catalog() || !current.isValid()) {
        menu->addAction(tr("Select a row first"))->setEnabled(false);
        return;
    }
    const std::vector<RowLink> links = rowLinks(*catalog(), *shown, m_model->rowValues(current.row()));
    if (links.empty()) {
        menu->addAction(tr("No foreign key leads to or from %1").arg(shown->qualifiedName))->setEnabled(false);
        return;
    }
    bool parents = true;
    for (const RowLink &link : links) {
        if (parents && !link.toParent && menu->actions().size() > 0)
            menu->addSeparator();
        parents = link.toParent;
        const Table *other = catalog()->table(link.tableOid);
        const QString otherName = other ? other->qualifiedName : QString();
        QString text = link.toParent ? tr("Go to parent row in %1 via %2").arg(otherName, link.key->name)
                                     : tr("Show children in %1 via %2").arg(otherName, link.key->name);
        if (!link.available)
            text += link.toParent ? tr(" (the key is NULL)") : tr(" (the referenced key is NULL)");
        QAction *action = menu->addAction(text);
        action->setEnabled(link.available && other);
        connect(action, &QAction::triggered, this, [this, link] { followLink(link); });
    }
}

void RowListPanel::followLink(const RowLink &link)
{
    const Table *other = catalog() ? catalog()->table(link.tableOid) : nullptr;
    if (!other)
        return;
    showTable(other->oid, link.filter);
    Q_EMIT tableShown(other->qualifiedName);
}

bool RowListPanel::showChildrenVia(const QString &constraint, const QString &childTable)
{
    const Table *shown = table();
    const QModelIndex current = m_view->currentIndex();
    if (!shown || !catalog() || !current.isValid())
        return false;
    for (const RowLink &link : rowLinks(*catalog(), *shown, m_model->rowValues(current.row()))) {
        if (!link.toParent && link.available && link.key->name == constraint && link.key->child == childTable) {
            followLink(link);
            return true;
        }
    }
    return false;
}

void RowListPanel::showContextMenu(const QPoint &position)
{
    QMenu menu(this);
    menu.addAction(m_copyAction);
    menu.addSeparator();
    auto *links = menu.addMenu(tr("Related rows"));
    fillLinksMenu(links);
    links->setEnabled(!currentRowKey().isEmpty());
    menu.addAction(m_impactAction);
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

void RowListPanel::copySelection() const
{
    const QModelIndexList selected = m_view->selectionModel()->selectedIndexes();
    if (selected.isEmpty())
        return;
    int top = selected.first().row(), bottom = top, left = selected.first().column(), right = left;
    for (const QModelIndex &index : selected) {
        top = qMin(top, index.row());
        bottom = qMax(bottom, index.row());
        left = qMin(left, index.column());
        right = qMax(right, index.column());
    }
    QList<QStringList> rows;
    for (int row = top; row <= bottom; ++row) {
        QStringList fields;
        for (int column = left; column <= right; ++column) {
            const QModelIndex index = m_model->index(row, column);
            // NULL goes out as an empty field, as spreadsheets and COPY's CSV read it.
            fields << (m_view->selectionModel()->isSelected(index) ? index.data(RowTableModel::ValueRole).toString()
                                                                   : QString());
        }
        rows << fields;
    }
    QApplication::clipboard()->setText(toTabSeparated(rows));
}

} // namespace fkscope
