#include "ui/impact/TimeItPanel.h"

#include "ui/impact/ImpactTreeModel.h"
#include "ui/session/DatabaseSession.h"
#include "ui/session/DatabaseWorker.h"

#include "impact/TimedDryRun.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace fkscope {

namespace {

QString msText(double ms)
{
    return QLocale().toString(ms, 'f', 1) + QStringLiteral(" ms");
}

const TimedPass &lastPass(const DryRunTiming &timing)
{
    return timing.after ? *timing.after : timing.before;
}

} // namespace

QString describeTiming(const DryRunTiming &timing)
{
    const TimedPass &before = timing.before;
    if (before.error && before.error->sqlstate == QLatin1String("23503"))
        return TimeItPanel::tr("PostgreSQL stopped the DELETE at a key, so there is no time to show; nothing was "
                               "kept: %1").arg(describeError(*before.error));
    if (before.error)
        return TimeItPanel::tr("The timed DELETE failed, nothing was kept: %1").arg(describeError(*before.error));
    QString text = TimeItPanel::tr("Timed in a transaction that was rolled back: %1 in all").arg(msText(before.totalMs()));
    if (!before.keys.empty()) {
        const KeyTiming &costliest = before.keys.front();
        text += TimeItPanel::tr("; the costliest key, %1, took %2").arg(costliest.constraint, msText(costliest.milliseconds));
        if (!costliest.indexed)
            text += TimeItPanel::tr(" (no index: every parent row scans %1)").arg(costliest.table);
    }
    double others = 0;
    for (const TriggerTiming &t : before.otherTriggers)
        others += t.milliseconds;
    if (!before.otherTriggers.empty())
        text += TimeItPanel::tr("; triggers that are not keys' (%1) took %2")
                    .arg(before.otherTriggers.front().name + (before.otherTriggers.size() > 1 ? QStringLiteral(", …") : QString()),
                         msText(others));
    if (timing.after) {
        if (timing.after->error)
            text += TimeItPanel::tr(". With the index: failed: %1").arg(describeError(*timing.after->error));
        else
            text += TimeItPanel::tr(". With the index: %1 (building it took %2)")
                        .arg(msText(timing.after->totalMs()),
                             msText(timing.indexes.empty() ? 0 : timing.indexes.front().buildMs));
    }
    return text + QLatin1Char('.');
}

TimeItPanel::TimeItPanel(DatabaseSession *session, ImpactTreeModel *model, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_model(model),
      m_worker(new DatabaseWorker(session, QStringLiteral("timeItThread"), this))
{
    setObjectName(QStringLiteral("timeItPanel"));
    m_timeIt = new QPushButton(tr("Time It"), this);
    m_timeIt->setObjectName(QStringLiteral("timeItButton"));
    m_timeIt->setAccessibleName(tr("Time It"));
    connect(m_timeIt, &QPushButton::clicked, this, &TimeItPanel::timeIt);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("timeItProgress"));
    m_progress->setAccessibleName(tr("Timing"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setFixedWidth(90);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelTimeIt"));
    m_cancel->setAccessibleName(tr("Cancel timing"));
    connect(m_cancel, &QPushButton::clicked, m_worker, &DatabaseWorker::cancel);
    connect(m_worker, &DatabaseWorker::cancelled, this, [this] {
        setBusy(false);
        m_summary->setText(tr("Timing cancelled; the transaction was rolled back."));
        m_summary->setAccessibleDescription(m_summary->text());
    });

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("timingSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_locks = new QTreeWidget(this);
    m_locks->setObjectName(QStringLiteral("lockList"));
    m_locks->setAccessibleName(tr("Locks"));
    m_locks->setToolTip(tr("The locks the timed DELETE's transaction held just before its rollback (pg_locks of its "
                           "backend; fkscope's own catalog reads left out)"));
    m_locks->setHeaderLabels({tr("Relation"), tr("Lock mode"), tr("Granted"), tr("Lock type")});
    m_locks->setRootIsDecorated(false);
    m_locks->setAlternatingRowColors(true);
    m_locks->header()->setStretchLastSection(true);
    m_locks->hide();

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_timeIt);
    bar->addWidget(m_progress);
    bar->addWidget(m_cancel);
    bar->addWidget(m_summary, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);

    connect(m_model, &QStandardItemModel::itemChanged, this, &TimeItPanel::confirmIndexTick);
    setBusy(false);
    updateEnabled();
}

TimeItPanel::~TimeItPanel() = default;

QWidget *TimeItPanel::lockList() const
{
    return m_locks;
}

bool TimeItPanel::isBusy() const
{
    return m_worker->isBusy();
}

void TimeItPanel::setRoot(std::shared_ptr<const Catalog> catalog, const std::optional<DeleteRoot> &root)
{
    m_worker->cancel();
    m_catalog = std::move(catalog);
    m_root = root;
    clear();
}

void TimeItPanel::setHypothetical(bool hypothetical)
{
    m_hypothetical = hypothetical;
    updateEnabled();
}

void TimeItPanel::clear()
{
    m_worker->cancel();
    setBusy(false);
    m_summary->clear();
    m_summary->setAccessibleDescription(QString());
    m_locks->clear();
    m_locks->hide();
    updateEnabled();
}

void TimeItPanel::updateEnabled()
{
    m_timeIt->setEnabled(m_root.has_value() && m_catalog && !m_hypothetical && !m_worker->isBusy());
    m_timeIt->setToolTip(m_hypothetical ? tr("Time It runs the keys as they are: reset the what-if first")
                                        : tr("Runs the DELETE under EXPLAIN ANALYZE in a transaction that is always "
                                             "rolled back: each key's time and the locks it takes. Deferred keys are "
                                             "checked at once."));
}

void TimeItPanel::confirmIndexTick(QStandardItem *item)
{
    if (item->column() != ImpactTreeModel::IndexColumn || !item->isCheckable() || item->checkState() != Qt::Checked)
        return;
    const QModelIndex table = item->index().siblingAtColumn(ImpactTreeModel::TableColumn);
    const qint64 oid = table.data(ImpactTreeModel::KeyOidRole).toLongLong();
    const ForeignKey *key = nullptr;
    for (const ForeignKey &k : m_catalog ? m_catalog->foreignKeys : std::vector<ForeignKey>()) {
        if (k.oid == oid)
            key = &k;
    }
    if (!key) {
        item->setCheckState(Qt::Unchecked);
        return;
    }
    const auto answer = QMessageBox::question(
        this, tr("Try With an Index"),
        tr("Time It will build this index inside its dry run's transaction, time the DELETE again, and roll "
           "everything back:\n\n%1\n\nCREATE INDEX holds a SHARE lock on %2 until the rollback: INSERT, UPDATE and "
           "DELETE on %2 wait for as long as the dry run lasts. Try it?")
            .arg(TimedDryRun::createIndexSql(*key, *m_catalog), key->child),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes)
        item->setCheckState(Qt::Unchecked);
}

void TimeItPanel::timeIt()
{
    if (!m_root || !m_catalog)
        return;
    const QSet<qint64> ticked = m_model->keysToTryWithIndex();
    setBusy(true);
    m_summary->setText(tr("Timing the DELETE in a transaction that will be rolled back…"));
    m_worker->run<DryRunTiming>(
        [catalog = m_catalog, root = *m_root, ticked, timeout = m_session->statementTimeout()](Connection &connection) {
            TimedDryRun dryRun(connection, *catalog);
            dryRun.setStatementTimeout(timeout);
            std::vector<const ForeignKey *> keys;
            for (const ForeignKey &k : catalog->foreignKeys) {
                if (ticked.contains(k.oid))
                    keys.push_back(&k);
            }
            dryRun.setIndexesToTry(keys);
            return dryRun.timeDelete(root);
        },
        [this](const Result<DryRunTiming> &timing) {
            if (timing)
                showTiming(timing.value());
            else
                showFailure(describeError(timing.error()));
        });
}

void TimeItPanel::showTiming(const DryRunTiming &timing)
{
    setBusy(false);
    m_model->setTimings(timing);
    m_summary->setText(describeTiming(timing));
    m_summary->setAccessibleDescription(m_summary->text());
    m_locks->clear();
    for (const HeldLock &lock : lastPass(timing).locks) {
        auto *row = new QTreeWidgetItem(m_locks, {lock.relation, lock.mode, lock.granted ? tr("yes") : tr("waiting"),
                                                  lock.lockType});
        // SHARE and stronger on a table make other sessions' writes to it wait.
        static const QStringList blockingWrites{QStringLiteral("ShareLock"), QStringLiteral("ShareRowExclusiveLock"),
                                                QStringLiteral("ExclusiveLock"), QStringLiteral("AccessExclusiveLock")};
        if (lock.lockType == QLatin1String("relation") && blockingWrites.contains(lock.mode)) {
            QFont bold = row->font(1);
            bold.setBold(true);
            row->setFont(1, bold);
            row->setToolTip(1, tr("Other sessions' INSERT, UPDATE and DELETE on %1 wait while this is held")
                                   .arg(lock.relation));
        }
    }
    for (int column = 0; column < m_locks->columnCount(); ++column)
        m_locks->resizeColumnToContents(column);
    m_locks->setVisible(!lastPass(timing).locks.empty());
}

void TimeItPanel::showFailure(const QString &message)
{
    setBusy(false);
    m_summary->setText(tr("Could not time the DELETE: %1").arg(message));
    m_summary->setAccessibleDescription(m_summary->text());
}

void TimeItPanel::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    m_timeIt->setEnabled(!busy && m_root.has_value() && m_catalog && !m_hypothetical);
}

} // namespace fkscope
