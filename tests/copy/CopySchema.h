#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace fkscope::test {

struct CopySchemaKey {
    QString child, parent;   // quoted
    QStringList childColumns, parentColumns;
};

struct CopySchemaTable {
    QString quoted;
    int rows = 0;
    bool partitioned = false;
    QString identity;        // "", "always", "by default" or "serial": id comes from a sequence
    bool generated = false;  // has a STORED generated column
};

// A random schema with data for `copy`, replayable from its seed: 2 to 7 tables with odd
// names, some partitioned, some with an identity or serial id, some with a generated column;
// keys that are composite (some MATCH FULL), self-referencing, in cycles, NOT NULL (cycles
// of those need one statement), deferrable or not, and rows that point at random parents.
struct CopySchema {
    QStringList statements;
    std::vector<CopySchemaTable> tables;
    std::vector<CopySchemaKey> keys;

    static CopySchema generate(quint32 seed);
    QString sql() const { return statements.join(QStringLiteral(";\n")); }
    QStringList tableNames() const;

    // Fills want(rel, tid) in the source with the closure found the plain way: add the rows one
    // more step reaches until a step adds none (down first with dependents, then up).
    QString expectedRowsSql(const QString &root, const QString &condition, bool withDependents) const;
    // Child rows on TARGET whose complete key finds no parent: 0 when every key holds.
    QString danglingKeysSql() const;
};

} // namespace fkscope::test
