#pragma once

#include "ui/script/ScriptGenerators.h"

#include "infer/InferredKey.h"

#include "ui/diagnose/ToolDialog.h"

#include <QSet>

#include <atomic>
#include <memory>
#include <vector>

class QLabel;
class QPushButton;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace fkscope {

class DatabaseSession;
class VirtualKeysBox;

// Tools > Infer Keys: the foreign keys the database does not declare but its names and data
// suggest (the infer-keys core, read-only, on a worker thread with progress and Cancel),
// with their evidence and orphan counts, sortable by confidence. Accept makes a candidate a
// virtual key of the database (kept by fkscope; the catalog and graph show it); Reject drops
// it from the list; Copy ALTER puts the statement that would declare it on the clipboard.
class InferKeysDialog : public ToolDialog {
    Q_OBJECT

public:
    enum Column { ConfidenceColumn, ChildColumn, ColumnsColumn, ParentColumn, ParentColumnsColumn, OrphansColumn,
                  ChildRowsColumn, EvidenceColumn, StatusColumn };

    explicit InferKeysDialog(DatabaseSession *session, QWidget *parent = nullptr);
    ~InferKeysDialog() override;

    void infer();
    void acceptSelected();
    void rejectSelected();
    void copyAlter();

Q_SIGNALS:
    void scriptRequested(const fkscope::PanelScript &script);

private:
    void showNewDatabase() override;
    void showCancelled() override;
    void showCandidates();
    void markAccepted();
    void showProgress();
    void updateButtons();
    const InferredKey *selectedCandidate() const;

    DatabaseSession *m_session = nullptr;
    QString m_database;                           // the connection the candidates are of
    std::shared_ptr<const Catalog> m_inferredOn;  // the candidates' tables point into it
    std::vector<InferredKey> m_candidates;
    QSet<int> m_rejected;
    std::shared_ptr<std::atomic<int>> m_checked;  // written by the worker thread
    std::shared_ptr<std::atomic<int>> m_toCheck;
    QTimer *m_progressTimer = nullptr;
    QTreeWidget *m_list = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_accept = nullptr;
    QPushButton *m_reject = nullptr;
    QPushButton *m_copy = nullptr;
    VirtualKeysBox *m_virtualKeys = nullptr;
};

} // namespace fkscope
