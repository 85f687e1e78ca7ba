#include "script/DeleteScriptWriter.h"

#include "catalog/Identifier.h"
#include "db/Connection.h"
#include "db/SqlQuery.h"
#include "impact/DeleteImpactAnalyzer.h"
#include "impact/DeleteImpactQuery.h"
#include "impact/RootRows.h"
#include "impact/TableHierarchy.h"
#include "script/ChildrenFirst.h"
#include "script/PredicateDelete.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace fkscope {

namespace {

Catalog everyBlockingKeyCascades(const Catalog &catalog)
{
    Catalog copy = catalog;
    for (ForeignKey &key : copy.foreignKeys) {
        // A virtual key's rows stay, orphaned, unless --follow-virtual-keys declared it.
        if (!key.isVirtual && (key.onDelete == FkAction::NoAction || key.onDelete == FkAction::Restrict))
            key.onDelete = FkAction::Cascade;
    }
    copy.rebuildIndex();
    return copy;
}

QString upper(FkAction action)
{
    return toString(action).toUpper();
}

// The columns that name one row of a table: its primary key, or a unique key without NULLs.
QStringList rowIdentity(const Table &table)
{
    for (const UniqueKey &key : table.uniqueKeys) {
        const bool notNull = std::all_of(key.columns.cbegin(), key.columns.cend(), [&](const QString &name) {
            const Column *column = table.column(name);
            return column && !column->nullable;
        });
        if (notNull)
            return key.columns;
    }
    return {};
}

QString countLines(const std::vector<QPair<QString, qint64>> &counts)
{
    int width = 0;
    for (const auto &[table, rows] : counts)
        width = std::max<int>(width, table.size());
    QStringList lines;
    for (const auto &[table, rows] : counts) {
        if (rows > 0)
            lines << QStringLiteral("  %1  %2").arg(table.leftJustified(width)).arg(rows);
    }
    return lines.join(QLatin1Char('\n'));
}

void collectKeyRows(const std::vector<ImpactEdge> &edges, QHash<qint64, qint64> &rows)
{
    for (const ImpactEdge &edge : edges) {
        rows[edge.key->oid] = std::max(rows.value(edge.key->oid), edge.rows);
        collectKeyRows(edge.children, rows);
    }
}

// What the statements are built from: the rows to delete, relation by relation.
struct DeletePlan {
    const Catalog *catalog = nullptr;
    const Table *root = nullptr;
    QString rootCondition;
    QString reachedRows;                     // the recursive CTE of DeleteImpactQuery
    std::vector<const ForeignKey *> deletingKeys;  // keys whose child rows go with their parent
    QSet<qint64> blockingKeys;               // those of them that are NO ACTION or RESTRICT
    QSet<qint64> written;                    // relations the script deletes from itself
    std::vector<QList<qint64>> groups;       // relations holding deleted rows, children first
    QHash<qint64, QStringList> identity;     // relation -> the columns that name a row
    QHash<qint64, QStringList> rows;         // relation -> its deleted rows, as "(v1, v2)" literals

    QString relationName(qint64 oid) const { return catalog->table(oid)->qualifiedName; }
};

// The script deletes the root rows and the rows that would block; rows that only ON DELETE
// CASCADE keys reach are left to PostgreSQL, which removes them as it would anyway (and
// faster than a statement of ours could).
DeletePlan planDeletes(const Catalog &original, const Catalog &cascading, const Table &root, const QString &rootCondition)
{
    const DeleteImpactQuery query(cascading, root, rootCondition);
    const TableHierarchy hierarchy(cascading);
    DeletePlan plan;
    plan.catalog = &cascading;
    plan.root = &root;
    plan.rootCondition = rootCondition;
    plan.reachedRows = query.reachedRows();

    QHash<qint64, FkAction> declaredAction;
    for (const ForeignKey &key : original.foreignKeys)
        declaredAction.insert(key.oid, key.onDelete);
    QList<qint64> relations = hierarchy.storageWithInheritance(root.oid);
    for (qint64 oid : relations)
        plan.written.insert(oid);
    QHash<qint64, QList<qint64>> children;
    for (const ForeignKey *key : query.keys()) {
        if (key->onDelete != FkAction::Cascade)
            continue;  // SET NULL and SET DEFAULT: PostgreSQL updates those rows itself
        plan.deletingKeys.push_back(key);
        const QList<qint64> childStorage = hierarchy.storage(key->childOid);
        if (declaredAction.value(key->oid) != FkAction::Cascade) {
            plan.blockingKeys.insert(key->oid);
            for (qint64 child : childStorage)
                plan.written.insert(child);
        }
        for (qint64 parent : hierarchy.storage(key->parentOid)) {
            for (qint64 child : childStorage) {
                if (!children[parent].contains(child))
                    children[parent] << child;
            }
        }
        for (qint64 child : childStorage) {
            if (!relations.contains(child))
                relations << child;
        }
    }
    plan.groups = childrenFirstGroups(relations, children);
    for (qint64 oid : relations)
        plan.identity.insert(oid, rowIdentity(*cascading.table(oid)));
    return plan;
}

// The rows the script deletes itself: the root rows and those reached through a blocking key.
QString doomedRows(const DeletePlan &plan)
{
    QStringList vias{QStringLiteral("0")};
    for (qint64 oid : plan.blockingKeys)
        vias << QString::number(oid);
    std::sort(vias.begin(), vias.end());
    return QStringLiteral("WITH RECURSIVE %1,\ndoomed AS (SELECT DISTINCT rel, tid FROM reached WHERE fate = 'd' AND via IN (%2))")
        .arg(plan.reachedRows, vias.join(QStringLiteral(", ")));
}

// Fills plan.rows with every deleted row's identity, written as SQL literals by the server.
Status fetchRowKeys(const QSqlDatabase &db, DeletePlan &plan)
{
    QStringList selects;
    for (const auto &group : plan.groups) {
        for (qint64 oid : group) {
            if (!plan.written.contains(oid))
                continue;
            const Table &table = *plan.catalog->table(oid);
            QStringList values;
            for (const QString &name : plan.identity.value(oid)) {
                values << QStringLiteral("format('%L', x.%1) || '::' || %2")
                              .arg(quoteIdentifier(name), quoteLiteral(table.column(name)->type));
            }
            selects << QStringLiteral("SELECT %1::bigint, concat_ws(', ', %2) FROM ONLY %3 x "
                                      "JOIN doomed d ON d.rel = %1 AND d.tid = x.ctid")
                           .arg(oid)
                           .arg(values.join(QStringLiteral(", ")), table.qualifiedName);
        }
    }
    auto keys = runQuery(db, QStringLiteral("%1\n%2\nORDER BY 1, 2")
                                 .arg(doomedRows(plan), selects.join(QStringLiteral("\nUNION ALL\n"))));
    if (!keys)
        return keys.error();
    while (keys->next())
        plan.rows[keys->value(0).toLongLong()] << keys->value(1).toString();
    return Done{};
}

QString deleteByKey(const DeletePlan &plan, qint64 oid)
{
    const QStringList identity = plan.identity.value(oid);
    QStringList columns;
    for (const QString &name : identity)
        columns << quoteIdentifier(name);
    QStringList rows;
    for (const QString &row : plan.rows.value(oid))
        rows << (identity.size() == 1 ? row : QStringLiteral("(%1)").arg(row));
    const QString target = identity.size() == 1 ? columns.first() : QStringLiteral("(%1)").arg(columns.join(QStringLiteral(", ")));
    return QStringLiteral("DELETE FROM ONLY %1 WHERE %2 IN (\n    %3)")
        .arg(plan.relationName(oid), target, rows.join(QStringLiteral(",\n    ")));
}

// Several DELETEs in one statement: they share one snapshot and PostgreSQL checks the keys
// between them only at its end, which is what a cycle of references needs.
QString oneStatement(const QString &with, const QList<QPair<qint64, QString>> &deletes, const DeletePlan &plan)
{
    QStringList parts, counts;
    int n = 0;
    for (const auto &[oid, sql] : deletes) {
        const QString name = QStringLiteral("deleted_%1").arg(++n);
        parts << QStringLiteral("%1 AS (\n    %2\n    RETURNING 1)").arg(name, QString(sql).replace(QLatin1Char('\n'), QStringLiteral("\n    ")));
        counts << QStringLiteral("(SELECT count(*) FROM %1) AS %2").arg(name, quoteIdentifier(plan.relationName(oid)));
    }
    const QString prefix = with.isEmpty() ? QStringLiteral("WITH ") : with + QStringLiteral(",\n");
    return QStringLiteral("%1%2\nSELECT %3").arg(prefix, parts.join(QStringLiteral(",\n")), counts.join(QStringLiteral(",\n       ")));
}

std::vector<ScriptStatement> keyStatements(const DeletePlan &plan)
{
    std::vector<ScriptStatement> statements;
    for (const QList<qint64> &group : plan.groups) {
        QList<qint64> withRows;
        for (qint64 oid : group) {
            if (!plan.rows.value(oid).isEmpty())
                withRows << oid;
        }
        if (withRows.isEmpty())
            continue;
        QStringList names;
        for (qint64 oid : withRows)
            names << QStringLiteral("%1: %2 row(s)").arg(plan.relationName(oid)).arg(plan.rows.value(oid).size());
        if (withRows.size() == 1) {
            statements.push_back({names.first(), deleteByKey(plan, withRows.first())});
            continue;
        }
        QList<QPair<qint64, QString>> deletes;
        for (qint64 oid : withRows)
            deletes.append({oid, deleteByKey(plan, oid)});
        statements.push_back({QStringLiteral("These reference each other, so one statement deletes them together:\n%1")
                                  .arg(names.join(QStringLiteral(", "))),
                              oneStatement({}, deletes, plan)});
    }
    return statements;
}

std::vector<ScriptStatement> predicateStatements(const DeletePlan &plan)
{
    if (auto statement = predicateDeleteStatement(*plan.catalog, *plan.root, plan.rootCondition, plan.deletingKeys,
                                                  plan.blockingKeys)) {
        return {{QStringLiteral("One statement: each table's rows are named by the rows of its parents (\"..._rows\"),\n"
                                "then the root rows and the rows that would block are deleted, children first;\n"
                                "PostgreSQL checks the keys once, at its end, and its cascades do the rest."),
                 *statement}};
    }
    QList<QPair<qint64, QString>> deletes;
    QStringList names;
    for (const QList<qint64> &group : plan.groups) {
        for (qint64 oid : group) {
            if (!plan.written.contains(oid))
                continue;
            const QString name = plan.relationName(oid);
            names << name;
            deletes.append({oid, QStringLiteral("DELETE FROM ONLY %1 x USING doomed d\n"
                                                " WHERE d.rel = %2::regclass AND x.ctid = d.tid")
                                     .arg(name, quoteLiteral(name))});
        }
    }
    return {{QStringLiteral("The rows are found when this runs: \"reached\" follows the keys from the root rows,\n"
                            "\"doomed\" keeps the root rows and those that would block, and one DELETE per table\n"
                            "removes them (children first; one statement, so PostgreSQL checks the keys once, at its\n"
                            "end, and its cascades do the rest):\n"
                            "%1")
                 .arg(names.join(QStringLiteral(", "))),
             oneStatement(doomedRows(plan), deletes, plan)}};
}

} // namespace

DeleteScriptWriter::DeleteScriptWriter(Connection &connection, const Catalog &catalog)
    : m_connection(connection), m_catalog(catalog), m_cascading(everyBlockingKeyCascades(catalog))
{
}

DeleteScriptWriter::~DeleteScriptWriter() = default;

Result<SqlScript> DeleteScriptWriter::write(const DeleteRoot &root)
{
    return inReadOnlySnapshot(m_connection.database(), 0, [&] { return writeInTransaction(root); });
}

Result<SqlScript> DeleteScriptWriter::writeInTransaction(const DeleteRoot &root)
{
    const QSqlDatabase db = m_connection.database();
    DeleteImpactAnalyzer analyzer(m_connection, m_cascading);
    analyzer.setStatementTimeout(m_statementTimeout);
    auto impact = analyzer.analyzeInTransaction(root);
    if (!impact)
        return impact.error();
    auto rootRows = resolveRootRows(m_connection, m_cascading, root);
    if (!rootRows)
        return rootRows.error();
    auto snapshot = runQuery(db, QStringLiteral("SELECT current_database(), now()::text"));
    if (!snapshot || !snapshot->next())
        return snapshot ? Error::query(QStringLiteral("no snapshot time")) : snapshot.error();

    SqlScript script;
    const QString rootStatement = QStringLiteral("DELETE FROM %1 t WHERE %2").arg(impact->rootTable, rootRows->condition);
    script.header << QStringLiteral("fkscope delete script: %1").arg(rootStatement)
                  << QStringLiteral("and every row that would block it, children first, in one transaction.")
                  << QStringLiteral("Database %1, rows as of %2.").arg(snapshot->value(0).toString(),
                                                                        snapshot->value(1).toString());

    if (!impact->incomplete.isEmpty()) {
        script.refusal = QStringLiteral("fkscope cannot tell what this delete would do: %1.")
                             .arg(impact->incomplete.join(QStringLiteral("; ")));
        return script;
    }
    if (impact->fails.value_or(false)) {
        QStringList reasons;
        for (const BlockingKey &blocking : impact->blockedBy) {
            reasons << QStringLiteral("%1 row(s) of %2 cannot take key %3's ON DELETE action (a NOT NULL column set to "
                                      "NULL, a MATCH FULL key left half NULL, or a default that references no row)")
                           .arg(blocking.rows)
                           .arg(blocking.table, blocking.constraint);
        }
        script.refusal = QStringLiteral("PostgreSQL would reject this delete even with every blocking row deleted "
                                        "first: %1.")
                             .arg(reasons.join(QStringLiteral("; ")));
        return script;
    }
    DeletePlan plan = planDeletes(m_catalog, m_cascading, *rootRows->table, rootRows->condition);
    qint64 total = 0;
    for (const auto &[table, rows] : impact->deleted)
        total += rows;
    DeleteScriptMode mode = m_mode;
    if (mode == DeleteScriptMode::Auto)
        mode = total <= keyModeLimit ? DeleteScriptMode::Key : DeleteScriptMode::Predicate;
    QString modeNote;
    if (mode == DeleteScriptMode::Key) {
        for (const auto &group : plan.groups) {
            for (qint64 oid : group) {
                if (plan.written.contains(oid) && plan.identity.value(oid).isEmpty() && modeNote.isEmpty()) {
                    modeNote = QStringLiteral("by predicate, because %1 has no primary key or NOT NULL unique key "
                                              "to name its rows by")
                                   .arg(plan.relationName(oid));
                    mode = DeleteScriptMode::Predicate;
                }
            }
        }
    }
    if (mode == DeleteScriptMode::Key) {
        auto fetched = fetchRowKeys(db, plan);
        if (!fetched)
            return fetched.error();
        qint64 listed = 0;
        for (const QStringList &rows : std::as_const(plan.rows))
            listed += rows.size();
        modeNote = QStringLiteral("by key: the %1 row(s) seen now, listed by primary key; PostgreSQL's ON DELETE "
                                  "CASCADE removes the other rows below them")
                       .arg(listed);
    } else if (modeNote.isEmpty()) {
        modeNote = QStringLiteral("by predicate: the rows are found again when the script runs; PostgreSQL's ON "
                                  "DELETE CASCADE removes the rows that only cascading keys reach");
    }

    QHash<qint64, qint64> rowsByKey;
    collectKeyRows(impact->tree, rowsByKey);
    QStringList blockers;
    for (const ForeignKey &key : m_catalog.foreignKeys) {
        if (!key.isVirtual && (key.onDelete == FkAction::NoAction || key.onDelete == FkAction::Restrict)
            && rowsByKey.value(key.oid) > 0) {
            blockers << QStringLiteral("  %1 on %2 (ON DELETE %3): %4 row(s)")
                            .arg(key.name, key.child, upper(key.onDelete))
                            .arg(rowsByKey.value(key.oid));
        }
    }
    script.header << QStringLiteral("Mode: %1.").arg(modeNote) << QString()
                  << QStringLiteral("Deletes (root included):") << countLines(impact->deleted);
    const QString updated = countLines(impact->updated);
    if (!updated.isEmpty())
        script.header << QStringLiteral("Sets NULL or DEFAULT (PostgreSQL's own ON DELETE rules do it):") << updated;
    if (!blockers.isEmpty())
        script.header << QStringLiteral("Keys whose rows would have blocked the DELETE, now deleted first:") << blockers;
    for (const OrphanedRows &o : impact->orphaned)
        script.header << QStringLiteral("Leaves %1 row(s) of %2 pointing at nothing through virtual key %3 "
                                        "(--follow-virtual-keys deletes them first).")
                             .arg(o.rows)
                             .arg(o.table, o.key);
    for (const QString &warning : impact->warnings)
        script.header << QStringLiteral("Warning: %1.").arg(warning);
    script.header << QString() << QStringLiteral("Run with: psql -v ON_ERROR_STOP=1 -f this-file.sql");

    script.statements.push_back({QStringLiteral("Give up rather than wait behind another transaction's locks."),
                                 QStringLiteral("SET LOCAL lock_timeout = '%1ms'").arg(m_lockTimeout)});
    script.statements.push_back(
        {QStringLiteral("Lock the root rows first: nobody can add a row referencing them until COMMIT."),
         QStringLiteral("SELECT count(*) AS locked_rows FROM (SELECT FROM %1 t WHERE %2 FOR UPDATE) AS root_rows")
             .arg(impact->rootTable, rootRows->condition)});
    const std::vector<ScriptStatement> deletes = mode == DeleteScriptMode::Key ? keyStatements(plan)
                                                                                : predicateStatements(plan);
    script.statements.insert(script.statements.end(), deletes.begin(), deletes.end());
    return script;
}

} // namespace fkscope
