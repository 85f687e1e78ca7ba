#include "ui/diagnose/InferKeysDialog.h"

#include "ui/common/BusyIndicator.h"
#include "ui/diagnose/VirtualKeysBox.h"
#include "ui/session/DatabaseSession.h"
#include "ui/session/DatabaseWorker.h"

#include "infer/InferredKeyOutput.h"
#include "infer/InferKeys.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace fkscope {

namespace {

VirtualKeyEntry entryOfCandidate(const InferredKey &key)
{
    return {proposedConstraintName(key), key.child->qualifiedName, key.childColumns, key.parent->qualifiedName,
            key.parentColumns};
}

bool sameKey(const VirtualKeyEntry &a, const VirtualKeyEntry &b)
{
    return a.child == b.child && a.childColumns == b.childColumns && a.parent == b.parent
        && a.parentColumns == b.parentColumns;
}

QString evidenceText(const InferredKey &key)
{
    QStringList parts = key.evidence;
    if (!key.nameRule.isEmpty() && !parts.contains(key.nameRule))
        parts << key.nameRule;
    if (key.values.sampled)
        parts << InferKeysDialog::tr("sampled %1 rows").arg(key.values.sampledRows);
    if (!key.childIndexed)
        parts << InferKeysDialog::tr("child columns unindexed");
    return parts.join(QStringLiteral(", "));
}

} // namespace

InferKeysDialog::InferKeysDialog(DatabaseSession *session, QWidget *parent)
    : ToolDialog(session, QStringLiteral("inferKeysThread"), parent),
      m_session(session),
      m_checked(std::make_shared<std::atomic<int>>(0)),
      m_toCheck(std::make_shared<std::atomic<int>>(0))
{
    setObjectName(QStringLiteral("inferKeysDialog"));
    setWindowTitle(tr("Infer Keys"));

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("inferKeysCandidates"));
    m_list->setAccessibleName(tr("Candidate keys"));
    m_list->setHeaderLabels({tr("Confidence"), tr("Child"), tr("Columns"), tr("Parent"), tr("Parent columns"),
                             tr("Orphan rows"), tr("Child rows"), tr("Evidence"), tr("Status")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setSortingEnabled(true);
    m_list->setToolTip(tr("Keys the names and data suggest; click a header to sort"));
    connect(m_list, &QTreeWidget::currentItemChanged, this, &InferKeysDialog::updateButtons);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("inferKeysMessage"));
    m_message->setAccessibleDescription(tr("Infer keys status"));
    m_message->setWordWrap(true);

    auto *again = new QPushButton(tr("&Infer Again"), this);
    again->setObjectName(QStringLiteral("inferKeysAgain"));
    again->setAccessibleName(tr("Infer again"));
    connect(again, &QPushButton::clicked, this, &InferKeysDialog::infer);
    m_accept = new QPushButton(tr("&Accept as Virtual Key"), this);
    m_accept->setObjectName(QStringLiteral("inferKeysAccept"));
    m_accept->setAccessibleName(tr("Accept"));
    m_accept->setToolTip(tr("fkscope keeps the key for this database; nothing is written to the database"));
    connect(m_accept, &QPushButton::clicked, this, &InferKeysDialog::acceptSelected);
    m_reject = new QPushButton(tr("&Reject"), this);
    m_reject->setObjectName(QStringLiteral("inferKeysReject"));
    m_reject->setAccessibleName(tr("Reject"));
    connect(m_reject, &QPushButton::clicked, this, &InferKeysDialog::rejectSelected);
    m_copy = new QPushButton(tr("&Copy ALTER"), this);
    m_copy->setObjectName(QStringLiteral("inferKeysCopyAlter"));
    m_copy->setAccessibleName(tr("Copy ALTER"));
    m_copy->setToolTip(tr("The ALTER TABLE … ADD CONSTRAINT … NOT VALID that would declare the key, to run yourself"));
    connect(m_copy, &QPushButton::clicked, this, &InferKeysDialog::copyAlter);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_virtualKeys = new VirtualKeysBox(session, this);
    connect(session, &DatabaseSession::virtualKeysRefused, this, [this](const QString &message) {
        m_message->setText(message);
        markAccepted();  // "accepting…" was not kept
    });

    m_progressTimer = new QTimer(this);
    m_progressTimer->setInterval(200);
    connect(m_progressTimer, &QTimer::timeout, this, &InferKeysDialog::showProgress);

    auto *top = new QHBoxLayout;
    top->addWidget(m_message, 1);
    top->addWidget(busy());
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_accept);
    buttons->addWidget(m_reject);
    buttons->addWidget(m_copy);
    buttons->addStretch(1);
    buttons->addWidget(again);
    auto *candidates = new QWidget(this);
    auto *candidatesLayout = new QVBoxLayout(candidates);
    candidatesLayout->setContentsMargins(0, 0, 0, 0);
    candidatesLayout->addLayout(top);
    candidatesLayout->addWidget(m_list, 1);
    candidatesLayout->addLayout(buttons);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("inferKeysSplitter"));
    splitter->addWidget(candidates);
    splitter->addWidget(m_virtualKeys);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(close);
    resize(1280, 720);
    updateButtons();
}

InferKeysDialog::~InferKeysDialog() = default;

void InferKeysDialog::showCancelled()
{
    m_progressTimer->stop();
    m_message->setText(tr("Cancelled."));
}

void InferKeysDialog::showNewDatabase()
{
    m_progressTimer->stop();
    // The same database with other virtual keys: the candidates still hold; accepted ones say so.
    if (m_session->connInfo().toString() == m_database) {
        markAccepted();
        return;
    }
    m_candidates.clear();
    m_rejected.clear();
    m_inferredOn.reset();
    m_database.clear();
    showCandidates();
    m_message->clear();
    if (isVisible())
        infer();
}

void InferKeysDialog::infer()
{
    if (!catalog())
        return;
    m_checked->store(0);
    m_toCheck->store(0);
    const int timeout = m_session->statementTimeout();
    worker()->run<std::vector<InferredKey>>(
        [catalog = catalog(), checked = m_checked, toCheck = m_toCheck, timeout](Connection &connection) {
            return inferKeys(connection, *catalog, timeout, [checked, toCheck](int done, int total) {
                checked->store(done);
                toCheck->store(total);
            });
        },
        [this, inferredOn = catalog()](const Result<std::vector<InferredKey>> &keys) {
            m_progressTimer->stop();
            busy()->stop();
            if (!keys) {
                m_message->setText(tr("Could not infer keys: %1").arg(describeError(keys.error())));
                return;
            }
            m_inferredOn = inferredOn;
            m_database = m_session->connInfo().toString();
            m_candidates = keys.value();
            m_rejected.clear();
            showCandidates();
            qsizetype proposals = 0;
            for (const InferredKey &k : m_candidates)
                proposals += k.isProposal();
            m_message->setText(tr("%n candidate(s), %1 proposed (confidence 0.5 and above). Nothing was written to "
                                  "the database.", nullptr, int(m_candidates.size()))
                                   .arg(proposals));
        });
    busy()->start(tr("Reading names and values…"), true);
    m_progressTimer->start();
}

void InferKeysDialog::showProgress()
{
    const int total = m_toCheck->load();
    if (total > 0)
        busy()->start(tr("Checking values: %1 of %2 column sets…").arg(m_checked->load()).arg(total), true);
}

void InferKeysDialog::showCandidates()
{
    m_list->setSortingEnabled(false);
    m_list->clear();
    for (size_t i = 0; i < m_candidates.size(); ++i) {
        if (m_rejected.contains(int(i)))
            continue;
        const InferredKey &k = m_candidates[i];
        auto *item = new QTreeWidgetItem(m_list);
        // Numbers as numbers, so that the columns sort by value.
        item->setData(ConfidenceColumn, Qt::DisplayRole, qRound(k.confidence * 100) / 100.0);
        item->setText(ChildColumn, k.child->qualifiedName);
        item->setText(ColumnsColumn, k.childColumns.join(QStringLiteral(", ")));
        item->setText(ParentColumn, k.parent->qualifiedName);
        item->setText(ParentColumnsColumn, k.parentColumns.join(QStringLiteral(", ")));
        item->setData(OrphansColumn, Qt::DisplayRole, k.values.orphanRows);
        item->setData(ChildRowsColumn, Qt::DisplayRole, k.values.childRows);
        item->setText(EvidenceColumn, evidenceText(k));
        item->setToolTip(EvidenceColumn, evidenceText(k));
        item->setData(0, Qt::UserRole, int(i));
    }
    m_list->setSortingEnabled(true);
    m_list->sortByColumn(ConfidenceColumn, Qt::DescendingOrder);
    for (int column = 0; column <= EvidenceColumn; ++column)
        m_list->resizeColumnToContents(column);
    markAccepted();
}

void InferKeysDialog::markAccepted()
{
    const std::vector<VirtualKeyEntry> &kept = m_session->virtualKeys();
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_list->topLevelItem(row);
        const VirtualKeyEntry entry = entryOfCandidate(m_candidates[size_t(item->data(0, Qt::UserRole).toInt())]);
        const bool accepted = std::any_of(kept.cbegin(), kept.cend(), [&](const VirtualKeyEntry &k) { return sameKey(k, entry); });
        item->setText(StatusColumn, accepted ? tr("virtual key") : QString());
    }
    updateButtons();
}

const InferredKey *InferKeysDialog::selectedCandidate() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? &m_candidates[size_t(item->data(0, Qt::UserRole).toInt())] : nullptr;
}

void InferKeysDialog::updateButtons()
{
    const QTreeWidgetItem *item = m_list->currentItem();
    m_accept->setEnabled(item && item->text(StatusColumn).isEmpty());
    m_reject->setEnabled(item != nullptr);
    m_copy->setEnabled(item != nullptr);
}

void InferKeysDialog::acceptSelected()
{
    const InferredKey *key = selectedCandidate();
    if (!key)
        return;
    std::vector<VirtualKeyEntry> keys = m_session->virtualKeys();
    keys.push_back(entryOfCandidate(*key));
    m_list->currentItem()->setText(StatusColumn, tr("accepting…"));
    updateButtons();
    m_session->setVirtualKeys(keys);
}

void InferKeysDialog::rejectSelected()
{
    QTreeWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    m_rejected.insert(item->data(0, Qt::UserRole).toInt());
    delete item;
    updateButtons();
}

void InferKeysDialog::copyAlter()
{
    const InferredKey *key = selectedCandidate();
    if (!key)
        return;
    QGuiApplication::clipboard()->setText(proposalScript({*key}, m_inferredOn ? m_inferredOn->database : QString()));
    m_message->setText(tr("The ALTER TABLE of %1 is on the clipboard.").arg(proposedConstraintName(*key)));
}

} // namespace fkscope
