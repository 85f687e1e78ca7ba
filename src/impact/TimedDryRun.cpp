#include "impact/TimedDryRun.h"

#include "catalog/Identifier.h"
#include "catalog/KeyIndexes.h"
#include "db/Connection.h"
#include "db/SqlQuery.h"
#include "impact/ImpactSql.h"
#include "impact/RootRows.h"
#include "impact/TransactionLocks.h"
#include "script/SqlScript.h"

#include <QElapsedTimer>
#include <QHash>
#include <QRegularExpression>

#include <algorithm>

namespace fkscope {

namespace {

const QString savepoint = QStringLiteral("fkscope_timed_dry_run");

// EXPLAIN ANALYZE runs these; the rest of a script (SET LOCAL ...) runs as it is.
bool isExplainable(const QString &sql)
{
    static const QRegularExpression dml(QStringLiteral("^\\s*(DELETE|UPDATE|INSERT|SELECT|WITH)\\b"),
                                        QRegularExpression::CaseInsensitiveOption);
    return dml.match(sql).hasMatch();
}

// The same triggers fired by several statements of a script count once, summed.
void addTrigger(std::vector<ExplainedTrigger> &all, const ExplainedTrigger &trigger)
{
    for (ExplainedTrigger &t : all) {
        if (t.name == trigger.name && t.relation == trigger.relation) {
            t.calls += trigger.calls;
            t.milliseconds += trigger.milliseconds;
            return;
        }
    }
    all.push_back(trigger);
}

// pg_trigger rows of the RI triggers that fired: their key constraint and whether they are
// the ON DELETE ones (tgtype bit 3, TRIGGER_TYPE_DELETE).
struct RiTrigger {
    qint64 constraintOid = 0;
    bool onDelete = false;
};

Result<QHash<qint64, RiTrigger>> firedRiTriggers(const QSqlDatabase &db, const QList<qint64> &oids)
{
    QHash<qint64, RiTrigger> triggers;
    if (oids.isEmpty())
        return triggers;
    auto query = runQuery(db, QStringLiteral("SELECT oid::bigint, tgconstraint::bigint, (tgtype & 8) <> 0 "
                                             "FROM pg_trigger WHERE oid = ANY(ARRAY[%1]::oid[]) AND tgconstraint <> 0")
                                  .arg(oidList(oids)));
    if (!query)
        return query.error();
    while (query->next())
        triggers.insert(query->value(0).toLongLong(), {query->value(1).toLongLong(), query->value(2).toBool()});
    return triggers;
}

// A partition's copy of a key (and the copies PostgreSQL makes for the partitions of a
// referenced table) points to the key it was cloned from: conparentid, up to the declared key.
Result<QHash<qint64, qint64>> clonedKeyParents(const QSqlDatabase &db)
{
    auto query = runQuery(db, QStringLiteral("SELECT oid::bigint, conparentid::bigint FROM pg_constraint "
                                             "WHERE contype = 'f' AND conparentid <> 0"));
    if (!query)
        return query.error();
    QHash<qint64, qint64> parents;
    while (query->next())
        parents.insert(query->value(0).toLongLong(), query->value(1).toLongLong());
    return parents;
}

Status checkIndexes(const QSqlDatabase &db, const Catalog &catalog, TimedPass &pass)
{
    auto unindexed = unindexedKeys(db, catalog);
    if (!unindexed)
        return unindexed.error();
    for (KeyTiming &k : pass.keys)
        k.indexed = !unindexed->contains(k.keyOid);
    return Done();
}

} // namespace

const KeyTiming *TimedPass::key(qint64 oid) const
{
    for (const KeyTiming &k : keys) {
        if (k.keyOid == oid)
            return &k;
    }
    return nullptr;
}

Result<DryRunTiming> TimedDryRun::timeDelete(const DeleteRoot &root)
{
    auto rows = resolveRootRows(m_connection, m_catalog, root);
    if (!rows)
        return rows.error();
    return run({QStringLiteral("DELETE FROM %1 t WHERE %2").arg(rows->table->qualifiedName, rows->condition)});
}

Result<DryRunTiming> TimedDryRun::timeScript(const SqlScript &script)
{
    if (!script.isRunnable())
        return Error::usage(QStringLiteral("there is no script to run: %1").arg(script.refusal));
    QStringList statements;
    for (const ScriptStatement &s : script.statements)
        statements << s.sql;
    return run(statements);
}

Result<DryRunTiming> TimedDryRun::run(const QStringList &statements)
{
    const QSqlDatabase db = m_connection.database();
    auto begin = runQuery(db, QStringLiteral("BEGIN"));
    if (!begin)
        return begin.error();
    auto result = runInTransaction(statements);
    if (m_beforeRollback)
        m_beforeRollback();
    // Always: a dry run keeps nothing, the indexes it tried included.
    auto end = runQuery(db, QStringLiteral("ROLLBACK"));
    if (!result)
        return result;
    if (!end)
        return end.error();
    return result;
}

Result<DryRunTiming> TimedDryRun::runInTransaction(const QStringList &statements)
{
    const QSqlDatabase db = m_connection.database();
    if (m_statementTimeout > 0) {
        auto timeout = runQuery(db, QStringLiteral("SET LOCAL statement_timeout = %1").arg(m_statementTimeout));
        if (!timeout)
            return timeout.error();
    }
    for (const QString &setup : {QStringLiteral("SET CONSTRAINTS ALL IMMEDIATE"), QStringLiteral("SAVEPOINT ") + savepoint}) {
        auto done = runQuery(db, setup);
        if (!done)
            return done.error();
    }
    DryRunTiming timing;
    auto before = timePass(statements);
    if (!before)
        return before.error();
    timing.before = before.take();
    if (m_indexesToTry.empty() || timing.before.error)
        return timing;

    auto rewind = runQuery(db, QStringLiteral("ROLLBACK TO SAVEPOINT ") + savepoint);
    if (!rewind)
        return rewind.error();
    for (const ForeignKey *key : m_indexesToTry) {
        TriedIndex index{key->oid, key->name, key->child, createIndexSql(*key, m_catalog), 0};
        QElapsedTimer clock;
        clock.start();
        auto built = runQuery(db, index.sql);
        if (!built)
            return built.error();
        index.buildMs = clock.nsecsElapsed() / 1e6;
        timing.indexes.push_back(index);
    }
    auto after = timePass(statements);
    if (!after)
        return after.error();
    timing.after = after.take();
    return timing;
}

Result<TimedPass> TimedDryRun::timePass(const QStringList &statements)
{
    const QSqlDatabase db = m_connection.database();
    TimedPass pass;
    std::vector<ExplainedTrigger> triggers;
    for (const QString &sql : statements) {
        if (!isExplainable(sql)) {
            auto done = runQuery(db, sql);
            if (!done) {
                pass.error = done.error();
                return pass;
            }
            continue;
        }
        // One statement by the extended protocol: a --where cannot smuggle in a second one.
        auto explained = runSingleStatement(db, QStringLiteral("EXPLAIN (ANALYZE, FORMAT JSON) ") + sql);
        if (!explained) {
            // A cancel or the statement timeout (57014) stops the dry run itself, as it stops
            // any other command; the DELETE's own error (a key that blocks it) is an answer.
            if (explained.error().isConnectionLost() || explained.error().isCancel())
                return explained.error();
            pass.error = explained.error();
            return pass;
        }
        if (explained->empty() || explained->front().empty() || !explained->front().front())
            return Error::query(QStringLiteral("EXPLAIN returned no plan"));
        auto statement = parseExplainJson(explained->front().front()->toUtf8());
        if (!statement)
            return statement.error();
        pass.planningMs += statement->planningMs;
        pass.executionMs += statement->executionMs;
        for (const ExplainedTrigger &t : statement->triggers)
            addTrigger(triggers, t);
    }
    // First the locks, before fkscope's own catalog reads below take any.
    auto locks = locksHeldByThisBackend(db);
    if (!locks)
        return locks.error();
    pass.locks = locks.take();
    if (Status attributed = attributeTriggers(pass, triggers); !attributed)
        return attributed.error();
    if (Status checked = checkIndexes(db, m_catalog, pass); !checked)
        return checked.error();
    return pass;
}

Status TimedDryRun::attributeTriggers(TimedPass &pass, const std::vector<ExplainedTrigger> &triggers)
{
    const QSqlDatabase db = m_connection.database();
    QList<qint64> oids;
    for (const ExplainedTrigger &t : triggers) {
        if (auto oid = t.riTriggerOid())
            oids << *oid;
    }
    auto ri = firedRiTriggers(db, oids);
    if (!ri)
        return ri.error();
    auto clonedFrom = clonedKeyParents(db);
    if (!clonedFrom)
        return clonedFrom.error();
    QHash<qint64, const ForeignKey *> keysByOid;
    for (const ForeignKey &k : m_catalog.foreignKeys)
        keysByOid.insert(k.oid, &k);

    QHash<qint64, KeyTiming> byKey;
    for (const ExplainedTrigger &t : triggers) {
        const auto oid = t.riTriggerOid();
        const ForeignKey *key = nullptr;
        RiTrigger trigger;
        if (oid && ri->contains(*oid)) {
            trigger = ri->value(*oid);
            qint64 constraint = trigger.constraintOid;
            while (!keysByOid.contains(constraint) && clonedFrom->contains(constraint))
                constraint = clonedFrom->value(constraint);
            key = keysByOid.value(constraint);
        }
        if (!key) {
            pass.otherTriggers.push_back({t.name, t.relation, t.calls, t.milliseconds});
            continue;
        }
        KeyTiming &timing = byKey[key->oid];
        timing.keyOid = key->oid;
        timing.constraint = key->name;
        timing.table = key->child;
        timing.parent = key->parent;
        timing.onDelete = key->onDelete;
        timing.calls += t.calls;
        timing.milliseconds += t.milliseconds;
        if (trigger.onDelete)
            timing.parentDeleteCalls += t.calls;
    }
    for (const KeyTiming &k : byKey)
        pass.keys.push_back(k);
    std::sort(pass.keys.begin(), pass.keys.end(), [](const KeyTiming &a, const KeyTiming &b) {
        return a.milliseconds != b.milliseconds ? a.milliseconds > b.milliseconds : a.constraint < b.constraint;
    });
    return Done();
}

QString TimedDryRun::createIndexSql(const ForeignKey &key, const Catalog &catalog)
{
    const Table *child = catalog.table(key.childOid);
    QStringList columns;
    for (const QString &c : key.childColumns)
        columns << quoteIdentifier(c);
    // No name: PostgreSQL picks a free one, and the rollback drops it anyway.
    return QStringLiteral("CREATE INDEX ON %1 (%2)")
        .arg(child ? quoteQualified(child->schema, child->name) : key.child, columns.join(QStringLiteral(", ")));
}

Result<std::vector<const ForeignKey *>> TimedDryRun::resolveIndexesToTry(Connection &connection,
                                                                         const Catalog &catalog,
                                                                         const QStringList &specs)
{
    std::vector<const ForeignKey *> keys;
    if (specs.isEmpty())
        return keys;
    auto unindexed = unindexedKeys(connection.database(), catalog);
    if (!unindexed)
        return unindexed.error();
    for (const QString &spec : specs) {
        const int colon = spec.lastIndexOf(QLatin1Char(':'));
        const Table *table = nullptr;
        if (colon > 0) {
            auto resolved = resolveTable(connection, catalog, spec.left(colon).trimmed());
            if (!resolved)
                return Error::usage(QStringLiteral("--with-index '%1': %2").arg(spec, resolved.error().message));
            table = resolved.value();
        }
        const QString name = unquoteIdentifier(spec.mid(colon + 1).trimmed());
        const std::vector<const ForeignKey *> matches = catalog.foreignKeysNamed(name, table);
        if (matches.empty())
            return Error::usage(QStringLiteral("--with-index '%1': no foreign key is named %2").arg(spec, name));
        if (matches.size() > 1) {
            QStringList tables;
            for (const ForeignKey *k : matches)
                tables << k->child;
            return Error::usage(QStringLiteral("--with-index '%1': %2 is a foreign key of several tables (%3): write "
                                               "TABLE:%2")
                                    .arg(spec, name, tables.join(QStringLiteral(", "))));
        }
        const ForeignKey *key = matches.front();
        if (!unindexed->contains(key->oid))
            return Error::usage(QStringLiteral("--with-index '%1': an index of %2 already starts with the columns of %3")
                                    .arg(spec, key->child, key->name));
        if (std::find(keys.begin(), keys.end(), key) == keys.end())
            keys.push_back(key);
    }
    return keys;
}

} // namespace fkscope
