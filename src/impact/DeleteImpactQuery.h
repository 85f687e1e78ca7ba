#pragma once

#include "catalog/Catalog.h"

#include <QHash>
#include <QString>

#include <vector>

namespace fkscope {

// True when the key's ON DELETE action leaves only some columns of a MATCH FULL key NULL,
// which MATCH FULL forbids: the DELETE then fails as if the row blocked it.
bool leavesFullKeyHalfNull(const ForeignKey &key, const Table &child);
// The first column that the key's ON DELETE SET NULL / SET DEFAULT would set to NULL although
// it is NOT NULL, or an empty string: such an action fails, as if the row blocked the DELETE.
QString nullIntoNotNullColumn(const ForeignKey &key, const Table &child);
// The columns the key's ON DELETE SET NULL / SET DEFAULT writes; empty for other actions.
QStringList writtenColumns(const ForeignKey &key);
// True when the key's SET NULL / SET DEFAULT writes a column that another key of the child
// table uses (or, for SET DEFAULT, its own), or that a key references: PostgreSQL then checks
// those keys with the new values, and the order of the keys' triggers decides which of them
// still sees the row.
bool writesKeyColumns(const Catalog &catalog, const ForeignKey &key);

// Builds the one statement that finds, on the server, every row a DELETE of the root rows
// reaches, and returns only counts. The reached rows stay on the server: the statement is a
// recursive CTE over (tableoid, ctid) pairs that follows each foreign key set-based, so a
// closure of a million rows costs the client a few result rows.
//
// Result rows: (kind text, id text, rows bigint), kind one of
//   root     -, number of root rows
//   deleted  table name, rows the DELETE removes (root included)
//   updated  table name, rows set to NULL / DEFAULT and not removed
//   blocked  key oid, rows that still reference a deleted row when the key is checked
//   orphaned virtual key oid, rows left referencing a deleted row (fate 'o' in reached)
//   edge     key oid, distinct rows reached through the key
class DeleteImpactQuery {
public:
    // rootCondition is SQL over the root table's alias "t", with every value already quoted.
    DeleteImpactQuery(const Catalog &catalog, const Table &root, QString rootCondition);

    // The keys that a DELETE of the root rows fires, transitively (through cascades).
    const std::vector<const ForeignKey *> &keys() const { return m_keys; }
    // The tables whose rows the statement reads.
    std::vector<const Table *> tables() const;

    // triggerNames: for each key, its ON DELETE trigger on the referenced table; when two
    // keys act on the same row, PostgreSQL fires their triggers in name order.
    // The layered plan is used wherever it applies; generalOnly forces the recursive one
    // (for tests that compare the two).
    QString sql(const QHash<qint64, QString> &triggerNames, bool generalOnly = false) const;

    // The recursive CTE "reached(rel, tid, fate, via, prel, ptid)" the statement starts from:
    // every row the DELETE reaches, with fate 'd' (deleted), 'n' (set null), 's' (set default)
    // 'b' (blocks) or 'o' (a virtual key's row, left as it is). Other statements (the delete script) build on it.
    QString reachedRows() const;

private:
    QString branch(const ForeignKey &key) const;
    QString detachedBefore(const ForeignKey &key) const;
    QString crossingWrites() const;
    QString failedWrites() const;
    QString rescuedBeforeCheck(const ForeignKey &writer) const;

    const Catalog &m_catalog;
    const Table &m_root;
    QString m_rootCondition;
    std::vector<const ForeignKey *> m_keys;
};

} // namespace fkscope
