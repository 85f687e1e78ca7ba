#include "diagnose/Lint.h"

#include "catalog/Identifier.h"
#include "catalog/KeyIndexes.h"
#include "db/Connection.h"
#include "db/SqlQuery.h"

#include <QHash>
#include <QSet>

namespace fkscope {

namespace {

// The set of columns of a key, for comparing keys whose columns come in another order.
QSet<QString> columnSet(const QStringList &columns)
{
    return QSet<QString>(columns.begin(), columns.end());
}

// Unindexed keys of one table often share columns (two keys on (a, b), or one on (a, b) and
// one on (a)); one index serves each key whose columns are its leading columns, in any
// order. For every unindexed key: the key whose suggested index serves it (itself when it
// gets an index of its own). Wider keys are placed first, so a narrower key can share.
QHash<qint64, const ForeignKey *> plannedIndexes(const Catalog &catalog, const QSet<qint64> &unindexed)
{
    std::vector<const ForeignKey *> keys;
    for (const ForeignKey &k : catalog.foreignKeys) {
        if (unindexed.contains(k.oid) && !k.isVirtual)
            keys.push_back(&k);
    }
    std::stable_sort(keys.begin(), keys.end(), [](const ForeignKey *a, const ForeignKey *b) {
        return a->childColumns.size() > b->childColumns.size();
    });
    QHash<qint64, const ForeignKey *> servedBy;
    std::vector<const ForeignKey *> owners;
    for (const ForeignKey *k : keys) {
        const ForeignKey *server = k;
        for (const ForeignKey *owner : owners) {
            if (owner->childOid == k->childOid
                && columnSet(owner->childColumns.mid(0, k->childColumns.size())) == columnSet(k->childColumns)) {
                server = owner;
                break;
            }
        }
        if (server == k)
            owners.push_back(k);
        servedBy.insert(k->oid, server);
    }
    return servedBy;
}

// Each key column's type with domains resolved to the type they are over (a domain over
// integer holds integers, and PostgreSQL compares it with integer as such), as format_type
// writes it. Keyed by table oid and column name.
Result<QHash<QPair<qint64, QString>, QString>> baseTypes(const QSqlDatabase &db, const Catalog &catalog)
{
    QSet<qint64> tables;
    for (const ForeignKey &k : catalog.foreignKeys)
        tables << k.childOid << k.parentOid;
    QStringList oids;
    for (qint64 oid : tables)
        oids << QString::number(oid);
    auto query = runQuery(db, QStringLiteral(R"SQL(WITH RECURSIVE chain AS (
    SELECT a.attrelid, a.attname, a.atttypid AS typ, a.atttypmod AS typmod
      FROM pg_attribute a
     WHERE a.attrelid = ANY('{%1}'::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
    UNION ALL
    SELECT c.attrelid, c.attname, t.typbasetype, t.typtypmod
      FROM chain c JOIN pg_type t ON t.oid = c.typ
     WHERE t.typtype = 'd'
)
SELECT c.attrelid::bigint, c.attname::text, format_type(c.typ, c.typmod)
  FROM chain c JOIN pg_type t ON t.oid = c.typ
 WHERE t.typtype <> 'd')SQL").arg(oids.join(QLatin1Char(','))));
    if (!query)
        return query.error();
    QHash<QPair<qint64, QString>, QString> types;
    while (query->next())
        types.insert({query->value(0).toLongLong(), query->value(1).toString()}, query->value(2).toString());
    return types;
}

} // namespace

Result<std::vector<LintFinding>> Linter::lint()
{
    // Read now, not from the catalog: a user who just created the index checks again.
    auto unindexed = unindexedKeys(m_connection.database(), m_catalog);
    if (!unindexed)
        return unindexed.error();
    auto types = baseTypes(m_connection.database(), m_catalog);
    if (!types)
        return types.error();
    const QHash<qint64, const ForeignKey *> servedBy = plannedIndexes(m_catalog, unindexed.value());
    std::vector<LintFinding> findings;
    QHash<qint64, int> blockingInto, keysInto;
    for (const ForeignKey &k : m_catalog.foreignKeys) {
        if (k.isVirtual)
            continue;  // lint judges what the database declares
        const Table *child = m_catalog.table(k.childOid);
        const Table *parent = m_catalog.table(k.parentOid);
        const QString childName = quoteQualified(child->schema, child->name);
        ++keysInto[k.parentOid];
        if (k.onDelete == FkAction::NoAction || k.onDelete == FkAction::Restrict)
            ++blockingInto[k.parentOid];

        if (const ForeignKey *indexOwner = servedBy.value(k.oid)) {
            QStringList quoted;
            for (const QString &c : indexOwner->childColumns)
                quoted << quoteIdentifier(c);
            const QString index = quoteIdentifier(child->name + QLatin1Char('_') + indexOwner->childColumns.join(QLatin1Char('_'))
                                                  + QStringLiteral("_idx"));
            // CONCURRENTLY does not lock out writes, but a partitioned table cannot take it.
            const QString create = child->kind == Table::Kind::Partitioned
                ? QStringLiteral("CREATE INDEX %1 ON %2 (%3);").arg(index, childName, quoted.join(QStringLiteral(", ")))
                : QStringLiteral("CREATE INDEX CONCURRENTLY %1 ON %2 (%3);").arg(index, childName, quoted.join(QStringLiteral(", ")));
            QString message = QStringLiteral("no index of %1 starts with (%2): every DELETE or key update on %3 scans %1")
                                  .arg(k.child, k.childColumns.join(QStringLiteral(", ")), k.parent);
            if (indexOwner != &k)
                message += QStringLiteral("; the index suggested for %1 serves this key too").arg(indexOwner->name);
            findings.push_back({QStringLiteral("unindexed_key"), k.child, k.name, message,
                                indexOwner == &k ? create : QString(), create});
        }
        if (!k.validated) {
            findings.push_back({QStringLiteral("not_valid"), k.child, k.name,
                                QStringLiteral("%1 is NOT VALID: rows from before it was added were never checked").arg(k.name),
                                QStringLiteral("ALTER TABLE %1 VALIDATE CONSTRAINT %2;").arg(childName, quoteIdentifier(k.name)),
                                QString()});
        }
        QStringList mismatches;
        for (int i = 0; i < k.childColumns.size(); ++i) {
            const QString childType = types->value({k.childOid, k.childColumns[i]}, child->column(k.childColumns[i])->type);
            const QString parentType = types->value({k.parentOid, k.parentColumns[i]}, parent->column(k.parentColumns[i])->type);
            if (childType != parentType)
                mismatches << QStringLiteral("%1 %2 -> %3 %4").arg(k.childColumns[i], childType, k.parentColumns[i], parentType);
        }
        if (!mismatches.isEmpty()) {
            findings.push_back({QStringLiteral("type_mismatch"), k.child, k.name,
                                QStringLiteral("%1 joins columns of different types (%2): values may not fit, and "
                                               "lookups need casts")
                                    .arg(k.name, mismatches.join(QStringLiteral(", "))),
                                QString(), QString()});
        }
    }
    for (const Table &t : m_catalog.tables) {
        if (keysInto.value(t.oid) > 0 && blockingInto.value(t.oid) == keysInto.value(t.oid)) {
            findings.push_back({QStringLiteral("blocks_every_delete"), t.qualifiedName, QString(),
                                QStringLiteral("every key into %1 is NO ACTION or RESTRICT: a row of it can only be "
                                               "deleted after every row that references it")
                                    .arg(t.qualifiedName),
                                QString(), QString()});
        }
    }
    return findings;
}

} // namespace fkscope
