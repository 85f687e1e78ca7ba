#include "cli/CliContext.h"
#include "cli/Commands.h"

#include "diagnose/Lint.h"
#include "impact/RootRows.h"
#include "script/ConstraintScript.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace fkscope {

namespace {

Result<FkAction> actionFromOption(const QString &value)
{
    QString spelled = value.toLower();
    spelled.replace(QLatin1Char('-'), QLatin1Char(' ')).replace(QLatin1Char('_'), QLatin1Char(' '));
    if (const auto action = fkActionNamed(spelled))
        return *action;
    return Error::usage(QStringLiteral("'%1' is not an action: use cascade, restrict, no-action, set-null or set-default")
                            .arg(value));
}

Result<const ForeignKey *> findKey(CliSession &session, const QString &name, const QString &tableName)
{
    const Table *table = nullptr;
    if (!tableName.isEmpty()) {
        auto resolved = resolveTable(*session.connection, session.catalog, tableName);
        if (!resolved)
            return resolved.error();
        table = resolved.value();
    }
    const std::vector<const ForeignKey *> found = session.catalog.foreignKeysNamed(name, table);
    if (found.empty())
        return Error::usage(QStringLiteral("no foreign key named '%1'%2").arg(name, table ? QStringLiteral(" on ") + table->qualifiedName : QString()));
    if (found.size() > 1) {
        QStringList tables;
        for (const ForeignKey *key : found)
            tables << key->child;
        return Error::usage(QStringLiteral("%1 tables have a key named '%2' (%3): say which with --table")
                                .arg(found.size())
                                .arg(name, tables.join(QStringLiteral(", "))));
    }
    if (found.front()->isVirtual)
        return Error::usage(QStringLiteral("'%1' is a virtual key: the database has no such constraint (infer-keys "
                                           "--format sql writes the ALTER that adds it)").arg(name));
    return found.front();
}

} // namespace

int runConstraintScriptCommand(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Writes the ALTER TABLE script that changes a foreign key's ON DELETE and ON UPDATE actions the safe way "
        "for large tables (the new key NOT VALID, then VALIDATE CONSTRAINT), with the index its columns need "
        "when they have none."));
    parser.addOption({QStringLiteral("constraint"), QStringLiteral("The foreign key's name."), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("table"), QStringLiteral("Its table, when several tables have a key of that name."),
                      QStringLiteral("TABLE")});
    parser.addOption({QStringLiteral("on-delete"),
                      QStringLiteral("The new ON DELETE action: cascade, restrict, no-action, set-null, set-default."),
                      QStringLiteral("ACTION")});
    parser.addOption({QStringLiteral("on-update"), QStringLiteral("The new ON UPDATE action (unchanged when not given)."),
                      QStringLiteral("ACTION")});
    parser.addOption({QStringLiteral("output"), QStringLiteral("Write the script to FILE instead of standard output."),
                      QStringLiteral("FILE")});
    int exitCode = Answered;
    if (!context.parse(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.isSet(QStringLiteral("constraint")))
        return context.fail(UsageError, QStringLiteral("--constraint is required"));
    if (!parser.isSet(QStringLiteral("on-delete")) && !parser.isSet(QStringLiteral("on-update")))
        return context.fail(UsageError, QStringLiteral("give the new action with --on-delete and/or --on-update"));
    std::optional<FkAction> onDelete, onUpdate;
    for (const auto &[option, action] : {std::pair{QStringLiteral("on-delete"), &onDelete},
                                         std::pair{QStringLiteral("on-update"), &onUpdate}}) {
        if (!parser.isSet(option))
            continue;
        auto parsed = actionFromOption(parser.value(option));
        if (!parsed)
            return context.fail(parsed.error());
        *action = parsed.value();
    }

    auto session = context.connect(parser, &exitCode);
    if (!session)
        return exitCode;
    auto key = findKey(*session, parser.value(QStringLiteral("constraint")), parser.value(QStringLiteral("table")));
    if (!key)
        return context.fail(key.error());
    const ForeignKey &k = *key.value();
    auto findings = Linter(*session->connection, session->catalog).lint();
    if (!findings)
        return context.fail(findings.error());
    QString createIndex;
    for (const LintFinding &finding : findings.value()) {
        if (finding.kind == QLatin1String("unindexed_key") && finding.constraint == k.name && finding.table == k.child)
            createIndex = finding.index;
    }
    const QString script = changeKeyActionsScript(k, *session->catalog.table(k.childOid), *session->catalog.table(k.parentOid),
                                                  onDelete.value_or(k.onDelete), onUpdate.value_or(k.onUpdate), createIndex);
    return context.writeText(script, parser.value(QStringLiteral("output")));
}

} // namespace fkscope
