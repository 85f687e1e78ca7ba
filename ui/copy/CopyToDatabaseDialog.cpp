#include "ui/copy/CopyToDatabaseDialog.h"

#include "ui/session/DatabaseSession.h"
#include "ui/session/DatabaseWorker.h"

#include "copy/RowCopier.h"
#include "db/Connection.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QMutex>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace fkscope {

// The worker's last progress report, for the UI thread to poll: no signal reaches a dialog
// that may be gone by the time the worker reports.
struct CopyProgressBox {
    QMutex mutex;
    CopyProgress progress;
    bool fresh = false;
};

namespace {

const char *const recentTargetsKey = "copy/recentTargets";
enum CopyResultColumn { CopyTableColumn, CopyRowsColumn, CopyCopiedColumn, CopySkippedColumn, CopyUpdatedColumn };

QString rowsText(qint64 rows)
{
    return rows == 1 ? CopyToDatabaseDialog::tr("1 row") : CopyToDatabaseDialog::tr("%L1 rows").arg(rows);
}

// A form row whose field is known to screen readers by its label's words.
void addLabelledRow(QFormLayout *form, const QString &label, QWidget *field)
{
    QString name = label;
    name.remove(QLatin1Char('&'));
    if (name.endsWith(QLatin1Char(':')))
        name.chop(1);
    field->setAccessibleName(name);
    form->addRow(label, field);
}

} // namespace

CopyToDatabaseDialog::CopyToDatabaseDialog(DatabaseSession *session, const DeleteRoot &root, const QString &rowText,
                                           QWidget *parent)
    : QDialog(parent), m_session(session), m_root(root), m_rowText(rowText),
      m_progressBox(std::make_shared<CopyProgressBox>())
{
    setObjectName(QStringLiteral("copyToDatabaseDialog"));
    setWindowTitle(tr("Copy to Database"));
    m_worker = new DatabaseWorker(session, QStringLiteral("copyThread"), this);
    m_confirm = [this](const QString &question) {
        return QMessageBox::question(this, tr("Copy to Database"), question) == QMessageBox::Yes;
    };

    auto *intro = new QLabel(tr("Copies %1 and every row it needs, parents first, into another database, in one "
                                "transaction there: all the rows or none.").arg(rowText.toHtmlEscaped()), this);
    intro->setWordWrap(true);

    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("copyTarget"));
    m_target->setEditable(true);
    m_target->setToolTip(tr("A connection string, as psql takes: host=… dbname=… or postgresql://…"));
    // Without passwords: those come from ~/.pgpass or the string typed now.
    m_target->addItems(QSettings().value(QLatin1String(recentTargetsKey)).toStringList());
    m_target->setCurrentText(QString());
    m_extent = new QComboBox(this);
    m_extent->setObjectName(QStringLiteral("copyExtent"));
    m_extent->addItems({tr("The row and its parents"), tr("The row, its dependents and all their parents")});
    m_onConflict = new QComboBox(this);
    m_onConflict->setObjectName(QStringLiteral("copyOnConflict"));
    m_onConflict->addItems({tr("Stop and roll back"), tr("Skip them"), tr("Update them")});
    auto *form = new QFormLayout;
    addLabelledRow(form, tr("&Target database:"), m_target);
    // An editable combo box is read out by its text (the connection string) unless its line
    // edit has a name of its own.
    m_target->lineEdit()->setAccessibleName(m_target->accessibleName());
    addLabelledRow(form, tr("&Rows to copy:"), m_extent);
    addLabelledRow(form, tr("Rows the target already &has:"), m_onConflict);

    m_count = new QPushButton(tr("C&ount Rows"), this);
    m_count->setObjectName(QStringLiteral("copyCountButton"));
    m_count->setAccessibleName(tr("Count rows"));
    m_count->setToolTip(tr("Find the rows and check the target's tables, without writing"));
    m_copy = new QPushButton(tr("&Copy"), this);
    m_copy->setObjectName(QStringLiteral("copyRunButton"));
    m_copy->setAccessibleName(tr("Copy"));
    m_cancel = new QPushButton(tr("Cancel Cop&y"), this);
    m_cancel->setObjectName(QStringLiteral("copyCancelButton"));
    m_cancel->setAccessibleName(tr("Cancel copy"));
    m_cancel->setToolTip(tr("Stop; the target's transaction is rolled back"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_count);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_cancel);
    buttons->addStretch();

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("copyProgress"));
    m_progress->setAccessibleName(tr("Rows copied"));
    showIdleProgress(QString());
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("copyStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_result = new QTableWidget(0, 5, this);
    m_result->setObjectName(QStringLiteral("copyResult"));
    m_result->setAccessibleName(tr("Rows per table"));
    m_result->setHorizontalHeaderLabels({tr("Table"), tr("Rows"), tr("Copied"), tr("Skipped"), tr("Updated")});
    m_result->horizontalHeader()->setSectionResizeMode(CopyTableColumn, QHeaderView::Stretch);
    m_result->verticalHeader()->hide();
    m_result->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_result, 1);
    layout->addWidget(close);
    resize(640, 480);

    m_poll = new QTimer(this);
    m_poll->setInterval(100);
    connect(m_poll, &QTimer::timeout, this, &CopyToDatabaseDialog::showProgress);
    connect(m_count, &QPushButton::clicked, this, [this] { start(true); });
    connect(m_copy, &QPushButton::clicked, this, [this] { start(false); });
    connect(m_cancel, &QPushButton::clicked, this, &CopyToDatabaseDialog::cancel);
    // A count is for the settings it was made with.
    connect(m_target, &QComboBox::currentTextChanged, this, [this] { m_countedRows.reset(); });
    connect(m_extent, &QComboBox::currentIndexChanged, this, [this] { m_countedRows.reset(); });
    setRunning(false);
    showStatus(tr("Enter the target database, then count the rows or copy them."));
}

CopyToDatabaseDialog::~CopyToDatabaseDialog()
{
    m_worker->cancel();  // a copy still running rolls back
}

void CopyToDatabaseDialog::setTarget(const QString &connInfo)
{
    m_target->setCurrentText(connInfo);
}

std::optional<CopyRequest> CopyToDatabaseDialog::request(bool dryRun) const
{
    CopyRequest request;
    request.root = m_root;
    request.withDependents = m_extent->currentIndex() == 1;
    request.onConflict = m_onConflict->currentIndex() == 1   ? OnConflict::Skip
                         : m_onConflict->currentIndex() == 2 ? OnConflict::Update
                                                             : OnConflict::Fail;
    request.dryRun = dryRun;
    return request;
}

void CopyToDatabaseDialog::start(bool dryRun)
{
    auto info = ConnInfo::parse(m_target->currentText().trimmed());
    if (m_target->currentText().trimmed().isEmpty() || !info) {
        showStatus(info ? tr("Enter the target database's connection string first.")
                        : tr("The target's connection string is not valid: %1").arg(info.error().message));
        return;
    }
    auto catalog = m_session->catalog();
    if (!catalog)
        return;
    const ConnInfo target = info.value();
    // The count of the last Count Rows, when nothing has changed since.
    const QString counted = m_countedRows ? tr(" (%1 by the last count)").arg(rowsText(*m_countedRows)) : QString();
    if (!dryRun && !m_confirm(tr("Copy %1 and the rows it needs%3 into %2?\n\nThis writes to that database, in one "
                                 "transaction: all the rows or none.")
                                  .arg(m_rowText, target.summary(), counted)))
        return;
    // Remember the target without its password.
    QStringList recent = QSettings().value(QLatin1String(recentTargetsKey)).toStringList();
    recent.removeAll(target.toStringWithoutPassword());
    recent.prepend(target.toStringWithoutPassword());
    QSettings().setValue(QLatin1String(recentTargetsKey), recent.mid(0, 8));

    const CopyRequest copyRequest = *request(dryRun);
    auto box = m_progressBox;
    {
        QMutexLocker lock(&box->mutex);
        box->fresh = false;
    }
    m_result->setRowCount(0);
    m_progress->setTextVisible(false);
    m_progress->setRange(0, 0);  // busy until the rows are known
    showStatus(dryRun ? tr("Finding the rows…") : tr("Finding the rows, then copying…"));
    setRunning(true);
    m_poll->start();
    m_worker->run<CopyReport>(
        [catalog, copyRequest, target, box](Connection &source) -> Result<CopyReport> {
            auto targetConnection = Connection::open(target);
            if (!targetConnection) {
                Error error = targetConnection.error();
                error.message = tr("cannot connect to the target: %1").arg(error.message);
                return error;
            }
            RowCopier copier(source, *catalog, *targetConnection.value());
            copier.setProgressHandler([box](const CopyProgress &progress) {
                QMutexLocker lock(&box->mutex);
                box->progress = progress;
                box->fresh = true;
            });
            return copier.run(copyRequest);
        },
        [this](const Result<CopyReport> &report) {
            if (report)
                showReport(report.value());
            else
                showFailure(report.error());
        },
        dryRun ? DatabaseWorker::Rerun::Allowed : DatabaseWorker::Rerun::Never);
}

void CopyToDatabaseDialog::cancel()
{
    m_worker->cancel();
    m_poll->stop();
    setRunning(false);
    showIdleProgress(QString());
    showStatus(tr("Cancelled: the target's transaction is rolled back, nothing was copied."));
}

void CopyToDatabaseDialog::showProgress()
{
    CopyProgress progress;
    {
        QMutexLocker lock(&m_progressBox->mutex);
        if (!m_progressBox->fresh)
            return;
        progress = m_progressBox->progress;
        m_progressBox->fresh = false;
    }
    // QProgressBar counts in int; a closure of billions of rows is shown in thousands.
    const int scale = progress.rowsTotal > 1000000000 ? 1000 : 1;
    m_progress->setRange(0, int(progress.rowsTotal / scale));
    m_progress->setValue(int(progress.rowsDone / scale));
    m_progress->setFormat(tr("%1 of %2").arg(QLocale().toString(progress.rowsDone), rowsText(progress.rowsTotal)));
    m_progress->setTextVisible(true);
    const double rate = progress.seconds > 0 ? double(progress.rowsDone) / progress.seconds : 0;
    showStatus(tr("Copying %1 — %L2 rows/s").arg(progress.table).arg(qint64(rate)));
}

void CopyToDatabaseDialog::showReport(const CopyReport &report)
{
    m_poll->stop();
    setRunning(false);
    const qint64 rows = report.total(&CopiedTable::rows);
    if (report.dryRun)
        m_countedRows = rows;
    showIdleProgress(report.dryRun ? tr("%1 to copy").arg(rowsText(rows)) : tr("%1 done").arg(rowsText(rows)));
    m_progress->setValue(report.dryRun ? 0 : 1);
    m_result->setRowCount(int(report.tables.size()));
    for (int row = 0; row < int(report.tables.size()); ++row) {
        const CopiedTable &t = report.tables[size_t(row)];
        const qint64 values[] = {t.rows, t.copied, t.skipped, t.updated};
        m_result->setItem(row, CopyTableColumn, new QTableWidgetItem(t.table));
        for (int column = CopyRowsColumn; column <= CopyUpdatedColumn; ++column) {
            auto *item = new QTableWidgetItem(QLocale().toString(values[column - CopyRowsColumn]));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_result->setItem(row, column, item);
        }
    }
    const QString tables = report.tables.size() == 1 ? tr("1 table") : tr("%L1 tables").arg(report.tables.size());
    // Which of the rows the target has already is found as they arrive there, not before.
    showStatus(report.dryRun
                   ? tr("%1 in %2 would be copied into %3; its tables have the columns they need. Rows it has "
                        "already are found when copying, and handled as “Rows the target already has” says.")
                         .arg(rowsText(rows), tables, report.target)
                   : tr("Copied %1 into %2 (%L3 skipped, %L4 updated) in %5 s.")
                         .arg(rowsText(report.total(&CopiedTable::copied)), report.target)
                         .arg(report.total(&CopiedTable::skipped))
                         .arg(report.total(&CopiedTable::updated))
                         .arg(report.seconds, 0, 'f', 1));
}

void CopyToDatabaseDialog::showFailure(const Error &error)
{
    m_poll->stop();
    setRunning(false);
    showIdleProgress(QString());
    QString text = tr("Nothing was copied: %1").arg(describeError(error));
    if (isRowTargetAlreadyHas(error) && m_onConflict->currentIndex() == 0)  // stopping at them
        text += tr(". To copy past the rows it has, choose “Skip them” or “Update them” under “Rows the target "
                   "already has”.");
    showStatus(text);
}

void CopyToDatabaseDialog::showStatus(const QString &text)
{
    m_status->setText(text);
    m_status->setAccessibleDescription(text);
}

void CopyToDatabaseDialog::showIdleProgress(const QString &text)
{
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(text);
    m_progress->setTextVisible(!text.isEmpty());
}

void CopyToDatabaseDialog::setRunning(bool running)
{
    m_count->setEnabled(!running);
    m_copy->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_target->setEnabled(!running);
    m_extent->setEnabled(!running);
    m_onConflict->setEnabled(!running);
}

} // namespace fkscope
