#include "ui/diagnose/OrphansDialog.h"

#include "ui/common/BusyIndicator.h"
#include "ui/session/DatabaseWorker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace fkscope {

namespace {

const int sampleSize = 50;
const int ReportRole = Qt::UserRole + 1;  // index into m_reports

enum KeyColumn { ConstraintColumn, ChildColumn, ParentColumn, OrphansColumn };

QString side(const Table *table, const QStringList &columns)
{
    return QStringLiteral("%1 (%2)").arg(table->qualifiedName, columns.join(QStringLiteral(", ")));
}

QComboBox *tableChooser(const QString &objectName, const QString &accessibleName, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->setObjectName(objectName);
    box->setAccessibleName(accessibleName);
    box->setEditable(true);
    box->setInsertPolicy(QComboBox::NoInsert);
    box->setMinimumContentsLength(24);
    return box;
}

} // namespace

OrphansDialog::OrphansDialog(DatabaseSession *session, QWidget *parent)
    : ToolDialog(session, QStringLiteral("orphansThread"), parent)
{
    setObjectName(QStringLiteral("orphansDialog"));
    setWindowTitle(tr("Orphan Rows"));

    m_keys = new QTreeWidget(this);
    m_keys->setObjectName(QStringLiteral("orphanKeys"));
    m_keys->setAccessibleName(tr("Orphan checks"));
    m_keys->setHeaderLabels({tr("Key"), tr("Child"), tr("Parent"), tr("Orphan rows")});
    m_keys->setRootIsDecorated(false);
    m_keys->setAlternatingRowColors(true);
    connect(m_keys, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        showReport(item ? item->data(0, ReportRole).toInt() : -1);
    });

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("orphansMessage"));
    m_message->setAccessibleName(tr("Orphans status"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_sample = new QTableWidget(this);
    m_sample->setObjectName(QStringLiteral("orphanSample"));
    m_sample->setAccessibleName(tr("Orphan rows"));
    m_sample->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_sample->setAlternatingRowColors(true);
    m_sample->verticalHeader()->hide();
    // Arrows move between cells; Tab leaves for the next control instead of walking every cell.
    m_sample->setTabKeyNavigation(false);

    m_pageLabel = new QLabel(this);
    m_pageLabel->setObjectName(QStringLiteral("orphanPage"));
    m_previousPage = new QPushButton(tr("&Previous Rows"), this);
    m_previousPage->setObjectName(QStringLiteral("previousOrphanRows"));
    m_nextPage = new QPushButton(tr("&Next Rows"), this);
    m_nextPage->setObjectName(QStringLiteral("nextOrphanRows"));
    connect(m_previousPage, &QPushButton::clicked, this, [this] { turnPage(-1); });
    connect(m_nextPage, &QPushButton::clicked, this, [this] { turnPage(+1); });
    auto *rows = new QWidget(this);
    auto *rowsLayout = new QVBoxLayout(rows);
    rowsLayout->setContentsMargins(0, 0, 0, 0);
    rowsLayout->addWidget(m_sample, 1);
    auto *pager = new QHBoxLayout;
    pager->addWidget(m_pageLabel, 1);
    pager->addWidget(m_previousPage);
    pager->addWidget(m_nextPage);
    rowsLayout->addLayout(pager);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(m_keys);
    split->addWidget(rows);

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *status = new QHBoxLayout;
    status->addWidget(m_message, 1);
    status->addWidget(busy());

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createProposalForm());
    layout->addLayout(status);
    layout->addWidget(split, 1);
    layout->addWidget(createFixButtons());
    layout->addWidget(close);
    resize(900, 680);
    showReport(-1);
}

OrphansDialog::~OrphansDialog() = default;

QWidget *OrphansDialog::createProposalForm()
{
    auto *group = new QGroupBox(tr("Check a key before adding it"), this);
    m_childTable = tableChooser(QStringLiteral("proposedChildTable"), tr("Child table"), group);
    m_childColumns = new QLineEdit(group);
    m_childColumns->setObjectName(QStringLiteral("proposedChildColumns"));
    m_childColumns->setAccessibleName(tr("Child columns"));
    m_childColumns->setPlaceholderText(tr("user_id"));
    m_parentTable = tableChooser(QStringLiteral("proposedParentTable"), tr("Parent table"), group);
    m_parentColumns = new QLineEdit(group);
    m_parentColumns->setObjectName(QStringLiteral("proposedParentColumns"));
    m_parentColumns->setAccessibleName(tr("Parent columns"));
    m_parentColumns->setPlaceholderText(tr("id"));
    m_matchFull = new QCheckBox(tr("MATCH &FULL"), group);
    m_matchFull->setObjectName(QStringLiteral("proposedMatchFull"));
    m_matchFull->setToolTip(tr("A partly NULL key is an orphan too"));
    m_check = new QPushButton(tr("C&heck Key"), group);
    m_check->setObjectName(QStringLiteral("checkProposedKey"));
    m_check->setAccessibleName(tr("Check proposed key"));
    connect(m_check, &QPushButton::clicked, this, &OrphansDialog::checkProposedKey);

    auto *form = new QGridLayout(group);
    // Each label is its field's buddy: Alt and the letter jump there, a screen reader names it.
    auto labelFor = [group](const QString &text, QWidget *field) {
        auto *label = new QLabel(text, group);
        label->setBuddy(field);
        return label;
    };
    form->addWidget(labelFor(tr("&Child:"), m_childTable), 0, 0);
    form->addWidget(m_childTable, 0, 1);
    form->addWidget(labelFor(tr("columns"), m_childColumns), 0, 2);
    form->addWidget(m_childColumns, 0, 3);
    form->addWidget(labelFor(tr("→ P&arent:"), m_parentTable), 1, 0);
    form->addWidget(m_parentTable, 1, 1);
    form->addWidget(labelFor(tr("columns"), m_parentColumns), 1, 2);
    form->addWidget(m_parentColumns, 1, 3);
    form->addWidget(m_matchFull, 0, 4);
    form->addWidget(m_check, 1, 4);
    form->setColumnStretch(1, 2);
    form->setColumnStretch(3, 1);
    return group;
}

QWidget *OrphansDialog::createFixButtons()
{
    m_fixes = new QWidget(this);
    auto *layout = new QHBoxLayout(m_fixes);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Fix in the Scripts view:"), m_fixes));
    auto add = [this, layout](const QString &text, const QString &name, QString OrphanReport::*script, bool single) {
        auto *b = new QPushButton(text, m_fixes);
        b->setObjectName(name);
        b->setAccessibleName(b->text().remove(QLatin1Char('&')));
        connect(b, &QPushButton::clicked, this, [this, b, script, single] {
            openFix(b->accessibleName(), script, single);
        });
        layout->addWidget(b);
        return b;
    };
    add(tr("&Delete Orphans"), QStringLiteral("deleteOrphans"), &OrphanReport::deleteScript, true);
    m_setNull = add(tr("Set Key to N&ULL"), QStringLiteral("nullOrphans"), &OrphanReport::setNullScript, true);
    add(tr("&Insert Missing Parents"), QStringLiteral("insertParents"), &OrphanReport::insertParentsScript, true);
    add(tr("&Validate Key"), QStringLiteral("validateKey"), &OrphanReport::validateScript, false);
    layout->addStretch(1);
    return m_fixes;
}

void OrphansDialog::showCancelled()
{
    m_check->setEnabled(true);
        setMessage(tr("Cancelled."));
}

void OrphansDialog::showNewDatabase()
{
    m_reports.clear();
    m_keys->clear();
    showReport(-1);
    for (QComboBox *box : {m_childTable, m_parentTable}) {
        const QString current = box->currentText();
        box->clear();
        if (catalog()) {
            for (const Table &table : catalog()->tables)
                box->addItem(table.qualifiedName);
        }
        box->setCurrentText(current);
    }
    setMessage(QString());
    // Left open, it shows the new database's answers, not an empty list.
    if (isVisible())
        checkNotValidKeys();
}

void OrphansDialog::checkNotValidKeys()
{
    if (!catalog())
        return;
    worker()->run<std::vector<OrphanReport>>(
        [catalog = catalog()](Connection &connection) {
            OrphanFinder finder(connection, *catalog);
            return finder.find(finder.notValidKeys(), sampleSize);
        },
        [this](const Result<std::vector<OrphanReport>> &reports) {
            busy()->stop();
            if (!reports) {
                setMessage(tr("Could not count the orphans: %1").arg(describeError(reports.error())));
                return;
            }
            m_reports.clear();
            m_keys->clear();
            addReports(reports.value(), false);
            setMessage(reports->empty() ? tr("No key is NOT VALID. Propose a key above to look for its orphans.")
                                        : tr("%n NOT VALID key(s).", nullptr, int(reports->size())));
        });
    busy()->start(tr("Counting orphans…"), true);
}

void OrphansDialog::checkProposedKey()
{
    if (!catalog())
        return;
    // OrphanFinder reads a proposed key the way the command line takes it: "orders(user_id)".
    const QString child = QStringLiteral("%1(%2)").arg(m_childTable->currentText().trimmed(), m_childColumns->text());
    const QString parent = QStringLiteral("%1(%2)").arg(m_parentTable->currentText().trimmed(), m_parentColumns->text());
    const bool matchFull = m_matchFull->isChecked();
    worker()->run<std::vector<OrphanReport>>(
        [catalog = catalog(), child, parent, matchFull](Connection &connection) -> Result<std::vector<OrphanReport>> {
            OrphanFinder finder(connection, *catalog);
            auto check = finder.proposedKey(child, parent);
            if (!check)
                return check.error();
            if (matchFull)
                check->match = FkMatch::Full;
            return finder.find({check.value()}, sampleSize);
        },
        [this](const Result<std::vector<OrphanReport>> &reports) {
            busy()->stop();
            m_check->setEnabled(true);
            if (!reports) {
                setMessage(tr("Could not check the proposed key: %1").arg(describeError(reports.error())));
                return;
            }
            addReports(reports.value(), true);
            const OrphanReport &report = reports->front();
            setMessage(tr("Proposed key %1: %2 orphan rows.").arg(report.check.name, QLocale().toString(report.rows)));
        });
    m_check->setEnabled(false);
    busy()->start(tr("Checking the proposed key…"), true);
}

void OrphansDialog::addReports(const std::vector<OrphanReport> &reports, bool proposed)
{
    QTreeWidgetItem *last = nullptr;
    for (const OrphanReport &report : reports) {
        const int index = int(m_reports.size());
        m_reports.push_back(report);
        const QString name = proposed ? tr("%1 (proposed)").arg(report.check.name) : report.check.name;
        last = new QTreeWidgetItem(m_keys, {name, side(report.check.child, report.check.childColumns),
                                            side(report.check.parent, report.check.parentColumns),
                                            QLocale().toString(report.rows)});
        last->setData(0, ReportRole, index);
        last->setTextAlignment(OrphansColumn, Qt::AlignRight | Qt::AlignVCenter);
    }
    for (int column = 0; column < OrphansColumn; ++column)
        m_keys->resizeColumnToContents(column);
    if (last)
        m_keys->setCurrentItem(last);
}

const OrphanReport *OrphansDialog::currentReport() const
{
    const QTreeWidgetItem *item = m_keys->currentItem();
    if (!item)
        return nullptr;
    const int index = item->data(0, ReportRole).toInt();
    return index >= 0 && index < int(m_reports.size()) ? &m_reports[size_t(index)] : nullptr;
}

void OrphansDialog::showReport(int index)
{
    m_sample->clear();
    m_sample->setRowCount(0);
    m_sample->setColumnCount(0);
    const OrphanReport *report = index >= 0 && index < int(m_reports.size()) ? &m_reports[size_t(index)] : nullptr;
    m_fixes->setEnabled(report && report->rows > 0);
    m_previousPage->setEnabled(report && report->sampleOffset > 0);
    m_nextPage->setEnabled(report && report->sampleOffset + qint64(report->sample.size()) < report->rows);
    m_pageLabel->setText(!report || report->sample.empty()
                             ? QString()
                             : tr("Orphan rows %1–%2 of %3")
                                   .arg(QLocale().toString(report->sampleOffset + 1),
                                        QLocale().toString(report->sampleOffset + qint64(report->sample.size())),
                                        QLocale().toString(report->rows)));
    if (!report)
        return;
    m_setNull->setEnabled(!report->setNullScript.isEmpty());
    m_setNull->setToolTip(report->setNullScript.isEmpty() ? tr("A key column is NOT NULL") : QString());
    // The sample rows come as JSON objects, one per row, with the columns in table order.
    QStringList columns;
    for (const Column &column : report->check.child->columns)
        columns << column.name;
    m_sample->setColumnCount(int(columns.size()));
    m_sample->setHorizontalHeaderLabels(columns);
    m_sample->setRowCount(int(report->sample.size()));
    for (int row = 0; row < int(report->sample.size()); ++row) {
        const QJsonObject object = QJsonDocument::fromJson(report->sample[size_t(row)]).object();
        for (int column = 0; column < columns.size(); ++column) {
            const QJsonValue value = object.value(columns[column]);
            const QString text = value.isNull()     ? QStringLiteral("NULL")
                                 : value.isString() ? value.toString()
                                                    : QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
            m_sample->setItem(row, column, new QTableWidgetItem(text));
        }
    }
    m_sample->resizeColumnsToContents();
}

void OrphansDialog::turnPage(int direction)
{
    const OrphanReport *report = currentReport();
    if (!report || !catalog())
        return;
    const int index = m_keys->currentItem()->data(0, ReportRole).toInt();
    const qint64 offset = std::max<qint64>(0, report->sampleOffset + direction * sampleSize);
    worker()->run<std::vector<OrphanReport>>(
        [catalog = catalog(), check = report->check, offset](Connection &connection) {
            return OrphanFinder(connection, *catalog).find({check}, sampleSize, offset);
        },
        [this, index](const Result<std::vector<OrphanReport>> &reports) {
            busy()->stop();
            if (index >= int(m_reports.size()))
                return;
            if (!reports) {
                setMessage(tr("Could not read the orphan rows: %1").arg(describeError(reports.error())));
                return;
            }
            // The page replaces the rows shown; the count is read again with it.
            OrphanReport &shown = m_reports[size_t(index)];
            shown.rows = reports->front().rows;
            shown.sample = reports->front().sample;
            shown.sampleOffset = reports->front().sampleOffset;
            if (currentReport() == &shown)
                showReport(index);
        });
    busy()->start(tr("Reading orphan rows…"), true);
}

void OrphansDialog::openFix(const QString &what, QString OrphanReport::*script, bool singleStatement)
{
    const OrphanReport *report = currentReport();
    if (!report || (report->*script).isEmpty())
        return;
    const QString title = tr("%1 of %2").arg(what, report->check.name);
    // Deleting the orphans deletes what references them first: a whole script of its own.
    if (script == &OrphanReport::deleteScript && report->safeDelete) {
        Q_EMIT scriptRequested({title, *report->safeDelete, QString()});
        return;
    }
    // Every fix is one statement, except validating a proposed key: ADD CONSTRAINT, then VALIDATE.
    const bool single = singleStatement || report->check.exists;
    Q_EMIT scriptRequested(single ? singleStatementScript(title, title, report->*script)
                                  : textOnlyScript(title, report->*script));
}

void OrphansDialog::setMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setAccessibleDescription(text);
}

} // namespace fkscope
