#pragma once

#include "catalog/Catalog.h"

namespace fkscope {

// The ALTER TABLE script that changes a key's ON DELETE action, written the safe way for large
// tables: the new constraint goes in NOT VALID (no scan, a short lock) in the same transaction
// that drops the old one, and VALIDATE CONSTRAINT then checks the rows without blocking writes.
QString changeOnDeleteScript(const ForeignKey &key, const Table &child, const Table &parent, FkAction newAction);

// The same for both actions. createIndex, when not empty, is the CREATE INDEX the key's columns
// lack (see Linter): it goes first, since without it every DELETE of a parent row scans the
// child table. A partitioned child cannot take a NOT VALID key (PostgreSQL 15), so its new key
// is checked when added; a key that was NOT VALID stays so, and is not validated.
QString changeKeyActionsScript(const ForeignKey &key, const Table &child, const Table &parent, FkAction onDelete,
                               FkAction onUpdate, const QString &createIndex = {});

// "FOREIGN KEY (a, b) REFERENCES s.t (x, y) MATCH FULL ON UPDATE … ON DELETE … DEFERRABLE …"
QString foreignKeyClause(const ForeignKey &key, const Table &parent, FkAction onDelete);
QString foreignKeyClause(const ForeignKey &key, const Table &parent, FkAction onDelete, FkAction onUpdate);

} // namespace fkscope
