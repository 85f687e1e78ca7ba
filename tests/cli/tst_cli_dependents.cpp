// fkscope-cli dependents as a user runs it: the JSON contract, compared with what a real
// DELETE does, and one clear line with a non-zero status for every bad root.
#include "CliRun.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

namespace {

// Per table, the rows a real DELETE removes: counts before, and after the DELETE inside a
// transaction that is rolled back (psql runs each -c in the same session).
QMap<QString, int> realDeleteCounts(TestDatabase &db, const QString &deleteStatement, const QStringList &tables)
{
    QStringList before{QStringLiteral("-At")}, after{QStringLiteral("-At"), QStringLiteral("-c"), QStringLiteral("BEGIN"),
                                                     QStringLiteral("-c"), deleteStatement};
    for (const QString &t : tables) {
        before << QStringLiteral("-c") << QStringLiteral("SELECT count(*) FROM %1").arg(t);
        after << QStringLiteral("-c") << QStringLiteral("SELECT count(*) FROM %1").arg(t);
    }
    after << QStringLiteral("-c") << QStringLiteral("ROLLBACK");
    const QStringList old = runPsql(db.connInfoString(), before).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QStringList now = runPsql(db.connInfoString(), after).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QMap<QString, int> removed;
    for (int i = 0; i < tables.size(); ++i)
        removed.insert(tables[i], old.value(i).toInt() - now.value(i).toInt());
    return removed;
}

} // namespace

class TestCliDependents : public QObject {
    Q_OBJECT

    TestDatabase *m_demo = nullptr;

    QStringList dependents(const QStringList &more) const
    {
        return QStringList{QStringLiteral("dependents"), QStringLiteral("--db"), m_demo->connInfoString()} + more;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_demo = new TestDatabase(QStringLiteral("clideps"));
        QVERIFY2(m_demo->runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(m_demo->error()));
    }

    void cleanupTestCase() { delete m_demo; }

    void aBlockedDeleteNamesTheBlockingRows()
    {
        CliRun run = runCli(dependents({QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--key"),
                                     QStringLiteral("id=1"), QStringLiteral("--format"), QStringLiteral("json")}));
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
        QCOMPARE(run.json.value(QLatin1String("root")).toObject().value(QLatin1String("table")).toString(),
                 QStringLiteral("public.users"));
        QCOMPARE(run.json.value(QLatin1String("root")).toObject().value(QLatin1String("key")).toObject(),
                 (QJsonObject{{QStringLiteral("id"), QStringLiteral("1")}}));
        const QJsonObject del = run.json.value(QLatin1String("delete")).toObject();
        QCOMPARE(del.value(QLatin1String("fails")).toBool(), true);
        // PostgreSQL says why: a real DELETE fails on one of the keys listed.
        QString error;
        runPsql(m_demo->connInfoString(), {QStringLiteral("-c"), QStringLiteral("BEGIN; DELETE FROM users WHERE id = 1; ROLLBACK")},
                &error);
        QVERIFY2(error.contains(QLatin1String("23503")) || error.contains(QLatin1String("violates foreign key constraint")),
                 qPrintable(error));
        bool named = false;
        for (const QJsonValue &v : del.value(QLatin1String("blocked_by")).toArray()) {
            const QJsonObject b = v.toObject();
            QVERIFY(b.value(QLatin1String("rows")).toInt() > 0);
            named = named || error.contains(QStringLiteral("\"%1\"").arg(b.value(QLatin1String("constraint")).toString()));
            if (b.value(QLatin1String("constraint")).toString() == QLatin1String("orders_user_id_fkey")) {
                QCOMPARE(b.value(QLatin1String("table")).toString(), QStringLiteral("public.orders"));
                QCOMPARE(b.value(QLatin1String("rows")).toInt(),
                         m_demo->queryValue(QStringLiteral("SELECT count(*) FROM orders WHERE user_id = 1")).toInt());
            }
        }
        QVERIFY2(named, qPrintable(error));
        QVERIFY(run.json.value(QLatin1String("tree")).isArray());
    }

    void aDeleteThatSucceedsCountsWhatPostgresRemoves()
    {
        CliRun run = runCli(dependents({QStringLiteral("--table"), QStringLiteral("public.users"), QStringLiteral("--key"),
                                     QStringLiteral("id=4")}));
        QCOMPARE(run.exitCode, 0);
        const QJsonObject del = run.json.value(QLatin1String("delete")).toObject();
        QCOMPARE(del.value(QLatin1String("fails")).toBool(), false);
        const QJsonObject deleted = del.value(QLatin1String("deleted")).toObject();
        QStringList tables = deleted.keys();
        QVERIFY(tables.contains(QStringLiteral("public.users")));
        const QMap<QString, int> real = realDeleteCounts(*m_demo, QStringLiteral("DELETE FROM users WHERE id = 4"), tables);
        for (const QString &t : tables)
            QCOMPARE(deleted.value(t).toInt(), real.value(t));
    }

    void compositeKeysQuotedNamesAndWhere()
    {
        CliRun composite = runCli(dependents({QStringLiteral("--table"), QStringLiteral("stock"), QStringLiteral("--key"),
                                           QStringLiteral("warehouse_id=1"), QStringLiteral("--key"),
                                           QStringLiteral("product_id=2")}));
        QCOMPARE(composite.exitCode, 0);
        QCOMPARE(composite.json.value(QLatin1String("root")).toObject().value(QLatin1String("rows")).toInt(), 1);

        CliRun quoted = runCli(dependents({QStringLiteral("--table"), QStringLiteral(R"("Audit"."Change Log")"),
                                        QStringLiteral("--key"), QStringLiteral("Entry ID=1")}));
        QCOMPARE(quoted.exitCode, 0);
        QCOMPARE(quoted.json.value(QLatin1String("root")).toObject().value(QLatin1String("table")).toString(),
                 QStringLiteral(R"("Audit"."Change Log")"));

        CliRun where = runCli(dependents({QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--where"),
                                       QStringLiteral("id IN (4, 5)")}));
        QCOMPARE(where.exitCode, 0);
        QCOMPARE(where.json.value(QLatin1String("root")).toObject().value(QLatin1String("rows")).toInt(), 2);
        QCOMPARE(where.json.value(QLatin1String("delete")).toObject().value(QLatin1String("deleted")).toObject()
                     .value(QLatin1String("public.users")).toInt(),
                 2);
    }

    void badRootsGiveOneLineAndNonZeroStatus_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no table") << QStringList{QStringLiteral("--key"), QStringLiteral("id=1")} << 2 << "--table";
        QTest::newRow("unknown table") << QStringList{QStringLiteral("--table"), QStringLiteral("nope"), QStringLiteral("--key"), QStringLiteral("id=1")}
                                       << 2 << "does not exist";
        QTest::newRow("unknown column") << QStringList{QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--key"), QStringLiteral("nope=1")}
                                        << 2 << "no column";
        QTest::newRow("value does not cast") << QStringList{QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--key"), QStringLiteral("id=abc")}
                                             << 2 << "abc";
        QTest::newRow("key without =") << QStringList{QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--key"), QStringLiteral("id")}
                                       << 2 << "COLUMN=VALUE";
        QTest::newRow("key and where") << QStringList{QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--key"), QStringLiteral("id=1"),
                                                      QStringLiteral("--where"), QStringLiteral("true")}
                                       << 2 << "not both";
        QTest::newRow("bad where") << QStringList{QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--where"), QStringLiteral("idd = 1")}
                                   << 2 << "idd";
        QTest::newRow("where closing a parenthesis") << QStringList{QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--where"),
                                                                    QStringLiteral("id = 1) or (true")}
                                                     << 2 << "--where must be one SQL condition: unbalanced parenthesis";
        QTest::newRow("where with a semicolon") << QStringList{QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--where"),
                                                               QStringLiteral("true; DELETE FROM users")}
                                                << 2 << "semicolon";
        QTest::newRow("where with an open string") << QStringList{QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--where"),
                                                                  QStringLiteral("email = 'x")}
                                                   << 2 << "unclosed string";
        QTest::newRow("where with a syntax error") << QStringList{QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--where"),
                                                                  QStringLiteral("id = = 1")}
                                                   << 2 << "--where is not a valid condition on public.users";
        QTest::newRow("no such row") << QStringList{QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--key"), QStringLiteral("id=424242")}
                                     << 4 << "no row";
        QTest::newRow("a where that writes") << QStringList{QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--where"),
                                                            QStringLiteral("id = (SELECT nextval('users_id_seq'))")}
                                             << 4 << "read-only";
    }

    void aWhereWithATrailingCommentSelectsWhatItSays()
    {
        // The comment ends at its line; fkscope's own SQL after it still counts.
        CliRun where = runCli(dependents({QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--where"),
                                       QStringLiteral("id = 4 -- the fourth user")}));
        QCOMPARE(where.exitCode, 0);
        QCOMPARE(where.json.value(QLatin1String("root")).toObject().value(QLatin1String("rows")).toInt(), 1);

        // A delete script whose root condition ends in a comment runs as psql reads it.
        CliRun script = runCli({QStringLiteral("delete-script"), QStringLiteral("--db"), m_demo->connInfoString(),
                                QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--where"),
                                QStringLiteral("id = 4 -- ) or (true"), QStringLiteral("--dry-run")});
        QCOMPARE(script.exitCode, 0);
        QVERIFY2(script.json.value(QLatin1String("ok")).toBool(), script.out.constData());
        QCOMPARE(script.json.value(QLatin1String("deleted")).toObject().value(QLatin1String("public.users")).toInt(), 1);
    }

    void badRootsGiveOneLineAndNonZeroStatus()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, mentions);
        CliRun run = runCli(dependents(arguments));
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.out.isEmpty(), run.out.constData());
        QVERIFY2(run.err.startsWith(QLatin1String("fkscope-cli: ")), qPrintable(run.err));
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestCliDependents)
#include "tst_cli_dependents.moc"
