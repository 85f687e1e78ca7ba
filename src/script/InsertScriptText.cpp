// composeInsertScript: the text of an insert script, from rows already read.
#include "script/InsertScriptWriter.h"

#include "catalog/Identifier.h"
#include "impact/ImpactSql.h"
#include "script/InsertOrder.h"

#include <QSet>

namespace fkscope {

namespace {

QString indented(const QString &text, int spaces)
{
    const QString pad(spaces, QLatin1Char(' '));
    return pad + QString(text).replace(QLatin1Char('\n'), QLatin1Char('\n') + pad);
}

class InsertText {
public:
    InsertText(const ExportedTable &table, const InsertScriptOptions &options) : m_table(table), m_options(options) {}

    // INSERT INTO t (a, b)
    // OVERRIDING SYSTEM VALUE
    // VALUES (1, 'x'::text),
    //        (2, NULL)
    // ON CONFLICT DO NOTHING
    QString insert(const std::vector<int> &rows) const
    {
        QStringList columns;
        for (const QString &column : m_table.columns)
            columns << quoteIdentifier(column);
        QString sql = QStringLiteral("INSERT INTO %1 (%2)\n").arg(m_table.table->qualifiedName, columns.join(QStringLiteral(", ")));
        // Needed for GENERATED ALWAYS, harmless for BY DEFAULT: the rows keep their ids.
        if (m_table.hasIdentity)
            sql += QStringLiteral("OVERRIDING SYSTEM VALUE\n");
        QStringList tuples;
        for (int row : rows)
            tuples << QStringLiteral("(%1)").arg(m_table.rows[size_t(row)].literals.join(QStringLiteral(", ")));
        sql += QStringLiteral("VALUES ") + tuples.join(QStringLiteral(",\n       "));
        if (m_options.onConflictDoNothing)
            sql += QStringLiteral("\nON CONFLICT DO NOTHING");
        return sql;
    }

    // One statement for the whole table, or one per row in the given order.
    QStringList inserts(const std::vector<int> &rows) const
    {
        if (!m_options.rowPerInsert)
            return {insert(rows)};
        QStringList statements;
        for (int row : rows)
            statements << insert({row});
        return statements;
    }

private:
    const ExportedTable &m_table;
    const InsertScriptOptions &m_options;
};

std::vector<int> allRows(const ExportedTable &table)
{
    std::vector<int> rows(table.rows.size());
    for (size_t i = 0; i < rows.size(); ++i)
        rows[i] = int(i);
    return rows;
}

// WITH "i1" AS (INSERT …), "i2" AS (INSERT …) INSERT …: one statement, one key check at its end.
QString oneStatement(const QStringList &inserts)
{
    QStringList ctes;
    for (int i = 0; i + 1 < inserts.size(); ++i)
        ctes << QStringLiteral("i%1 AS (\n%2\n)").arg(i + 1).arg(indented(inserts[i], 4));
    return QStringLiteral("WITH ") + ctes.join(QStringLiteral(", ")) + QLatin1Char('\n') + inserts.last();
}

QString keyNames(const std::vector<const ForeignKey *> &keys)
{
    QStringList names;
    for (const ForeignKey *k : keys)
        names << QStringLiteral("%1 (%2)").arg(k->name, k->child);
    return names.join(QStringLiteral(", "));
}

QString rowCount(size_t rows)
{
    return rows == 1 ? QStringLiteral("1 row") : QStringLiteral("%1 rows").arg(rows);
}

class ScriptComposer {
public:
    ScriptComposer(const Catalog &catalog, const RootRows &selection, const ExportedRows &rows,
                   const InsertScriptOptions &options)
        : m_catalog(catalog), m_selection(selection), m_rows(rows), m_options(options)
    {
        for (size_t i = 0; i < rows.tables.size(); ++i)
            m_indexOf.insert(rows.tables[i].table->oid, int(i));
    }

    SqlScript compose() const
    {
        SqlScript script;
        script.header = header();
        if (!m_rows.orphans.isEmpty()) {
            script.refusal = orphanRefusal();
            return script;
        }
        script.statements.push_back({QStringLiteral("The values below are in the text forms these settings read back exactly."),
                                     QStringLiteral("SET LOCAL datestyle = 'ISO, YMD'")});
        script.statements.push_back({QString(), QStringLiteral("SET LOCAL intervalstyle = 'postgres'")});
        const InsertOrder order = planInsertOrder(tableOids(), tableReferences(), m_rows.cannotDefer);
        if (!order.deferred.empty()) {
            QStringList names;
            for (const ForeignKey *k : order.deferred) {
                // A constraint lives in its table's schema.
                const Table *child = m_catalog.table(k->childOid);
                names << quoteQualified(child ? child->schema : QString(), k->name);
            }
            script.statements.push_back(
                {QStringLiteral("Rows reference each other in a cycle through these deferrable keys:\n"
                                "they are checked at COMMIT instead of after each statement."),
                 QStringLiteral("SET CONSTRAINTS %1 DEFERRED").arg(names.join(QStringLiteral(", ")))});
        }
        for (const InsertStep &step : order.steps)
            appendStep(script, step);
        appendSequences(script);
        return script;
    }

private:
    std::vector<qint64> tableOids() const
    {
        std::vector<qint64> oids;
        for (const ExportedTable &t : m_rows.tables)
            oids.push_back(t.table->oid);
        return oids;
    }

    std::vector<TableReference> tableReferences() const
    {
        std::vector<TableReference> references;
        QSet<QString> seen;
        for (const RowReference &r : m_rows.references) {
            if (r.child == r.parent || !r.key)
                continue;
            const qint64 child = m_rows.tableOfRow.value(r.child), parent = m_rows.tableOfRow.value(r.parent);
            const QString id = QStringLiteral("%1 %2 %3").arg(child).arg(parent).arg(r.key->oid);
            if (!seen.contains(id)) {
                seen.insert(id);
                references.push_back({child, parent, r.key});
            }
        }
        return references;
    }

    const ExportedTable &table(qint64 oid) const { return m_rows.tables[size_t(m_indexOf.value(oid))]; }

    void appendStep(SqlScript &script, const InsertStep &step) const
    {
        if (step.tables.size() > 1) {
            QStringList inserts, names;
            for (qint64 oid : step.tables) {
                const ExportedTable &t = table(oid);
                inserts += InsertText(t, m_options).inserts(allRows(t));
                names << QStringLiteral("%1 (%2)").arg(t.table->qualifiedName, rowCount(t.rows.size()));
            }
            script.statements.push_back(
                {QStringLiteral("%1 reference each other (%2):\n"
                                "one statement, because PostgreSQL checks a key that is not deferred at the end of "
                                "each statement.")
                     .arg(names.join(QStringLiteral(", ")), keyNames(step.cycleKeys)),
                 oneStatement(inserts)});
            return;
        }
        const ExportedTable &t = table(step.tables.front());
        QString comment = QStringLiteral("%1: %2").arg(t.table->qualifiedName, rowCount(t.rows.size()));
        std::vector<int> rows = allRows(t);
        QStringList inserts;
        if (step.selfReferencing && m_options.rowPerInsert) {
            if (auto ordered = rowsParentsFirst(int(rows.size()), selfReferences(t, step.cycleKeys))) {
                rows = *ordered;
                comment += QStringLiteral(", each after the rows it references (%1)").arg(keyNames(step.cycleKeys));
                inserts = InsertText(t, m_options).inserts(rows);
            } else {
                comment += QStringLiteral(", in one statement: they reference each other in a cycle (%1), and "
                                          "PostgreSQL checks the key at the end of the statement")
                               .arg(keyNames(step.cycleKeys));
                InsertScriptOptions together = m_options;
                together.rowPerInsert = false;
                inserts = InsertText(t, together).inserts(rows);
            }
        } else {
            if (step.selfReferencing)
                comment += QStringLiteral(", in one statement: they reference each other (%1), and PostgreSQL checks "
                                          "the key at the end of the statement")
                               .arg(keyNames(step.cycleKeys));
            inserts = InsertText(t, m_options).inserts(rows);
        }
        for (int i = 0; i < inserts.size(); ++i)
            script.statements.push_back({i == 0 ? comment : QString(), inserts[i]});
    }

    std::vector<QPair<int, int>> selfReferences(const ExportedTable &t, const std::vector<const ForeignKey *> &keys) const
    {
        QHash<QString, int> indexOfRow;
        for (size_t i = 0; i < t.rows.size(); ++i)
            indexOfRow.insert(t.rows[i].id, int(i));
        std::vector<QPair<int, int>> pairs;
        for (const RowReference &r : m_rows.references) {
            if (std::find(keys.begin(), keys.end(), r.key) != keys.end() && indexOfRow.contains(r.child)
                && indexOfRow.contains(r.parent))
                pairs.push_back({indexOfRow.value(r.child), indexOfRow.value(r.parent)});
        }
        return pairs;
    }

    void appendSequences(SqlScript &script) const
    {
        bool first = true;
        for (const ExportedTable &t : m_rows.tables) {
            for (const QString &column : t.sequenceColumns) {
                const QString comment =
                    first ? QStringLiteral("Move identity and serial sequences past the ids just inserted, so the next\n"
                                           "INSERT without an id does not collide. They only move forward.")
                          : QString();
                first = false;
                script.statements.push_back(
                    {comment,
                     QStringLiteral("SELECT pg_catalog.setval(s.seqrelid, m.value)\n"
                                    "  FROM pg_catalog.pg_sequence s, (SELECT max(%1) AS value FROM %2) m\n"
                                    " WHERE s.seqrelid = pg_catalog.pg_get_serial_sequence(%3, %4)::regclass\n"
                                    "   AND s.seqincrement > 0\n"
                                    "   AND m.value > coalesce(pg_catalog.pg_sequence_last_value(s.seqrelid), s.seqstart - 1)")
                         .arg(quoteIdentifier(column), relationReference(*t.table), quoteLiteral(t.table->qualifiedName),
                              quoteLiteral(column))});
            }
        }
    }

    QString orphanRefusal() const
    {
        QStringList keys;
        for (auto it = m_rows.orphans.begin(); it != m_rows.orphans.end(); ++it)
            keys << QStringLiteral("%1 of %2 (%3)").arg(it.key()->name, it.key()->child, rowCount(size_t(it.value())));
        keys.sort();
        return QStringLiteral("rows to insert reference no row through a NOT VALID key, so loading them would fail "
                              "with 23503: %1. Fix or leave out those rows (fkscope-cli orphans lists them).")
            .arg(keys.join(QStringLiteral(", ")));
    }

    QStringList header() const
    {
        QString selected;
        if (!m_selection.where.isEmpty()) {
            selected = QStringLiteral("WHERE %1").arg(m_selection.where);
        } else {
            QStringList pairs;
            for (const auto &[column, value] : m_selection.key)
                pairs << QStringLiteral("%1 = %2").arg(quoteIdentifier(column), quoteLiteral(value));
            selected = QStringLiteral("WHERE %1").arg(pairs.join(QStringLiteral(" AND ")));
        }
        size_t total = 0;
        int width = 0;
        for (const ExportedTable &t : m_rows.tables) {
            total += t.rows.size();
            width = std::max(width, int(t.table->qualifiedName.size()));
        }
        QStringList lines{
            QStringLiteral("fkscope insert script"),
            QStringLiteral("Rows of %1 %2,").arg(m_selection.table->qualifiedName, selected),
            m_options.withDependents ? QStringLiteral("every row that references them (their dependents), transitively,\n"
                                                      "and every row all of these reference (their ancestors), parents first.")
                                     : QStringLiteral("and every row they reference (their ancestors), transitively, parents first."),
            QStringLiteral("Read from database %1 at %2 (snapshot %3).")
                .arg(quoteIdentifier(m_rows.database), m_rows.snapshotTime, m_rows.snapshot),
            QString(),
            QStringLiteral("%1 in %2 table%3:").arg(rowCount(total)).arg(m_rows.tables.size()).arg(m_rows.tables.size() == 1 ? "" : "s"),
        };
        for (const ExportedTable &t : m_rows.tables)
            lines << QStringLiteral("  %1  %2").arg(t.table->qualifiedName.leftJustified(width)).arg(t.rows.size(), 8);
        lines << QString() << QStringLiteral("Load into a database with the same schema: psql -v ON_ERROR_STOP=1 -f FILE");
        if (m_options.onConflictDoNothing)
            lines << QStringLiteral("Rows that collide with a row already there (ON CONFLICT DO NOTHING) are skipped.");
        return lines;
    }

    const Catalog &m_catalog;
    const RootRows &m_selection;
    const ExportedRows &m_rows;
    const InsertScriptOptions &m_options;
    QHash<qint64, int> m_indexOf;
};

} // namespace

SqlScript composeInsertScript(const Catalog &catalog, const RootRows &selection, const ExportedRows &rows,
                              const InsertScriptOptions &options)
{
    return ScriptComposer(catalog, selection, rows, options).compose();
}

} // namespace fkscope
