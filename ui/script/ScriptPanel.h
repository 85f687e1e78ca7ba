#pragma once

#include "ui/common/PaletteColours.h"
#include "ui/script/ScriptGenerators.h"

#include "script/ScriptRunner.h"

#include <QWidget>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace fkscope {

class DatabaseSession;
class DatabaseWorker;

// What a run of a script changed, and where: the confirmation names the database and user.
struct ScriptRunReport {
    ScriptRun run;
    QString database;
    QString user;
};

// The "Scripts" view: one script at a time, highlighted and read-only, with Copy, Save As,
// Dry run (always rolled back: the server's per-table counts, or its exact error) and Execute
// (a fresh dry run first, then a confirmation naming the database, the user and the counts;
// only then the script runs and commits). Writing and running happen on a worker thread and
// can be cancelled.
class ScriptPanel : public QWidget {
    Q_OBJECT

public:
    explicit ScriptPanel(DatabaseSession *session, QWidget *parent = nullptr);
    ~ScriptPanel() override;

    // Writes a script off the UI thread, then shows it. what: "the delete script of users id=1".
    void generate(const QString &what, const ScriptGenerator &generator);
    void showScript(const PanelScript &script);
    const PanelScript &script() const { return m_script; }
    bool isBusy() const;

    void dryRun();
    void execute();  // a dry run, then the confirmation
    void cancel();

Q_SIGNALS:
    // A new script is on the panel (the window brings the panel forward).
    void scriptShown();

private:
    QWidget *createButtons();
    void showNewDatabase();
    void startRun(bool commit, const SqlScript &script);
    void showRun(const ScriptRunReport &report, bool committed);
    void confirmExecute(const SqlScript &script, const ScriptRunReport &dryRun);
    void copy();
    void saveAs();
    void setStatus(const QString &text, PaletteColours::Tint tint);
    void setBusy(const QString &what);
    void updateButtons();

    DatabaseSession *m_session = nullptr;
    DatabaseWorker *m_worker = nullptr;
    PanelScript m_script;
    QLabel *m_title = nullptr;
    QLabel *m_status = nullptr;
    PaletteColours::Tint m_statusTint = PaletteColours::Tint::Neutral;
    QPlainTextEdit *m_text = nullptr;
    QTreeWidget *m_changes = nullptr;
    QPushButton *m_dryRun = nullptr;
    QPushButton *m_execute = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_save = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace fkscope
