#include "catalog/Identifier.h"

namespace fkscope {

QString quoteIdentifier(const QString &name)
{
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString quoteQualified(const QString &schema, const QString &name)
{
    return quoteIdentifier(schema) + QLatin1Char('.') + quoteIdentifier(name);
}

QString quoteLiteral(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QLatin1String("''"));
    if (!quoted.contains(QLatin1Char('\\')))
        return QLatin1Char('\'') + quoted + QLatin1Char('\'');
    quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    return QStringLiteral("E'") + quoted + QLatin1Char('\'');
}

} // namespace fkscope
