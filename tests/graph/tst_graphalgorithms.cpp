// The foreign-key graph as data: neighbourhoods, filters, shortest paths and cycles over
// hand-made catalogs, and over random ones checked against brute force.
#include "TestMain.h"
#include "HandMadeCatalog.h"

#include "graph/ForeignKeyGraph.h"
#include "graph/KeyCycles.h"
#include "graph/KeyPath.h"
#include "graph/Subgraph.h"
#include "graph/TableSearch.h"

#include <QRandomGenerator>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

Q_DECLARE_METATYPE(fkscope::GraphDirection)

namespace {

// A small shop: customers <- orders <- order_items -> products -> suppliers, and
// shipments -> orders; audit.log -> customers in another schema.
struct Shop {
    HandMadeCatalog builder;
    qint64 customers, orders, items, products, suppliers, shipments, log;

    Shop()
    {
        customers = builder.table(QStringLiteral("customers"));
        orders = builder.table(QStringLiteral("orders"));
        items = builder.table(QStringLiteral("order_items"));
        products = builder.table(QStringLiteral("products"));
        suppliers = builder.table(QStringLiteral("suppliers"));
        shipments = builder.table(QStringLiteral("shipments"));
        log = builder.table(QStringLiteral("audit.log"));
        builder.key(orders, customers);
        builder.key(items, orders, FkAction::Cascade);
        builder.key(items, products);
        builder.key(products, suppliers);
        builder.key(shipments, orders);
        builder.key(log, customers, FkAction::SetNull);
    }
};

QStringList names(const ForeignKeyGraph &graph, const std::vector<int> &tables)
{
    QStringList result;
    for (int t : tables)
        result << graph.table(t).name;
    result.sort();
    return result;
}

QStringList split(const QString &s)
{
    QStringList list = s.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    list.sort();
    return list;
}

} // namespace

class TestGraphAlgorithms : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void neighbourhoodFollowsDirectionAndDepth_data();
    void neighbourhoodFollowsDirectionAndDepth();
    void subgraphKeepsEveryKeyBetweenShownTables();
    void schemaFilterAndHiddenTablesApplyBeforeTheWalk();
    void unknownOrHiddenFocusIsAnError();
    void findTableAcceptsQuotedAndPlainNames();
    void findPicksExactNamesBeforeParts();
    void shortestPathJoinsThroughAnyDirection();
    void directedPathOnlyGoesUp();
    void pathAvoidsHiddenTables();
    void cyclesOfLengthOneToFive_data();
    void cyclesOfLengthOneToFive();
    void treeHasNoCycles();
    void separateCyclesAreSeparate();
    void randomGraphsAgreeWithBruteForce();
};

void TestGraphAlgorithms::neighbourhoodFollowsDirectionAndDepth_data()
{
    QTest::addColumn<QString>("focus");
    QTest::addColumn<int>("depth");
    QTest::addColumn<GraphDirection>("direction");
    QTest::addColumn<QString>("expected");
    QTest::newRow("depth 0 is the focus alone") << "orders" << 0 << GraphDirection::Both << "orders";
    QTest::newRow("up one") << "order_items" << 1 << GraphDirection::Up << "order_items orders products";
    QTest::newRow("up two") << "order_items" << 2 << GraphDirection::Up
                            << "order_items orders products customers suppliers";
    QTest::newRow("down one") << "orders" << 1 << GraphDirection::Down << "orders order_items shipments";
    QTest::newRow("down two") << "customers" << 2 << GraphDirection::Down
                              << "customers orders log order_items shipments";
    QTest::newRow("both is ancestors and descendants, not siblings")
        << "orders" << 1 << GraphDirection::Both << "orders customers order_items shipments";
    QTest::newRow("both, deep") << "products" << 9 << GraphDirection::Both << "products suppliers order_items";
}

void TestGraphAlgorithms::neighbourhoodFollowsDirectionAndDepth()
{
    QFETCH(QString, focus);
    QFETCH(int, depth);
    QFETCH(GraphDirection, direction);
    QFETCH(QString, expected);
    Shop shop;
    ForeignKeyGraph graph(shop.builder.catalog());
    const int f = graph.findTable(focus);
    QVERIFY(f >= 0);
    QCOMPARE(names(graph, neighbourhood(graph, f, depth, direction)), split(expected));

    GraphQuery query;
    query.focusOid = graph.table(f).oid;
    query.depth = depth;
    query.direction = direction;
    auto subgraph = selectSubgraph(graph, query);
    QVERIFY(subgraph.ok());
    QCOMPARE(names(graph, subgraph->tables), split(expected));
}

void TestGraphAlgorithms::subgraphKeepsEveryKeyBetweenShownTables()
{
    Shop shop;
    ForeignKeyGraph graph(shop.builder.catalog());
    GraphQuery query;
    query.focusOid = shop.orders;
    query.depth = 1;
    query.direction = GraphDirection::Down;
    auto subgraph = selectSubgraph(graph, query);
    QVERIFY(subgraph.ok());
    // orders, order_items, shipments: the two keys into orders; order_items -> products is out.
    QCOMPARE(subgraph->keys, (std::vector<int>{1, 4}));

    auto all = selectSubgraph(graph, GraphQuery{});
    QCOMPARE(all->tables.size(), size_t(7));
    QCOMPARE(all->keys.size(), size_t(6));
}

void TestGraphAlgorithms::schemaFilterAndHiddenTablesApplyBeforeTheWalk()
{
    Shop shop;
    ForeignKeyGraph graph(shop.builder.catalog());
    GraphQuery query;
    query.schemas = {QStringLiteral("public")};
    auto publicOnly = selectSubgraph(graph, query);
    QCOMPARE(names(graph, publicOnly->tables),
             split(QStringLiteral("customers orders order_items products suppliers shipments")));
    QCOMPARE(publicOnly->keys.size(), size_t(5));

    query = {};
    query.focusOid = shop.customers;
    query.depth = 3;
    query.direction = GraphDirection::Down;
    query.hiddenTables = {shop.orders};
    auto hidden = selectSubgraph(graph, query);
    QCOMPARE(names(graph, hidden->tables), split(QStringLiteral("customers log")));
}

void TestGraphAlgorithms::unknownOrHiddenFocusIsAnError()
{
    Shop shop;
    ForeignKeyGraph graph(shop.builder.catalog());
    GraphQuery query;
    query.focusOid = 999;
    auto unknown = selectSubgraph(graph, query);
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().kind, Error::Kind::Usage);

    query.focusOid = shop.log;
    query.schemas = {QStringLiteral("public")};
    QVERIFY(!selectSubgraph(graph, query).ok());
}

void TestGraphAlgorithms::findTableAcceptsQuotedAndPlainNames()
{
    HandMadeCatalog builder;
    builder.table(QStringLiteral("Sales.Order \"Items\""));
    builder.table(QStringLiteral("a.t"));
    builder.table(QStringLiteral("b.t"));
    ForeignKeyGraph graph(builder.catalog());
    QCOMPARE(graph.findTable(QStringLiteral("Sales.\"Order \"\"Items\"\"\"")), 0);
    QCOMPARE(graph.findTable(QStringLiteral("Sales.Order \"Items\"")), 0);
    QCOMPARE(graph.findTable(QStringLiteral("a.t")), 1);
    QCOMPARE(graph.findTable(QStringLiteral("t")), -1);  // ambiguous
    QCOMPARE(graph.findTable(QStringLiteral("nope")), -1);
}

void TestGraphAlgorithms::findPicksExactNamesBeforeParts()
{
    HandMadeCatalog builder;
    builder.table(QStringLiteral("sales.orders_archive"));  // 0
    builder.table(QStringLiteral("b.orders"));              // 1
    builder.table(QStringLiteral("a.orders"));              // 2
    builder.table(QStringLiteral("a.customers"));           // 3
    ForeignKeyGraph graph(builder.catalog());
    const std::vector<int> all{0, 1, 2, 3};
    QCOMPARE(bestNameMatch(graph, all, QStringLiteral("b.orders")), 1);       // the qualified name
    QCOMPARE(bestNameMatch(graph, all, QStringLiteral(" orders ")), 2);       // a name: first of a.orders, b.orders
    QCOMPARE(bestNameMatch(graph, all, QStringLiteral("ORDERS_ARCH")), 0);    // a part, any case
    QCOMPARE(bestNameMatch(graph, all, QStringLiteral("ORDERS")), 2);         // parts: the first by name
    QCOMPARE(bestNameMatch(graph, {0, 3}, QStringLiteral("orders")), 0);      // only among those given
    QCOMPARE(bestNameMatch(graph, all, QStringLiteral("invoices")), -1);
    QCOMPARE(bestNameMatch(graph, all, QStringLiteral("  ")), -1);
}

void TestGraphAlgorithms::shortestPathJoinsThroughAnyDirection()
{
    Shop shop;
    ForeignKeyGraph graph(shop.builder.catalog());
    const int orders = graph.tableIndex(shop.orders);
    const int suppliers = graph.tableIndex(shop.suppliers);
    auto path = shortestKeyPath(graph, orders, suppliers);
    QVERIFY(path);
    QCOMPARE(names(graph, path->tables), split(QStringLiteral("orders order_items products suppliers")));
    QCOMPARE(path->tables.front(), orders);
    QCOMPARE(path->tables.back(), suppliers);
    QCOMPARE(path->steps.size(), size_t(3));
    QCOMPARE(path->steps[0].childToParent, false);  // orders <- order_items
    QCOMPARE(path->steps[1].childToParent, true);   // order_items -> products
    QCOMPARE(path->steps[2].childToParent, true);

    auto self = shortestKeyPath(graph, orders, orders);
    QVERIFY(self);
    QVERIFY(self->steps.empty());
    QCOMPARE(self->tables, std::vector<int>{orders});
}

void TestGraphAlgorithms::directedPathOnlyGoesUp()
{
    Shop shop;
    ForeignKeyGraph graph(shop.builder.catalog());
    const int items = graph.tableIndex(shop.items);
    const int customers = graph.tableIndex(shop.customers);
    QVERIFY(shortestKeyPath(graph, items, customers, PathMode::ChildToParent));
    QVERIFY(!shortestKeyPath(graph, customers, items, PathMode::ChildToParent));
    QVERIFY(!shortestKeyPath(graph, graph.tableIndex(shop.orders), graph.tableIndex(shop.suppliers),
                             PathMode::ChildToParent));
}

void TestGraphAlgorithms::pathAvoidsHiddenTables()
{
    Shop shop;
    ForeignKeyGraph graph(shop.builder.catalog());
    GraphQuery filter;
    filter.hiddenTables = {shop.items};
    QVERIFY(!shortestKeyPath(graph, graph.tableIndex(shop.orders), graph.tableIndex(shop.products),
                             PathMode::Undirected, filter));
    QVERIFY(shortestKeyPath(graph, graph.tableIndex(shop.shipments), graph.tableIndex(shop.log),
                            PathMode::Undirected, filter));
}

void TestGraphAlgorithms::cyclesOfLengthOneToFive_data()
{
    QTest::addColumn<int>("length");
    for (int n = 1; n <= 5; ++n)
        QTest::addRow("length %d", n) << n;
}

void TestGraphAlgorithms::cyclesOfLengthOneToFive()
{
    QFETCH(int, length);
    HandMadeCatalog builder;
    const qint64 outside = builder.table(QStringLiteral("outside"));
    std::vector<qint64> ring;
    for (int i = 0; i < length; ++i)
        ring.push_back(builder.table(QStringLiteral("r%1").arg(i)));
    for (int i = 0; i < length; ++i)
        builder.key(ring[size_t(i)], ring[size_t((i + 1) % length)]);
    builder.key(outside, ring[0]);
    ForeignKeyGraph graph(builder.catalog());
    const auto cycles = keyCycles(graph);
    QCOMPARE(cycles.size(), size_t(1));
    QCOMPARE(cycles[0].tables.size(), size_t(length));
    QCOMPARE(cycles[0].keys.size(), size_t(length));
    const auto on = tablesOnCycles(graph);
    QVERIFY(!on[size_t(graph.tableIndex(outside))]);
    for (qint64 oid : ring)
        QVERIFY(on[size_t(graph.tableIndex(oid))]);
}

void TestGraphAlgorithms::treeHasNoCycles()
{
    Shop shop;
    ForeignKeyGraph graph(shop.builder.catalog());
    QVERIFY(keyCycles(graph).empty());
}

void TestGraphAlgorithms::separateCyclesAreSeparate()
{
    Shop shop;
    shop.builder.key(shop.customers, shop.items);      // customers -> order_items -> orders -> customers
    shop.builder.key(shop.suppliers, shop.suppliers);  // a self-reference
    ForeignKeyGraph graph(shop.builder.catalog());
    const auto cycles = keyCycles(graph);
    QCOMPARE(cycles.size(), size_t(2));
    QCOMPARE(names(graph, cycles[0].tables), split(QStringLiteral("customers orders order_items")));
    QCOMPARE(cycles[0].keys.size(), size_t(3));
    QCOMPARE(names(graph, cycles[1].tables), split(QStringLiteral("suppliers")));
}

void TestGraphAlgorithms::randomGraphsAgreeWithBruteForce()
{
    const quint32 seed = QRandomGenerator::global()->generate();
    QRandomGenerator random(seed);
    for (int round = 0; round < 30; ++round) {
        HandMadeCatalog builder;
        const int n = 2 + random.bounded(12);
        for (int i = 0; i < n; ++i)
            builder.table(QStringLiteral("t%1").arg(i));
        const int m = random.bounded(2 * n);
        for (int k = 0; k < m; ++k)
            builder.key(1 + random.bounded(n), 1 + random.bounded(n));
        ForeignKeyGraph graph(builder.catalog());

        // Floyd-Warshall over directed and undirected hop counts.
        const int inf = 1 << 20;
        std::vector<std::vector<int>> directed(size_t(n), std::vector<int>(size_t(n), inf));
        for (int i = 0; i < n; ++i)
            directed[size_t(i)][size_t(i)] = 0;
        auto undirected = directed;
        for (int k = 0; k < graph.keyCount(); ++k) {
            const int c = graph.childOf(k), p = graph.parentOf(k);
            directed[size_t(c)][size_t(p)] = std::min(directed[size_t(c)][size_t(p)], 1);
            if (c != p)
                undirected[size_t(c)][size_t(p)] = undirected[size_t(p)][size_t(c)] = 1;
        }
        for (auto *d : {&directed, &undirected}) {
            for (int k = 0; k < n; ++k)
                for (int i = 0; i < n; ++i)
                    for (int j = 0; j < n; ++j)
                        (*d)[size_t(i)][size_t(j)] = std::min((*d)[size_t(i)][size_t(j)],
                                                              (*d)[size_t(i)][size_t(k)] + (*d)[size_t(k)][size_t(j)]);
        }
        const auto on = tablesOnCycles(graph);
        for (int i = 0; i < n; ++i) {
            bool cyclic = false;
            for (int k = 0; k < graph.keyCount(); ++k) {
                // i is on a cycle when some key leaves i and its parent leads back to i.
                if (graph.childOf(k) == i && directed[size_t(graph.parentOf(k))][size_t(i)] < inf)
                    cyclic = true;
            }
            QVERIFY2(on[size_t(i)] == cyclic, qPrintable(QStringLiteral("seed %1 round %2 table %3").arg(seed).arg(round).arg(i)));
            for (int j = 0; j < n; ++j) {
                const auto up = shortestKeyPath(graph, i, j, PathMode::ChildToParent);
                const auto any = shortestKeyPath(graph, i, j, PathMode::Undirected);
                const QString where = QStringLiteral("seed %1 round %2 %3->%4").arg(seed).arg(round).arg(i).arg(j);
                QVERIFY2(bool(up) == (directed[size_t(i)][size_t(j)] < inf), qPrintable(where));
                QVERIFY2(bool(any) == (undirected[size_t(i)][size_t(j)] < inf), qPrintable(where));
                if (up)
                    QVERIFY2(int(up->steps.size()) == directed[size_t(i)][size_t(j)], qPrintable(where));
                if (any) {
                    QVERIFY2(int(any->steps.size()) == undirected[size_t(i)][size_t(j)], qPrintable(where));
                    for (size_t s = 0; s < any->steps.size(); ++s) {
                        const KeyPathStep step = any->steps[s];
                        const int from = step.childToParent ? graph.childOf(step.key) : graph.parentOf(step.key);
                        const int to = step.childToParent ? graph.parentOf(step.key) : graph.childOf(step.key);
                        QVERIFY2(from == any->tables[s] && to == any->tables[s + 1], qPrintable(where));
                    }
                }
            }
            // Depth n both ways reaches exactly what directed reachability says.
            const auto reached = neighbourhood(graph, i, n, GraphDirection::Both);
            for (int j = 0; j < n; ++j) {
                const bool expected = directed[size_t(i)][size_t(j)] < inf || directed[size_t(j)][size_t(i)] < inf;
                const bool got = std::find(reached.begin(), reached.end(), j) != reached.end();
                QVERIFY2(got == expected, qPrintable(QStringLiteral("seed %1 round %2 reach %3->%4").arg(seed).arg(round).arg(i).arg(j)));
            }
        }
    }
}

FKSCOPE_TEST_GUILESS_MAIN(TestGraphAlgorithms)
#include "tst_graphalgorithms.moc"
