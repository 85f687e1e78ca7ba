#include "copy/TargetSchema.h"

#include "catalog/Identifier.h"
#include "copy/LibpqSession.h"

namespace fkscope {

QString TargetSchemaProblems::message() const
{
    QStringList parts;
    if (!missingTables.isEmpty())
        parts << QStringLiteral("the target has no table %1 (create it, or run again with --create-schema)")
                     .arg(missingTables.join(QStringLiteral(", ")));
    if (!missingColumns.isEmpty())
        parts << QStringLiteral("the target has no column %1").arg(missingColumns.join(QStringLiteral(", ")));
    if (!incompatibleColumns.isEmpty())
        parts << QStringLiteral("incompatible column types: %1").arg(incompatibleColumns.join(QStringLiteral("; ")));
    return parts.join(QStringLiteral("; ")) + QStringLiteral("; nothing was copied");
}

Result<TargetSchemaProblems> checkTargetSchema(LibpqSession &target, CopyPlan &plan)
{
    // One row per column of SOURCE (and one per table, column NULL, to tell a missing table).
    QStringList values;
    for (size_t i = 0; i < plan.tables.size(); ++i) {
        const Table &table = *plan.tables[i].table;
        values << QStringLiteral("(%1, %2, NULL, NULL, 0)").arg(i).arg(quoteLiteral(table.qualifiedName));
        for (const Column &column : table.columns) {
            if (!column.generated.isEmpty())
                continue;  // TARGET computes it
            values << QStringLiteral("(%1, %2, %3, %4, %5)")
                          .arg(i)
                          .arg(quoteLiteral(table.qualifiedName), quoteLiteral(column.name), quoteLiteral(column.type))
                          .arg(column.number);
        }
    }
    if (values.isEmpty())
        return TargetSchemaProblems{};
    // to_regtype reads SOURCE's type name with TARGET's search_path, as a restore would.
    auto rows = target.query(QStringLiteral(
        "SELECT s.i, s.col, s.type, to_regclass(s.tab) IS NOT NULL, a.attnum IS NOT NULL,\n"
        "       coalesce(a.attgenerated <> '', false), format_type(a.atttypid, a.atttypmod),\n"
        "       a.atttypid = to_regtype(s.type) OR EXISTS (SELECT FROM pg_catalog.pg_cast c\n"
        "           WHERE c.castsource = to_regtype(s.type) AND c.casttarget = a.atttypid AND c.castcontext IN ('a', 'i')),\n"
        "       coalesce(a.attidentity <> '', false),\n"
        "       a.attnum IS NOT NULL AND pg_catalog.pg_get_serial_sequence(s.tab, s.col) IS NOT NULL\n"
        "  FROM (VALUES %1) s(i, tab, col, type, num)\n"
        "  LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = to_regclass(s.tab) AND a.attname = s.col\n"
        "       AND a.attnum > 0 AND NOT a.attisdropped\n"
        " ORDER BY s.i, s.num").arg(values.join(QStringLiteral(", "))));
    if (!rows)
        return rows.error();
    TargetSchemaProblems problems;
    const auto isTrue = [](const std::optional<QString> &v) { return v && *v == QLatin1String("t"); };
    for (const TextRow &row : rows.value()) {
        CopyTable &table = plan.tables[size_t(row[0]->toInt())];
        const QString name = table.table->qualifiedName;
        if (!isTrue(row[3])) {
            if (!row[1])
                problems.missingTables << name;
            continue;
        }
        if (!row[1])
            continue;
        const QString column = *row[1];
        if (!isTrue(row[4])) {
            problems.missingColumns << QStringLiteral("%1.%2").arg(name, quoteIdentifier(column));
            continue;
        }
        if (isTrue(row[5]))
            continue;  // generated in TARGET: left to TARGET
        if (!isTrue(row[7])) {
            problems.incompatibleColumns << QStringLiteral("%1.%2 is %3 in the source, %4 in the target")
                                                .arg(name, quoteIdentifier(column), row[2].value_or(QString()),
                                                     row[6].value_or(QString()));
            continue;
        }
        table.columns << column;
        table.hasIdentity = table.hasIdentity || isTrue(row[8]);
        if (isTrue(row[9]))
            table.sequenceColumns << column;
    }
    return problems;
}

} // namespace fkscope
