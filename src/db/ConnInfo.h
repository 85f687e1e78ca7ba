#pragma once

#include "util/Result.h"

#include <QList>
#include <QPair>
#include <QString>

namespace fkscope {

// A libpq connection string, parsed by libpq itself (PQconninfoParse), so everything
// psql accepts works here: postgresql:// URIs, key=value pairs, service=NAME. Whatever is
// left out comes from libpq's usual sources when connecting (PG* variables, service files,
// ~/.pgpass).
class ConnInfo {
public:
    using Parameter = QPair<QString, QString>;

    ConnInfo() = default;
    static Result<ConnInfo> parse(const QString &text);
    static QString quoteValue(const QString &value);

    QList<Parameter> parameters() const { return m_parameters; }
    QString value(const QString &keyword) const;
    bool has(const QString &keyword) const;
    void set(const QString &keyword, const QString &value);
    void remove(const QString &keyword);

    // key='value' pairs, the form libpq and psql accept.
    QString toString() const;
    // The same without the password: safe to show and to remember.
    QString toStringWithoutPassword() const;
    // "user@host:port/dbname" for titles and messages; unset parts are left out.
    QString summary() const;

private:
    QList<Parameter> m_parameters;
};

} // namespace fkscope
