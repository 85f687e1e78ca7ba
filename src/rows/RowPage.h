#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace fkscope {

// One value as PostgreSQL's text output gives it; none is SQL NULL (not the empty string).
using RowValue = std::optional<QString>;
using RowValues = std::vector<RowValue>;

// Where the next page starts: just after the last row of the previous one, in the order of
// the page query (keyset pagination: no OFFSET, so page 1000 costs what page 1 costs).
struct RowCursor {
    bool atStart = true;
    QStringList key;               // the last row's key values as text (ctid mode: [tableoid,] ctid)
    RowValue sortValue;            // the last row's sort column value, when sorting by one
    // Ctid mode only: the block window [blockStart, blockStart + blockCount) being read.
    qint64 blockStart = 0;
    qint64 blockCount = 0;
    bool inWindow = false;         // key holds a row inside the current window
};

// One page of rows of one table.
struct RowPage {
    QStringList columns;           // the table's column names, in attnum order
    std::vector<RowValues> rows;   // values in the order of columns
    std::vector<QStringList> rowKeys;  // per row: what identifies it (see RowOrderKey)
    RowCursor next;                // pass back to load the page after this one
    bool atEnd = false;            // nothing after this page
};

} // namespace fkscope

Q_DECLARE_METATYPE(fkscope::RowPage)
