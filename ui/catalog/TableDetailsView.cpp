#include "ui/catalog/TableDetailsView.h"

#include "catalog/Catalog.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace fkscope {

namespace {

QStandardItem *cell(const QString &text, const QString &toolTip = QString())
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    if (!toolTip.isEmpty())
        item->setToolTip(toolTip);
    return item;
}

QString joined(const QStringList &columns)
{
    return columns.join(QStringLiteral(", "));
}

QString onDeleteText(const ForeignKey &fk)
{
    QString text = toString(fk.onDelete);
    // PostgreSQL 15: SET NULL (a) touches only the listed columns.
    if (!fk.onDeleteSetColumns.isEmpty())
        text += QStringLiteral(" (") + joined(fk.onDeleteSetColumns) + QLatin1Char(')');
    return text;
}

QString notesOf(const ForeignKey &fk)
{
    QStringList notes;
    if (fk.match != FkMatch::Simple)
        notes << QStringLiteral("match ") + toString(fk.match);
    if (fk.deferrable)
        notes << (fk.initiallyDeferred ? TableDetailsView::tr("deferred") : TableDetailsView::tr("deferrable"));
    if (fk.isVirtual)
        notes << TableDetailsView::tr("virtual: kept by fkscope, not checked by PostgreSQL");
    else if (!fk.validated)
        notes << TableDetailsView::tr("not valid");
    if (fk.onUpdate != FkAction::NoAction)
        notes << QStringLiteral("on update ") + toString(fk.onUpdate);
    return notes.join(QStringLiteral(", "));
}

QString defaultText(const Column &column)
{
    if (!column.identity.isEmpty())
        return TableDetailsView::tr("identity (%1)").arg(column.identity);
    if (!column.generated.isEmpty())
        return TableDetailsView::tr("generated: %1").arg(column.defaultExpression);
    return column.defaultExpression;
}

QStandardItem *keyNameCell(const ForeignKey &fk, qint64 otherTable)
{
    QStandardItem *item = cell(fk.name, fk.definition);
    item->setData(otherTable, TableDetailsView::OidRole);
    return item;
}

} // namespace

TableDetailsView::TableDetailsView(QWidget *parent)
    : QWidget(parent),
      m_title(new QLabel(this)),
      m_subtitle(new QLabel(this)),
      m_tabs(new QTabWidget(this)),
      m_columns(new QStandardItemModel(this)),
      m_references(new QStandardItemModel(this)),
      m_referencedBy(new QStandardItemModel(this))
{
    m_title->setObjectName(QStringLiteral("tableTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_subtitle->setObjectName(QStringLiteral("tableSummary"));
    m_subtitle->setTextFormat(Qt::PlainText);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_subtitle->setWordWrap(true);

    m_columns->setHorizontalHeaderLabels({tr("Column"), tr("Type"), tr("Nullable"), tr("Key"), tr("Default")});
    m_references->setHorizontalHeaderLabels(
        {tr("Key"), tr("Columns"), tr("Parent table"), tr("Parent columns"), tr("On delete"), tr("Notes")});
    m_referencedBy->setHorizontalHeaderLabels(
        {tr("Child table"), tr("Columns"), tr("Key"), tr("On delete"), tr("Notes")});

    m_tabs->setObjectName(QStringLiteral("tableDetailTabs"));
    m_tabs->setAccessibleName(tr("Table details"));
    m_tabs->setDocumentMode(true);
    addView(m_columns, QStringLiteral("columnsView"), tr("Columns"));
    addView(m_references, QStringLiteral("referencesView"), tr("References"));
    addView(m_referencedBy, QStringLiteral("referencedByView"), tr("Referenced by"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addSpacing(4);
    layout->addWidget(m_tabs, 1);
    showTable(Catalog(), nullptr);
}

QTreeView *TableDetailsView::addView(QStandardItemModel *model, const QString &objectName, const QString &name)
{
    auto *view = new QTreeView(m_tabs);
    view->setObjectName(objectName);
    view->setAccessibleName(name);
    view->setModel(model);
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // The stretched last column keeps the width it had when stretching began: make that
    // small, so a fitted table does not grow a horizontal scroll bar for an empty Notes column.
    view->header()->setDefaultSectionSize(view->fontMetrics().averageCharWidth() * 10);
    view->header()->resizeSection(model->columnCount() - 1, view->header()->minimumSectionSize());
    view->header()->setStretchLastSection(true);
    view->header()->setSectionResizeMode(QHeaderView::Interactive);
    connect(view, &QTreeView::doubleClicked, this, &TableDetailsView::activate);
    m_tabs->addTab(view, name);
    return view;
}

void TableDetailsView::showTable(const Catalog &catalog, const Table *table)
{
    for (QStandardItemModel *model : {m_columns, m_references, m_referencedBy})
        model->removeRows(0, model->rowCount());
    if (!table) {
        m_title->setText(tr("No table selected"));
        m_subtitle->setText(tr("Pick a table on the left to see its columns and keys."));
        updateTabTitles();
        return;
    }
    m_title->setText(table->qualifiedName);
    QStringList facts;
    const int columns = int(table->columns.size());
    facts << (columns == 1 ? tr("1 column") : tr("%1 columns").arg(columns));
    if (table->rowEstimate) {
        facts << (*table->rowEstimate == 1 ? tr("about 1 row")
                                           : tr("about %1 rows").arg(QLocale().toString(*table->rowEstimate)));
    }
    if (table->kind == Table::Kind::Partitioned)
        facts << tr("partitioned");
    if (!table->partitionOf.isEmpty())
        facts << tr("partition of %1").arg(table->partitionOf);
    if (!table->inherits.isEmpty())
        facts << tr("inherits %1").arg(joined(table->inherits));
    if (!table->primaryKey())
        facts << tr("no primary key");
    if (table->rowSecurity)
        facts << tr("row-level security");
    m_subtitle->setText(facts.join(QStringLiteral(" · ")));

    fillColumns(catalog, *table);
    fillReferences(catalog, *table);
    fillReferencedBy(catalog, *table);
    updateTabTitles();
    fitColumns();
}

void TableDetailsView::fillColumns(const Catalog &catalog, const Table &table)
{
    QStringList primary;
    if (const UniqueKey *pk = table.primaryKey())
        primary = pk->columns;
    QSet<QString> unique;
    for (const UniqueKey &key : table.uniqueKeys) {
        if (!key.isPrimary && key.columns.size() == 1)
            unique.insert(key.columns.first());
    }
    QHash<QString, QStringList> referencing;  // column -> the parents its keys point at
    for (const ForeignKey &fk : catalog.foreignKeys) {
        if (fk.childOid == table.oid) {
            for (const QString &column : fk.childColumns)
                referencing[column] << fk.parent;
        }
    }

    for (const Column &column : table.columns) {
        QStringList markers;
        if (primary.contains(column.name))
            markers << QStringLiteral("PK");
        if (referencing.contains(column.name))
            markers << QStringLiteral("FK");
        if (unique.contains(column.name))
            markers << QStringLiteral("UQ");
        QString keyTip;
        if (referencing.contains(column.name))
            keyTip = tr("references %1").arg(joined(referencing.value(column.name)));
        m_columns->appendRow({cell(column.name), cell(column.type),
                              cell(column.nullable ? QString() : QStringLiteral("not null")),
                              cell(markers.join(QLatin1Char(' ')), keyTip), cell(defaultText(column))});
    }
}

void TableDetailsView::fillReferences(const Catalog &catalog, const Table &table)
{
    for (const ForeignKey &fk : catalog.foreignKeys) {
        if (fk.childOid != table.oid)
            continue;
        m_references->appendRow({keyNameCell(fk, fk.parentOid), cell(joined(fk.childColumns)), cell(fk.parent),
                                 cell(joined(fk.parentColumns)), cell(onDeleteText(fk)), cell(notesOf(fk))});
    }
}

void TableDetailsView::fillReferencedBy(const Catalog &catalog, const Table &table)
{
    for (const ForeignKey &fk : catalog.foreignKeys) {
        if (fk.parentOid != table.oid)
            continue;
        QStandardItem *child = cell(fk.child, fk.definition);
        child->setData(fk.childOid, OidRole);
        m_referencedBy->appendRow({child, cell(joined(fk.childColumns)), cell(fk.name, fk.definition),
                                   cell(onDeleteText(fk)), cell(notesOf(fk))});
    }
}

void TableDetailsView::fitColumns()
{
    const int padding = fontMetrics().averageCharWidth() * 3 / 2;  // air between columns
    for (QTreeView *view : m_tabs->findChildren<QTreeView *>()) {
        for (int c = 0; c + 1 < view->model()->columnCount(); ++c) {
            view->resizeColumnToContents(c);
            view->setColumnWidth(c, view->columnWidth(c) + padding);
        }
    }
}

void TableDetailsView::updateTabTitles()
{
    const QStandardItemModel *models[] = {m_columns, m_references, m_referencedBy};
    const QString names[] = {tr("Columns"), tr("References"), tr("Referenced by")};
    for (int i = 0; i < 3; ++i) {
        const int rows = models[i]->rowCount();
        m_tabs->setTabText(i, rows ? QStringLiteral("%1 (%2)").arg(names[i]).arg(rows) : names[i]);
    }
}

void TableDetailsView::activate(const QModelIndex &index)
{
    const QModelIndex first = index.siblingAtColumn(0);
    const QVariant oid = first.data(OidRole);
    if (oid.isValid())
        Q_EMIT tableActivated(oid.toLongLong());
}

} // namespace fkscope
