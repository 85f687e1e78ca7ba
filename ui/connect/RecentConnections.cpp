#include "ui/connect/RecentConnections.h"

#include <QSettings>

namespace fkscope {

namespace {

const char *const settingsKey = "connections/recent";

} // namespace

QStringList RecentConnections::load()
{
    return QSettings().value(QLatin1String(settingsKey)).toStringList();
}

void RecentConnections::remember(const ConnInfo &info)
{
    // sslpassword unlocks a client key: as secret as the password itself.
    ConnInfo kept = info;
    kept.remove(QStringLiteral("sslpassword"));
    const QString entry = kept.toStringWithoutPassword();
    if (entry.isEmpty())
        return;
    QStringList recent = load();
    recent.removeAll(entry);
    recent.prepend(entry);
    while (recent.size() > maximumCount)
        recent.removeLast();
    QSettings().setValue(QLatin1String(settingsKey), recent);
}

void RecentConnections::clear()
{
    QSettings().remove(QLatin1String(settingsKey));
}

} // namespace fkscope
