#include "copy/StepLoader.h"

#include "catalog/Identifier.h"
#include "copy/LibpqSession.h"
#include "impact/ImpactSql.h"

namespace fkscope {

namespace {

constexpr qint64 rowsPerProgressReport = 4096;

Error onSide(const char *side, Error error)
{
    error.message = QLatin1String(side) + QStringLiteral(": ") + error.message;
    return error;
}

QStringList conflictColumns(const CopyTable &table)
{
    if (const UniqueKey *primary = table.table->primaryKey())
        return primary->columns;
    if (!table.table->uniqueKeys.empty())
        return table.table->uniqueKeys.front().columns;
    return {};
}

QString conflictClause(const CopyTable &table, OnConflict onConflict)
{
    const QStringList key = conflictColumns(table);
    if (onConflict == OnConflict::Skip || (onConflict == OnConflict::Update && key.isEmpty()))
        return QStringLiteral(" ON CONFLICT DO NOTHING");
    if (onConflict == OnConflict::Fail)
        return QString();
    QStringList sets;
    for (const QString &column : table.columns) {
        if (!key.contains(column))
            sets << QStringLiteral("%1 = EXCLUDED.%1").arg(quoteIdentifier(column));
    }
    if (sets.isEmpty())  // every column is the key: nothing to change, but count it as updated
        sets << QStringLiteral("%1 = EXCLUDED.%1").arg(quoteIdentifier(key.front()));
    return QStringLiteral(" ON CONFLICT (%1) DO UPDATE SET %2")
        .arg(quoteColumnList(key), sets.join(QStringLiteral(", ")));
}

} // namespace

QString stagingTableName(int index)
{
    return QStringLiteral("pg_temp.fkscope_copy_%1").arg(index);
}

QString stagedInsertSql(const CopyPlan &plan, const CopyStep &step, OnConflict onConflict)
{
    QStringList inserts, counts;
    for (int index : step.tables) {
        const CopyTable &table = plan.tables[size_t(index)];
        const QString columns = quoteColumnList(table.columns);
        // A table without a unique key has nothing to conflict on: a row TARGET "has" is an
        // identical one, whose copy is skipped (--on-conflict skip or update).
        QString keyless;
        if (onConflict != OnConflict::Fail && conflictColumns(table).isEmpty()) {
            QStringList same;
            for (const QString &column : table.columns)
                same << QStringLiteral("d.%1 IS NOT DISTINCT FROM s.%1").arg(quoteIdentifier(column));
            keyless = QStringLiteral(" WHERE NOT EXISTS (SELECT FROM %1 d WHERE %2)")
                          .arg(relationReference(*table.table), same.join(QStringLiteral(" AND ")));
        }
        inserts << QStringLiteral("i%1 AS (INSERT INTO %2 (%3)%4 SELECT %3 FROM %5 s%6%7 RETURNING 1)")
                       .arg(index)
                       .arg(quoteQualified(table.table->schema, table.table->name), columns,
                            table.hasIdentity ? QStringLiteral(" OVERRIDING SYSTEM VALUE") : QString(),
                            stagingTableName(index), keyless, conflictClause(table, onConflict));
        counts << QStringLiteral("SELECT %1, count(*) FROM i%1").arg(index);
    }
    return QStringLiteral("WITH %1\n%2").arg(inserts.join(QStringLiteral(",\n")), counts.join(QStringLiteral(" UNION ALL ")));
}

Error copyCancelledError()
{
    return Error::query(QStringLiteral("the copy was cancelled; the target was rolled back"), QStringLiteral("57014"));
}

Status StepLoader::load(const CopyPlan &plan, const CopyStep &step, std::vector<CopiedTable> &results)
{
    if (step.staged)
        return loadStaged(plan, step, results);
    for (int index : step.tables) {
        const CopyTable &table = plan.tables[size_t(index)];
        auto copied = stream(table, quoteQualified(table.table->schema, table.table->name));
        if (!copied)
            return copied.error();
        results[size_t(index)].copied = copied.value();
    }
    return Done{};
}

Result<qint64> StepLoader::stream(const CopyTable &table, const QString &destination)
{
    if (auto begun = m_target.beginCopyIn(QStringLiteral("COPY %1 (%2) FROM STDIN")
                                              .arg(destination, quoteColumnList(table.columns))
                                              .toUtf8());
        !begun)
        return onSide("target", begun.error());
    const QByteArray columns = quoteColumnList(table.columns, QStringLiteral("t")).toUtf8();
    for (qint64 storageOid : table.storages) {
        const Table *storage = m_catalog.table(storageOid);
        // ctid = ANY(tid[]) is a TID scan: the rows are read where they lie, in one snapshot
        // with the closure that named them.
        const QByteArray sql = "COPY (SELECT " + columns + " FROM ONLY "
                             + quoteQualified(storage->schema, storage->name).toUtf8() + " t WHERE t.ctid = ANY('"
                             + tidArrayLiteral(m_rows.tidsByStorage.value(storageOid)) + "'::tid[])) TO STDOUT";
        std::optional<Error> targetError;
        qint64 rows = 0, bytes = 0;
        auto read = m_source.copyOut(sql, [&](const char *data, int size) {
            if (m_cancelled())
                return false;
            if (auto put = m_target.putCopyData(data, size); !put) {
                targetError = put.error();
                return false;
            }
            bytes += size;
            if (++rows == rowsPerProgressReport) {
                m_rowsMoved(table, rows, bytes);
                rows = bytes = 0;
            }
            return true;
        });
        m_rowsMoved(table, rows, bytes);
        if (targetError)
            return onSide("target", *targetError);
        if (m_cancelled()) {
            m_target.abortCopyIn(QStringLiteral("fkscope: the copy was cancelled"));
            return copyCancelledError();
        }
        if (!read) {
            m_target.abortCopyIn(QStringLiteral("fkscope: reading the source failed"));
            return onSide("source", read.error());
        }
    }
    auto copied = m_target.endCopyIn();
    if (!copied)
        return onSide("target", copied.error());
    return copied.value();
}

Status StepLoader::loadStaged(const CopyPlan &plan, const CopyStep &step, std::vector<CopiedTable> &results)
{
    QHash<int, qint64> staged, existing;
    for (int index : step.tables) {
        const CopyTable &table = plan.tables[size_t(index)];
        // Column types from TARGET's table, no constraints: COPY reads the text as the table would.
        if (auto created = m_target.exec(QStringLiteral("CREATE TEMP TABLE %1 ON COMMIT DROP AS SELECT %2 FROM %3 WITH NO DATA")
                                             .arg(stagingTableName(index), quoteColumnList(table.columns),
                                                  quoteQualified(table.table->schema, table.table->name)));
            !created)
            return onSide("target", created.error());
        auto rows = stream(table, stagingTableName(index));
        if (!rows)
            return rows.error();
        staged.insert(index, rows.value());
        if (m_onConflict == OnConflict::Update && !conflictColumns(table).isEmpty()) {
            // The rows DO UPDATE will update: those whose key TARGET has, counted before.
            QStringList same;
            for (const QString &column : conflictColumns(table))
                same << QStringLiteral("d.%1 IS NOT DISTINCT FROM s.%1").arg(quoteIdentifier(column));
            auto found = m_target.query(QStringLiteral("SELECT count(*) FROM %1 s WHERE EXISTS (SELECT FROM %2 d WHERE %3)")
                                            .arg(stagingTableName(index), relationReference(*table.table),
                                                 same.join(QStringLiteral(" AND "))));
            if (!found)
                return onSide("target", found.error());
            existing.insert(index, found->front()[0]->toLongLong());
        }
    }
    if (m_cancelled())
        return copyCancelledError();
    // One statement for the step: keys that cannot be deferred are checked at its end.
    auto inserted = m_target.query(stagedInsertSql(plan, step, m_onConflict));
    if (!inserted)
        return m_cancelled() ? copyCancelledError() : onSide("target", inserted.error());
    for (const TextRow &row : inserted.value()) {
        const int index = row[0]->toInt();
        const qint64 written = row[1]->toLongLong();
        CopiedTable &result = results[size_t(index)];
        result.updated = existing.value(index);
        result.copied = written - result.updated;
        result.skipped = staged.value(index) - written;
    }
    return Done{};
}

} // namespace fkscope
