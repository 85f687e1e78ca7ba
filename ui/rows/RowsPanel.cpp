#include "ui/rows/RowsPanel.h"

#include "ui/impact/DependentsPanel.h"
#include "ui/rows/RowListPanel.h"
#include "ui/session/DatabaseSession.h"

#include <QTimer>

namespace fkscope {

namespace {

// Long enough to let arrow keys run over rows, short enough to feel immediate on a click.
const int pauseBeforeAnalysisMs = 250;

} // namespace

RowsPanel::RowsPanel(DatabaseSession *session, QWidget *parent)
    : QSplitter(Qt::Vertical, parent),
      m_rows(new RowListPanel(session, this)),
      m_dependents(new DependentsPanel(session, this)),
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
    connect(m_pause, &QTimer::timeout, this, &RowsPanel::analyzeCurrentRow);

    connect(session, &DatabaseSession::databaseChanged, m_pause, &QTimer::stop);
    connect(m_rows, &RowListPanel::tableShown, this, &RowsPanel::tableShown);
    connect(m_dependents, &DependentsPanel::childRowsRequested, m_rows, &RowListPanel::showChildrenVia);
    connect(m_rows, &RowListPanel::currentRowChanged, this, [this](const QStringList &rowKey) {
        if (rowKey.isEmpty()) {
            m_pause->stop();
            m_dependents->clear();
        } else {
            m_pause->start();
        }
    });
    connect(m_rows, &RowListPanel::deleteImpactRequested, this, [this] {
        m_pause->stop();
        analyzeCurrentRow();
    });
}

RowsPanel::~RowsPanel() = default;

void RowsPanel::showTable(qint64 oid)
{
    m_rows->showTable(oid);
}

void RowsPanel::analyzeCurrentRow()
{
    const Table *table = m_rows->table();
    const QStringList key = m_rows->currentRowKey();
    if (table && !key.isEmpty())
        m_dependents->analyze(*table, key);
}

} // namespace fkscope
