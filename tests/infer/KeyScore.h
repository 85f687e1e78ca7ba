#pragma once

#include "CliRun.h"
#include "TestDatabase.h"

#include <QJsonObject>
#include <QSet>
#include <QString>

namespace fkscope::test {

// A key as text, "child(a, b)->parent(x, y)", its column pairs sorted by child column, table
// names as quote_ident writes them: the same text from the server's pg_constraint and from
// fkscope's JSON.
using KeySet = QSet<QString>;

QString keyText(const QString &child, QStringList childColumns, const QString &parent, QStringList parentColumns);

// The database's declared keys, read by psql from pg_constraint. A key declared on a partition
// (pagila's ALTER TABLE ONLY payment_p2022_01) counts as the partitioned table's; the copies
// PostgreSQL keeps of a key that references a partitioned table are left out.
KeySet declaredKeys(TestDatabase &db);
// Drops every foreign key, keeping the data.
bool dropForeignKeys(TestDatabase &db);

// The candidates of infer-keys' JSON with confidence at least 0.5.
KeySet proposedKeys(const QJsonObject &inferKeysJson);

struct Figures {
    double precision = 0;
    double recall = 0;
    QStringList missed;   // declared, not proposed
    QStringList wrong;    // proposed, not declared
};
Figures score(const KeySet &declared, const KeySet &proposed);

// fkscope-cli infer-keys --db (the database) and the extra arguments.
CliRun inferKeys(const TestDatabase &db, const QStringList &extra = {});
// The candidate of infer-keys' JSON for this child column set, or an empty object.
QJsonObject candidate(const QJsonObject &json, const QString &child, const QStringList &childColumns);
// A JSON array of strings.
QStringList strings(const QJsonValue &array);

} // namespace fkscope::test
