#pragma once

#include "catalog/Catalog.h"
#include "catalog/VirtualKeyFile.h"
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

    // The user's own keys for this database (VirtualKeyStore), part of catalog() as keys
    // marked isVirtual. fkscope keeps them; they are never written to the database.
    const std::vector<VirtualKeyEntry> &virtualKeys() const { return m_virtualKeys; }
    // Checks entries against the database in the background; when they are good, keeps them,
    // and catalog() has them (databaseChanged); otherwise virtualKeysRefused, nothing changed.
    void setVirtualKeys(const std::vector<VirtualKeyEntry> &entries);

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
    // The database's virtual keys could not be taken: one line saying which entry and why.
    void virtualKeysRefused(const QString &message);

private:
    DatabaseWorker *m_loader = nullptr;
    ConnInfo m_requested;
    ConnInfo m_info;
    std::shared_ptr<const Catalog> m_catalog;
    std::shared_ptr<const Catalog> m_declared;  // m_catalog without its virtual keys
    std::vector<VirtualKeyEntry> m_virtualKeys;
    int m_statementTimeout = 30000;
};

} // namespace fkscope
