#include "ui/impact/DependentsPanel.h"

#include "ui/copy/CopyToDatabaseDialog.h"

#include "ui/common/PaletteColours.h"

#include "ui/impact/ImpactTreeModel.h"
#include "ui/impact/OnDeleteDelegate.h"
#include "ui/impact/TimeItPanel.h"
#include "ui/impact/WhatIfBar.h"
#include "ui/session/DatabaseSession.h"
#include "ui/session/DatabaseWorker.h"

#include "db/Connection.h"
#include "diagnose/Lint.h"
#include "impact/AssumedActions.h"
#include "impact/DeleteImpactAnalyzer.h"

#include "impact/DeleteImpactJson.h"
#include "rows/RowLinks.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace fkscope {

namespace {

using PaletteColours::Tint;

// A prediction and the catalog it was made on: a what-if's is a copy with the assumed
// actions, and the tree's keys point into it.
struct ShownImpact {
    std::shared_ptr<const Catalog> catalog;
    DeleteImpact impact;
};

} // namespace

DependentsPanel::DependentsPanel(DatabaseSession *session, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_analyzer(new DatabaseWorker(session, QStringLiteral("impactThread"), this)),
      m_lintWorker(new DatabaseWorker(session, QStringLiteral("dependentsLintThread"), this)),
      m_model(new ImpactTreeModel(this))
{
    setObjectName(QStringLiteral("dependentsPanel"));

    m_verdict = new QLabel(this);
    m_verdict->setObjectName(QStringLiteral("verdict"));
    // A named QLabel hides its text from screen readers in Qt 6.4: the verdict is the description.
    m_verdict->setAccessibleName(tr("Verdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verdict->setAutoFillBackground(true);
    m_verdict->setMargin(8);
    QFont bold = m_verdict->font();
    bold.setBold(true);
    m_verdict->setFont(bold);

    m_notes = new QLabel(this);
    m_notes->setObjectName(QStringLiteral("impactNotes"));
    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes->hide();

    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("dependentsTree"));
    m_tree->setAccessibleName(tr("Dependents"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    // Only the On delete column is editable: a what-if (F2, or a click on the selected cell).
    m_tree->setEditTriggers(QAbstractItemView::SelectedClicked | QAbstractItemView::EditKeyPressed);
    auto *onDelete = new OnDeleteDelegate(m_tree);
    m_tree->setItemDelegateForColumn(ImpactTreeModel::OnDeleteColumn, onDelete);
    connect(onDelete, &OnDeleteDelegate::actionChosen, this, &DependentsPanel::assumeAction);
    m_tree->setToolTip(tr("Double-click a key right below the row to see the rows it reaches"));
    connect(m_tree, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        // A double-click on an action edits it (a what-if) rather than leaving the row.
        if (index.column() == ImpactTreeModel::OnDeleteColumn && (index.flags() & Qt::ItemIsEditable)) {
            m_tree->edit(index);
            return;
        }
        if (index.parent().isValid())
            return;  // deeper keys reach rows through other rows: no simple filter names them
        Q_EMIT childRowsRequested(index.siblingAtColumn(ImpactTreeModel::ConstraintColumn).data().toString(),
                                  index.siblingAtColumn(0).data(ImpactTreeModel::QualifiedNameRole).toString());
    });
    QHeaderView *header = m_tree->header();
    header->setStretchLastSection(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    // "none: scans public.stock_reservations" and its box must stay readable.
    header->setSectionResizeMode(ImpactTreeModel::IndexColumn, QHeaderView::ResizeToContents);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(createHeader());
    m_whatIf = new WhatIfBar(this);
    connect(m_whatIf, &WhatIfBar::scriptRequested, this, &DependentsPanel::scriptRequested);
    connect(m_whatIf, &WhatIfBar::resetRequested, this, [this] {
        m_assumed.clear();
        runAnalysis();
    });
    m_timeIt = new TimeItPanel(session, m_model, this);
    layout->addWidget(m_whatIf);
    layout->addWidget(m_verdict);
    layout->addWidget(m_notes);
    layout->addWidget(m_timeIt);
    // The lock list Time It fills takes room from the tree, never all of it; the user moves
    // the line between them.
    auto *treeAndLocks = new QSplitter(Qt::Vertical, this);
    treeAndLocks->setObjectName(QStringLiteral("dependentsSplitter"));
    treeAndLocks->setChildrenCollapsible(false);
    treeAndLocks->addWidget(m_tree);
    treeAndLocks->addWidget(m_timeIt->lockList());
    treeAndLocks->setStretchFactor(0, 2);
    treeAndLocks->setStretchFactor(1, 1);
    layout->addWidget(treeAndLocks, 1);

    connect(session, &DatabaseSession::databaseChanged, this, &DependentsPanel::showNewDatabase);
    connect(m_analyzer, &DatabaseWorker::cancelled, this, [this] {
        setBusy(false);
        setVerdict(tr("Cancelled."), Tint::Neutral);
    });
    showNewDatabase();
}

DependentsPanel::~DependentsPanel() = default;

QWidget *DependentsPanel::createHeader()
{
    auto *header = new QWidget(this);
    m_title = new QLabel(tr("Dependents"), header);
    m_title->setObjectName(QStringLiteral("dependentsTitle"));
    m_title->setTextFormat(Qt::RichText);
    // A long table name is cut, not a reason to squeeze the table list beside the panel.
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    m_progress = new QProgressBar(header);
    m_progress->setObjectName(QStringLiteral("dependentsProgress"));
    m_progress->setAccessibleName(tr("Analyzing"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setFixedWidth(90);
    m_progress->setMaximumHeight(m_title->sizeHint().height());
    m_cancel = new QPushButton(tr("Cancel"), header);
    m_cancel->setObjectName(QStringLiteral("cancelDependents"));
    m_cancel->setAccessibleName(tr("Cancel analysis"));
    connect(m_cancel, &QPushButton::clicked, m_analyzer, &DatabaseWorker::cancel);

    auto *timeoutLabel = new QLabel(tr("Query &timeout:"), header);
    m_timeout = new QSpinBox(header);
    m_timeout->setObjectName(QStringLiteral("statementTimeout"));
    m_timeout->setAccessibleName(tr("Statement timeout"));
    m_timeout->setToolTip(tr("PostgreSQL stops a query of fkscope that runs longer (statement_timeout)"));
    m_timeout->setRange(1, 3600);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setValue(m_session->statementTimeout() / 1000);
    timeoutLabel->setBuddy(m_timeout);
    connect(m_timeout, &QSpinBox::valueChanged, m_session,
            [this](int seconds) { m_session->setStatementTimeout(seconds * 1000); });
    connect(m_session, &DatabaseSession::statementTimeoutChanged, m_timeout,
            [this](int milliseconds) { m_timeout->setValue(milliseconds / 1000); });

    // The title on a line of its own: the row's name is as long as its key.
    auto *layout = new QVBoxLayout(header);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    auto *controls = new QHBoxLayout;
    controls->addWidget(createScriptButtons(header));
    controls->addStretch(1);
    controls->addWidget(m_progress);
    controls->addWidget(m_cancel);
    controls->addSpacing(12);
    controls->addWidget(timeoutLabel);
    controls->addWidget(m_timeout);
    layout->addLayout(controls);
    return header;
}

QWidget *DependentsPanel::createScriptButtons(QWidget *parent)
{
    auto *buttons = new QWidget(parent);
    m_deleteScript = new QToolButton(buttons);
    m_deleteScript->setObjectName(QStringLiteral("deleteScriptButton"));
    m_deleteScript->setAccessibleName(tr("Delete script"));
    m_deleteScript->setText(tr("Delete Script…"));
    m_deleteScript->setToolTip(tr("A script that deletes the row and every row that blocks it, children first"));
    m_deleteScript->setEnabled(false);
    // A click writes in the mode the writer picks by size; the menu forces one.
    m_deleteScript->setPopupMode(QToolButton::MenuButtonPopup);
    auto *modes = new QMenu(m_deleteScript);
    const auto requestDeleteScript = [this](DeleteScriptMode mode) {
        if (!m_root)
            return;
        Q_EMIT scriptRequested(tr("Delete script of %1").arg(m_rowText), deleteScriptGenerator(
                                   tr("Delete script of %1").arg(m_rowText), *m_root, mode));
    };
    modes->addAction(tr("By &Predicate (finds the rows when it runs; compact)"), this,
                     [requestDeleteScript] { requestDeleteScript(DeleteScriptMode::Predicate); });
    modes->addAction(tr("By &Key (exactly the rows seen now)"), this,
                     [requestDeleteScript] { requestDeleteScript(DeleteScriptMode::Key); });
    m_deleteScript->setMenu(modes);
    connect(m_deleteScript, &QToolButton::clicked, this,
            [requestDeleteScript] { requestDeleteScript(DeleteScriptMode::Auto); });

    m_insertScript = new QToolButton(buttons);
    m_insertScript->setObjectName(QStringLiteral("insertScriptButton"));
    m_insertScript->setAccessibleName(tr("Insert script"));
    m_insertScript->setText(tr("Insert Script…"));
    m_insertScript->setToolTip(tr("The INSERTs of the row and every row it references, parents first: a copy that "
                                  "loads into an empty database of the same schema"));
    m_insertScript->setEnabled(false);
    m_insertScript->setPopupMode(QToolButton::MenuButtonPopup);
    const auto requestInsertScript = [this](bool withDependents) {
        if (!m_root)
            return;
        const QString title = tr("Insert script of %1").arg(m_rowText);
        Q_EMIT scriptRequested(title, insertScriptGenerator(title, *m_root, withDependents));
    };
    auto *extents = new QMenu(m_insertScript);
    extents->addAction(tr("With Its &Parents"), this, [requestInsertScript] { requestInsertScript(false); });
    extents->addAction(tr("With Its Parents and &Dependents"), this, [requestInsertScript] { requestInsertScript(true); });
    m_insertScript->setMenu(extents);
    connect(m_insertScript, &QToolButton::clicked, this, [requestInsertScript] { requestInsertScript(false); });

    // Beside Insert Script: the same rows, moved into another database instead of written out.
    m_copyToDatabase = new QToolButton(buttons);
    m_copyToDatabase->setObjectName(QStringLiteral("copyToDatabaseButton"));
    m_copyToDatabase->setAccessibleName(tr("Copy to database"));
    m_copyToDatabase->setText(tr("Copy to Database…"));
    m_copyToDatabase->setToolTip(tr("Copy the row and every row it needs into another database, with COPY"));
    m_copyToDatabase->setEnabled(false);
    connect(m_copyToDatabase, &QToolButton::clicked, this, [this] {
        if (!m_root)
            return;
        auto *dialog = new CopyToDatabaseDialog(m_session, *m_root, m_rowText, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });

    m_changeOnDelete = new QToolButton(buttons);
    m_changeOnDelete->setObjectName(QStringLiteral("changeOnDeleteButton"));
    m_changeOnDelete->setAccessibleName(tr("Change ON DELETE"));
    m_changeOnDelete->setText(tr("Change ON DELETE…"));
    m_changeOnDelete->setToolTip(tr("The ALTER TABLE script that gives the selected key another ON DELETE action"));
    m_changeOnDelete->setPopupMode(QToolButton::InstantPopup);
    m_changeOnDelete->setMenu(new QMenu(m_changeOnDelete));
    m_changeOnDelete->setEnabled(false);
    connect(m_changeOnDelete->menu(), &QMenu::aboutToShow, this, &DependentsPanel::fillChangeOnDeleteMenu);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        m_changeOnDelete->setEnabled(current.isValid());
    });

    auto *layout = new QHBoxLayout(buttons);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_deleteScript);
    layout->addWidget(m_insertScript);
    layout->addWidget(m_copyToDatabase);
    layout->addWidget(m_changeOnDelete);
    return buttons;
}

void DependentsPanel::fillChangeOnDeleteMenu()
{
    QMenu *menu = m_changeOnDelete->menu();
    menu->clear();
    const QModelIndex current = m_tree->currentIndex();
    const qint64 oid = current.siblingAtColumn(0).data(ImpactTreeModel::KeyOidRole).toLongLong();
    const ForeignKey *key = nullptr;
    for (const ForeignKey &k : m_catalog ? m_catalog->foreignKeys : std::vector<ForeignKey>()) {
        if (k.oid == oid)
            key = &k;
    }
    if (!key)
        return;
    bool nullable = true;
    const Table *child = m_catalog->table(key->childOid);
    for (const QString &column : key->childColumns)
        nullable = nullable && child->column(column)->nullable;
    for (FkAction action : {FkAction::Cascade, FkAction::SetNull, FkAction::SetDefault, FkAction::Restrict,
                            FkAction::NoAction}) {
        if (action == key->onDelete)
            continue;
        // SET NULL on a NOT NULL column fails at the first delete: offered, greyed, with the reason.
        const bool possible = action != FkAction::SetNull || nullable;
        QAction *item = menu->addAction(tr("%1: ON DELETE %2").arg(key->name, toString(action).toUpper()) +
                                        (possible ? QString() : tr(" (not possible: a key column is NOT NULL)")));
        item->setEnabled(possible);
        connect(item, &QAction::triggered, this, [this, oid, action, name = key->name] {
            Q_EMIT scriptRequested(tr("the ON DELETE %1 script of %2").arg(toString(action).toUpper(), name),
                                   changeOnDeleteGenerator(oid, action));
        });
    }
}

void DependentsPanel::findUnindexedKeys()
{
    m_model->setUnindexedKeys({});
    if (!m_catalog)
        return;
    m_lintWorker->run<std::vector<LintFinding>>(
        [catalog = m_catalog](Connection &connection) { return Linter(connection, *catalog).lint(); },
        [this](const Result<std::vector<LintFinding>> &findings) {
            if (!findings)
                return;  // the marks are a hint: without them the tree is still right
            QHash<QString, QString> unindexed;
            for (const LintFinding &finding : findings.value()) {
                if (finding.kind == QLatin1String("unindexed_key"))
                    unindexed.insert(finding.constraint + QLatin1Char('\n') + finding.table, finding.fix);
            }
            m_model->setUnindexedKeys(unindexed);
        });
}

bool DependentsPanel::isBusy() const
{
    return m_analyzer->isBusy() || m_timeIt->isBusy();
}

void DependentsPanel::showNewDatabase()
{
    m_catalog = m_session->catalog();
    clear();
    if (m_catalog)
        findUnindexedKeys();
}

void DependentsPanel::clear()
{
    m_analyzer->cancel();
    setBusy(false);
    m_model->clearRows();
    m_root.reset();
    m_assumed.clear();
    m_whatIf->show({});
    m_timeIt->setRoot(m_catalog, std::nullopt);
    m_deleteScript->setEnabled(false);
    m_insertScript->setEnabled(false);
    m_copyToDatabase->setEnabled(false);
    m_changeOnDelete->setEnabled(false);
    m_title->setText(tr("<b>Dependents</b>"));
    m_title->setToolTip(QString());
    setVerdict(tr("Select a row to see what deleting it would do."), Tint::Neutral);
    m_notes->hide();
}

void DependentsPanel::analyze(const Table &table, const QStringList &rowKey)
{
    m_root.reset();
    m_deleteScript->setEnabled(false);
    m_insertScript->setEnabled(false);
    m_copyToDatabase->setEnabled(false);
    if (!m_catalog)
        return;
    auto root = deleteRootFor(table, rowKey);
    if (!root) {
        showFailure(root.error().message);
        return;
    }
    m_title->setText(tr("<b>Dependents</b> of %1 &nbsp;<code>%2</code>")
                         .arg(table.qualifiedName.toHtmlEscaped(), describeRow(table, rowKey).toHtmlEscaped()));
    m_title->setToolTip(tr("Dependents of %1 %2").arg(table.qualifiedName, describeRow(table, rowKey)));
    m_model->clearRows();
    m_changeOnDelete->setEnabled(false);
    m_root = root.value();
    m_assumed.clear();
    m_rowText = QStringLiteral("%1 %2").arg(table.qualifiedName, describeRow(table, rowKey));
    m_timeIt->setRoot(m_catalog, m_root);
    runAnalysis();
}

void DependentsPanel::runAnalysis()
{
    if (!m_root || !m_catalog)
        return;
    m_notes->hide();
    setVerdict(m_assumed.empty() ? tr("Working out what DELETE would do…")
                                 : tr("Working out what DELETE would do with the assumed actions…"),
               Tint::Neutral);
    setBusy(true);
    m_analyzer->run<ShownImpact>(
        [catalog = m_catalog, root = *m_root, assumed = m_assumed,
         timeout = m_session->statementTimeout()](Connection &connection) -> Result<ShownImpact> {
            ShownImpact shown{catalog, {}};
            if (!assumed.empty()) {
                // The analysis reads the keys' actions from the catalog only: a copy with the
                // assumed ones is the whole what-if (AssumedActions, as dependents --assume).
                auto newest = AssumedActions::newestObjectId(connection);
                if (!newest)
                    return newest.error();
                shown.catalog = std::make_shared<const Catalog>(AssumedActions::apply(*catalog, assumed, newest.value()));
            }
            DeleteImpactAnalyzer analyzer(connection, *shown.catalog);
            analyzer.setStatementTimeout(timeout);
            auto impact = analyzer.analyze(root);
            if (!impact)
                return impact.error();
            shown.impact = impact.take();
            shown.impact.assumed = assumed;
            return shown;
        },
        [this](const Result<ShownImpact> &shown) {
            if (!shown) {
                showFailure(describeError(shown.error()));
                return;
            }
            m_shown = shown->catalog;
            showResult(shown->impact);
        });
}

void DependentsPanel::assumeAction(qint64 keyOid, FkAction action)
{
    const ForeignKey *real = nullptr;
    for (const ForeignKey &k : m_catalog ? m_catalog->foreignKeys : std::vector<ForeignKey>()) {
        if (k.oid == keyOid)
            real = &k;
    }
    if (!real || !m_root)
        return;
    const auto same = [keyOid](const AssumedAction &a) { return a.keyOid == keyOid; };
    m_assumed.erase(std::remove_if(m_assumed.begin(), m_assumed.end(), same), m_assumed.end());
    if (action != real->onDelete)
        m_assumed.push_back({real->oid, real->child, real->name, action});
    runAnalysis();
}

void DependentsPanel::showResult(const DeleteImpact &impact)
{
    setBusy(false);
    m_deleteScript->setEnabled(m_root.has_value());
    m_insertScript->setEnabled(m_root.has_value());
    m_copyToDatabase->setEnabled(m_root.has_value());
    m_model->show(impact);
    QSet<qint64> assumedKeys;
    for (const AssumedAction &a : impact.assumed)
        assumedKeys.insert(a.keyOid);
    m_model->setAssumedKeys(assumedKeys);
    m_whatIf->show(impact.assumed);
    m_timeIt->clear();
    m_timeIt->setHypothetical(!impact.assumed.empty());
    m_tree->expandAll();
    for (int column = 0; column <= ImpactTreeModel::EffectColumn; ++column)
        m_tree->resizeColumnToContents(column);

    const Tint tint = !impact.fails.has_value() ? Tint::Warning : (*impact.fails ? Tint::Failing : Tint::Passing);
    setVerdict(impact.assumed.empty() ? verdict(impact) : tr("What if: %1").arg(verdict(impact)), tint);

    QStringList notes;
    for (const QString &reason : impact.incomplete)
        notes << tr("Incomplete: %1").arg(reason);
    for (const QString &warning : impact.warnings)
        notes << tr("Not predicted: %1").arg(warning);
    if (impact.tree.empty())
        notes << tr("No foreign key references %1.").arg(impact.rootTable);
    m_notes->setText(notes.join(QLatin1Char('\n')));
    m_notes->setAccessibleDescription(m_notes->text());
    m_notes->setVisible(!notes.isEmpty());
}

void DependentsPanel::showFailure(const QString &message)
{
    setBusy(false);
    m_deleteScript->setEnabled(m_root.has_value());  // the writer may get further than the prediction
    m_insertScript->setEnabled(m_root.has_value());
    m_copyToDatabase->setEnabled(m_root.has_value());
    m_model->clearRows();
    m_whatIf->show(m_assumed);  // a what-if that failed can still be reset
    setVerdict(tr("Could not work out what DELETE would do: %1").arg(message), Tint::Warning);
}

void DependentsPanel::setVerdict(const QString &text, PaletteColours::Tint tint)
{
    m_verdict->setText(text);
    m_verdict->setAccessibleDescription(text);
    m_verdict->setPalette(PaletteColours::tinted(palette(), tint));
}

void DependentsPanel::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
}

} // namespace fkscope
