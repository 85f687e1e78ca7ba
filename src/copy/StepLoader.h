#pragma once

#include "copy/CopyPlan.h"
#include "copy/CopyReport.h"
#include "util/Result.h"

#include <functional>

namespace fkscope {

class LibpqSession;

// Moves the rows of one step of a plan from SOURCE to TARGET, inside transactions the
// caller holds open on both. Rows pass through one row at a time: COPY … TO STDOUT on
// SOURCE feeds COPY … FROM STDIN on TARGET, straight into the table, or into a TEMP
// staging table from which one INSERT … SELECT … ON CONFLICT per step takes them.
class StepLoader {
public:
    // rowsMoved(table, rows, bytes): called every few thousand rows, for progress.
    using RowsMoved = std::function<void(const CopyTable &table, qint64 rows, qint64 bytes)>;

    StepLoader(LibpqSession &source, LibpqSession &target, const Catalog &catalog, const ClosureRows &rows,
               OnConflict onConflict, std::function<bool()> cancelled, RowsMoved rowsMoved)
        : m_source(source), m_target(target), m_catalog(catalog), m_rows(rows), m_onConflict(onConflict),
          m_cancelled(std::move(cancelled)), m_rowsMoved(std::move(rowsMoved))
    {
    }

    // Loads the step's tables and fills their results (indexes as in plan.tables).
    Status load(const CopyPlan &plan, const CopyStep &step, std::vector<CopiedTable> &results);

private:
    Result<qint64> stream(const CopyTable &table, const QString &destination);
    Status loadStaged(const CopyPlan &plan, const CopyStep &step, std::vector<CopiedTable> &results);

    LibpqSession &m_source;
    LibpqSession &m_target;
    const Catalog &m_catalog;
    const ClosureRows &m_rows;
    OnConflict m_onConflict;
    std::function<bool()> m_cancelled;  // checked between rows
    RowsMoved m_rowsMoved;
};

// pg_temp.fkscope_copy_N: the TEMP table the rows of plan table N are staged in.
QString stagingTableName(int index);
// WITH iN AS (INSERT INTO table … SELECT … FROM staging … ON CONFLICT …), … SELECT N, count(*):
// a step's staged rows into their tables in one statement, with the rows each one wrote.
QString stagedInsertSql(const CopyPlan &plan, const CopyStep &step, OnConflict onConflict);

// The error a cancelled copy ends with (SQLSTATE 57014, as a cancelled statement).
Error copyCancelledError();

} // namespace fkscope
