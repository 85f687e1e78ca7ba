#pragma once

#include "db/ConnInfo.h"

#include <QStringList>

namespace fkscope {

// The connection strings used lately, newest first, kept in QSettings. Passwords are
// stripped before anything is written: they live in memory only.
class RecentConnections {
public:
    static constexpr int maximumCount = 10;

    static QStringList load();
    static void remember(const ConnInfo &info);
    static void clear();
};

} // namespace fkscope
