#pragma once

#include "catalog/Catalog.h"
#include "impact/DeleteImpact.h"
#include "rows/RowFilter.h"
#include "rows/RowPage.h"

#include <QString>

#include <vector>

namespace fkscope {

// One foreign key leading away from a row: up to the row it references, or down to the rows
// that reference it.
struct RowLink {
    const ForeignKey *key = nullptr;
    bool toParent = false;         // true: this row references the parent through key
    qint64 tableOid = 0;           // the table at the other end
    RowFilter filter;              // its rows at the other end of key
    bool available = true;         // false: a key column of this row is NULL, nothing is referenced
};

// The keys of catalog leading away from row (values in the order of table.columns): first
// those table holds, then those pointing at it, each sorted by constraint name.
std::vector<RowLink> rowLinks(const Catalog &catalog, const Table &table, const RowValues &row);

// The DELETE that removes exactly this row: by its key columns, or by ctid (and tableoid).
// rowKey is one of RowPage::rowKeys.
Result<DeleteRoot> deleteRootFor(const Table &table, const QStringList &rowKey);

// A short name for a row in the window: "id=1", "order_id=3, line_no=2", "ctid (0,5)".
QString describeRow(const Table &table, const QStringList &rowKey);

} // namespace fkscope
