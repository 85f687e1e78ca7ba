#include "ui/catalog/CatalogPanel.h"

#include "ui/session/DatabaseSession.h"

#include "ui/catalog/TableDetailsView.h"
#include "ui/catalog/TableTreeModel.h"

#include "catalog/Catalog.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace fkscope {

CatalogPanel::CatalogPanel(const DatabaseSession *session, QWidget *parent)
    : QWidget(parent),
      m_filter(new QLineEdit(this)),
      m_model(new TableTreeModel(this)),
      m_proxy(new QSortFilterProxyModel(this)),
      m_splitter(new QSplitter(Qt::Vertical, this))
{
    setObjectName(QStringLiteral("catalogPanel"));
    connect(session, &DatabaseSession::databaseChanged, this, [this, session] { setCatalog(session->catalog()); });
    m_filter->setObjectName(QStringLiteral("tableFilter"));
    m_filter->setAccessibleName(tr("Filter tables"));
    m_filter->setPlaceholderText(tr("Filter tables (schema.table)"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, &CatalogPanel::applyFilter);

    createTree();
    m_details = new TableDetailsView(m_splitter);
    m_details->setObjectName(QStringLiteral("tableDetails"));
    connect(m_details, &TableDetailsView::tableActivated, this, &CatalogPanel::selectTableByOid);

    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(m_details);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({420, 300});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_splitter, 1);
}

CatalogPanel::~CatalogPanel() = default;

void CatalogPanel::createTree()
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(TableTreeModel::FilterRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortRole(TableTreeModel::SortRole);
    // A table that matches keeps its schema (and partitioned parent) visible; a schema that
    // matches shows all its tables.
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setAutoAcceptChildRows(true);

    m_tree = new QTreeView(m_splitter);
    m_tree->setObjectName(QStringLiteral("tablesTree"));
    m_tree->setAccessibleName(tr("Tables"));
    m_tree->setModel(m_proxy);
    m_tree->setUniformRowHeights(true);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(TableTreeModel::NameColumn, Qt::AscendingOrder);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Tables of one family differ at the end of their names (order_item, order_item_tax).
    m_tree->setTextElideMode(Qt::ElideMiddle);
    QHeaderView *header = m_tree->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(TableTreeModel::NameColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(TableTreeModel::RowsColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(TableTreeModel::ReferencesColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(TableTreeModel::ReferencedByColumn, QHeaderView::ResizeToContents);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &CatalogPanel::showCurrentTable);
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (const qint64 oid = index.data(TableTreeModel::OidRole).toLongLong())
            Q_EMIT tableActivated(oid);
    });
}

void CatalogPanel::setCatalog(std::shared_ptr<const Catalog> catalog)
{
    const Table *previous = currentTable();
    const QString keep = previous ? previous->qualifiedName : QString();

    m_catalog = std::move(catalog);
    m_details->showTable(Catalog(), nullptr);
    m_model->setCatalog(m_catalog ? *m_catalog : Catalog());
    m_tree->expandToDepth(0);
    if (!keep.isEmpty())
        selectTable(keep);
}

const Table *CatalogPanel::currentTable() const
{
    if (!m_catalog)
        return nullptr;
    const QVariant oid = m_tree->currentIndex().siblingAtColumn(0).data(TableTreeModel::OidRole);
    return oid.isValid() ? m_catalog->table(oid.toLongLong()) : nullptr;
}

bool CatalogPanel::selectTable(const QString &qualifiedName)
{
    const QModelIndex index = m_proxy->mapFromSource(m_model->indexOf(qualifiedName));
    if (!index.isValid())
        return false;
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    return true;
}

void CatalogPanel::selectTableByOid(qint64 oid)
{
    const Table *table = m_catalog ? m_catalog->table(oid) : nullptr;
    if (!table)
        return;
    if (!selectTable(table->qualifiedName)) {
        m_filter->clear();  // the filter hides it
        selectTable(table->qualifiedName);
    }
}

void CatalogPanel::applyFilter(const QString &text)
{
    m_proxy->setFilterFixedString(text.trimmed());
    if (!text.trimmed().isEmpty())
        m_tree->expandAll();
    else
        m_tree->expandToDepth(0);
}

void CatalogPanel::showCurrentTable()
{
    const Table *table = currentTable();
    m_details->showTable(m_catalog ? *m_catalog : Catalog(), table);
    Q_EMIT currentTableChanged(table ? table->oid : 0);
}

} // namespace fkscope
