#include "script/InsertScriptWriter.h"

#include "catalog/Identifier.h"
#include "db/Connection.h"
#include "db/SqlQuery.h"
#include "impact/ImpactSql.h"
#include "script/RowClosureQuery.h"

#include <QMap>

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

// Integers read best bare; every other value keeps its quotes and its type.
bool isPlainInteger(const QString &type)
{
    return type == QLatin1String("integer") || type == QLatin1String("bigint") || type == QLatin1String("smallint");
}

QString literal(const QVariant &quoted, const QString &type)
{
    const QString text = quoted.toString();
    if (text == QLatin1String("NULL"))
        return text;
    if (isPlainInteger(type) && text.size() > 2 && text.startsWith(QLatin1Char('\'')))
        return text.mid(1, text.size() - 2);
    return QStringLiteral("%1::%2").arg(text, type);
}

} // namespace

const Table &InsertScriptWriter::targetOf(qint64 storageOid) const
{
    // Rows of a partition go in through the partitioned table at the top, which routes them.
    const Table *table = m_catalog.table(storageOid);
    while (!table->partitionOf.isEmpty()) {
        const Table *parent = m_catalog.table(table->partitionOf);
        if (!parent)
            break;
        table = parent;
    }
    return *table;
}

Result<SqlScript> InsertScriptWriter::write(const DeleteRoot &root)
{
    auto selection = resolveRootRows(m_connection, m_catalog, root);
    if (!selection)
        return selection.error();
    auto rows = inReadOnlySnapshot(m_connection.database(), 0, [&] { return read(selection.value()); });
    if (!rows)
        return rows.error();
    return composeInsertScript(m_catalog, selection.value(), rows.value(), m_options);
}

Result<ExportedRows> InsertScriptWriter::read(const RootRows &selection)
{
    const QSqlDatabase db = m_connection.database();
    // The planner's guesses for a recursive query are wild, and JIT-compiling its many
    // branches took seconds for a query that runs in milliseconds.
    auto noJit = runQuery(db, QStringLiteral("SET LOCAL jit = off"));
    if (!noJit)
        return noJit.error();
    // First, under the user's own search_path: the condition is theirs.
    auto closure = runQuery(db, RowClosureQuery(m_catalog, *selection.table, selection.condition)
                                    .sql(m_options.withDependents));
    if (!closure)
        return closure.error();
    QHash<qint64, QStringList> tidsByStorage;
    std::vector<std::tuple<qint64, QString, QString>> edges;  // key, child row, parent row
    QHash<qint64, int> orphans;
    while (closure->next()) {
        const QString row = QStringLiteral("%1:%2").arg(closure->value(2).toString(), closure->value(3).toString());
        const QString kind = closure->value(0).toString();
        if (kind == QLatin1String("r"))
            tidsByStorage[closure->value(2).toLongLong()].append(closure->value(3).toString());
        else if (kind == QLatin1String("o"))
            ++orphans[closure->value(1).toLongLong()];
        else
            edges.emplace_back(closure->value(1).toLongLong(), row,
                               QStringLiteral("%1:%2").arg(closure->value(4).toString(), closure->value(5).toString()));
    }
    if (tidsByStorage.isEmpty()) {
        return Error::query(QStringLiteral("no row of %1 matches %2")
                                .arg(selection.table->qualifiedName, selection.condition));
    }

    for (const char *setting : readingSettings) {
        auto set = runQuery(db, QString::fromLatin1(setting));
        if (!set)
            return set.error();
    }
    auto about = runQuery(db, QStringLiteral("SELECT current_database(), to_char(now(), 'YYYY-MM-DD HH24:MI:SS.MS'), "
                                             "pg_current_snapshot()::text"));
    if (!about || !about->next())
        return about ? Error::query(QStringLiteral("no answer from current_database()")) : about.error();
    ExportedRows exported;
    exported.database = about->value(0).toString();
    exported.snapshotTime = about->value(1).toString() + QStringLiteral(" UTC");
    exported.snapshot = about->value(2).toString();

    if (auto status = readRows(exported, tidsByStorage); !status)
        return status.error();
    auto sharedNames = runQuery(db, QStringLiteral(
        "SELECT f.oid::bigint FROM pg_constraint f "
        " WHERE f.contype = 'f' AND f.condeferrable AND EXISTS (SELECT FROM pg_constraint o WHERE o.conname = f.conname "
        "       AND o.connamespace = f.connamespace AND NOT o.condeferrable)"));
    if (!sharedNames)
        return sharedNames.error();
    while (sharedNames->next())
        exported.cannotDefer.insert(sharedNames->value(0).toLongLong());
    QHash<qint64, const ForeignKey *> keys;
    for (const ForeignKey &k : m_catalog.foreignKeys)
        keys.insert(k.oid, &k);
    for (const auto &[keyOid, child, parent] : edges)
        exported.references.push_back({keys.value(keyOid), child, parent});
    for (auto it = orphans.begin(); it != orphans.end(); ++it)
        exported.orphans.insert(keys.value(it.key()), it.value());
    return exported;
}

Status InsertScriptWriter::readRows(ExportedRows &exported, const QHash<qint64, QStringList> &tidsByStorage)
{
    const QSqlDatabase db = m_connection.database();
    QMap<QString, qint64> targets;  // by qualified name, for a stable order
    for (auto it = tidsByStorage.begin(); it != tidsByStorage.end(); ++it) {
        const Table &target = targetOf(it.key());
        targets.insert(target.qualifiedName, target.oid);
    }
    // The column types as format_type() prints them with only pg_catalog on the path:
    // qualified wherever the type lives elsewhere, so the casts need no search_path to load.
    QStringList oids;
    for (qint64 oid : targets)
        oids << QString::number(oid);
    auto columns = runQuery(db, QStringLiteral(
        "SELECT a.attrelid::bigint, a.attname, format_type(a.atttypid, a.atttypmod), a.attidentity <> '', "
        "       pg_get_serial_sequence(a.attrelid::regclass::text, a.attname) IS NOT NULL "
        "  FROM pg_attribute a "
        " WHERE a.attrelid IN (%1) AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' "
        " ORDER BY a.attrelid, a.attnum").arg(oids.join(QStringLiteral(", "))));
    if (!columns)
        return columns.error();
    QHash<qint64, ExportedTable> byOid;
    QHash<qint64, QStringList> typesOf;
    while (columns->next()) {
        const qint64 oid = columns->value(0).toLongLong();
        ExportedTable &table = byOid[oid];
        table.table = m_catalog.table(oid);
        table.columns << columns->value(1).toString();
        typesOf[oid] << columns->value(2).toString();
        table.hasIdentity = table.hasIdentity || columns->value(3).toBool();
        if (columns->value(4).toBool())
            table.sequenceColumns << columns->value(1).toString();
    }

    QList<qint64> storages = tidsByStorage.keys();
    std::sort(storages.begin(), storages.end());
    for (qint64 storageOid : storages) {
        const Table *storage = m_catalog.table(storageOid);
        const qint64 targetOid = targetOf(storageOid).oid;
        ExportedTable &table = byOid[targetOid];
        QStringList values{QStringLiteral("t.ctid::text")};
        for (const QString &column : table.columns)
            // ::text, as quote_nullable(anyelement) itself does: "char" and name also cast to text
            // implicitly, which makes the call ambiguous for them.
            values << QStringLiteral("quote_nullable(t.%1::text)").arg(quoteIdentifier(column));
        QStringList order;
        if (const UniqueKey *primary = storage->primaryKey()) {
            for (const QString &column : primary->columns)
                order << QStringLiteral("t.%1").arg(quoteIdentifier(column));
        }
        order << QStringLiteral("t.ctid");
        const QString tids = QStringLiteral("{\"%1\"}").arg(tidsByStorage.value(storageOid).join(QStringLiteral("\",\"")));
        // ctid = ANY(array) is a TID scan: the rows are fetched where they lie.
        auto rows = runQuery(db, QStringLiteral("SELECT %1 FROM ONLY %2 t WHERE t.ctid = ANY(%3::tid[]) ORDER BY %4")
                                     .arg(values.join(QStringLiteral(", ")), quoteQualified(storage->schema, storage->name),
                                          quoteLiteral(tids), order.join(QStringLiteral(", "))));
        if (!rows)
            return rows.error();
        const QStringList &types = typesOf.value(targetOid);
        while (rows->next()) {
            ExportedRow row;
            row.id = QStringLiteral("%1:%2").arg(storageOid).arg(rows->value(0).toString());
            for (int i = 0; i < types.size(); ++i)
                row.literals << literal(rows->value(i + 1), types[i]);
            exported.tableOfRow.insert(row.id, targetOid);
            table.rows.push_back(row);
        }
    }
    for (qint64 oid : targets)
        exported.tables.push_back(byOid.value(oid));
    return Done{};
}

} // namespace fkscope
