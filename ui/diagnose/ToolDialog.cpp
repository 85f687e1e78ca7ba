#include "ui/diagnose/ToolDialog.h"

#include "ui/common/BusyIndicator.h"
#include "ui/session/DatabaseSession.h"
#include "ui/session/DatabaseWorker.h"

namespace fkscope {

ToolDialog::ToolDialog(DatabaseSession *session, const QString &threadName, QWidget *parent)
    : QDialog(parent),
      m_session(session),
      m_worker(new DatabaseWorker(session, threadName, this)),
      m_busy(new BusyIndicator(this)),
      m_catalog(session->catalog())
{
    connect(m_busy, &BusyIndicator::cancelRequested, m_worker, &DatabaseWorker::cancel);
    connect(m_worker, &DatabaseWorker::cancelled, this, [this] {
        m_busy->stop();
        showCancelled();
    });
    connect(session, &DatabaseSession::databaseChanged, this, [this] {
        m_catalog = m_session->catalog();
        m_busy->stop();
        showNewDatabase();
    });
}

ToolDialog::~ToolDialog() = default;

} // namespace fkscope
