#pragma once

#include "catalog/Catalog.h"
#include "impact/DeleteImpact.h"
#include "impact/DryRunTiming.h"

#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QStandardItem;
class QTreeWidget;

namespace fkscope {

class DatabaseSession;
class DatabaseWorker;
class ImpactTreeModel;

// "Time It" above the Dependents tree: runs the DELETE under EXPLAIN ANALYZE in a transaction
// that is always rolled back (TimedDryRun, off the UI thread), fills the tree's Time column,
// costliest key first, and lists the locks the transaction held before its rollback. A key
// whose "try with an index" box is ticked (after a confirmation that names the SHARE lock)
// gets its index built inside that transaction and timed again.
class TimeItPanel : public QWidget {
    Q_OBJECT

public:
    TimeItPanel(DatabaseSession *session, ImpactTreeModel *model, QWidget *parent = nullptr);
    ~TimeItPanel() override;

    // The row whose DELETE Time It runs, with the real catalog; none disables it.
    void setRoot(std::shared_ptr<const Catalog> catalog, const std::optional<DeleteRoot> &root);
    // Time It runs the keys as they are: while the tree shows a what-if, it waits.
    void setHypothetical(bool hypothetical);
    void clear();
    bool isBusy() const;
    // The lock list, shown after a timing: the owner places it, below the tree.
    QWidget *lockList() const;

private:
    void timeIt();
    void showTiming(const DryRunTiming &timing);
    void showFailure(const QString &message);
    void confirmIndexTick(QStandardItem *item);
    void setBusy(bool busy);
    void updateEnabled();

    DatabaseSession *m_session = nullptr;
    ImpactTreeModel *m_model = nullptr;
    DatabaseWorker *m_worker = nullptr;
    std::shared_ptr<const Catalog> m_catalog;
    std::optional<DeleteRoot> m_root;
    bool m_hypothetical = false;
    QPushButton *m_timeIt = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_summary = nullptr;
    QTreeWidget *m_locks = nullptr;
};

// One line for people: "Timed, rolled back: 812.4 ms in all; the costliest key,
// tasks_project_id_fkey, took 790.1 ms (no index: scans public.tasks)".
QString describeTiming(const DryRunTiming &timing);

} // namespace fkscope
