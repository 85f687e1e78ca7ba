#include "db/ConnInfo.h"

#include <libpq-fe.h>

namespace fkscope {

Result<ConnInfo> ConnInfo::parse(const QString &text)
{
    char *errorMessage = nullptr;
    PQconninfoOption *options = PQconninfoParse(text.trimmed().toUtf8().constData(), &errorMessage);
    if (!options) {
        QString message = errorMessage ? QString::fromUtf8(errorMessage).simplified()
                                       : QStringLiteral("out of memory");
        PQfreemem(errorMessage);
        return Error::usage(QStringLiteral("invalid connection string: %1").arg(message));
    }
    ConnInfo info;
    for (const PQconninfoOption *option = options; option->keyword; ++option) {
        if (option->val)
            info.m_parameters.append({QString::fromUtf8(option->keyword), QString::fromUtf8(option->val)});
    }
    PQconninfoFree(options);
    return info;
}

QString ConnInfo::quoteValue(const QString &value)
{
    QString quoted = value;
    quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    quoted.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString ConnInfo::value(const QString &keyword) const
{
    for (const Parameter &p : m_parameters) {
        if (p.first == keyword)
            return p.second;
    }
    return {};
}

bool ConnInfo::has(const QString &keyword) const
{
    for (const Parameter &p : m_parameters) {
        if (p.first == keyword)
            return true;
    }
    return false;
}

void ConnInfo::set(const QString &keyword, const QString &value)
{
    for (Parameter &p : m_parameters) {
        if (p.first == keyword) {
            p.second = value;
            return;
        }
    }
    m_parameters.append({keyword, value});
}

void ConnInfo::remove(const QString &keyword)
{
    m_parameters.removeIf([&](const Parameter &p) { return p.first == keyword; });
}

QString ConnInfo::toString() const
{
    QStringList pairs;
    for (const Parameter &p : m_parameters)
        pairs << p.first + QLatin1Char('=') + quoteValue(p.second);
    return pairs.join(QLatin1Char(' '));
}

QString ConnInfo::toStringWithoutPassword() const
{
    ConnInfo copy = *this;
    copy.remove(QStringLiteral("password"));
    return copy.toString();
}

QString ConnInfo::summary() const
{
    QString text;
    if (has(QStringLiteral("user")))
        text += value(QStringLiteral("user")) + QLatin1Char('@');
    if (has(QStringLiteral("service")))
        text += QStringLiteral("service=") + value(QStringLiteral("service"));
    text += value(QStringLiteral("host"));
    if (has(QStringLiteral("port")))
        text += QLatin1Char(':') + value(QStringLiteral("port"));
    if (has(QStringLiteral("dbname")))
        text += QLatin1Char('/') + value(QStringLiteral("dbname"));
    return text.isEmpty() ? QStringLiteral("(libpq defaults)") : text;
}

} // namespace fkscope
