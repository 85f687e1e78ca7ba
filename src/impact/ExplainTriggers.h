#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace fkscope {

// A trigger as EXPLAIN (ANALYZE, FORMAT JSON) reports it: name, the relation it sits on, how
// often it fired and for how long.
struct ExplainedTrigger {
    QString name;
    QString relation;          // unqualified
    qint64 calls = 0;
    double milliseconds = 0;
    // A foreign key's own trigger is named RI_ConstraintTrigger_a_<oid> (on the parent) or
    // RI_ConstraintTrigger_c_<oid> (on the child), after its pg_trigger OID.
    std::optional<qint64> riTriggerOid() const;
};

struct ExplainedStatement {
    double planningMs = 0;
    double executionMs = 0;
    std::vector<ExplainedTrigger> triggers;  // only those that fired: EXPLAIN leaves out 0 calls
};

// Reads the one-row output of EXPLAIN (ANALYZE, FORMAT JSON).
Result<ExplainedStatement> parseExplainJson(const QByteArray &json);

} // namespace fkscope
