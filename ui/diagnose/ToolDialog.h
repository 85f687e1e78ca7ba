#pragma once

#include "catalog/Catalog.h"

#include <QDialog>

#include <memory>

namespace fkscope {

class BusyIndicator;
class DatabaseSession;
class DatabaseWorker;

// What every Tools dialog shares: it works on the session's database through a worker of its
// own, shows a busy indicator whose Cancel stops the job, and starts over when the session
// shows another database.
class ToolDialog : public QDialog {
    Q_OBJECT

public:
    ~ToolDialog() override;

protected:
    ToolDialog(DatabaseSession *session, const QString &threadName, QWidget *parent);

    // The session's catalog as of the last databaseChanged; the dialog's answers point into it.
    const std::shared_ptr<const Catalog> &catalog() const { return m_catalog; }
    DatabaseWorker *worker() const { return m_worker; }
    BusyIndicator *busy() const { return m_busy; }

    // The session shows another database: forget the old answers (catalog() is the new one).
    virtual void showNewDatabase() = 0;
    // The user cancelled the job running.
    virtual void showCancelled() = 0;

private:
    DatabaseSession *m_session = nullptr;
    DatabaseWorker *m_worker = nullptr;
    BusyIndicator *m_busy = nullptr;
    std::shared_ptr<const Catalog> m_catalog;
};

} // namespace fkscope
