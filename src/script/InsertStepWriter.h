#pragma once

#include "copy/ClosureRows.h"
#include "copy/CopyPlan.h"
#include "script/InsertOrder.h"
#include "util/Result.h"

#include <QByteArray>

#include <utility>
#include <vector>

namespace fkscope {

class InsertValuesReader;
class ScriptSink;
struct InsertScriptOptions;

// Rows of one table that reference each other: (child, parent) by row name, "rel:ctid".
using RowPairs = std::vector<std::pair<QByteArray, QByteArray>>;

// Writes the INSERT statements of an insert script, one step at a time, each row handed to
// the sink as it is read. A self-referencing table with one INSERT per row is the one place
// rows are held: that table's, to put each after the rows it references.
class InsertStepWriter {
public:
    InsertStepWriter(ScriptSink &sink, InsertValuesReader &values, const ClosureRows &rows,
                     const std::vector<CopyTable> &tables, const InsertScriptOptions &options);

    // selfReferences: for a self-referencing step written one INSERT per row, the rows that
    // reference each other (pairs of other tables' rows are ignored); otherwise empty.
    Status write(const InsertStep &step, const RowPairs &selfReferences = {});
    // Identity and serial sequences moved past the ids just inserted, never back.
    void writeSequences();

private:
    Status writeCycle(const InsertStep &step);
    Status writeTable(const CopyTable &table, const InsertStep &step, const RowPairs &selfReferences);
    Status writeOrdered(const CopyTable &table, const QString &comment, const InsertStep &step,
                        const RowPairs &selfReferences);
    // INSERT INTO … VALUES with every row of the table, each line after the first indented.
    Status writeInsert(const CopyTable &table, const QByteArray &indent);
    QByteArray head(const CopyTable &table, const QByteArray &indent) const;
    QByteArray tail(const QByteArray &indent) const;
    Status stopped(const Status &read) const;

    ScriptSink &m_sink;
    InsertValuesReader &m_values;
    const ClosureRows &m_rows;
    const std::vector<CopyTable> &m_tables;
    const InsertScriptOptions &m_options;
};

} // namespace fkscope
