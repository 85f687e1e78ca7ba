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

// The schema statements with every NO ACTION and RESTRICT key made ON DELETE CASCADE: the
// database in which a plain DELETE shows what the delete script must do.
QString everythingCascades(const QString &schemaSql);

// Writes text to a temporary file and runs it with psql -v ON_ERROR_STOP=1 -f.
bool runScript(TestDatabase &db, const QString &text);

} // namespace fkscope::test
