#include "infer/KeyInference.h"

#include "db/Connection.h"
#include "db/SqlQuery.h"
#include "infer/CandidateFinder.h"
#include "infer/ColumnTypes.h"
#include "infer/KeyScoring.h"
#include "infer/ValueCheck.h"

#include <QMap>
#include <QSet>

namespace fkscope {

namespace {

Error cancelled()
{
    return Error::query(QStringLiteral("canceling statement due to user request"), QStringLiteral("57014"));
}

} // namespace

Result<std::vector<InferredKey>> KeyInference::infer()
{
    const QSqlDatabase db = m_connection.database();
    auto found = inReadOnlySnapshot(db, m_statementTimeout, [&]() -> Result<std::vector<InferredKey>> {
        auto types = ColumnTypes::load(db);
        if (!types)
            return types.error();
        CandidateFinder finder(m_catalog, types.value());
        finder.setChildSchemas(m_schemas);
        std::vector<InferredKey> keys = finder.find();
        if (Status checked = checkValues(keys); !checked)
            return checked.error();
        if (Status indexed = markIndexedChildren(keys); !indexed)
            return indexed.error();
        return keys;
    });
    if (!found)
        return found.error();
    std::vector<InferredKey> keys = found.take();
    scoreKeys(keys, m_catalog);
    return keys;
}

Status KeyInference::checkValues(std::vector<InferredKey> &keys)
{
    // One statement per child column set, whatever the number of its candidate parents: the
    // child is read once.
    QMap<QString, std::vector<InferredKey *>> groups;
    for (InferredKey &k : keys)
        groups[k.child->qualifiedName + QLatin1Char('(') + k.childColumns.join(QLatin1Char('\x1f'))].push_back(&k);
    // The joins of a check are written in the order they should run: searching all orders of
    // a dozen outer joins would cost more than running them.
    if (auto set = runQuery(m_connection.database(), QStringLiteral("SET LOCAL join_collapse_limit = 1")); !set)
        return set.error();
    ValueCheck check(m_connection.database(), m_sampleRows);
    int done = 0;
    for (const auto &group : groups) {
        if (m_connection.cancelRequested())
            return cancelled();
        if (Status checked = check.check(group); !checked)
            return checked.error();
        if (m_progress)
            m_progress(++done, int(groups.size()));
    }
    return Done{};
}

Status KeyInference::markIndexedChildren(std::vector<InferredKey> &keys)
{
    // An index that starts with the key's columns, in any order, serves the key's checks; a
    // partial one or one still being built does not.
    QSet<qint64> children;
    for (const InferredKey &k : keys)
        children.insert(k.child->oid);
    if (children.isEmpty())
        return Done{};
    QStringList oids;
    for (qint64 oid : children)
        oids << QString::number(oid);
    auto query = runQuery(m_connection.database(),
                          QStringLiteral("SELECT indrelid::bigint, array_to_string(indkey::int2[], ' ') FROM pg_index "
                                         "WHERE indisvalid AND indpred IS NULL AND indrelid IN (%1)")
                              .arg(oids.join(QStringLiteral(", "))));
    if (!query)
        return query.error();
    QMultiHash<qint64, QList<int>> indexes;
    while (query->next()) {
        QList<int> columns;
        for (const QString &n : query->value(1).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts))
            columns << n.toInt();
        indexes.insert(query->value(0).toLongLong(), columns);
    }
    for (InferredKey &k : keys) {
        QSet<int> wanted;
        for (const QString &c : k.childColumns)
            wanted.insert(k.child->column(c)->number);
        k.childIndexed = false;
        for (const QList<int> &index : indexes.values(k.child->oid)) {
            if (index.size() >= wanted.size()
                && QSet<int>(index.begin(), index.begin() + wanted.size()) == wanted) {
                k.childIndexed = true;
                break;
            }
        }
    }
    return Done{};
}

} // namespace fkscope
