// fkscope-cli graph against the server: the DOT is Graphviz input with every table and key
// once, styled by ON DELETE; SVG is well-formed with a node per table; PNG is a PNG; odd
// names survive; bad input gets one line and exit 2.
#include "TestDatabase.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace fkscope::test;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QString err;
};

Run run(const QString &program, const QStringList &arguments, const QByteArray &input = {})
{
    QProcess process;
    process.start(program, arguments);
    process.write(input);
    process.closeWriteChannel();
    Run result;
    if (!process.waitForFinished(300000))
        return result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = process.readAllStandardOutput();
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

Run graph(const TestDatabase &db, QStringList arguments)
{
    return run(qEnvironmentVariable("FKSCOPE_CLI"),
               QStringList{QStringLiteral("graph"), QStringLiteral("--db"), db.connInfoString()} + arguments);
}

const char *tablesSql = "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT LIKE 'pg\\_%' "
                        "AND n.nspname <> 'information_schema' ORDER BY 1";
const char *keysSql = "SELECT conrelid::bigint || ' ' || confrelid::bigint FROM pg_constraint "
                      "WHERE contype = 'f' AND conparentid = 0 ORDER BY 1";

// Node ids and "child parent" pairs written in a DOT file by fkscope.
void parseDot(const QByteArray &dot, QStringList *nodes, QStringList *edges)
{
    static const QRegularExpression node(QStringLiteral(R"(^  t(\d+) \[)"), QRegularExpression::MultilineOption);
    static const QRegularExpression edge(QStringLiteral(R"(^  t(\d+) -> t(\d+) \[)"), QRegularExpression::MultilineOption);
    const QString text = QString::fromUtf8(dot);
    for (auto it = node.globalMatch(text); it.hasNext();)
        *nodes << it.next().captured(1);
    for (auto it = edge.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        *edges << m.captured(1) + QLatin1Char(' ') + m.captured(2);
    }
    nodes->sort();
    edges->sort();
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

// Graphviz itself reads the DOT back.
void verifyGraphvizReads(const QByteArray &dot)
{
    const Run svg = run(QStringLiteral("dot"), {QStringLiteral("-Tsvg")}, dot);
    QVERIFY2(svg.exitCode == 0, qPrintable(svg.err));
    QVERIFY2(!svg.err.contains(QLatin1String("rror")), qPrintable(svg.err));
}

struct SvgContents {
    int nodeGroups = 0;
    QStringList titles;
    QStringList texts;
};

SvgContents readSvg(const QByteArray &svg, QString *error)
{
    SvgContents contents;
    QXmlStreamReader xml(svg);
    QString element;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement) {
            element = xml.name().toString();
            if (element == QLatin1String("g") && xml.attributes().value(QLatin1String("class")) == QLatin1String("node"))
                ++contents.nodeGroups;
            if (element == QLatin1String("title"))
                contents.titles << xml.readElementText();
            else if (element == QLatin1String("text"))
                contents.texts << xml.readElementText();
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return contents;
}

} // namespace

class TestCliGraph : public QObject {
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_demo;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        m_demo = std::make_unique<TestDatabase>(QStringLiteral("graphdemo"));
        QVERIFY2(m_demo->runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(m_demo->error()));
    }
    void cleanupTestCase() { m_demo.reset(); }

    void dotHasEveryTableAndKeyOnce()
    {
        const Run r = graph(*m_demo, {QStringLiteral("--format"), QStringLiteral("dot")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        QStringList nodes, edges;
        parseDot(r.out, &nodes, &edges);
        QCOMPARE(nodes, sorted(m_demo->query(QString::fromLatin1(tablesSql))));
        QCOMPARE(edges, sorted(m_demo->query(QString::fromLatin1(keysSql))));
        verifyGraphvizReads(r.out);
    }

    void edgesAreStyledByOnDelete()
    {
        const Run r = graph(*m_demo, {});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = QString::fromUtf8(r.out).split(QLatin1Char('\n')).filter(QStringLiteral(" -> "));
        auto count = [&](const QString &needle) { return int(lines.filter(needle).size()); };
        auto server = [&](const char *where) {
            return m_demo->queryValue(QStringLiteral("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conparentid = 0 AND ")
                                      + QLatin1String(where)).toInt();
        };
        QCOMPARE(count(QStringLiteral("#c0392b")), server("confdeltype IN ('a', 'r')"));
        QCOMPARE(count(QStringLiteral("#2461a8")), server("confdeltype = 'c'"));
        QCOMPARE(count(QStringLiteral("#d97706")), server("confdeltype IN ('n', 'd')"));
        QCOMPARE(count(QStringLiteral("style=dashed")), server("confdeltype IN ('n', 'd') AND convalidated"));
        QCOMPARE(count(QStringLiteral("style=dotted")), server("NOT convalidated"));
        QCOMPARE(count(QStringLiteral("arrowhead=empty")), server("condeferrable"));
        QVERIFY(server("condeferrable") > 0 && server("NOT convalidated") > 0);
        QVERIFY(QString::fromUtf8(r.out).contains(QLatin1String("legend [")));
        // The legend's yellow dot: on every key whose child columns lead no valid, non-partial
        // index (in any order), and only there.
        const int unindexed = m_demo->queryValue(QStringLiteral(
            "SELECT count(*) FROM pg_constraint c WHERE contype = 'f' AND conparentid = 0 AND NOT EXISTS ("
            "SELECT FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indisvalid AND i.indpred IS NULL "
            "AND (SELECT array_agg(x ORDER BY x) FROM unnest((i.indkey::int2[])[0:array_length(c.conkey, 1) - 1]) x)"
            " = (SELECT array_agg(x ORDER BY x) FROM unnest(c.conkey) x))")).toInt();
        QVERIFY(unindexed > 0 && unindexed < lines.size());
        QCOMPARE(count(QStringLiteral("taillabel=\"●\"")), unindexed);
    }

    void svgIsWellFormedWithANodePerTable()
    {
        const QString path = m_dir.filePath(QStringLiteral("demo.svg"));
        const Run r = graph(*m_demo, {QStringLiteral("--format"), QStringLiteral("svg"), QStringLiteral("--output"), path});
        QCOMPARE(r.exitCode, 0);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString error;
        const SvgContents svg = readSvg(file.readAll(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QStringList tables = m_demo->query(QString::fromLatin1(tablesSql));
        QCOMPARE(svg.nodeGroups, int(tables.size()) + 1);  // and the legend
        for (const QString &oid : tables)
            QCOMPARE(svg.titles.count(QStringLiteral("t") + oid), 1);
    }

    void pngHasASignature()
    {
        const QString path = m_dir.filePath(QStringLiteral("demo.png"));
        const Run r = graph(*m_demo, {QStringLiteral("--format"), QStringLiteral("png"), QStringLiteral("--output"), path});
        QCOMPARE(r.exitCode, 0);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray png = file.readAll();
        QVERIFY(png.size() > 1000);
        QVERIFY(png.startsWith("\x89PNG\r\n\x1a\n"));
    }

    void focusShowsTheNeighbourhood_data()
    {
        QTest::addColumn<QString>("direction");
        QTest::addColumn<QString>("neighbours");
        QTest::newRow("up") << "up" << "SELECT confrelid::bigint FROM pg_constraint WHERE contype = 'f' AND conrelid = 'orders'::regclass";
        QTest::newRow("down") << "down" << "SELECT conrelid::bigint FROM pg_constraint WHERE contype = 'f' AND conparentid = 0 AND confrelid = 'orders'::regclass";
    }

    void focusShowsTheNeighbourhood()
    {
        QFETCH(QString, direction);
        QFETCH(QString, neighbours);
        const Run r = graph(*m_demo, {QStringLiteral("--focus"), QStringLiteral("orders"), QStringLiteral("--depth"),
                                      QStringLiteral("1"), QStringLiteral("--direction"), direction});
        QCOMPARE(r.exitCode, 0);
        QStringList nodes, edges;
        parseDot(r.out, &nodes, &edges);
        QStringList expected = m_demo->query(neighbours) << m_demo->queryValue(QStringLiteral("SELECT 'orders'::regclass::oid::bigint"));
        expected.removeDuplicates();
        QCOMPARE(nodes, sorted(expected));
        verifyGraphvizReads(r.out);
    }

    void oddNamesAreQuoted()
    {
        TestDatabase db(QStringLiteral("graphnames"));
        QVERIFY2(db.run(QStringLiteral(R"sql(
            CREATE SCHEMA "Sales ""EU""";
            CREATE TABLE "Sales ""EU"""."Order Items" (id int PRIMARY KEY);
            CREATE TABLE "back\slash\N" (id int PRIMARY KEY, p int REFERENCES "Sales ""EU"""."Order Items");
            CREATE TABLE "ünï cødé 表" (id int PRIMARY KEY, p int REFERENCES "back\slash\N" ON DELETE CASCADE);
            CREATE TABLE "a -> b; } digraph {" (id int PRIMARY KEY, p int REFERENCES "ünï cødé 表" ON DELETE SET NULL);
        )sql")), qPrintable(db.error()));
        const Run dot = graph(db, {});
        QCOMPARE(dot.exitCode, 0);
        QStringList nodes, edges;
        parseDot(dot.out, &nodes, &edges);
        QCOMPARE(nodes.size(), 4);
        QCOMPARE(edges.size(), 3);
        verifyGraphvizReads(dot.out);

        const Run svgRun = graph(db, {QStringLiteral("--format"), QStringLiteral("svg")});
        QCOMPARE(svgRun.exitCode, 0);
        QString error;
        const SvgContents svg = readSvg(svgRun.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QStringList names = db.query(QStringLiteral(
            "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname NOT LIKE 'pg\\_%' "
            "AND n.nspname <> 'information_schema'"));
        QCOMPARE(names.size(), 4);
        for (const QString &name : names)
            QVERIFY2(svg.texts.contains(name), qPrintable(name + QStringLiteral(" not in ") + svg.texts.join(QLatin1Char('|'))));
    }

    void unknownFocusIsAUsageError()
    {
        const Run r = graph(*m_demo, {QStringLiteral("--focus"), QStringLiteral("no_such_table")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY(r.err.contains(QLatin1String("no_such_table")));
    }

    void badOptionsAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("format") << QStringList{QStringLiteral("--format"), QStringLiteral("gif")};
        QTest::newRow("depth") << QStringList{QStringLiteral("--depth"), QStringLiteral("-1")};
        QTest::newRow("direction") << QStringList{QStringLiteral("--direction"), QStringLiteral("sideways")};
        QTest::newRow("engine") << QStringList{QStringLiteral("--engine"), QStringLiteral("circo")};
    }

    void badOptionsAreUsageErrors()
    {
        QFETCH(QStringList, arguments);
        const Run r = graph(*m_demo, arguments);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
    }

    void emptyDatabaseDrawsAnEmptyGraph()
    {
        TestDatabase empty(QStringLiteral("graphempty"));
        const Run dot = graph(empty, {});
        QCOMPARE(dot.exitCode, 0);
        verifyGraphvizReads(dot.out);
        const Run svgRun = graph(empty, {QStringLiteral("--format"), QStringLiteral("svg")});
        QCOMPARE(svgRun.exitCode, 0);
        QString error;
        QCOMPARE(readSvg(svgRun.out, &error).nodeGroups, 1);  // the legend alone
        QVERIFY(error.isEmpty());
    }

    void generatedSchemaIsDrawnWhole()
    {
        TestDatabase db(QStringLiteral("graphgen"));
        const Run sql = run(QStringLiteral("python3"), {sourceDir() + QStringLiteral("/bench/generate_schema.py"),
                                                        QStringLiteral("--tables"), QStringLiteral("400"),
                                                        QStringLiteral("--keys"), QStringLiteral("700")});
        QCOMPARE(sql.exitCode, 0);
        const QString path = m_dir.filePath(QStringLiteral("generated.sql"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(sql.out);
        file.close();
        QVERIFY2(db.runFile(path), qPrintable(db.error()));

        const Run dot = graph(db, {QStringLiteral("--engine"), QStringLiteral("sfdp")});
        QCOMPARE(dot.exitCode, 0);
        QVERIFY(dot.out.contains("pos=\""));  // laid out
        QVERIFY2(dot.err.isEmpty(), qPrintable(dot.err));
        // 700 keys on 400 tables is too dense for dot to finish in seconds: sfdp, and a note.
        const Run dense = graph(db, {QStringLiteral("--engine"), QStringLiteral("dot")});
        QCOMPARE(dense.exitCode, 0);
        QVERIFY(dense.out.contains("pos=\""));
        QVERIFY2(dense.err.startsWith(QLatin1String("fkscope-cli: note: ")) && dense.err.contains(QLatin1String("sfdp")),
                 qPrintable(dense.err));
        const Run plain = graph(db, {});
        QStringList nodes, edges;
        parseDot(plain.out, &nodes, &edges);
        QCOMPARE(nodes, sorted(db.query(QString::fromLatin1(tablesSql))));
        QCOMPARE(edges, sorted(db.query(QString::fromLatin1(keysSql))));

        const Run svgRun = graph(db, {QStringLiteral("--format"), QStringLiteral("svg")});
        QCOMPARE(svgRun.exitCode, 0);
        QString error;
        QCOMPARE(readSvg(svgRun.out, &error).nodeGroups, 401);
        QVERIFY(error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliGraph)
#include "tst_cli_graph.moc"
