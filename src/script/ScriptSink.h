#pragma once

#include "script/SqlScript.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>

class QIODevice;

namespace fkscope {

// Where a script goes while it is written, piece by piece, so a script of a million rows
// never has to be one value in memory. The calls come in this order:
//   begin(header), then per statement: statement(comment) and append(sql)…, then end();
// or refuse(header, why) alone, for a script that cannot be written safely.
class ScriptSink {
public:
    virtual ~ScriptSink() = default;

    virtual void begin(const QStringList &header) = 0;
    virtual void refuse(const QStringList &header, const QString &why) = 0;
    virtual void statement(const QString &comment) = 0;  // comment lines without "-- "; may be empty
    virtual void append(QByteArrayView utf8Sql) = 0;     // more of the current statement, without ';'
    void appendText(const QString &sql) { append(QByteArrayView(sql.toUtf8())); }
    virtual void end() = 0;
    // A write failed (a full disk, a closed pipe): the writer stops and says so.
    virtual bool failed() const { return false; }
};

// Collects the script as a SqlScript, for the window and for a dry run.
class SqlScriptSink : public ScriptSink {
public:
    void begin(const QStringList &header) override { m_script.header = header; }
    void refuse(const QStringList &header, const QString &why) override;
    void statement(const QString &comment) override { m_script.statements.push_back({comment, QString()}); }
    void append(QByteArrayView utf8Sql) override;
    void end() override {}

    SqlScript take() { return std::move(m_script); }

private:
    SqlScript m_script;
};

// Writes the text SqlScript::text() would give, straight to a device. A refusal writes
// nothing: the caller reports refusal() (and leaves no half file behind).
class ScriptTextSink : public ScriptSink {
public:
    explicit ScriptTextSink(QIODevice &out) : m_out(out) {}

    void begin(const QStringList &header) override;
    void refuse(const QStringList &header, const QString &why) override;
    void statement(const QString &comment) override;
    void append(QByteArrayView utf8Sql) override;
    void end() override;
    bool failed() const override { return m_failed; }

    const QString &refusal() const { return m_refusal; }

private:
    void write(QByteArrayView bytes);

    QIODevice &m_out;
    bool m_inStatement = false;
    bool m_failed = false;
    QString m_refusal;
};

} // namespace fkscope
