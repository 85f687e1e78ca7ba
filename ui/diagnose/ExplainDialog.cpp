#include "ui/diagnose/ExplainDialog.h"

#include "ui/common/BusyIndicator.h"
#include "ui/session/DatabaseWorker.h"

#include "impact/DeleteImpactJson.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace fkscope {

namespace {

QString keyText(const Explanation &e)
{
    QStringList pairs;
    for (const auto &[column, value] : e.keyValues)
        pairs << QStringLiteral("%1 = %2").arg(column, value);
    QString text = pairs.join(QStringLiteral(", "));
    if (e.keyAmbiguous)
        text += ExplainDialog::tr("  (the values contain \", \": another split is possible)");
    return text;
}

QString kindText(Violation::Kind kind)
{
    return kind == Violation::Kind::MissingParent ? ExplainDialog::tr("Missing parent: the inserted or updated row "
                                                                      "references a row that is not there")
                                                  : ExplainDialog::tr("Still referenced: the deleted or updated row "
                                                                      "has rows that reference it");
}

// The delete script and the one-statement insert can be dry-run; the other fixes run their
// own transactions.
PanelScript scriptOf(const Explanation &e, const Fix &fix)
{
    if (fix.kind == QLatin1String("delete_children_first") && e.safeDelete)
        return PanelScript{fix.description, *e.safeDelete, QString()};
    if (fix.kind == QLatin1String("insert_parent"))
        return singleStatementScript(fix.description, fix.description, fix.sql);
    return textOnlyScript(fix.description, fix.sql);
}

} // namespace

ExplainDialog::ExplainDialog(DatabaseSession *session, QWidget *parent)
    : ToolDialog(session, QStringLiteral("explainThread"), parent)
{
    setObjectName(QStringLiteral("explainDialog"));
    setWindowTitle(tr("Explain a Foreign-Key Error"));

    auto *prompt = new QLabel(tr("&Paste the error as psql, a server log or an ORM printed it (the ERROR and "
                                 "DETAIL lines):"),
                              this);
    prompt->setWordWrap(true);
    m_input = new QPlainTextEdit(this);
    m_input->setObjectName(QStringLiteral("errorText"));
    m_input->setAccessibleName(tr("Error text"));
    m_input->setPlaceholderText(QStringLiteral(
        "ERROR:  update or delete on table \"users\" violates foreign key constraint \"orders_user_id_fkey\" on "
        "table \"orders\"\nDETAIL:  Key (id)=(1) is still referenced from table \"orders\"."));
    m_input->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_input->setMaximumHeight(110);
    // A pasted error needs no tab characters; Tab goes on to the Explain button.
    m_input->setTabChangesFocus(true);
    prompt->setBuddy(m_input);

    m_explain = new QPushButton(tr("&Explain"), this);
    m_explain->setObjectName(QStringLiteral("explainButton"));
    m_explain->setAccessibleName(tr("Explain"));
    m_explain->setToolTip(tr("Ctrl+Return"));
    connect(m_explain, &QPushButton::clicked, this, &ExplainDialog::explain);
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(shortcut, &QShortcut::activated, this, &ExplainDialog::explain);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_explain);
    actions->addWidget(busy());
    actions->addStretch(1);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("explainSummary"));
    // A named QLabel hides its text from screen readers in Qt 6.4: the summary is the description.
    m_summary->setAccessibleName(tr("Explanation"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);

    m_facts = new QWidget(this);
    m_factsLayout = new QFormLayout(m_facts);
    m_factsLayout->setContentsMargins(0, 0, 0, 0);
    m_factsLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    auto *fixesLabel = new QLabel(tr("&Fixes (double-click to open one in the Scripts view):"), this);
    m_fixes = new QListWidget(this);
    m_fixes->setObjectName(QStringLiteral("explainFixes"));
    m_fixes->setAccessibleName(tr("Fixes"));
    m_fixes->setWordWrap(true);
    fixesLabel->setBuddy(m_fixes);
    connect(m_fixes, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) { openFix(m_fixes->row(item)); });
    m_openFix = new QPushButton(tr("&Open in Scripts"), this);
    m_openFix->setObjectName(QStringLiteral("openFix"));
    m_openFix->setAccessibleName(tr("Open fix"));
    connect(m_openFix, &QPushButton::clicked, this, [this] { openFix(m_fixes->currentRow()); });
    connect(m_fixes, &QListWidget::currentRowChanged, this, [this](int row) { m_openFix->setEnabled(row >= 0); });

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_openFix);
    bottom->addStretch(1);
    bottom->addWidget(close);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(prompt);
    layout->addWidget(m_input);
    layout->addLayout(actions);
    layout->addWidget(m_summary);
    layout->addWidget(m_facts);
    layout->addWidget(fixesLabel);
    layout->addWidget(m_fixes, 1);
    layout->addLayout(bottom);
    resize(760, 640);
    showFailure(QString());
}

ExplainDialog::~ExplainDialog() = default;

void ExplainDialog::showCancelled()
{
    showFailure(tr("Cancelled."));
}

void ExplainDialog::showNewDatabase()
{
    showFailure(QString());
}

void ExplainDialog::setErrorText(const QString &text)
{
    m_input->setPlainText(text);
}

void ExplainDialog::explain()
{
    if (!catalog()) {
        showFailure(tr("Connect to the database the error came from first."));
        return;
    }
    const QString text = m_input->toPlainText();
    worker()->run<Explanation>(
        [text, catalog = catalog()](Connection &connection) {
            return ViolationExplainer(connection, *catalog).explain(text);
        },
        [this](const Result<Explanation> &explained) {
            busy()->stop();  // Explanation::key points into the catalog it was made with
            if (explained)
                showExplanation(explained.value());
            else
                showFailure(describeError(explained.error()));
        });
    busy()->start(tr("Explaining…"), true);
}

void ExplainDialog::showFailure(const QString &message)
{
    m_explanation.reset();
    m_summary->setText(message);
    m_summary->setAccessibleDescription(message);
    m_summary->setVisible(!message.isEmpty());
    while (m_factsLayout->rowCount() > 0)
        m_factsLayout->removeRow(0);
    m_facts->hide();
    m_fixes->clear();
    m_openFix->setEnabled(false);
}

void ExplainDialog::setFact(const char *objectName, const QString &field, const QString &value)
{
    auto *label = new QLabel(value, m_facts);
    label->setObjectName(QLatin1String(objectName));
    label->setAccessibleDescription(value);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setTextFormat(Qt::PlainText);
    m_factsLayout->addRow(field + QLatin1Char(':'), label);
}

void ExplainDialog::showExplanation(const Explanation &e)
{
    showFailure(QString());
    m_explanation = e;
    const ForeignKey &key = *e.key;
    const bool missing = e.violation.kind == Violation::Kind::MissingParent;
    QString summary;
    if (missing) {
        summary = !e.parentExists.has_value() ? tr("%1 has no row with this key.").arg(key.parent)
                  : *e.parentExists           ? tr("The parent row exists now: retrying the statement should work.")
                                              : tr("The parent row is still missing from %1.").arg(key.parent);
    } else {
        summary = tr("%n row(s) of %1 still reference the row of %2.", nullptr, int(e.rows)).arg(key.child, key.parent);
    }
    m_summary->setText(summary);
    m_summary->setAccessibleDescription(summary);
    m_summary->show();

    setFact("fact.kind", tr("Kind"), kindText(e.violation.kind));
    setFact("fact.constraint", tr("Constraint"), key.name);
    setFact("fact.child", tr("Child table"), QStringLiteral("%1 (%2)").arg(key.child, key.childColumns.join(QStringLiteral(", "))));
    setFact("fact.parent", tr("Parent table"), QStringLiteral("%1 (%2)").arg(key.parent, key.parentColumns.join(QStringLiteral(", "))));
    setFact("fact.onDelete", tr("On delete"), toString(key.onDelete));
    if (!e.keyValues.isEmpty())
        setFact("fact.key", tr("Key"), keyText(e));
    setFact("fact.rows", tr("Referencing rows"), QLocale().toString(e.rows));
    if (e.parentExists.has_value())
        setFact("fact.parentExists", tr("Parent exists now"), *e.parentExists ? tr("yes") : tr("no"));
    if (e.dependents)
        setFact("fact.dependents", tr("Deleting the parent"), verdict(*e.dependents));
    m_facts->show();

    for (const Fix &fix : e.fixes) {
        auto *item = new QListWidgetItem(fix.description, m_fixes);
        item->setToolTip(fix.sql);
    }

    if (m_fixes->count() > 0)
        m_fixes->setCurrentRow(0);
    Q_EMIT focusTablesRequested({key.childOid, key.parentOid});
}

void ExplainDialog::openFix(int row)
{
    if (!m_explanation || row < 0 || row >= int(m_explanation->fixes.size()))
        return;
    Q_EMIT scriptRequested(scriptOf(*m_explanation, m_explanation->fixes[size_t(row)]));
}

} // namespace fkscope
