#pragma once

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

// tables: qualified names whose rows are compared; every one must have a unique "id" column.
ActualDelete runRealDelete(Connection &connection, const QString &deleteStatement, const QStringList &tables);

} // namespace fkscope::test
