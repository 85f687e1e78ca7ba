#include "impact/AssumedActions.h"

#include "catalog/Identifier.h"
#include "db/Connection.h"
#include "db/SqlQuery.h"
#include "impact/RootRows.h"

#include <QSet>

namespace fkscope {

namespace {

struct AssumeSpec {
    QString table;       // as written, empty for a bare constraint name
    QString constraint;  // as PostgreSQL reads the identifier: unquoted, or folded to lower case
    FkAction action = FkAction::NoAction;
};

// The first position of ch outside double quotes, from `from`, or -1.
qsizetype indexOutsideQuotes(const QString &text, QChar ch, qsizetype from = 0)
{
    bool quoted = false;
    for (qsizetype i = from; i < text.size(); ++i) {
        if (text[i] == QLatin1Char('"'))
            quoted = !quoted;
        else if (!quoted && text[i] == ch)
            return i;
    }
    return -1;
}

// An identifier as PostgreSQL reads it: "Name" keeps its case, name is folded to lower case.
QString identifierName(const QString &written)
{
    const QString trimmed = written.trimmed();
    if (trimmed.startsWith(QLatin1Char('"')))
        return unquoteIdentifier(trimmed);
    return trimmed.toLower();
}

Result<AssumeSpec> parseSpec(const QString &text)
{
    const QString usage = QStringLiteral("--assume takes TABLE:CONSTRAINT=ACTION or CONSTRAINT=ACTION, not '%1'")
                              .arg(text);
    const qsizetype colon = indexOutsideQuotes(text, QLatin1Char(':'));
    const qsizetype equals = indexOutsideQuotes(text, QLatin1Char('='), colon + 1);
    if (equals < 0)
        return Error::usage(usage);
    AssumeSpec spec;
    if (colon >= 0)
        spec.table = text.left(colon).trimmed();
    spec.constraint = identifierName(text.mid(colon + 1, equals - colon - 1));
    if ((colon >= 0 && spec.table.isEmpty()) || spec.constraint.isEmpty())
        return Error::usage(usage);
    const auto action = fkActionNamed(text.mid(equals + 1).simplified().toLower());
    if (!action)
        return Error::usage(QStringLiteral("--assume '%1': unknown ON DELETE action '%2' (cascade, set null, set "
                                           "default, restrict or no action)")
                                .arg(text, text.mid(equals + 1).trimmed()));
    spec.action = *action;
    return spec;
}

// How PostgreSQL names a constraint kind, for "is a CHECK constraint, not a foreign key".
QString constraintKind(const QString &contype)
{
    if (contype == QLatin1String("p"))
        return QStringLiteral("a primary key");
    if (contype == QLatin1String("u"))
        return QStringLiteral("a unique constraint");
    if (contype == QLatin1String("c"))
        return QStringLiteral("a CHECK constraint");
    if (contype == QLatin1String("x"))
        return QStringLiteral("an exclusion constraint");
    return QStringLiteral("not a foreign key");
}

// Why no key of the catalog has that name (on that table, when one is given): another kind of
// constraint, or a partition's copy of a key declared on its partitioned table.
Error notAForeignKey(Connection &connection, const QString &text, const QString &constraint, const Table *table)
{
    const QString where = table ? QStringLiteral(" AND conrelid = %1").arg(table->oid)
                                : QString();
    auto query = runQuery(connection.database(),
                          QStringLiteral("SELECT conrelid::regclass::text, contype::text, conparentid <> 0 "
                                         "FROM pg_constraint WHERE conname = %1%2 ORDER BY 1 LIMIT 1")
                              .arg(connection.quoteLiteral(constraint), where));
    if (query && query->next()) {
        const QString owner = query->value(0).toString();
        const QString contype = query->value(1).toString();
        if (contype == QLatin1String("f") && query->value(2).toBool())
            return Error::usage(QStringLiteral("--assume '%1': %2 on %3 is a partition's copy of a key; assume it "
                                               "on the table that declares it")
                                    .arg(text, constraint, owner));
        if (contype != QLatin1String("f"))
            return Error::usage(QStringLiteral("--assume '%1': %2 on %3 is %4, not a foreign key")
                                    .arg(text, constraint, owner, constraintKind(contype)));
    }
    if (table)
        return Error::usage(QStringLiteral("--assume '%1': %2 has no foreign key named %3")
                                .arg(text, table->qualifiedName, constraint));
    return Error::usage(QStringLiteral("--assume '%1': no foreign key is named %2").arg(text, constraint));
}

} // namespace

Result<std::vector<AssumedAction>> AssumedActions::resolve(Connection &connection, const Catalog &catalog,
                                                           const QStringList &specs)
{
    std::vector<AssumedAction> assumed;
    QSet<qint64> seen;
    for (const QString &text : specs) {
        auto spec = parseSpec(text);
        if (!spec)
            return spec.error();
        const Table *table = nullptr;
        if (!spec->table.isEmpty()) {
            auto resolved = resolveTable(connection, catalog, spec->table);
            if (!resolved)
                return Error::usage(QStringLiteral("--assume '%1': %2").arg(text, resolved.error().message));
            table = resolved.value();
        }
        const std::vector<const ForeignKey *> matches = catalog.foreignKeysNamed(spec->constraint, table);
        if (matches.empty())
            return notAForeignKey(connection, text, spec->constraint, table);
        if (matches.size() > 1) {
            QStringList tables;
            for (const ForeignKey *k : matches)
                tables << k->child;
            return Error::usage(QStringLiteral("--assume '%1': %2 is a foreign key of several tables (%3): write "
                                               "TABLE:%2")
                                    .arg(text, spec->constraint, tables.join(QStringLiteral(", "))));
        }
        const ForeignKey &key = *matches.front();
        if (key.isVirtual)  // PostgreSQL would take no action through it, whatever one is assumed
            return Error::usage(QStringLiteral("--assume '%1': %2 is a virtual key, which has no ON DELETE action")
                                    .arg(text, key.name));
        if (seen.contains(key.oid))
            return Error::usage(QStringLiteral("--assume '%1': %2 on %3 is assumed twice").arg(text, key.name, key.child));
        seen.insert(key.oid);
        assumed.push_back({key.oid, key.child, key.name, spec->action});
    }
    return assumed;
}

Result<qint64> AssumedActions::newestObjectId(Connection &connection)
{
    auto query = runQuery(connection.database(), QStringLiteral(R"SQL(
SELECT greatest((SELECT max(oid) FROM pg_class), (SELECT max(oid) FROM pg_type),
                (SELECT max(oid) FROM pg_constraint), (SELECT max(oid) FROM pg_trigger),
                (SELECT max(oid) FROM pg_database))::bigint)SQL"));
    if (!query)
        return query.error();
    return query->next() ? query->value(0).toLongLong() : qint64(0);
}

Catalog AssumedActions::apply(const Catalog &catalog, const std::vector<AssumedAction> &assumed,
                              qint64 newestObjectId)
{
    Catalog copy = catalog;
    int recreated = 0;
    for (const AssumedAction &a : assumed) {
        for (ForeignKey &k : copy.foreignKeys) {
            if (k.oid != a.keyOid)
                continue;
            k.onDelete = a.onDelete;
            k.onDeleteSetColumns.clear();
            // Compared as text, as PostgreSQL compares trigger names: a new OID with one digit
            // more than an old trigger's may sort before it.
            k.deleteTrigger = QStringLiteral("RI_ConstraintTrigger_a_%1").arg(newestObjectId + ++recreated);
        }
    }
    copy.rebuildIndex();
    return copy;
}

} // namespace fkscope
