#pragma once

#include "db/ConnInfo.h"
#include "util/Result.h"

#include <QString>

#include <memory>

class QTemporaryDir;

namespace fkscope {

// A private PostgreSQL cluster with the demo database, for `fkscope --demo`: started by
// scripts/demo-db.sh, stopped and removed when this object goes. start() blocks for a few
// seconds; call it off the UI thread.
class ThrowawayServer {
public:
    ThrowawayServer();
    ~ThrowawayServer();

    Result<ConnInfo> startDemo();
    void stop();

    // Where demo-db.sh and pg-throwaway.sh are: $FKSCOPE_SCRIPTS_DIR, the installed copy,
    // or the source tree this binary was built from.
    static QString scriptsDirectory();

private:
    std::unique_ptr<QTemporaryDir> m_state;
    bool m_running = false;
};

} // namespace fkscope
