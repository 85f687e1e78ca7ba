#pragma once

#include "catalog/Catalog.h"
#include "copy/CopyReport.h"
#include "util/Result.h"

#include <atomic>
#include <functional>
#include <memory>

namespace fkscope {

class Connection;
class LibpqSession;

// A copy stopped at a row TARGET already has: with --on-conflict fail, or in another unique
// key than the one --on-conflict update matches rows by.
bool isRowTargetAlreadyHas(const Error &error);

// Copies rows and every row they need from SOURCE to TARGET (fkscope-cli copy, the window's
// Copy to Database). SOURCE is read in one READ ONLY, REPEATABLE READ transaction: the
// closure is found by the server (RowClosureQuery) and streamed back as row names, then each
// table's rows stream with COPY into ONE transaction on TARGET, parents first, so a failure
// or a cancel leaves TARGET as it was. Both connections must be idle, and only this object
// uses them until run() returns.
class RowCopier {
public:
    RowCopier(Connection &source, const Catalog &catalog, Connection &target);
    ~RowCopier();

    // Called on the running thread, a few times a second at most.
    void setProgressHandler(std::function<void(const CopyProgress &)> handler) { m_progress = std::move(handler); }

    Result<CopyReport> run(const CopyRequest &request);

    // Stops a running copy; TARGET is rolled back. Any thread. Connection::cancel() on the
    // source connection stops it too.
    void cancel();

private:
    bool isCancelled() const;
    Status checkNotSameDatabase();
    Result<CopyReport> runInSnapshot(const CopyRequest &request, CopyReport report);
    Status createSchema();
    Status beginTarget(bool dryRun);
    void rollBackBoth();

    Connection &m_source;
    const Catalog &m_catalog;
    Connection &m_target;
    std::unique_ptr<LibpqSession> m_sourceSession;
    std::unique_ptr<LibpqSession> m_targetSession;
    std::function<void(const CopyProgress &)> m_progress;
    std::atomic<bool> m_cancelled{false};
};

} // namespace fkscope
