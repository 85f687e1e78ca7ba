#pragma once

#include "catalog/Catalog.h"

namespace fkscope {

// The SQL that finds, on the server and in one statement, the rows an insert script needs:
// the selected rows and every row they reference, transitively, through every key (their
// ancestors); with dependents, first every row that references them, transitively, and
// then the ancestors of all of those. Rows are named by (tableoid, ctid), which hold still
// inside one REPEATABLE READ snapshot.
//
// It returns two kinds of lines, (kind, key, rel, tid, parent_rel, parent_tid):
//   'r', 0,   rel, tid, 0, ''                     a row of the closure, stored in rel
//   'e', key, rel, tid, parent_rel, parent_tid     that row references the parent row
//   'o', key, rel, tid, 0, ''                     that row references nothing through a NOT VALID key
class RowClosureQuery {
public:
    RowClosureQuery(const Catalog &catalog, const Table &root, QString rootCondition)
        : m_catalog(catalog), m_root(root), m_rootCondition(std::move(rootCondition))
    {
    }

    // withEdges false: only the 'r' and 'o' lines, which is what `copy` needs (it orders
    // tables by their keys, and COPY checks a table's self-references at the statement's end).
    QString sql(bool withDependents, bool withEdges = true) const;

    // The layered plan (LayeredClosureQuery) is taken when the closure's tables allow it;
    // this forces the recursive walk, which tests compare it with.
    void setRecursiveOnly(bool recursiveOnly) { m_recursiveOnly = recursiveOnly; }

private:
    QString upBranch(const ForeignKey &key) const;
    QString downBranch(const ForeignKey &key) const;
    QString edges(const ForeignKey &key) const;
    QString orphans(const ForeignKey &key) const;
    QString joinCondition(const ForeignKey &key) const;

    const Catalog &m_catalog;
    const Table &m_root;
    QString m_rootCondition;
    bool m_recursiveOnly = false;
};

} // namespace fkscope
