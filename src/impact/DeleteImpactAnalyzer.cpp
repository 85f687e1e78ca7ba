#include "impact/DeleteImpactAnalyzer.h"

#include "catalog/Identifier.h"
#include "db/Connection.h"
#include "db/SqlQuery.h"
#include "impact/DeleteImpactQuery.h"
#include "impact/RootRows.h"
#include "impact/TableHierarchy.h"
#include "impact/UnpredictedWrites.h"

#include <QMap>
#include <QSet>

#include <algorithm>
#include <tuple>

namespace fkscope {

namespace {

QString oidArray(const std::vector<const Table *> &tables)
{
    QStringList oids;
    for (const Table *t : tables)
        oids << QString::number(t->oid);
    return QStringLiteral("ARRAY[%1]::oid[]").arg(oids.join(QLatin1Char(',')));
}

QString keyOidArray(const std::vector<const ForeignKey *> &keys)
{
    QStringList oids{QStringLiteral("0")};
    for (const ForeignKey *k : keys)
        oids << QString::number(k->oid);
    return QStringLiteral("ARRAY[%1]::oid[]").arg(oids.join(QLatin1Char(',')));
}

// The keys that fire when rows stored in any of storageOids are deleted.
std::vector<const ForeignKey *> keysFiringFor(const TableHierarchy &hierarchy, const QList<qint64> &storageOids,
                                              const std::vector<const ForeignKey *> &keys)
{
    QSet<qint64> referenced;
    for (qint64 oid : storageOids) {
        for (qint64 r : hierarchy.selfAndPartitionAncestors(oid))
            referenced.insert(r);
    }
    std::vector<const ForeignKey *> firing;
    for (const ForeignKey *k : keys) {
        if (referenced.contains(k->parentOid))
            firing.push_back(k);
    }
    return firing;
}

std::vector<ImpactEdge> buildTree(const TableHierarchy &hierarchy, const QList<qint64> &storageOids,
                                  const std::vector<const ForeignKey *> &keys, const QHash<qint64, qint64> &rowsByKey,
                                  QSet<qint64> &onPath)
{
    std::vector<ImpactEdge> edges;
    for (const ForeignKey *k : keysFiringFor(hierarchy, storageOids, keys)) {
        ImpactEdge edge;
        edge.key = k;
        edge.rows = rowsByKey.value(k->oid);
        // A key already on the path is a cycle: its rows are counted where it first appears.
        if (k->onDelete == FkAction::Cascade && !onPath.contains(k->oid) && edge.rows > 0) {
            onPath.insert(k->oid);
            edge.children = buildTree(hierarchy, hierarchy.storage(k->childOid), keys, rowsByKey, onPath);
            onPath.remove(k->oid);
        }
        edges.push_back(std::move(edge));
    }
    return edges;
}

// Every table the DELETE could remove rows from is listed in "deleted", and every table it
// could set NULL or DEFAULT in is listed in "updated", with 0 where no row is reached, so the
// answer does not depend on which plan counted it. Sorted by name.
void listEveryReachableTable(DeleteImpact &impact, const std::vector<const ForeignKey *> &keys)
{
    QMap<QString, qint64> deleted{{impact.rootTable, 0}}, updated;
    for (const ForeignKey *k : keys) {
        if (k->onDelete == FkAction::Cascade)
            deleted.insert(k->child, 0);
        else if (k->onDelete == FkAction::SetNull || k->onDelete == FkAction::SetDefault)
            updated.insert(k->child, 0);
    }
    for (const auto &[table, rows] : impact.deleted)
        deleted[table] = rows;
    for (const auto &[table, rows] : impact.updated)
        updated[table] = rows;
    impact.deleted.clear();
    impact.updated.clear();
    for (auto it = deleted.constBegin(); it != deleted.constEnd(); ++it)
        impact.deleted.push_back({it.key(), it.value()});
    for (auto it = updated.constBegin(); it != updated.constEnd(); ++it)
        impact.updated.push_back({it.key(), it.value()});
}

// Why the rows the plan counted under "uncertain-<reason>" for a key make the answer unknown.
QString orderDependence(const std::vector<const ForeignKey *> &keys, const QString &reason, qint64 keyOid, qint64 rows)
{
    const auto found = std::find_if(keys.cbegin(), keys.cend(), [&](const ForeignKey *k) { return k->oid == keyOid; });
    const QString name = found != keys.cend() ? (*found)->name : QString::number(keyOid);
    const QString table = found != keys.cend() ? (*found)->child : QStringLiteral("a table");
    if (reason == QLatin1String("order"))
        return QStringLiteral("%1 rows of %2 that %3 finds are deleted by the same DELETE, and whether before "
                              "%3 is checked depends on the order PostgreSQL fires the cascades of one "
                              "statement's rows in")
            .arg(rows).arg(table, name);
    if (reason == QLatin1String("target"))
        return QStringLiteral("%1 rows of %2 that %3 writes would reference rows the same DELETE removes, or may be "
                              "removed or written again by it; whether that happens before they are checked "
                              "depends on the order PostgreSQL fires triggers in")
            .arg(rows).arg(table, name);
    if (reason == QLatin1String("writes"))
        return QStringLiteral("%1 rows of %2 are written by %3 and by another SET NULL / SET DEFAULT; what the "
                              "checks of those writes see depends on which fires first")
            .arg(rows).arg(table, name);
    return QStringLiteral("%1 rows of %2 reached through %3 are also written by another key's SET NULL / "
                          "SET DEFAULT fired for another parent row; which fires first decides what %3 does")
        .arg(rows).arg(table, name);
}

} // namespace

Result<DeleteImpact> DeleteImpactAnalyzer::analyze(const DeleteRoot &root)
{
    return inReadOnlySnapshot(m_connection.database(), 0, [&] { return analyzeInTransaction(root); });
}

Result<DeleteImpact> DeleteImpactAnalyzer::analyzeInTransaction(const DeleteRoot &root)
{
    const QSqlDatabase db = m_connection.database();
    if (m_statementTimeout > 0) {
        auto timeout = runQuery(db, QStringLiteral("SET LOCAL statement_timeout = %1").arg(m_statementTimeout));
        if (!timeout)
            return timeout.error();
    }
    if (auto noJit = runQuery(db, jitOffForTransactionSql()); !noJit)
        return noJit.error();

    auto rootRows = resolveRootRows(m_connection, m_catalog, root);
    if (!rootRows)
        return rootRows.error();
    const Table *rootTable = rootRows->table;
    DeleteImpact impact;
    impact.rootTable = rootTable->qualifiedName;
    impact.rootKey = rootRows->key;
    impact.rootWhere = rootRows->where;
    const QString condition = rootRows->condition;

    const DeleteImpactQuery plan(m_catalog, *rootTable, condition);
    const std::vector<const Table *> tables = plan.tables();

    // What fkscope cannot see, or cannot predict.
    auto access = runQuery(db, QStringLiteral("SELECT oid::bigint, has_table_privilege(oid, 'SELECT'), "
                                              "row_security_active(oid) FROM unnest(%1) AS oid")
                                   .arg(oidArray(tables)));
    if (!access)
        return access.error();
    while (access->next()) {
        const Table *t = m_catalog.table(access->value(0).toLongLong());
        if (!access->value(1).toBool())
            impact.incomplete << QStringLiteral("no SELECT privilege on %1").arg(t->qualifiedName);
        else if (access->value(2).toBool())
            impact.incomplete << QStringLiteral("row-level security hides rows of %1 from you").arg(t->qualifiedName);
    }
    // SET DEFAULT is predicted by evaluating the defaults, which a read-only transaction
    // cannot do for a sequence.
    for (const ForeignKey *k : plan.keys()) {
        if (k->onDelete != FkAction::SetDefault)
            continue;
        const Table *child = m_catalog.table(k->childOid);
        for (const QString &name : k->onDeleteSetColumns.isEmpty() ? k->childColumns : k->onDeleteSetColumns) {
            const Column *column = child->column(name);
            if (column && column->defaultExpression.contains(QLatin1String("nextval(")))
                impact.incomplete << QStringLiteral("%1 sets %2.%3 to a sequence's next value, which a read-only "
                                                    "look cannot draw")
                                         .arg(k->name, k->child, quoteIdentifier(name));
        }
    }
    if (!impact.incomplete.isEmpty()) {
        impact.fails.reset();
        return impact;
    }

    auto triggers = runQuery(db, QStringLiteral(R"SQL(
SELECT tgrelid::regclass::text, tgname, tgconstraint::bigint, tgisinternal
  FROM pg_trigger
 WHERE (tgrelid = ANY(%1) AND NOT tgisinternal AND tgenabled <> 'D' AND (tgtype & 24) <> 0)
    OR (tgconstraint = ANY(%2) AND (tgtype & 8) <> 0
        AND tgrelid = (SELECT confrelid FROM pg_constraint WHERE oid = tgconstraint))
)SQL").arg(oidArray(tables), keyOidArray(plan.keys())));
    if (!triggers)
        return triggers.error();
    QHash<qint64, QString> riTriggers;
    while (triggers->next()) {
        if (triggers->value(3).toBool()) {
            riTriggers.insert(triggers->value(2).toLongLong(), triggers->value(1).toString());
        } else {
            impact.warnings << QStringLiteral("trigger %1 on %2 runs on DELETE or UPDATE; its effects are not predicted")
                                   .arg(triggers->value(1).toString(), triggers->value(0).toString());
        }
    }
    // The catalog's trigger name wins over the server's: a what-if catalog gives a re-created
    // key the name its new trigger would have.
    for (const ForeignKey *k : plan.keys()) {
        if (!k->deleteTrigger.isEmpty())
            riTriggers.insert(k->oid, k->deleteTrigger);
    }
    auto rules = runQuery(db, QStringLiteral("SELECT ev_class::regclass::text, rulename FROM pg_rewrite "
                                             "WHERE ev_class = ANY(%1) AND ev_type IN ('3', '4')")
                                  .arg(oidArray(tables)));
    if (!rules)
        return rules.error();
    while (rules->next()) {
        impact.warnings << QStringLiteral("rule %1 on %2 rewrites DELETE or UPDATE; its effects are not predicted")
                               .arg(rules->value(1).toString(), rules->value(0).toString());
    }

    auto counts = runQuery(db, plan.sql(riTriggers, m_generalPlanOnly));
    if (!counts) {
        Error error = counts.error();
        if (error.sqlstate.startsWith(QLatin1String("22")) || error.sqlstate.startsWith(QLatin1String("42")))
            error.kind = Error::Kind::Usage;  // a value that does not cast, a bad --where
        return error;
    }
    QHash<qint64, qint64> rowsByKey;
    QHash<qint64, qint64> blockedByKey;
    QHash<qint64, qint64> orphanedByKey;
    QStringList orderDependent;
    bool orderDecidesCounts = false;
    while (counts->next()) {
        const QString kind = counts->value(0).toString();
        const QString id = counts->value(1).toString();
        const qint64 rows = counts->value(2).toLongLong();
        if (kind == QLatin1String("root"))
            impact.rootRows = rows;
        else if (kind == QLatin1String("deleted"))
            impact.deleted.push_back({id, rows});
        else if (kind == QLatin1String("updated"))
            impact.updated.push_back({id, rows});
        else if (kind == QLatin1String("blocked"))
            blockedByKey.insert(id.toLongLong(), rows);
        else if (kind == QLatin1String("orphaned"))
            orphanedByKey.insert(id.toLongLong(), rows);
        else if (kind == QLatin1String("edge"))
            rowsByKey.insert(id.toLongLong(), rows);
        else if (kind.startsWith(QLatin1String("uncertain-"))) {
            const QString reason = kind.mid(10);
            orderDependent << orderDependence(plan.keys(), reason, id.toLongLong(), rows);
            // Which rows a detached or rewritten row loses or keeps is the order's to decide too.
            orderDecidesCounts |= reason == QLatin1String("target") || reason.startsWith(QLatin1String("detached"));
        }
    }
    if (impact.rootRows == 0)
        return Error::query(QStringLiteral("no row of %1 matches %2").arg(impact.rootTable, condition));

    std::vector<const ForeignKey *> blocking;
    for (const ForeignKey *k : plan.keys()) {
        if (blockedByKey.value(k->oid) > 0)
            blocking.push_back(k);
        if (orphanedByKey.value(k->oid) > 0)
            impact.orphaned.push_back({k->child, k->name, orphanedByKey.value(k->oid)});
    }
    // The key PostgreSQL's error will most likely name first: one checked at once (RESTRICT
    // always is), on the root table, whose trigger comes first by name (the order the server
    // fires a row's triggers in).
    std::stable_sort(blocking.begin(), blocking.end(), [&](const ForeignKey *a, const ForeignKey *b) {
        auto rank = [&](const ForeignKey *k) {
            const bool checkedAtCommit = k->initiallyDeferred && k->onDelete != FkAction::Restrict;
            return std::make_tuple(checkedAtCommit, k->parentOid != rootTable->oid, k->deleteTrigger);
        };
        return rank(a) < rank(b);
    });
    for (const ForeignKey *k : blocking)
        impact.blockedBy.push_back({k->name, k->child, blockedByKey.value(k->oid)});
    impact.fails = !impact.blockedBy.empty();
    listEveryReachableTable(impact, plan.keys());
    // Rows that block or not depending on an order PostgreSQL does not promise: a DELETE that
    // surely fails for other rows still fails; otherwise fkscope says it cannot know.
    if (!*impact.fails && !orderDependent.isEmpty()) {
        impact.incomplete << orderDependent;
        impact.fails.reset();
        impact.countsKnown = !orderDecidesCounts;
        return impact;
    }

    // A DELETE that fails anyway still fails; one that would succeed may not, if a written
    // row meets a check fkscope does not evaluate. Then say so rather than guess.
    auto unpredicted = unpredictedWrites(db, m_catalog, plan.keys(), rowsByKey);
    if (!unpredicted)
        return unpredicted.error();
    if (*impact.fails) {
        impact.warnings << unpredicted.value();
    } else if (!unpredicted->isEmpty()) {
        impact.incomplete << unpredicted.value();
        impact.fails.reset();
    }

    const TableHierarchy hierarchy(m_catalog);
    QSet<qint64> onPath;
    impact.tree = buildTree(hierarchy, hierarchy.storageWithInheritance(rootTable->oid), plan.keys(), rowsByKey,
                            onPath);
    return impact;
}

} // namespace fkscope
