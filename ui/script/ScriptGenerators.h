#pragma once

#include "catalog/Catalog.h"
#include "impact/DeleteImpact.h"
#include "script/DeleteScriptWriter.h"
#include "script/SqlScript.h"
#include "util/Result.h"

#include <QMetaType>

#include <functional>

namespace fkscope {

class Connection;

// What the script panel shows: a script fkscope can dry-run and execute, or a ready text that
// runs its own transactions (BEGIN … COMMIT, CREATE INDEX CONCURRENTLY), which fkscope shows
// and saves but never runs: inside a dry run's transaction its COMMIT would keep the changes.
struct PanelScript {
    QString title;
    SqlScript script;
    QString text;  // set: a text-only script
    // Written for another database: an insert script's rows are the ones this database has,
    // so running it here could only fail on their keys.
    bool forAnotherDatabase = false;

    bool isTextOnly() const { return !text.isEmpty(); }
    bool isRunnable() const
    {
        return !isTextOnly() && !forAnotherDatabase && script.isRunnable() && !script.statements.empty();
    }
    QString sql() const { return isTextOnly() ? text : script.text(); }
};

// Writes a script on the script panel's worker thread, with its connection. Adding a kind of
// script is adding one of these.
using ScriptGenerator = std::function<Result<PanelScript>(Connection &, const Catalog &)>;

// The safe delete script of root: the rows, and every row that would block their DELETE,
// children first, in one transaction (DeleteScriptWriter). title names the rows.
ScriptGenerator deleteScriptGenerator(const QString &title, const DeleteRoot &root, DeleteScriptMode mode);

// The insert script of rows: they and every row they reference, parents first (with
// withDependents, also every row that references them, and what those reference).
ScriptGenerator insertScriptGenerator(const QString &title, const DeleteRoot &rows, bool withDependents);

// The ALTER TABLE script that gives key a new ON DELETE action, preceded by the CREATE INDEX
// CONCURRENTLY its child columns need when no index starts with them (Linter decides).
ScriptGenerator changeOnDeleteGenerator(qint64 keyOid, FkAction action);

// A ready statement of the core (an orphan fix, say) as a script fkscope can dry-run.
// statement must be a single statement; a trailing semicolon is dropped.
PanelScript singleStatementScript(const QString &title, const QString &purpose, const QString &statement);

// A ready text that manages its own transactions: shown and saved, never run by fkscope.
PanelScript textOnlyScript(const QString &title, const QString &text);

} // namespace fkscope

Q_DECLARE_METATYPE(fkscope::PanelScript)
