#include "util/SqlCondition.h"

#include <QList>

namespace fkscope {

namespace {

bool isIdentStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_') || c.unicode() >= 0x80;
}

bool isIdentChar(QChar c)
{
    return isIdentStart(c) || c.isDigit() || c == QLatin1Char('$');
}

QString at(int position)
{
    // 1-based, as PostgreSQL counts positions in its own error messages.
    return QStringLiteral("character %1").arg(position + 1);
}

} // namespace

std::optional<QString> sqlConditionProblem(const QString &text)
{
    const int n = int(text.size());
    QList<QPair<QChar, int>> open;  // "(" or "[" and where
    bool anyToken = false;
    int i = 0;
    auto endOfQuoted = [&](int start, QChar quote, bool backslashEscapes) -> int {
        // The index after the closing quote, or -1 when the text ends first. A doubled quote
        // stands for one quote character.
        for (int j = start + 1; j < n; ++j) {
            if (backslashEscapes && text[j] == QLatin1Char('\\')) {
                ++j;
                continue;
            }
            if (text[j] == quote) {
                if (j + 1 < n && text[j + 1] == quote) {
                    ++j;
                    continue;
                }
                return j + 1;
            }
        }
        return -1;
    };

    while (i < n) {
        const QChar c = text[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == QLatin1Char('-') && i + 1 < n && text[i + 1] == QLatin1Char('-')) {
            while (i < n && text[i] != QLatin1Char('\n') && text[i] != QLatin1Char('\r'))
                ++i;
            continue;
        }
        if (c == QLatin1Char('/') && i + 1 < n && text[i + 1] == QLatin1Char('*')) {
            // PostgreSQL's block comments nest.
            const int start = i;
            int depth = 0;
            while (i < n) {
                if (text[i] == QLatin1Char('/') && i + 1 < n && text[i + 1] == QLatin1Char('*')) {
                    ++depth;
                    i += 2;
                } else if (text[i] == QLatin1Char('*') && i + 1 < n && text[i + 1] == QLatin1Char('/')) {
                    i += 2;
                    if (--depth == 0)
                        break;
                } else {
                    ++i;
                }
            }
            if (depth > 0)
                return QStringLiteral("unclosed comment /* at %1").arg(at(start));
            continue;
        }
        anyToken = true;
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            const int end = endOfQuoted(i, c, false);
            if (end < 0)
                return QStringLiteral("unclosed %1 at %2")
                    .arg(c == QLatin1Char('\'') ? QStringLiteral("string '") : QStringLiteral("quoted name \""), at(i));
            i = end;
            continue;
        }
        if (isIdentStart(c)) {
            const int start = i;
            while (i < n && isIdentChar(text[i]))
                ++i;
            // E'…' takes backslash escapes (\' is a quote inside); B'', X'', N'', U&'' do not.
            if (i - start == 1 && (c == QLatin1Char('e') || c == QLatin1Char('E')) && i < n
                && text[i] == QLatin1Char('\'')) {
                const int end = endOfQuoted(i, QLatin1Char('\''), true);
                if (end < 0)
                    return QStringLiteral("unclosed string E' at %1").arg(at(start));
                i = end;
            }
            continue;
        }
        if (c == QLatin1Char('$')) {
            // $tag$…$tag$ or $$…$$; $1 is a parameter, not a quote.
            int j = i + 1;
            if (j < n && isIdentStart(text[j]) && text[j] != QLatin1Char('$')) {
                while (j < n && isIdentChar(text[j]) && text[j] != QLatin1Char('$'))
                    ++j;
            }
            if (j < n && text[j] == QLatin1Char('$')) {
                const QString tag = text.mid(i, j - i + 1);
                const int close = int(text.indexOf(tag, j + 1));
                if (close < 0)
                    return QStringLiteral("unclosed dollar quote %1 at %2").arg(tag, at(i));
                i = close + int(tag.size());
                continue;
            }
            ++i;
            continue;
        }
        if (c == QLatin1Char('(') || c == QLatin1Char('[')) {
            open.append({c, i});
        } else if (c == QLatin1Char(')') || c == QLatin1Char(']')) {
            const QChar opener = c == QLatin1Char(')') ? QLatin1Char('(') : QLatin1Char('[');
            if (open.isEmpty())
                return QStringLiteral("unbalanced %1 at %2: it closes nothing")
                    .arg(c == QLatin1Char(')') ? QStringLiteral("parenthesis )") : QStringLiteral("bracket ]"), at(i));
            if (open.last().first != opener)
                return QStringLiteral("%1 at %2 closes the %3 at %4").arg(c, at(i), open.last().first, at(open.last().second));
            open.removeLast();
        } else if (c == QLatin1Char(';')) {
            return QStringLiteral("a semicolon at %1 ends the statement").arg(at(i));
        }
        ++i;
    }
    if (!open.isEmpty())
        return QStringLiteral("unbalanced %1 at %2: it is never closed")
            .arg(open.last().first == QLatin1Char('(') ? QStringLiteral("parenthesis (") : QStringLiteral("bracket ["),
                 at(open.last().second));
    if (!anyToken)
        return QStringLiteral("it is empty");
    return std::nullopt;
}

QString wrappedCondition(const QString &condition)
{
    return QStringLiteral("(\n%1\n)").arg(condition);
}

} // namespace fkscope
