#include "copy/RowCopier.h"

#include "catalog/Identifier.h"
#include "copy/LibpqSession.h"
#include "copy/StepLoader.h"
#include "copy/TargetSchema.h"
#include "db/Connection.h"
#include "db/SqlQuery.h"
#include "impact/ImpactSql.h"
#include "impact/RootRows.h"

#include <QElapsedTimer>
#include <QProcess>

namespace fkscope {

namespace {

// Both sides write and read values in these forms, so the text one COPY writes is what the
// other reads back, whatever each server's defaults are.
const char *const textFormSettings[] = {
    "SET LOCAL datestyle = 'ISO, YMD'",
    "SET LOCAL intervalstyle = 'postgres'",
    "SET LOCAL timezone = 'UTC'",
    "SET LOCAL extra_float_digits = 3",
    "SET LOCAL bytea_output = 'hex'",
};

QString closureOrphanRefusal(const Catalog &catalog, const QHash<qint64, qint64> &orphans)
{
    QStringList keys;
    for (auto it = orphans.begin(); it != orphans.end(); ++it) {
        for (const ForeignKey &k : catalog.foreignKeys) {
            if (k.oid == it.key())
                keys << QStringLiteral("%1 of %2 (%3 rows)").arg(k.name, k.child).arg(it.value());
        }
    }
    keys.sort();
    return QStringLiteral("rows to copy reference no row through a NOT VALID key, so the target would refuse them "
                          "(23503): %1; nothing was copied (fkscope-cli orphans lists them)")
        .arg(keys.join(QStringLiteral(", ")));
}

} // namespace

RowCopier::RowCopier(Connection &source, const Catalog &catalog, Connection &target)
    : m_source(source), m_catalog(catalog), m_target(target)
{
}

RowCopier::~RowCopier() = default;

bool RowCopier::isCancelled() const
{
    // The window's worker cancels the source connection (DatabaseWorker::cancel()).
    return m_cancelled.load() || m_source.cancelRequested();
}

void RowCopier::cancel()
{
    m_cancelled.store(true);
    if (m_sourceSession)
        m_sourceSession->cancel();
    if (m_targetSession)
        m_targetSession->cancel();
}

Status RowCopier::checkNotSameDatabase()
{
    // The target is the source when, from the target's database, the source's own session
    // (pid and start time) is seen connected to that same database. No privilege is needed
    // to see one's own sessions; another role's backend_start is hidden from non-superusers,
    // so two roles on one database are not told apart (said in the README).
    const QString identity = QStringLiteral(
        "SELECT current_database(), pg_backend_pid(), (SELECT backend_start::text FROM pg_stat_activity "
        "WHERE pid = pg_backend_pid())");
    auto source = m_sourceSession->query(identity);
    if (!source)
        return source.error();
    const TextRow &me = source->front();
    auto seen = m_targetSession->query(
        QStringLiteral("SELECT current_database() = %1 AND EXISTS (SELECT FROM pg_stat_activity WHERE pid = %2 "
                       "AND backend_start::text = %3 AND datname = current_database())")
            .arg(quoteLiteral(me[0].value_or(QString())), me[1].value_or(QStringLiteral("0")),
                 quoteLiteral(me[2].value_or(QString()))));
    if (!seen)
        return seen.error();
    if (seen->front()[0] == QStringLiteral("t"))
        return Error::usage(QStringLiteral("the target is the source database itself (%1); nothing was copied")
                                .arg(m_source.databaseName()));
    return Done{};
}

void RowCopier::rollBackBoth()
{
    // Nothing to report: a ROLLBACK that fails means a session already gone, and a transaction
    // on a session that is gone was rolled back by its server.
    for (LibpqSession *session : {m_targetSession.get(), m_sourceSession.get()}) {
        if (!session->isBroken() && session->inTransaction())
            (void)session->exec(QStringLiteral("ROLLBACK"));
    }
}

bool isRowTargetAlreadyHas(const Error &error)
{
    return error.sqlstate == QLatin1String("23505");  // unique_violation
}

namespace {

// "duplicate key value violates …" names an index, not the table: say which table's rows
// TARGET already has.
Error namedConflict(Error error, const CopyPlan &plan, const CopyStep &step)
{
    if (!isRowTargetAlreadyHas(error))
        return error;
    QStringList tables;
    for (int index : step.tables)
        tables << plan.tables[size_t(index)].table->qualifiedName;
    const QString prefix = QStringLiteral("target: ");
    const QString detail = error.message.startsWith(prefix) ? error.message.mid(prefix.size()) : error.message;
    error.message = QStringLiteral("target already has rows of %1 (%2)")
                        .arg(tables.size() == 1 ? tables.front()
                                                : QStringLiteral("one of %1").arg(tables.join(QStringLiteral(", "))),
                             detail);
    return error;
}

} // namespace

Result<CopyReport> RowCopier::run(const CopyRequest &request)
{
    QElapsedTimer clock;
    clock.start();
    m_cancelled.store(false);
    CopyReport report;
    report.source = m_source.databaseName();
    report.target = m_target.databaseName();
    report.dryRun = request.dryRun;
    report.onConflict = request.onConflict;

    // Resolved through Qt's SQL API, before the libpq sessions take the connections over.
    auto root = resolveRootRows(m_source, m_catalog, request.root);
    if (!root)
        return root.error();
    m_sourceSession = std::make_unique<LibpqSession>(m_source.libpqConnection());
    m_targetSession = std::make_unique<LibpqSession>(m_target.libpqConnection());
    if (auto different = checkNotSameDatabase(); !different)
        return different.error();

    if (auto begun = m_sourceSession->exec(QStringLiteral("START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
        !begun)
        return begun.error();
    auto result = [&]() -> Result<CopyReport> {
        if (auto set = m_sourceSession->exec(jitOffForTransactionSql()); !set)
            return set.error();
        for (const char *setting : textFormSettings) {
            if (auto set = m_sourceSession->exec(QString::fromLatin1(setting)); !set)
                return set.error();
        }
        auto rows = readClosureRows(*m_sourceSession, m_catalog, root.value(), request.withDependents);
        if (!rows)
            return rows.error();
        if (rows->count() == 0)
            return Error::query(QStringLiteral("no row of %1 matches %2")
                                    .arg(root->table->qualifiedName, root->where.isEmpty() ? root->condition : root->where));
        if (!rows->orphansByKey.isEmpty())
            return Error::query(closureOrphanRefusal(m_catalog, rows->orphansByKey));
        CopyPlan plan = planCopy(m_catalog, rows.value(), request.onConflict);
        for (const CopyTable &t : plan.tables)
            report.tables.push_back({t.table->qualifiedName, t.rows, 0, 0, 0});

        if (auto begun = beginTarget(request.dryRun); !begun)
            return begun.error();
        auto problems = checkTargetSchema(*m_targetSession, plan);
        if (!problems)
            return problems.error();
        if (!problems->missingTables.isEmpty() && request.createSchema && !request.dryRun) {
            if (auto created = createSchema(); !created)
                return created.error();
            report.createdSchema = true;
            for (CopyTable &t : plan.tables)
                t.columns.clear(), t.sequenceColumns.clear(), t.hasIdentity = false;
            problems = checkTargetSchema(*m_targetSession, plan);
            if (!problems)
                return problems.error();
        }
        if (!problems->isEmpty())
            return Error::usage(problems->message());
        if (request.dryRun)
            return report;

        const qint64 total = rows->count();
        qint64 done = 0;
        QElapsedTimer sinceReport;  // invalid until the first report, which goes out at once
        StepLoader loader(*m_sourceSession, *m_targetSession, m_catalog, rows.value(), request.onConflict, [this] { return isCancelled(); },
                          [&](const CopyTable &table, qint64 moved, qint64 bytes) {
                              done += moved;
                              report.bytes += bytes;
                              if (m_progress && (!sinceReport.isValid() || sinceReport.elapsed() >= 200 || done == total)) {
                                  sinceReport.start();
                                  m_progress({table.table->qualifiedName, done, total, report.bytes,
                                              double(clock.nsecsElapsed()) / 1e9});
                              }
                          });
        for (const CopyStep &step : plan.steps) {
            if (isCancelled())
                return copyCancelledError();
            if (auto loaded = loader.load(plan, step, report.tables); !loaded)
                return namedConflict(loaded.error(), plan, step);
        }
        for (const CopyTable &t : plan.tables) {
            for (const QString &column : t.sequenceColumns) {
                auto moved = m_targetSession->exec(sequenceCatchUpSql(*t.table, column));
                if (!moved)
                    return moved.error();
            }
        }
        if (isCancelled())
            return copyCancelledError();
        // Deferred keys are checked here; a failure rolls everything back.
        if (auto committed = m_targetSession->exec(QStringLiteral("COMMIT")); !committed) {
            Error error = committed.error();
            error.message = QStringLiteral("target: ") + error.message;
            return error;
        }
        return report;
    }();
    rollBackBoth();
    if (!result)
        return isCancelled() && !result.error().isConnectionLost() ? Result<CopyReport>(copyCancelledError())
                                                                         : result;
    result->seconds = double(clock.nsecsElapsed()) / 1e9;
    return result;
}

Status RowCopier::beginTarget(bool dryRun)
{
    const QString begin = dryRun ? QStringLiteral("START TRANSACTION READ ONLY") : QStringLiteral("START TRANSACTION");
    if (auto begun = m_targetSession->exec(begin); !begun)
        return begun.error();
    for (const char *setting : textFormSettings) {
        if (auto set = m_targetSession->exec(QString::fromLatin1(setting)); !set)
            return set.error();
    }
    // Keys that may wait are checked at COMMIT: rows may come in any order for them.
    return m_targetSession->exec(QStringLiteral("SET CONSTRAINTS ALL DEFERRED"));
}

Status RowCopier::createSchema()
{
    // The field's own tool, from PATH (Debian's postgresql-client). The password goes by the
    // environment, not the command line others can read.
    ConnInfo info = m_source.connInfo();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (info.has(QStringLiteral("password")))
        environment.insert(QStringLiteral("PGPASSWORD"), info.value(QStringLiteral("password")));
    QProcess dump;
    dump.setProcessEnvironment(environment);
    dump.start(QStringLiteral("pg_dump"), {QStringLiteral("--schema-only"), QStringLiteral("--no-owner"),
                                           QStringLiteral("--no-privileges"),
                                           QStringLiteral("--dbname=") + info.toStringWithoutPassword()});
    if (!dump.waitForFinished(-1) || dump.exitStatus() != QProcess::NormalExit || dump.exitCode() != 0) {
        const QString why = dump.error() == QProcess::FailedToStart
                                ? QStringLiteral("pg_dump is not installed (Debian: postgresql-client)")
                                : QString::fromUtf8(dump.readAllStandardError()).simplified();
        return Error::query(QStringLiteral("--create-schema: pg_dump failed: %1; nothing was copied").arg(why));
    }
    // Recent pg_dump releases wrap the dump in psql's \restrict … \unrestrict; the rest is SQL.
    QByteArrayList lines = dump.readAllStandardOutput().split('\n');
    for (QByteArray &line : lines) {
        if (line.startsWith("\\restrict") || line.startsWith("\\unrestrict"))
            line.clear();
        else if (line.startsWith('\\'))
            return Error::query(QStringLiteral("--create-schema: pg_dump wrote a psql command fkscope does not run: %1")
                                    .arg(QString::fromUtf8(line)));
    }
    auto path = m_targetSession->query(QStringLiteral("SELECT current_setting('search_path')"));
    if (!path)
        return path.error();
    // Inside TARGET's transaction, so the schema goes with the rows or not at all.
    if (auto restored = m_targetSession->exec(QString::fromUtf8(lines.join('\n'))); !restored) {
        return Error::query(QStringLiteral("--create-schema: the target refused the schema of the source: %1; "
                                           "nothing was copied")
                                .arg(restored.error().message),
                            restored.error().sqlstate);
    }
    // The dump empties search_path for the session; the schema check reads names with it.
    return m_targetSession->exec(
        QStringLiteral("SELECT pg_catalog.set_config('search_path', %1, false)").arg(quoteLiteral(*path->front()[0])));
}

} // namespace fkscope
