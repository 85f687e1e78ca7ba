#pragma once

#include "catalog/Catalog.h"
#include "util/Result.h"

#include <QString>

#include <optional>
#include <vector>

namespace fkscope {

// What one foreign key's triggers cost in a timed dry run. A key's action trigger on DELETE
// sits on the parent table and fires once per parent row deleted, whether or not a child row
// references it; its other triggers (ON UPDATE of the parent, the check on the child) fire
// only where a row's key columns change.
struct KeyTiming {
    qint64 keyOid = 0;
    QString constraint;
    QString table;                 // the child table, qualified
    QString parent;
    FkAction onDelete = FkAction::NoAction;
    qint64 calls = 0;              // all the key's triggers
    qint64 parentDeleteCalls = 0;  // its trigger on DELETE of the parent: one per parent row deleted
    double milliseconds = 0;       // the triggers' own time, their queries included
    bool indexed = true;           // an index starts with the key's child columns (KeyIndexes)
};

// A trigger that is not a foreign key's (a user's), as EXPLAIN names it.
struct TriggerTiming {
    QString name;
    QString relation;              // unqualified, as EXPLAIN gives it
    qint64 calls = 0;
    double milliseconds = 0;
};

// One row of pg_locks of the dry run's own backend.
struct HeldLock {
    QString lockType;              // relation, transactionid, virtualxid, ...
    QString relation;              // qualified, for relation locks
    QString mode;                  // RowExclusiveLock, ShareLock, ...
    bool granted = false;
};

// One timed pass: the DELETE (or each statement of a script) under EXPLAIN ANALYZE.
struct TimedPass {
    double planningMs = 0;
    double executionMs = 0;        // triggers included
    std::vector<KeyTiming> keys;   // the most costly first
    std::vector<TriggerTiming> otherTriggers;
    std::vector<HeldLock> locks;   // held just before the rollback
    std::optional<Error> error;    // the statement failed (a key blocked it): no figures

    double totalMs() const { return planningMs + executionMs; }
    const KeyTiming *key(qint64 oid) const;
};

// An index a --with-index run built inside the rolled-back transaction.
struct TriedIndex {
    qint64 keyOid = 0;
    QString constraint;
    QString table;                 // the child table: CREATE INDEX holds a SHARE lock on it
    QString sql;
    double buildMs = 0;
};

// A timed dry run: the pass as the database is and, when indexes were tried, the pass after
// building them. Nothing of either is kept: the transaction is rolled back.
struct DryRunTiming {
    TimedPass before;
    std::vector<TriedIndex> indexes;
    std::optional<TimedPass> after;  // with the indexes
};

} // namespace fkscope
