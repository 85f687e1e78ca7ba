#include "diagnose/ViolationExplainer.h"

#include "catalog/Identifier.h"
#include "db/Connection.h"
#include "db/SqlQuery.h"
#include "impact/DeleteImpactAnalyzer.h"
#include "script/DeleteScriptWriter.h"
#include "impact/ImpactSql.h"
#include "script/ConstraintScript.h"

namespace fkscope {

namespace {

const Table &childOf(const Catalog &catalog, const ForeignKey &key)
{
    return *catalog.table(key.childOid);
}

const Table &parentOf(const Catalog &catalog, const ForeignKey &key)
{
    return *catalog.table(key.parentOid);
}

} // namespace

const ForeignKey *ViolationExplainer::findKey(const Violation &v)
{
    // The message names tables without their schema, and several tables may have a key of
    // that name; the table names narrow it down, and the search_path decides what is left.
    const bool missing = v.kind == Violation::Kind::MissingParent;
    std::vector<const ForeignKey *> candidates;
    for (const ForeignKey &k : m_catalog.foreignKeys) {
        const Table &child = childOf(m_catalog, k);
        const Table &parent = parentOf(m_catalog, k);
        const QString &changed = missing ? child.name : parent.name;
        const QString &other = missing ? parent.name : child.name;
        if (k.name == v.constraint && changed == v.table && (v.referencedTable.isEmpty() || other == v.referencedTable))
            candidates.push_back(&k);
    }
    // Only NO ACTION and RESTRICT keys report rows still referenced.
    if (!missing) {
        std::vector<const ForeignKey *> blocking;
        for (const ForeignKey *k : candidates) {
            if (k->onDelete == FkAction::NoAction || k->onDelete == FkAction::Restrict)
                blocking.push_back(k);
        }
        if (!blocking.empty())
            candidates = blocking;
    }
    if (candidates.size() <= 1)
        return candidates.empty() ? nullptr : candidates.front();
    for (const ForeignKey *k : candidates) {
        auto visible = runQuery(m_connection.database(), QStringLiteral("SELECT pg_table_is_visible(%1) AND "
                                                                        "pg_table_is_visible(%2)")
                                                             .arg(k->childOid)
                                                             .arg(k->parentOid));
        if (visible && visible->next() && visible->value(0).toBool())
            return k;
    }
    return candidates.front();
}

Result<QList<QPair<QString, QString>>> ViolationExplainer::keyValues(const Violation &v, const ForeignKey &key,
                                                                     bool *ambiguous)
{
    const bool missing = v.kind == Violation::Kind::MissingParent;
    const QStringList columns = missing ? key.childColumns : key.parentColumns;
    const Table &table = missing ? childOf(m_catalog, key) : parentOf(m_catalog, key);
    // PostgreSQL prints the values unquoted, joined by ", ": try the ways to split them and
    // keep the first whose every value casts to its column's type.
    // A row still referenced exists, so of several readings the one that finds it wins.
    const QList<QStringList> splits = splitKeyValues(v.keyValues, int(columns.size()));
    *ambiguous = splits.size() > 1;
    std::optional<QStringList> chosen;
    for (const QStringList &values : splits) {
        QStringList casts, matches;
        for (int i = 0; i < columns.size(); ++i) {
            casts << QStringLiteral("CAST(%1 AS %2)")
                         .arg(m_connection.quoteLiteral(values[i]), table.column(columns[i])->type);
            matches << QStringLiteral("t.%1 = %2").arg(quoteIdentifier(columns[i]), casts.last());
        }
        if (!runQuery(m_connection.database(), QStringLiteral("SELECT ") + casts.join(QStringLiteral(", "))))
            continue;  // does not cast: not this reading
        if (!chosen)
            chosen = values;
        if (missing || !*ambiguous)
            break;
        auto found = count(QStringLiteral("SELECT count(*) FROM %1 t WHERE %2")
                               .arg(relationReference(table), matches.join(QStringLiteral(" AND "))));
        if (found && found.value() > 0) {
            chosen = values;
            *ambiguous = false;
            break;
        }
    }
    if (chosen) {
        QList<QPair<QString, QString>> pairs;
        for (int i = 0; i < columns.size(); ++i)
            pairs.append({columns[i], chosen->at(i)});
        return pairs;
    }
    return Error::usage(QStringLiteral("cannot read the key values '%1' for the columns of %2")
                            .arg(v.keyValues, key.name));
}

Result<qint64> ViolationExplainer::count(const QString &sql)
{
    auto query = runQuery(m_connection.database(), sql);
    if (!query)
        return query.error();
    return query->next() ? query->value(0).toLongLong() : 0;
}

Result<Explanation> ViolationExplainer::explain(const QString &errorText)
{
    const std::optional<Violation> violation = parseViolation(errorText);
    if (!violation)
        return Error::usage(QStringLiteral("not a foreign-key violation I can read"));
    Explanation e;
    e.violation = *violation;
    e.key = findKey(*violation);
    if (!e.key) {
        return Error::query(QStringLiteral("this database has no foreign key \"%1\" between tables \"%2\" and \"%3\"")
                                .arg(violation->constraint, violation->table, violation->referencedTable));
    }
    const ForeignKey &key = *e.key;
    const Table &child = childOf(m_catalog, key);
    const Table &parent = parentOf(m_catalog, key);
    if (violation->keyValues.isEmpty() && violation->keyColumns.isEmpty()) {
        addFixes(e);
        return e;  // no DETAIL line (MATCH FULL with NULLs, or the user may not see the key)
    }
    auto pairs = keyValues(*violation, key, &e.keyAmbiguous);
    if (!pairs)
        return pairs.error();
    e.keyValues = pairs.value();

    // The same key values, compared on both sides.
    QStringList childSide, parentSide, values;
    for (int i = 0; i < key.childColumns.size(); ++i) {
        childSide << QStringLiteral("c.%1").arg(quoteIdentifier(key.childColumns[i]));
        parentSide << QStringLiteral("p.%1").arg(quoteIdentifier(key.parentColumns[i]));
        const Column *column = (violation->kind == Violation::Kind::MissingParent ? child : parent)
                                   .column(e.keyValues[i].first);
        values << QStringLiteral("CAST(%1 AS %2)").arg(m_connection.quoteLiteral(e.keyValues[i].second), column->type);
    }
    const QString tuple = values.join(QStringLiteral(", "));
    auto referencing = count(QStringLiteral("SELECT count(*) FROM %1 c WHERE (%2) = (%3)")
                                 .arg(relationReference(child), childSide.join(QStringLiteral(", ")), tuple));
    if (!referencing)
        return referencing.error();
    e.rows = referencing.value();

    if (violation->kind == Violation::Kind::MissingParent) {
        auto present = count(QStringLiteral("SELECT count(*) FROM %1 p WHERE (%2) = (%3)")
                                 .arg(relationReference(parent), parentSide.join(QStringLiteral(", ")), tuple));
        if (!present)
            return present.error();
        e.parentExists = present.value() > 0;
    } else {
        DeleteRoot root{parent.qualifiedName, e.keyValues, {}};
        auto impact = DeleteImpactAnalyzer(m_connection, m_catalog).analyze(root);
        if (impact)
            e.dependents = impact.take();
        auto script = DeleteScriptWriter(m_connection, m_catalog).write(root);
        if (script)
            e.safeDelete = script.take();
    }
    addFixes(e);
    return e;
}

void ViolationExplainer::addFixes(Explanation &e)
{
    const ForeignKey &key = *e.key;
    const Table &child = childOf(m_catalog, key);
    const Table &parent = parentOf(m_catalog, key);
    QStringList columns, values;
    for (const auto &[column, value] : e.keyValues) {
        columns << quoteIdentifier(column);
        values << m_connection.quoteLiteral(value);
    }
    if (e.violation.kind == Violation::Kind::MissingParent) {
        if (e.keyValues.isEmpty())
            return;
        // The parent needs its other required columns too: name them, since only the user
        // knows their values.
        QStringList parentColumns, required;
        for (const QString &c : key.parentColumns)
            parentColumns << quoteIdentifier(c);
        for (const Column &c : parent.columns) {
            if (!c.nullable && c.defaultExpression.isEmpty() && c.identity.isEmpty() && c.generated.isEmpty()
                && !key.parentColumns.contains(c.name))
                required << quoteIdentifier(c.name);
        }
        QString sql = QStringLiteral("INSERT INTO %1 (%2)\nVALUES (%3);\n")
                          .arg(quoteQualified(parent.schema, parent.name), parentColumns.join(QStringLiteral(", ")),
                               values.join(QStringLiteral(", ")));
        if (!required.isEmpty())
            sql.prepend(QStringLiteral("-- Also give values for the required columns %1.\n").arg(required.join(QStringLiteral(", "))));
        e.fixes.push_back({QStringLiteral("insert_parent"),
                           e.parentExists.value_or(false)
                               ? QStringLiteral("The parent row exists now: retry the statement.")
                               : QStringLiteral("Insert the missing parent row into %1 first.").arg(key.parent),
                           sql});
    } else if (e.safeDelete && e.safeDelete->isRunnable()) {
        e.fixes.push_back({QStringLiteral("delete_children_first"),
                           QStringLiteral("Delete the row together with every row that blocks it, children first, in "
                                          "one transaction (the delete script)."),
                           e.safeDelete->text()});
    } else if (e.safeDelete) {
        e.fixes.push_back({QStringLiteral("delete_children_first"),
                           QStringLiteral("No delete script can remove this row: %1").arg(e.safeDelete->refusal),
                           e.safeDelete->text()});
    }
    if (e.violation.kind == Violation::Kind::StillReferenced) {
        bool nullable = true;
        for (const QString &c : key.childColumns)
            nullable = nullable && child.column(c)->nullable;
        for (FkAction action : {FkAction::Cascade, FkAction::SetNull}) {
            if (action == FkAction::SetNull && !nullable)
                continue;  // SET NULL on a NOT NULL column fails at the first delete
            e.fixes.push_back({QStringLiteral("change_on_delete"),
                               QStringLiteral("Make %1 %2 on delete, so that deleting a %3 row always succeeds.")
                                   .arg(key.name, toString(action), key.parent),
                               changeOnDeleteScript(key, child, parent, action)});
        }
    }
}

} // namespace fkscope
