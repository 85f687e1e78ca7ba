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
    m_target->setAccessibleName(tr("Target database"));
    m_target->setEditable(true);
    m_target->setToolTip(tr("A connection string, as psql takes: host=… dbname=… or postgresql://…"));
    // Without passwords: those come from ~/.pgpass or the string typed now.
    m_target->addItems(QSettings().value(QLatin1String(recentTargetsKey)).toStringList());
    m_target->setCurrentText(QString());
    m_extent = new QComboBox(this);
    m_extent->setObjectName(QStringLiteral("copyExtent"));
    m_extent->setAccessibleName(tr("Rows to copy"));
    m_extent->addItems({tr("The row and its parents"), tr("The row, its dependents and all their parents")});
    m_onConflict = new QComboBox(this);
    m_onConflict->setObjectName(QStringLiteral("copyOnConflict"));
    m_onConflict->setAccessibleName(tr("Rows the target has already"));
    m_onConflict->addItems({tr("Stop and roll back"), tr("Skip them"), tr("Update them")});
    auto *form = new QFormLayout;
    form->addRow(tr("&Target database:"), m_target);
    form->addRow(tr("&Rows:"), m_extent);
    form->addRow(tr("Rows the target &has:"), m_onConflict);

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
    m_progress->setFormat(tr("%v of %m rows"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
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
    setRunning(false);
    m_status->setText(tr("Enter the target database, then count the rows or copy them."));
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
        showFailure(info ? tr("Enter the target database's connection string.") : info.error().message);
        return;
    }
    auto catalog = m_session->catalog();
    if (!catalog)
        return;
    const ConnInfo target = info.value();
    if (!dryRun && !m_confirm(tr("Copy %1 and the rows it needs into %2?\n\nThis writes to that database, in one "
                                 "transaction: all the rows or none.")
                                  .arg(m_rowText, target.summary())))
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
    m_progress->setRange(0, 0);  // busy until the rows are known
    m_status->setText(dryRun ? tr("Finding the rows…") : tr("Finding the rows, then copying…"));
    m_status->setAccessibleDescription(m_status->text());
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
                showFailure(describeError(report.error()));
        },
        dryRun ? DatabaseWorker::Rerun::Allowed : DatabaseWorker::Rerun::Never);
}

void CopyToDatabaseDialog::cancel()
{
    m_worker->cancel();
    m_poll->stop();
    setRunning(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status->setText(tr("Cancelled: the target's transaction is rolled back, nothing was copied."));
    m_status->setAccessibleDescription(m_status->text());
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
    const double rate = progress.seconds > 0 ? double(progress.rowsDone) / progress.seconds : 0;
    m_status->setText(tr("Copying %1 — %L2 rows/s").arg(progress.table).arg(qint64(rate)));
    m_status->setAccessibleDescription(m_status->text());
}

void CopyToDatabaseDialog::showReport(const CopyReport &report)
{
    m_poll->stop();
    setRunning(false);
    const qint64 rows = report.total(&CopiedTable::rows);
    m_progress->setRange(0, 1);
    m_progress->setValue(report.dryRun ? 0 : 1);
    m_progress->setFormat(report.dryRun ? tr("%L1 rows to copy").arg(rows) : tr("%L1 rows done").arg(rows));
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
    m_status->setText(report.dryRun
                          ? tr("%L1 rows in %2 tables would be copied into %3; its tables have the columns they need.")
                                .arg(rows).arg(report.tables.size()).arg(report.target)
                          : tr("Copied %L1 rows into %2 (%L3 skipped, %L4 updated) in %5 s.")
                                .arg(report.total(&CopiedTable::copied))
                                .arg(report.target)
                                .arg(report.total(&CopiedTable::skipped))
                                .arg(report.total(&CopiedTable::updated))
                                .arg(report.seconds, 0, 'f', 1));
    m_status->setAccessibleDescription(m_status->text());
}

void CopyToDatabaseDialog::showFailure(const QString &message)
{
    m_poll->stop();
    setRunning(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status->setText(tr("Nothing was copied: %1").arg(message));
    m_status->setAccessibleDescription(m_status->text());
}

void CopyToDatabaseDialog::setRunning(bool running)
{
    m_count->setEnabled(!running);
    m_copy->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_target->setEnabled(!running);
    m_extent->setEnabled(!running);
    m_onConflict->setEnabled(!running);
    if (running)
        m_progress->setFormat(tr("%v of %m rows"));
}

} // namespace fkscope
