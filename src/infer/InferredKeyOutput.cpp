#include "infer/InferredKeyOutput.h"

#include "catalog/Identifier.h"
#include "util/JsonWriter.h"

#include <QTextStream>

namespace fkscope {

namespace {

// NAMEDATALEN - 1: the server cuts longer names itself, which could make two of ours equal.
constexpr int maxIdentifierBytes = 63;

QString cutToBytes(QString name, int bytes)
{
    while (name.toUtf8().size() > bytes)
        name.chop(1);
    return name;
}

QString describe(const InferredKey &k)
{
    return QStringLiteral("%1 (%2) -> %3 (%4)")
        .arg(k.child->qualifiedName, k.childColumns.join(QStringLiteral(", ")), k.parent->qualifiedName,
             k.parentColumns.join(QStringLiteral(", ")));
}

} // namespace

QString proposedConstraintName(const InferredKey &key)
{
    const QString suffix = QStringLiteral("_fkey");
    return cutToBytes(key.child->name + QLatin1Char('_') + key.childColumns.join(QLatin1Char('_')),
                      maxIdentifierBytes - suffix.size())
        + suffix;
}

void writeJson(JsonWriter &json, const std::vector<InferredKey> &keys)
{
    json.beginObject();
    json.key("candidates").beginArray();
    for (const InferredKey &k : keys) {
        json.beginObject();
        json.key("child").value(k.child->qualifiedName);
        json.key("child_columns").value(k.childColumns);
        json.key("parent").value(k.parent->qualifiedName);
        json.key("parent_columns").value(k.parentColumns);
        json.key("confidence").rawJson(QByteArray::number(k.confidence, 'f', 2));
        json.key("orphans").value(k.values.orphanRows);
        json.key("child_rows").value(k.values.childRows);
        json.key("evidence").value(k.evidence);
        json.endObject();
    }
    json.endArray();
    json.endObject();
}

QString proposalScript(const std::vector<InferredKey> &keys, const QString &database)
{
    QString text;
    QTextStream out(&text);
    int proposals = 0;
    for (const InferredKey &k : keys)
        proposals += k.isProposal();
    out << "-- fkscope infer-keys: " << proposals << " key(s) that database " << database
        << " does not declare, proposed from names and data.\n"
        << "-- Each goes in NOT VALID: adding it does not read the table, and rows written from now on are checked.\n"
        << "-- Fix or delete the orphans (fkscope-cli orphans), then VALIDATE CONSTRAINT checks the old rows.\n"
        << "-- An index the key lacks follows it: on a busy table build it with CREATE INDEX CONCURRENTLY, outside a transaction.\n";
    for (const InferredKey &k : keys) {
        if (!k.isProposal())
            continue;
        const QString child = quoteQualified(k.child->schema, k.child->name);
        const QString name = quoteIdentifier(proposedConstraintName(k));
        out << "\n-- " << describe(k) << ": confidence " << QString::number(k.confidence, 'f', 2) << ", "
            << k.values.orphanRows << " orphan row(s) of " << k.values.childRows
            << (k.values.sampled ? QStringLiteral(" (estimated from a sample of %1 rows)").arg(k.values.sampledRows)
                                 : QString())
            << "; evidence: " << k.evidence.join(QStringLiteral(", ")) << "\n";
        const QString add = QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 FOREIGN KEY (%3) REFERENCES %4 (%5)")
                                .arg(child, name, quoteColumnList(k.childColumns),
                                     quoteQualified(k.parent->schema, k.parent->name), quoteColumnList(k.parentColumns));
        if (k.child->kind == Table::Kind::Partitioned) {
            // PostgreSQL 15 refuses NOT VALID on a partitioned table: the key is checked as it
            // is added, and fails while orphans remain.
            if (k.values.orphanRows > 0) {
                out << "-- Not written: a partitioned table cannot take a NOT VALID key, and its orphans would make it fail:\n"
                    << "-- " << add << ";\n";
                continue;
            }
            out << "-- A partitioned table cannot take a NOT VALID key: this one is checked as it is added.\n"
                << add << ";\n";
        } else {
            out << add << " NOT VALID;\n";
        }
        if (!k.childIndexed) {
            out << "-- No index starts with " << k.childColumns.join(QStringLiteral(", "))
                << ": every DELETE of a parent row would scan " << k.child->qualifiedName << ".\n"
                << "CREATE INDEX ON " << child << " (" << quoteColumnList(k.childColumns) << ");\n";
        }
    }
    out.flush();
    return text;
}

} // namespace fkscope
