#include "script/ScriptSink.h"

#include <QIODevice>

namespace fkscope {

namespace {

// As SqlScript::text() writes comments: "-- " before each line, "--" alone for an empty one.
QByteArray commentLines(const QString &comment)
{
    QByteArray text;
    if (comment.isEmpty())
        return text;
    for (const QString &line : comment.split(QLatin1Char('\n')))
        text += line.isEmpty() ? QByteArray("--\n") : "-- " + line.toUtf8() + '\n';
    return text;
}

} // namespace

void SqlScriptSink::refuse(const QStringList &header, const QString &why)
{
    m_script.header = header;
    m_script.refusal = why;
    m_script.statements.clear();
}

void SqlScriptSink::append(QByteArrayView utf8Sql)
{
    m_script.statements.back().sql += QString::fromUtf8(utf8Sql);
}

void ScriptTextSink::begin(const QStringList &header)
{
    write(commentLines(header.join(QLatin1Char('\n'))) + "\nBEGIN;\n");
}

void ScriptTextSink::refuse(const QStringList &, const QString &why)
{
    m_refusal = why;
}

void ScriptTextSink::statement(const QString &comment)
{
    if (m_inStatement)
        write(";\n");
    m_inStatement = true;
    write("\n" + commentLines(comment));
}

void ScriptTextSink::append(QByteArrayView utf8Sql)
{
    write(utf8Sql);
}

void ScriptTextSink::end()
{
    write(m_inStatement ? QByteArrayView(";\n\nCOMMIT;\n") : QByteArrayView("\nCOMMIT;\n"));
    m_inStatement = false;
}

void ScriptTextSink::write(QByteArrayView bytes)
{
    if (!m_failed && m_out.write(bytes.data(), bytes.size()) != bytes.size())
        m_failed = true;
}

} // namespace fkscope
