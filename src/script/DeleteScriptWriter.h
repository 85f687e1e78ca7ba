#pragma once

#include "catalog/Catalog.h"
#include "impact/DeleteImpact.h"
#include "script/SqlScript.h"
#include "util/Result.h"

namespace fkscope {

class Connection;

// By predicate: the rows are found again when the script runs, set-based, so the script stays
// small for a million rows. By key: the rows seen now are listed by primary key, so the
// script deletes exactly what was previewed (and fails rather than delete a row that appeared
// since). Auto picks by key for small deletes.
enum class DeleteScriptMode { Auto, Predicate, Key };

// Writes the script that deletes the root rows together with every row that would block the
// DELETE, children first, in one transaction. Its end state is that of deleting the root rows
// in a copy of the database whose NO ACTION and RESTRICT keys were all ON DELETE CASCADE: rows
// that PostgreSQL would only set NULL or DEFAULT stay, and PostgreSQL's own rules update them.
// Reads in one READ ONLY, REPEATABLE READ transaction; writes nothing.
class DeleteScriptWriter {
public:
    static constexpr qint64 keyModeLimit = 1000;

    DeleteScriptWriter(Connection &connection, const Catalog &catalog);
    ~DeleteScriptWriter();

    // Auto writes by key up to keyModeLimit rows in all, by predicate above.
    void setMode(DeleteScriptMode mode) { m_mode = mode; }
    // The script gives up instead of queueing behind a long transaction's locks.
    void setLockTimeout(int milliseconds) { m_lockTimeout = milliseconds; }
    void setStatementTimeout(int milliseconds) { m_statementTimeout = milliseconds; }

    Result<SqlScript> write(const DeleteRoot &root);

private:
    Result<SqlScript> writeInTransaction(const DeleteRoot &root);

    Connection &m_connection;
    const Catalog &m_catalog;
    Catalog m_cascading;  // the catalog with every NO ACTION and RESTRICT key made CASCADE
    DeleteScriptMode m_mode = DeleteScriptMode::Auto;
    int m_lockTimeout = 5000;
    int m_statementTimeout = 0;
};

} // namespace fkscope
