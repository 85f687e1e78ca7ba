#pragma once

#include "ScriptGenerators.h"

#include "db/ConnInfo.h"
#include "diagnose/Lint.h"

#include <QDialog>

#include <memory>
#include <vector>

class QLabel;
class QPushButton;
class QPlainTextEdit;
class QTreeWidget;

namespace fkscope {

class BusyIndicator;
class DatabaseWorker;

// Tools > Lint: the findings around foreign keys (unindexed keys with their CREATE INDEX
// CONCURRENTLY, NOT VALID keys, type mismatches, tables that block every delete), found on a
// worker thread. Double-clicking a finding selects its table.
class LintDialog : public QDialog {
    Q_OBJECT

public:
    explicit LintDialog(QWidget *parent = nullptr);
    ~LintDialog() override;

    void setDatabase(const ConnInfo &info, std::shared_ptr<const Catalog> catalog);
    void lint();

Q_SIGNALS:
    void tableActivated(const QString &qualifiedName);
    void scriptRequested(const fkscope::PanelScript &script);

private:
    void showFindings(const std::vector<LintFinding> &findings);
    void openIndexScript();

    DatabaseWorker *m_worker = nullptr;
    std::shared_ptr<const Catalog> m_catalog;
    std::vector<LintFinding> m_findings;
    QTreeWidget *m_list = nullptr;
    QPlainTextEdit *m_detail = nullptr;
    QLabel *m_message = nullptr;
    BusyIndicator *m_busy = nullptr;
    QPushButton *m_indexScript = nullptr;
};

} // namespace fkscope
