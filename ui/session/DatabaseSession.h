#pragma once

#include "catalog/Catalog.h"
#include "db/ConnInfo.h"

#include <QObject>

#include <memory>

namespace fkscope {

class DatabaseWorker;

// What the window knows about the database it shows: the connection info, the catalog, and
// the settings that go with it (the statement timeout). Panels and dialogs read it and listen
// for its changes instead of being handed the pieces. It loads a new catalog in the
// background; until that catalog is whole, the old one stays.
class DatabaseSession : public QObject {
    Q_OBJECT

public:
    explicit DatabaseSession(QObject *parent = nullptr);
    ~DatabaseSession() override;

    // Loads the catalog behind info; when it is there, info is the session's database.
    void connectTo(const ConnInfo &info);
    void reload();
    void cancelLoading();
    bool isLoading() const;
    // The connection of the load running now or last asked for.
    ConnInfo requestedConnInfo() const { return m_requested; }

    // The database whose catalog is loaded; empty before the first load.
    const ConnInfo &connInfo() const { return m_info; }
    std::shared_ptr<const Catalog> catalog() const { return m_catalog; }
    bool hasDatabase() const { return m_catalog != nullptr; }
    // Makes info and catalog the session's database (what a finished load does).
    void setDatabase(const ConnInfo &info, std::shared_ptr<const Catalog> catalog);

    // PostgreSQL stops any statement of fkscope that runs longer (statement_timeout).
    int statementTimeout() const { return m_statementTimeout; }  // milliseconds
    void setStatementTimeout(int milliseconds);

Q_SIGNALS:
    void loadStarted(const fkscope::ConnInfo &info);
    // connecting: it was the connection that failed, not the catalog queries.
    void loadFailed(const fkscope::ConnInfo &info, bool connecting, const QString &message);
    void loadCancelled();
    // connInfo() and catalog() are new.
    void databaseChanged();
    void statementTimeoutChanged(int milliseconds);

private:
    DatabaseWorker *m_loader = nullptr;
    ConnInfo m_requested;
    ConnInfo m_info;
    std::shared_ptr<const Catalog> m_catalog;
    int m_statementTimeout = 30000;
};

} // namespace fkscope
