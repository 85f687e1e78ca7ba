#pragma once

#include "ui/script/ScriptGenerators.h"

#include "diagnose/Lint.h"

#include "ui/diagnose/ToolDialog.h"

#include <memory>
#include <vector>

class QLabel;
class QPushButton;
class QPlainTextEdit;
class QTreeWidget;

namespace fkscope {


// Tools > Lint: the findings around foreign keys (unindexed keys with their CREATE INDEX
// CONCURRENTLY, NOT VALID keys, type mismatches, tables that block every delete), found on a
// worker thread. Double-clicking a finding selects its table.
class LintDialog : public ToolDialog {
    Q_OBJECT

public:
    explicit LintDialog(DatabaseSession *session, QWidget *parent = nullptr);
    ~LintDialog() override;

    void lint();

Q_SIGNALS:
    void tableActivated(const QString &qualifiedName);
    void scriptRequested(const fkscope::PanelScript &script);

private:
    void showNewDatabase() override;
    void showCancelled() override;
    void showFindings(const std::vector<LintFinding> &findings);
    void openIndexScript();

    std::vector<LintFinding> m_findings;
    QTreeWidget *m_list = nullptr;
    QPlainTextEdit *m_detail = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_indexScript = nullptr;
};

} // namespace fkscope
