// Insert scripts loaded into an emptied copy of their database, with PostgreSQL as the judge:
// every type round-trips value for value, and the shapes that need care (identity and
// generated columns, partitions, INHERITS, cycles of NOT NULL and of deferrable keys) load.
#include "InsertScriptCheck.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include <QFile>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

namespace {

QString everyTypeSchema()
{
    QFile file(sourceDir() + QStringLiteral("/tests/script/every_type.sql"));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

class TestInsertScriptTypes : public QObject {
    Q_OBJECT

    // Writes the script in source, loads it into an emptied copy and returns the copy.
    std::unique_ptr<TestDatabase> loadedCopy(TestDatabase &source, const DeleteRoot &rows,
                                             const InsertScriptOptions &options = {})
    {
        auto copy = std::make_unique<TestDatabase>(QStringLiteral("inscopy"));
        QString error;
        if (!copySchema(source, *copy, &error)) {
            qWarning().noquote() << error;
            return nullptr;
        }
        const QString script = insertScript(source, rows, options, &error);
        if (script.isEmpty()) {
            qWarning().noquote() << error;
            return nullptr;
        }
        if (!loadScript(*copy, script, &error)) {
            qWarning().noquote() << error << "\n" << script;
            return nullptr;
        }
        return copy;
    }

private Q_SLOTS:
    void everyTypeRoundTrips()
    {
        TestDatabase source(QStringLiteral("instypes"));
        QVERIFY2(source.run(everyTypeSchema()), qPrintable(source.error()));
        const QString table = QStringLiteral("\"Odd \"\"Schema\"\"\".everything");
        auto copy = loadedCopy(source, {table, {}, QStringLiteral("true")});
        QVERIFY(copy);
        const QStringList expected = rowsAsText(source, table);
        QCOMPARE(expected.size(), 4);
        QCOMPARE(rowsAsText(*copy, table), expected);
        // Column by column, as PostgreSQL compares: no value differs, NULL and '' included.
        const QStringList columns = source.query(QStringLiteral(
            "SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = '%1'::regclass AND attnum > 0 "
            "AND NOT attisdropped AND atttypid NOT IN ('json'::regtype, 'point'::regtype) ORDER BY attnum").arg(table));
        QVERIFY(columns.size() > 30);
        for (const QString &column : columns) {
            const QString values = QStringLiteral("SELECT string_agg(coalesce(quote_literal(%1::text), 'NULL'), ' | ' ORDER BY id) "
                                                  "FROM %2").arg(column, table);
            QCOMPARE(copy->queryValue(values), source.queryValue(values));
        }
        QCOMPARE(copy->queryValue(QStringLiteral("SELECT count(*) FROM %1 WHERE t = '' AND vc = ''").arg(table)),
                 QStringLiteral("1"));
        // The identity sequence moved past the ids that came in.
        QVERIFY2(copy->run(QStringLiteral("INSERT INTO %1 (t) VALUES ('after')").arg(table)), qPrintable(copy->error()));
        QCOMPARE(copy->queryValue(QStringLiteral("SELECT max(id) FROM %1").arg(table)), QStringLiteral("5"));
    }

    void oddCatalogAndNetworkTypesRoundTrip()
    {
        // Types that casts, quoting or text forms trip over: "char" and name cast to text
        // implicitly (so quote_nullable(anyelement) is ambiguous for them), vectors print
        // space-separated, money follows lc_monetary, multiranges nest ranges.
        TestDatabase source(QStringLiteral("insodd"));
        QVERIFY2(source.run(QStringLiteral(R"SQL(
            CREATE TABLE odd (
                id int PRIMARY KEY, ch "char", nm name, ov oidvector, i2v int2vector, b4 bit(4), vb varbit,
                mo money, lsn pg_lsn, mac8 macaddr8, mac macaddr, net cidr, tq tsquery, tv tsvector,
                dr daterange, i8r int8range, nr numrange, dmr datemultirange, i4mr int4multirange, ch_arr "char"[]);
            INSERT INTO odd VALUES
                (1, 'x', 'a name', '1 2 3', '1 -2 3', B'1010', B'', '12.34', '16/B374D848', '08:00:2b:01:02:03:04:05',
                 '08:00:2b:01:02:03', '10.1.0.0/16', 'fat & (rat | !cat) <-> ''it''''s''', 'a fat:1A cat''s:2',
                 '[2024-01-01,2024-02-01)', '(,5]', '[1.5,2.5]', '{[2024-01-01,2024-01-05), [2024-02-01,)}', '{}',
                 '{a,"\\",b}'),
                (2, '\', '"quoted" name', '', '', B'0000', B'1', '-0.01', '0/0', '00:00:00:00:00:00:00:00',
                 'ff:ff:ff:ff:ff:ff', '2001:db8::/32', '''x''', '', 'empty', 'empty', '(,)', '{}', '{[1,3), [5,7)}', '{}'),
                (3, '''', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                 NULL, NULL),
                (4, '', '', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                 NULL);
        )SQL")), qPrintable(source.error()));
        auto copy = loadedCopy(source, {QStringLiteral("odd"), {}, QStringLiteral("true")});
        QVERIFY(copy);
        const QStringList columns = source.query(QStringLiteral(
            "SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = 'odd'::regclass AND attnum > 0 "
            "AND NOT attisdropped ORDER BY attnum"));
        QCOMPARE(columns.size(), 20);
        for (const QString &column : columns) {
            const QString values = QStringLiteral("SELECT string_agg(coalesce(quote_literal(%1::text), 'NULL'), ' | ' "
                                                  "ORDER BY id) FROM odd").arg(column);
            QCOMPARE(copy->queryValue(values), source.queryValue(values));
        }
    }

    void partitionsAndInheritedRowsGoWhereTheyAreStored()
    {
        TestDatabase source(QStringLiteral("insparts"));
        QVERIFY2(source.run(QStringLiteral(R"SQL(
            CREATE TABLE regions (id int PRIMARY KEY, name text) PARTITION BY LIST (id);
            CREATE TABLE regions_a PARTITION OF regions FOR VALUES IN (1, 2);
            CREATE TABLE regions_b PARTITION OF regions FOR VALUES IN (3, 4);
            CREATE TABLE shops (id int PRIMARY KEY, region_id int NOT NULL REFERENCES regions);
            CREATE TABLE flagship (motto text) INHERITS (shops);
            CREATE TABLE sales (id int, shop_id int REFERENCES shops, day date, PRIMARY KEY (id, day))
                PARTITION BY RANGE (day);
            CREATE TABLE sales_2024 PARTITION OF sales FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            INSERT INTO regions VALUES (1, 'one'), (2, 'two'), (3, 'three'), (4, 'four');
            INSERT INTO shops VALUES (10, 1), (11, 3);
            INSERT INTO flagship VALUES (20, 4, 'big');
            INSERT INTO sales VALUES (100, 10, '2024-05-01'), (101, 11, '2024-06-01');
        )SQL")), qPrintable(source.error()));
        // shops WHERE true takes the flagship row too, as a SELECT does; it goes back into flagship.
        auto copy = loadedCopy(source, {QStringLiteral("shops"), {}, QStringLiteral("id IN (11, 20)")});
        QVERIFY(copy);
        QCOMPARE(copy->query(QStringLiteral("SELECT id FROM ONLY shops ORDER BY id")), QStringList{QStringLiteral("11")});
        QCOMPARE(copy->query(QStringLiteral("SELECT id, motto FROM flagship")), QStringList{QStringLiteral("20|big")});
        // Keys are not inherited: flagship's row references nothing, so region 4 stays out.
        QCOMPARE(copy->query(QStringLiteral("SELECT tableoid::regclass, id FROM regions ORDER BY id")),
                 QStringList{QStringLiteral("regions_b|3")});
        QCOMPARE(copy->queryValue(QStringLiteral("SELECT count(*) FROM sales")), QStringLiteral("0"));

        auto down = loadedCopy(source, {QStringLiteral("regions"), {{QStringLiteral("id"), QStringLiteral("3")}}, {}},
                               {true, false, false});
        QVERIFY(down);
        QCOMPARE(down->query(QStringLiteral("SELECT id FROM sales")), QStringList{QStringLiteral("101")});
        QCOMPARE(down->query(QStringLiteral("SELECT id FROM shops")), QStringList{QStringLiteral("11")});
    }

    void cyclesLoad_data()
    {
        QTest::addColumn<bool>("rowPerInsert");
        QTest::addColumn<bool>("sharedName");
        QTest::newRow("one INSERT per table") << false << false;
        QTest::newRow("one INSERT per row") << true << false;
        // SET CONSTRAINTS c_d_id_fkey would fail on the CHECK of the same name.
        QTest::newRow("deferrable key named like a CHECK") << false << true;
    }

    void cyclesLoad()
    {
        QFETCH(bool, rowPerInsert);
        QFETCH(bool, sharedName);
        TestDatabase source(QStringLiteral("inscycles"));
        QVERIFY2(source.run(QStringLiteral(R"SQL(
            -- a self-reference whose rows also form a cycle (1 -> 2 -> 1)
            CREATE TABLE employees (id int PRIMARY KEY, manager_id int NOT NULL REFERENCES employees);
            INSERT INTO employees VALUES (1, 1), (2, 1), (3, 2), (4, 5), (5, 4);
            -- two tables that reference each other through NOT NULL, non-deferrable keys
            CREATE TABLE a (id int PRIMARY KEY, b_id int NOT NULL);
            CREATE TABLE b (id int PRIMARY KEY, a_id int NOT NULL REFERENCES a, boss int REFERENCES employees);
            ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b;
            -- and two through a deferrable key
            CREATE TABLE c (id int PRIMARY KEY, d_id int NOT NULL);
            CREATE TABLE d (id int PRIMARY KEY, c_id int NOT NULL REFERENCES c, a_id int REFERENCES a);
            ALTER TABLE c ADD FOREIGN KEY (d_id) REFERENCES d DEFERRABLE;
            BEGIN;
            SET CONSTRAINTS ALL DEFERRED;
            ALTER TABLE a ALTER CONSTRAINT a_b_id_fkey DEFERRABLE;
            INSERT INTO a VALUES (1, 10), (2, 20);
            INSERT INTO b VALUES (10, 1, 3), (20, 2, 5);
            INSERT INTO c VALUES (7, 70);
            INSERT INTO d VALUES (70, 7, 2);
            COMMIT;
            ALTER TABLE a ALTER CONSTRAINT a_b_id_fkey NOT DEFERRABLE;
        )SQL")), qPrintable(source.error()));
        if (sharedName)
            QVERIFY2(source.run(QStringLiteral("ALTER TABLE employees ADD CONSTRAINT c_d_id_fkey CHECK (id > 0)")),
                     qPrintable(source.error()));
        QString error;
        const QString script = insertScript(source, {QStringLiteral("d"), {{QStringLiteral("id"), QStringLiteral("70")}}, {}},
                                            {false, false, rowPerInsert}, &error);
        QCOMPARE(script.contains(QLatin1String("SET CONSTRAINTS \"public\".\"c_d_id_fkey\" DEFERRED")), !sharedName);
        auto copy = loadedCopy(source, {QStringLiteral("d"), {{QStringLiteral("id"), QStringLiteral("70")}}, {}},
                               {false, false, rowPerInsert});
        QVERIFY(copy);
        for (const QString &table : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"),
                                     QStringLiteral("employees")})
            QCOMPARE(rowsAsText(*copy, table), rowsAsText(source, table, table == QLatin1String("a")
                                                                              ? QStringLiteral("id = 2")
                                                                          : table == QLatin1String("b")
                                                                              ? QStringLiteral("id = 20")
                                                                          : table == QLatin1String("employees")
                                                                              ? QStringLiteral("id IN (4, 5)")
                                                                              : QStringLiteral("true")));
    }

    void awkwardTextSurvivesCyclesAndSelfReferences_data()
    {
        QTest::addColumn<bool>("rowPerInsert");
        QTest::addColumn<bool>("onConflictDoNothing");
        QTest::newRow("one INSERT per table") << false << false;
        QTest::newRow("one INSERT per row") << true << false;
        QTest::newRow("per row, on conflict do nothing") << true << true;
    }

    // The rows stream back through COPY, whose text escapes newlines, tabs and backslashes, and
    // a cycle's INSERTs are indented inside one WITH: neither may change a value.
    void awkwardTextSurvivesCyclesAndSelfReferences()
    {
        QFETCH(bool, rowPerInsert);
        QFETCH(bool, onConflictDoNothing);
        TestDatabase source(QStringLiteral("insawkward"));
        QVERIFY2(source.run(QStringLiteral(R"SQL(
            CREATE TABLE a (id int PRIMARY KEY, b_id int NOT NULL, note text);
            CREATE TABLE b (id int PRIMARY KEY, a_id int NOT NULL REFERENCES a, note text);
            ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b DEFERRABLE;
            CREATE TABLE tree (id int PRIMARY KEY, parent_id int REFERENCES tree, a_id int REFERENCES a, note text);
            BEGIN;
            SET CONSTRAINTS ALL DEFERRED;
            INSERT INTO a VALUES (1, 10, E'line one\nline two\n'), (2, 20, E'tab\there\\and a backslash');
            INSERT INTO b VALUES (10, 1, E'\\N is not NULL'), (20, 2, E'carriage\rreturn, it''s');
            COMMIT;
            ALTER TABLE a ALTER CONSTRAINT a_b_id_fkey NOT DEFERRABLE;
            INSERT INTO tree VALUES (1, NULL, 1, E'root\n    indented\n'), (2, 1, 2, E'\\x41 \\101 \x01 ünïcødé'),
                                    (3, 2, NULL, E'\t\t'), (4, 2, 1, '');
        )SQL")), qPrintable(source.error()));
        QString error;
        const DeleteRoot rows{QStringLiteral("tree"), {}, QStringLiteral("true")};
        const QString script = insertScript(source, rows, {false, onConflictDoNothing, rowPerInsert}, &error);
        QVERIFY2(!script.isEmpty(), qPrintable(error));
        QVERIFY2(script.contains(QLatin1String("WITH i1 AS (")), qPrintable(script));
        auto copy = loadedCopy(source, rows, {false, onConflictDoNothing, rowPerInsert});
        QVERIFY(copy);
        for (const QString &table : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("tree")})
            QCOMPARE(rowsAsText(*copy, table), rowsAsText(source, table));
    }

    void orphansOfANotValidKeyAreRefused()
    {
        TestDatabase source(QStringLiteral("insorphan"));
        QVERIFY2(source.run(QStringLiteral("CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int, p_id int);"
                                           "INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1), (2, 2);"
                                           "ALTER TABLE c ADD FOREIGN KEY (p_id) REFERENCES p NOT VALID")),
                 qPrintable(source.error()));
        QString error;
        bool refused = false;
        QString script = insertScript(source, {QStringLiteral("c"), {}, QStringLiteral("id = 2")}, {}, &error, &refused);
        QVERIFY2(refused, qPrintable(script + error));
        QVERIFY2(script.contains(QLatin1String("c_p_id_fkey")), qPrintable(script));
        QVERIFY(!script.contains(QLatin1String("INSERT")));
        script = insertScript(source, {QStringLiteral("c"), {}, QStringLiteral("id = 1")}, {}, &error, &refused);
        QVERIFY2(!refused && script.contains(QLatin1String("INSERT")), qPrintable(script + error));
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestInsertScriptTypes)
#include "tst_insertscript_types.moc"
