#include "script/InsertStepWriter.h"

#include "catalog/Identifier.h"
#include "impact/ImpactSql.h"
#include "script/InsertScriptWriter.h"
#include "script/InsertValuesReader.h"
#include "script/ScriptSink.h"

#include <QHash>

namespace fkscope {

namespace {

QString keyNames(const std::vector<const ForeignKey *> &keys)
{
    QStringList names;
    for (const ForeignKey *k : keys)
        names << QStringLiteral("%1 (%2)").arg(k->name, k->child);
    return names.join(QStringLiteral(", "));
}

QString rowCountText(qint64 rows)
{
    return rows == 1 ? QStringLiteral("1 row") : QStringLiteral("%1 rows").arg(rows);
}

} // namespace

InsertStepWriter::InsertStepWriter(ScriptSink &sink, InsertValuesReader &values, const ClosureRows &rows,
                                   const std::vector<CopyTable> &tables, const InsertScriptOptions &options)
    : m_sink(sink), m_values(values), m_rows(rows), m_tables(tables), m_options(options)
{
}

Status InsertStepWriter::write(const InsertStep &step, const RowPairs &selfReferences)
{
    if (step.tables.size() > 1)
        return writeCycle(step);
    for (const CopyTable &table : m_tables) {
        if (table.table->oid == step.tables.front())
            return writeTable(table, step, selfReferences);
    }
    return Done{};
}

// INSERT INTO t (a, b)
// OVERRIDING SYSTEM VALUE
// VALUES 
QByteArray InsertStepWriter::head(const CopyTable &table, const QByteArray &indent) const
{
    QByteArray sql = indent + "INSERT INTO " + table.table->qualifiedName.toUtf8() + " ("
                   + quoteColumnList(table.columns).toUtf8() + ")\n";
    // Needed for GENERATED ALWAYS, harmless for BY DEFAULT: the rows keep their ids.
    if (table.hasIdentity)
        sql += indent + "OVERRIDING SYSTEM VALUE\n";
    return sql + indent + "VALUES ";
}

QByteArray InsertStepWriter::tail(const QByteArray &indent) const
{
    return m_options.onConflictDoNothing ? "\n" + indent + "ON CONFLICT DO NOTHING" : QByteArray();
}

Status InsertStepWriter::stopped(const Status &read) const
{
    if (m_sink.failed())
        return Error::usage(QStringLiteral("cannot write the script"));
    return read;
}

Status InsertStepWriter::writeInsert(const CopyTable &table, const QByteArray &indent)
{
    m_sink.append(head(table, indent));
    const QByteArray next = ",\n" + indent + "       ";
    bool first = true;
    auto read = m_values.read(table, m_rows, [&](QByteArrayView tuple, QByteArrayView) {
        if (!first)
            m_sink.append(QByteArrayView(next));
        first = false;
        m_sink.append(tuple);
        return !m_sink.failed();
    });
    m_sink.append(tail(indent));
    return stopped(read);
}

// WITH i1 AS (INSERT …), i2 AS (INSERT …) INSERT …: one statement, one key check at its end.
// Each table is one INSERT here, with --row-per-insert too: it would still be one statement.
Status InsertStepWriter::writeCycle(const InsertStep &step)
{
    std::vector<const CopyTable *> tables;
    QStringList names;
    for (qint64 oid : step.tables) {
        for (const CopyTable &t : m_tables) {
            if (t.table->oid == oid) {
                tables.push_back(&t);
                names << QStringLiteral("%1 (%2)").arg(t.table->qualifiedName, rowCountText(t.rows));
            }
        }
    }
    m_sink.statement(QStringLiteral("%1 reference each other (%2):\n"
                                    "one statement, because PostgreSQL checks a key that is not deferred at the end of "
                                    "each statement.")
                         .arg(names.join(QStringLiteral(", ")), keyNames(step.cycleKeys)));
    for (size_t i = 0; i < tables.size(); ++i) {
        const bool last = i + 1 == tables.size();
        if (!last)
            m_sink.appendText(QStringLiteral("%1i%2 AS (\n").arg(i == 0 ? QStringLiteral("WITH ") : QString()).arg(i + 1));
        if (auto written = writeInsert(*tables[i], last ? QByteArray() : QByteArray("    ")); !written)
            return written;
        if (!last)
            m_sink.append(QByteArray(i + 2 == tables.size() ? "\n)\n" : "\n), "));
    }
    return Done{};
}

Status InsertStepWriter::writeTable(const CopyTable &table, const InsertStep &step, const RowPairs &selfReferences)
{
    QString comment = QStringLiteral("%1: %2").arg(table.table->qualifiedName, rowCountText(table.rows));
    if (step.selfReferencing && m_options.rowPerInsert)
        return writeOrdered(table, comment, step, selfReferences);
    if (step.selfReferencing)
        comment += QStringLiteral(", in one statement, so that rows referencing each other through %1 may come in "
                                  "any order: PostgreSQL checks the key at the end of the statement")
                       .arg(keyNames(step.cycleKeys));
    if (!m_options.rowPerInsert) {
        m_sink.statement(comment);
        return writeInsert(table, QByteArray());
    }
    const QByteArray rowHead = head(table, QByteArray()), rowTail = tail(QByteArray());
    bool first = true;
    auto read = m_values.read(table, m_rows, [&](QByteArrayView tuple, QByteArrayView) {
        m_sink.statement(first ? comment : QString());
        first = false;
        m_sink.append(rowHead);
        m_sink.append(tuple);
        m_sink.append(rowTail);
        return !m_sink.failed();
    });
    return stopped(read);
}

// One INSERT per row, each after the rows it references: this table's rows are read into
// memory first to order them. Rows that reference each other in a cycle go in one INSERT.
Status InsertStepWriter::writeOrdered(const CopyTable &table, const QString &comment, const InsertStep &step,
                                      const RowPairs &selfReferences)
{
    std::vector<QByteArray> tuples;
    QHash<QByteArray, int> indexOfRow;
    auto read = m_values.read(table, m_rows, [&](QByteArrayView tuple, QByteArrayView name) {
        indexOfRow.insert(name.toByteArray(), int(tuples.size()));
        tuples.push_back(tuple.toByteArray());
        return true;
    });
    if (!read)
        return read;
    std::vector<QPair<int, int>> pairs;
    for (const auto &[child, parent] : selfReferences) {
        const auto c = indexOfRow.constFind(child), p = indexOfRow.constFind(parent);
        if (c != indexOfRow.cend() && p != indexOfRow.cend())
            pairs.push_back({c.value(), p.value()});
    }
    const QByteArray rowHead = head(table, QByteArray()), rowTail = tail(QByteArray());
    if (auto ordered = rowsParentsFirst(int(tuples.size()), pairs)) {
        bool first = true;
        for (int row : *ordered) {
            m_sink.statement(first ? comment + QStringLiteral(", each after the rows it references (%1)")
                                                   .arg(keyNames(step.cycleKeys))
                                   : QString());
            first = false;
            m_sink.append(rowHead);
            m_sink.append(QByteArrayView(tuples[size_t(row)]));
            m_sink.append(rowTail);
        }
        return stopped(Done{});
    }
    m_sink.statement(comment + QStringLiteral(", in one statement: they reference each other in a cycle (%1), and "
                                              "PostgreSQL checks the key at the end of the statement")
                                   .arg(keyNames(step.cycleKeys)));
    m_sink.append(rowHead);
    for (size_t i = 0; i < tuples.size(); ++i) {
        if (i)
            m_sink.append(QByteArray(",\n       "));
        m_sink.append(QByteArrayView(tuples[i]));
    }
    m_sink.append(rowTail);
    return stopped(Done{});
}

void InsertStepWriter::writeSequences()
{
    bool first = true;
    for (const CopyTable &t : m_tables) {
        for (const QString &column : t.sequenceColumns) {
            m_sink.statement(first ? QStringLiteral("Move identity and serial sequences past the ids just inserted, so the next\n"
                                                    "INSERT without an id does not collide. They only move forward.")
                                   : QString());
            first = false;
            m_sink.appendText(sequenceCatchUpSql(*t.table, column));
        }
    }
}

} // namespace fkscope
