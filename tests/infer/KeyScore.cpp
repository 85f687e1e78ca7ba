#include "KeyScore.h"

#include <QJsonArray>

#include <algorithm>

namespace fkscope::test {

QString keyText(const QString &child, QStringList childColumns, const QString &parent, QStringList parentColumns)
{
    std::vector<std::pair<QString, QString>> pairs;
    for (int i = 0; i < childColumns.size(); ++i)
        pairs.emplace_back(childColumns[i], parentColumns.value(i));
    std::sort(pairs.begin(), pairs.end());
    childColumns.clear();
    parentColumns.clear();
    for (const auto &[c, p] : pairs) {
        childColumns << c;
        parentColumns << p;
    }
    return QStringLiteral("%1(%2)->%3(%4)")
        .arg(child, childColumns.join(QStringLiteral(", ")), parent, parentColumns.join(QStringLiteral(", ")));
}

KeySet declaredKeys(TestDatabase &db)
{
    // Columns are joined with a character no test name holds, fields with '|' by psql -A.
    const QStringList rows = db.query(QStringLiteral(R"SQL(
        SELECT (SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.oid = coalesce(pg_partition_root(k.conrelid), k.conrelid)),
               (SELECT string_agg(a.attname, chr(31) ORDER BY o.i) FROM unnest(k.conkey) WITH ORDINALITY o(n, i)
                  JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = o.n),
               (SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c
                  JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = k.confrelid),
               (SELECT string_agg(a.attname, chr(31) ORDER BY o.i) FROM unnest(k.confkey) WITH ORDINALITY o(n, i)
                  JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = o.n)
          FROM pg_constraint k WHERE k.contype = 'f' AND k.conparentid = 0)SQL"));
    KeySet keys;
    for (const QString &row : rows) {
        const QStringList f = row.split(QLatin1Char('|'));
        if (f.size() == 4)
            keys.insert(keyText(f[0], f[1].split(QChar(31)), f[2], f[3].split(QChar(31))));
    }
    return keys;
}

bool dropForeignKeys(TestDatabase &db)
{
    return db.run(QStringLiteral(R"SQL(
        DO $$DECLARE r record;
        BEGIN
            FOR r IN SELECT conrelid::regclass AS t, conname FROM pg_constraint WHERE contype = 'f' AND conparentid = 0 LOOP
                EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.t, r.conname);
            END LOOP;
        END$$)SQL"));
}

KeySet proposedKeys(const QJsonObject &json)
{
    KeySet keys;
    for (const QJsonValue &v : json.value(QLatin1String("candidates")).toArray()) {
        const QJsonObject c = v.toObject();
        if (c.value(QLatin1String("confidence")).toDouble() < 0.5)
            continue;
        QStringList childColumns, parentColumns;
        for (const QJsonValue &n : c.value(QLatin1String("child_columns")).toArray())
            childColumns << n.toString();
        for (const QJsonValue &n : c.value(QLatin1String("parent_columns")).toArray())
            parentColumns << n.toString();
        keys.insert(keyText(c.value(QLatin1String("child")).toString(), childColumns,
                            c.value(QLatin1String("parent")).toString(), parentColumns));
    }
    return keys;
}

Figures score(const KeySet &declared, const KeySet &proposed)
{
    Figures f;
    const qsizetype right = KeySet(declared).intersect(proposed).size();
    f.precision = proposed.isEmpty() ? 1.0 : double(right) / double(proposed.size());
    f.recall = declared.isEmpty() ? 1.0 : double(right) / double(declared.size());
    f.missed = KeySet(declared).subtract(proposed).values();
    f.wrong = KeySet(proposed).subtract(declared).values();
    f.missed.sort();
    f.wrong.sort();
    return f;
}

CliRun inferKeys(const TestDatabase &db, const QStringList &extra)
{
    return runCli(QStringList{QStringLiteral("infer-keys"), QStringLiteral("--db"), db.connInfoString()} + extra);
}

QJsonObject candidate(const QJsonObject &json, const QString &child, const QStringList &childColumns)
{
    for (const QJsonValue &v : json.value(QLatin1String("candidates")).toArray()) {
        const QJsonObject c = v.toObject();
        QStringList columns;
        for (const QJsonValue &n : c.value(QLatin1String("child_columns")).toArray())
            columns << n.toString();
        if (c.value(QLatin1String("child")).toString() == child && columns == childColumns)
            return c;
    }
    return {};
}

QStringList strings(const QJsonValue &array)
{
    QStringList out;
    for (const QJsonValue &v : array.toArray())
        out << v.toString();
    return out;
}

} // namespace fkscope::test
