#include "script/ConstraintScript.h"

#include "catalog/Identifier.h"

namespace fkscope {

namespace {

QString quotedList(const QStringList &names)
{
    QStringList quoted;
    for (const QString &n : names)
        quoted << quoteIdentifier(n);
    return quoted.join(QStringLiteral(", "));
}

} // namespace

QString foreignKeyClause(const ForeignKey &key, const Table &parent, FkAction onDelete)
{
    QString clause = QStringLiteral("FOREIGN KEY (%1) REFERENCES %2 (%3)")
                         .arg(quotedList(key.childColumns), quoteQualified(parent.schema, parent.name),
                              quotedList(key.parentColumns));
    if (key.match == FkMatch::Full)
        clause += QStringLiteral(" MATCH FULL");
    if (key.onUpdate != FkAction::NoAction)
        clause += QStringLiteral(" ON UPDATE ") + toString(key.onUpdate).toUpper();
    clause += QStringLiteral(" ON DELETE ") + toString(onDelete).toUpper();
    // SET NULL (columns) keeps its columns only while the action stays the same.
    if (onDelete == key.onDelete && !key.onDeleteSetColumns.isEmpty())
        clause += QStringLiteral(" (%1)").arg(quotedList(key.onDeleteSetColumns));
    if (key.deferrable)
        clause += key.initiallyDeferred ? QStringLiteral(" DEFERRABLE INITIALLY DEFERRED") : QStringLiteral(" DEFERRABLE");
    return clause;
}

QString changeOnDeleteScript(const ForeignKey &key, const Table &child, const Table &parent, FkAction newAction)
{
    const QString table = quoteQualified(child.schema, child.name);
    const QString name = quoteIdentifier(key.name);
    return QStringLiteral(
               "-- Change ON DELETE of %1 on %2 from %3 to %4.\n"
               "-- The new key is added NOT VALID in the same transaction that drops the old one (no\n"
               "-- table scan under the lock); VALIDATE then checks the rows while writes go on.\n"
               "BEGIN;\n"
               "SET LOCAL lock_timeout = '5s';\n"
               "ALTER TABLE %5\n"
               "    DROP CONSTRAINT %6,\n"
               "    ADD CONSTRAINT %6 %7 NOT VALID;\n"
               "COMMIT;\n"
               "ALTER TABLE %5 VALIDATE CONSTRAINT %6;\n")
        .arg(key.name, key.child, toString(key.onDelete).toUpper(), toString(newAction).toUpper(), table, name,
             foreignKeyClause(key, parent, newAction));
}

} // namespace fkscope
