#pragma once

#include "catalog/Catalog.h"
#include "rows/RowFilter.h"

#include <QWidget>

#include <memory>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;
class QTableView;

namespace fkscope {

class DatabaseSession;
class RowTableModel;
struct RowLink;

// The rows of the selected table, paged as they scroll into view, with a filter box, sorting
// by a click on a column header (a third click goes back to the key's order), Ctrl+C for
// the selected cells, and the ways from the selected row to its parents and children.
class RowListPanel : public QWidget {
    Q_OBJECT

public:
    explicit RowListPanel(const DatabaseSession *session, QWidget *parent = nullptr);
    ~RowListPanel() override;

    // Shows table's rows matching filter; the same table again keeps its filter unless one is given.
    void showTable(qint64 oid, const std::optional<RowFilter> &filter = std::nullopt);
    const Table *table() const;
    RowTableModel *model() const { return m_model; }
    // The key of the row under the cursor, empty when there is none.
    QStringList currentRowKey() const;
    void copySelection() const;
    // Shows the rows that reference the current row through the key named constraint on
    // childTable; false when there is no such key or no current row.
    bool showChildrenVia(const QString &constraint, const QString &childTable);

Q_SIGNALS:
    // The user moved to another row (an empty key: no row).
    void currentRowChanged(const QStringList &rowKey);
    // "What would DELETE do?" for the current row.
    void deleteImpactRequested(const QStringList &rowKey);
    // Another table is shown after following a link; the catalog panel follows.
    void tableShown(const QString &qualifiedName);

private:
    void createActions();
    QWidget *createFilterBar();
    void createView();
    void applyFilterText();
    void showError(const QString &message);
    void showNewDatabase();
    const Catalog *catalog() const;  // the session's
    void updateStatus();
    void onHeaderClicked(int section);
    void onCurrentChanged();
    void fillLinksMenu(QMenu *menu);
    void followLink(const RowLink &link);
    void showContextMenu(const QPoint &position);

    const DatabaseSession *m_session = nullptr;
    RowTableModel *m_model = nullptr;
    QLabel *m_title = nullptr;
    QLineEdit *m_filter = nullptr;
    QPushButton *m_links = nullptr;
    QPushButton *m_impact = nullptr;
    QLabel *m_error = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_cancel = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_impactAction = nullptr;
    int m_sortClicks = 0;          // clicks on the sorted section: 1 ascending, 2 descending
    int m_lastRow = -1;
};

} // namespace fkscope
