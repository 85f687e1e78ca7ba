// Explaining error 23503: the messages are captured from statements that really fail on the
// test server, read back, matched to their key, and their fixes are run to see that they fix.
#include "CliRun.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include "catalog/CatalogLoader.h"
#include "db/Connection.h"
#include "diagnose/Violation.h"
#include "diagnose/ViolationExplainer.h"

#include <QJsonArray>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

namespace {

// What psql prints when statement fails (its stderr), as a user would paste it.
QString failureOf(TestDatabase &db, const QString &statement)
{
    QString error;
    const QString output = runPsql(db.connInfoString(), {QStringLiteral("-c"), statement}, &error);
    return output.isNull() ? error : QString();
}

Result<Explanation> explain(TestDatabase &db, const QString &text, std::unique_ptr<Connection> &connection,
                            Catalog &catalog)
{
    auto opened = Connection::open(db.connInfo());
    if (!opened)
        return opened.error();
    connection = opened.take();
    auto loaded = CatalogLoader(*connection).load();
    if (!loaded)
        return loaded.error();
    catalog = loaded.take();
    return ViolationExplainer(*connection, catalog).explain(text);
}

const Fix *fixOfKind(const Explanation &e, const QString &kind)
{
    for (const Fix &f : e.fixes) {
        if (f.kind == kind)
            return &f;
    }
    return nullptr;
}

const char *const explainSchema = R"SQL(
    CREATE SCHEMA other;
    CREATE TABLE users (id int PRIMARY KEY);
    CREATE TABLE orders (id int PRIMARY KEY, user_id int CONSTRAINT fk_user REFERENCES users);
    CREATE TABLE other.orders (id int PRIMARY KEY, user_id int CONSTRAINT fk_user REFERENCES users ON DELETE CASCADE);
    CREATE TABLE "Größe, Maß" (code text, variant text, PRIMARY KEY (code, variant));
    CREATE TABLE items ("Code" text, "Variant" text,
        CONSTRAINT "fk ""odd"" name" FOREIGN KEY ("Code", "Variant") REFERENCES "Größe, Maß");
    CREATE TABLE pairs (a int, b int, PRIMARY KEY (a, b));
    CREATE TABLE strict (a int, b int, FOREIGN KEY (a, b) REFERENCES pairs MATCH FULL);
    CREATE TABLE later (user_id int REFERENCES users DEFERRABLE INITIALLY DEFERRED);
    INSERT INTO users VALUES (1), (2);
    INSERT INTO orders VALUES (1, 1), (2, 1);
    INSERT INTO other.orders VALUES (1, 2);
    INSERT INTO "Größe, Maß" VALUES ('a, b', 'x(1)'), ('it''s', '');
    INSERT INTO items VALUES ('a, b', 'x(1)');
)SQL";

} // namespace

class TestExplain : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aMissingParentIsFoundAndInsertingItFixes()
    {
        TestDatabase db(QStringLiteral("explain"));
        QVERIFY2(db.run(QString::fromUtf8(explainSchema)), qPrintable(db.error()));
        const QString insert = QStringLiteral("INSERT INTO orders VALUES (10, 42)");
        const QString error = failureOf(db, insert);
        QVERIFY2(error.contains(QLatin1String("fk_user")), qPrintable(error));

        std::unique_ptr<Connection> connection;
        Catalog catalog;
        auto e = explain(db, error, connection, catalog);
        QVERIFY2(e.ok(), qPrintable(e.error().message));
        QVERIFY(e->violation.kind == Violation::Kind::MissingParent);
        QCOMPARE(e->key->child, QStringLiteral("public.orders"));
        QCOMPARE(e->key->parent, QStringLiteral("public.users"));
        QCOMPARE(e->keyValues, (QList<QPair<QString, QString>>{{QStringLiteral("user_id"), QStringLiteral("42")}}));
        QCOMPARE(e->parentExists, std::optional<bool>(false));

        const Fix *fix = fixOfKind(e.value(), QStringLiteral("insert_parent"));
        QVERIFY(fix);
        QVERIFY2(db.run(fix->sql), qPrintable(db.error()));
        QVERIFY2(db.run(insert), qPrintable(db.error()));
    }

    void aStillReferencedRowIsFoundWithTheRightTableOfTwoSameNamedKeys()
    {
        TestDatabase db(QStringLiteral("explain"));
        QVERIFY2(db.run(QString::fromUtf8(explainSchema)), qPrintable(db.error()));
        const QString remove = QStringLiteral("DELETE FROM users WHERE id = 1");
        const QString error = failureOf(db, remove);
        QVERIFY2(error.contains(QLatin1String("still referenced")), qPrintable(error));

        std::unique_ptr<Connection> connection;
        Catalog catalog;
        auto e = explain(db, error, connection, catalog);
        QVERIFY2(e.ok(), qPrintable(e.error().message));
        QVERIFY(e->violation.kind == Violation::Kind::StillReferenced);
        QCOMPARE(e->key->child, QStringLiteral("public.orders"));  // not other.orders, which cascades
        QCOMPARE(e->rows, qint64(2));
        QVERIFY(e->dependents.has_value());
        QVERIFY(*e->dependents->fails);

        const Fix *fix = fixOfKind(e.value(), QStringLiteral("delete_children_first"));
        QVERIFY(fix);
        QVERIFY2(db.run(fix->sql), qPrintable(db.error()));
        QCOMPARE(db.queryValue(QStringLiteral("SELECT count(*) FROM users WHERE id = 1")), QStringLiteral("0"));
    }

    void changingTheActionToCascadeLetsTheDeleteThrough()
    {
        TestDatabase db(QStringLiteral("explain"));
        QVERIFY2(db.run(QString::fromUtf8(explainSchema)), qPrintable(db.error()));
        const QString remove = QStringLiteral("DELETE FROM users WHERE id = 1");
        std::unique_ptr<Connection> connection;
        Catalog catalog;
        auto e = explain(db, failureOf(db, remove), connection, catalog);
        QVERIFY2(e.ok(), qPrintable(e.error().message));
        const Fix *fix = fixOfKind(e.value(), QStringLiteral("change_on_delete"));
        QVERIFY(fix);
        QVERIFY2(fix->sql.contains(QLatin1String("NOT VALID")) && fix->sql.contains(QLatin1String("VALIDATE CONSTRAINT")),
                 qPrintable(fix->sql));
        QVERIFY2(runPsql(db.connInfoString(), {QStringLiteral("-c"), fix->sql}).isNull() == false, "the script failed");
        QVERIFY2(db.run(remove), qPrintable(db.error()));
        QCOMPARE(db.queryValue(QStringLiteral("SELECT count(*) FROM orders")), QStringLiteral("0"));
    }

    void compositeKeysWithCommasQuotesAndParenthesesInValues()
    {
        TestDatabase db(QStringLiteral("explain"));
        QVERIFY2(db.run(QString::fromUtf8(explainSchema)), qPrintable(db.error()));
        const QString error = failureOf(db, QStringLiteral(R"(INSERT INTO items VALUES ('a, b, c', 'y (2), z'))"));
        QVERIFY2(error.contains(QLatin1String("is not present")), qPrintable(error));
        std::unique_ptr<Connection> connection;
        Catalog catalog;
        auto e = explain(db, error, connection, catalog);
        QVERIFY2(e.ok(), qPrintable(e.error().message));
        QCOMPARE(e->key->name, QStringLiteral(R"(fk "odd" name)"));
        QCOMPARE(e->key->parent, QStringLiteral(R"(public."Größe, Maß")"));
        // "a, b, c, y (2), z" splits several ways; every split of text values casts, so the
        // answer is flagged ambiguous and the first (fewest commas inside values) is taken.
        QVERIFY(e->keyAmbiguous);
        QCOMPARE(e->keyValues.size(), 2);

        const QString referenced = failureOf(db, QStringLiteral(R"(DELETE FROM "Größe, Maß" WHERE code = 'a, b')"));
        auto r = explain(db, referenced, connection, catalog);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->keyValues.value(0).second + QLatin1Char('|') + r->keyValues.value(1).second,
                 QStringLiteral("a, b|x(1)"));
        QCOMPARE(r->rows, qint64(1));
    }

    void matchFullAndDeferredViolationsAreRead()
    {
        TestDatabase db(QStringLiteral("explain"));
        QVERIFY2(db.run(QString::fromUtf8(explainSchema)), qPrintable(db.error()));
        std::unique_ptr<Connection> connection;
        Catalog catalog;
        const QString mixed = failureOf(db, QStringLiteral("INSERT INTO strict VALUES (1, NULL)"));
        auto m = explain(db, mixed, connection, catalog);
        QVERIFY2(m.ok(), qPrintable(m.error().message));
        QVERIFY(m->violation.matchFullMixedNulls);
        QCOMPARE(m->key->child, QStringLiteral("public.strict"));

        const QString deferred =
            failureOf(db, QStringLiteral("BEGIN; INSERT INTO later VALUES (77); COMMIT;"));
        auto d = explain(db, deferred, connection, catalog);
        QVERIFY2(d.ok(), qPrintable(d.error().message + deferred));
        QCOMPARE(d->key->child, QStringLiteral("public.later"));
        QCOMPARE(d->keyValues.value(0).second, QStringLiteral("77"));
    }

    void otherTextIsNotAViolation_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("garbage") << QStringLiteral("asdf ) ( \" \" Key (");
        QTest::newRow("unique violation") << QStringLiteral(
            "ERROR:  duplicate key value violates unique constraint \"users_pkey\"\nDETAIL:  Key (id)=(1) already exists.");
        QTest::newRow("german") << QStringLiteral(
            "FEHLER:  Einfügen oder Aktualisieren in Tabelle »orders« verletzt Fremdschlüssel-Constraint »fk_user«");
        QTest::newRow("truncated") << QStringLiteral("ERROR:  insert or update on table \"orders\" violates foreign key constr");
        QString big;
        QRandomGenerator random(7);
        for (int i = 0; i < 10 * 1024 * 1024; ++i)
            big += QChar(ushort(32 + random.bounded(90)));
        QTest::newRow("10 MB of noise") << big;
    }

    void otherTextIsNotAViolation()
    {
        QFETCH(QString, text);
        QVERIFY(!parseViolation(text).has_value());
    }

    void theCliAnswersInJsonOrSaysItCannotRead()
    {
        TestDatabase db(QStringLiteral("explain"));
        QVERIFY2(db.run(QString::fromUtf8(explainSchema)), qPrintable(db.error()));
        const QString error = failureOf(db, QStringLiteral("DELETE FROM users WHERE id = 1"));
        for (const auto &[input, expectedCode] : {std::pair<QString, int>{error, 0}, {QStringLiteral("hello"), 2}}) {
            const CliRun run = runCli({QStringLiteral("explain"), QStringLiteral("--db"), db.connInfoString()}, input.toUtf8());
            QCOMPARE(run.exitCode, expectedCode);
            if (expectedCode == 0) {
                QCOMPARE(run.json.value(QLatin1String("kind")).toString(), QStringLiteral("still_referenced"));
                QCOMPARE(run.json.value(QLatin1String("constraint")).toString(), QStringLiteral("fk_user"));
                QCOMPARE(run.json.value(QLatin1String("sqlstate")).toString(), QStringLiteral("23503"));
            } else {
                QVERIFY(run.out.isEmpty());
                QCOMPARE(run.err, QStringLiteral("fkscope-cli: not a foreign-key violation I can read\n"));
            }
        }
    }

    void partitionsAndTheirClonedKeysLeadToTheDeclaredKey_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::addColumn<QString>("named");       // the constraint name PostgreSQL prints
        QTest::addColumn<QString>("constraint");  // the key the catalog lists
        QTest::addColumn<QString>("child");
        QTest::addColumn<QString>("parent");
        QTest::addColumn<qint64>("rows");
        // r is partitioned and references the partitioned k: an insert names r's partition,
        // a delete names k's partition and the clone of r's key made for it.
        QTest::newRow("insert into a partition") << "INSERT INTO r VALUES (3, 999)" << "r_kid_fkey" << "r_kid_fkey"
                                                 << "public.r" << "public.k" << qint64(0);
        QTest::newRow("delete from a partitioned parent") << "DELETE FROM k WHERE id = 150" << "r_kid_fkey2"
                                                          << "r_kid_fkey" << "public.r" << "public.k" << qint64(1);
        QTest::newRow("delete from a parent's partition") << "DELETE FROM k1 WHERE id = 1" << "r_kid_fkey1"
                                                          << "r_kid_fkey" << "public.r" << "public.k" << qint64(1);
        QTest::newRow("the demo's page_views") << "INSERT INTO page_views (id, viewed_at, user_id, path) VALUES "
                                                  "(9999, '2024-02-01', 4242, '/x')"
                                               << "page_views_user_id_fkey" << "page_views_user_id_fkey"
                                               << "public.page_views" << "public.users" << qint64(0);
    }

    void partitionsAndTheirClonedKeysLeadToTheDeclaredKey()
    {
        QFETCH(QString, statement);
        QFETCH(QString, named);
        QFETCH(QString, constraint);
        QFETCH(QString, child);
        QFETCH(QString, parent);
        QFETCH(qint64, rows);
        TestDatabase db(QStringLiteral("explainpart"));
        QVERIFY2(db.runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(db.error()));
        QVERIFY2(db.run(QStringLiteral(R"SQL(
            CREATE TABLE k (id int PRIMARY KEY) PARTITION BY RANGE (id);
            CREATE TABLE k1 PARTITION OF k FOR VALUES FROM (0) TO (100);
            CREATE TABLE k2 PARTITION OF k FOR VALUES FROM (100) TO (200);
            CREATE TABLE r (rid int PRIMARY KEY, kid int REFERENCES k) PARTITION BY RANGE (rid);
            CREATE TABLE r1 PARTITION OF r FOR VALUES FROM (0) TO (100);
            INSERT INTO k VALUES (1), (150);
            INSERT INTO r VALUES (1, 1), (2, 150);)SQL")),
                 qPrintable(db.error()));
        const QString error = failureOf(db, statement);
        QVERIFY2(error.contains(QStringLiteral("constraint \"%1\"").arg(named)), qPrintable(error));

        std::unique_ptr<Connection> connection;
        Catalog catalog;
        auto e = explain(db, error, connection, catalog);
        QVERIFY2(e.ok(), qPrintable(e.error().message));
        QCOMPARE(e->key->name, constraint);
        QCOMPARE(e->key->child, child);
        QCOMPARE(e->key->parent, parent);
        QCOMPARE(e->rows, rows);
        QVERIFY(!e->keyAmbiguous);
        QCOMPARE(int(e->candidates.size()), 1);
        if (e->violation.kind == Violation::Kind::StillReferenced) {
            // The fix deletes the referenced row with its children; run it to see it does.
            const Fix *fix = fixOfKind(e.value(), QStringLiteral("delete_children_first"));
            QVERIFY(fix);
            QVERIFY2(db.run(fix->sql), qPrintable(db.error()));
            QVERIFY2(db.run(statement), qPrintable(db.error()));
        } else {
            QCOMPARE(e->parentExists, std::optional<bool>(false));
        }
    }

    void sameNamesInTwoSchemasAreToldApartByTheDataOrCalledAmbiguous()
    {
        TestDatabase db(QStringLiteral("explainschemas"));
        QVERIFY2(db.run(QStringLiteral(R"SQL(
            CREATE SCHEMA sa; CREATE SCHEMA sb;
            CREATE TABLE sa.parent (id int PRIMARY KEY);
            CREATE TABLE sb.parent (id int PRIMARY KEY);
            CREATE TABLE sa.child (id int PRIMARY KEY, pid int CONSTRAINT child_fk REFERENCES sa.parent);
            CREATE TABLE sb.child (id int PRIMARY KEY, pid int CONSTRAINT child_fk REFERENCES sb.parent);
            INSERT INTO sa.parent VALUES (1); INSERT INTO sb.parent VALUES (1), (2);
            INSERT INTO sb.child VALUES (1, 2);)SQL")),
                 qPrintable(db.error()));
        struct Case {
            QString statement;
            QString child;        // empty: ambiguous
        };
        const Case cases[] = {
            // 2 is in sb.parent: only sa.parent lacks it.
            {QStringLiteral("INSERT INTO sa.child VALUES (5, 2)"), QStringLiteral("sa.child")},
            // Only sb has a child row for 2.
            {QStringLiteral("DELETE FROM sb.parent WHERE id = 2"), QStringLiteral("sb.child")},
            // 7 is in neither parent: either insert could have failed.
            {QStringLiteral("INSERT INTO sb.child VALUES (5, 7)"), QString()},
        };
        for (const Case &c : cases) {
            const QString error = failureOf(db, c.statement);
            QVERIFY2(error.contains(QLatin1String("\"child")), qPrintable(error));
            const CliRun run = runCli({QStringLiteral("explain"), QStringLiteral("--db"), db.connInfoString()}, error.toUtf8());
            QCOMPARE(run.exitCode, 0);
            QCOMPARE(run.json.value(QLatin1String("candidates")).toArray().size(), 2);
            QCOMPARE(run.json.value(QLatin1String("key_ambiguous")).toBool(), c.child.isEmpty());
            if (!c.child.isEmpty())
                QCOMPARE(run.json.value(QLatin1String("child")).toString(), c.child);
        }
    }

    void splittingKeyValues()
    {
        QCOMPARE(splitKeyValues(QStringLiteral("1, 2"), 2), (QList<QStringList>{{"1", "2"}}));
        QCOMPARE(splitKeyValues(QStringLiteral("a, b, c"), 2),
                 (QList<QStringList>{{"a", "b, c"}, {"a, b", "c"}}));
        QCOMPARE(splitKeyValues(QStringLiteral("a, b"), 1), (QList<QStringList>{{"a, b"}}));
        QVERIFY(splitKeyValues(QStringLiteral("a"), 2).isEmpty());
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestExplain)
#include "tst_explain.moc"
