#pragma once

#include "ui/script/ScriptGenerators.h"


#include <QMenu>

#include <memory>

namespace fkscope {

class ExplainDialog;
class InferKeysDialog;
class LintDialog;
class OrphansDialog;
class DatabaseSession;

// The Tools menu: Explain Error, Orphans, Lint and Infer Keys, each a dialog made on first use that
// stays (non-modal) beside the window. The dialogs' scripts and table picks come out as
// signals for the window to pass on.
class ToolsMenu : public QMenu {
    Q_OBJECT

public:
    ToolsMenu(DatabaseSession *session, QWidget *window);
    ~ToolsMenu() override;

    ExplainDialog *showExplain();
    OrphansDialog *showOrphans();
    LintDialog *showLint();
    InferKeysDialog *showInferKeys();

Q_SIGNALS:
    void scriptRequested(const fkscope::PanelScript &script);
    void tableActivated(const QString &qualifiedName);
    void focusTablesRequested(const QList<qint64> &tableOids);

private:
    template <typename Dialog>
    Dialog *raise(Dialog *&dialog);

    void showNewDatabase();

    DatabaseSession *m_session = nullptr;
    QWidget *m_window = nullptr;
    QList<QAction *> m_actions;
    ExplainDialog *m_explain = nullptr;
    OrphansDialog *m_orphans = nullptr;
    LintDialog *m_lint = nullptr;
    InferKeysDialog *m_inferKeys = nullptr;
};

} // namespace fkscope
