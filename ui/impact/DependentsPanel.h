#pragma once

#include "ui/common/PaletteColours.h"
#include "ui/script/ScriptGenerators.h"

#include "catalog/Catalog.h"
#include "impact/DeleteImpact.h"

#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QToolButton;
class QTreeView;

namespace fkscope {

class DatabaseSession;
class DatabaseWorker;
class ImpactTreeModel;
class TimeItPanel;
class WhatIfBar;

// What DELETE of the selected row would do, predicted off the UI thread: a verdict line, the
// reasons the answer may be incomplete, the effects it cannot predict, and the tree of
// foreign keys the DELETE goes down with the rows each one reaches.
class DependentsPanel : public QWidget {
    Q_OBJECT

public:
    explicit DependentsPanel(DatabaseSession *session, QWidget *parent = nullptr);
    ~DependentsPanel() override;

    // Predicts DELETE of the row of table named by rowKey (RowPage::rowKeys).
    void analyze(const Table &table, const QStringList &rowKey);
    void clear();
    bool isBusy() const;

Q_SIGNALS:
    // The user double-clicked a key right below the root row: show the rows it reaches.
    void childRowsRequested(const QString &constraint, const QString &childTable);
    // "Delete Script…" or "Change ON DELETE…": a script for the script panel to write.
    void scriptRequested(const QString &what, const fkscope::ScriptGenerator &generator);

private:
    QWidget *createHeader();
    QWidget *createScriptButtons(QWidget *parent);
    void fillChangeOnDeleteMenu();
    void showNewDatabase();
    void findUnindexedKeys();
    // Predicts DELETE of m_root, with the assumed actions of a what-if in place of the real ones.
    void runAnalysis();
    void assumeAction(qint64 keyOid, FkAction action);
    void showResult(const DeleteImpact &impact);
    void showFailure(const QString &message);
    void setVerdict(const QString &text, PaletteColours::Tint tint);
    void setBusy(bool busy);

    DatabaseSession *m_session = nullptr;
    DatabaseWorker *m_analyzer = nullptr;
    DatabaseWorker *m_lintWorker = nullptr;  // which keys lack an index, once per catalog
    std::shared_ptr<const Catalog> m_catalog; // the catalog of the tree shown (its keys point into it)
    std::optional<DeleteRoot> m_root;         // the row analyzed last
    std::vector<AssumedAction> m_assumed;     // a what-if's actions; empty: the keys as they are
    std::shared_ptr<const Catalog> m_shown;   // the catalog the tree was computed on (a what-if's copy)
    QString m_rowText;                        // "public.users id=1"
    ImpactTreeModel *m_model = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_verdict = nullptr;
    QLabel *m_notes = nullptr;
    QTreeView *m_tree = nullptr;
    QSpinBox *m_timeout = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QToolButton *m_deleteScript = nullptr;
    QToolButton *m_insertScript = nullptr;
    QToolButton *m_copyToDatabase = nullptr;  // enabled with m_insertScript
    QToolButton *m_changeOnDelete = nullptr;
    WhatIfBar *m_whatIf = nullptr;
    TimeItPanel *m_timeIt = nullptr;
};

} // namespace fkscope
