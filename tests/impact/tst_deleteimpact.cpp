// DELETE predictions on hand-made corners of PostgreSQL, each compared with a real DELETE:
// the demo database row by row, inheritance, partitions attached and detached, deferred keys,
// the order in which PostgreSQL fires the triggers of two keys, odd names and types. And what
// fkscope must admit it cannot see: privileges, row-level security, triggers.
#include "DeleteOracle.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include "catalog/CatalogLoader.h"
#include "catalog/Identifier.h"
#include "db/Connection.h"
#include "db/SqlQuery.h"
#include "impact/DeleteImpactAnalyzer.h"
#include "impact/DeleteImpactJson.h"

#include <QSet>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

namespace {

// Predicts DELETE FROM table WHERE where-condition with both plans, runs it for real, and
// returns a description of the first difference (empty when they agree).
QString differenceFromPostgres(Connection &connection, const Catalog &catalog, const QString &table,
                               const QString &where)
{
    const ActualDelete actual =
        runRealDelete(connection, catalog, QStringLiteral("DELETE FROM %1 WHERE %2").arg(table, where));
    for (bool generalOnly : {false, true}) {
        const QString context = QStringLiteral("DELETE FROM %1 WHERE %2%3")
                                    .arg(table, where, generalOnly ? QStringLiteral(" [general plan]") : QString());
        DeleteImpactAnalyzer analyzer(connection, catalog);
        analyzer.setGeneralPlanOnly(generalOnly);
        auto predicted = analyzer.analyze({table, {}, where});
        if (!predicted)
            return context + QStringLiteral(": ") + predicted.error().message;
        if (!predicted->fails.has_value())
            return context + QStringLiteral(": no answer: ") + predicted->incomplete.join(QStringLiteral("; "));
        if (*predicted->fails != actual.fails) {
            return QStringLiteral("%1: predicted fails=%2, PostgreSQL: %3")
                .arg(context)
                .arg(*predicted->fails)
                .arg(actual.fails ? actual.error : QStringLiteral("succeeded"));
        }
        if (actual.fails)
            continue;
        if (nonZeroCounts(predicted->deleted) != actual.deleted)
            return QStringLiteral("%1: deleted predicted %2, PostgreSQL %3")
                .arg(context, describeCounts(nonZeroCounts(predicted->deleted)), describeCounts(actual.deleted));
        if (nonZeroCounts(predicted->updated) != actual.updated)
            return QStringLiteral("%1: updated predicted %2, PostgreSQL %3")
                .arg(context, describeCounts(nonZeroCounts(predicted->updated)), describeCounts(actual.updated));
    }
    return {};
}

struct Loaded {
    std::unique_ptr<Connection> connection;
    Catalog catalog;
};

Loaded load(const TestDatabase &db)
{
    Loaded loaded;
    auto connection = Connection::open(db.connInfo());
    if (!connection)
        qFatal("cannot connect: %s", qPrintable(connection.error().message));
    loaded.connection = connection.take();
    auto catalog = CatalogLoader(*loaded.connection).load();
    if (!catalog)
        qFatal("cannot load the catalog: %s", qPrintable(catalog.error().message));
    loaded.catalog = catalog.take();
    return loaded;
}

} // namespace

class TestDeleteImpact : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyRowOfTheDemoMatchesPostgres()
    {
        TestDatabase db(QStringLiteral("demo"));
        QVERIFY2(db.runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(db.error()));
        Loaded demo = load(db);
        // Every row of the tables that others reference, by primary key.
        int compared = 0;
        for (const Table &table : demo.catalog.tables) {
            const UniqueKey *pk = table.primaryKey();
            if (!pk || !table.partitionOf.isEmpty())
                continue;
            QStringList columns;
            for (const QString &c : pk->columns)
                columns << quoteIdentifier(c);
            const QStringList keys = db.query(QStringLiteral("SELECT format('(%1) = (%s)', concat_ws(', ', %2)) FROM %3")
                                                  .arg(columns.join(QStringLiteral(", ")),
                                                       [&] {
                                                           QStringList literals;
                                                           for (const QString &c : columns)
                                                               literals << QStringLiteral("quote_literal(%1)").arg(c);
                                                           return literals.join(QStringLiteral(", "));
                                                       }(),
                                                       table.qualifiedName));
            for (const QString &where : keys) {
                const QString difference =
                    differenceFromPostgres(*demo.connection, demo.catalog, table.qualifiedName, where);
                QVERIFY2(difference.isEmpty(), qPrintable(difference));
                ++compared;
            }
        }
        QVERIFY2(compared > 100, qPrintable(QString::number(compared)));
    }

    void cornersMatchPostgres_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("table");
        QTest::addColumn<QStringList>("roots");

        QTest::newRow("inheritance: a key on the parent sees only its own rows")
            << R"(CREATE TABLE users (id int PRIMARY KEY);
                  CREATE TABLE notes (id int PRIMARY KEY, author int REFERENCES users ON DELETE CASCADE);
                  CREATE TABLE order_notes (order_id int) INHERITS (notes);
                  CREATE TABLE likes (note_id int REFERENCES notes ON DELETE RESTRICT);
                  INSERT INTO users VALUES (1), (2);
                  INSERT INTO notes VALUES (10, 1), (11, 2);
                  INSERT INTO order_notes VALUES (12, 1, 5), (13, 2, 6);
                  INSERT INTO likes VALUES (11);)"
            << "users" << QStringList{"id = 1", "id = 2"};
        QTest::newRow("inheritance: DELETE on a parent removes its children's rows too")
            << R"(CREATE TABLE notes (id int PRIMARY KEY);
                  CREATE TABLE order_notes (order_id int) INHERITS (notes);
                  CREATE TABLE order_note_tags (note_id int, FOREIGN KEY (note_id) REFERENCES notes ON DELETE CASCADE);
                  INSERT INTO notes VALUES (1), (2);
                  INSERT INTO order_notes VALUES (3, 1), (1, 2);
                  INSERT INTO order_note_tags VALUES (1), (2);)"
            << "notes" << QStringList{"id = 1", "id = 3", "id > 0"};
        QTest::newRow("partitioned child and parent, one partition detached")
            << R"(CREATE TABLE users (id int PRIMARY KEY);
                  CREATE TABLE events (id int, at date, user_id int REFERENCES users ON DELETE CASCADE,
                                       PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
                  CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                  CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
                  CREATE TABLE events_old PARTITION OF events FOR VALUES FROM ('2000-01-01') TO ('2024-01-01');
                  CREATE TABLE notes (event_id int, event_at date, text text,
                      FOREIGN KEY (event_id, event_at) REFERENCES events ON DELETE SET NULL);
                  INSERT INTO users VALUES (1), (2);
                  INSERT INTO events VALUES (1, '2024-05-01', 1), (2, '2025-05-01', 1), (3, '2020-01-01', 1),
                                            (4, '2025-06-01', 2);
                  INSERT INTO notes VALUES (1, '2024-05-01', 'a'), (2, '2025-05-01', 'b'), (4, '2025-06-01', 'c');
                  ALTER TABLE events DETACH PARTITION events_old;)"
            << "users" << QStringList{"id = 1", "id = 2"};
        QTest::newRow("deferred NO ACTION is checked after the cascades")
            << R"(CREATE TABLE p (id int PRIMARY KEY);
                  CREATE TABLE c (id int PRIMARY KEY, a int REFERENCES p ON DELETE CASCADE,
                                  b int REFERENCES p DEFERRABLE INITIALLY DEFERRED);
                  INSERT INTO p VALUES (1), (2), (3);
                  INSERT INTO c VALUES (1, 1, 1), (2, 2, 3);)"
            << "p" << QStringList{"id = 1", "id = 3", "id = 2"};
        QTest::newRow("two keys on one row: the cascade trigger fires first")
            << R"(CREATE TABLE p (id int PRIMARY KEY);
                  CREATE TABLE c (id int PRIMARY KEY, a int, b int);
                  ALTER TABLE c ADD CONSTRAINT k_cascade FOREIGN KEY (a) REFERENCES p ON DELETE CASCADE;
                  ALTER TABLE c ADD CONSTRAINT k_block FOREIGN KEY (b) REFERENCES p;
                  INSERT INTO p VALUES (1), (2);
                  INSERT INTO c VALUES (1, 1, 1), (2, 1, 2);)"
            << "p" << QStringList{"id = 1", "id = 2"};
        QTest::newRow("two keys on one row: the blocking trigger fires first")
            << R"(CREATE TABLE p (id int PRIMARY KEY);
                  CREATE TABLE c (id int PRIMARY KEY, a int, b int);
                  ALTER TABLE c ADD CONSTRAINT k_block FOREIGN KEY (b) REFERENCES p ON DELETE RESTRICT;
                  ALTER TABLE c ADD CONSTRAINT k_cascade FOREIGN KEY (a) REFERENCES p ON DELETE CASCADE;
                  INSERT INTO p VALUES (1);
                  INSERT INTO c VALUES (1, 1, 1);)"
            << "p" << QStringList{"id = 1"};
        QTest::newRow("self-reference: a tree deleted whole, a restrict inside it")
            << R"(CREATE TABLE category (id int PRIMARY KEY, parent int REFERENCES category ON DELETE CASCADE,
                                         twin int REFERENCES category ON DELETE RESTRICT);
                  INSERT INTO category VALUES (1, NULL, NULL), (2, 1, NULL), (3, 2, 2), (4, 1, NULL), (5, NULL, 4),
                                              (6, 5, NULL);)"
            << "category" << QStringList{"id = 1", "id = 2", "id = 5", "id = 6"};
        QTest::newRow("a cycle of two tables")
            << R"(CREATE TABLE a (id int PRIMARY KEY, b_id int);
                  CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a ON DELETE CASCADE);
                  ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b ON DELETE SET NULL;
                  INSERT INTO a VALUES (1, NULL), (2, NULL);
                  INSERT INTO b VALUES (10, 1), (20, 2);
                  UPDATE a SET b_id = 10 WHERE id = 2;
                  UPDATE a SET b_id = 20 WHERE id = 1;)"
            << "a" << QStringList{"id = 1", "id = 2"};
        QTest::newRow("the same constraint name on many tables, odd names, other types")
            << R"(CREATE SCHEMA "Sales";
                  CREATE TABLE "Sales"."User Accounts" (id bigint PRIMARY KEY, "e-mail" text UNIQUE);
                  CREATE TABLE "Sales"."order" (id int PRIMARY KEY,
                      "user" int CONSTRAINT fk REFERENCES "Sales"."User Accounts" ON DELETE CASCADE);
                  CREATE TABLE public."größe" ("mail" varchar(80) CONSTRAINT fk REFERENCES "Sales"."User Accounts" ("e-mail") ON DELETE SET NULL);
                  CREATE TABLE public.line (order_id int CONSTRAINT fk REFERENCES "Sales"."order" ON DELETE RESTRICT);
                  INSERT INTO "Sales"."User Accounts" VALUES (1, 'o''brien@example.com'), (2, 'x@example.com');
                  INSERT INTO "Sales"."order" VALUES (1, 1), (2, 2);
                  INSERT INTO "größe" VALUES ('o''brien@example.com'), ('x@example.com'), (NULL);
                  INSERT INTO line VALUES (2);)"
            << R"("Sales"."User Accounts")" << QStringList{"id = 1", "id = 2", R"("e-mail" LIKE '%example%')"};
        QTest::newRow("backslashes and quotes in names")
            << QStringLiteral("CREATE TABLE \"back\\slash\" (id int PRIMARY KEY);"
                              "CREATE TABLE \"it's\" (id int PRIMARY KEY, p int REFERENCES \"back\\slash\" ON DELETE CASCADE);"
                              "CREATE TABLE \"say \"\"hi\"\"\" (p int REFERENCES \"it's\" ON DELETE SET NULL,"
                              "    q int REFERENCES \"back\\slash\" ON DELETE SET DEFAULT);"
                              "INSERT INTO \"back\\slash\" VALUES (1), (2);"
                              "INSERT INTO \"it's\" VALUES (1, 1), (2, 2);"
                              "INSERT INTO \"say \"\"hi\"\"\" VALUES (1, 1), (2, 2);")
            << QStringLiteral("\"back\\slash\"") << QStringList{"id = 1", "id = 2"};
        QTest::newRow("MATCH SIMPLE and FULL with NULLs, SET NULL of one column")
            << R"(CREATE TABLE p (a int, b int, PRIMARY KEY (a, b));
                  CREATE TABLE simple (a int, b int, FOREIGN KEY (a, b) REFERENCES p ON DELETE CASCADE);
                  CREATE TABLE full_ (a int, b int, FOREIGN KEY (a, b) REFERENCES p MATCH FULL ON DELETE SET NULL);
                  CREATE TABLE partial_null (a int, b int, FOREIGN KEY (a, b) REFERENCES p ON DELETE SET NULL (b));
                  INSERT INTO p VALUES (1, 1), (1, 2);
                  INSERT INTO simple VALUES (1, 1), (1, NULL), (NULL, NULL);
                  INSERT INTO full_ VALUES (1, 1), (NULL, NULL);
                  INSERT INTO partial_null VALUES (1, 2), (1, 1);)"
            << "p" << QStringList{"a = 1 AND b = 1", "a = 1 AND b = 2", "a = 1"};
        // What happens to a row after SET NULL / SET DEFAULT changed it.
        QTest::newRow("same column: SET NULL fires first, the NO ACTION key no longer sees the row")
            << R"(CREATE TABLE p (id int PRIMARY KEY);
                  CREATE TABLE c (id int PRIMARY KEY, x int);
                  ALTER TABLE c ADD CONSTRAINT k1 FOREIGN KEY (x) REFERENCES p ON DELETE SET NULL;
                  ALTER TABLE c ADD CONSTRAINT k2 FOREIGN KEY (x) REFERENCES p;
                  INSERT INTO p VALUES (1), (2);
                  INSERT INTO c VALUES (1, 1), (2, NULL);)"
            << "p" << QStringList{"id = 1", "true"};
        QTest::newRow("same column: the RESTRICT key fires first and blocks")
            << R"(CREATE TABLE p (id int PRIMARY KEY);
                  CREATE TABLE c (id int PRIMARY KEY, x int);
                  ALTER TABLE c ADD CONSTRAINT k2 FOREIGN KEY (x) REFERENCES p ON DELETE RESTRICT;
                  ALTER TABLE c ADD CONSTRAINT k1 FOREIGN KEY (x) REFERENCES p ON DELETE SET NULL;
                  INSERT INTO p VALUES (1), (2);
                  INSERT INTO c VALUES (1, 1);)"
            << "p" << QStringList{"id = 1", "id = 2"};
        QTest::newRow("same column: a deferred NO ACTION key created first sees the row already NULL")
            << R"(CREATE TABLE p (id int PRIMARY KEY);
                  CREATE TABLE c (id int PRIMARY KEY, x int);
                  ALTER TABLE c ADD CONSTRAINT k2 FOREIGN KEY (x) REFERENCES p DEFERRABLE INITIALLY DEFERRED;
                  ALTER TABLE c ADD CONSTRAINT k1 FOREIGN KEY (x) REFERENCES p ON DELETE SET NULL;
                  INSERT INTO p VALUES (1);
                  INSERT INTO c VALUES (1, 1);)"
            << "p" << QStringList{"id = 1"};
        QTest::newRow("same column: SET NULL before CASCADE keeps the row and its children")
            << R"(CREATE TABLE p (id int PRIMARY KEY);
                  CREATE TABLE c (id int PRIMARY KEY, x int);
                  ALTER TABLE c ADD CONSTRAINT k1 FOREIGN KEY (x) REFERENCES p ON DELETE SET NULL;
                  ALTER TABLE c ADD CONSTRAINT k2 FOREIGN KEY (x) REFERENCES p ON DELETE CASCADE;
                  CREATE TABLE g (id int PRIMARY KEY, cid int REFERENCES c);
                  INSERT INTO p VALUES (1);
                  INSERT INTO c VALUES (1, 1), (2, 1);
                  INSERT INTO g VALUES (1, 1);)"
            << "p" << QStringList{"id = 1"};
        QTest::newRow("same column: CASCADE before SET NULL deletes the row")
            << R"(CREATE TABLE p (id int PRIMARY KEY);
                  CREATE TABLE c (id int PRIMARY KEY, x int);
                  ALTER TABLE c ADD CONSTRAINT k2 FOREIGN KEY (x) REFERENCES p ON DELETE CASCADE;
                  ALTER TABLE c ADD CONSTRAINT k1 FOREIGN KEY (x) REFERENCES p ON DELETE SET NULL;
                  CREATE TABLE g (id int PRIMARY KEY, cid int REFERENCES c ON DELETE CASCADE);
                  INSERT INTO p VALUES (1);
                  INSERT INTO c VALUES (1, 1), (2, 1);
                  INSERT INTO g VALUES (1, 1);)"
            << "p" << QStringList{"id = 1"};
        QTest::newRow("same column: SET DEFAULT first, the default row survives or is the deleted one")
            << R"(CREATE TABLE p (id int PRIMARY KEY);
                  CREATE TABLE c (id int PRIMARY KEY, x int DEFAULT 0);
                  ALTER TABLE c ADD CONSTRAINT k1 FOREIGN KEY (x) REFERENCES p ON DELETE SET DEFAULT;
                  ALTER TABLE c ADD CONSTRAINT k2 FOREIGN KEY (x) REFERENCES p ON DELETE RESTRICT;
                  INSERT INTO p VALUES (0), (1);
                  INSERT INTO c VALUES (1, 1), (2, 0);)"
            << "p" << QStringList{"id = 1", "id = 0"};
        QTest::newRow("same columns, composite: SET NULL of one column detaches the row from its twin")
            << R"(CREATE TABLE p (id int PRIMARY KEY, u1 int, u2 int, UNIQUE (u1, u2));
                  CREATE TABLE c (id int PRIMARY KEY, a int, b int);
                  ALTER TABLE c ADD CONSTRAINT k1 FOREIGN KEY (a, b) REFERENCES p (u1, u2) ON DELETE SET NULL (b);
                  ALTER TABLE c ADD CONSTRAINT k2 FOREIGN KEY (a, b) REFERENCES p (u1, u2) ON DELETE RESTRICT;
                  ALTER TABLE c ADD CONSTRAINT k0 FOREIGN KEY (a, b) REFERENCES p (u1, u2) MATCH SIMPLE ON DELETE CASCADE;
                  INSERT INTO p VALUES (1, 1, 10), (2, 2, 20);
                  INSERT INTO c VALUES (1, 1, 10), (2, 2, NULL);)"
            << "p" << QStringList{"id = 1", "id = 2", "true"};
        QTest::newRow("three keys on one column: CASCADE, RESTRICT, SET NULL in creation order")
            << R"(CREATE TABLE p (id int PRIMARY KEY);
                  CREATE TABLE c (id int PRIMARY KEY, x int);
                  ALTER TABLE c ADD CONSTRAINT z_first FOREIGN KEY (x) REFERENCES p ON DELETE CASCADE;
                  ALTER TABLE c ADD CONSTRAINT a_second FOREIGN KEY (x) REFERENCES p ON DELETE RESTRICT;
                  ALTER TABLE c ADD CONSTRAINT m_third FOREIGN KEY (x) REFERENCES p ON DELETE SET NULL;
                  CREATE TABLE d (id int PRIMARY KEY, x int);
                  ALTER TABLE d ADD CONSTRAINT z_first FOREIGN KEY (x) REFERENCES p ON DELETE SET NULL;
                  ALTER TABLE d ADD CONSTRAINT a_second FOREIGN KEY (x) REFERENCES p ON DELETE CASCADE;
                  ALTER TABLE d ADD CONSTRAINT m_third FOREIGN KEY (x) REFERENCES p ON DELETE RESTRICT;
                  INSERT INTO p VALUES (1), (2);
                  INSERT INTO c VALUES (1, 1);
                  INSERT INTO d VALUES (1, 1), (2, 2);)"
            << "p" << QStringList{"id = 1", "id = 2", "true"};
        QTest::newRow("self-reference twins: SET NULL before CASCADE keeps the subtree")
            << R"(CREATE TABLE n (id int PRIMARY KEY, parent int);
                  ALTER TABLE n ADD CONSTRAINT k1 FOREIGN KEY (parent) REFERENCES n ON DELETE SET NULL;
                  ALTER TABLE n ADD CONSTRAINT k2 FOREIGN KEY (parent) REFERENCES n ON DELETE CASCADE;
                  ALTER TABLE n ADD CONSTRAINT k3 FOREIGN KEY (parent) REFERENCES n;
                  INSERT INTO n VALUES (1, NULL), (2, 1), (3, 2), (4, 1);)"
            << "n" << QStringList{"id = 1", "id = 2", "id IN (1, 3)"};
        QTest::newRow("self-reference: a root row that references itself does not hide a NO ACTION twin's rows")
            << R"(CREATE TABLE n (id int PRIMARY KEY, parent int);
                  ALTER TABLE n ADD CONSTRAINT k1 FOREIGN KEY (parent) REFERENCES n ON DELETE NO ACTION;
                  ALTER TABLE n ADD CONSTRAINT k2 FOREIGN KEY (parent) REFERENCES n ON DELETE CASCADE;
                  INSERT INTO n VALUES (5, NULL), (2, 5), (7, NULL);
                  UPDATE n SET parent = 5 WHERE id = 5;
                  UPDATE n SET parent = 7 WHERE id = 7;)"
            << "n" << QStringList{"id = 5", "id = 7"};
        QTest::newRow("partitioned parent and child, twins on one column")
            << R"(CREATE TABLE p (id int PRIMARY KEY) PARTITION BY RANGE (id);
                  CREATE TABLE p_low PARTITION OF p FOR VALUES FROM (MINVALUE) TO (10);
                  CREATE TABLE p_high PARTITION OF p FOR VALUES FROM (10) TO (MAXVALUE);
                  CREATE TABLE c (id int PRIMARY KEY, x int) PARTITION BY RANGE (id);
                  CREATE TABLE c_low PARTITION OF c FOR VALUES FROM (MINVALUE) TO (10);
                  CREATE TABLE c_high PARTITION OF c FOR VALUES FROM (10) TO (MAXVALUE);
                  ALTER TABLE c ADD CONSTRAINT k1 FOREIGN KEY (x) REFERENCES p ON DELETE SET NULL;
                  ALTER TABLE c ADD CONSTRAINT k2 FOREIGN KEY (x) REFERENCES p ON DELETE NO ACTION;
                  CREATE TABLE d (id int PRIMARY KEY, x int);
                  ALTER TABLE d ADD CONSTRAINT k2 FOREIGN KEY (x) REFERENCES p ON DELETE NO ACTION;
                  ALTER TABLE d ADD CONSTRAINT k1 FOREIGN KEY (x) REFERENCES p ON DELETE SET NULL;
                  INSERT INTO p VALUES (1), (15), (3);
                  INSERT INTO c VALUES (1, 1), (12, 15);
                  INSERT INTO d VALUES (1, 3);)"
            << "p" << QStringList{"id = 1", "id = 15", "id = 3"};
        QTest::newRow("SET DEFAULT to a value another key's parent lacks")
            << R"(CREATE TABLE a (id int PRIMARY KEY);
                  CREATE TABLE b (id int PRIMARY KEY);
                  CREATE TABLE c (id int PRIMARY KEY, x int DEFAULT 0,
                                  CONSTRAINT c_a FOREIGN KEY (x) REFERENCES a ON DELETE SET DEFAULT,
                                  CONSTRAINT c_b FOREIGN KEY (x) REFERENCES b);
                  CREATE TABLE d (id int PRIMARY KEY, x int DEFAULT 2,
                                  CONSTRAINT d_a FOREIGN KEY (x) REFERENCES a ON DELETE SET DEFAULT,
                                  CONSTRAINT d_b FOREIGN KEY (x) REFERENCES b);
                  INSERT INTO a VALUES (0), (1), (2), (3);
                  INSERT INTO b VALUES (1), (2), (3);
                  INSERT INTO c VALUES (1, 1);
                  INSERT INTO d VALUES (1, 3);)"
            << "a" << QStringList{"id = 1", "id = 3", "id = 0"};
        QTest::newRow("SET NULL on one column of another key, MATCH FULL and SIMPLE")
            << R"(CREATE TABLE p1 (id int PRIMARY KEY);
                  CREATE TABLE p2 (a int, b int, PRIMARY KEY (a, b));
                  CREATE TABLE full_ (id int PRIMARY KEY, a int, b int,
                                      FOREIGN KEY (a) REFERENCES p1 ON DELETE SET NULL,
                                      FOREIGN KEY (a, b) REFERENCES p2 MATCH FULL);
                  CREATE TABLE simple (id int PRIMARY KEY, a int, b int,
                                       FOREIGN KEY (a) REFERENCES p1 ON DELETE SET NULL,
                                       FOREIGN KEY (a, b) REFERENCES p2);
                  INSERT INTO p1 VALUES (1), (2);
                  INSERT INTO p2 VALUES (1, 1), (2, 2);
                  INSERT INTO full_ VALUES (1, 1, 1);
                  INSERT INTO simple VALUES (1, 1, 1), (2, 2, 2);)"
            << "p1" << QStringList{"id = 1", "id = 2"};
        QTest::newRow("the nulled column is referenced ON UPDATE NO ACTION by a row the DELETE leaves")
            << R"(CREATE TABLE p (id int PRIMARY KEY);
                  CREATE TABLE c (id int PRIMARY KEY, code int UNIQUE REFERENCES p ON DELETE SET NULL);
                  CREATE TABLE g (id int PRIMARY KEY, code int REFERENCES c (code) ON UPDATE RESTRICT);
                  INSERT INTO p VALUES (1), (2); INSERT INTO c VALUES (1, 1), (2, 2); INSERT INTO g VALUES (1, 1);)"
            << "p" << QStringList{"id = 1", "true"};
        QTest::newRow("SET DEFAULT takes the domain's default, NOT NULL domain or not")
            << R"(CREATE DOMAIN ref_one AS int DEFAULT 1;
                  CREATE DOMAIN ref_one_nn AS ref_one NOT NULL;
                  CREATE TABLE p (id int PRIMARY KEY);
                  CREATE TABLE c (id int PRIMARY KEY, pid ref_one REFERENCES p ON DELETE SET DEFAULT);
                  CREATE TABLE d (id int PRIMARY KEY, pid ref_one_nn REFERENCES p ON DELETE SET DEFAULT);
                  INSERT INTO p VALUES (1), (2), (3);
                  INSERT INTO c VALUES (1, 2);
                  INSERT INTO d VALUES (1, 3);)"
            << "p" << QStringList{"id = 1", "id = 2", "id = 3", "id IN (1, 2)", "id IN (1, 3)"};
        QTest::newRow("SET NULL into a domain that is NOT NULL")
            << R"(CREATE DOMAIN nn_int AS int NOT NULL;
                  CREATE DOMAIN nn_int2 AS nn_int;
                  CREATE TABLE p (id int PRIMARY KEY);
                  CREATE TABLE c (id int PRIMARY KEY, pid nn_int2 REFERENCES p ON DELETE SET NULL);
                  INSERT INTO p VALUES (1), (2);
                  INSERT INTO c VALUES (1, 1);)"
            << "p" << QStringList{"id = 1", "id = 2"};
        QTest::newRow("SET NULL into NOT NULL on a row a cascade of the same parent row removes, both orders")
            << R"(CREATE TABLE p (id int PRIMARY KEY);
                  CREATE TABLE first_null (id int PRIMARY KEY, a int NOT NULL, b int);
                  ALTER TABLE first_null ADD CONSTRAINT k1 FOREIGN KEY (a) REFERENCES p ON DELETE SET NULL;
                  ALTER TABLE first_null ADD CONSTRAINT k2 FOREIGN KEY (b) REFERENCES p ON DELETE CASCADE;
                  CREATE TABLE first_cascade (id int PRIMARY KEY, a int NOT NULL, b int);
                  ALTER TABLE first_cascade ADD CONSTRAINT k2 FOREIGN KEY (b) REFERENCES p ON DELETE CASCADE;
                  ALTER TABLE first_cascade ADD CONSTRAINT k1 FOREIGN KEY (a) REFERENCES p ON DELETE SET NULL;
                  INSERT INTO p VALUES (1), (2);
                  INSERT INTO first_null VALUES (1, 1, 1);
                  INSERT INTO first_cascade VALUES (1, 2, 2);)"
            << "p" << QStringList{"id = 1", "id = 2"};
    }

    void cornersMatchPostgres()
    {
        QFETCH(QString, schema);
        QFETCH(QString, table);
        QFETCH(QStringList, roots);
        TestDatabase db(QStringLiteral("corner"));
        QVERIFY2(db.run(schema), qPrintable(db.error()));
        Loaded loaded = load(db);
        for (const QString &where : roots) {
            const QString difference = differenceFromPostgres(*loaded.connection, loaded.catalog, table, where);
            QVERIFY2(difference.isEmpty(), qPrintable(difference));
        }
    }

    void blockingRowsAreNamedWithTheirConstraint()
    {
        TestDatabase db(QStringLiteral("verdict"));
        QVERIFY2(db.runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(db.error()));
        Loaded demo = load(db);
        auto impact = DeleteImpactAnalyzer(*demo.connection, demo.catalog)
                          .analyze({QStringLiteral("users"), {{QStringLiteral("id"), QStringLiteral("1")}}, {}});
        QVERIFY2(impact.ok(), qPrintable(impact.error().message));
        QVERIFY(*impact->fails);
        bool found = false;
        for (const BlockingKey &b : impact->blockedBy) {
            if (b.constraint == QLatin1String("orders_user_id_fkey")) {
                found = true;
                QCOMPARE(b.table, QStringLiteral("public.orders"));
                QCOMPARE(b.rows, db.queryValue(QStringLiteral("SELECT count(*) FROM orders WHERE user_id = 1")).toLongLong());
            }
        }
        QVERIFY(found);
    }

    // The verdict names one key; it should be the one PostgreSQL's error names: checked at
    // once, on the root table, fired first (trigger names follow creation order, not names).
    void theVerdictNamesTheKeyPostgresReports_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("deleteFrom");
        QTest::addColumn<QString>("where");
        // Created in this order, so their triggers fire in it; names run the other way.
        const QString children = QStringLiteral(R"(
            CREATE TABLE p (id int PRIMARY KEY);
            CREATE TABLE z_deferred (id int PRIMARY KEY, p int REFERENCES p DEFERRABLE INITIALLY DEFERRED);
            CREATE TABLE y_restrict (id int PRIMARY KEY, p int REFERENCES p ON DELETE RESTRICT
                DEFERRABLE INITIALLY DEFERRED);
            CREATE TABLE m_first (id int PRIMARY KEY, p int REFERENCES p);
            CREATE TABLE a_second (id int PRIMARY KEY, p int REFERENCES p ON DELETE RESTRICT);
            CREATE TABLE c_cascade (id int PRIMARY KEY, p int REFERENCES p ON DELETE CASCADE);
            CREATE TABLE b_below (id int PRIMARY KEY, c int REFERENCES c_cascade);
            INSERT INTO p VALUES (1), (2), (3), (4);
            INSERT INTO z_deferred VALUES (1, 1), (2, 2), (3, 3), (4, 4);
            INSERT INTO y_restrict VALUES (3, 3);
            INSERT INTO m_first VALUES (1, 1);
            INSERT INTO a_second VALUES (1, 1), (2, 2);
            INSERT INTO c_cascade VALUES (1, 1), (2, 2), (3, 3), (4, 4);
            INSERT INTO b_below VALUES (1, 1), (2, 2), (3, 3), (4, 4);)");
        QTest::newRow("the first of four") << children << "p" << "id = 1";
        QTest::newRow("restrict before a cascade") << children << "p" << "id = 2";
        // RESTRICT is checked at once even where the key is declared deferred.
        QTest::newRow("restrict declared deferred") << children << "p" << "id = 3";
        QTest::newRow("below a cascade, before a deferred key") << children << "p" << "id = 4";
        const QString shop = QStringLiteral("shop");
        QTest::newRow("demo user 1") << shop << "users" << "id = 1";
        QTest::newRow("demo user 2") << shop << "users" << "id = 2";
    }

    void theVerdictNamesTheKeyPostgresReports()
    {
        QFETCH(QString, schema);
        QFETCH(QString, deleteFrom);
        QFETCH(QString, where);
        TestDatabase db(QStringLiteral("firstkey"));
        QVERIFY2(schema == QLatin1String("shop") ? db.runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql"))
                                                 : db.run(schema),
                 qPrintable(db.error()));
        Loaded loaded = load(db);
        const ActualDelete actual = runRealDelete(*loaded.connection, loaded.catalog,
                                                  QStringLiteral("DELETE FROM %1 WHERE %2").arg(deleteFrom, where));
        QVERIFY2(actual.fails, "the case needs a DELETE that fails");
        auto impact = DeleteImpactAnalyzer(*loaded.connection, loaded.catalog).analyze({deleteFrom, {}, where});
        QVERIFY2(impact.ok(), qPrintable(impact.error().message));
        QVERIFY(impact->fails.value_or(false));
        const QString named = QStringLiteral("constraint \"%1\"").arg(impact->blockedBy.front().constraint);
        QVERIFY2(actual.error.contains(named), qPrintable(QStringLiteral("verdict names %1; PostgreSQL: %2")
                                                               .arg(named, actual.error)));
    }

    void theVerdictCountsInSingularAndPlural_data()
    {
        QTest::addColumn<QList<qint64>>("rowsPerKey");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one row, one key") << QList<qint64>{1}
                                          << "DELETE would fail: 1 row in public.c blocks it through constraint k0";
        QTest::newRow("two rows, two keys") << QList<qint64>{2, 5}
                                            << "DELETE would fail: 2 rows in public.c block it through constraint k0 "
                                               "(and 1 more constraint)";
        QTest::newRow("one row, three keys") << QList<qint64>{1, 1, 1}
                                             << "DELETE would fail: 1 row in public.c blocks it through constraint k0 "
                                                "(and 2 more constraints)";
    }

    void theVerdictCountsInSingularAndPlural()
    {
        QFETCH(QList<qint64>, rowsPerKey);
        QFETCH(QString, expected);
        DeleteImpact impact;
        impact.fails = true;
        for (int i = 0; i < rowsPerKey.size(); ++i)
            impact.blockedBy.push_back({QStringLiteral("k%1").arg(i), QStringLiteral("public.c"), rowsPerKey[i]});
        QCOMPARE(verdict(impact), expected);
    }

    void triggersAndRulesAreFlagged()
    {
        TestDatabase db(QStringLiteral("triggers"));
        QVERIFY2(db.run(QStringLiteral(R"(
            CREATE TABLE p (id int PRIMARY KEY);
            CREATE TABLE c (p_id int REFERENCES p ON DELETE CASCADE);
            CREATE TABLE log (what text);
            CREATE FUNCTION log_delete() RETURNS trigger LANGUAGE plpgsql AS
              $$ BEGIN INSERT INTO log VALUES ('deleted'); RETURN OLD; END $$;
            CREATE TRIGGER c_logs AFTER DELETE ON c FOR EACH ROW EXECUTE FUNCTION log_delete();
            CREATE RULE p_keep AS ON DELETE TO p WHERE old.id = 99 DO INSTEAD NOTHING;
            INSERT INTO p VALUES (1); INSERT INTO c VALUES (1);
        )")), qPrintable(db.error()));
        Loaded loaded = load(db);
        auto impact = DeleteImpactAnalyzer(*loaded.connection, loaded.catalog)
                          .analyze({QStringLiteral("p"), {{QStringLiteral("id"), QStringLiteral("1")}}, {}});
        QVERIFY2(impact.ok(), qPrintable(impact.error().message));
        const QString warnings = impact->warnings.join(QLatin1Char('\n'));
        QVERIFY2(warnings.contains(QLatin1String("trigger c_logs on c")), qPrintable(warnings));
        QVERIFY2(warnings.contains(QLatin1String("rule p_keep on p")), qPrintable(warnings));
    }

    void whatCannotBeSeenMakesTheAnswerIncomplete()
    {
        TestDatabase db(QStringLiteral("privileges"));
        QVERIFY2(db.run(QStringLiteral(R"(
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fkscope_reader') THEN
                CREATE ROLE fkscope_reader LOGIN;
              END IF;
            END $$;
            CREATE TABLE p (id int PRIMARY KEY);
            CREATE TABLE secret (p_id int REFERENCES p);
            CREATE TABLE guarded (p_id int REFERENCES p ON DELETE CASCADE);
            ALTER TABLE guarded ENABLE ROW LEVEL SECURITY;
            CREATE POLICY none_visible ON guarded USING (false);
            GRANT SELECT ON p, guarded TO fkscope_reader;
            INSERT INTO p VALUES (1); INSERT INTO secret VALUES (1); INSERT INTO guarded VALUES (1);
        )")), qPrintable(db.error()));
        ConnInfo info = db.connInfo();
        info.set(QStringLiteral("user"), QStringLiteral("fkscope_reader"));
        auto connection = Connection::open(info);
        QVERIFY2(connection.ok(), qPrintable(connection.error().message));
        auto catalog = CatalogLoader(*connection.value()).load();
        QVERIFY(catalog.ok());
        auto impact = DeleteImpactAnalyzer(*connection.value(), catalog.value())
                          .analyze({QStringLiteral("p"), {{QStringLiteral("id"), QStringLiteral("1")}}, {}});
        QVERIFY2(impact.ok(), qPrintable(impact.error().message));
        // The reader cannot know: secret blocks, but the reader may not look at it.
        QVERIFY(!impact->fails.has_value());
        const QString why = impact->incomplete.join(QLatin1Char('\n'));
        QVERIFY2(why.contains(QLatin1String("no SELECT privilege on public.secret")), qPrintable(why));
        QVERIFY2(why.contains(QLatin1String("row-level security hides rows of public.guarded")), qPrintable(why));
    }

    // Checks and updates that fkscope does not evaluate make the answer unknown rather than a
    // guess. (The DELETEs fail on PostgreSQL with 23514 and 23505; the last one succeeds and
    // updates g, which fkscope would not count.)
    void unevaluatedChecksOnWrittenColumnsLeaveTheAnswerOpen_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("reason");
        QTest::newRow("CHECK on the nulled column")
            << R"(CREATE TABLE p (id int PRIMARY KEY);
                  CREATE TABLE c (id int PRIMARY KEY, pid int CHECK (pid IS NOT NULL) REFERENCES p ON DELETE SET NULL);
                  INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1);)"
            << "CHECK constraint c_pid_check";
        QTest::newRow("domain CHECK on the nulled column")
            << R"(CREATE DOMAIN present AS int CHECK (VALUE IS NOT NULL);
                  CREATE TABLE p (id int PRIMARY KEY);
                  CREATE TABLE c (id int PRIMARY KEY, pid present REFERENCES p ON DELETE SET NULL);
                  INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1);)"
            << "domain CHECK constraint present_check";
        QTest::newRow("UNIQUE NULLS NOT DISTINCT on the nulled column")
            << R"(CREATE TABLE p (id int PRIMARY KEY);
                  CREATE TABLE c (id int PRIMARY KEY, pid int REFERENCES p ON DELETE SET NULL, UNIQUE NULLS NOT DISTINCT (pid));
                  INSERT INTO p VALUES (1), (2); INSERT INTO c VALUES (1, 1), (2, 2), (3, NULL);)"
            << "unique index c_pid_key";
        QTest::newRow("the nulled column is referenced ON UPDATE CASCADE")
            << R"(CREATE TABLE p (id int PRIMARY KEY);
                  CREATE TABLE c (id int PRIMARY KEY, code int UNIQUE REFERENCES p ON DELETE SET NULL);
                  CREATE TABLE g (id int PRIMARY KEY, code int REFERENCES c (code) ON UPDATE CASCADE);
                  INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1); INSERT INTO g VALUES (1, 1);)"
            << "which key g_code_fkey of public.g references (ON UPDATE CASCADE)";
    }

    void unevaluatedChecksOnWrittenColumnsLeaveTheAnswerOpen()
    {
        QFETCH(QString, schema);
        QFETCH(QString, reason);
        TestDatabase db(QStringLiteral("unevaluated"));
        QVERIFY2(db.run(schema), qPrintable(db.error()));
        Loaded loaded = load(db);
        const ActualDelete actual = runRealDelete(*loaded.connection, loaded.catalog, QStringLiteral("DELETE FROM p WHERE id = 1"));
        QVERIFY(actual.fails || actual.updated.size() > 1);
        auto impact = DeleteImpactAnalyzer(*loaded.connection, loaded.catalog)
                          .analyze({QStringLiteral("p"), {{QStringLiteral("id"), QStringLiteral("1")}}, {}});
        QVERIFY2(impact.ok(), qPrintable(impact.error().message));
        const QString why = impact->incomplete.join(QLatin1Char('\n'));
        QVERIFY2(!impact->fails.has_value(), qPrintable(why));
        QVERIFY2(why.contains(reason), qPrintable(why));
    }

    // Where PostgreSQL's answer depends on an order it does not promise, fkscope says it
    // cannot know, and the test shows PostgreSQL giving both answers for the same rows:
    // - one statement deletes p 1 and p 2; c's row references p 1 through a NO ACTION key and
    //   is deleted by p 2's cascade. It blocks if p 1's triggers fire first, which is the order
    //   a sequential scan reaches the rows in: moving p 1 to the end of the table (an UPDATE
    //   writes a new row version) turns the failure into a success.
    // - p's row sets c.b to its default (k1) and cascades to p2 (k2), whose row sets c.a NULL
    //   (k3). An RI action queues the triggers it causes behind those already queued, and a
    //   check skips a row version that was written again since: if k1 fires first, the check
    //   of (1, 99) runs before k3's write and fails; if k2 does, k3's write comes first and
    //   only (NULL, 99) is checked. The keys' names (their creation order) decide.
    void orderDependentAnswersAreUnknown_data()
    {
        QTest::addColumn<QStringList>("schemas");
        QTest::addColumn<QString>("root");
        QTest::addColumn<QString>("reason");
        const QString twoRows = QStringLiteral(R"(CREATE TABLE p (id int PRIMARY KEY, note text);
                  CREATE TABLE c (id int PRIMARY KEY, blocker int REFERENCES p ON DELETE NO ACTION,
                                  owner int REFERENCES p ON DELETE CASCADE);
                  INSERT INTO p VALUES (1), (2); INSERT INTO c VALUES (1, 1, 2);)");
        QTest::newRow("a blocking row deleted by another root row's cascade")
            << QStringList{twoRows, twoRows + QStringLiteral("UPDATE p SET note = 'moved' WHERE id = 1;")}
            << "true" << "depends on the order PostgreSQL fires the cascades";
        const QString tables = QStringLiteral(R"(CREATE TABLE q (x int, y int, PRIMARY KEY (x, y));
                  CREATE TABLE p (id int PRIMARY KEY);
                  CREATE TABLE p2 (id int PRIMARY KEY, pid int);
                  CREATE TABLE c (id int PRIMARY KEY, a int, b int DEFAULT 99, FOREIGN KEY (a, b) REFERENCES q);
                  INSERT INTO q VALUES (1, 1); INSERT INTO p VALUES (1), (99); INSERT INTO p2 VALUES (1, 1);
                  INSERT INTO c VALUES (1, 1, 1);
                  ALTER TABLE c ADD CONSTRAINT k3 FOREIGN KEY (a) REFERENCES p2 ON DELETE SET NULL;)");
        const QString defaultFirst = QStringLiteral(R"(ALTER TABLE c ADD CONSTRAINT k1 FOREIGN KEY (b) REFERENCES p ON DELETE SET DEFAULT;
                  ALTER TABLE p2 ADD CONSTRAINT k2 FOREIGN KEY (pid) REFERENCES p ON DELETE CASCADE;)");
        const QString cascadeFirst = QStringLiteral(R"(ALTER TABLE p2 ADD CONSTRAINT k2 FOREIGN KEY (pid) REFERENCES p ON DELETE CASCADE;
                  ALTER TABLE c ADD CONSTRAINT k1 FOREIGN KEY (b) REFERENCES p ON DELETE SET DEFAULT;)");
        QTest::newRow("two writes on one row")
            << QStringList{tables + defaultFirst, tables + cascadeFirst} << "id = 1"
            << "written by";
    }

    void orderDependentAnswersAreUnknown()
    {
        QFETCH(QStringList, schemas);
        QFETCH(QString, root);
        QFETCH(QString, reason);
        QSet<bool> outcomes;
        for (const QString &schema : schemas) {
            TestDatabase db(QStringLiteral("order"));
            QVERIFY2(db.run(schema), qPrintable(db.error()));
            Loaded loaded = load(db);
            outcomes.insert(runRealDelete(*loaded.connection, loaded.catalog, QStringLiteral("DELETE FROM p WHERE ") + root).fails);
            for (bool generalOnly : {false, true}) {
                DeleteImpactAnalyzer analyzer(*loaded.connection, loaded.catalog);
                analyzer.setGeneralPlanOnly(generalOnly);
                auto impact = analyzer.analyze({QStringLiteral("p"), {}, root});
                QVERIFY2(impact.ok(), qPrintable(impact.error().message));
                const QString why = impact->incomplete.join(QLatin1Char('\n'));
                QVERIFY2(!impact->fails.has_value(), qPrintable(why));
                QVERIFY2(why.contains(reason), qPrintable(why));
            }
        }
        QCOMPARE(outcomes, (QSet<bool>{true, false}));
    }

    void badRootsAreClearErrors_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown table") << "nope" << "id" << "1" << int(Error::Kind::Usage) << "does not exist";
        QTest::newRow("garbage table name") << "a.b.c.d" << "id" << "1" << int(Error::Kind::Usage) << "a.b.c.d";
        QTest::newRow("unknown column") << "users" << "nope" << "1" << int(Error::Kind::Usage) << "no column 'nope'";
        QTest::newRow("value does not cast") << "users" << "id" << "abc" << int(Error::Kind::Usage) << "bigint";
        QTest::newRow("no such row") << "users" << "id" << "424242" << int(Error::Kind::Query) << "no row";
    }

    void badRootsAreClearErrors()
    {
        QFETCH(QString, table);
        QFETCH(QString, column);
        QFETCH(QString, value);
        QFETCH(int, kind);
        QFETCH(QString, mentions);
        TestDatabase db(QStringLiteral("badroot"));
        QVERIFY(db.run(QStringLiteral("CREATE TABLE users (id bigint PRIMARY KEY); INSERT INTO users VALUES (1)")));
        Loaded loaded = load(db);
        auto impact = DeleteImpactAnalyzer(*loaded.connection, loaded.catalog).analyze({table, {{column, value}}, {}});
        QVERIFY(!impact.ok());
        QCOMPARE(int(impact.error().kind), kind);
        QVERIFY2(impact.error().message.contains(mentions), qPrintable(impact.error().message));
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestDeleteImpact)
#include "tst_deleteimpact.moc"
