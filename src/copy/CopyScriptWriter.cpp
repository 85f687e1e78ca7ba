#include "copy/CopyScriptWriter.h"

#include "catalog/Identifier.h"
#include "copy/ClosureRows.h"
#include "copy/CopyPlan.h"
#include "copy/LibpqSession.h"
#include "copy/StepLoader.h"
#include "db/Connection.h"
#include "db/SqlQuery.h"
#include "impact/ImpactSql.h"
#include "impact/RootRows.h"

#include <QIODevice>

namespace fkscope {

namespace {

// The forms the rows are written in, and read back in by the script.
const char *const scriptTextForms[] = {
    "SET LOCAL datestyle = 'ISO, YMD'", "SET LOCAL intervalstyle = 'postgres'", "SET LOCAL timezone = 'UTC'",
    "SET LOCAL extra_float_digits = 3", "SET LOCAL bytea_output = 'hex'",
};

// Without a TARGET to ask, the columns are SOURCE's: all but the generated ones.
void fillColumnsFromSource(CopyPlan &plan)
{
    for (CopyTable &t : plan.tables) {
        for (const Column &column : t.table->columns) {
            if (!column.generated.isEmpty())
                continue;
            t.columns << column.name;
            t.hasIdentity = t.hasIdentity || !column.identity.isEmpty();
            if (!column.identity.isEmpty() || column.defaultExpression.contains(QLatin1String("nextval(")))
                t.sequenceColumns << column.name;
        }
    }
}

} // namespace

Status CopyScriptWriter::write(const DeleteRoot &rootRows, bool withDependents, bool onConflictDoNothing, QIODevice &out)
{
    auto root = resolveRootRows(m_connection, m_catalog, rootRows);
    if (!root)
        return root.error();
    LibpqSession source(m_connection.libpqConnection());
    if (auto begun = source.exec(QStringLiteral("START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")); !begun)
        return begun.error();
    const auto fail = [&](const Error &error) -> Status {
        (void)source.exec(QStringLiteral("ROLLBACK"));
        return error;
    };
    for (const char *setting : scriptTextForms) {
        if (auto set = source.exec(QString::fromLatin1(setting)); !set)
            return fail(set.error());
    }
    if (auto set = source.exec(jitOffForTransactionSql()); !set)
        return fail(set.error());
    auto rows = readClosureRows(source, m_catalog, root.value(), withDependents);
    if (!rows)
        return fail(rows.error());
    if (rows->count() == 0)
        return fail(Error::query(QStringLiteral("no row of %1 matches %2").arg(root->table->qualifiedName, root->condition)));
    if (!rows->orphansByKey.isEmpty())
        return fail(Error::query(QStringLiteral("rows to insert reference no row through a NOT VALID key, so loading "
                                                "them would fail with 23503 (fkscope-cli orphans lists them)")));
    const OnConflict onConflict = onConflictDoNothing ? OnConflict::Skip : OnConflict::Fail;
    CopyPlan plan = planCopy(m_catalog, rows.value(), onConflict);
    fillColumnsFromSource(plan);

    QStringList header{QStringLiteral("-- fkscope insert script, COPY format"),
                       QStringLiteral("-- Rows of %1 WHERE %2,").arg(root->table->qualifiedName,
                                                                    root->where.isEmpty() ? root->condition : root->where),
                       withDependents ? QStringLiteral("-- every row that references them, transitively, and every row all of these reference, parents first.")
                                      : QStringLiteral("-- and every row they reference, transitively, parents first."),
                       QStringLiteral("-- %1 rows in %2 tables:").arg(rows->count()).arg(plan.tables.size())};
    for (const CopyTable &t : plan.tables)
        header << QStringLiteral("--   %1  %2").arg(t.table->qualifiedName).arg(t.rows);
    header << QStringLiteral("-- Load into a database with the same schema: psql -v ON_ERROR_STOP=1 -f FILE")
           << QString() << QStringLiteral("BEGIN;");
    for (const char *setting : scriptTextForms)
        header << QString::fromLatin1(setting) + QLatin1Char(';');
    header << QStringLiteral("-- Keys that may wait are checked at COMMIT.") << QStringLiteral("SET CONSTRAINTS ALL DEFERRED;");
    out.write(header.join(QLatin1Char('\n')).toUtf8() + "\n");

    for (const CopyStep &step : plan.steps) {
        for (int index : step.tables) {
            const CopyTable &table = plan.tables[size_t(index)];
            QString destination = quoteQualified(table.table->schema, table.table->name);
            QString text = QStringLiteral("\n-- %1: %2 rows\n").arg(table.table->qualifiedName).arg(table.rows);
            if (step.staged) {
                text += QStringLiteral("CREATE TEMP TABLE %1 ON COMMIT DROP AS SELECT %2 FROM %3 WITH NO DATA;\n")
                            .arg(stagingTableName(index), quoteColumnList(table.columns), destination);
                destination = stagingTableName(index);
            }
            text += QStringLiteral("COPY %1 (%2) FROM stdin;\n").arg(destination, quoteColumnList(table.columns));
            out.write(text.toUtf8());
            const QByteArray columns = quoteColumnList(table.columns, QStringLiteral("t")).toUtf8();
            for (qint64 storageOid : table.storages) {
                const Table *storage = m_catalog.table(storageOid);
                const QByteArray sql = "COPY (SELECT " + columns + " FROM ONLY "
                                     + quoteQualified(storage->schema, storage->name).toUtf8()
                                     + " t WHERE t.ctid = ANY('" + tidArrayLiteral(rows->tidsByStorage.value(storageOid))
                                     + "'::tid[])) TO STDOUT";
                bool written = true;
                auto read = source.copyOut(sql, [&](const char *data, int size) {
                    written = out.write(data, size) == size;
                    return written;
                });
                if (!written)
                    return fail(Error::usage(QStringLiteral("cannot write the script: %1").arg(out.errorString())));
                if (!read)
                    return fail(read.error());
            }
            out.write("\\.\n");
        }
        if (step.staged) {
            out.write(QStringLiteral("-- %1 in one statement: keys that cannot be deferred are checked at its end.\n%2;\n")
                          .arg(step.tables.size() > 1 ? QStringLiteral("Tables that reference each other")
                                                      : QStringLiteral("Rows the target has already are skipped"),
                               stagedInsertSql(plan, step, onConflict))
                          .toUtf8());
        }
    }
    QString tail = QStringLiteral("\n-- Identity and serial sequences past the ids just inserted; they only move forward.\n");
    for (const CopyTable &t : plan.tables) {
        for (const QString &column : t.sequenceColumns) {
            tail += QStringLiteral("SELECT pg_catalog.setval(s.seqrelid, m.value)\n"
                                   "  FROM pg_catalog.pg_sequence s, (SELECT max(%1) AS value FROM %2) m\n"
                                   " WHERE s.seqrelid = pg_catalog.pg_get_serial_sequence(%3, %4)::regclass\n"
                                   "   AND s.seqincrement > 0\n"
                                   "   AND m.value > coalesce(pg_catalog.pg_sequence_last_value(s.seqrelid), s.seqstart - 1);\n")
                        .arg(quoteIdentifier(column), relationReference(*t.table), quoteLiteral(t.table->qualifiedName),
                             quoteLiteral(column));
        }
    }
    out.write((tail + QStringLiteral("COMMIT;\n")).toUtf8());
    (void)source.exec(QStringLiteral("ROLLBACK"));
    return Done{};
}

} // namespace fkscope
