// Insert scripts on generated schemas, judged by PostgreSQL: for every seed and several
// selections, the script loads into an emptied copy of the database (pg_dump --schema-only)
// and the copy then holds exactly the rows an independent fixpoint computes in the source:
// the selection and its ancestors (with --with-dependents: its descendants first). The
// schemas have composite keys, MATCH FULL, self-references, cycles of NOT NULL keys,
// deferrable keys, partitioned tables and odd names.
#include "InsertScriptCheck.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include "catalog/Identifier.h"

#include <QRandomGenerator>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

namespace {

struct InsertTestKey {
    QString child, parent;   // quoted
    QStringList childColumns, parentColumns;
};

struct InsertTestTable {
    QString quoted;
    int rows = 0;
    bool partitioned = false;
};

struct Generated {
    QStringList statements;
    std::vector<InsertTestTable> tables;
    std::vector<InsertTestKey> keys;
};

Generated generate(quint32 seed)
{
    QRandomGenerator random(seed);
    Generated g;
    g.statements << QStringLiteral("SELECT setseed(%1)").arg(double(seed % 1000) / 1000.0);
    const int tableCount = 2 + random.bounded(6);
    for (int i = 0; i < tableCount; ++i) {
        InsertTestTable t;
        const int style = random.bounded(5);
        const QString name = style == 0 ? QStringLiteral("Tab \"%1\"").arg(i)
                           : style == 1 ? QStringLiteral("tä%1").arg(i)
                                        : QStringLiteral("t%1").arg(i);
        t.quoted = quoteIdentifier(name);
        t.rows = 3 + random.bounded(20);
        t.partitioned = random.bounded(5) == 0;
        if (t.partitioned) {
            g.statements << QStringLiteral("CREATE TABLE %1 (id int, u1 int, u2 int, note text, PRIMARY KEY (id), "
                                           "UNIQUE (u1, u2, id)) PARTITION BY RANGE (id)").arg(t.quoted);
            g.statements << QStringLiteral("CREATE TABLE %1 PARTITION OF %2 FOR VALUES FROM (MINVALUE) TO (8)")
                                .arg(quoteIdentifier(name + QStringLiteral(" low")), t.quoted);
            g.statements << QStringLiteral("CREATE TABLE %1 PARTITION OF %2 FOR VALUES FROM (8) TO (MAXVALUE)")
                                .arg(quoteIdentifier(name + QStringLiteral(" high")), t.quoted);
        } else {
            g.statements << QStringLiteral("CREATE TABLE %1 (id int PRIMARY KEY, u1 int, u2 int, note text, UNIQUE (u1, u2))")
                                .arg(t.quoted);
        }
        // Notes: NULL, '', quotes and backslashes, so values matter too.
        g.statements << QStringLiteral("INSERT INTO %1 SELECT g, g, g * 10, (ARRAY[NULL, '', 'it''s', 'a\\b', "
                                       "'x' || g])[1 + (random() * 4)::int] FROM generate_series(1, %2) g")
                            .arg(t.quoted)
                            .arg(t.rows);
        g.tables.push_back(t);
    }

    const int keyCount = 1 + random.bounded(2 * tableCount);
    QStringList constraints, notNull;
    for (int k = 0; k < keyCount; ++k) {
        const InsertTestTable &child = g.tables[random.bounded(int(g.tables.size()))];
        const InsertTestTable &parent = g.tables[random.bounded(int(g.tables.size()))];
        const bool composite = !parent.partitioned && random.bounded(3) == 0;
        const bool full = composite && random.bounded(2);
        const QString a = QStringLiteral("f%1_a").arg(k), b = QStringLiteral("f%1_b").arg(k);
        g.statements << QStringLiteral("ALTER TABLE %1 ADD COLUMN %2 int, ADD COLUMN %3 int").arg(child.quoted, a, b);
        // A third of the keys are NOT NULL, which makes cycles of them need one statement.
        const bool required = random.bounded(3) == 0;
        const int nullChance = required ? 0 : random.bounded(50);
        g.statements << QStringLiteral("UPDATE %1 SET %2 = CASE WHEN random() * 100 < %3 THEN NULL "
                                       "ELSE 1 + (random() * %4)::int % %4 END")
                            .arg(child.quoted, a)
                            .arg(nullChance)
                            .arg(parent.rows);
        InsertTestKey key{child.quoted, parent.quoted, {a}, {QStringLiteral("id")}};
        if (composite) {
            g.statements << QStringLiteral("UPDATE %1 SET %2 = %3 * 10").arg(child.quoted, b, a);
            // MATCH SIMPLE: a half-NULL key references nothing.
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

QString joinOn(const InsertTestKey &key)
{
    QStringList pairs;
    for (int i = 0; i < key.childColumns.size(); ++i)
        pairs << QStringLiteral("c.%1 = p.%2").arg(key.childColumns[i], key.parentColumns[i]);
    return pairs.join(QStringLiteral(" AND "));
}

// The expected rows, found the plain way: add the rows one more step reaches until a step
// adds none. Kept in want(rel, tid) in the source database.
QString expectedRowsSql(const Generated &g, const QString &root, const QString &condition, bool withDependents)
{
    QString down, up;
    for (const InsertTestKey &key : g.keys) {
        const QString step = QStringLiteral(
            "    INSERT INTO want SELECT DISTINCT %1.tableoid, %1.ctid FROM %2 c JOIN %3 p ON %4\n"
            "      JOIN want w ON w.rel = %5.tableoid AND w.tid = %5.ctid ON CONFLICT DO NOTHING;\n"
            "    GET DIAGNOSTICS added = ROW_COUNT; total := total + added;\n");
        down += step.arg(QStringLiteral("c"), key.child, key.parent, joinOn(key), QStringLiteral("p"));
        up += step.arg(QStringLiteral("p"), key.child, key.parent, joinOn(key), QStringLiteral("c"));
    }
    return QStringLiteral("TRUNCATE want;\n"
                          "DO $$ DECLARE added bigint; total bigint; BEGIN\n"
                          "  INSERT INTO want SELECT tableoid, ctid FROM %1 WHERE %2;\n"
                          "  LOOP total := 0;\n%3    EXIT WHEN total = 0; END LOOP;\n"
                          "  LOOP total := 0;\n%4    EXIT WHEN total = 0; END LOOP;\n"
                          "END $$")
        .arg(root, condition, withDependents ? down : QString(), up);
}

} // namespace

class TestInsertScriptRandom : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void scriptLoadsExactlyTheClosure_data()
    {
        QTest::addColumn<quint32>("seed");
        const quint32 first = qEnvironmentVariableIsSet("FKSCOPE_SEED") ? qEnvironmentVariableIntValue("FKSCOPE_SEED") : 1;
        const int rounds = qEnvironmentVariableIsSet("FKSCOPE_ROUNDS") ? qEnvironmentVariableIntValue("FKSCOPE_ROUNDS") : 20;
        for (int i = 0; i < rounds; ++i)
            QTest::addRow("seed %u", first + i) << quint32(first + i);
    }

    void scriptLoadsExactlyTheClosure()
    {
        QFETCH(quint32, seed);
        const Generated g = generate(seed);
        if (qEnvironmentVariableIsSet("FKSCOPE_PRINT_SCHEMA"))
            qInfo().noquote() << g.statements.join(QStringLiteral(";\n"));
        TestDatabase source(QStringLiteral("insrandom"));
        QVERIFY2(source.run(g.statements.join(QStringLiteral(";\n"))), qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(source.error())));
        TestDatabase copy(QStringLiteral("insrandomcopy"));
        QString error;
        QVERIFY2(copySchema(source, copy, &error), qPrintable(error));
        QVERIFY2(source.run(QStringLiteral("CREATE TABLE want (rel oid, tid tid, PRIMARY KEY (rel, tid))")), qPrintable(source.error()));
        QStringList allTables;
        for (const InsertTestTable &t : g.tables)
            allTables << t.quoted;

        QRandomGenerator random(seed * 7919u);
        for (int attempt = 0; attempt < 4; ++attempt) {
            const InsertTestTable &root = g.tables[random.bounded(int(g.tables.size()))];
            const QString condition = random.bounded(4) == 0 ? QStringLiteral("id % 3 = %1").arg(random.bounded(3))
                                                             : QStringLiteral("id = %1").arg(1 + random.bounded(root.rows));
            InsertScriptOptions options;
            options.withDependents = attempt % 2 == 1;
            options.rowPerInsert = random.bounded(3) == 0;
            options.onConflictDoNothing = random.bounded(3) == 0;
            const QString context = QStringLiteral("seed %1, %2 WHERE %3, dependents %4, row per insert %5, on conflict %6 "
                                                   "(rerun: FKSCOPE_SEED=%1 FKSCOPE_ROUNDS=1)")
                                        .arg(seed)
                                        .arg(root.quoted, condition)
                                        .arg(options.withDependents)
                                        .arg(options.rowPerInsert)
                                        .arg(options.onConflictDoNothing);

            QVERIFY2(copy.run(QStringLiteral("TRUNCATE %1").arg(allTables.join(QStringLiteral(", ")))), qPrintable(copy.error()));
            QVERIFY2(source.run(expectedRowsSql(g, root.quoted, condition, options.withDependents)),
                     qPrintable(context + QStringLiteral(": ") + source.error()));
            const QString script = insertScript(source, {root.quoted, {}, condition}, options, &error);
            QVERIFY2(!script.isEmpty(), qPrintable(context + QStringLiteral(": ") + error));
            QVERIFY2(script.contains(QLatin1String("INSERT")), qPrintable(context + QStringLiteral(":\n") + script));
            QVERIFY2(loadScript(copy, script, &error), qPrintable(context + QStringLiteral(": ") + error + QStringLiteral("\n") + script));
            // A second load changes nothing when conflicts are skipped.
            if (options.onConflictDoNothing)
                QVERIFY2(loadScript(copy, script, &error), qPrintable(context + QStringLiteral(", second load: ") + error));

            int rows = 0;
            for (const InsertTestTable &t : g.tables) {
                const QStringList expected = rowsAsText(
                    source, t.quoted,
                    QStringLiteral("EXISTS (SELECT FROM want w WHERE w.rel = whole_row.tableoid AND w.tid = whole_row.ctid)"));
                const QStringList loaded = rowsAsText(copy, t.quoted);
                QVERIFY2(loaded == expected, qPrintable(QStringLiteral("%1: %2 holds\n  %3\nexpected\n  %4\n%5")
                                                            .arg(context, t.quoted, loaded.join(QStringLiteral("\n  ")),
                                                                 expected.join(QStringLiteral("\n  ")), script)));
                rows += int(expected.size());
            }
            QVERIFY2(rows > 0, qPrintable(context));
            QVERIFY2(script.contains(QStringLiteral("%1 rows in").arg(rows)) || script.contains(QStringLiteral("1 row in")),
                     qPrintable(context + QStringLiteral(": header counts differ from %1\n").arg(rows) + script));
        }
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestInsertScriptRandom)
#include "tst_insertscript_random.moc"
