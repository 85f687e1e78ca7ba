#pragma once

#include "catalog/Catalog.h"
#include "impact/RootRows.h"
#include "util/Result.h"

#include <QHash>
#include <QMap>

#include <vector>

namespace fkscope {

class LibpqSession;

// The rows of a closure on SOURCE, named by the relation that stores them and their ctid,
// packed in 8 bytes a row: a million rows take 8 MB, never their values.
struct ClosureRows {
    QMap<qint64, std::vector<quint64>> tidsByStorage;  // storage oid -> (block << 16 | offset)
    QHash<qint64, qint64> orphansByKey;                // NOT VALID keys: rows that reference nothing

    qint64 count() const;
};

// Finds the closure on the server, in the caller's snapshot, and streams its row names back
// with COPY, so even the list of names is never one big result in memory.
Result<ClosureRows> readClosureRows(LibpqSession &source, const Catalog &catalog, const RootRows &root,
                                    bool withDependents);

// '{"(0,1)","(3,7)"}': a tid[] literal for ctid = ANY(…), a TID scan.
QByteArray tidArrayLiteral(const std::vector<quint64> &tids);

} // namespace fkscope
