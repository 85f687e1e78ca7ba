#include "util/JsonWriter.h"

#include <QIODevice>

namespace fkscope {

namespace {

constexpr qsizetype flushThreshold = 1 << 16;

void appendEscaped(QByteArray &out, const QString &text)
{
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (char c : utf8) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char escaped[8];
                qsnprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned char>(c));
                out += escaped;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

} // namespace

JsonWriter::JsonWriter(QIODevice &device) : m_device(device) {}

JsonWriter::~JsonWriter()
{
    flush();
}

void JsonWriter::flush()
{
    if (!m_buffer.isEmpty()) {
        m_device.write(m_buffer);
        m_buffer.clear();
    }
}

void JsonWriter::newline()
{
    m_buffer += '\n';
    m_buffer.append(qsizetype(2 * m_firstInScope.size()), ' ');
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_firstInScope.empty()) {
        if (!m_firstInScope.back())
            m_buffer += ',';
        m_firstInScope.back() = false;
        newline();
    }
    if (m_buffer.size() > flushThreshold)
        flush();
}

JsonWriter &JsonWriter::key(const char *name)
{
    beforeValue();
    m_buffer += '"';
    m_buffer += name;
    m_buffer += "\": ";
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::key(const QString &name)
{
    beforeValue();
    appendEscaped(m_buffer, name);
    m_buffer += ": ";
    m_afterKey = true;
    return *this;
}

void JsonWriter::beginObject()
{
    beforeValue();
    m_buffer += '{';
    m_firstInScope.push_back(true);
}

void JsonWriter::endObject()
{
    const bool empty = m_firstInScope.back();
    m_firstInScope.pop_back();
    if (!empty)
        newline();
    m_buffer += '}';
    if (m_firstInScope.empty())
        m_buffer += '\n';
}

void JsonWriter::beginArray()
{
    beforeValue();
    m_buffer += '[';
    m_firstInScope.push_back(true);
}

void JsonWriter::endArray()
{
    const bool empty = m_firstInScope.back();
    m_firstInScope.pop_back();
    if (!empty)
        newline();
    m_buffer += ']';
}

void JsonWriter::value(const QString &text)
{
    beforeValue();
    appendEscaped(m_buffer, text);
}

void JsonWriter::value(bool flag)
{
    beforeValue();
    m_buffer += flag ? "true" : "false";
}

void JsonWriter::value(qint64 number)
{
    beforeValue();
    m_buffer += QByteArray::number(number);
}

void JsonWriter::value(const std::optional<qint64> &number)
{
    if (number)
        value(*number);
    else
        null();
}

void JsonWriter::value(const QStringList &strings)
{
    // Short lists of names stay on one line: ["order_id", "line_no"].
    beforeValue();
    m_buffer += '[';
    for (qsizetype i = 0; i < strings.size(); ++i) {
        if (i > 0)
            m_buffer += ", ";
        appendEscaped(m_buffer, strings[i]);
    }
    m_buffer += ']';
}

void JsonWriter::rawJson(const QByteArray &json)
{
    beforeValue();
    m_buffer += json;
}

void JsonWriter::null()
{
    beforeValue();
    m_buffer += "null";
}

void JsonWriter::stringOrNull(const QString &text)
{
    if (text.isEmpty())
        null();
    else
        value(text);
}

} // namespace fkscope
