#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace fkscope {

// One statement of a script, with the comment that says what it does.
struct ScriptStatement {
    QString comment;   // one or more lines, without "-- "; may be empty
    QString sql;       // without the trailing semicolon
};

// A script fkscope writes for people to read, save and run with `psql -v ON_ERROR_STOP=1 -f`.
// The statements run in one transaction; text() adds BEGIN and COMMIT. A script that cannot
// be written safely (say, a key that no order of deletes satisfies) has a refusal instead of
// statements, and text() is then only comments, so running it changes nothing.
struct SqlScript {
    QStringList header;                       // comment lines, without "-- "
    std::vector<ScriptStatement> statements;  // between BEGIN and COMMIT
    QString refusal;                          // why there is no script; empty when there is one

    bool isRunnable() const { return refusal.isEmpty(); }
    QString text() const;
};

} // namespace fkscope
