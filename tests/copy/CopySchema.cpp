#include "CopySchema.h"

#include "catalog/Identifier.h"

#include <QRandomGenerator>

namespace fkscope::test {

namespace {

QString keyJoin(const CopySchemaKey &key)
{
    QStringList pairs;
    for (int i = 0; i < key.childColumns.size(); ++i)
        pairs << QStringLiteral("c.%1 = p.%2").arg(key.childColumns[i], key.parentColumns[i]);
    return pairs.join(QStringLiteral(" AND "));
}

} // namespace

QStringList CopySchema::tableNames() const
{
    QStringList names;
    for (const CopySchemaTable &t : tables)
        names << t.quoted;
    return names;
}

CopySchema CopySchema::generate(quint32 seed)
{
    QRandomGenerator random(seed);
    CopySchema g;
    g.statements << QStringLiteral("SELECT setseed(%1)").arg(double(seed % 1000) / 1000.0);
    const int tableCount = 2 + random.bounded(6);
    for (int i = 0; i < tableCount; ++i) {
        CopySchemaTable t;
        const int style = random.bounded(4);
        const QString name = style == 0 ? QStringLiteral("Tab \"%1\"").arg(i)
                           : style == 1 ? QStringLiteral("tä%1").arg(i)
                                        : QStringLiteral("t%1").arg(i);
        t.quoted = quoteIdentifier(name);
        t.rows = 3 + random.bounded(30);
        t.partitioned = random.bounded(5) == 0;
        t.generated = random.bounded(3) == 0;
        const QString generatedColumn = t.generated ? QStringLiteral(", gen text GENERATED ALWAYS AS ('g' || id || coalesce(note, '-')) STORED")
                                                    : QString();
        if (t.partitioned) {
            g.statements << QStringLiteral("CREATE TABLE %1 (id int, u1 int, u2 int, note text%2, PRIMARY KEY (id), "
                                           "UNIQUE (u1, u2, id)) PARTITION BY RANGE (id)").arg(t.quoted, generatedColumn);
            g.statements << QStringLiteral("CREATE TABLE %1 PARTITION OF %2 FOR VALUES FROM (MINVALUE) TO (8)")
                                .arg(quoteIdentifier(name + QStringLiteral(" low")), t.quoted);
            g.statements << QStringLiteral("CREATE TABLE %1 PARTITION OF %2 FOR VALUES FROM (8) TO (MAXVALUE)")
                                .arg(quoteIdentifier(name + QStringLiteral(" high")), t.quoted);
        } else {
            const int idStyle = random.bounded(4);
            t.identity = idStyle == 0 ? QStringLiteral("always") : idStyle == 1 ? QStringLiteral("by default")
                       : idStyle == 2 ? QStringLiteral("serial") : QString();
            const QString id = t.identity == QLatin1String("serial") ? QStringLiteral("id serial PRIMARY KEY")
                             : t.identity.isEmpty() ? QStringLiteral("id int PRIMARY KEY")
                                                    : QStringLiteral("id int GENERATED %1 AS IDENTITY PRIMARY KEY").arg(t.identity.toUpper());
            g.statements << QStringLiteral("CREATE TABLE %1 (%2, u1 int, u2 int, note text%3, UNIQUE (u1, u2))")
                                .arg(t.quoted, id, generatedColumn);
        }
        // Notes: NULL, '', quotes, backslashes, tabs and newlines, which COPY's text escapes.
        g.statements << QStringLiteral("INSERT INTO %1 (id, u1, u2, note) OVERRIDING SYSTEM VALUE SELECT g, g, g * 10, "
                                       "(ARRAY[NULL, '', 'it''s', 'a\\b', E'tab\\there', E'two\\nlines', 'x' || g])"
                                       "[1 + (random() * 6)::int] FROM generate_series(1, %2) g")
                            .arg(t.quoted)
                            .arg(t.rows);
        g.tables.push_back(t);
    }

    const int keyCount = 1 + random.bounded(2 * tableCount);
    QStringList constraints, notNull;
    for (int k = 0; k < keyCount; ++k) {
        const CopySchemaTable &child = g.tables[random.bounded(int(g.tables.size()))];
        const CopySchemaTable &parent = g.tables[random.bounded(int(g.tables.size()))];
        const bool composite = !parent.partitioned && random.bounded(3) == 0;
        const bool full = composite && random.bounded(2);
        const QString a = QStringLiteral("f%1_a").arg(k), b = QStringLiteral("f%1_b").arg(k);
        g.statements << QStringLiteral("ALTER TABLE %1 ADD COLUMN %2 int, ADD COLUMN %3 int").arg(child.quoted, a, b);
        const bool required = random.bounded(3) == 0;
        const int nullChance = required ? 0 : random.bounded(50);
        g.statements << QStringLiteral("UPDATE %1 SET %2 = CASE WHEN random() * 100 < %3 THEN NULL "
                                       "ELSE 1 + (random() * %4)::int % %4 END")
                            .arg(child.quoted, a)
                            .arg(nullChance)
                            .arg(parent.rows);
        CopySchemaKey key{child.quoted, parent.quoted, {a}, {QStringLiteral("id")}};
        if (composite) {
            g.statements << QStringLiteral("UPDATE %1 SET %2 = %3 * 10").arg(child.quoted, b, a);
            if (!full && !required)
                g.statements << QStringLiteral("UPDATE %1 SET %2 = NULL WHERE random() < 0.2").arg(child.quoted, b);
            key.childColumns = QStringList{a, b};
            key.parentColumns = QStringList{QStringLiteral("u1"), QStringLiteral("u2")};
        }
        if (required) {
            for (const QString &column : key.childColumns)
                notNull << QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 SET NOT NULL").arg(child.quoted, column);
        }
        QString sql = QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 FOREIGN KEY (%3) REFERENCES %4 (%5)%6")
                          .arg(child.quoted, quoteIdentifier(QStringLiteral("k%1 \"fk\"").arg(k)),
                               key.childColumns.join(QStringLiteral(", ")), parent.quoted,
                               key.parentColumns.join(QStringLiteral(", ")),
                               full ? QStringLiteral(" MATCH FULL") : QString());
        const int deferral = random.bounded(5);
        if (deferral == 0)
            sql += QStringLiteral(" DEFERRABLE INITIALLY DEFERRED");
        else if (deferral == 1)
            sql += QStringLiteral(" DEFERRABLE");
        constraints << sql;
        g.keys.push_back(key);
    }
    g.statements += notNull;
    g.statements += constraints;
    return g;
}

QString CopySchema::expectedRowsSql(const QString &root, const QString &condition, bool withDependents) const
{
    QString down, up;
    for (const CopySchemaKey &key : keys) {
        const QString step = QStringLiteral(
            "    INSERT INTO want SELECT DISTINCT %1.tableoid, %1.ctid FROM %2 c JOIN %3 p ON %4\n"
            "      JOIN want w ON w.rel = %5.tableoid AND w.tid = %5.ctid ON CONFLICT DO NOTHING;\n"
            "    GET DIAGNOSTICS added = ROW_COUNT; total := total + added;\n");
        down += step.arg(QStringLiteral("c"), key.child, key.parent, keyJoin(key), QStringLiteral("p"));
        up += step.arg(QStringLiteral("p"), key.child, key.parent, keyJoin(key), QStringLiteral("c"));
    }
    return QStringLiteral("TRUNCATE want;\n"
                          "DO $$ DECLARE added bigint; total bigint; BEGIN\n"
                          "  INSERT INTO want SELECT tableoid, ctid FROM %1 WHERE %2;\n"
                          "  LOOP total := 0;\n%3    EXIT WHEN total = 0; END LOOP;\n"
                          "  LOOP total := 0;\n%4    EXIT WHEN total = 0; END LOOP;\n"
                          "END $$")
        .arg(root, condition, withDependents ? down : QString(), up);
}

QString CopySchema::danglingKeysSql() const
{
    QStringList counts;
    for (const CopySchemaKey &key : keys) {
        QStringList present;
        for (const QString &column : key.childColumns)
            present << QStringLiteral("c.%1 IS NOT NULL").arg(column);
        counts << QStringLiteral("(SELECT count(*) FROM %1 c WHERE %2 AND NOT EXISTS (SELECT FROM %3 p WHERE %4))")
                      .arg(key.child, present.join(QStringLiteral(" AND ")), key.parent, keyJoin(key));
    }
    return QStringLiteral("SELECT %1").arg(counts.join(QStringLiteral(" + ")));
}

} // namespace fkscope::test
