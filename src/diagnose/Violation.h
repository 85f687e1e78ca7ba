#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace fkscope {

// A foreign-key violation (SQLSTATE 23503) as PostgreSQL reports it, read back from the text
// of the error: psql's "ERROR: … DETAIL: …", a server log line, an ORM's exception.
struct Violation {
    enum class Kind { MissingParent, StillReferenced };

    Kind kind = Kind::MissingParent;
    QString constraint;
    QString table;               // the table the statement changed, unqualified as the message has it
    QString referencedTable;     // "is not present in table X" / "on table X" / "referenced from table X"
    QString keyColumns;          // "a, b" exactly as in the DETAIL line, when there is one
    QString keyValues;           // "1, foo"
    bool matchFullMixedNulls = false;  // "MATCH FULL does not allow mixing of null and nonnull key values."
};

// Finds the violation in text. English server messages only: a translated message, another
// error, a truncated one or anything else gives nothing.
std::optional<Violation> parseViolation(const QString &text);

// Splits "1, foo, bar" into count values. PostgreSQL prints key values unquoted and joined
// by ", ", so a value that contains ", " makes the split ambiguous: every split into count
// parts is returned, the plain one (no value with ", ") first.
QList<QStringList> splitKeyValues(const QString &values, int count);

// The name of a table as an error message prints it (unquoted, without schema).
QString violationKindName(Violation::Kind kind);

} // namespace fkscope
