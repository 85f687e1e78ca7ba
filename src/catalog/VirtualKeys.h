#pragma once

#include "catalog/Catalog.h"
#include "catalog/VirtualKeyFile.h"
#include "util/Result.h"

#include <vector>

namespace fkscope {

class ColumnTypes;
class Connection;

// Turns the entries of a virtual-keys file into keys of the catalog, checked against it: both
// tables and every column exist, as many child as parent columns, each pair comparable with =
// (ColumnTypes::comparable, as infer-keys decides it), the parent columns a primary key or
// unique key of the parent, and the key neither declared by the database nor given twice. The
// first entry that fails is refused with one line naming it, and no key is returned.
//
// A virtual key is a ForeignKey with isVirtual set: ON DELETE / ON UPDATE NO ACTION, MATCH
// SIMPLE, not validated (PostgreSQL never checked its rows), an oid counted down from the top
// of the oid range (4294967295, 4294967294, ...), which no object of a real database reaches.
Result<std::vector<ForeignKey>> resolveVirtualKeys(const Catalog &catalog, const ColumnTypes &types,
                                                   const std::vector<VirtualKeyEntry> &entries);

// The catalog with the keys appended after its declared ones (they replace any virtual keys it
// had); childIndexed is read from the database.
Result<Catalog> withVirtualKeys(Connection &connection, const Catalog &catalog,
                                const std::vector<VirtualKeyEntry> &entries);

// The same catalog without its virtual keys: what PostgreSQL itself enforces.
Catalog withoutVirtualKeys(const Catalog &catalog);
// The same catalog with its virtual keys taken for declared NO ACTION keys: what the database
// would do if they had been added with ALTER TABLE.
Catalog withVirtualKeysDeclared(const Catalog &catalog);
bool hasVirtualKeys(const Catalog &catalog);

// The entry that gives this key again (qualified names as the catalog quotes them).
VirtualKeyEntry entryOf(const ForeignKey &key);

} // namespace fkscope
