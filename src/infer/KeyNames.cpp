#include "infer/KeyNames.h"

#include <QSet>

namespace fkscope::keynames {

QStringList tokens(const QString &identifier)
{
    // A new token starts at a separator, at a lower-to-upper step ("customerId") and before the
    // last capital of a run followed by a lower-case letter ("XMLFile" -> xml, file).
    QStringList result;
    QString current;
    auto flush = [&] {
        if (!current.isEmpty())
            result << current.toLower();
        current.clear();
    };
    for (qsizetype i = 0; i < identifier.size(); ++i) {
        const QChar c = identifier.at(i);
        if (!c.isLetterOrNumber()) {
            flush();
            continue;
        }
        if (!current.isEmpty() && c.isUpper()) {
            const QChar previous = identifier.at(i - 1);
            const bool nextIsLower = i + 1 < identifier.size() && identifier.at(i + 1).isLower();
            if (previous.isLower() || previous.isDigit() || (previous.isUpper() && nextIsLower))
                flush();
        }
        current += c;
    }
    flush();
    return result;
}

QString normalized(const QString &identifier)
{
    return tokens(identifier).join(QLatin1Char('_'));
}

namespace {

QString singularWord(const QString &w)
{
    static const QHash<QString, QString> irregular{
        {QStringLiteral("people"), QStringLiteral("person")},
        {QStringLiteral("children"), QStringLiteral("child")},
        {QStringLiteral("men"), QStringLiteral("man")},
        {QStringLiteral("women"), QStringLiteral("woman")},
        {QStringLiteral("data"), QStringLiteral("datum")},
    };
    if (auto it = irregular.constFind(w); it != irregular.constEnd())
        return it.value();
    if (w.size() <= 3)
        return w;
    if (w.endsWith(QLatin1String("ies")))
        return w.chopped(3) + QLatin1Char('y');
    for (const char *ending : {"sses", "xes", "ches", "shes", "zes"}) {
        if (w.endsWith(QLatin1String(ending)))
            return w.chopped(2);
    }
    if (w.endsWith(QLatin1String("en")))   // German plurals: größen, adressen
        return w.chopped(1);
    if (w.endsWith(QLatin1Char('s')) && !w.endsWith(QLatin1String("ss")) && !w.endsWith(QLatin1String("us"))
        && !w.endsWith(QLatin1String("is")))
        return w.chopped(1);
    return w;
}

} // namespace

QString singular(const QString &normalizedName)
{
    // Down to a fixed point, so that "gardens" and "garden" meet whatever the rule does to
    // "garden" itself.
    QStringList parts = normalizedName.split(QLatin1Char('_'));
    for (int i = 0; i < 3; ++i) {
        const QString shorter = singularWord(parts.last());
        if (shorter == parts.last())
            break;
        parts.last() = shorter;
    }
    return parts.join(QLatin1Char('_'));
}

QString withoutIdSuffix(const QString &n)
{
    for (const char *suffix : {"_id", "_fk", "_ref"}) {
        if (n.endsWith(QLatin1String(suffix)) && n.size() > int(qstrlen(suffix)))
            return n.chopped(int(qstrlen(suffix)));
    }
    // Glued: "custid", "userid"; "paid" and "void" stay as they are.
    if (n.endsWith(QLatin1String("id")) && n.size() >= 5 && !n.endsWith(QLatin1String("_id"))
        && !n.endsWith(QLatin1String("aid")) && !n.endsWith(QLatin1String("oid")))
        return n.chopped(2);
    return QString();
}

bool isGenericKeyName(const QString &n)
{
    static const QSet<QString> generic{QStringLiteral("id"), QStringLiteral("code"), QStringLiteral("uuid"),
                                       QStringLiteral("key"), QStringLiteral("pk"), QStringLiteral("no"),
                                       QStringLiteral("nr"), QStringLiteral("number"), QStringLiteral("guid"),
                                       QStringLiteral("name"), QStringLiteral("slug")};
    return generic.contains(n);
}

bool isSelfReferenceName(const QString &n)
{
    static const QSet<QString> words{
        QStringLiteral("parent"), QStringLiteral("reports_to"), QStringLiteral("manager"), QStringLiteral("supervisor"),
        QStringLiteral("boss"), QStringLiteral("referred_by"), QStringLiteral("referrer"), QStringLiteral("replaced_by"),
        QStringLiteral("replaces"), QStringLiteral("predecessor"), QStringLiteral("successor"), QStringLiteral("previous"),
        QStringLiteral("prev"), QStringLiteral("next"), QStringLiteral("original"), QStringLiteral("duplicate_of"),
        QStringLiteral("merged_into"), QStringLiteral("ancestor"), QStringLiteral("superior")};
    const QString stem = withoutIdSuffix(n);
    return words.contains(n) || (!stem.isEmpty() && words.contains(stem));
}

bool isPersonRoleName(const QString &n)
{
    static const QSet<QString> names{QStringLiteral("created_by"), QStringLiteral("updated_by"),
                                     QStringLiteral("modified_by"), QStringLiteral("deleted_by"),
                                     QStringLiteral("approved_by"), QStringLiteral("assigned_to"),
                                     QStringLiteral("owned_by"), QStringLiteral("reviewed_by"),
                                     QStringLiteral("requested_by"), QStringLiteral("submitted_by")};
    static const QSet<QString> roles{QStringLiteral("author"), QStringLiteral("creator"), QStringLiteral("owner"),
                                     QStringLiteral("assignee"), QStringLiteral("reporter"), QStringLiteral("approver"),
                                     QStringLiteral("reviewer"), QStringLiteral("editor"), QStringLiteral("requester")};
    const QString stem = withoutIdSuffix(n);
    return names.contains(n) || names.contains(stem) || roles.contains(stem.isEmpty() ? n : stem);
}

bool isPersonTableName(const QString &n)
{
    static const QSet<QString> people{QStringLiteral("user"), QStringLiteral("app_user"), QStringLiteral("account"),
                                      QStringLiteral("person"), QStringLiteral("member"), QStringLiteral("employee"),
                                      QStringLiteral("staff")};
    return people.contains(n);
}

} // namespace fkscope::keynames
