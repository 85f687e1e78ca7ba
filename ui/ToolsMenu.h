#pragma once

#include "ScriptGenerators.h"

#include "db/ConnInfo.h"

#include <QMenu>

#include <memory>

namespace fkscope {

class ExplainDialog;
class LintDialog;
class OrphansDialog;

// The Tools menu: Explain Error, Orphans and Lint, each a dialog made on first use that
// stays (non-modal) beside the window. The dialogs' scripts and table picks come out as
// signals for the window to pass on.
class ToolsMenu : public QMenu {
    Q_OBJECT

public:
    explicit ToolsMenu(QWidget *window);
    ~ToolsMenu() override;

    void setDatabase(const ConnInfo &info, std::shared_ptr<const Catalog> catalog);

    ExplainDialog *showExplain();
    OrphansDialog *showOrphans();
    LintDialog *showLint();

Q_SIGNALS:
    void scriptRequested(const fkscope::PanelScript &script);
    void tableActivated(const QString &qualifiedName);
    void focusTablesRequested(const QList<qint64> &tableOids);

private:
    template <typename Dialog>
    Dialog *raise(Dialog *&dialog);

    QWidget *m_window = nullptr;
    ConnInfo m_info;
    std::shared_ptr<const Catalog> m_catalog;
    QList<QAction *> m_actions;
    ExplainDialog *m_explain = nullptr;
    OrphansDialog *m_orphans = nullptr;
    LintDialog *m_lint = nullptr;
};

} // namespace fkscope
