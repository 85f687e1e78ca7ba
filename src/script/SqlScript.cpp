#include "script/SqlScript.h"

namespace fkscope {

namespace {

void appendComment(QString &text, const QString &comment)
{
    if (comment.isEmpty())
        return;
    for (const QString &line : comment.split(QLatin1Char('\n')))
        text += line.isEmpty() ? QStringLiteral("--\n") : QStringLiteral("-- %1\n").arg(line);
}

} // namespace

QString SqlScript::text() const
{
    QString text;
    appendComment(text, header.join(QLatin1Char('\n')));
    if (!isRunnable()) {
        appendComment(text, QStringLiteral("\nNo script: %1").arg(refusal));
        return text;
    }
    text += QStringLiteral("\nBEGIN;\n");
    for (const ScriptStatement &statement : statements) {
        text += QLatin1Char('\n');
        appendComment(text, statement.comment);
        text += statement.sql + QStringLiteral(";\n");
    }
    text += QStringLiteral("\nCOMMIT;\n");
    return text;
}

} // namespace fkscope
