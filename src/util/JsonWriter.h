#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

class QIODevice;

namespace fkscope {

// Writes indented JSON straight to a device, keys in the order they are written. A catalog of
// thousands of tables goes out as it is walked, with no document tree built in memory first
// (QJsonDocument copies every nested object into its parent).
class JsonWriter {
public:
    explicit JsonWriter(QIODevice &device);
    ~JsonWriter();

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    JsonWriter &key(const char *name);  // an ASCII name; the next call writes its value
    JsonWriter &key(const QString &name);

    void value(const QString &text);
    void value(const char *text) { value(QString::fromUtf8(text)); }
    void value(bool flag);
    void value(qint64 number);
    void value(int number) { value(qint64(number)); }
    void value(const QStringList &strings);
    void value(const std::optional<qint64> &number);
    void null();
    // A value that is JSON already (e.g. from the server's row_to_json), written as it is.
    void rawJson(const QByteArray &json);
    // A string, or null when it is empty.
    void stringOrNull(const QString &text);

    void flush();

private:
    void beforeValue();
    void newline();

    QIODevice &m_device;
    QByteArray m_buffer;
    std::vector<bool> m_firstInScope;  // one entry per open object or array
    bool m_afterKey = false;
};

} // namespace fkscope
