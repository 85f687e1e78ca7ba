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
    return foreignKeyClause(key, parent, onDelete, key.onUpdate);
}

QString foreignKeyClause(const ForeignKey &key, const Table &parent, FkAction onDelete, FkAction onUpdate)
{
    QString clause = QStringLiteral("FOREIGN KEY (%1) REFERENCES %2 (%3)")
                         .arg(quotedList(key.childColumns), quoteQualified(parent.schema, parent.name),
                              quotedList(key.parentColumns));
    if (key.match == FkMatch::Full)
        clause += QStringLiteral(" MATCH FULL");
    if (onUpdate != FkAction::NoAction)
        clause += QStringLiteral(" ON UPDATE ") + toString(onUpdate).toUpper();
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
    return changeKeyActionsScript(key, child, parent, newAction, key.onUpdate);
}

QString changeKeyActionsScript(const ForeignKey &key, const Table &child, const Table &parent, FkAction onDelete,
                               FkAction onUpdate, const QString &createIndex)
{
    const QString table = quoteQualified(child.schema, child.name);
    const QString name = quoteIdentifier(key.name);
    const bool partitioned = child.kind == Table::Kind::Partitioned;
    const bool validateLater = key.validated && !partitioned;
    QString script = QStringLiteral("-- Change %1 on %2: ON DELETE %3 -> %4, ON UPDATE %5 -> %6.\n")
                         .arg(key.name, key.child, toString(key.onDelete).toUpper(), toString(onDelete).toUpper(),
                              toString(key.onUpdate).toUpper(), toString(onUpdate).toUpper());
    if (!createIndex.isEmpty()) {
        script += QStringLiteral("-- No index starts with the key's columns: every DELETE of a parent row scans %1.\n")
                      .arg(key.child);
        if (createIndex.contains(QLatin1String("CONCURRENTLY")))
            script += QStringLiteral("-- It is built first, outside the transaction (CONCURRENTLY cannot run in one).\n");
        script += createIndex.endsWith(QLatin1Char(';')) ? createIndex : createIndex + QLatin1Char(';');
        script += QLatin1Char('\n');
    }
    if (validateLater) {
        script += QStringLiteral("-- The new key is added NOT VALID in the same transaction that drops the old one (no\n"
                                 "-- table scan under the lock); VALIDATE then checks the rows while writes go on.\n");
    } else if (partitioned) {
        script += QStringLiteral("-- %1 is partitioned, and PostgreSQL 15 cannot add a NOT VALID key to it: the new key\n"
                                 "-- checks the rows while the ALTER holds its lock.\n")
                      .arg(key.child);
    } else {
        script += QStringLiteral("-- The key was NOT VALID and stays so: rows that break it may exist (fkscope-cli\n"
                                 "-- orphans finds them). VALIDATE CONSTRAINT once they are fixed.\n");
    }
    script += QStringLiteral("BEGIN;\n"
                             "SET LOCAL lock_timeout = '5s';\n"
                             "ALTER TABLE %1\n"
                             "    DROP CONSTRAINT %2,\n"
                             "    ADD CONSTRAINT %2 %3%4;\n"
                             "COMMIT;\n")
                  .arg(table, name, foreignKeyClause(key, parent, onDelete, onUpdate),
                       partitioned ? QString() : QStringLiteral(" NOT VALID"));
    if (validateLater)
        script += QStringLiteral("ALTER TABLE %1 VALIDATE CONSTRAINT %2;\n").arg(table, name);
    return script;
}

} // namespace fkscope
