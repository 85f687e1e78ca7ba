#include "ToolsMenu.h"

#include "ExplainDialog.h"
#include "LintDialog.h"
#include "OrphansDialog.h"

namespace fkscope {

ToolsMenu::ToolsMenu(QWidget *window) : QMenu(tr("&Tools"), window), m_window(window)
{
    setObjectName(QStringLiteral("toolsMenu"));
    QAction *explain = addAction(tr("&Explain Error…"), this, &ToolsMenu::showExplain);
    explain->setObjectName(QStringLiteral("explainAction"));
    explain->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction *orphans = addAction(tr("&Orphans…"), this, &ToolsMenu::showOrphans);
    orphans->setObjectName(QStringLiteral("orphansAction"));
    QAction *lint = addAction(tr("&Lint…"), this, &ToolsMenu::showLint);
    lint->setObjectName(QStringLiteral("lintAction"));
    m_actions = {explain, orphans, lint};
    for (QAction *action : std::as_const(m_actions))
        action->setEnabled(false);
}

ToolsMenu::~ToolsMenu() = default;

void ToolsMenu::setDatabase(const ConnInfo &info, std::shared_ptr<const Catalog> catalog)
{
    m_info = info;
    m_catalog = std::move(catalog);
    for (QAction *action : std::as_const(m_actions))
        action->setEnabled(m_catalog != nullptr);
    if (m_explain)
        m_explain->setDatabase(m_info, m_catalog);
    if (m_orphans)
        m_orphans->setDatabase(m_info, m_catalog);
    if (m_lint)
        m_lint->setDatabase(m_info, m_catalog);
    // A dialog left open shows the new database's answers, not an empty list.
    if (m_orphans && m_orphans->isVisible())
        m_orphans->checkNotValidKeys();
    if (m_lint && m_lint->isVisible())
        m_lint->lint();
}

template <typename Dialog>
Dialog *ToolsMenu::raise(Dialog *&dialog)
{
    if (!dialog) {
        dialog = new Dialog(m_window);
        dialog->setDatabase(m_info, m_catalog);
        connect(dialog, &Dialog::scriptRequested, this, &ToolsMenu::scriptRequested);
        // The script shows in the main window's Scripts view: the dialog steps aside so that it
        // does not cover the dry run's result. Tools brings it back as it was.
        connect(dialog, &Dialog::scriptRequested, dialog, &QWidget::hide);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

ExplainDialog *ToolsMenu::showExplain()
{
    const bool fresh = !m_explain;
    raise(m_explain);
    if (fresh)
        connect(m_explain, &ExplainDialog::focusTablesRequested, this, &ToolsMenu::focusTablesRequested);
    return m_explain;
}

OrphansDialog *ToolsMenu::showOrphans()
{
    const bool fresh = !m_orphans;
    raise(m_orphans);
    if (fresh)
        m_orphans->checkNotValidKeys();
    return m_orphans;
}

LintDialog *ToolsMenu::showLint()
{
    const bool fresh = !m_lint;
    raise(m_lint);
    if (fresh) {
        connect(m_lint, &LintDialog::tableActivated, this, &ToolsMenu::tableActivated);
        m_lint->lint();
    }
    return m_lint;
}

} // namespace fkscope
