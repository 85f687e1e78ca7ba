#include "ui/catalog/TableTreeModel.h"

#include "ui/common/Icons.h"

#include "catalog/Catalog.h"

#include <QLocale>

#include <functional>

namespace fkscope {

namespace {

QStandardItem *readOnlyItem(const QString &text = QString())
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    return item;
}

// A count of keys; none is left blank so the tables with keys stand out.
QStandardItem *countItem(int count, const QString &toolTip)
{
    QStandardItem *item = readOnlyItem(count ? QString::number(count) : QString());
    item->setData(count, TableTreeModel::SortRole);
    item->setToolTip(toolTip);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QString describe(const Table &table)
{
    QStringList notes;
    if (table.kind == Table::Kind::Partitioned)
        notes << TableTreeModel::tr("partitioned table");
    if (!table.partitionOf.isEmpty())
        notes << TableTreeModel::tr("partition of %1").arg(table.partitionOf);
    if (!table.inherits.isEmpty())
        notes << TableTreeModel::tr("inherits %1").arg(table.inherits.join(QStringLiteral(", ")));
    if (table.temporary)
        notes << TableTreeModel::tr("temporary");
    if (table.rowSecurity)
        notes << TableTreeModel::tr("row-level security");
    return notes.isEmpty() ? table.qualifiedName
                           : table.qualifiedName + QStringLiteral(" — ") + notes.join(QStringLiteral("; "));
}

} // namespace

TableTreeModel::TableTreeModel(QObject *parent)
    : QStandardItemModel(parent),
      m_schemaIcon(Icons::schema()),
      m_tableIcon(Icons::table()),
      m_partitionedIcon(Icons::partitionedTable())
{
    setColumnCount(ColumnCount);
    setHorizontalHeaderLabels({tr("Name"), tr("Rows"), tr("Refs"), tr("Ref'd by")});
    horizontalHeaderItem(RowsColumn)->setToolTip(tr("Estimated rows, from the planner's statistics"));
    horizontalHeaderItem(ReferencesColumn)->setToolTip(tr("Foreign keys of this table, to the tables it references"));
    horizontalHeaderItem(ReferencedByColumn)->setToolTip(tr("Foreign keys of other tables that reference this one"));
    for (int column : {RowsColumn, ReferencesColumn, ReferencedByColumn})
        horizontalHeaderItem(column)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
}

TableTreeModel::Lookup TableTreeModel::makeLookup(const Catalog &catalog)
{
    Lookup lookup;
    for (const Table &table : catalog.tables) {
        lookup.tables.insert(table.qualifiedName, &table);
        if (!table.partitionOf.isEmpty() && table.rowEstimate)
            lookup.partitionRows[table.partitionOf] += *table.rowEstimate;
    }
    for (const ForeignKey &fk : catalog.foreignKeys) {
        ++lookup.keyCounts[fk.childOid].out;
        ++lookup.keyCounts[fk.parentOid].in;
    }
    return lookup;
}

// A partitioned table holds no rows itself (its reltuples is -1), so show what its
// partitions hold. Sub-partitions are not added up.
std::optional<qint64> TableTreeModel::estimatedRows(const Lookup &lookup, const Table &table)
{
    if (table.kind == Table::Kind::Partitioned && !table.rowEstimate
        && lookup.partitionRows.contains(table.qualifiedName))
        return lookup.partitionRows.value(table.qualifiedName);
    return table.rowEstimate;
}

QList<QStandardItem *> TableTreeModel::schemaRow(const QString &schema) const
{
    QStandardItem *item = readOnlyItem(schema);
    item->setIcon(m_schemaIcon);
    item->setData(schema, FilterRole);
    item->setData(schema.toLower(), SortRole);
    return {item, readOnlyItem(), readOnlyItem(), readOnlyItem()};
}

QList<QStandardItem *> TableTreeModel::rowFor(const Lookup &lookup, const Table &table)
{
    const Table *parentTable = lookup.tables.value(table.partitionOf);
    // A partition sits under its parent, not its schema: name the schema when they differ.
    const bool otherSchema = parentTable && parentTable->schema != table.schema;

    QStandardItem *name = readOnlyItem(otherSchema ? table.schema + QLatin1Char('.') + table.name : table.name);
    name->setIcon(table.kind == Table::Kind::Partitioned ? m_partitionedIcon : m_tableIcon);
    name->setData(table.qualifiedName, QualifiedNameRole);
    name->setData(table.oid, OidRole);
    name->setData(table.schema + QLatin1Char('.') + table.name, FilterRole);
    name->setData(table.name.toLower(), SortRole);
    name->setToolTip(describe(table));

    QStandardItem *rows = readOnlyItem();
    const std::optional<qint64> estimate = estimatedRows(lookup, table);
    rows->setText(estimate ? QLocale().toString(*estimate) : QStringLiteral("–"));
    rows->setData(estimate.value_or(-1), SortRole);
    if (!estimate)
        rows->setToolTip(tr("never analyzed: no estimate"));
    else if (table.kind == Table::Kind::Partitioned && !table.rowEstimate)
        rows->setToolTip(tr("about %1 rows in its partitions").arg(QLocale().toString(*estimate)));
    else
        rows->setToolTip(tr("about %1 rows").arg(QLocale().toString(*estimate)));
    rows->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);

    const KeyCounts counts = lookup.keyCounts.value(table.oid);
    return {name, rows,
            countItem(counts.out, counts.out == 1 ? tr("holds 1 foreign key") : tr("holds %1 foreign keys").arg(counts.out)),
            countItem(counts.in, counts.in == 1 ? tr("referenced by 1 foreign key")
                                                : tr("referenced by %1 foreign keys").arg(counts.in))};
}

void TableTreeModel::setCatalog(const Catalog &catalog)
{
    removeRows(0, rowCount());
    const Lookup lookup = makeLookup(catalog);
    // The tree is built apart and added one schema at a time: a view over the model then
    // hears of a few inserted rows, not of every table.
    QList<QList<QStandardItem *>> schemas;
    QHash<QString, QStandardItem *> schemaItems;
    QHash<QString, QStandardItem *> added;

    std::function<void(const Table &)> addTable = [&](const Table &table) {
        if (added.contains(table.qualifiedName))
            return;
        QStandardItem *parent = nullptr;
        if (const Table *parentTable = lookup.tables.value(table.partitionOf)) {
            addTable(*parentTable);  // the parent's row first, so the partition goes under it
            parent = added.value(table.partitionOf);
        }
        if (!parent)
            parent = schemaItems.value(table.schema);
        if (!parent) {
            schemas.append(schemaRow(table.schema));
            parent = schemas.last().first();
            schemaItems.insert(table.schema, parent);
        }
        const QList<QStandardItem *> row = rowFor(lookup, table);
        parent->appendRow(row);
        added.insert(table.qualifiedName, row.first());
    };
    for (const Table &table : catalog.tables)
        addTable(table);

    for (const QList<QStandardItem *> &row : std::as_const(schemas)) {
        QStandardItem *schema = row.first();
        const int tables = schema->rowCount();
        schema->setToolTip(tables == 1 ? tr("schema %1: 1 table").arg(schema->text())
                                       : tr("schema %1: %2 tables").arg(schema->text()).arg(tables));
        appendRow(row);
    }
}

QModelIndex TableTreeModel::indexOf(const QString &qualifiedName) const
{
    const QModelIndexList found = match(index(0, NameColumn), QualifiedNameRole, qualifiedName, 1,
                                        Qt::MatchExactly | Qt::MatchRecursive);
    return found.value(0);
}

} // namespace fkscope
