#pragma once

#include <QSplitter>

class QTimer;

namespace fkscope {

class DatabaseSession;
class DependentsPanel;
class RowListPanel;

// The "Rows" view: the rows of the selected table on top and, below, what DELETE of the
// selected row would do. Moving to a row predicts its DELETE after a short pause, so that
// running the cursor down the rows does not start a query per row.
class RowsPanel : public QSplitter {
    Q_OBJECT

public:
    explicit RowsPanel(DatabaseSession *session, QWidget *parent = nullptr);
    ~RowsPanel() override;

    void showTable(qint64 oid);
    RowListPanel *rowBrowser() const { return m_rows; }
    DependentsPanel *dependentsPanel() const { return m_dependents; }

Q_SIGNALS:
    // A link between rows led to another table; the catalog panel follows.
    void tableShown(const QString &qualifiedName);

private:
    void analyzeCurrentRow();

    RowListPanel *m_rows = nullptr;
    DependentsPanel *m_dependents = nullptr;
    QTimer *m_pause = nullptr;
};

} // namespace fkscope
