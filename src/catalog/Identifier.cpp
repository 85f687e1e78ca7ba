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

QString quoteColumnList(const QStringList &columns, const QString &alias)
{
    QStringList quoted;
    for (const QString &column : columns)
        quoted << (alias.isEmpty() ? quoteIdentifier(column) : alias + QLatin1Char('.') + quoteIdentifier(column));
    return quoted.join(QStringLiteral(", "));
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

QString unquoteIdentifier(const QString &name)
{
    if (name.size() >= 2 && name.startsWith(QLatin1Char('"')) && name.endsWith(QLatin1Char('"')))
        return name.mid(1, name.size() - 2).replace(QLatin1String("\"\""), QLatin1String("\""));
    return name;
}

} // namespace fkscope
