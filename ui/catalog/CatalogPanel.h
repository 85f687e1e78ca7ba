#pragma once

#include <QWidget>

#include <memory>

class QLineEdit;
class QSortFilterProxyModel;
class QSplitter;
class QTreeView;

namespace fkscope {

struct Catalog;
struct Table;
class DatabaseSession;
class TableDetailsView;
class TableTreeModel;

// The catalog at a glance: a filterable tree of schemas and tables and, under it, the
// details of the table selected in it.
class CatalogPanel : public QWidget {
    Q_OBJECT

public:
    // Shows the session's catalog, and each new one, keeping the selected table when it is
    // still there.
    explicit CatalogPanel(const DatabaseSession *session, QWidget *parent = nullptr);
    ~CatalogPanel() override;

    // Selects a table by its qualified name ("billing.invoices"); false if it is not shown.
    bool selectTable(const QString &qualifiedName);
    // Selects a table by oid, clearing the filter if it hides it.
    void selectTableByOid(qint64 oid);
    const Table *currentTable() const;

Q_SIGNALS:
    void currentTableChanged(qint64 oid);
    // Double-click or Enter on a table: the user wants its rows.
    void tableActivated(qint64 oid);

private:
    void setCatalog(std::shared_ptr<const Catalog> catalog);
    void createTree();
    void applyFilter(const QString &text);
    void showCurrentTable();

    std::shared_ptr<const Catalog> m_catalog;
    QLineEdit *m_filter = nullptr;
    QTreeView *m_tree = nullptr;
    TableTreeModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    TableDetailsView *m_details = nullptr;
    QSplitter *m_splitter = nullptr;
};

} // namespace fkscope
