#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace fkscope {

// Rows of fields as text for the clipboard, the way spreadsheets read it: fields separated
// by tabs, rows ended by a newline; a field holding a tab, a newline or a double quote is
// put in double quotes with its double quotes doubled.
QString toTabSeparated(const QList<QStringList> &rows);

} // namespace fkscope
