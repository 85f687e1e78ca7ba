#pragma once

#include <QString>

#include <optional>

namespace fkscope {

// A SQL condition typed by a user (--where, the Rows filter) is pasted into fkscope's own
// statements, so it must stay one expression: no ")" that closes fkscope's parenthesis, no
// ";", no quote or comment left open to swallow what follows. This reads the text as
// PostgreSQL's lexer would ('…' with '', E'…' with backslash escapes, "…", $tag$…$tag$,
// -- and nested /* */ comments) and says what is wrong, or nothing when it is one expression.
// Whether the expression itself means anything is for the server to say.
std::optional<QString> sqlConditionProblem(const QString &condition);

// The condition on lines of its own inside parentheses: a trailing "-- comment" ends at its
// newline instead of commenting out the rest of fkscope's statement.
QString wrappedCondition(const QString &condition);

} // namespace fkscope
