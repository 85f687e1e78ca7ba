#pragma once

#include "catalog/Catalog.h"
#include "diagnose/Violation.h"
#include "impact/DeleteImpact.h"
#include "script/SqlScript.h"
#include "util/Result.h"

#include <optional>

namespace fkscope {

class Connection;

// A ready script that would fix the violation.
struct Fix {
    QString kind;         // "insert_parent", "delete_children_first", "change_on_delete"
    QString description;
    QString sql;
};

// A 23503 error matched to its key in the catalog, with what the database holds now.
struct Explanation {
    Violation violation;
    const ForeignKey *key = nullptr;
    QList<QPair<QString, QString>> keyValues;  // column -> value, the side the message names
    bool keyAmbiguous = false;                 // several keys or several splits of the values fit the message
    std::vector<const ForeignKey *> candidates;  // every key the message can mean; key is one of them
    qint64 rows = 0;                           // child rows that reference the key now
    std::optional<bool> parentExists;          // missing parent: is it there now?
    std::optional<DeleteImpact> dependents;    // still referenced: what DELETE of the parent does
    std::optional<SqlScript> safeDelete;       // still referenced: the delete script of the parent row
    std::vector<Fix> fixes;
};

// Reads a pasted 23503 error and explains it against the database, read-only.
class ViolationExplainer {
public:
    ViolationExplainer(Connection &connection, const Catalog &catalog) : m_connection(connection), m_catalog(catalog) {}

    Result<Explanation> explain(const QString &errorText);

private:
    Result<std::vector<const ForeignKey *>> matchingKeys(const Violation &violation);
    std::optional<bool> fitsTheData(const Violation &violation, const ForeignKey &key);
    const ForeignKey *chooseKey(const Violation &violation, const std::vector<const ForeignKey *> &candidates,
                                bool *ambiguous);
    Result<QList<QPair<QString, QString>>> keyValues(const Violation &violation, const ForeignKey &key,
                                                     bool *ambiguous);
    Result<qint64> count(const QString &sql);
    void addFixes(Explanation &explanation);

    Connection &m_connection;
    const Catalog &m_catalog;
};

} // namespace fkscope
