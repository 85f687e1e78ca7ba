#pragma once

#include "catalog/Catalog.h"

#include <QStringList>

namespace fkscope {

// What the values of a child column set say about one candidate parent.
struct ValueEvidence {
    bool checked = false;
    qint64 childRows = 0;         // rows of the child table (scaled up from the sample when sampled)
    qint64 nonNullRows = 0;       // rows whose key columns are all set: the rows a MATCH SIMPLE key checks
    qint64 distinctValues = 0;    // distinct non-null keys
    qint64 orphanRows = 0;        // rows whose key has no parent row (scaled up when sampled)
    qint64 orphanValues = 0;      // distinct keys with no parent row
    bool sampled = false;         // read from a TABLESAMPLE of the child, not the whole table
    qint64 sampledRows = 0;       // rows the sample held
    double orphanShareBound = 0;  // half-width of the 95% bound on the orphan share, when sampled

    double orphanShare() const { return nonNullRows > 0 ? double(orphanRows) / double(nonNullRows) : 0.0; }
};

// A foreign key the database does not declare but its names and data suggest.
struct InferredKey {
    const Table *child = nullptr;
    QStringList childColumns;
    const Table *parent = nullptr;
    QStringList parentColumns;     // paired with childColumns; a primary or unique key of parent
    bool parentIsPrimary = false;
    double nameScore = 0;          // how strongly the names alone point at this parent, 0..1
    QString nameRule;              // which naming convention matched, for the evidence list
    ValueEvidence values;
    double confidence = 0;         // 0..1; 0.5 and above is a proposal
    QStringList evidence;          // short tags: "name", "type", "values", ...
    bool childIndexed = true;      // an index starts with the child columns

    bool isProposal() const { return confidence >= proposalThreshold; }
    bool isComposite() const { return childColumns.size() > 1; }

    static constexpr double proposalThreshold = 0.5;
};

} // namespace fkscope
