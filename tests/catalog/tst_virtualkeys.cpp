// Virtual keys through fkscope-cli against a real server: a file that is wrong in any way is
// refused with one line naming the entry (exit 2, nothing printed), by every command that
// loads a catalog; a good file adds its keys, marked "virtual", and infer-keys' own output is
// a good file.
#include "CliRun.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

namespace {

const char *virtualKeysShop = R"SQL(
CREATE SCHEMA "Sales";
CREATE TABLE users (id int PRIMARY KEY, email text UNIQUE, name text);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, customer_email varchar(200), note text,
                     placed_by int CONSTRAINT orders_placed_by_fkey REFERENCES users);
CREATE TABLE "Sales"."Order Items" (order_id bigint, line int, sku text, PRIMARY KEY (order_id, line));
INSERT INTO users VALUES (1, 'a@x', 'Ann'), (2, 'b@x', 'Bob');
INSERT INTO orders VALUES (10, 1, 'a@x', '1', 1), (11, 2, 'b@x', '2', 1), (12, 3, 'c@x', '3', 2);
INSERT INTO "Sales"."Order Items" VALUES (10, 1, 's'), (11, 1, 's'), (99, 1, 's');
)SQL";

QString vkEntry(const QString &child, const QStringList &childColumns, const QString &parent,
                const QStringList &parentColumns, const QString &name = QString())
{
    QJsonObject o{{QStringLiteral("child"), child},
                  {QStringLiteral("child_columns"), QJsonArray::fromStringList(childColumns)},
                  {QStringLiteral("parent"), parent},
                  {QStringLiteral("parent_columns"), QJsonArray::fromStringList(parentColumns)}};
    if (!name.isEmpty())
        o.insert(QStringLiteral("name"), name);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString vkFileOf(const QStringList &entries)
{
    return QStringLiteral("{\"virtual_keys\": [%1]}").arg(entries.join(QStringLiteral(", ")));
}

QString goodOrdersKey()
{
    return vkEntry(QStringLiteral("public.orders"), {QStringLiteral("user_id")}, QStringLiteral("public.users"),
                   {QStringLiteral("id")});
}

} // namespace

class TestVirtualKeys : public QObject {
    Q_OBJECT

    TestDatabase *m_db = nullptr;
    QTemporaryDir m_dir;
    int m_files = 0;

    QString writeFile(const QString &text)
    {
        const QString path = m_dir.filePath(QStringLiteral("keys%1.json").arg(++m_files));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0)
            return QString();
        return path;
    }

    QStringList withDb(const QString &command, const QStringList &more = {}) const
    {
        return QStringList{command, QStringLiteral("--db"), m_db->connInfoString()} + more;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = new TestDatabase(QStringLiteral("virtualkeys"));
        QVERIFY2(m_db->run(QString::fromUtf8(virtualKeysShop)), qPrintable(m_db->error()));
    }

    void cleanupTestCase() { delete m_db; }

    void badFileIsRefusedWithOneLineNamingTheEntry_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");  // what the one line must say
        const QString good = goodOrdersKey();
        QTest::newRow("malformed JSON") << QStringLiteral("{\"virtual_keys\": [") << QStringLiteral("not JSON");
        QTest::newRow("no array") << QStringLiteral("{\"keys\": []}") << QStringLiteral("\"virtual_keys\" array");
        QTest::newRow("entry not an object") << vkFileOf({good, QStringLiteral("3")}) << QStringLiteral("entry 2: not an object");
        QTest::newRow("columns missing")
            << vkFileOf({QStringLiteral("{\"child\": \"orders\", \"parent\": \"users\", \"parent_columns\": [\"id\"]}")})
            << QStringLiteral("entry 1: \"child_columns\" must be a non-empty array");
        QTest::newRow("missing table")
            << vkFileOf({good, vkEntry(QStringLiteral("public.invoices"), {QStringLiteral("user_id")},
                                       QStringLiteral("users"), {QStringLiteral("id")})})
            << QStringLiteral("entry 2 (public.invoices(user_id) -> users(id)): no table public.invoices");
        QTest::newRow("missing child column")
            << vkFileOf({vkEntry(QStringLiteral("orders"), {QStringLiteral("usr_id")}, QStringLiteral("users"),
                                 {QStringLiteral("id")}, QStringLiteral("orders_usr"))})
            << QStringLiteral("entry 1 (orders_usr, orders(usr_id) -> users(id)): public.orders has no column usr_id");
        QTest::newRow("missing parent column")
            << vkFileOf({vkEntry(QStringLiteral("orders"), {QStringLiteral("user_id")}, QStringLiteral("users"),
                                 {QStringLiteral("uid")})})
            << QStringLiteral("users has no column uid");
        QTest::newRow("type mismatch")
            << vkFileOf({good, vkEntry(QStringLiteral("orders"), {QStringLiteral("note")}, QStringLiteral("users"),
                                       {QStringLiteral("id")})})
            << QStringLiteral("entry 2 (orders(note) -> users(id)): type mismatch: public.orders.note is text but "
                              "public.users.id is integer, not comparable with =");
        QTest::newRow("parent not unique")
            << vkFileOf({vkEntry(QStringLiteral("orders"), {QStringLiteral("note")}, QStringLiteral("users"),
                                 {QStringLiteral("name")})})
            << QStringLiteral("(name) is not the primary key or a unique key of public.users");
        QTest::newRow("column counts differ")
            << vkFileOf({vkEntry(QStringLiteral("\"Sales\".\"Order Items\""),
                                 {QStringLiteral("order_id"), QStringLiteral("line")}, QStringLiteral("orders"),
                                 {QStringLiteral("id")})})
            << QStringLiteral("2 child column(s) but 1 parent column(s)");
        QTest::newRow("declared already")
            << vkFileOf({vkEntry(QStringLiteral("orders"), {QStringLiteral("placed_by")}, QStringLiteral("users"),
                                 {QStringLiteral("id")})})
            << QStringLiteral("the database declares this key already, as orders_placed_by_fkey");
        QTest::newRow("given twice") << vkFileOf({good, good}) << QStringLiteral("entry 2 (public.orders(user_id) -> "
                                                                              "public.users(id)): the same key as entry 1");
        QTest::newRow("name taken")
            << vkFileOf({vkEntry(QStringLiteral("orders"), {QStringLiteral("user_id")}, QStringLiteral("users"),
                                 {QStringLiteral("id")}, QStringLiteral("orders_placed_by_fkey"))})
            << QStringLiteral("orders has a key named orders_placed_by_fkey already");
    }

    void badFileIsRefusedWithOneLineNamingTheEntry()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QString path = writeFile(text);
        QVERIFY(!path.isEmpty());
        const CliRun run = runCli(withDb(QStringLiteral("catalog"), {QStringLiteral("--virtual-keys"), path}));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.out.isEmpty(), run.out.constData());  // nothing half-loaded, nothing printed
        const QStringList lines = run.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().startsWith(QStringLiteral("fkscope-cli: --virtual-keys %1: ").arg(path)),
                 qPrintable(lines.first()));
        QVERIFY2(lines.first().contains(expected), qPrintable(lines.first()));
    }

    void missingFileIsAUsageError()
    {
        const CliRun run = runCli(withDb(QStringLiteral("catalog"),
                                         {QStringLiteral("--virtual-keys"), m_dir.filePath(QStringLiteral("none.json"))}));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("cannot read --virtual-keys")), qPrintable(run.err));
    }

    // The option lives where the catalog is loaded: every command that loads one refuses the
    // same bad file the same way.
    void everyCommandThatLoadsACatalogTakesTheOption_data()
    {
        QTest::addColumn<QStringList>("arguments");
        const QStringList root{QStringLiteral("--table"), QStringLiteral("users"), QStringLiteral("--key"),
                               QStringLiteral("id=1")};
        QTest::newRow("catalog") << QStringList{QStringLiteral("catalog")};
        QTest::newRow("graph") << QStringList{QStringLiteral("graph"), QStringLiteral("--format"), QStringLiteral("dot")};
        QTest::newRow("dependents") << QStringList{QStringLiteral("dependents")} + root;
        QTest::newRow("delete-script") << QStringList{QStringLiteral("delete-script")} + root;
        QTest::newRow("insert-script") << QStringList{QStringLiteral("insert-script")} + root;
        QTest::newRow("orphans") << QStringList{QStringLiteral("orphans")};
        QTest::newRow("lint") << QStringList{QStringLiteral("lint")};
        QTest::newRow("infer-keys") << QStringList{QStringLiteral("infer-keys")};
    }

    void everyCommandThatLoadsACatalogTakesTheOption()
    {
        QFETCH(QStringList, arguments);
        const QString bad = writeFile(vkFileOf({vkEntry(QStringLiteral("orders"), {QStringLiteral("nope")},
                                                        QStringLiteral("users"), {QStringLiteral("id")})}));
        const QString good = writeFile(vkFileOf({goodOrdersKey()}));
        const QStringList base = QStringList{arguments.first(), QStringLiteral("--db"), m_db->connInfoString()}
            + arguments.mid(1);
        const CliRun refused = runCli(base + QStringList{QStringLiteral("--virtual-keys"), bad});
        QCOMPARE(refused.exitCode, 2);
        QCOMPARE(refused.err.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY2(refused.err.contains(QLatin1String("orders has no column nope")), qPrintable(refused.err));
        const CliRun taken = runCli(base + QStringList{QStringLiteral("--virtual-keys"), good});
        QVERIFY2(taken.exitCode == 0 || taken.exitCode == 1, qPrintable(taken.err));
    }

    void goodFileAddsKeysMarkedVirtual()
    {
        const QString path = writeFile(vkFileOf(
            {goodOrdersKey(),
             vkEntry(QStringLiteral("\"Sales\".\"Order Items\""), {QStringLiteral("order_id")}, QStringLiteral("orders"),
                     {QStringLiteral("id")}, QStringLiteral("items_order")),
             // Names in any order of the unique key's columns; varchar against text compares.
             vkEntry(QStringLiteral("orders"), {QStringLiteral("customer_email")}, QStringLiteral("users"),
                     {QStringLiteral("email")})}));
        const CliRun run = runCli(withDb(QStringLiteral("catalog"), {QStringLiteral("--virtual-keys"), path}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonArray keys = run.json[QStringLiteral("foreign_keys")].toArray();
        QCOMPARE(keys.size(), 4);
        QMap<QString, QJsonObject> byName;
        for (const QJsonValue &k : keys)
            byName.insert(k[QStringLiteral("name")].toString(), k.toObject());
        QCOMPARE(byName.value(QStringLiteral("orders_placed_by_fkey"))[QStringLiteral("virtual")].toBool(true), false);
        const QJsonObject named = byName.value(QStringLiteral("items_order"));
        QCOMPARE(named[QStringLiteral("virtual")].toBool(), true);
        QCOMPARE(named[QStringLiteral("child")].toString(), QStringLiteral("\"Sales\".\"Order Items\""));
        QCOMPARE(named[QStringLiteral("on_delete")].toString(), QStringLiteral("no action"));
        QCOMPARE(named[QStringLiteral("validated")].toBool(true), false);
        // Unnamed entries get PostgreSQL's own name for the key.
        QVERIFY(byName.contains(QStringLiteral("orders_user_id_fkey")));
        QCOMPARE(byName.value(QStringLiteral("orders_customer_email_fkey"))[QStringLiteral("virtual")].toBool(), true);
        // fkscope keeps them: the database still has its one key.
        QCOMPARE(m_db->queryValue(QStringLiteral("SELECT count(*) FROM pg_constraint WHERE contype = 'f'")),
                 QStringLiteral("1"));
    }

    // orphans checks virtual keys with the NOT VALID ones: PostgreSQL never checked their rows.
    void orphansCountsTheRowsOfVirtualKeys()
    {
        const QString path = writeFile(vkFileOf({goodOrdersKey()}));
        const CliRun run = runCli(withDb(QStringLiteral("orphans"), {QStringLiteral("--virtual-keys"), path}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonArray orphans = run.json[QStringLiteral("orphans")].toArray();
        QCOMPARE(orphans.size(), 1);
        QCOMPARE(orphans[0][QStringLiteral("constraint")].toString(), QStringLiteral("orders_user_id_fkey"));
        QCOMPARE(orphans[0][QStringLiteral("rows")].toInteger(),
                 m_db->queryValue(QStringLiteral("SELECT count(*) FROM orders o WHERE o.user_id IS NOT NULL AND NOT "
                                                 "EXISTS (SELECT FROM users u WHERE u.id = o.user_id)")).toLongLong());
        QVERIFY(orphans[0][QStringLiteral("fixes")][QStringLiteral("validate")].toString().contains(QLatin1String("ADD CONSTRAINT")));
    }

    // The graph draws a virtual key in a style of its own, named in the legend, as DOT and SVG.
    void graphDrawsVirtualKeysPurpleAndDashed()
    {
        const QString path = writeFile(vkFileOf({goodOrdersKey()}));
        const CliRun dot = runCli(withDb(QStringLiteral("graph"), {QStringLiteral("--format"), QStringLiteral("dot"),
                                                                   QStringLiteral("--virtual-keys"), path}));
        QVERIFY2(dot.exitCode == 0, qPrintable(dot.err));
        const QString text = QString::fromUtf8(dot.out);
        QString virtualEdge, declaredEdge;
        for (const QString &line : text.split(QLatin1Char('\n'))) {
            if (line.contains(QLatin1String("orders_user_id_fkey (virtual key)")))
                virtualEdge = line;
            if (line.contains(QLatin1String("orders_placed_by_fkey")))
                declaredEdge = line;
        }
        QVERIFY2(virtualEdge.contains(QLatin1String("color=\"#8e44ad\"")) && virtualEdge.contains(QLatin1String("style=dashed")),
                 qPrintable(virtualEdge));
        QVERIFY2(!declaredEdge.isEmpty() && !declaredEdge.contains(QLatin1String("#8e44ad")), qPrintable(declaredEdge));
        QVERIFY(text.contains(QLatin1String("virtual key, kept by fkscope")));
        const CliRun svg = runCli(withDb(QStringLiteral("graph"), {QStringLiteral("--format"), QStringLiteral("svg"),
                                                                   QStringLiteral("--virtual-keys"), path}));
        QVERIFY2(svg.exitCode == 0, qPrintable(svg.err));
        QVERIFY(svg.out.contains("#8e44ad"));
        QVERIFY(svg.out.contains("virtual key, kept by fkscope"));
    }

    // What infer-keys prints is a file --virtual-keys reads: its candidates become the keys.
    void inferKeysOutputIsAVirtualKeysFile()
    {
        const CliRun inferred = runCli(withDb(QStringLiteral("infer-keys")));
        QVERIFY2(inferred.exitCode == 0, qPrintable(inferred.err));
        const int candidates = inferred.json[QStringLiteral("candidates")].toArray().size();
        QVERIFY(candidates >= 1);
        const QString path = writeFile(QString::fromUtf8(inferred.out));
        const CliRun run = runCli(withDb(QStringLiteral("catalog"), {QStringLiteral("--virtual-keys"), path}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        int virtualKeys = 0;
        for (const QJsonValue &k : run.json[QStringLiteral("foreign_keys")].toArray())
            virtualKeys += k[QStringLiteral("virtual")].toBool();
        QCOMPARE(virtualKeys, candidates);
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestVirtualKeys)
#include "tst_virtualkeys.moc"
