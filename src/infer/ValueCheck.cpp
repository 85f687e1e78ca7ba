#include "infer/ValueCheck.h"

#include "catalog/Identifier.h"
#include "db/SqlQuery.h"
#include "impact/ImpactSql.h"

#include <cmath>

namespace fkscope {

double ValueCheck::samplePercent(const Table &child, qint64 sampleRows)
{
    const qint64 rows = child.rowEstimate.value_or(0);
    if (sampleRows <= 0 || rows <= sampleRows)
        return 100.0;
    return std::max(0.0001, 100.0 * double(sampleRows) / double(rows));
}

QString ValueCheck::statement(const std::vector<InferredKey *> &keys, double percent)
{
    // Each parent is LEFT JOINed on its unique key, so it adds no rows and the planner may read
    // it once (a hash) or look it up per distinct child key (an index), whichever is cheaper.
    const InferredKey &first = *keys.front();
    QStringList keyColumns, notNull, groupBy;
    for (int i = 0; i < first.childColumns.size(); ++i) {
        keyColumns << QStringLiteral("c.%1 AS k%2").arg(quoteIdentifier(first.childColumns[i])).arg(i);
        notNull << QStringLiteral("v.k%1 IS NOT NULL").arg(i);
        groupBy << QString::number(i + 1);
    }
    const QString allSet = notNull.join(QStringLiteral(" AND "));
    QStringList counts{QStringLiteral("coalesce(sum(v.n), 0)::bigint"),
                       QStringLiteral("coalesce(sum(v.n) FILTER (WHERE %1), 0)::bigint").arg(allSet),
                       QStringLiteral("count(*) FILTER (WHERE %1)").arg(allSet)};
    QStringList joins;
    for (size_t k = 0; k < keys.size(); ++k) {
        const InferredKey &key = *keys[k];
        QStringList columns, matches;
        for (int i = 0; i < key.parentColumns.size(); ++i) {
            columns << QStringLiteral("p.%1 AS k%2").arg(quoteIdentifier(key.parentColumns[i])).arg(i);
            matches << QStringLiteral("p%1.k%2 = v.k%2").arg(k).arg(i);
        }
        joins << QStringLiteral("LEFT JOIN (SELECT %1, true AS found FROM %2 p) p%3 ON %4")
                     .arg(columns.join(QStringLiteral(", ")), relationReference(*key.parent))
                     .arg(k)
                     .arg(matches.join(QStringLiteral(" AND ")));
        const QString orphan = QStringLiteral("%1 AND p%2.found IS NULL").arg(allSet).arg(k);
        counts << QStringLiteral("coalesce(sum(v.n) FILTER (WHERE %1), 0)::bigint").arg(orphan)
               << QStringLiteral("count(*) FILTER (WHERE %1)").arg(orphan);
    }
    const QString sample = percent < 100.0
        ? QStringLiteral(" TABLESAMPLE SYSTEM (%1) REPEATABLE (17)").arg(percent, 0, 'f', 4)
        : QString();
    return QStringLiteral("SELECT %1\n  FROM (SELECT %2, count(*) AS n FROM %3 c%4 GROUP BY %5) v\n  %6")
        .arg(counts.join(QStringLiteral(",\n       ")), keyColumns.join(QStringLiteral(", ")),
             relationReference(*first.child), sample, groupBy.join(QStringLiteral(", ")),
             joins.join(QStringLiteral("\n  ")));
}

Status ValueCheck::check(const std::vector<InferredKey *> &keys)
{
    if (keys.empty())
        return Done{};
    const double percent = samplePercent(*keys.front()->child, m_sampleRows);
    auto query = runQuery(m_db, statement(keys, percent));
    if (!query)
        return query.error();
    if (!query->next())
        return Error::query(QStringLiteral("the value check of %1 returned no row").arg(keys.front()->child->qualifiedName));
    const qint64 rows = query->value(0).toLongLong();
    const qint64 nonNull = query->value(1).toLongLong();
    const qint64 distinct = query->value(2).toLongLong();
    // A sample's counts are scaled to the table's estimated size.
    const bool sampled = percent < 100.0;
    const double scale = sampled && rows > 0 ? double(keys.front()->child->rowEstimate.value_or(rows)) / double(rows) : 1.0;
    for (size_t i = 0; i < keys.size(); ++i) {
        ValueEvidence &v = keys[i]->values;
        v.checked = true;
        v.sampled = sampled;
        v.sampledRows = sampled ? rows : 0;
        v.childRows = qint64(std::llround(double(rows) * scale));
        v.nonNullRows = qint64(std::llround(double(nonNull) * scale));
        v.distinctValues = distinct;
        v.orphanRows = qint64(std::llround(double(query->value(int(3 + 2 * i)).toLongLong()) * scale));
        v.orphanValues = query->value(int(4 + 2 * i)).toLongLong();
        v.orphanShareBound = sampled && nonNull > 0 ? std::sqrt(std::log(2.0 / 0.05) / (2.0 * double(nonNull))) : 0.0;
    }
    return Done{};
}

} // namespace fkscope
