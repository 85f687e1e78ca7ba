// The catalog loader against a real server: every foreign key exactly as pg_constraint has
// it, on the demo database, the shared sample databases and hand-made corner cases.
#include "CatalogOracle.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include "catalog/CatalogLoader.h"
#include "catalog/CatalogQueries.h"
#include "db/Connection.h"
#include "db/SqlQuery.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

namespace {

Result<Catalog> loadCatalog(const TestDatabase &db)
{
    auto connection = Connection::open(db.connInfo());
    if (!connection)
        return connection.error();
    return CatalogLoader(*connection.value()).load();
}

const ForeignKey *findKey(const Catalog &catalog, const QString &child, const QString &name)
{
    for (const ForeignKey &k : catalog.foreignKeys) {
        if (k.child == child && k.name == name)
            return &k;
    }
    return nullptr;
}

int keysNamed(const Catalog &catalog, const QString &name)
{
    return int(std::count_if(catalog.foreignKeys.begin(), catalog.foreignKeys.end(),
                             [&](const ForeignKey &k) { return k.name == name; }));
}

QString describeDifference(const QJsonArray &expected, const QJsonArray &actual)
{
    return QStringLiteral("expected %1 keys, got %2\nexpected: %3\nactual:   %4")
        .arg(expected.size())
        .arg(actual.size())
        .arg(QString::fromUtf8(QJsonDocument(expected).toJson(QJsonDocument::Compact)).left(4000),
             QString::fromUtf8(QJsonDocument(actual).toJson(QJsonDocument::Compact)).left(4000));
}

} // namespace

#define LOAD_OR_FAIL(catalog, db)                                                   \
    auto loaded_##catalog = loadCatalog(db);                                        \
    QVERIFY2(loaded_##catalog.ok(), qPrintable(loaded_##catalog.error().message)); \
    const Catalog &catalog = loaded_##catalog.value()

#define COMPARE_WITH_SERVER(catalog, db)                                                          \
    do {                                                                                          \
        const QJsonArray expected = foreignKeysFromServer(db);                                    \
        const QJsonArray actual = foreignKeysFromCatalog(catalog);                                \
        QVERIFY2(actual == expected, qPrintable(describeDifference(expected, actual)));          \
    } while (false)

class TestCatalogLoader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void demoDatabaseMatchesPgConstraint()
    {
        TestDatabase db(QStringLiteral("demo"));
        QVERIFY2(db.runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(db.error()));
        LOAD_OR_FAIL(catalog, db);
        QVERIFY(catalog.foreignKeys.size() >= 30);
        COMPARE_WITH_SERVER(catalog, db);
        QCOMPARE(catalog.database, db.name());
        QCOMPARE(int(catalog.tables.size()),
                 db.queryValue(QStringLiteral("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                                              "c.relnamespace WHERE relkind IN ('r','p') AND nspname NOT IN "
                                              "('pg_catalog','information_schema')"))
                     .toInt());
    }

    void pagilaMatchesPgConstraint()
    {
        const QString schema = sharedDatasetsDir() + QStringLiteral("/pagila/pagila-schema.sql");
        FKSCOPE_REQUIRE_DATASET(schema);
        TestDatabase db(QStringLiteral("pagila"));
        QVERIFY2(db.runFile(schema), qPrintable(db.error()));
        LOAD_OR_FAIL(catalog, db);
        COMPARE_WITH_SERVER(catalog, db);
        // payment is partitioned; its keys are declared on each partition with ALTER TABLE ONLY.
        const Table *payment = catalog.table(QStringLiteral("public.payment"));
        QVERIFY(payment);
        QCOMPARE(payment->kind, Table::Kind::Partitioned);
        const Table *partition = catalog.table(QStringLiteral("public.payment_p2022_01"));
        QVERIFY(partition);
        QCOMPARE(partition->partitionOf, QStringLiteral("public.payment"));
        QVERIFY(findKey(catalog, QStringLiteral("public.payment_p2022_01"),
                        QStringLiteral("payment_p2022_01_customer_id_fkey")));
    }

    void chinookMatchesPgConstraint()
    {
        // The file creates its own database and \c's into it: drop those lines (the shared
        // file itself is not edited).
        const QString path = sharedDatasetsDir() + QStringLiteral("/chinook/Chinook_PostgreSql.sql");
        FKSCOPE_REQUIRE_DATASET(path);
        QFile original(path);
        QVERIFY(original.open(QIODevice::ReadOnly));
        QString sql = QString::fromUtf8(original.readAll());
        sql.remove(QRegularExpression(QStringLiteral("^(DROP DATABASE|CREATE DATABASE|\\\\c)[^\\n]*$"),
                                      QRegularExpression::MultilineOption));
        QTemporaryDir dir;
        QFile stripped(dir.filePath(QStringLiteral("chinook.sql")));
        QVERIFY(stripped.open(QIODevice::WriteOnly));
        stripped.write(sql.toUtf8());
        stripped.close();

        TestDatabase db(QStringLiteral("chinook"));
        QVERIFY2(db.runFile(stripped.fileName()), qPrintable(db.error()));
        LOAD_OR_FAIL(catalog, db);
        QCOMPARE(int(catalog.foreignKeys.size()), 11);
        COMPARE_WITH_SERVER(catalog, db);
        const ForeignKey *selfReference =
            findKey(catalog, QStringLiteral("public.employee"), QStringLiteral("employee_reports_to_fkey"));
        QVERIFY(selfReference);
        QCOMPARE(selfReference->parent, QStringLiteral("public.employee"));
    }

    void namesAreQuotedAsQuoteIdentWould_data()
    {
        QTest::addColumn<QString>("createTable");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "CREATE TABLE public.orders (id int)" << "public.orders";
        QTest::newRow("mixed case and space") << R"(CREATE TABLE "Sales"."Order Items" (id int))"
                                              << R"("Sales"."Order Items")";
        QTest::newRow("reserved word") << R"(CREATE TABLE public."select" (id int))" << R"(public."select")";
        QTest::newRow("user") << R"(CREATE TABLE public."user" (id int))" << R"(public."user")";
        QTest::newRow("unreserved keyword") << "CREATE TABLE public.action (id int)" << "public.action";
        QTest::newRow("column-name keyword") << R"(CREATE TABLE public."between" (id int))" << R"(public."between")";
        QTest::newRow("type-function keyword") << R"(CREATE TABLE public."left" (id int))" << R"(public."left")";
        QTest::newRow("dotted") << R"(CREATE TABLE "dot.ted"."a.b" (id int))" << R"("dot.ted"."a.b")";
        QTest::newRow("unicode") << R"(CREATE TABLE public."größe" (id int))" << R"(public."größe")";
        QTest::newRow("quote inside") << R"(CREATE TABLE public."say ""hi""" (id int))" << R"(public."say ""hi""")";
        QTest::newRow("leading digit") << R"(CREATE TABLE public."1st" (id int))" << R"(public."1st")";
        QTest::newRow("underscore and digits") << "CREATE TABLE public._t_1 (id int)" << "public._t_1";
    }

    void namesAreQuotedAsQuoteIdentWould()
    {
        QFETCH(QString, createTable);
        QFETCH(QString, expected);
        TestDatabase db(QStringLiteral("quote"));
        QVERIFY(db.run(QStringLiteral(R"(CREATE SCHEMA IF NOT EXISTS "Sales"; CREATE SCHEMA IF NOT EXISTS "dot.ted";)")));
        QVERIFY2(db.run(createTable), qPrintable(db.error()));
        LOAD_OR_FAIL(catalog, db);
        QCOMPARE(int(catalog.tables.size()), 1);
        QCOMPARE(catalog.tables.front().qualifiedName, expected);
    }

    void compositeKeysPairColumnsInKeyOrder()
    {
        TestDatabase db(QStringLiteral("composite"));
        QVERIFY2(db.run(QStringLiteral(R"(
            CREATE TABLE parent (a int, b text, c int, PRIMARY KEY (a, b), UNIQUE (c, a));
            CREATE TABLE child (x int, y text, z int,
                CONSTRAINT by_pk FOREIGN KEY (y, x) REFERENCES parent (b, a),
                CONSTRAINT by_unique FOREIGN KEY (x, z) REFERENCES parent (a, c) MATCH FULL);
        )")), qPrintable(db.error()));
        LOAD_OR_FAIL(catalog, db);
        COMPARE_WITH_SERVER(catalog, db);
        const ForeignKey *byPk = findKey(catalog, QStringLiteral("public.child"), QStringLiteral("by_pk"));
        QVERIFY(byPk);
        QCOMPARE(byPk->childColumns, (QStringList{QStringLiteral("y"), QStringLiteral("x")}));
        QCOMPARE(byPk->parentColumns, (QStringList{QStringLiteral("b"), QStringLiteral("a")}));
        const ForeignKey *byUnique = findKey(catalog, QStringLiteral("public.child"), QStringLiteral("by_unique"));
        QVERIFY(byUnique);
        QCOMPARE(byUnique->parentColumns, (QStringList{QStringLiteral("a"), QStringLiteral("c")}));
        QCOMPARE(toString(byUnique->match), toString(FkMatch::Full));
    }

    void keysMayReferenceAUniqueIndexWithoutAConstraint()
    {
        TestDatabase db(QStringLiteral("uniqueindex"));
        QVERIFY2(db.run(QStringLiteral(R"(
            CREATE TABLE carrier (id int PRIMARY KEY, code text NOT NULL);
            CREATE UNIQUE INDEX carrier_code_idx ON carrier (code);
            CREATE UNIQUE INDEX carrier_partial_idx ON carrier (id) WHERE id > 0;
            CREATE TABLE shipment (carrier_code text REFERENCES carrier (code));
        )")), qPrintable(db.error()));
        LOAD_OR_FAIL(catalog, db);
        COMPARE_WITH_SERVER(catalog, db);
        const Table *carrier = catalog.table(QStringLiteral("public.carrier"));
        QVERIFY(carrier);
        QCOMPARE(int(carrier->uniqueKeys.size()), 2);  // the partial index cannot be referenced
        QVERIFY(carrier->uniqueKeys[0].isPrimary);
        QCOMPARE(carrier->uniqueKeys[1].name, QStringLiteral("carrier_code_idx"));
        QVERIFY(!carrier->uniqueKeys[1].isConstraint);
    }

    void theSameConstraintNameOnSeveralTablesIsKeptApart()
    {
        TestDatabase db(QStringLiteral("samename"));
        QVERIFY2(db.run(QStringLiteral(R"(
            CREATE TABLE owner (id int PRIMARY KEY);
            CREATE TABLE boat (id int PRIMARY KEY, owner_id int CONSTRAINT fk_owner REFERENCES owner ON DELETE CASCADE);
            CREATE TABLE car (owner_id int CONSTRAINT fk_owner REFERENCES owner ON DELETE SET NULL);
            CREATE SCHEMA other;
            CREATE TABLE other.car (boat_id int CONSTRAINT fk_owner REFERENCES boat ON DELETE RESTRICT);
        )")), qPrintable(db.error()));
        LOAD_OR_FAIL(catalog, db);
        COMPARE_WITH_SERVER(catalog, db);
        QCOMPARE(keysNamed(catalog, QStringLiteral("fk_owner")), 3);
        QCOMPARE(toString(findKey(catalog, QStringLiteral("public.boat"), QStringLiteral("fk_owner"))->onDelete), toString(FkAction::Cascade));
        QCOMPARE(toString(findKey(catalog, QStringLiteral("public.car"), QStringLiteral("fk_owner"))->onDelete), toString(FkAction::SetNull));
        const ForeignKey *crossSchema = findKey(catalog, QStringLiteral("other.car"), QStringLiteral("fk_owner"));
        QVERIFY(crossSchema);
        QCOMPARE(crossSchema->parent, QStringLiteral("public.boat"));
        QCOMPARE(toString(crossSchema->onDelete), toString(FkAction::Restrict));
    }

    void everyActionAndOptionIsRead()
    {
        TestDatabase db(QStringLiteral("actions"));
        QVERIFY2(db.run(QStringLiteral(R"(
            CREATE TABLE p (a int, b int, PRIMARY KEY (a, b));
            CREATE TABLE c (a int DEFAULT 0, b int DEFAULT 0,
              CONSTRAINT k_no_action FOREIGN KEY (a, b) REFERENCES p,
              CONSTRAINT k_restrict FOREIGN KEY (a, b) REFERENCES p ON DELETE RESTRICT ON UPDATE RESTRICT,
              CONSTRAINT k_cascade FOREIGN KEY (a, b) REFERENCES p ON DELETE CASCADE ON UPDATE CASCADE,
              CONSTRAINT k_set_null FOREIGN KEY (a, b) REFERENCES p ON DELETE SET NULL ON UPDATE SET NULL,
              CONSTRAINT k_set_default FOREIGN KEY (a, b) REFERENCES p ON DELETE SET DEFAULT ON UPDATE SET DEFAULT,
              CONSTRAINT k_set_null_b FOREIGN KEY (a, b) REFERENCES p ON DELETE SET NULL (b),
              CONSTRAINT k_set_default_a FOREIGN KEY (a, b) REFERENCES p ON DELETE SET DEFAULT (a),
              CONSTRAINT k_full FOREIGN KEY (a, b) REFERENCES p MATCH FULL,
              CONSTRAINT k_deferrable FOREIGN KEY (a, b) REFERENCES p DEFERRABLE,
              CONSTRAINT k_deferred FOREIGN KEY (a, b) REFERENCES p DEFERRABLE INITIALLY DEFERRED);
            CREATE TABLE orphans (a int, b int);
            INSERT INTO orphans VALUES (42, 42);
            ALTER TABLE orphans ADD CONSTRAINT k_not_valid FOREIGN KEY (b, a) REFERENCES p (b, a) NOT VALID;
        )")), qPrintable(db.error()));
        LOAD_OR_FAIL(catalog, db);
        COMPARE_WITH_SERVER(catalog, db);
        const QString c = QStringLiteral("public.c");
        auto key = [&](const char *name) { return findKey(catalog, c, QLatin1String(name)); };
        QCOMPARE(toString(key("k_no_action")->onDelete), toString(FkAction::NoAction));
        QCOMPARE(toString(key("k_restrict")->onUpdate), toString(FkAction::Restrict));
        QCOMPARE(toString(key("k_cascade")->onUpdate), toString(FkAction::Cascade));
        QCOMPARE(toString(key("k_set_null")->onDelete), toString(FkAction::SetNull));
        QVERIFY(key("k_set_null")->onDeleteSetColumns.isEmpty());
        QCOMPARE(toString(key("k_set_default")->onUpdate), toString(FkAction::SetDefault));
        QCOMPARE(key("k_set_null_b")->onDeleteSetColumns, QStringList{QStringLiteral("b")});
        QCOMPARE(toString(key("k_set_default_a")->onDelete), toString(FkAction::SetDefault));
        QCOMPARE(key("k_set_default_a")->onDeleteSetColumns, QStringList{QStringLiteral("a")});
        QCOMPARE(toString(key("k_full")->match), toString(FkMatch::Full));
        QVERIFY(key("k_deferrable")->deferrable);
        QVERIFY(!key("k_deferrable")->initiallyDeferred);
        QVERIFY(key("k_deferred")->initiallyDeferred);
        QVERIFY(!findKey(catalog, QStringLiteral("public.orphans"), QStringLiteral("k_not_valid"))->validated);
        QVERIFY(key("k_cascade")->validated);
    }

    void partitionedTablesShowEachKeyOnce()
    {
        TestDatabase db(QStringLiteral("partitions"));
        QVERIFY2(db.run(QStringLiteral(R"(
            CREATE TABLE users (id int PRIMARY KEY);
            CREATE TABLE events (id int, at date, user_id int REFERENCES users ON DELETE CASCADE,
                                 PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
            CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
            CREATE TABLE event_notes (event_id int, event_at date,
                CONSTRAINT notes_event FOREIGN KEY (event_id, event_at) REFERENCES events);
        )")), qPrintable(db.error()));
        // PostgreSQL keeps a copy of each key on every partition, on both sides.
        QVERIFY(db.queryValue(QStringLiteral("SELECT count(*) FROM pg_constraint WHERE contype = 'f'")).toInt() > 2);
        {
            LOAD_OR_FAIL(catalog, db);
            COMPARE_WITH_SERVER(catalog, db);
            QCOMPARE(int(catalog.foreignKeys.size()), 2);
            QCOMPARE(catalog.table(QStringLiteral("public.events_2025"))->partitionOf, QStringLiteral("public.events"));
        }
        // A detached partition keeps its copy of the key as a key of its own.
        QVERIFY2(db.run(QStringLiteral("ALTER TABLE events DETACH PARTITION events_2026")), qPrintable(db.error()));
        LOAD_OR_FAIL(catalog, db);
        COMPARE_WITH_SERVER(catalog, db);
        QCOMPARE(int(catalog.foreignKeys.size()), 3);
        int onDetached = 0;
        for (const ForeignKey &k : catalog.foreignKeys)
            onDetached += k.child == QLatin1String("public.events_2026");
        QCOMPARE(onDetached, 1);
        QVERIFY(catalog.table(QStringLiteral("public.events_2026"))->partitionOf.isEmpty());
    }

    void legacyInheritanceIsShownAndKeysAreNotInherited()
    {
        TestDatabase db(QStringLiteral("inherit"));
        QVERIFY2(db.run(QStringLiteral(R"(
            CREATE TABLE users (id int PRIMARY KEY);
            CREATE TABLE notes (id int, author int REFERENCES users);
            CREATE TABLE order_notes (order_id int) INHERITS (notes);
        )")), qPrintable(db.error()));
        LOAD_OR_FAIL(catalog, db);
        COMPARE_WITH_SERVER(catalog, db);
        QCOMPARE(int(catalog.foreignKeys.size()), 1);
        QCOMPARE(catalog.table(QStringLiteral("public.order_notes"))->inherits, QStringList{QStringLiteral("public.notes")});
        QVERIFY(catalog.table(QStringLiteral("public.order_notes"))->partitionOf.isEmpty());
    }

    void temporaryTablesOfOtherSessionsAreListed()
    {
        TestDatabase db(QStringLiteral("temp"));
        // Keys on temporary tables may reference only temporary tables.
        auto session = Connection::open(db.connInfo());
        QVERIFY(session.ok());
        auto created = runQuery(session.value()->database(),
                                QStringLiteral("CREATE TEMPORARY TABLE users (id int PRIMARY KEY);"
                                               "CREATE TEMPORARY TABLE scratch (user_id int REFERENCES users)"));
        QVERIFY2(created.ok(), qPrintable(created.error().message));
        LOAD_OR_FAIL(catalog, db);
        QCOMPARE(int(catalog.foreignKeys.size()), 1);
        const ForeignKey &key = catalog.foreignKeys.front();
        QVERIFY2(key.child.startsWith(QLatin1String("pg_temp_")), qPrintable(key.child));
        QVERIFY(key.parent.startsWith(QLatin1String("pg_temp_")));
        QVERIFY(catalog.table(key.childOid)->temporary);
        QVERIFY(catalog.table(key.parentOid)->temporary);
    }

    void columnsKeysAndRowSecurityAreRead()
    {
        TestDatabase db(QStringLiteral("columns"));
        QVERIFY2(db.run(QStringLiteral(R"(
            CREATE TABLE item (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                seq int GENERATED BY DEFAULT AS IDENTITY,
                name varchar(40) NOT NULL DEFAULT 'x',
                price numeric(10,2),
                total numeric GENERATED ALWAYS AS (price * 2) STORED,
                UNIQUE NULLS NOT DISTINCT (name, price));
            ALTER TABLE item ENABLE ROW LEVEL SECURITY;
            INSERT INTO item (name, price) SELECT 'n' || g, g FROM generate_series(1, 500) g;
            ANALYZE item;
        )")), qPrintable(db.error()));
        LOAD_OR_FAIL(catalog, db);
        const Table *item = catalog.table(QStringLiteral("public.item"));
        QVERIFY(item);
        QCOMPARE(int(item->columns.size()), 5);
        QCOMPARE(item->column(QStringLiteral("id"))->identity, QStringLiteral("always"));
        QCOMPARE(item->column(QStringLiteral("id"))->type, QStringLiteral("bigint"));
        QVERIFY(!item->column(QStringLiteral("id"))->nullable);
        QCOMPARE(item->column(QStringLiteral("seq"))->identity, QStringLiteral("by default"));
        QCOMPARE(item->column(QStringLiteral("name"))->type, QStringLiteral("character varying(40)"));
        QCOMPARE(item->column(QStringLiteral("name"))->defaultExpression, QStringLiteral("'x'::character varying"));
        QCOMPARE(item->column(QStringLiteral("price"))->type, QStringLiteral("numeric(10,2)"));
        QVERIFY(item->column(QStringLiteral("price"))->nullable);
        QCOMPARE(item->column(QStringLiteral("total"))->generated, QStringLiteral("stored"));
        QCOMPARE(item->primaryKey()->columns, QStringList{QStringLiteral("id")});
        QCOMPARE(int(item->uniqueKeys.size()), 2);
        QVERIFY(item->uniqueKeys[1].nullsNotDistinct);
        QCOMPARE(item->uniqueKeys[1].columns, (QStringList{QStringLiteral("name"), QStringLiteral("price")}));
        QVERIFY(item->rowSecurity);
        QVERIFY(item->rowEstimate.has_value());
        QCOMPARE(*item->rowEstimate, qint64(500));
    }

    void emptyDatabaseLoadsEmpty()
    {
        TestDatabase db(QStringLiteral("empty"));
        LOAD_OR_FAIL(catalog, db);
        QVERIFY(catalog.tables.empty());
        QVERIFY(catalog.foreignKeys.empty());
        QVERIFY(catalog.serverVersion.startsWith(QLatin1String("1")));
    }

    void everyCatalogQueryPreparesOnTheServer()
    {
        TestDatabase db(QStringLiteral("prepare"));
        auto connection = Connection::open(db.connInfo());
        QVERIFY(connection.ok());
        const QStringList queries = CatalogQueries::all(connection.value()->serverVersion());
        QCOMPARE(queries.size(), 4);
        for (int i = 0; i < queries.size(); ++i) {
            const QString sql = QStringLiteral("PREPARE q%1 AS %2").arg(i).arg(queries[i]);
            QVERIFY2(db.run(sql), qPrintable(db.error()));
        }
    }

    void loadingRunsInAReadOnlySnapshot()
    {
        TestDatabase db(QStringLiteral("readonly"));
        auto connection = Connection::open(db.connInfo());
        QVERIFY(connection.ok());
        QVERIFY(CatalogLoader(*connection.value()).load().ok());
        // The transaction ended: the session is usable and not left read-only.
        auto query = runQuery(connection.value()->database(), QStringLiteral("CREATE TEMPORARY TABLE t (a int)"));
        QVERIFY2(query.ok(), qPrintable(query.error().message));
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestCatalogLoader)
#include "tst_catalogloader.moc"
