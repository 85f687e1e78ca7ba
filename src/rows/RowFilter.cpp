#include "rows/RowFilter.h"

#include "catalog/Identifier.h"
#include "util/SqlCondition.h"

#include <QRegularExpression>

namespace fkscope {

namespace {

const Column *findColumn(const Table &table, const QString &written)
{
    if (written.size() >= 2 && written.startsWith(QLatin1Char('"')) && written.endsWith(QLatin1Char('"'))) {
        QString name = written.mid(1, written.size() - 2);
        return table.column(name.replace(QLatin1String("\"\""), QLatin1String("\"")));
    }
    if (const Column *column = table.column(written))
        return column;
    return table.column(written.toLower());  // as PostgreSQL folds an unquoted name
}

// A name the filter box can show without double quotes.
bool isPlainName(const QString &name)
{
    static const QRegularExpression plain(QStringLiteral(R"(^[^\s="'<>!]+$)"));
    return plain.match(name).hasMatch();
}

bool needsQuotes(const QString &value)
{
    static const QRegularExpression space(QStringLiteral(R"(\s)"));
    return value.isEmpty() || value.contains(space) || value.startsWith(QLatin1Char('\''))
        || value.compare(QLatin1String("NULL"), Qt::CaseInsensitive) == 0;
}

QString quotedForDisplay(const QString &value)
{
    QString quoted = value;
    quoted.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace

RowFilter RowFilter::where(std::vector<Match> matches)
{
    RowFilter filter;
    filter.matches = std::move(matches);
    return filter;
}

RowFilter RowFilter::parse(const QString &text, const Table &table)
{
    RowFilter filter;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return filter;

    static const QRegularExpression form(QStringLiteral(R"(^("(?:[^"]|"")+"|[^\s="'<>!]+)\s*=\s*(.*)$)"),
                                         QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression quoted(QStringLiteral(R"(^'((?:[^']|'')*)'$)"),
                                           QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression space(QStringLiteral(R"(\s)"));

    const QRegularExpressionMatch match = form.match(trimmed);
    const Column *column = match.hasMatch() ? findColumn(table, match.captured(1)) : nullptr;
    if (column) {
        const QString value = match.captured(2);
        const QRegularExpressionMatch literal = quoted.match(value);
        if (literal.hasMatch()) {
            filter.matches.push_back({column->name, literal.captured(1).replace(QLatin1String("''"), QLatin1String("'"))});
            return filter;
        }
        if (!value.isEmpty() && !value.contains(space) && !value.startsWith(QLatin1Char('='))) {
            if (value.compare(QLatin1String("NULL"), Qt::CaseInsensitive) == 0)
                filter.matches.push_back({column->name, std::nullopt});
            else
                filter.matches.push_back({column->name, value});
            return filter;
        }
    }
    filter.condition = trimmed;
    return filter;
}

QString RowFilter::text() const
{
    if (matches.empty())
        return condition;
    if (matches.size() == 1 && isPlainName(matches.front().column)) {
        const Match &m = matches.front();
        if (!m.value)
            return m.column + QStringLiteral("=NULL");
        return m.column + QLatin1Char('=') + (needsQuotes(*m.value) ? quotedForDisplay(*m.value) : *m.value);
    }
    // Several columns: shown as the SQL condition it means, which the box reads back as SQL.
    // An untyped literal takes the column's type, as the CAST of the column=value form does.
    QStringList parts;
    for (const Match &m : matches) {
        parts << (m.value ? QStringLiteral("%1 = %2").arg(quoteIdentifier(m.column), quotedForDisplay(*m.value))
                          : QStringLiteral("%1 IS NULL").arg(quoteIdentifier(m.column)));
    }
    return parts.join(QStringLiteral(" AND "));
}

Result<QString> RowFilter::sql(const Table &table, const std::function<QString(const QString &)> &quoteLiteral) const
{
    if (matches.empty()) {
        const QString trimmed = condition.trimmed();
        if (trimmed.isEmpty())
            return trimmed;
        if (const auto problem = sqlConditionProblem(trimmed))
            return Error::usage(QStringLiteral("The filter must be one SQL condition: %1").arg(*problem));
        return trimmed;
    }
    QStringList parts;
    for (const Match &m : matches) {
        const Column *column = table.column(m.column);
        if (!column)
            return Error::usage(QStringLiteral("%1 has no column %2").arg(table.qualifiedName, quoteIdentifier(m.column)));
        const QString name = QStringLiteral("t.") + quoteIdentifier(column->name);
        if (m.value)
            parts << QStringLiteral("%1 = CAST(%2 AS %3)").arg(name, quoteLiteral(*m.value), column->type);
        else
            parts << name + QStringLiteral(" IS NULL");
    }
    return parts.join(QStringLiteral(" AND "));
}

} // namespace fkscope
