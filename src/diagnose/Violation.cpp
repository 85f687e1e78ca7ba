#include "diagnose/Violation.h"

#include <QRegularExpression>

#include <functional>

namespace fkscope {

namespace {

// Table and constraint names are printed between double quotes but not escaped, so a name
// may hold quotes and spaces. Each pattern comes twice: first anchored at the end of the line
// (psql, most logs: the name is everything up to the last quote), then for messages run
// together on one line (some log formats), where a name ends at a quote followed by a space,
// punctuation or the end.
struct Pattern {
    QRegularExpression endOfLine;
    QRegularExpression inLine;

    Pattern(const QString &head, const QString &tail = QString())
        : endOfLine(head + QStringLiteral("(.+)\"") + tail + QStringLiteral(R"re(\s*(?:\(SQLSTATE 23503\))?\s*$)re"),
                    QRegularExpression::MultilineOption),
          inLine(head + QStringLiteral(R"re((.+?)")re") + tail + QStringLiteral(R"re((?=\s|$|[.,;:)\]]))re"))
    {
    }

    QRegularExpressionMatch match(const QString &text, qsizetype from = 0) const
    {
        QRegularExpressionMatch m = endOfLine.match(text, from);
        return m.hasMatch() ? m : inLine.match(text, from);
    }
};

const Pattern missingParent(QStringLiteral(R"re(insert or update on table "(.+?)" violates foreign key constraint ")re"));
const Pattern stillReferenced(
    QStringLiteral(R"re(update or delete on table "(.+?)" violates foreign key constraint "(.+?)" on table ")re"));
const Pattern keyNotPresent(QStringLiteral(R"re(Key \((.*?)\)=\((.*)\) is not present in table ")re"),
                            QStringLiteral("\\."));
const Pattern keyStillReferenced(QStringLiteral(R"re(Key \((.*?)\)=\((.*)\) is still referenced from table ")re"),
                                 QStringLiteral("\\."));
const QRegularExpression mixedNulls(QStringLiteral("MATCH FULL does not allow mixing of null and nonnull key values\\."));

} // namespace

std::optional<Violation> parseViolation(const QString &text)
{
    Violation v;
    QRegularExpressionMatch error = stillReferenced.match(text);
    if (error.hasMatch()) {
        v.kind = Violation::Kind::StillReferenced;
        v.table = error.captured(1);
        v.constraint = error.captured(2);
        v.referencedTable = error.captured(3);
        const QRegularExpressionMatch detail = keyStillReferenced.match(text, error.capturedEnd());
        if (detail.hasMatch()) {
            v.keyColumns = detail.captured(1);
            v.keyValues = detail.captured(2);
        }
        return v;
    }
    error = missingParent.match(text);
    if (!error.hasMatch())
        return std::nullopt;
    v.kind = Violation::Kind::MissingParent;
    v.table = error.captured(1);
    v.constraint = error.captured(2);
    const QRegularExpressionMatch detail = keyNotPresent.match(text, error.capturedEnd());
    if (detail.hasMatch()) {
        v.keyColumns = detail.captured(1);
        v.keyValues = detail.captured(2);
        v.referencedTable = detail.captured(3);
    } else {
        v.matchFullMixedNulls = mixedNulls.match(text, error.capturedEnd()).hasMatch();
    }
    return v;
}

QList<QStringList> splitKeyValues(const QString &values, int count)
{
    const QStringList pieces = values.split(QStringLiteral(", "));
    QList<QStringList> splits;
    if (count <= 0 || pieces.size() < count)
        return splits;
    // Choose count-1 of the pieces.size()-1 separators to cut at; few keys have many columns
    // and few values hold ", ", so the number of splits stays small.
    std::function<void(int, QStringList)> cut = [&](int from, QStringList taken) {
        if (taken.size() == count - 1) {
            taken << pieces.mid(from).join(QStringLiteral(", "));
            splits << taken;
            return;
        }
        const int remaining = count - 1 - int(taken.size());
        for (int end = from + 1; end <= pieces.size() - remaining; ++end) {
            QStringList next = taken;
            next << pieces.mid(from, end - from).join(QStringLiteral(", "));
            cut(end, next);
            if (splits.size() > 1000)
                return;
        }
    };
    cut(0, {});
    std::stable_sort(splits.begin(), splits.end(), [](const QStringList &a, const QStringList &b) {
        auto commas = [](const QStringList &s) {
            int n = 0;
            for (const QString &v : s)
                n += v.count(QStringLiteral(", "));
            return n;
        };
        return commas(a) < commas(b);
    });
    return splits;
}

QString violationKindName(Violation::Kind kind)
{
    return kind == Violation::Kind::MissingParent ? QStringLiteral("missing_parent")
                                                   : QStringLiteral("still_referenced");
}

} // namespace fkscope
