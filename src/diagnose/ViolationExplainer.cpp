#include "diagnose/ViolationExplainer.h"

#include "catalog/Identifier.h"
#include "db/Connection.h"
#include "db/SqlQuery.h"
#include "impact/DeleteImpactAnalyzer.h"
#include "script/DeleteScriptWriter.h"
#include "impact/ImpactSql.h"
#include "script/ConstraintScript.h"

#include <QSet>

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

Result<std::vector<const ForeignKey *>> ViolationExplainer::matchingKeys(const Violation &v)
{
    // The message names the table whose trigger fired and the constraint of that trigger: for
    // a partition, the clone PostgreSQL made of the partitioned table's key ("insert or update
    // on table "page_views_2024_h1""; a key into a partitioned table has one clone per parent
    // partition, named "r_kid_fkey1", on "update or delete on table "k1""). The server finds
    // those constraints and follows conparentid to the key the catalog lists, on the table that
    // declares it. Table names come without their schema, so several keys may match.
    const bool missing = v.kind == Violation::Kind::MissingParent;
    const QString changed = missing ? QStringLiteral("c.conrelid") : QStringLiteral("c.confrelid");
    const QString other = missing ? QStringLiteral("c.confrelid") : QStringLiteral("c.conrelid");
    auto roots = runQuery(m_connection.database(),
                          QStringLiteral(R"SQL(WITH RECURSIVE named AS (
    SELECT c.oid, c.conparentid
      FROM pg_constraint c
      JOIN pg_class changed ON changed.oid = %1
      JOIN pg_class other ON other.oid = %2
     WHERE c.contype = 'f' AND c.conname = %3 AND changed.relname = %4 AND (%5 = '' OR other.relname = %5)
), up AS (
    SELECT oid, conparentid FROM named
    UNION
    SELECT p.oid, p.conparentid FROM up JOIN pg_constraint p ON p.oid = up.conparentid
)
SELECT oid::bigint FROM up WHERE conparentid = 0)SQL")
                              .arg(changed, other, m_connection.quoteLiteral(v.constraint),
                                   m_connection.quoteLiteral(v.table), m_connection.quoteLiteral(v.referencedTable)));
    if (!roots)
        return roots.error();
    QSet<qint64> oids;
    while (roots->next())
        oids.insert(roots->value(0).toLongLong());
    std::vector<const ForeignKey *> candidates;
    for (const ForeignKey &k : m_catalog.foreignKeys) {
        if (oids.contains(k.oid))
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
    return candidates;
}

std::optional<bool> ViolationExplainer::fitsTheData(const Violation &v, const ForeignKey &key)
{
    // A missing parent is missing from that key's parent table; a row still referenced is in
    // the parent table and has children through that key.
    bool ambiguous = false;
    auto pairs = keyValues(v, key, &ambiguous);
    if (!pairs)
        return false;  // the values do not even cast to this key's columns
    const bool missing = v.kind == Violation::Kind::MissingParent;
    const Table &child = childOf(m_catalog, key);
    const Table &parent = parentOf(m_catalog, key);
    QStringList childSide, parentSide, values;
    for (int i = 0; i < key.childColumns.size(); ++i) {
        childSide << QStringLiteral("c.%1").arg(quoteIdentifier(key.childColumns[i]));
        parentSide << QStringLiteral("p.%1").arg(quoteIdentifier(key.parentColumns[i]));
        const Column *column = (missing ? child : parent).column(pairs->at(i).first);
        values << QStringLiteral("CAST(%1 AS %2)").arg(m_connection.quoteLiteral(pairs->at(i).second), column->type);
    }
    const QString tuple = values.join(QStringLiteral(", "));
    auto inParent = count(QStringLiteral("SELECT count(*) FROM %1 p WHERE (%2) = (%3)")
                              .arg(relationReference(parent), parentSide.join(QStringLiteral(", ")), tuple));
    if (!inParent)
        return std::nullopt;
    if (missing)
        return inParent.value() == 0;
    auto inChild = count(QStringLiteral("SELECT count(*) FROM %1 c WHERE (%2) = (%3)")
                             .arg(relationReference(child), childSide.join(QStringLiteral(", ")), tuple));
    if (!inChild)
        return std::nullopt;
    return inParent.value() > 0 && inChild.value() > 0;
}

const ForeignKey *ViolationExplainer::chooseKey(const Violation &v, const std::vector<const ForeignKey *> &candidates,
                                               bool *ambiguous)
{
    *ambiguous = false;
    if (candidates.size() <= 1)
        return candidates.empty() ? nullptr : candidates.front();
    // Same constraint name, same unqualified table names: the key values may still tell them
    // apart, when only one key's tables hold the data the message describes.
    std::vector<const ForeignKey *> fitting;
    if (!v.keyValues.isEmpty() || !v.keyColumns.isEmpty()) {
        for (const ForeignKey *k : candidates) {
            if (fitsTheData(v, *k).value_or(true))
                fitting.push_back(k);
        }
    }
    if (fitting.size() == 1)
        return fitting.front();
    *ambiguous = true;
    const std::vector<const ForeignKey *> &pool = fitting.empty() ? candidates : fitting;
    for (const ForeignKey *k : pool) {
        auto visible = runQuery(m_connection.database(), QStringLiteral("SELECT pg_table_is_visible(%1) AND "
                                                                        "pg_table_is_visible(%2)")
                                                             .arg(k->childOid)
                                                             .arg(k->parentOid));
        if (visible && visible->next() && visible->value(0).toBool())
            return k;
    }
    return pool.front();
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
    auto candidates = matchingKeys(*violation);
    if (!candidates)
        return candidates.error();
    e.candidates = candidates.value();
    bool whichKeyAmbiguous = false;
    e.key = chooseKey(*violation, e.candidates, &whichKeyAmbiguous);
    if (!e.key) {
        return Error::query(QStringLiteral("this database has no foreign key \"%1\" between tables \"%2\" and \"%3\"")
                                .arg(violation->constraint, violation->table, violation->referencedTable));
    }
    const ForeignKey &key = *e.key;
    const Table &child = childOf(m_catalog, key);
    const Table &parent = parentOf(m_catalog, key);
    if (violation->keyValues.isEmpty() && violation->keyColumns.isEmpty()) {
        e.keyAmbiguous = whichKeyAmbiguous;
        addFixes(e);
        return e;  // no DETAIL line (MATCH FULL with NULLs, or the user may not see the key)
    }
    auto pairs = keyValues(*violation, key, &e.keyAmbiguous);
    if (!pairs)
        return pairs.error();
    e.keyValues = pairs.value();
    e.keyAmbiguous = e.keyAmbiguous || whichKeyAmbiguous;

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
