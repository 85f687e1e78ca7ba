#include "impact/ExplainTriggers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace fkscope {

std::optional<qint64> ExplainedTrigger::riTriggerOid() const
{
    static const QRegularExpression riName(QStringLiteral("^RI_ConstraintTrigger_[ac]_(\\d+)$"));
    const QRegularExpressionMatch match = riName.match(name);
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1).toLongLong();
}

Result<ExplainedStatement> parseExplainJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isArray() || document.array().isEmpty() || !document.array().first().isObject())
        return Error::query(QStringLiteral("EXPLAIN gave no JSON plan: %1").arg(parseError.errorString()));
    const QJsonObject top = document.array().first().toObject();
    ExplainedStatement statement;
    statement.planningMs = top.value(QLatin1String("Planning Time")).toDouble();
    statement.executionMs = top.value(QLatin1String("Execution Time")).toDouble();
    for (const QJsonValue &value : top.value(QLatin1String("Triggers")).toArray()) {
        const QJsonObject t = value.toObject();
        ExplainedTrigger trigger;
        trigger.name = t.value(QLatin1String("Trigger Name")).toString();
        trigger.relation = t.value(QLatin1String("Relation")).toString();
        trigger.calls = qint64(t.value(QLatin1String("Calls")).toDouble());
        trigger.milliseconds = t.value(QLatin1String("Time")).toDouble();
        statement.triggers.push_back(trigger);
    }
    return statement;
}

} // namespace fkscope
