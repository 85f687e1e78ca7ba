#include "ui/script/ScriptGenerators.h"

#include "script/InsertScriptWriter.h"

#include "diagnose/Lint.h"
#include "script/ConstraintScript.h"

namespace fkscope {

namespace {

const ForeignKey *keyByOid(const Catalog &catalog, qint64 oid)
{
    for (const ForeignKey &key : catalog.foreignKeys) {
        if (key.oid == oid)
            return &key;
    }
    return nullptr;
}

} // namespace

ScriptGenerator deleteScriptGenerator(const QString &title, const DeleteRoot &root, DeleteScriptMode mode)
{
    return [title, root, mode](Connection &connection, const Catalog &catalog) -> Result<PanelScript> {
        DeleteScriptWriter writer(connection, catalog);
        writer.setMode(mode);
        auto script = writer.write(root);
        if (!script)
            return script.error();
        return PanelScript{title, script.take(), QString()};
    };
}

ScriptGenerator insertScriptGenerator(const QString &title, const DeleteRoot &rows, bool withDependents)
{
    return [title, rows, withDependents](Connection &connection, const Catalog &catalog) -> Result<PanelScript> {
        InsertScriptWriter writer(connection, catalog);
        InsertScriptOptions options;
        options.withDependents = withDependents;
        writer.setOptions(options);
        auto script = writer.write(rows);
        if (!script)
            return script.error();
        return PanelScript{title, script.take(), QString(), true};
    };
}

ScriptGenerator changeOnDeleteGenerator(qint64 keyOid, FkAction action)
{
    return [keyOid, action](Connection &connection, const Catalog &catalog) -> Result<PanelScript> {
        const ForeignKey *key = keyByOid(catalog, keyOid);
        if (!key)
            return Error::usage(QStringLiteral("the key is no longer in the catalog: reload it"));
        auto findings = Linter(connection, catalog).lint();
        if (!findings)
            return findings.error();
        QString createIndex;
        for (const LintFinding &finding : findings.value()) {
            if (finding.kind == QLatin1String("unindexed_key") && finding.constraint == key->name
                && finding.table == key->child)
                createIndex = finding.index;
        }
        const QString text = changeKeyActionsScript(*key, *catalog.table(key->childOid), *catalog.table(key->parentOid),
                                                    action, key->onUpdate, createIndex);
        const QString title = QStringLiteral("Change ON DELETE of %1 to %2").arg(key->name, toString(action).toUpper());
        return textOnlyScript(title, text);
    };
}

PanelScript singleStatementScript(const QString &title, const QString &purpose, const QString &statement)
{
    QString sql = statement.trimmed();
    while (sql.endsWith(QLatin1Char(';')))
        sql = sql.chopped(1).trimmed();
    PanelScript panelScript;
    panelScript.title = title;
    panelScript.script.header << purpose;
    panelScript.script.statements.push_back({QString(), sql});
    return panelScript;
}

PanelScript textOnlyScript(const QString &title, const QString &text)
{
    PanelScript panelScript;
    panelScript.title = title;
    panelScript.text = text;
    return panelScript;
}

} // namespace fkscope
