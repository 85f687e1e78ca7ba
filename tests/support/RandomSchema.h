#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace fkscope::test {

struct GeneratedTable {
    QString name;       // raw
    QString qualified;  // as quote_ident() prints it
    int rows = 0;
    bool partitioned = false;
};

// A random schema with data, replayable from its seed: 2 to 8 tables (some partitioned, some
// with odd names), keys with random ON DELETE actions (column lists for SET NULL/DEFAULT),
// composite keys (some MATCH FULL, some referencing columns in another order), self-references,
// cycles, deferrable keys, defaults that point at a parent row, keys sharing their columns
// with a twin of another action created before or after them (some of them referencing
// another unique key of the parent), and child rows that point at random parent rows or
// nowhere.
struct RandomSchema {
    QStringList statements;  // run in order with psql
    std::vector<GeneratedTable> tables;

    // extras: also a table without any key, and an INHERITS child with a table referencing it.
    // twins: also keys sharing their columns with another key (see above). A test that
    // recreates keys changes their trigger order, and so what twins do: it leaves them out.
    static RandomSchema generate(quint32 seed, bool extras = false, bool twins = false);
    QString sql() const { return statements.join(QStringLiteral(";\n")); }

    struct SingleColumnKey {
        QString child, parent, column;  // raw names
        int parentRows = 0;
    };

private:
    QStringList addOtherKeys(quint32 seed, const std::vector<SingleColumnKey> &keys);
    void addExtras(quint32 seed);
};

} // namespace fkscope::test
