// Orphans and lint findings, judged by PostgreSQL: a key validates (or can be added) exactly
// when fkscope finds no orphans, and each fix script makes it so; an index fix makes its
// finding go away.
#include "TestDatabase.h"
#include "TestMain.h"

#include "catalog/CatalogLoader.h"
#include "db/Connection.h"
#include "diagnose/Lint.h"
#include "diagnose/Orphans.h"

#include <QSet>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

namespace {

struct Session {
    std::unique_ptr<Connection> connection;
    Catalog catalog;
};

Session open(const TestDatabase &db)
{
    Session s;
    s.connection = Connection::open(db.connInfo()).take();
    s.catalog = CatalogLoader(*s.connection).load().take();
    return s;
}

OrphanReport findOrphans(Session &s, Result<OrphanCheck> check)
{
    if (!check)
        qFatal("%s", qPrintable(check.error().message));
    auto reports = OrphanFinder(*s.connection, s.catalog).find({check.value()}, 10);
    if (!reports)
        qFatal("%s", qPrintable(reports.error().message));
    return reports->front();
}

std::vector<LintFinding> lintAll(Session &s)
{
    auto findings = Linter(*s.connection, s.catalog).lint();
    if (!findings)
        qFatal("%s", qPrintable(findings.error().message));
    return findings.take();
}

int findingsOf(Session &s, const QString &kind, const QString &constraint)
{
    int n = 0;
    for (const LintFinding &f : lintAll(s))
        n += f.kind == kind && f.constraint == constraint;
    return n;
}

const char *const orphansSchema = R"SQL(
    CREATE TABLE p (id int PRIMARY KEY, label text NOT NULL DEFAULT 'x');
    CREATE TABLE p_archive () INHERITS (p);
    INSERT INTO p VALUES (1), (2);
    INSERT INTO p_archive VALUES (5);
    CREATE TABLE c (id int PRIMARY KEY, p_id int);
    INSERT INTO c VALUES (1, 1), (2, 5), (3, 9), (4, NULL), (5, 9);
    ALTER TABLE c ADD CONSTRAINT c_p_fkey FOREIGN KEY (p_id) REFERENCES p NOT VALID;
    CREATE TABLE pairs (a int, b int, PRIMARY KEY (a, b));
    INSERT INTO pairs VALUES (1, 1);
    CREATE TABLE refs (id int PRIMARY KEY, a int, b int);
    INSERT INTO refs VALUES (1, 1, 1), (2, 1, NULL), (3, NULL, NULL), (4, 2, 2);
)SQL";

} // namespace

class TestOrphansLint : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aNotValidKeyValidatesAfterItsOrphansGo()
    {
        TestDatabase db(QStringLiteral("orphans"));
        QVERIFY2(db.run(QString::fromUtf8(orphansSchema)), qPrintable(db.error()));
        Session s = open(db);
        const OrphanReport report = findOrphans(s, OrphanFinder(*s.connection, s.catalog).existingKey(QStringLiteral("c_p_fkey"), {}));
        // 9 twice, and 5, which lives only in an INHERITS child: the key sees p's own rows.
        QCOMPARE(report.rows, qint64(3));
        QCOMPARE(int(report.sample.size()), 3);
        QVERIFY(!db.run(report.validateScript));  // PostgreSQL agrees that it does not hold
        QVERIFY2(db.run(report.deleteScript), qPrintable(db.error()));
        QVERIFY2(db.run(report.validateScript), qPrintable(db.error()));
        QCOMPARE(db.queryValue(QStringLiteral("SELECT count(*) FROM c")), QStringLiteral("2"));
    }

    void theDeleteFixAlsoDeletesWhatReferencesTheOrphans()
    {
        // The demo's orphan, order 12, has an invoice and a payment (NO ACTION keys): a plain
        // DELETE of the orphan fails with 23503, the fix deletes them first.
        TestDatabase db(QStringLiteral("orphansdemo"));
        QVERIFY2(db.runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(db.error()));
        Session s = open(db);
        const OrphanReport report =
            findOrphans(s, OrphanFinder(*s.connection, s.catalog).existingKey(QStringLiteral("orders_coupon_code_fkey"), {}));
        QCOMPARE(report.rows, qint64(1));
        QVERIFY(!db.run(QStringLiteral("BEGIN; DELETE FROM ONLY orders c WHERE c.coupon_code IS NOT NULL AND NOT EXISTS "
                                       "(SELECT FROM coupons p WHERE p.code = c.coupon_code); ROLLBACK")));
        QVERIFY2(db.error().contains(QLatin1String("23503")) || db.error().contains(QLatin1String("foreign key")),
                 qPrintable(db.error()));
        QVERIFY2(report.deleteScript.contains(QLatin1String("billing.invoices")), qPrintable(report.deleteScript));
        QVERIFY2(db.run(report.deleteScript), qPrintable(db.error()));
        QVERIFY2(db.run(report.validateScript), qPrintable(db.error()));
        QCOMPARE(db.queryValue(QStringLiteral("SELECT count(*) FROM orders WHERE id = 12")), QStringLiteral("0"));
        QCOMPARE(db.queryValue(QStringLiteral("SELECT count(*) FROM orders")), QStringLiteral("11"));
    }

    void orphanRowsComePageByPage()
    {
        TestDatabase db(QStringLiteral("orphanpages"));
        QVERIFY2(db.run(QString::fromUtf8(orphansSchema)), qPrintable(db.error()));
        Session s = open(db);
        OrphanFinder finder(*s.connection, s.catalog);
        auto check = finder.existingKey(QStringLiteral("c_p_fkey"), QStringLiteral("c"));
        QVERIFY(check.ok());
        QStringList pages;
        for (qint64 offset : {0, 2, 4}) {
            auto reports = finder.find({check.value()}, 2, offset);
            QVERIFY(reports.ok());
            QCOMPARE(reports->front().rows, qint64(3));  // the count is of all orphans, on every page
            QStringList page;
            for (const QByteArray &row : reports->front().sample)
                page << QString::fromUtf8(row);
            pages << page.join(QLatin1Char(' '));
        }
        // PostgreSQL's own list of orphans (5 is a row of an INHERITS child, which the key does
        // not see), in key order, two to a page.
        const QStringList expected = db.query(QStringLiteral(
            "SELECT row_to_json(c)::text FROM c WHERE p_id IS NOT NULL AND NOT EXISTS "
            "(SELECT FROM ONLY p WHERE p.id = c.p_id) ORDER BY id"));
        QCOMPARE(expected.size(), 3);
        QCOMPARE(pages, (QStringList{expected[0] + QLatin1Char(' ') + expected[1], expected[2], QString()}));
    }

    void everyNotValidKeyIsChecked()
    {
        TestDatabase db(QStringLiteral("orphans"));
        QVERIFY2(db.run(QString::fromUtf8(orphansSchema)), qPrintable(db.error()));
        Session s = open(db);
        OrphanFinder finder(*s.connection, s.catalog);
        const auto checks = finder.notValidKeys();
        QCOMPARE(int(checks.size()), 1);
        QCOMPARE(checks.front().name, QStringLiteral("c_p_fkey"));
    }

    void aProposedKeyCanBeAddedAfterEachFix_data()
    {
        QTest::addColumn<bool>("matchFull");
        QTest::addColumn<QString>("fix");
        QTest::addColumn<qint64>("orphans");
        QTest::newRow("simple, delete") << false << "delete" << qint64(1);
        QTest::newRow("simple, set null") << false << "set_null" << qint64(1);
        QTest::newRow("simple, insert parents") << false << "insert_parents" << qint64(1);
        QTest::newRow("full, delete") << true << "delete" << qint64(2);
        QTest::newRow("full, set null") << true << "set_null" << qint64(2);
    }

    void aProposedKeyCanBeAddedAfterEachFix()
    {
        QFETCH(bool, matchFull);
        QFETCH(QString, fix);
        QFETCH(qint64, orphans);
        TestDatabase db(QStringLiteral("orphans"));
        QVERIFY2(db.run(QString::fromUtf8(orphansSchema)), qPrintable(db.error()));
        Session s = open(db);
        auto check = OrphanFinder(*s.connection, s.catalog).proposedKey(QStringLiteral("refs(a, b)"), QStringLiteral("pairs(a, b)"));
        QVERIFY(check.ok());
        check->match = matchFull ? FkMatch::Full : FkMatch::Simple;
        const OrphanReport report = findOrphans(s, check);
        QCOMPARE(report.rows, orphans);
        QVERIFY(!db.run(report.validateScript));
        const QString script = fix == QLatin1String("delete") ? report.deleteScript
                             : fix == QLatin1String("set_null") ? report.setNullScript
                                                                : report.insertParentsScript;
        QVERIFY2(db.run(script), qPrintable(db.error()));
        QVERIFY2(db.run(report.validateScript), qPrintable(db.error()));
    }

    void badProposalsAreClearErrors()
    {
        TestDatabase db(QStringLiteral("orphans"));
        QVERIFY2(db.run(QString::fromUtf8(orphansSchema)), qPrintable(db.error()));
        Session s = open(db);
        OrphanFinder finder(*s.connection, s.catalog);
        QVERIFY(finder.proposedKey(QStringLiteral("refs"), QStringLiteral("pairs(a)")).error().message.contains(QLatin1String("TABLE(COLUMN")));
        QVERIFY(finder.proposedKey(QStringLiteral("refs(a)"), QStringLiteral("pairs(a, b)")).error().message.contains(QLatin1String("as many")));
        QVERIFY(finder.proposedKey(QStringLiteral("nope(a)"), QStringLiteral("pairs(a)")).error().message.contains(QLatin1String("does not exist")));
        QVERIFY(finder.proposedKey(QStringLiteral("refs(zz)"), QStringLiteral("pairs(a)")).error().message.contains(QLatin1String("no column")));
        QVERIFY(finder.existingKey(QStringLiteral("nope"), {}).error().message.contains(QLatin1String("no foreign key")));
        // PostgreSQL itself refuses such a key: integer = text has no operator.
        QVERIFY(!db.run(QStringLiteral("ALTER TABLE refs ADD FOREIGN KEY (a) REFERENCES p (label)")));
        auto types = finder.proposedKey(QStringLiteral("refs(a)"), QStringLiteral("p(label)"));
        QVERIFY(!types);
        QVERIFY(types.error().kind == Error::Kind::Usage);
        QVERIFY2(types.error().message.contains(QLatin1String("types differ")), qPrintable(types.error().message));
    }

    void keysSharingColumnsGetOneIndexAndDomainsAreTheirBaseType()
    {
        TestDatabase db(QStringLiteral("lintshare"));
        QVERIFY2(db.run(QStringLiteral(R"SQL(
            CREATE DOMAIN myint AS int4;
            CREATE DOMAIN posint AS myint CHECK (VALUE > 0);
            CREATE TABLE p (id int PRIMARY KEY, a int, b int, big bigint UNIQUE, UNIQUE (a, b), UNIQUE (b, a));
            CREATE TABLE q (id int PRIMARY KEY);
            CREATE TABLE c (x int, y int, d posint REFERENCES p (id), w int REFERENCES p (big),
                CONSTRAINT k1 FOREIGN KEY (x, y) REFERENCES p (a, b),
                CONSTRAINT k2 FOREIGN KEY (y, x) REFERENCES p (b, a),
                CONSTRAINT k3 FOREIGN KEY (x) REFERENCES p (id),
                CONSTRAINT k4 FOREIGN KEY (x) REFERENCES q (id));
        )SQL")), qPrintable(db.error()));
        Session s = open(db);
        QStringList fixes;
        int unindexed = 0;
        for (const LintFinding &f : lintAll(s)) {
            if (f.kind == QLatin1String("unindexed_key")) {
                ++unindexed;
                if (!f.fix.isEmpty())
                    fixes << f.fix;
            }
            if (f.kind == QLatin1String("type_mismatch"))
                QCOMPARE(f.constraint, QStringLiteral("c_w_fkey"));  // int -> bigint, not the domain over int4
        }
        QCOMPARE(unindexed, 6);
        // One index for k1, k2, k3 and k4 (x leads it), one for d, one for w.
        QCOMPARE(fixes.size(), 3);
        QCOMPARE(QSet<QString>(fixes.begin(), fixes.end()).size(), 3);
        for (const QString &fix : fixes)
            QVERIFY2(db.run(fix), qPrintable(db.error()));
        Session after = open(db);
        for (const LintFinding &f : lintAll(after))
            QVERIFY2(f.kind != QLatin1String("unindexed_key"), qPrintable(f.message));
        QCOMPARE(findingsOf(after, QStringLiteral("type_mismatch"), QStringLiteral("c_w_fkey")), 1);
        QCOMPARE(findingsOf(after, QStringLiteral("type_mismatch"), QStringLiteral("c_d_fkey")), 0);
    }

    void anIndexFixMakesTheUnindexedFindingGo()
    {
        TestDatabase db(QStringLiteral("lint"));
        QVERIFY2(db.run(QStringLiteral(R"SQL(
            CREATE TABLE parent (a int, b bigint, PRIMARY KEY (a, b));
            CREATE TABLE child (id int PRIMARY KEY, x int, y int, CONSTRAINT k FOREIGN KEY (x, y) REFERENCES parent);
            CREATE INDEX child_expr ON child ((x + 1), y);
            CREATE INDEX child_partial ON child (x, y) WHERE x > 0;
            CREATE TABLE covered (x int, y bigint, CONSTRAINT k2 FOREIGN KEY (x, y) REFERENCES parent);
            CREATE INDEX covered_yx ON covered (y, x, x);
        )SQL")), qPrintable(db.error()));
        Session s = open(db);
        QCOMPARE(findingsOf(s, QStringLiteral("unindexed_key"), QStringLiteral("k")), 1);
        QCOMPARE(findingsOf(s, QStringLiteral("unindexed_key"), QStringLiteral("k2")), 0);
        QCOMPARE(findingsOf(s, QStringLiteral("type_mismatch"), QStringLiteral("k")), 1);   // y int -> b bigint
        QCOMPARE(findingsOf(s, QStringLiteral("type_mismatch"), QStringLiteral("k2")), 0);
        QString fix;
        for (const LintFinding &f : lintAll(s)) {
            if (f.kind == QLatin1String("unindexed_key"))
                fix = f.fix;
        }
        QVERIFY2(fix.startsWith(QLatin1String("CREATE INDEX CONCURRENTLY")), qPrintable(fix));
        QVERIFY2(db.run(fix), qPrintable(db.error()));
        QCOMPARE(findingsOf(s, QStringLiteral("unindexed_key"), QStringLiteral("k")), 0);
    }

    void notValidAndBlockingTablesAreFound()
    {
        TestDatabase db(QStringLiteral("lint"));
        QVERIFY2(db.run(QString::fromUtf8(orphansSchema)), qPrintable(db.error()));
        Session s = open(db);
        QCOMPARE(findingsOf(s, QStringLiteral("not_valid"), QStringLiteral("c_p_fkey")), 1);
        int blocking = 0;
        for (const LintFinding &f : lintAll(s))
            blocking += f.kind == QLatin1String("blocks_every_delete") && f.table == QLatin1String("public.p");
        QCOMPARE(blocking, 1);
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestOrphansLint)
#include "tst_orphans_lint.moc"
