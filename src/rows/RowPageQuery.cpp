#include "rows/RowPageQuery.h"

#include "catalog/Identifier.h"

namespace fkscope {

namespace {

const char *const tidType = "tid";
const char *const oidType = "oid";
// The highest block number a tid can hold.
const qint64 maxBlock = 0xFFFFFFFFLL;

bool allNotNull(const Table &table, const QStringList &columns)
{
    for (const QString &name : columns) {
        const Column *column = table.column(name);
        if (!column || column->nullable)
            return false;
    }
    return !columns.isEmpty();
}

} // namespace

RowOrderKey RowOrderKey::choose(const Table &table)
{
    RowOrderKey key;
    for (const UniqueKey &unique : table.uniqueKeys) {
        if (unique.isPrimary || allNotNull(table, unique.columns)) {
            key.kind = Kind::Columns;
            key.name = unique.name;
            key.columns = unique.columns;
            return key;
        }
    }
    key.kind = Kind::Ctid;
    key.withTableOid = table.kind == Table::Kind::Partitioned;
    return key;
}

QStringList RowOrderKey::parts() const
{
    if (kind == Kind::Columns)
        return columns;
    if (withTableOid)
        return {QStringLiteral("tableoid"), QStringLiteral("ctid")};
    return {QStringLiteral("ctid")};
}

QString RowOrderKey::description() const
{
    if (kind == Kind::Columns)
        return QStringLiteral("%1 (%2)").arg(name, columns.join(QStringLiteral(", ")));
    return withTableOid ? QStringLiteral("tableoid, ctid: no primary or unique key")
                        : QStringLiteral("ctid: no primary or unique key");
}

RowPageQuery::RowPageQuery(const Table &table, RowQuery query, Quoter quoteLiteral)
    : m_table(table), m_query(std::move(query)), m_quote(std::move(quoteLiteral)), m_key(RowOrderKey::choose(table))
{
    if (m_query.sortColumn >= int(m_table.columns.size()))
        m_query.sortColumn = -1;
    if (m_key.kind == RowOrderKey::Kind::Columns) {
        for (const QString &name : m_key.columns) {
            m_keyExpressions << QStringLiteral("t.") + quoteIdentifier(name);
            m_keyTypes << m_table.column(name)->type;
        }
    } else {
        if (m_key.withTableOid) {
            m_keyExpressions << QStringLiteral("t.tableoid");
            m_keyTypes << QLatin1String(oidType);
        }
        m_keyExpressions << QStringLiteral("t.ctid");
        m_keyTypes << QLatin1String(tidType);
    }
}

bool RowPageQuery::readsBlockWindows() const
{
    return m_key.kind == RowOrderKey::Kind::Ctid && m_query.sortColumn < 0;
}

QString RowPageQuery::typed(const QString &value, const QString &type) const
{
    return QStringLiteral("CAST(%1 AS %2)").arg(m_quote(value), type);
}

QString RowPageQuery::innerSelect() const
{
    QStringList select;
    for (int i = 0; i < columnCount(); ++i)
        select << QStringLiteral("t.%1::text AS fk_c%2").arg(quoteIdentifier(m_table.columns[size_t(i)].name), QString::number(i));
    for (int i = 0; i < keyPartCount(); ++i)
        select << QStringLiteral("%1 AS fk_k%2").arg(m_keyExpressions[i], QString::number(i));
    if (m_query.sortColumn >= 0)
        select << QStringLiteral("t.%1 AS fk_s").arg(quoteIdentifier(m_table.columns[size_t(m_query.sortColumn)].name));

    // Every value goes through QString::arg once only: a second pass would replace a "%1"
    // inside a name or a filter.
    // ONLY: rows of legacy INHERITS children have keys of their own, which may repeat the
    // parent's; each child is browsed as itself. A partitioned table holds no rows but its
    // partitions', and its key is unique across them.
    const bool only = m_table.kind != Table::Kind::Partitioned;
    QString sql = QStringLiteral("SELECT %1\n  FROM %2%3 AS t")
                      .arg(select.join(QStringLiteral(", ")), only ? QStringLiteral("ONLY ") : QString(),
                           quoteQualified(m_table.schema, m_table.name));
    // The condition stands on lines of its own, so a trailing "--" comment in it ends there;
    // inside the subquery, an unbalanced "a) OR (b" cannot reach the paging conditions.
    if (!m_query.condition.trimmed().isEmpty())
        sql += QStringLiteral("\n WHERE (\n%1\n)").arg(m_query.condition);
    return sql;
}

QString RowPageQuery::keyTuple(const QString &prefix) const
{
    QStringList parts;
    for (int i = 0; i < keyPartCount(); ++i)
        parts << QStringLiteral("%1fk_k%2").arg(prefix, QString::number(i));
    return QStringLiteral("(%1)").arg(parts.join(QStringLiteral(", ")));
}

QString RowPageQuery::keyValues(const QStringList &values) const
{
    QStringList parts;
    for (int i = 0; i < keyPartCount(); ++i)
        parts << typed(values.value(i), m_keyTypes[i]);
    return QStringLiteral("(%1)").arg(parts.join(QStringLiteral(", ")));
}

QString RowPageQuery::afterCondition(const RowCursor &after) const
{
    QStringList conditions;
    if (readsBlockWindows()) {
        const QString tid = QStringLiteral("p.fk_k%1").arg(keyPartCount() - 1);
        const qint64 end = after.blockStart + after.blockCount;
        conditions << QStringLiteral("%1 >= %2").arg(tid, typed(QStringLiteral("(%1,0)").arg(after.blockStart), QLatin1String(tidType)));
        if (end <= maxBlock)
            conditions << QStringLiteral("%1 < %2").arg(tid, typed(QStringLiteral("(%1,0)").arg(end), QLatin1String(tidType)));
        if (after.inWindow)
            conditions << QStringLiteral("%1 > %2").arg(keyTuple(QStringLiteral("p.")), keyValues(after.key));
        return conditions.join(QStringLiteral("\n   AND "));
    }
    if (after.atStart)
        return QString();

    const QString key = keyTuple(QStringLiteral("p."));
    const QString lastKey = keyValues(after.key);
    if (m_query.sortColumn < 0)
        return QStringLiteral("%1 > %2").arg(key, lastKey);

    const QString type = m_table.columns[size_t(m_query.sortColumn)].type;
    if (!m_query.descending) {
        // ASC NULLS LAST: after a NULL only NULLs with a greater key remain.
        if (!after.sortValue)
            return QStringLiteral("(p.fk_s IS NULL AND %1 > %2)").arg(key, lastKey);
        const QString value = typed(*after.sortValue, type);
        return QStringLiteral("(p.fk_s > %1 OR (p.fk_s = %1 AND %2 > %3) OR p.fk_s IS NULL)").arg(value, key, lastKey);
    }
    // DESC NULLS FIRST: after a NULL come the NULLs with a smaller key, then every value.
    if (!after.sortValue)
        return QStringLiteral("((p.fk_s IS NULL AND %1 < %2) OR p.fk_s IS NOT NULL)").arg(key, lastKey);
    const QString value = typed(*after.sortValue, type);
    return QStringLiteral("(p.fk_s < %1 OR (p.fk_s = %1 AND %2 < %3))").arg(value, key, lastKey);
}

QString RowPageQuery::orderBy() const
{
    const QString direction = m_query.descending ? QStringLiteral(" DESC") : QString();
    QStringList order;
    if (m_query.sortColumn >= 0)
        order << (m_query.descending ? QStringLiteral("p.fk_s DESC NULLS FIRST") : QStringLiteral("p.fk_s ASC NULLS LAST"));
    for (int i = 0; i < keyPartCount(); ++i)
        order << QStringLiteral("p.fk_k%1").arg(i) + (m_query.sortColumn >= 0 ? direction : QString());
    return order.join(QStringLiteral(", "));
}

QString RowPageQuery::sql(const RowCursor &after, int limit) const
{
    QStringList select;
    for (int i = 0; i < columnCount(); ++i)
        select << QStringLiteral("p.fk_c%1").arg(i);
    for (int i = 0; i < keyPartCount(); ++i)
        select << QStringLiteral("p.fk_k%1::text").arg(i);
    const QString condition = afterCondition(after);
    return QStringLiteral("SELECT %1\n  FROM (%2\n       ) AS p%3\n ORDER BY %4\n LIMIT %5")
        .arg(select.join(QStringLiteral(", ")), innerSelect(),
             condition.isEmpty() ? QString() : QStringLiteral("\n WHERE ") + condition, orderBy(),
             QString::number(limit));
}

QString RowPageQuery::blockCountSql() const
{
    const QString table = m_quote(quoteQualified(m_table.schema, m_table.name));
    if (m_table.kind == Table::Kind::Partitioned) {
        return QStringLiteral("SELECT coalesce(max(pg_relation_size(relid)), 0) / current_setting('block_size')::bigint "
                              "FROM pg_partition_tree(CAST(%1 AS regclass)) WHERE isleaf")
            .arg(table);
    }
    return QStringLiteral("SELECT pg_relation_size(CAST(%1 AS regclass)) / current_setting('block_size')::bigint").arg(table);
}

} // namespace fkscope
