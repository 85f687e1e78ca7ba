#pragma once

#include <QString>
#include <QStringList>

namespace fkscope {

// Quotes an identifier for SQL that fkscope builds: always in double quotes, inner quotes
// doubled. Always quoting is never wrong, whatever the name and whatever the keyword list of
// the server's version. Names that people read use the server's own quote_ident() instead.
QString quoteIdentifier(const QString &name);

// "schema"."table", both parts always quoted.
QString quoteQualified(const QString &schema, const QString &name);

// "a", "b": columns quoted, each after alias and a dot when alias is given (c."a", c."b").
QString quoteColumnList(const QStringList &columns, const QString &alias = QString());

// A string literal for SQL built without a connection at hand. Text with a backslash gets
// the E'' form, which reads the same whatever standard_conforming_strings says.
QString quoteLiteral(const QString &text);

// A name as a user typed it, without its double quotes if it has them: "Order Items" -> Order Items.
QString unquoteIdentifier(const QString &name);

} // namespace fkscope
