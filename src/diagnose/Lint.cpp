#include "diagnose/Lint.h"

#include "catalog/Identifier.h"
#include "catalog/KeyIndexes.h"
#include "db/Connection.h"
#include "db/SqlQuery.h"

#include <QHash>
#include <QSet>

namespace fkscope {

Result<std::vector<LintFinding>> Linter::lint()
{
    // Read now, not from the catalog: a user who just created the index checks again.
    auto unindexed = unindexedKeys(m_connection.database(), m_catalog);
    if (!unindexed)
        return unindexed.error();
    std::vector<LintFinding> findings;
    QHash<qint64, int> blockingInto, keysInto;
    for (const ForeignKey &k : m_catalog.foreignKeys) {
        const Table *child = m_catalog.table(k.childOid);
        const Table *parent = m_catalog.table(k.parentOid);
        const QString childName = quoteQualified(child->schema, child->name);
        ++keysInto[k.parentOid];
        if (k.onDelete == FkAction::NoAction || k.onDelete == FkAction::Restrict)
            ++blockingInto[k.parentOid];

        QStringList quoted;
        for (const QString &c : k.childColumns)
            quoted << quoteIdentifier(c);
        if (unindexed->contains(k.oid)) {
            const QString index = quoteIdentifier(child->name + QLatin1Char('_') + k.childColumns.join(QLatin1Char('_')) + QStringLiteral("_idx"));
            // CONCURRENTLY does not lock out writes, but a partitioned table cannot take it.
            const QString fix = child->kind == Table::Kind::Partitioned
                ? QStringLiteral("CREATE INDEX %1 ON %2 (%3);").arg(index, childName, quoted.join(QStringLiteral(", ")))
                : QStringLiteral("CREATE INDEX CONCURRENTLY %1 ON %2 (%3);").arg(index, childName, quoted.join(QStringLiteral(", ")));
            findings.push_back({QStringLiteral("unindexed_key"), k.child, k.name,
                                QStringLiteral("no index of %1 starts with (%2): every DELETE or key update on %3 scans %1")
                                    .arg(k.child, k.childColumns.join(QStringLiteral(", ")), k.parent),
                                fix});
        }
        if (!k.validated) {
            findings.push_back({QStringLiteral("not_valid"), k.child, k.name,
                                QStringLiteral("%1 is NOT VALID: rows from before it was added were never checked").arg(k.name),
                                QStringLiteral("ALTER TABLE %1 VALIDATE CONSTRAINT %2;").arg(childName, quoteIdentifier(k.name))});
        }
        QStringList mismatches;
        for (int i = 0; i < k.childColumns.size(); ++i) {
            const QString childType = child->column(k.childColumns[i])->type;
            const QString parentType = parent->column(k.parentColumns[i])->type;
            if (childType != parentType)
                mismatches << QStringLiteral("%1 %2 -> %3 %4").arg(k.childColumns[i], childType, k.parentColumns[i], parentType);
        }
        if (!mismatches.isEmpty()) {
            findings.push_back({QStringLiteral("type_mismatch"), k.child, k.name,
                                QStringLiteral("%1 joins columns of different types (%2): values may not fit, and "
                                               "lookups need casts")
                                    .arg(k.name, mismatches.join(QStringLiteral(", "))),
                                QString()});
        }
    }
    for (const Table &t : m_catalog.tables) {
        if (keysInto.value(t.oid) > 0 && blockingInto.value(t.oid) == keysInto.value(t.oid)) {
            findings.push_back({QStringLiteral("blocks_every_delete"), t.qualifiedName, QString(),
                                QStringLiteral("every key into %1 is NO ACTION or RESTRICT: a row of it can only be "
                                               "deleted after every row that references it")
                                    .arg(t.qualifiedName),
                                QString()});
        }
    }
    return findings;
}

} // namespace fkscope
