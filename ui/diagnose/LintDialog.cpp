#include "ui/diagnose/LintDialog.h"

#include "ui/common/BusyIndicator.h"
#include "ui/session/DatabaseWorker.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QPlainTextEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace fkscope {

namespace {

enum FindingColumn { KindColumn, TableColumn, KeyColumn, MessageColumn, FixColumn };

QString kindText(const QString &kind)
{
    if (kind == QLatin1String("unindexed_key"))
        return LintDialog::tr("Unindexed key");
    if (kind == QLatin1String("not_valid"))
        return LintDialog::tr("NOT VALID key");
    if (kind == QLatin1String("type_mismatch"))
        return LintDialog::tr("Type mismatch");
    if (kind == QLatin1String("blocks_every_delete"))
        return LintDialog::tr("Blocks every delete");
    return kind;
}

} // namespace

LintDialog::LintDialog(DatabaseSession *session, QWidget *parent)
    : ToolDialog(session, QStringLiteral("lintThread"), parent)
{
    setObjectName(QStringLiteral("lintDialog"));
    setWindowTitle(tr("Foreign-Key Lint"));

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("lintFindings"));
    m_list->setAccessibleName(tr("Findings"));
    m_list->setHeaderLabels({tr("Kind"), tr("Table"), tr("Key"), tr("Finding"), tr("Fix")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setWordWrap(true);
    m_list->setToolTip(tr("Double-click a finding to select its table"));
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        Q_EMIT tableActivated(item->text(TableColumn));
    });

    // The list cuts long findings and fixes short; the selected one reads here in full.
    m_detail = new QPlainTextEdit(this);
    m_detail->setObjectName(QStringLiteral("lintDetail"));
    m_detail->setAccessibleName(tr("Selected finding"));
    m_detail->setReadOnly(true);
    m_detail->setTabChangesFocus(true);
    m_detail->setMaximumHeight(fontMetrics().lineSpacing() * 6);
    m_detail->setPlaceholderText(tr("Select a finding to read it and its fix in full."));
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        m_detail->setPlainText(item ? item->text(MessageColumn) + QStringLiteral("\n\n") + item->text(FixColumn)
                                    : QString());
    });

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("lintMessage"));
    m_message->setAccessibleName(tr("Lint status"));
    m_message->setWordWrap(true);

    auto *again = new QPushButton(tr("&Check Again"), this);
    again->setObjectName(QStringLiteral("lintAgain"));
    again->setAccessibleName(tr("Check again"));
    connect(again, &QPushButton::clicked, this, &LintDialog::lint);
    m_indexScript = new QPushButton(tr("&Index Statements in Scripts"), this);
    m_indexScript->setObjectName(QStringLiteral("lintIndexScript"));
    m_indexScript->setAccessibleName(tr("Index statements"));
    m_indexScript->setToolTip(tr("Every CREATE INDEX CONCURRENTLY the unindexed keys need, in the Scripts view"));
    connect(m_indexScript, &QPushButton::clicked, this, &LintDialog::openIndexScript);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *top = new QHBoxLayout;
    top->addWidget(m_message, 1);
    top->addWidget(busy());
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(again);
    bottom->addWidget(m_indexScript);
    bottom->addStretch(1);
    bottom->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_detail);
    layout->addLayout(bottom);
    resize(1280, 600);
}

LintDialog::~LintDialog() = default;

void LintDialog::showCancelled()
{
    m_message->setText(tr("Cancelled."));
}

void LintDialog::showNewDatabase()
{
    showFindings({});
    m_message->clear();
    // Left open, it shows the new database's answers, not an empty list.
    if (isVisible())
        lint();
}

void LintDialog::lint()
{
    if (!catalog())
        return;
    worker()->run<std::vector<LintFinding>>(
        [catalog = catalog()](Connection &connection) { return Linter(connection, *catalog).lint(); },
        [this](const Result<std::vector<LintFinding>> &findings) {
            busy()->stop();
            if (!findings) {
                m_message->setText(tr("Could not lint: %1").arg(describeError(findings.error())));
                return;
            }
            showFindings(findings.value());
            m_message->setText(tr("%n finding(s).", nullptr, int(findings->size())));
        });
    busy()->start(tr("Looking at the keys…"), true);
}

void LintDialog::showFindings(const std::vector<LintFinding> &findings)
{
    m_findings = findings;
    m_list->clear();
    bool anyIndex = false;
    for (const LintFinding &finding : findings) {
        auto *item = new QTreeWidgetItem(m_list, {kindText(finding.kind), finding.table, finding.constraint,
                                                  finding.message, finding.fix});
        item->setData(KindColumn, Qt::UserRole, finding.kind);
        item->setToolTip(MessageColumn, finding.message);
        item->setToolTip(FixColumn, finding.fix);
        anyIndex = anyIndex || finding.kind == QLatin1String("unindexed_key");
    }
    for (int column : {KindColumn, TableColumn, KeyColumn})
        m_list->resizeColumnToContents(column);
    m_list->setColumnWidth(MessageColumn, 380);
    m_indexScript->setEnabled(anyIndex);
}

void LintDialog::openIndexScript()
{
    QString text = tr("-- The indexes that the keys' child columns lack: without one, every DELETE of a parent row\n"
                      "-- scans the child table. CREATE INDEX CONCURRENTLY cannot run inside a transaction, so\n"
                      "-- run each statement on its own (psql runs them one by one).\n");
    for (const LintFinding &finding : m_findings) {
        if (finding.kind == QLatin1String("unindexed_key"))
            text += QStringLiteral("\n-- %1 on %2\n%3\n").arg(finding.constraint, finding.table, finding.fix);
    }
    Q_EMIT scriptRequested(textOnlyScript(tr("Indexes for unindexed keys"), text));
}

} // namespace fkscope
