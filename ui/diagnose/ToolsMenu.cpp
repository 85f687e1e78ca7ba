#include "ui/diagnose/ToolsMenu.h"

#include "ui/diagnose/ExplainDialog.h"
#include "ui/diagnose/InferKeysDialog.h"
#include "ui/diagnose/LintDialog.h"
#include "ui/diagnose/OrphansDialog.h"
#include "ui/session/DatabaseSession.h"

namespace fkscope {

ToolsMenu::ToolsMenu(DatabaseSession *session, QWidget *window)
    : QMenu(tr("&Tools"), window), m_session(session), m_window(window)
{
    connect(session, &DatabaseSession::databaseChanged, this, &ToolsMenu::showNewDatabase);
    setObjectName(QStringLiteral("toolsMenu"));
    QAction *explain = addAction(tr("&Explain Error…"), this, &ToolsMenu::showExplain);
    explain->setObjectName(QStringLiteral("explainAction"));
    explain->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction *orphans = addAction(tr("&Orphans…"), this, &ToolsMenu::showOrphans);
    orphans->setObjectName(QStringLiteral("orphansAction"));
    QAction *lint = addAction(tr("&Lint…"), this, &ToolsMenu::showLint);
    lint->setObjectName(QStringLiteral("lintAction"));
    QAction *inferKeys = addAction(tr("Infer &Keys…"), this, &ToolsMenu::showInferKeys);
    inferKeys->setObjectName(QStringLiteral("inferKeysAction"));
    m_actions = {explain, orphans, lint, inferKeys};
    for (QAction *action : std::as_const(m_actions))
        action->setEnabled(false);
}

ToolsMenu::~ToolsMenu() = default;

// The dialogs follow the session themselves (ToolDialog).
void ToolsMenu::showNewDatabase()
{
    for (QAction *action : std::as_const(m_actions))
        action->setEnabled(m_session->hasDatabase());
}

template <typename Dialog>
Dialog *ToolsMenu::raise(Dialog *&dialog)
{
    if (!dialog) {
        dialog = new Dialog(m_session, m_window);
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

InferKeysDialog *ToolsMenu::showInferKeys()
{
    const bool fresh = !m_inferKeys;
    raise(m_inferKeys);
    if (fresh)
        m_inferKeys->infer();
    return m_inferKeys;
}

} // namespace fkscope
