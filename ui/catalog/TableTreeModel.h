#pragma once

#include <QHash>
#include <QIcon>
#include <QStandardItemModel>

#include <optional>

namespace fkscope {

struct Catalog;
struct Table;

// Schemas and their tables as a tree: name, estimated rows, and how many foreign keys lead
// out of each table (Refs) and into it (Ref'd by). Partitions sit under their partitioned table.
class TableTreeModel : public QStandardItemModel {
    Q_OBJECT

public:
    enum Column { NameColumn, RowsColumn, ReferencesColumn, ReferencedByColumn, ColumnCount };
    enum Role {
        QualifiedNameRole = Qt::UserRole + 1,  // tables only: "billing.invoices"
        OidRole,                               // tables only
        FilterRole,                            // what the filter matches: "schema.table"
        SortRole,
    };

    explicit TableTreeModel(QObject *parent = nullptr);

    void setCatalog(const Catalog &catalog);
    // The name item of a table, or an invalid index.
    QModelIndex indexOf(const QString &qualifiedName) const;

private:
    struct KeyCounts {
        int out = 0;
        int in = 0;
    };
    // What one build of the tree looks up, computed once per catalog.
    struct Lookup {
        QHash<QString, const Table *> tables;
        QHash<qint64, KeyCounts> keyCounts;
        QHash<QString, qint64> partitionRows;
    };

    static Lookup makeLookup(const Catalog &catalog);
    static std::optional<qint64> estimatedRows(const Lookup &lookup, const Table &table);
    QList<QStandardItem *> schemaRow(const QString &schema) const;
    QList<QStandardItem *> rowFor(const Lookup &lookup, const Table &table);

    const QIcon m_schemaIcon;
    const QIcon m_tableIcon;
    const QIcon m_partitionedIcon;
};

} // namespace fkscope
