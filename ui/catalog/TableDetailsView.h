#pragma once

#include <QWidget>

class QLabel;
class QStandardItemModel;
class QTabWidget;
class QTreeView;

namespace fkscope {

struct Catalog;
struct Table;

// What one table is made of and how it is tied to others: its columns with key markers,
// the foreign keys it holds ("References") and those that point at it ("Referenced by").
class TableDetailsView : public QWidget {
    Q_OBJECT

public:
    static constexpr int OidRole = Qt::UserRole + 1;  // on a key row: the table at its other end

    explicit TableDetailsView(QWidget *parent = nullptr);

    // Shows table, which must belong to catalog; nullptr shows nothing.
    void showTable(const Catalog &catalog, const Table *table);

Q_SIGNALS:
    // The user double-clicked a key: the table at its other end.
    void tableActivated(qint64 oid);

private:
    QTreeView *addView(QStandardItemModel *model, const QString &objectName, const QString &name);
    void fillColumns(const Catalog &catalog, const Table &table);
    void fillReferences(const Catalog &catalog, const Table &table);
    void fillReferencedBy(const Catalog &catalog, const Table &table);
    void fitColumns();
    void updateTabTitles();
    void activate(const QModelIndex &index);

    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QTabWidget *m_tabs = nullptr;
    QStandardItemModel *m_columns = nullptr;
    QStandardItemModel *m_references = nullptr;
    QStandardItemModel *m_referencedBy = nullptr;
};

} // namespace fkscope
