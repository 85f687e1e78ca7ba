#pragma once

#include "catalog/Catalog.h"
#include "script/SqlScript.h"
#include "util/Result.h"

#include <QByteArray>
#include <optional>
#include <vector>

namespace fkscope {

class Connection;

// A key to check for orphans: one that exists (NOT VALID, or checked anyway), or one the user
// proposes before adding it.
struct OrphanCheck {
    QString name;                 // constraint name, or the name the new key would get
    const Table *child = nullptr;
    QStringList childColumns;
    const Table *parent = nullptr;
    QStringList parentColumns;
    FkMatch match = FkMatch::Simple;
    bool exists = false;
};

struct OrphanReport {
    OrphanCheck check;
    qint64 rows = 0;
    std::vector<QByteArray> sample;   // one page of orphan rows, each a JSON object from the server
    qint64 sampleOffset = 0;          // how many orphan rows come before the page
    QString deleteScript;             // the orphans and every row that would block their DELETE
    std::optional<SqlScript> safeDelete;  // the same as a script to run, when fkscope could write one
    QString setNullScript;            // empty when a key column is NOT NULL
    QString insertParentsScript;
    QString validateScript;           // VALIDATE CONSTRAINT, or ADD … NOT VALID then VALIDATE
};

// Rows whose key references no parent row, counted set-based on the server with the key's
// MATCH rule, in one read-only transaction.
class OrphanFinder {
public:
    OrphanFinder(Connection &connection, const Catalog &catalog) : m_connection(connection), m_catalog(catalog) {}

    // Every NOT VALID key of the catalog, and every virtual key.
    std::vector<OrphanCheck> notValidKeys() const;
    // An existing key by name; table disambiguates a name used on several tables.
    Result<OrphanCheck> existingKey(const QString &name, const QString &table);
    // "orders(user_id)" -> "users(id)".
    Result<OrphanCheck> proposedKey(const QString &child, const QString &parent);

    // sampleSize rows of each key from offset on, in the child's primary key order (physical
    // order without one), so that offset pages through them.
    Result<std::vector<OrphanReport>> find(const std::vector<OrphanCheck> &checks, int sampleSize, qint64 offset = 0);

private:
    Result<const Table *> resolveTable(const QString &name);
    Result<OrphanReport> findOne(const OrphanCheck &check, int sampleSize, qint64 offset);
    void addSafeDelete(OrphanReport &report);

    Connection &m_connection;
    const Catalog &m_catalog;
};

} // namespace fkscope
