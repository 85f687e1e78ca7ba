#pragma once

#include "TestDatabase.h"

#include <QMap>
#include <QString>

namespace fkscope::test {

// Every ordinary table of a database (partitions included, one by one) -> "rows:md5 of its
// rows", to compare two databases' contents.
QMap<QString, QString> tableFingerprints(TestDatabase &db);
// The tables whose fingerprints differ, for failure messages.
QString describeDifference(const QMap<QString, QString> &expected, const QMap<QString, QString> &actual);

// Makes every NO ACTION and RESTRICT key of the database ON DELETE CASCADE (dropped and added
// again with the server's own definition): the database in which a plain DELETE shows what the
// delete script must do.
bool makeEveryBlockingKeyCascade(TestDatabase &db);

// Writes text to a temporary file and runs it with psql -v ON_ERROR_STOP=1 -f.
bool runScript(TestDatabase &db, const QString &text);

} // namespace fkscope::test
