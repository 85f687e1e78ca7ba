// fkscope-cli infer-keys, judged by PostgreSQL: declared keys are never proposed, many orphans
// outweigh any name, composite and self-referencing keys and odd names come through, orphan
// counts are the server's (or within the stated bound of a sample), the SQL runs, each child
// column set is read once, and nothing is written. The precision and recall figures are in
// tst_inferkeys_figures.cpp.
#include "CliRun.h"
#include "KeyScore.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include "catalog/CatalogLoader.h"
#include "db/Connection.h"
#include "infer/KeyInference.h"
#include "infer/KeyNames.h"
#include "infer/KeyScoring.h"

#include <QCoreApplication>
#include <QFile>
#include <QMap>

#include <cmath>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

namespace {

// Every table's rows and the counters of rows written, as another session sees them.
QString databaseState(TestDatabase &db)
{
    return db.queryValue(QStringLiteral(
        "SELECT (SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables) || '/' || "
        "(SELECT count(*) FROM pg_constraint) || '/' || (SELECT count(*) FROM pg_class) || '/' || "
        "(SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM (SELECT * FROM orders) t) || '/' || "
        "(SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM (SELECT * FROM users) t)"));
}

QString otherSessions(TestDatabase &db)
{
    // Autovacuum's workers have their own statistics; only the clients' matter here.
    return db.queryValue(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                        "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"));
}

const char *const manyOrphansSchema = R"SQL(
            CREATE TABLE users (id int PRIMARY KEY, name text);
            INSERT INTO users SELECT g, 'u' || g FROM generate_series(1, 100) g;
            CREATE TABLE orders (id int PRIMARY KEY, user_id int);
            -- every third order points at no user: the name says key, the data says no
            INSERT INTO orders SELECT g, CASE WHEN g % 3 = 0 THEN 1000 + g ELSE 1 + g % 100 END FROM generate_series(1, 600) g;
            CREATE TABLE reviews (id int PRIMARY KEY, user_id int, stars int);
            -- two orphans in 500 rows: data that mostly follows its key
            INSERT INTO reviews SELECT g, CASE WHEN g IN (7, 8) THEN 5000 + g ELSE 1 + g % 100 END, 1 + g % 5 FROM generate_series(1, 500) g;
            ANALYZE;)SQL";

const char *const compositeSchema = R"SQL(
            CREATE TABLE orders (id int PRIMARY KEY);
            INSERT INTO orders SELECT generate_series(1, 50);
            CREATE TABLE order_lines (order_id int, line_no int, PRIMARY KEY (order_id, line_no));
            INSERT INTO order_lines SELECT o, l FROM generate_series(1, 50) o, generate_series(1, 4) l;
            CREATE TABLE deliveries (id int PRIMARY KEY, order_id int, line_no int);
            INSERT INTO deliveries SELECT g, 1 + g % 50, 1 + g % 4 FROM generate_series(1, 300) g;
            CREATE TABLE categories (id int PRIMARY KEY, parent_id int, name text);
            INSERT INTO categories SELECT g, CASE WHEN g > 5 THEN 1 + g % 5 END, 'c' || g FROM generate_series(1, 40) g;
            ANALYZE;)SQL";

const char *const oddNamesSchema = R"SQL(
            CREATE SCHEMA "Sales";
            CREATE TABLE "Sales"."Orders" ("Order ID" int PRIMARY KEY, note text);
            INSERT INTO "Sales"."Orders" SELECT g, 'n' FROM generate_series(1, 30) g;
            CREATE TABLE "Sales"."Order Items" ("Item ID" int PRIMARY KEY, "Order ID" int, qty int);
            INSERT INTO "Sales"."Order Items" SELECT g, 1 + g % 30, 1 FROM generate_series(1, 90) g;
            CREATE TABLE "we""ird" (id int PRIMARY KEY);
            INSERT INTO "we""ird" SELECT generate_series(1, 10);
            CREATE TABLE "Notes" (id int PRIMARY KEY, "We""irdId" int);
            INSERT INTO "Notes" SELECT g, 1 + g % 10 FROM generate_series(1, 20) g;
            ANALYZE;)SQL";

const char *const sampledSchema = R"SQL(
    CREATE TABLE users (id int PRIMARY KEY);
    INSERT INTO users SELECT generate_series(1, 1000);
    -- one event in 50 points at no user, spread over every page
    CREATE TABLE events (id int PRIMARY KEY, user_id int, payload text);
    INSERT INTO events SELECT g, CASE WHEN g % 50 = 0 THEN 100000 + g ELSE 1 + g % 1000 END, 'event ' || g
      FROM generate_series(1, 200000) g;
    ANALYZE;)SQL";

const char *const partitionedSchema = R"SQL(
    CREATE TABLE users (id int PRIMARY KEY);
    INSERT INTO users SELECT generate_series(1, 100);
    CREATE TABLE events (id int, user_id int) PARTITION BY RANGE (id);
    CREATE TABLE events_1 PARTITION OF events FOR VALUES FROM (1) TO (1001);
    -- one orphan in 1000 rows
    INSERT INTO events SELECT g, CASE WHEN g = 500 THEN 9999 ELSE 1 + g % 100 END FROM generate_series(1, 1000) g;
    CREATE TABLE visits (id int, user_id int) PARTITION BY RANGE (id);
    CREATE TABLE visits_1 PARTITION OF visits FOR VALUES FROM (1) TO (1001);
    INSERT INTO visits SELECT g, 1 + g % 100 FROM generate_series(1, 1000) g;
    ANALYZE;)SQL";

} // namespace

class TestInferKeys : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void namesAreComparedAsOneSpelling_data()
    {
        QTest::addColumn<QString>("identifier");
        QTest::addColumn<QString>("normalizedSingular");
        QTest::newRow("snake") << "order_items" << "order_item";
        QTest::newRow("camel") << "CustomerID" << "customer_id";
        QTest::newRow("quoted with space") << "Order Items" << "order_item";
        QTest::newRow("ies") << "categories" << "category";
        QTest::newRow("es") << "addresses" << "address";
        QTest::newRow("german plural") << "größen" << "größe";
        QTest::newRow("irregular") << "people" << "person";
        QTest::newRow("status stays") << "status" << "status";
    }

    void namesAreComparedAsOneSpelling()
    {
        QFETCH(QString, identifier);
        QFETCH(QString, normalizedSingular);
        QCOMPARE(keynames::singular(keynames::normalized(identifier)), normalizedSingular);
    }

    void idSuffixesAreTakenOff()
    {
        QCOMPARE(keynames::withoutIdSuffix(QStringLiteral("user_id")), QStringLiteral("user"));
        QCOMPARE(keynames::withoutIdSuffix(QStringLiteral("custid")), QStringLiteral("cust"));
        QCOMPARE(keynames::withoutIdSuffix(keynames::normalized(QStringLiteral("UserFK"))), QStringLiteral("user"));
        QCOMPARE(keynames::withoutIdSuffix(QStringLiteral("paid")), QString());
        QVERIFY(keynames::isSelfReferenceName(QStringLiteral("parent_id")));
        QVERIFY(keynames::isSelfReferenceName(QStringLiteral("reports_to")));
        QVERIFY(!keynames::isSelfReferenceName(QStringLiteral("user_id")));
    }

    void manyOrphansOutweighAnyName()
    {
        ValueEvidence clean;
        clean.checked = true;
        clean.nonNullRows = 1000;
        clean.distinctValues = 100;
        QCOMPARE(valueFactor(clean), 1.0);
        ValueEvidence few = clean;
        few.orphanRows = 20;
        few.orphanValues = 2;
        QVERIFY(valueFactor(few) > 0.9);
        ValueEvidence many = clean;
        many.orphanRows = 300;
        many.orphanValues = 30;
        QVERIFY(1.0 * valueFactor(many) < InferredKey::proposalThreshold);
    }

    void declaredKeysAreNeverProposed()
    {
        TestDatabase db(QStringLiteral("infer"));
        QVERIFY2(db.runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(db.error()));
        // Half of the keys stay: those must not come back, the others should.
        QVERIFY(db.run(QStringLiteral("ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey; "
                                      "ALTER TABLE reviews DROP CONSTRAINT reviews_product_id_fkey")));
        const KeySet declared = declaredKeys(db);
        const CliRun run = inferKeys(db);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QSet<QString> declaredChildColumns;
        for (const QString &key : declared)
            declaredChildColumns.insert(key.section(QStringLiteral("->"), 0, 0));
        for (const QJsonValue &v : run.json.value(QLatin1String("candidates")).toArray()) {
            const QJsonObject c = v.toObject();
            const QString key = keyText(c.value(QLatin1String("child")).toString(), strings(c.value(QLatin1String("child_columns"))),
                                        c.value(QLatin1String("parent")).toString(), strings(c.value(QLatin1String("parent_columns"))));
            QVERIFY2(!declaredChildColumns.contains(key.section(QStringLiteral("->"), 0, 0)), qPrintable(key));
        }
        const KeySet proposed = proposedKeys(run.json);
        QVERIFY(proposed.contains(QStringLiteral("public.orders(user_id)->public.users(id)")));
        QVERIFY(proposed.contains(QStringLiteral("public.reviews(product_id)->public.products(id)")));
    }

    void aColumnWithManyOrphansIsNotProposed()
    {
        TestDatabase db(QStringLiteral("infer"));
        QVERIFY(db.run(QString::fromUtf8(manyOrphansSchema)));
        const CliRun run = inferKeys(db);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject orders = candidate(run.json, QStringLiteral("public.orders"), {QStringLiteral("user_id")});
        QVERIFY(!orders.isEmpty());
        QVERIFY(orders.value(QLatin1String("confidence")).toDouble() < 0.5);
        QVERIFY(strings(orders.value(QLatin1String("evidence"))).contains(QStringLiteral("many_orphans")));
        QCOMPARE(orders.value(QLatin1String("orphans")).toInteger(),
                 db.queryValue(QStringLiteral("SELECT count(*) FROM orders o WHERE NOT EXISTS "
                                              "(SELECT FROM users u WHERE u.id = o.user_id)")).toLongLong());
        QCOMPARE(orders.value(QLatin1String("child_rows")).toInteger(), 600);

        const QJsonObject reviews = candidate(run.json, QStringLiteral("public.reviews"), {QStringLiteral("user_id")});
        QVERIFY(reviews.value(QLatin1String("confidence")).toDouble() >= 0.5);
        QCOMPARE(reviews.value(QLatin1String("orphans")).toInteger(), 2);
        // stars holds 1..5, all of them user ids, but nothing in its name says user.
        QVERIFY(candidate(run.json, QStringLiteral("public.reviews"), {QStringLiteral("stars")}).isEmpty());
    }

    void compositeAndSelfReferencingKeysAreFound()
    {
        TestDatabase db(QStringLiteral("infer"));
        QVERIFY(db.run(QString::fromUtf8(compositeSchema)));
        const CliRun run = inferKeys(db);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const KeySet proposed = proposedKeys(run.json);
        QVERIFY2(proposed.contains(QStringLiteral("public.deliveries(line_no, order_id)->public.order_lines(line_no, order_id)")),
                 qPrintable(proposed.values().join(QLatin1Char('\n'))));
        QVERIFY(proposed.contains(QStringLiteral("public.categories(parent_id)->public.categories(id)")));
        QVERIFY(proposed.contains(QStringLiteral("public.order_lines(order_id)->public.orders(id)")));
        // deliveries.order_id -> orders follows from the composite key and order_lines' own key.
        QVERIFY(!proposed.contains(QStringLiteral("public.deliveries(order_id)->public.orders(id)")));
        const QJsonObject self = candidate(run.json, QStringLiteral("public.categories"), {QStringLiteral("parent_id")});
        QVERIFY(strings(self.value(QLatin1String("evidence"))).contains(QStringLiteral("self_reference")));
    }

    // Two ORMs' styles: Django names a table by its application (shop_item.category_id ->
    // shop_category), Entity Framework writes PascalCase ("Orders"."CustomerId" -> "Customers"."Id").
    void ormNamingStylesAreFound()
    {
        TestDatabase db(QStringLiteral("infer"));
        QVERIFY2(db.run(QStringLiteral(R"sql(
            CREATE TABLE shop_category (id serial PRIMARY KEY, name text);
            CREATE TABLE shop_item (id serial PRIMARY KEY, category_id int, name text);
            INSERT INTO shop_category (name) SELECT 'c' || g FROM generate_series(1, 20) g;
            INSERT INTO shop_item (category_id, name) SELECT 1 + g % 20, 'i' FROM generate_series(1, 300) g;
            CREATE TABLE "Customers" ("Id" int PRIMARY KEY, "Name" text);
            CREATE TABLE "Orders" ("Id" int PRIMARY KEY, "CustomerId" int, "Total" numeric);
            INSERT INTO "Customers" SELECT g, 'c' || g FROM generate_series(1, 100) g;
            INSERT INTO "Orders" SELECT g, 1 + g % 100, g FROM generate_series(1, 500) g;
            ANALYZE;
        )sql")), qPrintable(db.error()));
        const CliRun run = inferKeys(db);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const KeySet proposed = proposedKeys(run.json);
        QVERIFY2(proposed.contains(QStringLiteral("public.shop_item(category_id)->public.shop_category(id)")),
                 qPrintable(proposed.values().join(QLatin1Char('\n'))));
        QVERIFY2(proposed.contains(QStringLiteral("public.\"Orders\"(CustomerId)->public.\"Customers\"(Id)")),
                 qPrintable(proposed.values().join(QLatin1Char('\n'))));
        QCOMPARE(proposed.size(), 2);
    }

    void oddIdentifiersSurviveAndTheSqlRuns()
    {
        TestDatabase db(QStringLiteral("infer"));
        QVERIFY(db.run(QString::fromUtf8(oddNamesSchema)));
        const CliRun run = inferKeys(db);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const KeySet proposed = proposedKeys(run.json);
        QVERIFY2(proposed.contains(QStringLiteral("\"Sales\".\"Order Items\"(Order ID)->\"Sales\".\"Orders\"(Order ID)")),
                 qPrintable(proposed.values().join(QLatin1Char('\n'))));
        QVERIFY(proposed.contains(QStringLiteral("public.\"Notes\"(We\"irdId)->public.\"we\"\"ird\"(id)")));

        const CliRun sql = inferKeys(db, {QStringLiteral("--format"), QStringLiteral("sql")});
        QVERIFY2(sql.exitCode == 0, qPrintable(sql.err));
        QCOMPARE(int(sql.out.count("ADD CONSTRAINT")), int(proposed.size()));
        QTemporaryDir dir;
        QFile script(dir.filePath(QStringLiteral("keys.sql")));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("BEGIN;\n" + sql.out
                     + "\nSELECT count(*) AS added FROM pg_constraint WHERE contype = 'f';\nROLLBACK;\n");
        script.close();
        QVERIFY2(db.runFile(script.fileName()), qPrintable(db.error()));
        QCOMPARE(db.queryValue(QStringLiteral("SELECT count(*) FROM pg_constraint WHERE contype = 'f'")), QStringLiteral("0"));
    }

    void theSqlRunsInATransaction_data()
    {
        QTest::addColumn<QString>("source");
        QTest::newRow("generated x_id, with orphans") << QStringLiteral("x_id");
        // partitioned tables on both sides, INHERITS, a composite key into a partitioned table
        QTest::newRow("demo shop") << QStringLiteral("demo");
    }

    void theSqlRunsInATransaction()
    {
        QFETCH(QString, source);
        TestDatabase db(QStringLiteral("infer"));
        if (source == QLatin1String("demo"))
            QVERIFY2(db.runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(db.error()));
        else
            QVERIFY2(db.runGenerator(QStringLiteral("generate_infer_schema.py"), {QStringLiteral("--style"), source}),
                     qPrintable(db.error()));
        QVERIFY(dropForeignKeys(db));
        const CliRun json = inferKeys(db);
        const CliRun sql = inferKeys(db, {QStringLiteral("--format"), QStringLiteral("sql")});
        QVERIFY2(sql.exitCode == 0, qPrintable(sql.err));
        const qsizetype proposals = proposedKeys(json.json).size();
        QVERIFY(proposals > 25);
        QCOMPARE(qsizetype(sql.out.count("\nALTER TABLE ")), proposals);
        QVERIFY(sql.out.contains("orphan row(s)"));
        QVERIFY(sql.out.contains("CREATE INDEX ON "));
        QTemporaryDir dir;
        QFile script(dir.filePath(QStringLiteral("keys.sql")));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("BEGIN;\n" + sql.out + "\nDO $$BEGIN IF (SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conparentid = 0) <> "
                     + QByteArray::number(proposals) + " THEN RAISE 'keys missing'; END IF; END$$;\nROLLBACK;\n");
        script.close();
        QVERIFY2(db.runFile(script.fileName()), qPrintable(db.error()));
        QCOMPARE(db.queryValue(QStringLiteral("SELECT count(*) FROM pg_constraint WHERE contype = 'f'")), QStringLiteral("0"));
    }

    void aPartitionedChildTakesItsKeyAsItIsAdded()
    {
        // PostgreSQL 15 refuses NOT VALID on a partitioned table: its key is checked as it is
        // added, so with orphans it is left as a comment, and without them it runs plain.
        TestDatabase db(QStringLiteral("infer"));
        QVERIFY(db.run(QString::fromUtf8(partitionedSchema)));
        const CliRun sql = inferKeys(db, {QStringLiteral("--format"), QStringLiteral("sql")});
        QVERIFY2(sql.exitCode == 0, qPrintable(sql.err));
        QVERIFY2(sql.out.contains("-- Not written: a partitioned table cannot take a NOT VALID key")
                     && sql.out.contains("-- ALTER TABLE \"public\".\"events\" ADD CONSTRAINT \"events_user_id_fkey\""),
                 sql.out.constData());
        QVERIFY(sql.out.contains("\nALTER TABLE \"public\".\"visits\" ADD CONSTRAINT \"visits_user_id_fkey\" FOREIGN KEY "
                                 "(\"user_id\") REFERENCES \"public\".\"users\" (\"id\");"));
        QTemporaryDir dir;
        QFile script(dir.filePath(QStringLiteral("keys.sql")));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("BEGIN;\n" + sql.out + "\nROLLBACK;\n");
        script.close();
        QVERIFY2(db.runFile(script.fileName()), qPrintable(db.error()));
    }

    void nothingIsWritten()
    {
        TestDatabase db(QStringLiteral("infer"));
        QVERIFY2(db.runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(db.error()));
        QVERIFY(dropForeignKeys(db));
        // A session reports what it wrote as it ends; wait until the loading ones have.
        QTRY_COMPARE_WITH_TIMEOUT(otherSessions(db), QStringLiteral("0"), 10000);
        const QString before = databaseState(db);
        QVERIFY(!before.isEmpty());
        const CliRun run = inferKeys(db);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QTRY_COMPARE_WITH_TIMEOUT(otherSessions(db), QStringLiteral("0"), 10000);
        QCOMPARE(databaseState(db), before);
        // The same check sees a write, so it can fail.
        QVERIFY(db.run(QStringLiteral("UPDATE users SET name = name WHERE id = 1")));
        QTRY_VERIFY_WITH_TIMEOUT(databaseState(db) != before, 10000);
    }

    void bigChildrenAreSampledWithinTheStatedBound()
    {
        TestDatabase db(QStringLiteral("infer"));
        QVERIFY(db.run(QString::fromUtf8(sampledSchema)));
        const CliRun exact = inferKeys(db, {QStringLiteral("--sample-rows"), QStringLiteral("0")});
        const CliRun sampled = inferKeys(db, {QStringLiteral("--sample-rows"), QStringLiteral("10000")});
        QVERIFY2(sampled.exitCode == 0, qPrintable(sampled.err));
        const QJsonObject e = candidate(exact.json, QStringLiteral("public.events"), {QStringLiteral("user_id")});
        const QJsonObject s = candidate(sampled.json, QStringLiteral("public.events"), {QStringLiteral("user_id")});
        QVERIFY(!strings(e.value(QLatin1String("evidence"))).contains(QStringLiteral("sampled")));
        QVERIFY(strings(s.value(QLatin1String("evidence"))).contains(QStringLiteral("sampled")));
        const qint64 orphans = db.queryValue(QStringLiteral("SELECT count(*) FROM events e WHERE NOT EXISTS "
                                                            "(SELECT FROM users u WHERE u.id = e.user_id)")).toLongLong();
        QCOMPARE(e.value(QLatin1String("orphans")).toInteger(), orphans);
        QCOMPARE(e.value(QLatin1String("child_rows")).toInteger(), 200000);
        // Hoeffding's 95% bound for about 10,000 sampled rows, as the README states it.
        const double bound = std::sqrt(std::log(2.0 / 0.05) / (2.0 * 10000 * 0.8)) * 200000;
        QVERIFY2(std::abs(s.value(QLatin1String("orphans")).toInteger() - orphans) <= bound,
                 qPrintable(QStringLiteral("%1 estimated, %2 counted").arg(s.value(QLatin1String("orphans")).toInteger()).arg(orphans)));
        QVERIFY(s.value(QLatin1String("confidence")).toDouble() >= 0.5);
    }

    void eachChildColumnSetIsReadOnce()
    {
        TestDatabase db(QStringLiteral("infer"));
        QVERIFY2(db.runGenerator(QStringLiteral("generate_infer_schema.py"), {QStringLiteral("--style"), QStringLiteral("schemas")}),
                 qPrintable(db.error()));
        QVERIFY(dropForeignKeys(db));
        const QString reads = QStringLiteral("SELECT format('%I.%I', schemaname, relname), seq_scan + coalesce(idx_scan, 0) "
                                             "FROM pg_stat_user_tables ORDER BY 1");
        QTRY_COMPARE_WITH_TIMEOUT(otherSessions(db), QStringLiteral("0"), 10000);
        QMap<QString, qint64> before;
        for (const QString &row : db.query(reads))
            before.insert(row.section(QLatin1Char('|'), 0, 0), row.section(QLatin1Char('|'), 1).toLongLong());
        const CliRun run = inferKeys(db);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QTRY_COMPARE_WITH_TIMEOUT(otherSessions(db), QStringLiteral("0"), 10000);
        // A table is read once for each of its column sets it is the child of, and at most
        // once more for each time it is a candidate parent.
        QMap<QString, QSet<QString>> childSets;
        QMap<QString, int> parentUses;
        for (const QJsonValue &v : run.json.value(QLatin1String("candidates")).toArray()) {
            const QJsonObject c = v.toObject();
            childSets[c.value(QLatin1String("child")).toString()].insert(strings(c.value(QLatin1String("child_columns"))).join(QLatin1Char(',')));
            ++parentUses[c.value(QLatin1String("parent")).toString()];
        }
        QVERIFY(childSets.size() > 20);
        for (const QString &row : db.query(reads)) {
            const QString table = row.section(QLatin1Char('|'), 0, 0);
            const qint64 scans = row.section(QLatin1Char('|'), 1).toLongLong() - before.value(table);
            QVERIFY2(scans <= childSets.value(table).size() + parentUses.value(table),
                     qPrintable(QStringLiteral("%1 was read %2 times for %3 column sets and %4 parent uses")
                                    .arg(table).arg(scans).arg(childSets.value(table).size()).arg(parentUses.value(table))));
            if (parentUses.value(table) == 0)
                QCOMPARE(scans, qint64(childSets.value(table).size()));
        }
    }

    void aStatementTimeoutStopsItAsAQueryError()
    {
        TestDatabase db(QStringLiteral("infer"));
        QVERIFY(db.run(QString::fromUtf8(sampledSchema)));
        const CliRun run = inferKeys(db, {QStringLiteral("--sample-rows"), QStringLiteral("0"),
                                          QStringLiteral("--statement-timeout"), QStringLiteral("1")});
        QCOMPARE(run.exitCode, 4);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.startsWith(QLatin1String("fkscope-cli: ")) && run.err.contains(QLatin1String("statement timeout")),
                 qPrintable(run.err));
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
    }

    void aCancelStopsTheChecks()
    {
        TestDatabase db(QStringLiteral("infer"));
        QVERIFY2(db.runGenerator(QStringLiteral("generate_infer_schema.py"), {QStringLiteral("--style"), QStringLiteral("xid")}),
                 qPrintable(db.error()));
        QVERIFY(dropForeignKeys(db));
        auto connection = Connection::open(db.connInfo());
        QVERIFY(connection);
        auto catalog = CatalogLoader(*connection.value()).load();
        QVERIFY(catalog);
        KeyInference inference(*connection.value(), catalog.value());
        int checked = 0;
        inference.setProgress([&](int done, int) {
            checked = done;
            if (done == 3)
                connection.value()->cancel();
        });
        const auto keys = inference.infer();
        QVERIFY2(!keys, qPrintable(QStringLiteral("%1 checked, %2 keys").arg(checked).arg(keys ? int(keys->size()) : -1)));
        QVERIFY2(keys.error().isCancel(), qPrintable(keys.error().message));
        QVERIFY(checked >= 3 && checked <= 4);
        // The session is usable again, and no transaction was left open.
        connection.value()->clearCancelRequest();
        QVERIFY(connection.value()->isIdle());
        KeyInference again(*connection.value(), catalog.value());
        QVERIFY(again.infer());
    }

    void tablesItMayNotReadAreLeftOut()
    {
        const QString reader = QStringLiteral("infer_reader_%1").arg(QCoreApplication::applicationPid());
        {
            TestDatabase db(QStringLiteral("infer"));
            QVERIFY(db.run(QString::fromUtf8(manyOrphansSchema)));
            QVERIFY(db.run(QStringLiteral("CREATE ROLE %1 LOGIN; GRANT SELECT ON users, reviews TO %1").arg(reader)));
            const CliRun run = runCli({QStringLiteral("infer-keys"), QStringLiteral("--db"),
                                       db.connInfoString() + QStringLiteral(" user=") + reader});
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
            QVERIFY(proposedKeys(run.json).contains(QStringLiteral("public.reviews(user_id)->public.users(id)")));
            QVERIFY(candidate(run.json, QStringLiteral("public.orders"), {QStringLiteral("user_id")}).isEmpty());
        }
        QVERIFY(!runPsql(serverConnInfo(), {QStringLiteral("-c"), QStringLiteral("DROP ROLE %1").arg(reader)}).isNull());
    }

    void usageErrorsExitTwo()
    {
        TestDatabase db(QStringLiteral("infer"));
        CliRun run = inferKeys(db, {QStringLiteral("--format"), QStringLiteral("yaml")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QVERIFY(run.err.startsWith(QStringLiteral("fkscope-cli: unknown format 'yaml'")));
        run = inferKeys(db, {QStringLiteral("--schema"), QStringLiteral("nowhere")});
        QCOMPARE(run.exitCode, 2);
        run = runCli({QStringLiteral("infer-keys"), QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("--format"));
    }

    void schemaLimitsTheChildren()
    {
        TestDatabase db(QStringLiteral("infer"));
        QVERIFY2(db.runGenerator(QStringLiteral("generate_infer_schema.py"), {QStringLiteral("--style"), QStringLiteral("schemas")}),
                 qPrintable(db.error()));
        QVERIFY(dropForeignKeys(db));
        const CliRun run = inferKeys(db, {QStringLiteral("--schema"), QStringLiteral("sales")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonArray candidates = run.json.value(QLatin1String("candidates")).toArray();
        QVERIFY(!candidates.isEmpty());
        bool crossSchema = false;
        for (const QJsonValue &v : candidates) {
            QVERIFY(v.toObject().value(QLatin1String("child")).toString().startsWith(QLatin1String("sales.")));
            crossSchema = crossSchema || v.toObject().value(QLatin1String("parent")).toString().startsWith(QLatin1String("crm."));
        }
        QVERIFY(crossSchema);
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestInferKeys)
#include "tst_inferkeys.moc"
