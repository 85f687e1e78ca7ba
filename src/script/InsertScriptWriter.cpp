#include "script/InsertScriptWriter.h"

#include "catalog/Identifier.h"
#include "copy/ClosureRows.h"
#include "copy/CopyPlan.h"
#include "copy/LibpqSession.h"
#include "db/Connection.h"
#include "db/SqlQuery.h"
#include "script/InsertOrder.h"
#include "script/InsertStepWriter.h"
#include "script/InsertValuesReader.h"
#include "script/RowClosureQuery.h"
#include "script/ScriptSink.h"

namespace fkscope {

namespace {

// The session settings under which the values are read. Each makes the text output exact
// and independent of the reader's session: floats in full (extra_float_digits), bytea in
// hex, dates in ISO, timestamps with an explicit offset, and every type and regclass value
// schema-qualified (only pg_catalog on the path).
const char *const readingSettings[] = {
    "SET LOCAL extra_float_digits = 3",
    "SET LOCAL bytea_output = 'hex'",
    "SET LOCAL datestyle = 'ISO, YMD'",
    "SET LOCAL intervalstyle = 'postgres'",
    "SET LOCAL timezone = 'UTC'",
    "SET LOCAL search_path = pg_catalog, pg_temp",
};

QString rowCount(qint64 rows)
{
    return rows == 1 ? QStringLiteral("1 row") : QStringLiteral("%1 rows").arg(rows);
}


} // namespace

Result<SqlScript> InsertScriptWriter::write(const DeleteRoot &rows)
{
    SqlScriptSink sink;
    if (auto written = write(rows, sink); !written)
        return written.error();
    return sink.take();
}

Status InsertScriptWriter::write(const DeleteRoot &root, ScriptSink &sink)
{
    auto selection = resolveRootRows(m_connection, m_catalog, root);
    if (!selection)
        return selection.error();
    LibpqSession source(m_connection.libpqConnection());
    if (auto begun = source.exec(QStringLiteral("START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")); !begun)
        return begun.error();
    auto written = writeInSnapshot(source, selection.value(), sink);
    (void)source.exec(QStringLiteral("ROLLBACK"));
    return written;
}

Status InsertScriptWriter::writeInSnapshot(LibpqSession &source, const RootRows &selection, ScriptSink &sink)
{
    if (auto set = source.exec(jitOffForTransactionSql()); !set)
        return set;
    // First, under the user's own search_path: the condition is theirs.
    auto rows = readClosureRows(source, m_catalog, selection, m_options.withDependents);
    if (!rows)
        return rows.error();
    if (rows->count() == 0)
        return Error::query(QStringLiteral("no row of %1 matches %2").arg(selection.table->qualifiedName, selection.condition));
    std::vector<CopyTable> tables = copyTables(m_catalog, rows.value());

    // Deferrable keys that share their name with a constraint of their schema that is not
    // deferrable: SET CONSTRAINTS takes a name and fails on the other one.
    auto sharedNames = source.query(QStringLiteral(
        "SELECT f.oid::bigint FROM pg_constraint f "
        " WHERE f.contype = 'f' AND f.condeferrable AND EXISTS (SELECT FROM pg_constraint o WHERE o.conname = f.conname "
        "       AND o.connamespace = f.connamespace AND NOT o.condeferrable)"));
    if (!sharedNames)
        return sharedNames.error();
    QSet<qint64> cannotDefer;
    for (const TextRow &row : sharedNames.value())
        cannotDefer.insert(row[0].value_or(QString()).toLongLong());
    std::vector<qint64> oids;
    for (const CopyTable &t : tables)
        oids.push_back(t.table->oid);
    const InsertOrder order = planInsertOrder(oids, closureReferences(m_catalog, tables), cannotDefer);
    // Still under the user's search_path: the rows that reference each other in the tables
    // whose rows go in one INSERT each, parents first (one more run of the closure query).
    std::vector<const ForeignKey *> selfKeys;
    for (const InsertStep &step : order.steps) {
        if (step.selfReferencing && m_options.rowPerInsert)
            selfKeys.insert(selfKeys.end(), step.cycleKeys.begin(), step.cycleKeys.end());
    }
    RowPairs references;
    if (!selfKeys.empty() && rows->orphansByKey.isEmpty()) {
        auto found = selfReferences(source, selection, selfKeys);
        if (!found)
            return found.error();
        references = found.take();
    }

    for (const char *setting : readingSettings) {
        if (auto set = source.exec(QString::fromLatin1(setting)); !set)
            return set;
    }
    auto about = source.query(QStringLiteral("SELECT current_database(), to_char(now(), 'YYYY-MM-DD HH24:MI:SS.MS'), "
                                             "pg_current_snapshot()::text"));
    if (!about)
        return about.error();
    if (about->empty())
        return Error::query(QStringLiteral("no answer from current_database()"));
    InsertValuesReader values(source, m_catalog);
    if (auto read = values.readColumns(tables); !read)
        return read;
    QStringList database;  // name, time, snapshot
    for (const auto &value : about->front())
        database << value.value_or(QString());
    const QStringList lines = header(selection, tables, database);
    if (!rows->orphansByKey.isEmpty()) {
        sink.refuse(lines, orphanRefusal(rows.value()));
        return Done{};
    }

    sink.begin(lines);
    sink.statement(QStringLiteral("The values below are in the text forms these settings read back exactly."));
    sink.appendText(QStringLiteral("SET LOCAL datestyle = 'ISO, YMD'"));
    sink.statement(QString());
    sink.appendText(QStringLiteral("SET LOCAL intervalstyle = 'postgres'"));
    if (!order.deferred.empty()) {
        QStringList names;
        for (const ForeignKey *k : order.deferred) {
            // A constraint lives in its table's schema.
            const Table *child = m_catalog.table(k->childOid);
            names << quoteQualified(child ? child->schema : QString(), k->name);
        }
        sink.statement(QStringLiteral("Rows reference each other in a cycle through these deferrable keys:\n"
                                      "they are checked at COMMIT instead of after each statement."));
        sink.appendText(QStringLiteral("SET CONSTRAINTS %1 DEFERRED").arg(names.join(QStringLiteral(", "))));
    }
    InsertStepWriter steps(sink, values, rows.value(), tables, m_options);
    for (const InsertStep &step : order.steps) {
        if (auto written = steps.write(step, references); !written)
            return written;
    }
    steps.writeSequences();
    sink.end();
    if (sink.failed())
        return Error::usage(QStringLiteral("cannot write the script"));
    return Done{};
}

// The rows that reference each other through keys, by name: the closure query once more, in
// the same snapshot, with its lines for references, of which only those through keys are
// kept. Only for a table written one INSERT per row whose rows reference each other.
Result<RowPairs> InsertScriptWriter::selfReferences(LibpqSession &source, const RootRows &selection,
                                                    const std::vector<const ForeignKey *> &keys) const
{
    QSet<QByteArray> keyOids;
    for (const ForeignKey *k : keys)
        keyOids.insert(QByteArray::number(k->oid));
    const QString closure = RowClosureQuery(m_catalog, *selection.table, selection.condition).sql(m_options.withDependents);
    RowPairs pairs;
    auto copied = source.copyOut(QStringLiteral("COPY (%1) TO STDOUT").arg(closure).toUtf8(), [&](const char *data, int size) {
        // Lines: kind, key, rel, tid, parent_rel, parent_tid (see RowClosureQuery).
        QByteArrayView line(data, size);
        if (line.endsWith('\n'))
            line.chop(1);
        const QList<QByteArray> fields = line.toByteArray().split('\t');
        if (fields.size() >= 6 && fields[0] == "e" && keyOids.contains(fields[1]))
            pairs.emplace_back(fields[2] + ':' + fields[3], fields[4] + ':' + fields[5]);
        return true;
    });
    if (!copied)
        return copied.error();
    return pairs;
}

QString InsertScriptWriter::orphanRefusal(const ClosureRows &rows) const
{
    QStringList keys;
    for (auto it = rows.orphansByKey.begin(); it != rows.orphansByKey.end(); ++it) {
        for (const ForeignKey &k : m_catalog.foreignKeys) {
            if (k.oid == it.key())
                keys << QStringLiteral("%1 of %2 (%3)").arg(k.name, k.child, rowCount(it.value()));
        }
    }
    keys.sort();
    return QStringLiteral("rows to insert reference no row through a NOT VALID key, so loading them would fail "
                          "with 23503: %1. Fix or leave out those rows (fkscope-cli orphans lists them).")
        .arg(keys.join(QStringLiteral(", ")));
}

QStringList InsertScriptWriter::header(const RootRows &selection, const std::vector<CopyTable> &tables,
                                       const QStringList &about) const
{
    QString selected;
    if (!selection.where.isEmpty()) {
        selected = QStringLiteral("WHERE %1").arg(selection.where);
    } else {
        QStringList pairs;
        for (const auto &[column, value] : selection.key)
            pairs << QStringLiteral("%1 = %2").arg(quoteIdentifier(column), quoteLiteral(value));
        selected = QStringLiteral("WHERE %1").arg(pairs.join(QStringLiteral(" AND ")));
    }
    qint64 total = 0;
    int width = 0;
    for (const CopyTable &t : tables) {
        total += t.rows;
        width = std::max(width, int(t.table->qualifiedName.size()));
    }
    const auto field = [&](int i) { return about.value(i); };
    QStringList lines{
        QStringLiteral("fkscope insert script"),
        QStringLiteral("Rows of %1 %2,").arg(selection.table->qualifiedName, selected),
        m_options.withDependents ? QStringLiteral("every row that references them (their dependents), transitively,\n"
                                                  "and every row all of these reference (their ancestors), parents first.")
                                 : QStringLiteral("and every row they reference (their ancestors), transitively, parents first."),
        QStringLiteral("Read from database %1 at %2 UTC (snapshot %3).").arg(quoteIdentifier(field(0)), field(1), field(2)),
        QString(),
        QStringLiteral("%1 in %2 table%3:").arg(rowCount(total)).arg(tables.size()).arg(tables.size() == 1 ? "" : "s"),
    };
    for (const CopyTable &t : tables)
        lines << QStringLiteral("  %1  %2").arg(t.table->qualifiedName.leftJustified(width)).arg(t.rows, 8);
    lines << QString() << QStringLiteral("Load into a database with the same schema: psql -v ON_ERROR_STOP=1 -f FILE");
    if (m_options.onConflictDoNothing)
        lines << QStringLiteral("Rows that collide with a row already there (ON CONFLICT DO NOTHING) are skipped.");
    return lines;
}

} // namespace fkscope
