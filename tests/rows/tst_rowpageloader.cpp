// Keyset paging against the real server: every row comes exactly once and in PostgreSQL's
// own order, whatever the key (integer, composite, text with quotes and unicode, none at all
// on a plain or a partitioned table), the sort column (with NULLs and repeats) and the filter.
// Filters cannot write; values come back as PostgreSQL's text.
#include "TestDatabase.h"
#include "TestMain.h"

#include "catalog/CatalogLoader.h"
#include "db/Connection.h"
#include "rows/RowFilter.h"
#include "rows/RowPageLoader.h"

#include <QTest>

#include <memory>

using namespace fkscope;
using namespace fkscope::test;

namespace {

const char *const schema = R"SQL(
CREATE TABLE plain (id integer PRIMARY KEY, n integer, label text);
INSERT INTO plain SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE i % 10 END, chr(97 + i % 26) || i
  FROM generate_series(1, 103) AS i;

CREATE TABLE composite (a integer, b text, note text, PRIMARY KEY (a, b));
INSERT INTO composite SELECT a, b, 'x' FROM generate_series(1, 4) AS a,
  unnest(ARRAY['O''Brien', '"quoted"', 'größe', '日本語', '', ' lead', 'back\slash', 'Z', 'a b']) AS b;

CREATE TABLE textkey (k text PRIMARY KEY, n integer);
INSERT INTO textkey VALUES ('O''Brien', 1), ('"quoted"', NULL), ('größe', 2), ('日本語', NULL), ('', 3),
  ('back\slash', 1), ('a''''b', 2), ('Ünïcødé', 3), ('tab	in', NULL), ('zzz', 1);

CREATE TABLE uniq (code text NOT NULL UNIQUE, other text UNIQUE, n integer);
INSERT INTO uniq SELECT 'c' || i, CASE WHEN i % 2 = 0 THEN 'o' || i END, i % 3 FROM generate_series(1, 40) AS i;

CREATE TABLE nokey (n integer, pad text);
INSERT INTO nokey SELECT CASE WHEN i % 11 = 0 THEN NULL ELSE i % 97 END, repeat('p', 180)
  FROM generate_series(1, 6000) AS i;
DELETE FROM nokey WHERE ctid >= '(20,0)' AND ctid < '(90,0)';

CREATE TABLE parted (day date NOT NULL, n integer) PARTITION BY RANGE (day);
CREATE TABLE parted_a PARTITION OF parted FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');
CREATE TABLE parted_b PARTITION OF parted FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');
INSERT INTO parted SELECT DATE '2024-01-01' + (i % 55), i FROM generate_series(1, 500) AS i;

CREATE TABLE kinds (
    id integer PRIMARY KEY, big numeric, ts timestamptz, bin bytea, arr integer[], js json, jb jsonb,
    txt text, f8 double precision, f4 real, iv interval, u uuid, b boolean, d date, money_ money);
INSERT INTO kinds VALUES
  (1, 123456789012345678901234567890.123456789012345678901234567890, '2024-02-29 23:59:59.123456+05:30',
   '\x00ff10', '{1,NULL,3}', '{"a": [1, 2.50], "b" : "x"}', '{"b": 1, "a": [1.0, 2.50]}', '',
   0.1, 1.1, '1 year 2 mons 3 days 04:05:06.789', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', true, '0001-01-01 BC', 12.34),
  (2, 'NaN', '-infinity', '', '{}', 'null', '[]', NULL, 'Infinity', -0.0, '-1 days', NULL, false, 'infinity', NULL),
  (3, NULL, NULL, NULL, NULL, NULL, NULL, 'line1
line2', 1e300, 3.4e38, NULL, NULL, NULL, NULL, -0.5);

CREATE SEQUENCE counter;
CREATE FUNCTION wipe() RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN DELETE FROM plain; RETURN true; END $$;
)SQL";

} // namespace

class TestRowPageLoader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pagingReturnsEveryRowExactlyOnceInOrder_data();
    void pagingReturnsEveryRowExactlyOnceInOrder();
    void tablesWithoutAKeyArePagedByCtid_data();
    void tablesWithoutAKeyArePagedByCtid();
    void orderKeyIsPrimaryThenNotNullUniqueThenCtid();
    void valuesComeBackAsPostgresText();
    void nullIsNotTheEmptyString();
    void badFilterReturnsTheServerError_data();
    void badFilterReturnsTheServerError();
    void filterCannotWrite_data();
    void filterCannotWrite();
    void firstPageOfANokeyTableReadsOneWindow();

private:
    const Table &table(const QString &name) const;
    // Every page of table, limit rows at a time: the row keys joined with \x1f, in order.
    QStringList pageThrough(const QString &name, const QString &filter, const QString &sortColumn, bool descending,
                            int limit, int *pages = nullptr);
    QStringList expected(const QString &sql);

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<Connection> m_connection;
    Catalog m_catalog;
};

void TestRowPageLoader::initTestCase()
{
    m_db = std::make_unique<TestDatabase>(QStringLiteral("rows"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QVERIFY2(m_db->run(QString::fromUtf8(schema)), qPrintable(m_db->error()));
    QVERIFY(m_db->run(QStringLiteral("VACUUM ANALYZE")));
    auto connection = Connection::open(m_db->connInfo());
    QVERIFY2(connection, qPrintable(connection.error().message));
    m_connection = connection.take();
    auto catalog = CatalogLoader(*m_connection).load();
    QVERIFY2(catalog, qPrintable(catalog.error().message));
    m_catalog = catalog.take();
}

const Table &TestRowPageLoader::table(const QString &name) const
{
    const Table *t = m_catalog.table(name.contains(QLatin1Char('.')) ? name : QStringLiteral("public.") + name);
    if (!t)
        qFatal("no table %s", qPrintable(name));
    return *t;
}

QStringList TestRowPageLoader::pageThrough(const QString &name, const QString &filter, const QString &sortColumn,
                                           bool descending, int limit, int *pages)
{
    const Table &t = table(name);
    auto condition = RowFilter::parse(filter, t).sql(t, [this](const QString &v) { return m_connection->quoteLiteral(v); });
    if (!condition)
        qFatal("%s", qPrintable(condition.error().message));
    RowQuery query{condition.value(), -1, descending};
    for (size_t i = 0; i < t.columns.size(); ++i) {
        if (t.columns[i].name == sortColumn)
            query.sortColumn = int(i);
    }
    RowPageLoader loader(*m_connection);
    QStringList keys;
    RowCursor cursor;
    int count = 0;
    for (;;) {
        auto page = loader.load(t, query, cursor, limit);
        if (!page) {
            qWarning("%s", qPrintable(page.error().message));
            return {QStringLiteral("error")};
        }
        ++count;
        if (int(page->rows.size()) > limit || page->rowKeys.size() != page->rows.size())
            return {QStringLiteral("bad page size")};
        for (const QStringList &key : page->rowKeys)
            keys << key.join(QChar(0x1f));
        if (page->atEnd || count > 10000)
            break;
        cursor = page->next;
    }
    if (pages)
        *pages = count;
    return keys;
}

QStringList TestRowPageLoader::expected(const QString &sql)
{
    const QString output = runPsql(m_db->connInfoString(), {QStringLiteral("-At"), QStringLiteral("-c"), sql});
    QStringList lines = output.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

void TestRowPageLoader::pagingReturnsEveryRowExactlyOnceInOrder_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("sort");
    QTest::addColumn<bool>("descending");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QString>("oracle");  // the keys in order, as PostgreSQL gives them

    const QString k = QStringLiteral("a::text || chr(31) || b");
    QTest::newRow("integer key") << "plain" << "" << "" << false << 7 << "SELECT id FROM plain ORDER BY id";
    QTest::newRow("one page holds all") << "plain" << "" << "" << false << 500 << "SELECT id FROM plain ORDER BY id";
    QTest::newRow("page size 1") << "plain" << "" << "" << false << 1 << "SELECT id FROM plain ORDER BY id";
    QTest::newRow("sorted ascending, NULLs last") << "plain" << "" << "n" << false << 6
                                                  << "SELECT id FROM plain ORDER BY n ASC NULLS LAST, id";
    QTest::newRow("sorted descending, NULLs first") << "plain" << "" << "n" << true << 6
                                                    << "SELECT id FROM plain ORDER BY n DESC NULLS FIRST, id DESC";
    QTest::newRow("sorted by text") << "plain" << "" << "label" << true << 9
                                    << "SELECT id FROM plain ORDER BY label DESC NULLS FIRST, id DESC";
    QTest::newRow("column=value filter") << "plain" << "n=3" << "" << false << 4
                                         << "SELECT id FROM plain WHERE n = 3 ORDER BY id";
    QTest::newRow("column=NULL filter") << "plain" << "n=NULL" << "" << false << 4
                                        << "SELECT id FROM plain WHERE n IS NULL ORDER BY id";
    QTest::newRow("SQL filter, sorted") << "plain" << "n > 4 AND label LIKE '%1%'" << "n" << false << 5
                                        << "SELECT id FROM plain WHERE n > 4 AND label LIKE '%1%' ORDER BY n, id";
    QTest::newRow("filter ending in a comment") << "plain" << "n = 3 -- the threes" << "" << false << 4
                                                << "SELECT id FROM plain WHERE n = 3 ORDER BY id";
    // An unbalanced "a) OR (b" is refused by RowFilter (tst_rowfilter); parentheses in strings are not counted.
    QTest::newRow("filter with parentheses in a string") << "plain" << "')(' IS NOT NULL AND (id < 5 OR id > 100)" << ""
                                                         << false << 2
                                                         << "SELECT id FROM plain WHERE id < 5 OR id > 100 ORDER BY id";
    QTest::newRow("composite key") << "composite" << "" << "" << false << 5
                                   << QStringLiteral("SELECT %1 FROM composite ORDER BY a, b").arg(k);
    QTest::newRow("composite key, quoted value filter") << "composite" << "b='O''Brien'" << "" << false << 1
                                                        << QStringLiteral("SELECT %1 FROM composite WHERE b = 'O''Brien' ORDER BY a, b").arg(k);
    QTest::newRow("composite key sorted by a key column") << "composite" << "" << "b" << true << 4
                                                          << QStringLiteral("SELECT %1 FROM composite ORDER BY b DESC, a DESC, b DESC").arg(k);
    QTest::newRow("text key with quotes and unicode") << "textkey" << "" << "" << false << 3
                                                      << "SELECT k FROM textkey WHERE k NOT LIKE '%\t%' ORDER BY k";
    QTest::newRow("text key sorted by a column with NULLs") << "textkey" << "" << "n" << false << 2
                                                            << "SELECT k FROM textkey WHERE k NOT LIKE '%\t%' ORDER BY n NULLS LAST, k";
    QTest::newRow("unique key when there is no primary key") << "uniq" << "" << "" << false << 6
                                                             << "SELECT code FROM uniq ORDER BY code";
}

void TestRowPageLoader::pagingReturnsEveryRowExactlyOnceInOrder()
{
    QFETCH(QString, table);
    QFETCH(QString, filter);
    QFETCH(QString, sort);
    QFETCH(bool, descending);
    QFETCH(int, limit);
    QFETCH(QString, oracle);

    QStringList keys = pageThrough(table, filter, sort, descending, limit);
    if (table == QLatin1String("textkey"))
        keys.removeAll(QStringLiteral("tab\tin"));  // psql -At cannot show it on one field; checked below
    QCOMPARE(keys, expected(oracle));
    if (table == QLatin1String("textkey") && filter.isEmpty())
        QCOMPARE(pageThrough(table, QString(), sort, descending, limit).count(QStringLiteral("tab\tin")), 1);
}

void TestRowPageLoader::tablesWithoutAKeyArePagedByCtid_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("sort");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QString>("oracle");
    QTest::addColumn<bool>("ordered");  // sorted by a column: the order is PostgreSQL's too

    QTest::newRow("block windows, holes in the table") << "nokey" << "" << "" << 250 << "SELECT ctid FROM nokey" << false;
    QTest::newRow("block windows, sparse filter") << "nokey" << "n = 5" << "" << 7
                                                  << "SELECT ctid FROM nokey WHERE n = 5" << false;
    QTest::newRow("block windows, nothing matches") << "nokey" << "n < 0" << "" << 7
                                                    << "SELECT ctid FROM nokey WHERE n < 0" << false;
    QTest::newRow("sorted, NULLs last") << "nokey" << "" << "n" << 333
                                        << "SELECT ctid FROM nokey ORDER BY n NULLS LAST, ctid" << true;
    QTest::newRow("partitioned, block windows") << "parted" << "" << "" << 45
                                                << "SELECT tableoid::bigint || chr(31) || ctid FROM parted" << false;
    QTest::newRow("partitioned, sorted") << "parted" << "" << "day" << 45
                                         << "SELECT tableoid::bigint || chr(31) || ctid FROM parted "
                                            "ORDER BY day, tableoid, ctid"
                                         << true;
}

void TestRowPageLoader::tablesWithoutAKeyArePagedByCtid()
{
    QFETCH(QString, table);
    QFETCH(QString, filter);
    QFETCH(QString, sort);
    QFETCH(int, limit);
    QFETCH(QString, oracle);
    QFETCH(bool, ordered);

    int pages = 0;
    QStringList keys = pageThrough(table, filter, sort, false, limit, &pages);
    QStringList wanted = expected(oracle);
    if (!ordered) {
        // Exactly once: no repeats, and the same rows as PostgreSQL.
        const QStringList all = keys;
        keys.removeDuplicates();
        QCOMPARE(keys.size(), all.size());
        keys.sort();
        wanted.sort();
    }
    QCOMPARE(keys, wanted);
    QVERIFY(pages >= (wanted.size() + limit - 1) / limit);
}

void TestRowPageLoader::orderKeyIsPrimaryThenNotNullUniqueThenCtid()
{
    QCOMPARE(RowOrderKey::choose(table(QStringLiteral("public.composite"))).columns,
             (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    const RowOrderKey uniq = RowOrderKey::choose(table(QStringLiteral("public.uniq")));
    QCOMPARE(uniq.kind, RowOrderKey::Kind::Columns);
    QCOMPARE(uniq.columns, QStringList{QStringLiteral("code")});  // "other" allows NULL
    QCOMPARE(RowOrderKey::choose(table(QStringLiteral("public.nokey"))).kind, RowOrderKey::Kind::Ctid);
    QVERIFY(!RowOrderKey::choose(table(QStringLiteral("public.nokey"))).withTableOid);
    QVERIFY(RowOrderKey::choose(table(QStringLiteral("public.parted"))).withTableOid);
}

void TestRowPageLoader::valuesComeBackAsPostgresText()
{
    const Table &kinds = table(QStringLiteral("public.kinds"));
    RowPageLoader loader(*m_connection);
    auto page = loader.load(kinds, {}, {}, 10);
    QVERIFY2(page, qPrintable(page.error().message));
    QCOMPARE(page->rows.size(), size_t(3));
    QCOMPARE(page->columns.size(), int(kinds.columns.size()));
    // The server's own text of every value, read with psql in the same time zone and styles.
    for (int row = 0; row < 3; ++row) {
        for (int c = 1; c < page->columns.size(); ++c) {
            const QString column = page->columns[c];
            if (column == QLatin1String("txt") && row == 2)
                continue;  // two lines; psql -At cannot show it as one
            const QString sql = QStringLiteral("SET DateStyle = ISO; SET IntervalStyle = postgres; "
                                               "SELECT coalesce(%1::text, '<NULL>') FROM kinds WHERE id = %2")
                                    .arg(column).arg(row + 1);
            const QString oracle = runPsql(m_db->connInfoString(), {QStringLiteral("-At"), QStringLiteral("-c"), sql}).chopped(1);
            const RowValue &value = page->rows[size_t(row)][size_t(c)];
            QCOMPARE(value.value_or(QStringLiteral("<NULL>")), oracle);
        }
    }
    QCOMPARE(*page->rows[0][1], QStringLiteral("123456789012345678901234567890.123456789012345678901234567890"));
    QCOMPARE(*page->rows[0][3], QStringLiteral("\\x00ff10"));
    QCOMPARE(*page->rows[0][4], QStringLiteral("{1,NULL,3}"));
    QCOMPARE(*page->rows[0][5], QStringLiteral("{\"a\": [1, 2.50], \"b\" : \"x\"}"));  // json keeps its text
    QCOMPARE(*page->rows[0][8], QStringLiteral("0.1"));
    QCOMPARE(*page->rows[1][1], QStringLiteral("NaN"));
    QCOMPARE(*page->rows[2][7], QStringLiteral("line1\nline2"));
}

void TestRowPageLoader::nullIsNotTheEmptyString()
{
    RowPageLoader loader(*m_connection);
    auto page = loader.load(table(QStringLiteral("public.kinds")), {}, {}, 10);
    QVERIFY2(page, qPrintable(page->rows.empty() ? QString() : page.error().message));
    const int txt = page->columns.indexOf(QStringLiteral("txt"));
    const int bin = page->columns.indexOf(QStringLiteral("bin"));
    QVERIFY(page->rows[0][size_t(txt)].has_value());
    QCOMPARE(*page->rows[0][size_t(txt)], QString());
    QVERIFY(!page->rows[1][size_t(txt)].has_value());
    QCOMPARE(*page->rows[1][size_t(bin)], QStringLiteral("\\x"));  // empty bytea
    QVERIFY(!page->rows[2][size_t(bin)].has_value());
}

void TestRowPageLoader::badFilterReturnsTheServerError_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("sqlstate");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown column") << "nope > 1" << "42703" << "column \"nope\" does not exist";
    QTest::newRow("value of the wrong type") << "id=abc" << "22P02" << "invalid input syntax for type integer: \"abc\"";
    QTest::newRow("syntax error") << "id = = 1" << "42601" << "syntax error";
    // An unterminated comment or quote never reaches the server: RowFilter refuses it (tst_rowfilter).
}

void TestRowPageLoader::badFilterReturnsTheServerError()
{
    QFETCH(QString, filter);
    QFETCH(QString, sqlstate);
    QFETCH(QString, message);
    const Table &plain = table(QStringLiteral("public.plain"));
    auto condition = RowFilter::parse(filter, plain).sql(plain, [this](const QString &v) { return m_connection->quoteLiteral(v); });
    QVERIFY(condition);
    RowPageLoader loader(*m_connection);
    auto page = loader.load(plain, {condition.value()}, {}, 10);
    QVERIFY(!page);
    QCOMPARE(page.error().sqlstate, sqlstate);
    QVERIFY2(page.error().message.contains(message), qPrintable(page.error().message));
    // The session is usable again.
    QVERIFY(loader.load(plain, {}, {}, 10));
}

void TestRowPageLoader::filterCannotWrite_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("sqlstate");
    QTest::newRow("second statement") << "id = 1; DELETE FROM plain" << "42601";
    // Balanced so that it would parse as three statements: only the single-statement
    // protocol stops the COMMIT that would end the read-only transaction.
    QTest::newRow("commit, then delete") << "true)) AS p; COMMIT; DELETE FROM plain; SELECT * FROM (SELECT 1 AS fk_k0 WHERE (true"
                                         << "42601";
    QTest::newRow("function that deletes") << "wipe()" << "25006";
    QTest::newRow("sequence") << "nextval('counter') > 0" << "25006";
    QTest::newRow("data-modifying CTE") << "id IN (WITH d AS (DELETE FROM plain RETURNING id) SELECT id FROM d)" << "0A000";
}

void TestRowPageLoader::filterCannotWrite()
{
    QFETCH(QString, filter);
    QFETCH(QString, sqlstate);
    const Table &plain = table(QStringLiteral("public.plain"));
    RowPageLoader loader(*m_connection);
    auto page = loader.load(plain, {filter}, {}, 10);
    QVERIFY(!page);
    QVERIFY2(page.error().sqlstate == sqlstate,
             qPrintable(page.error().sqlstate + QLatin1Char(' ') + page.error().message));
    QCOMPARE(m_db->queryValue(QStringLiteral("SELECT count(*) FROM plain")), QStringLiteral("103"));
    QCOMPARE(m_db->queryValue(QStringLiteral("SELECT last_value FROM counter")), QStringLiteral("1"));
    QCOMPARE(m_db->queryValue(QStringLiteral("SELECT is_called FROM counter")), QStringLiteral("f"));
}

void TestRowPageLoader::firstPageOfANokeyTableReadsOneWindow()
{
    // The first page of a table without a key reads its first blocks, not the whole table.
    const Table &nokey = table(QStringLiteral("public.nokey"));
    RowPageLoader loader(*m_connection);
    auto page = loader.load(nokey, {}, {}, 10);
    QVERIFY2(page, qPrintable(page.error().message));
    QCOMPARE(page->rows.size(), size_t(10));
    QVERIFY(page->next.inWindow);
    QCOMPARE(page->next.blockStart, 0);
    QCOMPARE(page->rowKeys.front(), QStringList{QStringLiteral("(0,1)")});
}

FKSCOPE_TEST_GUILESS_MAIN(TestRowPageLoader)
#include "tst_rowpageloader.moc"
