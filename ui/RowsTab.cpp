#include "RowsTab.h"

#include "DependentsPanel.h"
#include "RowBrowser.h"

#include <QTimer>

namespace fkscope {

namespace {

// Long enough to let arrow keys run over rows, short enough to feel immediate on a click.
const int pauseBeforeAnalysisMs = 250;

} // namespace

RowsTab::RowsTab(QWidget *parent)
    : QSplitter(Qt::Vertical, parent),
      m_rows(new RowBrowser(this)),
      m_dependents(new DependentsPanel(this)),
      m_pause(new QTimer(this))
{
    setObjectName(QStringLiteral("rowsTab"));
    setChildrenCollapsible(false);
    addWidget(m_rows);
    addWidget(m_dependents);
    setStretchFactor(0, 1);
    setStretchFactor(1, 1);
    setSizes({380, 420});

    m_pause->setSingleShot(true);
    m_pause->setInterval(pauseBeforeAnalysisMs);
    connect(m_pause, &QTimer::timeout, this, &RowsTab::analyzeCurrentRow);

    m_rows->setStatementTimeout(m_dependents->statementTimeout());
    connect(m_dependents, &DependentsPanel::statementTimeoutChanged, m_rows, &RowBrowser::setStatementTimeout);
    connect(m_rows, &RowBrowser::tableShown, this, &RowsTab::tableShown);
    connect(m_dependents, &DependentsPanel::childRowsRequested, m_rows, &RowBrowser::showChildrenVia);
    connect(m_rows, &RowBrowser::currentRowChanged, this, [this](const QStringList &rowKey) {
        if (rowKey.isEmpty()) {
            m_pause->stop();
            m_dependents->clear();
        } else {
            m_pause->start();
        }
    });
    connect(m_rows, &RowBrowser::deleteImpactRequested, this, [this] {
        m_pause->stop();
        analyzeCurrentRow();
    });
}

RowsTab::~RowsTab() = default;

void RowsTab::setDatabase(const ConnInfo &info, std::shared_ptr<const Catalog> catalog)
{
    m_pause->stop();
    m_dependents->setDatabase(info, catalog);
    m_rows->setDatabase(info, std::move(catalog));
}

void RowsTab::showTable(qint64 oid)
{
    m_rows->showTable(oid);
}

void RowsTab::analyzeCurrentRow()
{
    const Table *table = m_rows->table();
    const QStringList key = m_rows->currentRowKey();
    if (table && !key.isEmpty())
        m_dependents->analyze(*table, key);
}

} // namespace fkscope
