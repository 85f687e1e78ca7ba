#pragma once

#include "catalog/Catalog.h"
#include "db/ConnInfo.h"

#include <QWidget>

#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTreeView;

namespace fkscope {

class BackgroundImpactAnalyzer;
class ImpactTreeModel;
struct ImpactResult;

// What DELETE of the selected row would do, predicted off the UI thread: a verdict line, the
// reasons the answer may be incomplete, the effects it cannot predict, and the tree of
// foreign keys the DELETE goes down with the rows each one reaches.
class DependentsPanel : public QWidget {
    Q_OBJECT

public:
    explicit DependentsPanel(QWidget *parent = nullptr);
    ~DependentsPanel() override;

    void setDatabase(const ConnInfo &info, std::shared_ptr<const Catalog> catalog);
    // Predicts DELETE of the row of table named by rowKey (RowPage::rowKeys).
    void analyze(const Table &table, const QStringList &rowKey);
    void clear();
    int statementTimeout() const;  // milliseconds
    bool isBusy() const;

Q_SIGNALS:
    void statementTimeoutChanged(int milliseconds);
    // The user double-clicked a key right below the root row: show the rows it reaches.
    void childRowsRequested(const QString &constraint, const QString &childTable);

private:
    QWidget *createHeader();
    void showResult(const ImpactResult &result);
    void showFailure(const QString &message);
    void setVerdict(const QString &text, const QColor &tint);
    void setBusy(bool busy);

    BackgroundImpactAnalyzer *m_analyzer = nullptr;
    ImpactTreeModel *m_model = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_verdict = nullptr;
    QLabel *m_notes = nullptr;
    QTreeView *m_tree = nullptr;
    QSpinBox *m_timeout = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace fkscope
