#pragma once

#include "catalog/Catalog.h"
#include "db/Connection.h"

#include <QMap>
#include <QString>

namespace fkscope::test {

// What PostgreSQL really does: runs the DELETE in a transaction, forces deferred checks as
// COMMIT would (SET CONSTRAINTS ALL IMMEDIATE), compares every table before and after, and
// rolls back.
struct ActualDelete {
    bool fails = false;
    QString error;
    QMap<QString, qint64> deleted;  // table as quote_ident() prints it -> rows removed
    QMap<QString, qint64> updated;  // rows changed and not removed
};

// Every table of the catalog is compared, row by row: by primary key where it has one (a row
// whose key stays but whose values change is updated), as a multiset of whole rows where it
// has none. A partitioned table counts the rows of its partitions, which are skipped.
// setup runs first inside the same transaction (the ALTERs of a what-if), and is rolled back
// with it; a failing setup statement is reported as the oracle's error, with fails set.
ActualDelete runRealDelete(Connection &connection, const Catalog &catalog, const QString &deleteStatement,
                           const QStringList &setup = {});

// A prediction's per-table counts without the zeros, to compare with an ActualDelete's.
QMap<QString, qint64> nonZeroCounts(const std::vector<QPair<QString, qint64>> &counts);
// "{public.orders=3, public.users=1}", for failure messages.
QString describeCounts(const QMap<QString, qint64> &counts);

} // namespace fkscope::test
