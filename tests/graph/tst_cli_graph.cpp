// fkscope-cli graph against the server: the DOT is Graphviz input with every table and key
// once, styled by ON DELETE; SVG is well-formed with a node per table; PNG is a PNG; odd
// names survive; bad input gets one line and exit 2.
#include "CliRun.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace fkscope::test;

namespace {

CliRun graph(const TestDatabase &db, QStringList arguments)
{
    return runCli(QStringList{QStringLiteral("graph"), QStringLiteral("--db"), db.connInfoString()} + arguments);
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

QStringList noFolding()
{
    return {QStringLiteral("--fold-link-tables"), QStringLiteral("no"), QStringLiteral("--fold-partitions"), QStringLiteral("no")};
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

// Graphviz itself reads the DOT back.
void verifyGraphvizReads(const QByteArray &dot)
{
    const CliRun svg = runProgram(QStringLiteral("dot"), {QStringLiteral("-Tsvg")}, dot);
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
        const CliRun r = graph(*m_demo, QStringList{QStringLiteral("--format"), QStringLiteral("dot")} + noFolding());
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
        const CliRun r = graph(*m_demo, {});
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
        const CliRun r = graph(*m_demo, QStringList{QStringLiteral("--format"), QStringLiteral("svg"), QStringLiteral("--output"), path}
                                         + noFolding());
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
        const CliRun r = graph(*m_demo, {QStringLiteral("--format"), QStringLiteral("png"), QStringLiteral("--output"), path});
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
        const CliRun r = graph(*m_demo, {QStringLiteral("--focus"), QStringLiteral("orders"), QStringLiteral("--depth"),
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
        const CliRun dot = graph(db, {});
        QCOMPARE(dot.exitCode, 0);
        QStringList nodes, edges;
        parseDot(dot.out, &nodes, &edges);
        QCOMPARE(nodes.size(), 4);
        QCOMPARE(edges.size(), 3);
        verifyGraphvizReads(dot.out);

        const CliRun svgRun = graph(db, {QStringLiteral("--format"), QStringLiteral("svg")});
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

    void foldedGraphHoldsEveryTableAndKeyOnce()
    {
        TestDatabase db(QStringLiteral("graphfold"));
        QVERIFY2(db.run(QStringLiteral(R"sql(
            CREATE TABLE film (id int PRIMARY KEY);
            CREATE TABLE actor (id int PRIMARY KEY);
            CREATE TABLE person (id int PRIMARY KEY);
            -- A link table with a created_at: folds.
            CREATE TABLE film_actor (film_id int REFERENCES film, actor_id int REFERENCES actor,
                                     created_at timestamptz, PRIMARY KEY (film_id, actor_id));
            -- Three columns besides its keys: an entity, drawn as a table.
            CREATE TABLE film_crew (film_id int REFERENCES film, person_id int REFERENCES person,
                                    role text, credited_as text, billing int, PRIMARY KEY (film_id, person_id));
            -- Both keys to one table: a loop.
            CREATE TABLE person_friend (a int REFERENCES person, b int REFERENCES person, PRIMARY KEY (a, b));
            -- Partitions: the partitioned table's keys are cloned onto each partition.
            CREATE TABLE screening (id int, at date, film_id int REFERENCES film, reviewed_by int,
                                    PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
            CREATE TABLE screening_2024 PARTITION OF screening FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE screening_2025 PARTITION OF screening FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            ALTER TABLE screening_2025 ADD CONSTRAINT reviewed FOREIGN KEY (reviewed_by) REFERENCES person;
            CREATE TABLE ticket (id int PRIMARY KEY, screening_id int, screening_at date,
                                 FOREIGN KEY (screening_id, screening_at) REFERENCES screening);
        )sql")), qPrintable(db.error()));
        // The 2024 partition holds only clones (conparentid <> 0), as child and as parent.
        QVERIFY(db.queryValue(QStringLiteral("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conparentid <> 0 "
                                             "AND (conrelid = 'screening_2024'::regclass OR confrelid = 'screening_2024'::regclass)")).toInt() >= 2);
        auto oid = [&](const char *name) {
            return db.queryValue(QStringLiteral("SELECT '%1'::regclass::oid::bigint").arg(QLatin1String(name)));
        };

        const CliRun r = graph(db, {});
        QCOMPARE(r.exitCode, 0);
        verifyGraphvizReads(r.out);
        QStringList nodes, edges;
        parseDot(r.out, &nodes, &edges);
        QStringList expected;
        for (const char *table : {"film", "actor", "person", "film_crew", "screening", "screening_2025", "ticket"})
            expected << oid(table);
        QCOMPARE(nodes, sorted(expected));
        const QString text = QString::fromUtf8(r.out);
        const QStringList lines = text.split(QLatin1Char('\n'));
        const QStringList links = lines.filter(QStringLiteral("dir=both"));
        QCOMPARE(links.size(), 2);
        QCOMPARE(links.filter(QStringLiteral("label=\"film_actor\"")).size(), 1);
        QCOMPARE(links.filter(QStringLiteral("  t%1 -> t%1 [").arg(oid("person"))).filter(QStringLiteral("label=\"person_friend\"")).size(), 1);
        QCOMPARE(lines.filter(QStringLiteral("+ 1 partition\"")).size(), 1);
        // Held once each: drawn tables, folded partitions and link tables make every table;
        // key lines and two keys per link line make every key.
        const int tables = int(db.query(QString::fromLatin1(tablesSql)).size());
        QCOMPARE(nodes.size() + 1 + links.size(), tables);
        QCOMPARE(edges.size() - links.size() + 2 * links.size(), int(db.query(QString::fromLatin1(keysSql)).size()));

        // Turned off, everything is a table again.
        const CliRun plain = graph(db, noFolding());
        QStringList allNodes, allEdges;
        parseDot(plain.out, &allNodes, &allEdges);
        QCOMPARE(allNodes, sorted(db.query(QString::fromLatin1(tablesSql))));
        QCOMPARE(allEdges, sorted(db.query(QString::fromLatin1(keysSql))));

        // A neighbourhood pulls in the other end of a folded link table.
        const CliRun focus = graph(db, {QStringLiteral("--focus"), QStringLiteral("actor")});
        QStringList focusNodes, focusEdges;
        parseDot(focus.out, &focusNodes, &focusEdges);
        QCOMPARE(focusNodes, sorted({oid("actor"), oid("film")}));
        QVERIFY(focus.out.contains("label=\"film_actor\""));
    }

    void bigSchemaIsAMapOfGroups()
    {
        TestDatabase db(QStringLiteral("graphmap"));
        QVERIFY2(db.runGenerator(QStringLiteral("generate_schema.py"),
                                 {QStringLiteral("--tables"), QStringLiteral("400"), QStringLiteral("--keys"),
                                  QStringLiteral("600"), QStringLiteral("--seed"), QStringLiteral("3")}),
                 qPrintable(db.error()));

        const CliRun r = graph(db, {});
        QCOMPARE(r.exitCode, 0);
        verifyGraphvizReads(r.out);
        // Groups say "N tables · M keys"; bundles between them "...: K keys".
        static const QRegularExpression group(QStringLiteral("^    \"group:([^\"]+)\" \\[label=\"[^\"]*\\\\n(\\d+) tables? · (\\d+) keys?\""),
                                              QRegularExpression::MultilineOption);
        static const QRegularExpression bundle(QStringLiteral("dir=none.*tooltip=\"[^\"]*: (\\d+) keys?"));
        const QString text = QString::fromUtf8(r.out);
        int tables = 0, keys = 0;
        QStringList ids;
        for (auto it = group.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            ids << m.captured(1);
            tables += m.captured(2).toInt();
            keys += m.captured(3).toInt();
        }
        for (const QString &line : text.split(QLatin1Char('\n')).filter(QStringLiteral("dir=none"))) {
            const auto m = bundle.match(line);
            QVERIFY2(m.hasMatch(), qPrintable(line));
            keys += m.captured(1).toInt();
        }
        QVERIFY2(ids.size() >= 10 && ids.size() <= 60, qPrintable(ids.join(QLatin1Char(' '))));
        QCOMPARE(tables, 400);
        QCOMPARE(keys, 600);
        QVERIFY(!text.contains(QLatin1String("\n  t")));  // no table drawn as a table
        // The same map every time.
        QCOMPARE(graph(db, {}).out, r.out);

        // --expand opens one group into its tables.
        const QString opened = ids.first();
        const int count = QRegularExpression(QStringLiteral("\"group:%1\" \\[label=\"[^\"]*\\\\n(\\d+) tables?")
                                                 .arg(QRegularExpression::escape(opened)))
                              .match(text).captured(1).toInt();
        const CliRun expanded = graph(db, {QStringLiteral("--expand"), opened});
        QCOMPARE(expanded.exitCode, 0);
        // Inside its schema's frame, indented further.
        static const QRegularExpression tableNode(QStringLiteral("^    t(\\d+) \\["), QRegularExpression::MultilineOption);
        int drawn = 0;
        for (auto it = tableNode.globalMatch(QString::fromUtf8(expanded.out)); it.hasNext(); it.next())
            ++drawn;
        QCOMPARE(drawn, count);
        QVERIFY(!expanded.out.contains("\"group:" + opened.toUtf8() + "\" [label"));

        const CliRun unknown = graph(db, {QStringLiteral("--expand"), QStringLiteral("nowhere/none")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains(QLatin1String("nowhere/none")));
    }

    void savedViewIsAppliedLikeItsOptions()
    {
        const QString path = m_dir.filePath(QStringLiteral("orders.view"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# fkscope graph view\n[view]\nfocus = orders\ndepth = 2\ndirection = down\n"
                   "fold-partitions = no\n\n[hidden]\npublic.order_items\n");
        file.close();
        const CliRun viewed = graph(*m_demo, {QStringLiteral("--view"), path});
        QCOMPARE(viewed.exitCode, 0);
        const CliRun direct = graph(*m_demo, {QStringLiteral("--focus"), QStringLiteral("orders"), QStringLiteral("--depth"),
                                           QStringLiteral("2"), QStringLiteral("--direction"), QStringLiteral("down"),
                                           QStringLiteral("--fold-partitions"), QStringLiteral("no"),
                                           QStringLiteral("--hide"), QStringLiteral("public.order_items")});
        QCOMPARE(viewed.out, direct.out);
        QVERIFY(!viewed.out.contains(m_demo->queryValue(QStringLiteral("SELECT 't' || 'order_items'::regclass::oid || ' ['")).toUtf8()));
        // The command line wins over the view.
        const CliRun overridden = graph(*m_demo, {QStringLiteral("--view"), path, QStringLiteral("--depth"), QStringLiteral("1")});
        QVERIFY(overridden.out.size() <= viewed.out.size());

        // Saved positions place the picture, that box where the view says.
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[view]\nfocus = orders\n\n[positions]\n1234.5 100 public.orders\n");
        file.close();
        const CliRun placed = graph(*m_demo, {QStringLiteral("--view"), path});
        QCOMPARE(placed.exitCode, 0);
        const QString ordersOid = m_demo->queryValue(QStringLiteral("SELECT 'orders'::regclass::oid::bigint"));
        const QStringList ordersLine = QString::fromUtf8(placed.out).split(QLatin1Char('\n')).filter(QStringLiteral("  t%1 [").arg(ordersOid));
        QCOMPARE(ordersLine.size(), 1);
        QVERIFY2(ordersLine.first().contains(QLatin1String("pos=\"")), qPrintable(ordersLine.first()));
        const CliRun placedSvg = graph(*m_demo, {QStringLiteral("--view"), path, QStringLiteral("--format"), QStringLiteral("svg")});
        QCOMPARE(placedSvg.exitCode, 0);
        QString error;
        QVERIFY(readSvg(placedSvg.out, &error).nodeGroups > 1);
        QVERIFY(error.isEmpty());

        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[view]\ndepth = deep\n");
        file.close();
        const CliRun bad = graph(*m_demo, {QStringLiteral("--view"), path});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QLatin1String("line 2")), qPrintable(bad.err));
    }

    void unknownFocusIsAUsageError()
    {
        const CliRun r = graph(*m_demo, {QStringLiteral("--focus"), QStringLiteral("no_such_table")});
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
        const CliRun r = graph(*m_demo, arguments);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
    }

    void emptyDatabaseDrawsAnEmptyGraph()
    {
        TestDatabase empty(QStringLiteral("graphempty"));
        const CliRun dot = graph(empty, {});
        QCOMPARE(dot.exitCode, 0);
        verifyGraphvizReads(dot.out);
        const CliRun svgRun = graph(empty, {QStringLiteral("--format"), QStringLiteral("svg")});
        QCOMPARE(svgRun.exitCode, 0);
        QString error;
        QCOMPARE(readSvg(svgRun.out, &error).nodeGroups, 1);  // the legend alone
        QVERIFY(error.isEmpty());
    }

    void generatedSchemaIsDrawnWhole()
    {
        TestDatabase db(QStringLiteral("graphgen"));
        QVERIFY2(db.runGenerator(QStringLiteral("generate_schema.py"),
                                 {QStringLiteral("--tables"), QStringLiteral("400"), QStringLiteral("--keys"),
                                  QStringLiteral("700")}),
                 qPrintable(db.error()));

        const CliRun dot = graph(db, {QStringLiteral("--engine"), QStringLiteral("sfdp"), QStringLiteral("--all-tables")});
        QCOMPARE(dot.exitCode, 0);
        QVERIFY(dot.out.contains("pos=\""));  // laid out
        QVERIFY2(dot.err.isEmpty(), qPrintable(dot.err));
        // 700 keys on 400 tables is too dense for dot to finish in seconds: sfdp, and a note.
        const CliRun dense = graph(db, {QStringLiteral("--engine"), QStringLiteral("dot"), QStringLiteral("--all-tables")});
        QCOMPARE(dense.exitCode, 0);
        QVERIFY(dense.out.contains("pos=\""));
        QVERIFY2(dense.err.startsWith(QLatin1String("fkscope-cli: note: ")) && dense.err.contains(QLatin1String("sfdp")),
                 qPrintable(dense.err));
        const CliRun plain = graph(db, {QStringLiteral("--all-tables")});
        QStringList nodes, edges;
        parseDot(plain.out, &nodes, &edges);
        QCOMPARE(nodes, sorted(db.query(QString::fromLatin1(tablesSql))));
        QCOMPARE(edges, sorted(db.query(QString::fromLatin1(keysSql))));

        const CliRun svgRun = graph(db, {QStringLiteral("--format"), QStringLiteral("svg"), QStringLiteral("--all-tables")});
        QCOMPARE(svgRun.exitCode, 0);
        QString error;
        QCOMPARE(readSvg(svgRun.out, &error).nodeGroups, 401);
        QVERIFY(error.isEmpty());
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestCliGraph)
#include "tst_cli_graph.moc"
