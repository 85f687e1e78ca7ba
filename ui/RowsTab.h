#pragma once

#include "catalog/Catalog.h"
#include "db/ConnInfo.h"

#include <QSplitter>

#include <memory>

class QTimer;

namespace fkscope {

class DependentsPanel;
class RowBrowser;

// The "Rows" view: the rows of the selected table on top and, below, what DELETE of the
// selected row would do. Moving to a row predicts its DELETE after a short pause, so that
// running the cursor down the rows does not start a query per row.
class RowsTab : public QSplitter {
    Q_OBJECT

public:
    explicit RowsTab(QWidget *parent = nullptr);
    ~RowsTab() override;

    void setDatabase(const ConnInfo &info, std::shared_ptr<const Catalog> catalog);
    void showTable(qint64 oid);
    RowBrowser *rowBrowser() const { return m_rows; }
    DependentsPanel *dependentsPanel() const { return m_dependents; }

Q_SIGNALS:
    // A link between rows led to another table; the catalog panel follows.
    void tableShown(const QString &qualifiedName);

private:
    void analyzeCurrentRow();

    RowBrowser *m_rows = nullptr;
    DependentsPanel *m_dependents = nullptr;
    QTimer *m_pause = nullptr;
};

} // namespace fkscope
