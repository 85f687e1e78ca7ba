#pragma once

#include "catalog/Catalog.h"

namespace fkscope {

// The ALTER TABLE script that changes a key's ON DELETE action, written the safe way for large
// tables: the new constraint goes in NOT VALID (no scan, a short lock) in the same transaction
// that drops the old one, and VALIDATE CONSTRAINT then checks the rows without blocking writes.
QString changeOnDeleteScript(const ForeignKey &key, const Table &child, const Table &parent, FkAction newAction);

// "FOREIGN KEY (a, b) REFERENCES s.t (x, y) MATCH FULL ON UPDATE … ON DELETE … DEFERRABLE …"
QString foreignKeyClause(const ForeignKey &key, const Table &parent, FkAction onDelete);

} // namespace fkscope
