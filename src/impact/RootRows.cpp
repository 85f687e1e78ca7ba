#include "impact/RootRows.h"

#include "catalog/Identifier.h"
#include "db/Connection.h"
#include "db/SqlQuery.h"
#include "util/SqlCondition.h"

namespace fkscope {

Result<const Table *> resolveTable(Connection &connection, const Catalog &catalog, const QString &name)
{
    // to_regclass parses the name as PostgreSQL does (quotes, case folding, search_path).
    auto query = runQuery(connection.database(),
                          QStringLiteral("SELECT to_regclass(%1)::oid::bigint").arg(connection.quoteLiteral(name)));
    if (!query)
        return Error::usage(QStringLiteral("invalid table name '%1': %2").arg(name, query.error().message));
    const qint64 oid = query->next() ? query->value(0).toLongLong() : 0;
    const Table *table = oid ? catalog.table(oid) : nullptr;
    if (!table)
        return Error::usage(QStringLiteral("table '%1' does not exist").arg(name));
    return table;
}

Result<RootRows> resolveRootRows(Connection &connection, const Catalog &catalog, const DeleteRoot &root)
{
    auto table = resolveTable(connection, catalog, root.table);
    if (!table)
        return table.error();
    RootRows rows;
    rows.table = table.value();
    if (!root.where.isEmpty()) {
        if (!root.key.isEmpty())
            return Error::usage(QStringLiteral("give either --key or --where, not both"));
        if (const auto problem = sqlConditionProblem(root.where))
            return Error::usage(QStringLiteral("--where must be one SQL condition: %1").arg(*problem));
        rows.where = root.where;
        rows.condition = wrappedCondition(root.where);
        // The server reads the condition on its own first, so a mistake in it is reported as
        // the user's (exit 2), not as a failure of fkscope's larger statements. LIMIT 0 plans
        // it without evaluating it on any row. Without SELECT on the table the analysis says
        // what it cannot see instead (and a failed check would abort the caller's transaction).
        auto readable = runQuery(connection.database(), QStringLiteral("SELECT has_table_privilege(%1, 'SELECT')")
                                                            .arg(rows.table->oid));
        if (!readable)
            return readable.error();
        if (!readable->next() || !readable->value(0).toBool())
            return rows;
        auto check = runQuery(connection.database(), QStringLiteral("SELECT FROM %1 t WHERE %2 LIMIT 0")
                                                         .arg(rows.table->qualifiedName, rows.condition));
        if (!check) {
            const QString state = check.error().sqlstate;
            const bool usersMistake = state.startsWith(QLatin1String("42")) || state.startsWith(QLatin1String("22"));
            if (!usersMistake)
                return check.error();
            return Error::usage(QStringLiteral("--where is not a valid condition on %1: %2")
                                    .arg(rows.table->qualifiedName, check.error().message));
        }
        return rows;
    }
    if (root.key.isEmpty())
        return Error::usage(QStringLiteral("give the root row with --key COLUMN=VALUE or --where CONDITION"));
    QStringList conditions;
    for (const auto &[name, value] : root.key) {
        const Column *column = rows.table->column(name);
        if (!column)
            column = rows.table->column(unquoteIdentifier(name));
        if (!column)
            return Error::usage(QStringLiteral("table %1 has no column '%2'").arg(rows.table->qualifiedName, name));
        rows.key.append({column->name, value});
        // The value is cast to the column's own type, so "2024-01-31" finds a date and
        // "00042" an integer, as in a hand-written WHERE clause.
        conditions << QStringLiteral("t.%1 = CAST(%2 AS %3)")
                          .arg(quoteIdentifier(column->name), connection.quoteLiteral(value), column->type);
    }
    rows.condition = conditions.join(QStringLiteral(" AND "));
    return rows;
}

} // namespace fkscope
