#include "ui/script/ScriptPanel.h"

#include "ui/common/PaletteColours.h"

#include "ui/session/DatabaseWorker.h"
#include "ui/script/SqlHighlighter.h"
#include "ui/session/DatabaseSession.h"

#include "db/Connection.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace fkscope {

namespace {

using PaletteColours::Tint;

QString changeSummary(const ScriptRun &run)
{
    qint64 inserted = 0, updated = 0, deleted = 0;
    for (const TableChange &change : run.changes) {
        inserted += change.inserted;
        updated += change.updated;
        deleted += change.deleted;
    }
    const QLocale locale;
    return ScriptPanel::tr("%1 rows deleted, %2 updated, %3 inserted in %4 tables")
        .arg(locale.toString(deleted), locale.toString(updated), locale.toString(inserted))
        .arg(run.changes.size());
}

// "public.orders: 3 deleted, 1 updated", one line per table.
QString changeLines(const ScriptRun &run)
{
    QStringList lines;
    const QLocale locale;
    for (const TableChange &change : run.changes) {
        QStringList parts;
        if (change.deleted)
            parts << ScriptPanel::tr("%1 deleted").arg(locale.toString(change.deleted));
        if (change.updated)
            parts << ScriptPanel::tr("%1 updated").arg(locale.toString(change.updated));
        if (change.inserted)
            parts << ScriptPanel::tr("%1 inserted").arg(locale.toString(change.inserted));
        lines << QStringLiteral("%1: %2").arg(change.table, parts.join(QStringLiteral(", ")));
    }
    return lines.isEmpty() ? ScriptPanel::tr("no rows") : lines.join(QLatin1Char('\n'));
}

QPushButton *button(const QString &text, const QString &objectName, const QString &accessibleName, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(objectName);
    b->setAccessibleName(accessibleName);
    return b;
}

} // namespace

ScriptPanel::ScriptPanel(DatabaseSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_worker(new DatabaseWorker(session, QStringLiteral("scriptThread"), this))
{
    connect(session, &DatabaseSession::databaseChanged, this, &ScriptPanel::showNewDatabase);
    setObjectName(QStringLiteral("scriptPanel"));

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("scriptTitle"));
    m_title->setTextFormat(Qt::PlainText);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("scriptStatus"));
    // A named QLabel hides its text from screen readers in Qt 6.4: the status is the description.
    m_status->setAccessibleName(tr("Script status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setAutoFillBackground(true);
    m_status->setMargin(8);

    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("scriptText"));
    m_text->setAccessibleName(tr("Script"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new SqlHighlighter(m_text);

    m_changes = new QTreeWidget(this);
    m_changes->setObjectName(QStringLiteral("scriptChanges"));
    m_changes->setAccessibleName(tr("Changes"));
    m_changes->setHeaderLabels({tr("Table"), tr("Deleted"), tr("Updated"), tr("Inserted")});
    m_changes->setRootIsDecorated(false);
    m_changes->setAlternatingRowColors(true);
    m_changes->header()->setStretchLastSection(false);
    m_changes->header()->setSectionResizeMode(0, QHeaderView::Stretch);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_text);
    splitter->addWidget(m_changes);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(createButtons());
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);

    connect(m_worker, &DatabaseWorker::cancelled, this, [this] {
        setBusy(QString());
        setStatus(tr("Cancelled. A script that was running was rolled back; nothing was changed."), Tint::Neutral);
    });
    showScript(PanelScript());
    setBusy(QString());
    setStatus(tr("No script yet. Write one from the Dependents of a row, or from Tools."), Tint::Neutral);
}

ScriptPanel::~ScriptPanel() = default;

QWidget *ScriptPanel::createButtons()
{
    auto *bar = new QWidget(this);
    m_dryRun = button(tr("&Dry Run"), QStringLiteral("dryRunScript"), tr("Dry run"), bar);
    m_dryRun->setToolTip(tr("Run the script in a transaction that is always rolled back, and count what it changes"));
    m_execute = button(tr("&Execute…"), QStringLiteral("executeScript"), tr("Execute"), bar);
    m_execute->setToolTip(tr("Run the script and commit it, after a dry run and your confirmation"));
    m_copy = button(tr("&Copy"), QStringLiteral("copyScript"), tr("Copy script"), bar);
    m_save = button(tr("&Save As…"), QStringLiteral("saveScript"), tr("Save script"), bar);
    m_progress = new QProgressBar(bar);
    m_progress->setObjectName(QStringLiteral("scriptProgress"));
    m_progress->setAccessibleName(tr("Script running"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setFixedWidth(90);
    m_cancel = button(tr("Cancel"), QStringLiteral("cancelScript"), tr("Cancel script"), bar);

    connect(m_dryRun, &QPushButton::clicked, this, &ScriptPanel::dryRun);
    connect(m_execute, &QPushButton::clicked, this, &ScriptPanel::execute);
    connect(m_copy, &QPushButton::clicked, this, &ScriptPanel::copy);
    connect(m_save, &QPushButton::clicked, this, &ScriptPanel::saveAs);
    connect(m_cancel, &QPushButton::clicked, this, &ScriptPanel::cancel);

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_dryRun);
    layout->addWidget(m_execute);
    layout->addSpacing(12);
    layout->addWidget(m_copy);
    layout->addWidget(m_save);
    layout->addStretch(1);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel);
    return bar;
}

void ScriptPanel::showNewDatabase()
{
    setBusy(QString());
    showScript(PanelScript());
    setStatus(tr("No script yet. Write one from the Dependents of a row, or from Tools."), Tint::Neutral);
}

bool ScriptPanel::isBusy() const
{
    return m_worker->isBusy();
}

void ScriptPanel::generate(const QString &what, const ScriptGenerator &generator)
{
    if (!m_session->hasDatabase())
        return;
    showScript(PanelScript());
    m_title->setText(what);
    setStatus(tr("Writing %1…").arg(what), Tint::Neutral);
    m_worker->run<PanelScript>(
        [generator, catalog = m_session->catalog()](Connection &connection) { return generator(connection, *catalog); },
        [this, what](const Result<PanelScript> &written) {
            setBusy(QString());
            if (!written) {
                setStatus(tr("Could not write %1: %2").arg(what, describeError(written.error())), Tint::Failing);
                return;
            }
            showScript(written.value());
        });
    setBusy(tr("Writing"));
    Q_EMIT scriptShown();
}

void ScriptPanel::showScript(const PanelScript &script)
{
    if (m_worker->isBusy())
        m_worker->cancel();
    m_script = script;
    m_title->setText(script.title.isEmpty() ? tr("Scripts") : script.title);
    m_text->setPlainText(script.sql());
    m_changes->clear();
    if (script.isTextOnly()) {
        setStatus(tr("This script runs its own transactions, so fkscope does not dry-run or execute it: save it and "
                     "run it with psql -v ON_ERROR_STOP=1 -f."),
                  Tint::Neutral);
    } else if (script.forAnotherDatabase && script.script.isRunnable()) {
        setStatus(tr("This script inserts rows this database already has, so fkscope does not run it here: save it "
                     "and run it on another database, or use Copy to Database… to move the rows there at once."),
                  Tint::Neutral);
    } else if (!script.script.isRunnable()) {
        setStatus(tr("No safe script: %1").arg(script.script.refusal), Tint::Failing);
    } else if (!script.script.statements.empty()) {
        setStatus(tr("Not run yet. Dry run shows what it would change, and rolls back."), Tint::Neutral);
    }
    updateButtons();
    if (!script.title.isEmpty())
        Q_EMIT scriptShown();
}

void ScriptPanel::dryRun()
{
    if (m_script.isRunnable())
        startRun(false, m_script.script);
}

void ScriptPanel::execute()
{
    if (!m_script.isRunnable())
        return;
    // The confirmation shows the counts of a dry run taken just now, not of an older one.
    const SqlScript script = m_script.script;
    setStatus(tr("Dry run before executing…"), Tint::Neutral);
    m_worker->run<ScriptRunReport>(
        [script, catalog = m_session->catalog()](Connection &connection) -> Result<ScriptRunReport> {
            auto run = ScriptRunner(connection, *catalog).dryRun(script);
            if (!run)
                return run.error();
            return ScriptRunReport{run.take(), connection.databaseName(), connection.userName()};
        },
        [this, script](const Result<ScriptRunReport> &report) {
            setBusy(QString());
            if (!report) {
                setStatus(tr("The dry run failed, so the script was not executed: %1").arg(describeError(report.error())),
                          Tint::Failing);
                return;
            }
            showRun(report.value(), false);
            confirmExecute(script, report.value());
        });
    setBusy(tr("Dry run"));
}

void ScriptPanel::confirmExecute(const SqlScript &script, const ScriptRunReport &dryRun)
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Execute the script?"),
                                tr("Execute this script on database \"%1\" as user \"%2\" and commit it?")
                                    .arg(dryRun.database, dryRun.user),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmExecute"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("A dry run just now changed:\n%1\n\nIt was rolled back. Rows may change before the "
                               "script runs; the panel shows what the real run changed.")
                                .arg(changeLines(dryRun.run)));
    QPushButton *go = box->addButton(tr("Execute and Commit"), QMessageBox::AcceptRole);
    go->setObjectName(QStringLiteral("confirmExecuteButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [this, box, go, script] {
        if (box->clickedButton() == go)
            startRun(true, script);
        else
            setStatus(tr("Not executed: nothing was changed. (The counts below are from the dry run.)"), Tint::Neutral);
    });
    box->open();
}

void ScriptPanel::startRun(bool commit, const SqlScript &script)
{
    setStatus(commit ? tr("Executing…") : tr("Dry run…"), Tint::Neutral);
    m_changes->clear();
    m_worker->run<ScriptRunReport>(
        [script, commit, catalog = m_session->catalog()](Connection &connection) -> Result<ScriptRunReport> {
            ScriptRunner runner(connection, *catalog);
            auto run = commit ? runner.execute(script) : runner.dryRun(script);
            if (!run)
                return run.error();
            return ScriptRunReport{run.take(), connection.databaseName(), connection.userName()};
        },
        [this, commit](const Result<ScriptRunReport> &report) {
            setBusy(QString());
            if (report) {
                showRun(report.value(), commit);
                return;
            }
            QString what = commit ? tr("The script failed and was rolled back; nothing was changed: %1")
                                  : tr("The dry run failed: %1");
            // A run that commits is never repeated on a new connection: it may have committed.
            if (commit && report.error().isConnectionLost())
                what = tr("The connection to the server was lost while the script ran, and fkscope did not run it "
                          "again: %1. PostgreSQL rolls back a transaction whose connection ends before COMMIT; if "
                          "it ended during COMMIT, look at the data to see whether the changes are there.");
            setStatus(what.arg(describeError(report.error())), Tint::Failing);
        },
        commit ? DatabaseWorker::Rerun::Never : DatabaseWorker::Rerun::Allowed);
    setBusy(commit ? tr("Executing") : tr("Dry run"));
}

void ScriptPanel::showRun(const ScriptRunReport &report, bool committed)
{
    m_changes->clear();
    const QLocale locale;
    for (const TableChange &change : report.run.changes) {
        auto *item = new QTreeWidgetItem(m_changes, {change.table, locale.toString(change.deleted),
                                                     locale.toString(change.updated), locale.toString(change.inserted)});
        for (int column = 1; column < 4; ++column)
            item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
    }
    m_changes->resizeColumnToContents(0);
    if (committed) {
        setStatus(tr("Executed and committed on %1 as %2: %3.").arg(report.database, report.user, changeSummary(report.run)),
                  Tint::Warning);
    } else {
        setStatus(tr("Dry run on %1, rolled back: %2. Nothing was changed.")
                      .arg(report.database, changeSummary(report.run)),
                  Tint::Passing);
    }
}

void ScriptPanel::cancel()
{
    m_worker->cancel();
}

void ScriptPanel::copy()
{
    QApplication::clipboard()->setText(m_text->toPlainText());
}

void ScriptPanel::saveAs()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Script"), QString(), tr("SQL scripts (*.sql)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(m_text->toPlainText().toUtf8());
        if (file.commit()) {
            setStatus(tr("Saved to %1. Run it with psql -v ON_ERROR_STOP=1 -f.").arg(path), m_statusTint);
            return;
        }
    }
    setStatus(tr("Could not save %1: %2").arg(path, file.errorString()), Tint::Failing);
}

void ScriptPanel::setStatus(const QString &text, PaletteColours::Tint tint)
{
    m_status->setText(text);
    m_status->setAccessibleDescription(text);
    m_status->setPalette(PaletteColours::tinted(palette(), tint));
    m_statusTint = tint;
}

void ScriptPanel::setBusy(const QString &what)
{
    const bool busy = !what.isEmpty();
    m_progress->setVisible(busy);
    m_progress->setToolTip(what);
    m_cancel->setVisible(busy);
    updateButtons();
}

void ScriptPanel::updateButtons()
{
    const bool busy = m_worker->isBusy();
    m_dryRun->setEnabled(!busy && m_script.isRunnable());
    m_execute->setEnabled(!busy && m_script.isRunnable());
    const bool hasText = !m_text->toPlainText().isEmpty();
    m_copy->setEnabled(hasText);
    m_save->setEnabled(hasText);
}

} // namespace fkscope
