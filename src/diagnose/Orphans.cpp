#include "diagnose/Orphans.h"

#include "catalog/Identifier.h"
#include "db/Connection.h"
#include "db/SqlQuery.h"
#include "impact/ImpactSql.h"
#include "script/DeleteScriptWriter.h"

namespace fkscope {

namespace {

OrphanCheck fromKey(const Catalog &catalog, const ForeignKey &k)
{
    // A virtual key does not exist for PostgreSQL: its fix is to add it.
    return {k.name, catalog.table(k.childOid), k.childColumns, catalog.table(k.parentOid), k.parentColumns, k.match,
            !k.isVirtual};
}

// "schema.table(a, b)" -> ("schema.table", [a, b])
bool splitTableAndColumns(const QString &given, QString *table, QStringList *columns)
{
    const QString text = given.trimmed();
    const qsizetype open = text.lastIndexOf(QLatin1Char('('));
    if (open <= 0 || !text.endsWith(QLatin1Char(')')))
        return false;
    *table = text.left(open).trimmed();
    const QString inside = text.mid(open + 1, text.size() - open - 2);
    for (const QString &c : inside.split(QLatin1Char(','), Qt::SkipEmptyParts))
        *columns << unquoteIdentifier(c.trimmed());
    return !columns->isEmpty();
}

// The condition that makes a child row an orphan, with PostgreSQL's MATCH rules: SIMPLE
// checks a key only when none of its columns is NULL; FULL when any is, and then a partly
// NULL key is itself a violation.
QString orphanCondition(const OrphanCheck &c, const QString &alias = QStringLiteral("c"))
{
    QStringList notNull, anyNotNull, matches;
    for (int i = 0; i < c.childColumns.size(); ++i) {
        notNull << QStringLiteral("%1.%2 IS NOT NULL").arg(alias, quoteIdentifier(c.childColumns[i]));
        matches << QStringLiteral("p.%1 = %2.%3").arg(quoteIdentifier(c.parentColumns[i]), alias, quoteIdentifier(c.childColumns[i]));
    }
    const QString parentExists = QStringLiteral("EXISTS (SELECT FROM %1 p WHERE %2)")
                                     .arg(relationReference(*c.parent), matches.join(QStringLiteral(" AND ")));
    const QString allSet = notNull.join(QStringLiteral(" AND "));
    if (c.match == FkMatch::Full) {
        return QStringLiteral("(%1) AND NOT (%2 AND %3)")
            .arg(notNull.join(QStringLiteral(" OR ")), allSet, parentExists);
    }
    return QStringLiteral("%1 AND NOT %2").arg(allSet, parentExists);
}

} // namespace

std::vector<OrphanCheck> OrphanFinder::notValidKeys() const
{
    std::vector<OrphanCheck> checks;
    for (const ForeignKey &k : m_catalog.foreignKeys) {
        if (!k.validated)  // virtual keys too: PostgreSQL never checked their rows
            checks.push_back(fromKey(m_catalog, k));
    }
    return checks;
}

Result<const Table *> OrphanFinder::resolveTable(const QString &name)
{
    auto query = runQuery(m_connection.database(),
                          QStringLiteral("SELECT to_regclass(%1)::oid::bigint").arg(m_connection.quoteLiteral(name)));
    const Table *table = query && query->next() ? m_catalog.table(query->value(0).toLongLong()) : nullptr;
    if (!table)
        return Error::usage(QStringLiteral("table '%1' does not exist").arg(name));
    return table;
}

Result<OrphanCheck> OrphanFinder::existingKey(const QString &name, const QString &table)
{
    const Table *only = nullptr;
    if (!table.isEmpty()) {
        auto resolved = resolveTable(table);
        if (!resolved)
            return resolved.error();
        only = resolved.value();
    }
    const std::vector<const ForeignKey *> found = m_catalog.foreignKeysNamed(name, only);
    if (found.empty())
        return Error::usage(QStringLiteral("no foreign key named '%1'%2").arg(name, table.isEmpty() ? QString() : QStringLiteral(" on ") + table));
    if (found.size() > 1)
        return Error::usage(QStringLiteral("%1 tables have a key named '%2': say which with --table").arg(found.size()).arg(name));
    return fromKey(m_catalog, *found.front());
}

Result<OrphanCheck> OrphanFinder::proposedKey(const QString &child, const QString &parent)
{
    OrphanCheck check;
    QString childTable, parentTable;
    if (!splitTableAndColumns(child, &childTable, &check.childColumns))
        return Error::usage(QStringLiteral("--child takes TABLE(COLUMN, ...), not '%1'").arg(child));
    if (!splitTableAndColumns(parent, &parentTable, &check.parentColumns))
        return Error::usage(QStringLiteral("--parent takes TABLE(COLUMN, ...), not '%1'").arg(parent));
    if (check.childColumns.size() != check.parentColumns.size())
        return Error::usage(QStringLiteral("--child and --parent need as many columns each"));
    auto c = resolveTable(childTable);
    if (!c)
        return c.error();
    auto p = resolveTable(parentTable);
    if (!p)
        return p.error();
    check.child = c.value();
    check.parent = p.value();
    for (const QString &col : check.childColumns) {
        if (!check.child->column(col))
            return Error::usage(QStringLiteral("table %1 has no column '%2'").arg(check.child->qualifiedName, col));
    }
    for (const QString &col : check.parentColumns) {
        if (!check.parent->column(col))
            return Error::usage(QStringLiteral("table %1 has no column '%2'").arg(check.parent->qualifiedName, col));
    }
    // The key compares each child column with its parent column by "=": without such an
    // operator, PostgreSQL would not add the key, and the orphan query would fail obscurely.
    for (int i = 0; i < check.childColumns.size(); ++i) {
        const Column *c = check.child->column(check.childColumns[i]);
        const Column *p = check.parent->column(check.parentColumns[i]);
        auto comparable = runQuery(m_connection.database(),
                                   QStringLiteral("SELECT CAST(NULL AS %1) = CAST(NULL AS %2)").arg(c->type, p->type));
        if (!comparable) {
            return Error::usage(QStringLiteral("the column types differ: %1.%2 is %3 and %4.%5 is %6, which cannot be "
                                               "compared with =, so no foreign key can join them")
                                    .arg(check.child->qualifiedName, quoteIdentifier(c->name), c->type,
                                         check.parent->qualifiedName, quoteIdentifier(p->name), p->type));
        }
    }
    check.name = check.child->name + QLatin1Char('_') + check.childColumns.join(QLatin1Char('_')) + QStringLiteral("_fkey");
    return check;
}

Result<OrphanReport> OrphanFinder::findOne(const OrphanCheck &check, int sampleSize, qint64 offset)
{
    OrphanReport report;
    report.check = check;
    report.sampleOffset = offset;
    const QString child = relationReference(*check.child);
    const QString condition = orphanCondition(check);
    auto counted = runQuery(m_connection.database(),
                            QStringLiteral("SELECT count(*) FROM %1 c WHERE %2").arg(child, condition));
    if (!counted)
        return counted.error();
    report.rows = counted->next() ? counted->value(0).toLongLong() : 0;
    if (report.rows > 0 && sampleSize > 0) {
        QStringList order;
        if (const UniqueKey *primary = check.child->primaryKey()) {
            for (const QString &column : primary->columns)
                order << QStringLiteral("c.%1").arg(quoteIdentifier(column));
        } else {
            order << QStringLiteral("c.tableoid") << QStringLiteral("c.ctid");
        }
        auto sample = runQuery(m_connection.database(),
                               QStringLiteral("SELECT row_to_json(c)::text FROM %1 c WHERE %2 ORDER BY %3 LIMIT %4 OFFSET %5")
                                   .arg(child, condition, order.join(QStringLiteral(", ")))
                                   .arg(sampleSize)
                                   .arg(offset));
        if (!sample)
            return sample.error();
        while (sample->next())
            report.sample.push_back(sample->value(0).toString().toUtf8());
    }

    const QString childName = quoteQualified(check.child->schema, check.child->name);
    const QString parentName = quoteQualified(check.parent->schema, check.parent->name);
    report.deleteScript = QStringLiteral("DELETE FROM %1 c\n WHERE %2;\n").arg(child, condition);
    bool nullable = true;
    QStringList setNull;
    for (const QString &c : check.childColumns) {
        nullable = nullable && check.child->column(c)->nullable;
        setNull << QStringLiteral("%1 = NULL").arg(quoteIdentifier(c));
    }
    if (nullable) {
        report.setNullScript = QStringLiteral("UPDATE %1 c SET %2\n WHERE %3;\n")
                                   .arg(child, setNull.join(QStringLiteral(", ")), condition);
    }
    report.insertParentsScript =
        QStringLiteral("-- The parents may need values for other NOT NULL columns too.\n"
                       "INSERT INTO %1 (%2)\nSELECT DISTINCT %3 FROM %4 c\n WHERE %5 AND %6;\n")
            .arg(parentName, quoteColumnList(check.parentColumns), quoteColumnList(check.childColumns, QStringLiteral("c")), child,
                 condition, [&] {
                     QStringList all;
                     for (const QString &c : check.childColumns)
                         all << QStringLiteral("c.%1 IS NOT NULL").arg(quoteIdentifier(c));
                     return all.join(QStringLiteral(" AND "));
                 }());
    if (check.exists) {
        report.validateScript = QStringLiteral("ALTER TABLE %1 VALIDATE CONSTRAINT %2;\n").arg(childName, quoteIdentifier(check.name));
    } else {
        report.validateScript = QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 FOREIGN KEY (%3) REFERENCES %4 (%5)%6 NOT VALID;\n"
                                               "ALTER TABLE %1 VALIDATE CONSTRAINT %2;\n")
                                    .arg(childName, quoteIdentifier(check.name), quoteColumnList(check.childColumns), parentName,
                                         quoteColumnList(check.parentColumns),
                                         check.match == FkMatch::Full ? QStringLiteral(" MATCH FULL") : QString());
    }
    return report;
}

Result<std::vector<OrphanReport>> OrphanFinder::find(const std::vector<OrphanCheck> &checks, int sampleSize, qint64 offset)
{
    auto found = inReadOnlySnapshot(m_connection.database(), 0, [&]() -> Result<std::vector<OrphanReport>> {
        std::vector<OrphanReport> reports;
        for (const OrphanCheck &check : checks) {
            auto report = findOne(check, sampleSize, offset);
            if (!report)
                return report.error();
            reports.push_back(report.take());
        }
        return reports;
    });
    if (!found)
        return found.error();
    std::vector<OrphanReport> reports = found.take();
    for (OrphanReport &report : reports) {
        if (report.rows > 0)
            addSafeDelete(report);
    }
    return reports;
}

void OrphanFinder::addSafeDelete(OrphanReport &report)
{
    // Other tables may reference the orphan rows (an order with its invoice), and a plain
    // DELETE of them then fails with 23503 too: the delete script takes the orphans as its
    // root and deletes what would block them first. A key covers only its own table's rows,
    // not those of INHERITS children; a partitioned table's rows are all its partitions'.
    const OrphanCheck &check = report.check;
    QString where = orphanCondition(check, QStringLiteral("t"));
    if (check.child->kind != Table::Kind::Partitioned)
        where = QStringLiteral("t.tableoid = %1::regclass AND %2")
                    .arg(m_connection.quoteLiteral(check.child->qualifiedName), where);
    auto script = DeleteScriptWriter(m_connection, m_catalog).write({check.child->qualifiedName, {}, where});
    if (!script) {
        report.deleteScript = QStringLiteral("-- fkscope could not see what references these rows (%1);\n"
                                             "-- this DELETE fails if other rows reference them.\n%2")
                                  .arg(script.error().message.simplified(), report.deleteScript);
        return;
    }
    report.deleteScript = script->text();
    report.safeDelete = script.take();
}

} // namespace fkscope
