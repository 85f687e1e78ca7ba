// The filter box's two forms, the links from a row to its parents and children, the DELETE
// that names one row, and the clipboard format. Pure functions over catalog values.
#include "TestMain.h"
#include "catalog/Identifier.h"
#include "rows/RowFilter.h"
#include "rows/RowLinks.h"
#include "rows/TabSeparated.h"
#include "util/SqlCondition.h"

#include <QTest>

using namespace fkscope;

namespace {

Table usersTable()
{
    Table t;
    t.oid = 100;
    t.schema = QStringLiteral("public");
    t.name = QStringLiteral("users");
    t.qualifiedName = QStringLiteral("public.users");
    t.columns = {{1, QStringLiteral("id"), QStringLiteral("bigint"), false, {}, {}, {}},
                 {2, QStringLiteral("name"), QStringLiteral("text"), false, {}, {}, {}},
                 {3, QStringLiteral("Mixed Case"), QStringLiteral("character varying(20)"), true, {}, {}, {}},
                 {4, QStringLiteral("referred_by"), QStringLiteral("bigint"), true, {}, {}, {}}};
    t.uniqueKeys = {{QStringLiteral("users_pkey"), {QStringLiteral("id")}, true, true, false}};
    return t;
}

// Plain quoting, as libpq does with standard_conforming_strings on.
QString quote(const QString &text)
{
    return QLatin1Char('\'') + QString(text).replace(QLatin1Char('\''), QLatin1String("''")) + QLatin1Char('\'');
}

} // namespace

class TestRowFilter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parseTellsColumnValueFromSql_data();
    void parseTellsColumnValueFromSql();
    void textReadsBackAsTheSameFilter_data();
    void textReadsBackAsTheSameFilter();
    void linksLeadToParentsAndChildren();
    void deleteRootNamesTheRowByKeyOrCtid();
    void tabSeparatedQuotesOnlyWhatNeedsIt();
    void aConditionMustStayOneExpression_data();
    void aConditionMustStayOneExpression();
    void aFilterThatEscapesItsParenthesesIsRefused();
};

void TestRowFilter::parseTellsColumnValueFromSql_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("sql");  // what RowFilter::sql makes of it

    QTest::newRow("empty") << "  " << "";
    QTest::newRow("number") << "id=42" << "t.\"id\" = CAST('42' AS bigint)";
    QTest::newRow("spaces around =") << " id = 42 " << "t.\"id\" = CAST('42' AS bigint)";
    QTest::newRow("quote inside a bare value") << "name=O'Brien" << "t.\"name\" = CAST('O''Brien' AS text)";
    QTest::newRow("single-quoted value with spaces") << "name='Alice ''A'' Anders'"
                                                     << "t.\"name\" = CAST('Alice ''A'' Anders' AS text)";
    QTest::newRow("empty string") << "name=''" << "t.\"name\" = CAST('' AS text)";
    QTest::newRow("NULL") << "referred_by=null" << "t.\"referred_by\" IS NULL";
    QTest::newRow("quoted NULL is text") << "name='NULL'" << "t.\"name\" = CAST('NULL' AS text)";
    QTest::newRow("double-quoted column") << "\"Mixed Case\"=x" << "t.\"Mixed Case\" = CAST('x' AS character varying(20))";
    QTest::newRow("unquoted name folds to lower case") << "ID=1" << "t.\"id\" = CAST('1' AS bigint)";
    QTest::newRow("unknown column is SQL") << "nope=1" << "nope=1";
    QTest::newRow("spaces in the value make it SQL") << "id = 1 OR true" << "id = 1 OR true";
    QTest::newRow("comparison is SQL") << "id >= 4" << "id >= 4";
    QTest::newRow("inequality is SQL") << "id<>4" << "id<>4";
    QTest::newRow("function call is SQL") << "lower(name)='x'" << "lower(name)='x'";
}

void TestRowFilter::parseTellsColumnValueFromSql()
{
    QFETCH(QString, text);
    QFETCH(QString, sql);
    const Table users = usersTable();
    auto built = RowFilter::parse(text, users).sql(users, quote);
    QVERIFY(built);
    QCOMPARE(built.value(), sql);
}

void TestRowFilter::textReadsBackAsTheSameFilter_data()
{
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<QStringList>("values");  // "<NULL>" for NULL
    QTest::addColumn<QString>("text");

    QTest::newRow("bare") << QStringList{"id"} << QStringList{"7"} << "id=7";
    QTest::newRow("spaces") << QStringList{"name"} << QStringList{"Alice Anders"} << "name='Alice Anders'";
    QTest::newRow("leading quote") << QStringList{"name"} << QStringList{"'x"} << "name='''x'";
    QTest::newRow("NULL") << QStringList{"referred_by"} << QStringList{"<NULL>"} << "referred_by=NULL";
    QTest::newRow("the word NULL") << QStringList{"name"} << QStringList{"null"} << "name='null'";
    QTest::newRow("odd column name") << QStringList{"Mixed Case"} << QStringList{"v"} << "\"Mixed Case\" = 'v'";
    QTest::newRow("two columns") << QStringList{"id", "name"} << QStringList{"1", "O'Brien"}
                                 << "\"id\" = '1' AND \"name\" = 'O''Brien'";
}

void TestRowFilter::textReadsBackAsTheSameFilter()
{
    QFETCH(QStringList, columns);
    QFETCH(QStringList, values);
    QFETCH(QString, text);
    std::vector<RowFilter::Match> matches;
    for (int i = 0; i < columns.size(); ++i)
        matches.push_back({columns[i], values[i] == QLatin1String("<NULL>") ? RowValue() : RowValue(values[i])});
    const RowFilter filter = RowFilter::where(matches);
    QCOMPARE(filter.text(), text);
    const Table users = usersTable();
    const RowFilter back = RowFilter::parse(filter.text(), users);
    if (back.condition.isEmpty()) {
        QCOMPARE(back.matches.size(), filter.matches.size());
        QCOMPARE(back.matches.front().column, filter.matches.front().column);
        QCOMPARE(back.matches.front().value, filter.matches.front().value);
    } else {
        QCOMPARE(back.condition, text);  // read back as the SQL condition it shows
    }
}

void TestRowFilter::linksLeadToParentsAndChildren()
{
    Catalog catalog;
    catalog.tables.push_back(usersTable());
    ForeignKey referredBy;
    referredBy.name = QStringLiteral("users_referred_by_fkey");
    referredBy.childOid = referredBy.parentOid = 100;
    referredBy.childColumns = {QStringLiteral("referred_by")};
    referredBy.parentColumns = {QStringLiteral("id")};
    ForeignKey orders;
    orders.name = QStringLiteral("orders_user_id_fkey");
    orders.childOid = 200;
    orders.parentOid = 100;
    orders.childColumns = {QStringLiteral("user_id")};
    orders.parentColumns = {QStringLiteral("id")};
    catalog.foreignKeys = {orders, referredBy};
    catalog.rebuildIndex();

    const RowValues bob{QStringLiteral("2"), QStringLiteral("Bob"), std::nullopt, QStringLiteral("1")};
    const std::vector<RowLink> links = rowLinks(catalog, catalog.tables.front(), bob);
    QCOMPARE(links.size(), size_t(3));
    // Up first: Bob was referred by user 1.
    QVERIFY(links[0].toParent);
    QCOMPARE(links[0].key->name, QStringLiteral("users_referred_by_fkey"));
    QCOMPARE(links[0].filter.text(), QStringLiteral("id=1"));
    QVERIFY(links[0].available);
    // Then down, by name: orders of Bob, users Bob referred.
    QCOMPARE(links[1].key->name, QStringLiteral("orders_user_id_fkey"));
    QVERIFY(!links[1].toParent);
    QCOMPARE(links[1].tableOid, 200);
    QCOMPARE(links[1].filter.text(), QStringLiteral("user_id=2"));
    QCOMPARE(links[2].filter.text(), QStringLiteral("referred_by=2"));

    const RowValues alice{QStringLiteral("1"), QStringLiteral("Alice"), std::nullopt, std::nullopt};
    QVERIFY(!rowLinks(catalog, catalog.tables.front(), alice)[0].available);  // referred by nobody
}

void TestRowFilter::deleteRootNamesTheRowByKeyOrCtid()
{
    const Table users = usersTable();
    auto byKey = deleteRootFor(users, {QStringLiteral("1")});
    QVERIFY(byKey);
    QCOMPARE(byKey->table, QStringLiteral("public.users"));
    QCOMPARE(byKey->key.size(), 1);
    QCOMPARE(byKey->key.front().first, QStringLiteral("id"));
    QCOMPARE(byKey->key.front().second, QStringLiteral("1"));
    QCOMPARE(describeRow(users, {QStringLiteral("1")}), QStringLiteral("id=1"));

    Table log = users;
    log.uniqueKeys.clear();
    auto byCtid = deleteRootFor(log, {QStringLiteral("(3,14)")});
    QVERIFY(byCtid);
    QCOMPARE(byCtid->where, QStringLiteral("tableoid = '100'::oid AND ctid = '(3,14)'::tid"));
    QVERIFY(!deleteRootFor(log, {QStringLiteral("(3,14)') OR (true")}));
    QVERIFY(!deleteRootFor(users, {}));
}

void TestRowFilter::tabSeparatedQuotesOnlyWhatNeedsIt()
{
    QCOMPARE(toTabSeparated({{QStringLiteral("1"), QStringLiteral("Alice"), QString()},
                             {QStringLiteral("2"), QStringLiteral("tab\there"), QStringLiteral("say \"hi\"\nbye")}}),
             QStringLiteral("1\tAlice\t\n2\t\"tab\there\"\t\"say \"\"hi\"\"\nbye\"\n"));
}

void TestRowFilter::aConditionMustStayOneExpression_data()
{
    QTest::addColumn<QString>("condition");
    QTest::addColumn<QString>("problem");  // empty: accepted
    QTest::newRow("plain") << "id = 1 AND name ILIKE 'a%'" << "";
    QTest::newRow("nested parentheses") << "(id = 1 OR (id IN (2, 3)))" << "";
    QTest::newRow("paren in a string") << "name = ')'" << "";
    QTest::newRow("doubled quote") << "name = 'it''s ) here'" << "";
    QTest::newRow("E string with escaped quote") << R"(name = E'\' ) or (true')" << "";
    QTest::newRow("quoted name") << R"x("we""ird)" = 1)x" << "";
    QTest::newRow("dollar quote") << "name = $x$ ) ; $y$ $x$" << "";
    QTest::newRow("empty dollar quote") << "name = $$)$$" << "";
    QTest::newRow("parameter-like dollar") << "a$b = 1" << "";
    QTest::newRow("trailing line comment") << "1=1 --" << "";
    QTest::newRow("nested block comment") << "id = 1 /* a /* ) */ ; */" << "";
    QTest::newRow("array subscript") << "(ids)[1] = 2" << "";
    QTest::newRow("closing too early") << "id = 1) or (true" << "unbalanced parenthesis ) at character 7";
    QTest::newRow("never closed") << "(id = 1" << "unbalanced parenthesis ( at character 1";
    QTest::newRow("semicolon") << "true; DROP TABLE users" << "semicolon at character 5";
    QTest::newRow("unclosed string") << "name = 'x" << "unclosed string";
    QTest::newRow("E string not closed by escaped quote") << R"(name = E'\')" << "unclosed string E'";
    QTest::newRow("unclosed quoted name") << R"x("id = 1)x" << "unclosed quoted name";
    QTest::newRow("unclosed dollar quote") << "name = $x$ abc" << "unclosed dollar quote $x$";
    QTest::newRow("unclosed comment") << "true /* a /* b */" << "unclosed comment";
    QTest::newRow("mismatched bracket") << "a[1) = (2]" << "closes the [";
    QTest::newRow("only a comment") << "-- nothing" << "empty";
}

void TestRowFilter::aConditionMustStayOneExpression()
{
    QFETCH(QString, condition);
    QFETCH(QString, problem);
    const auto found = sqlConditionProblem(condition);
    if (problem.isEmpty())
        QVERIFY2(!found, qPrintable(found.value_or(QString())));
    else
        QVERIFY2(found && found->contains(problem), qPrintable(found.value_or(QStringLiteral("(accepted)"))));
}

void TestRowFilter::aFilterThatEscapesItsParenthesesIsRefused()
{
    const Table users = usersTable();
    const RowFilter filter = RowFilter::parse(QStringLiteral("id > 1) OR (true"), users);
    auto sql = filter.sql(users, quote);
    QVERIFY(!sql);
    QVERIFY2(sql.error().message.contains(QLatin1String("one SQL condition")), qPrintable(sql.error().message));

    const RowFilter twoStatements = RowFilter::parse(QStringLiteral("id = 1; DELETE FROM t"), users);
    QCOMPARE(twoStatements.condition, QStringLiteral("id = 1; DELETE FROM t"));
    QVERIFY(!twoStatements.sql(users, quote));
}

FKSCOPE_TEST_GUILESS_MAIN(TestRowFilter)
#include "tst_rowfilter.moc"
