#pragma once

#include "infer/InferredKey.h"
#include "util/Result.h"

#include <QSqlDatabase>

#include <vector>

namespace fkscope {

// Reads the values of one child column set once and finds them in every candidate parent, in
// one statement: the child grouped by its key, LEFT JOINed to each parent's unique key (which
// adds no rows), each parent contributing two counts: orphan rows and orphan values.
//
// A child with more than sampleRows rows (pg_class.reltuples) is read through TABLESAMPLE
// SYSTEM down to about sampleRows rows; the orphan share is then known within a 95% bound of
// sqrt(ln(2/0.05) / (2n)) for n sampled rows (Hoeffding), assuming orphans are not bunched on
// a few pages.
class ValueCheck {
public:
    ValueCheck(const QSqlDatabase &db, qint64 sampleRows) : m_db(db), m_sampleRows(sampleRows) {}

    static constexpr qint64 defaultSampleRows = 1'000'000;

    // keys all share their child and child columns.
    Status check(const std::vector<InferredKey *> &keys);

    // The statement check() runs, for EXPLAIN and tests.
    static QString statement(const std::vector<InferredKey *> &keys, double samplePercent);
    // 100 when the child is read whole.
    static double samplePercent(const Table &child, qint64 sampleRows);

private:
    QSqlDatabase m_db;
    qint64 m_sampleRows;
};

} // namespace fkscope
