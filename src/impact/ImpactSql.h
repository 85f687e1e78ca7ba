#pragma once

// Small pieces of SQL text shared by the two DELETE-impact plans.

#include "catalog/Catalog.h"
#include "catalog/Identifier.h"

#include <QList>
#include <QStringList>

namespace fkscope {

// A key on a plain table sees only the table's own rows (not those of INHERITS children), and
// PostgreSQL's own RI queries say ONLY; a partitioned table is read whole.
inline QString relationReference(const Table &table)
{
    const QString name = quoteQualified(table.schema, table.name);
    return table.kind == Table::Kind::Partitioned ? name : QStringLiteral("ONLY ") + name;
}

inline QString oidList(const QList<qint64> &oids)
{
    QStringList parts;
    for (qint64 oid : oids)
        parts << QString::number(oid);
    return parts.join(QStringLiteral(", "));
}

} // namespace fkscope
