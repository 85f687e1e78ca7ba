// Pictures of the foreign-key graph: which tables fold (link tables into a line, partitions
// into their partitioned table), how tables group into the map's boxes, that every table and
// key is held exactly once whatever is folded or grouped, how big neighbourhoods are placed,
// and saved views. Catalogs are made by hand or generated from a seed printed on failure.
#include "TestMain.h"
#include "graph/ForeignKeyGraph.h"
#include "graph/GraphPicture.h"
#include "graph/PicturePlacement.h"
#include "graph/SavedGraphView.h"
#include "graph/TableGroups.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace fkscope;

namespace {

// Tables with named columns and a primary key, keys on named columns.
class Builder {
public:
    int table(const QString &qualified, const QStringList &columns, const QStringList &primaryKey = {QStringLiteral("id")})
    {
        Table t;
        t.oid = m_nextOid++;
        t.schema = qualified.section(QLatin1Char('.'), 0, 0);
        t.name = qualified.section(QLatin1Char('.'), 1);
        t.qualifiedName = qualified;
        int number = 1;
        for (const QString &c : columns)
            t.columns.push_back({number++, c, QStringLiteral("bigint"), true, {}, {}, {}});
        if (!primaryKey.isEmpty())
            t.uniqueKeys.push_back({QStringLiteral("%1_pkey").arg(t.name), primaryKey, true, true, false});
        m_catalog.tables.push_back(t);
        return int(m_catalog.tables.size()) - 1;
    }
    int partition(const QString &qualified, int parent)
    {
        const int t = table(qualified, {QStringLiteral("id")});
        m_catalog.tables[size_t(t)].partitionOf = m_catalog.tables[size_t(parent)].qualifiedName;
        return t;
    }
    void partitioned(int t) { m_catalog.tables[size_t(t)].kind = Table::Kind::Partitioned; }
    int key(int child, const QString &column, int parent)
    {
        ForeignKey k;
        k.oid = m_nextKeyOid++;
        k.name = QStringLiteral("fk_%1").arg(k.oid);
        const Table &c = m_catalog.tables[size_t(child)];
        const Table &p = m_catalog.tables[size_t(parent)];
        k.childOid = c.oid;
        k.child = c.qualifiedName;
        k.parentOid = p.oid;
        k.parent = p.qualifiedName;
        k.childColumns = {column};
        k.parentColumns = {QStringLiteral("id")};
        m_catalog.foreignKeys.push_back(k);
        return int(m_catalog.foreignKeys.size()) - 1;
    }
    // A link table between a and b with `extra` columns besides the two keys'.
    int link(const QString &qualified, int a, int b, int extra = 0)
    {
        QStringList columns{QStringLiteral("a_id"), QStringLiteral("b_id")};
        for (int i = 0; i < extra; ++i)
            columns << QStringLiteral("extra%1").arg(i);
        const int t = table(qualified, columns, {QStringLiteral("a_id"), QStringLiteral("b_id")});
        key(t, QStringLiteral("a_id"), a);
        key(t, QStringLiteral("b_id"), b);
        return t;
    }
    Catalog &catalog()
    {
        m_catalog.rebuildIndex();
        return m_catalog;
    }

private:
    Catalog m_catalog;
    qint64 m_nextOid = 100;
    qint64 m_nextKeyOid = 5000;
};

Subgraph everything(const ForeignKeyGraph &graph)
{
    return selectSubgraph(graph, GraphQuery{}).take();
}

std::vector<int> allOf(int count)
{
    std::vector<int> v(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i)
        v[size_t(i)] = i;
    return v;
}

const PictureEdge *linkEdge(const GraphPicture &picture)
{
    for (const PictureEdge &e : picture.edges) {
        if (e.kind == PictureEdge::Kind::Link)
            return &e;
    }
    return nullptr;
}

// A generated multi-schema catalog: hubs, chains, link tables (some with extra columns),
// partitions, self-references. The same seed gives the same catalog.
Catalog generated(quint32 seed, int tables)
{
    QRandomGenerator random(seed);
    Builder b;
    const QStringList schemas{QStringLiteral("crm"), QStringLiteral("shop"), QStringLiteral("ops")};
    std::vector<int> entities;
    for (int i = 0; i < tables; ++i) {
        const QString schema = schemas[int(random.bounded(schemas.size()))];
        const int r = int(random.bounded(10));
        if (r == 0 && entities.size() > 2) {
            const int a = entities[random.bounded(quint32(entities.size()))];
            const int c = entities[random.bounded(quint32(entities.size()))];
            b.link(QStringLiteral("%1.link%2").arg(schema).arg(i), a, c, int(random.bounded(4)));
        } else if (r == 1 && !entities.empty()) {
            const int parent = entities[random.bounded(quint32(entities.size()))];
            b.partitioned(parent);
            const int p = b.partition(QStringLiteral("%1.part%2").arg(b.catalog().tables[size_t(parent)].schema).arg(i), parent);
            if (random.bounded(3) == 0)
                b.key(p, QStringLiteral("id"), entities[random.bounded(quint32(entities.size()))]);
        } else {
            const int t = b.table(QStringLiteral("%1.t%2").arg(schema).arg(i), {QStringLiteral("id"), QStringLiteral("p")});
            const int keys = entities.empty() ? 0 : int(random.bounded(3));
            for (int k = 0; k < keys; ++k) {
                // Hubs: the first few tables draw many keys.
                const quint32 range = random.bounded(2) ? std::min<quint32>(5, quint32(entities.size())) : quint32(entities.size());
                b.key(t, QStringLiteral("p"), entities[random.bounded(range)]);
            }
            if (random.bounded(20) == 0)
                b.key(t, QStringLiteral("p"), t);
            entities.push_back(t);
        }
    }
    Catalog catalog = b.catalog();
    std::sort(catalog.tables.begin(), catalog.tables.end(),
              [](const Table &x, const Table &y) { return x.qualifiedName < y.qualifiedName; });
    catalog.rebuildIndex();
    return catalog;
}

// Group ids with their members' oids, in a form independent of catalog order.
QStringList groupsByOid(const ForeignKeyGraph &graph, const std::vector<TableGroup> &groups)
{
    QStringList out;
    for (const TableGroup &g : groups) {
        QStringList oids;
        for (int t : g.tables)
            oids << QString::number(graph.table(t).oid);
        oids.sort();
        out << g.id + QLatin1Char(':') + oids.join(QLatin1Char(','));
    }
    return out;
}

} // namespace

class TestGraphPicture : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void linkTableFoldsByItsExtraColumns_data()
    {
        QTest::addColumn<int>("extra");
        QTest::addColumn<bool>("folded");
        QTest::newRow("two keys only") << 0 << true;
        QTest::newRow("a created_at") << 1 << true;
        QTest::newRow("created_at and position") << 2 << true;
        QTest::newRow("three more columns: an entity") << 3 << false;
        QTest::newRow("five more columns") << 5 << false;
    }

    void linkTableFoldsByItsExtraColumns()
    {
        QFETCH(int, extra);
        QFETCH(bool, folded);
        Builder b;
        const int film = b.table(QStringLiteral("public.film"), {QStringLiteral("id")});
        const int actor = b.table(QStringLiteral("public.actor"), {QStringLiteral("id")});
        const int link = b.link(QStringLiteral("public.film_actor"), film, actor, extra);
        const ForeignKeyGraph graph(b.catalog());
        QCOMPARE(isLinkTable(graph, link), folded);
        const GraphPicture picture = buildPicture(graph, everything(graph), {});
        QCOMPARE(int(picture.nodes.size()), folded ? 2 : 3);
        const PictureEdge *edge = linkEdge(picture);
        QCOMPARE(edge != nullptr, folded);
        if (edge) {
            QCOMPARE(edge->label, QStringLiteral("film_actor"));
            QCOMPARE(edge->linkTables, std::vector<int>{link});
            QCOMPARE(int(edge->keys.size()), 2);
            QCOMPARE(picture.nodes[size_t(edge->tail)].table, film);
            QCOMPARE(picture.nodes[size_t(edge->head)].table, actor);
        }
        QCOMPARE(picture.heldTables(), allOf(3));
        QCOMPARE(picture.heldKeys(), allOf(2));
        // Turned off, the link table is a table again.
        PictureOptions off;
        off.fold.linkTables = false;
        QCOMPARE(int(buildPicture(graph, everything(graph), off).nodes.size()), 3);
    }

    void linkTableNeedsItsKeysToMakeThePrimaryKey()
    {
        Builder b;
        const int film = b.table(QStringLiteral("public.film"), {QStringLiteral("id")});
        const int actor = b.table(QStringLiteral("public.actor"), {QStringLiteral("id")});
        // Its own id as primary key: a table that happens to hold two keys.
        const int role = b.table(QStringLiteral("public.role"), {QStringLiteral("id"), QStringLiteral("a_id"), QStringLiteral("b_id")});
        b.key(role, QStringLiteral("a_id"), film);
        b.key(role, QStringLiteral("b_id"), actor);
        // Referenced by another table: it does more than join.
        const int cast = b.link(QStringLiteral("public.cast_member"), film, actor);
        const int credit = b.table(QStringLiteral("public.credit"), {QStringLiteral("id"), QStringLiteral("c")});
        b.key(credit, QStringLiteral("c"), cast);
        const ForeignKeyGraph graph(b.catalog());
        QVERIFY(!isLinkTable(graph, role));
        QVERIFY(!isLinkTable(graph, cast));
        QVERIFY(!linkEdge(buildPicture(graph, everything(graph), {})));
    }

    void selfReferencingLinkFoldsIntoALoop()
    {
        Builder b;
        const int person = b.table(QStringLiteral("public.person"), {QStringLiteral("id")});
        const int friends = b.link(QStringLiteral("public.person_friend"), person, person);
        const ForeignKeyGraph graph(b.catalog());
        const GraphPicture picture = buildPicture(graph, everything(graph), {});
        QCOMPARE(int(picture.nodes.size()), 1);
        const PictureEdge *edge = linkEdge(picture);
        QVERIFY(edge);
        QCOMPARE(edge->tail, 0);
        QCOMPARE(edge->head, 0);
        QCOMPARE(edge->linkTables, std::vector<int>{friends});
        QCOMPARE(picture.heldKeys(), allOf(2));
    }

    void partitionsFoldUnlessTheyHaveAKeyOfTheirOwn()
    {
        Builder b;
        const int account = b.table(QStringLiteral("public.account"), {QStringLiteral("id")});
        const int person = b.table(QStringLiteral("public.person"), {QStringLiteral("id")});
        const int events = b.table(QStringLiteral("public.events"), {QStringLiteral("id"), QStringLiteral("account_id")});
        b.partitioned(events);
        b.key(events, QStringLiteral("account_id"), account);
        // The catalog holds a partitioned table's key once, on it: the clones PostgreSQL
        // puts on each partition (conparentid <> 0) are not in it. So these two have none.
        const int january = b.partition(QStringLiteral("public.events_01"), events);
        const int february = b.partition(QStringLiteral("public.events_02"), events);
        // A sub-partition folds into the partitioned table too.
        const int week = b.partition(QStringLiteral("public.events_02_w1"), february);
        // A key declared on the partition itself: it is drawn.
        const int march = b.partition(QStringLiteral("public.events_03"), events);
        const int reviewed = b.key(march, QStringLiteral("id"), person);
        const ForeignKeyGraph graph(b.catalog());
        const TableFolding folding = foldTables(graph, everything(graph).tables, {});
        QCOMPARE(folding.representative(january), events);
        QCOMPARE(folding.representative(february), events);
        QCOMPARE(folding.representative(week), events);
        QCOMPARE(folding.representative(march), march);
        const GraphPicture picture = buildPicture(graph, everything(graph), {});
        const PictureNode &node = picture.nodes[size_t(picture.nodeIndex(QStringLiteral("t%1").arg(graph.table(events).oid)))];
        QCOMPARE(node.tables, (std::vector<int>{events, january, february, week}));
        QVERIFY(node.label.contains(QStringLiteral("+ 3 partitions")));
        QVERIFY(picture.nodeIndex(QStringLiteral("t%1").arg(graph.table(march).oid)) >= 0);
        QVERIFY(std::any_of(picture.edges.begin(), picture.edges.end(),
                            [&](const PictureEdge &e) { return e.keys == std::vector<int>{reviewed}; }));
        QCOMPARE(picture.heldTables(), allOf(graph.tableCount()));
        PictureOptions off;
        off.fold.partitions = false;
        QCOMPARE(int(buildPicture(graph, everything(graph), off).nodes.size()), graph.tableCount());
    }

    void groupingIsTheSameWhateverTheCatalogOrder()
    {
        for (quint32 seed : {1u, 2u, 3u}) {
            const Catalog catalog = generated(seed, 400);
            const ForeignKeyGraph graph(catalog);
            const Subgraph all = everything(graph);
            const TableFolding folding = foldTables(graph, all.tables, {});
            std::vector<int> drawn;
            for (int t : all.tables) {
                if (!folding.isFoldedLink(t) && folding.representative(t) == t)
                    drawn.push_back(t);
            }
            const QStringList first = groupsByOid(graph, groupTables(graph, drawn, folding));
            QCOMPARE(groupsByOid(graph, groupTables(graph, drawn, folding)), first);
            QVERIFY2(first.size() > 6, qPrintable(QStringLiteral("seed %1: %2 groups").arg(seed).arg(first.size())));

            // The same catalog with its tables and keys in another order.
            Catalog shuffled = catalog;
            QRandomGenerator random(seed * 7919);
            std::shuffle(shuffled.tables.begin(), shuffled.tables.end(), random);
            std::shuffle(shuffled.foreignKeys.begin(), shuffled.foreignKeys.end(), random);
            shuffled.rebuildIndex();
            const ForeignKeyGraph other(shuffled);
            const Subgraph otherAll = everything(other);
            const TableFolding otherFolding = foldTables(other, otherAll.tables, {});
            std::vector<int> otherDrawn;
            for (int t : otherAll.tables) {
                if (!otherFolding.isFoldedLink(t) && otherFolding.representative(t) == t)
                    otherDrawn.push_back(t);
            }
            const QStringList second = groupsByOid(other, groupTables(other, otherDrawn, otherFolding));
            QStringList onlyFirst, onlySecond;
            for (const QString &g : first)
                if (!second.contains(g))
                    onlyFirst << g;
            for (const QString &g : second)
                if (!first.contains(g))
                    onlySecond << g;
            QVERIFY2(second == first, qPrintable(QStringLiteral("seed %1: %2 became %3").arg(seed)
                                                     .arg(onlyFirst.join(QLatin1Char(' ')), onlySecond.join(QLatin1Char(' ')))));
        }
    }

    void lookupTablesNeitherGroupNorNameGroups()
    {
        // Two families, orders and products, whose tables all carry a status code.
        Builder b;
        const int status = b.table(QStringLiteral("public.status"), {QStringLiteral("code"), QStringLiteral("label")},
                                   {QStringLiteral("code")});
        std::vector<int> families;
        for (const QString &hubName : {QStringLiteral("orders"), QStringLiteral("products")}) {
            const int hub = b.table(QStringLiteral("public.") + hubName,
                                    {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("status"), QStringLiteral("note")});
            b.key(hub, QStringLiteral("status"), status);
            for (int i = 0; i < 12; ++i) {
                const int t = b.table(QStringLiteral("public.%1_part%2").arg(hubName).arg(i),
                                      {QStringLiteral("id"), QStringLiteral("hub_id"), QStringLiteral("status")});
                b.key(t, QStringLiteral("hub_id"), hub);
                b.key(t, QStringLiteral("status"), status);
            }
            families.push_back(hub);
        }
        const ForeignKeyGraph graph(b.catalog());
        PictureOptions options;
        options.map = true;
        const GraphPicture picture = buildPicture(graph, everything(graph), options);
        QStringList ids;
        for (const TableGroup &g : picture.groups)
            ids << g.id;
        // status (referenced 26 times) names no group; the hubs (12 each) do.
        QCOMPARE(ids, (QStringList{QStringLiteral("public/orders"), QStringLiteral("public/products")}));
        for (const TableGroup &g : picture.groups)
            QVERIFY(g.tables.size() >= 13);
    }

    void louvainFindsTwoCliquesJoinedByOneEdge()
    {
        std::vector<WeightedEdge> edges;
        for (int a = 0; a < 5; ++a) {
            for (int b = a + 1; b < 5; ++b) {
                edges.push_back({a, b, 1});
                edges.push_back({a + 5, b + 5, 1});
            }
        }
        edges.push_back({4, 5, 1});
        const std::vector<int> community = louvainCommunities(10, edges);
        QCOMPARE(community, (std::vector<int>{0, 0, 0, 0, 0, 1, 1, 1, 1, 1}));
    }

    void mapHoldsEveryTableAndKeyOnce_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("expand");  // how many groups to open
        QTest::newRow("seed 4, all groups closed") << 4u << 0;
        QTest::newRow("seed 5, two groups open") << 5u << 2;
        QTest::newRow("seed 6, every group open") << 6u << 1000;
    }

    void mapHoldsEveryTableAndKeyOnce()
    {
        QFETCH(quint32, seed);
        QFETCH(int, expand);
        const Catalog catalog = generated(seed, 500);
        const ForeignKeyGraph graph(catalog);
        const Subgraph all = everything(graph);
        PictureOptions options;
        options.map = true;
        GraphPicture picture = buildPicture(graph, all, options);
        for (int g = 0; g < std::min<int>(expand, int(picture.groups.size())); ++g)
            options.expanded.insert(picture.groups[size_t(g)].id);
        picture = buildPicture(graph, all, options);
        const QString context = QStringLiteral("seed %1").arg(seed);
        QVERIFY2(picture.heldTables() == all.tables, qPrintable(context));
        QVERIFY2(picture.heldKeys() == all.keys, qPrintable(context));
        // A closed group's label says what it holds.
        for (const PictureNode &node : picture.nodes) {
            if (node.kind != PictureNode::Kind::Group)
                continue;
            QCOMPARE(node.label.value(1), QStringLiteral("%1 table%2 · %3 key%4")
                                              .arg(node.tables.size()).arg(node.tables.size() == 1 ? "" : "s")
                                              .arg(node.keys.size()).arg(node.keys.size() == 1 ? "" : "s"));
        }
        // Group ids are unique and read schema/hub.
        QStringList ids;
        for (const TableGroup &g : picture.groups) {
            ids << g.id;
            QVERIFY(g.id == g.schema || g.id == g.schema + QLatin1Char('/') + graph.table(g.hub).name);
        }
        ids.removeDuplicates();
        QCOMPARE(ids.size(), int(picture.groups.size()));
        QVERIFY2(picture.groups.size() <= 60, qPrintable(context));
    }

    void bigNeighbourhoodIsPlacedToFitAWindow_data()
    {
        QTest::addColumn<int>("neighbours");
        QTest::addColumn<bool>("rowEstimates");
        QTest::newRow("60 tables, row estimates shown") << 60 << true;
        QTest::newRow("120 tables") << 120 << false;
        QTest::newRow("150 tables, row estimates in tooltips") << 150 << false;
    }

    void bigNeighbourhoodIsPlacedToFitAWindow()
    {
        QFETCH(int, neighbours);
        QFETCH(bool, rowEstimates);
        Builder b;
        const int hub = b.table(QStringLiteral("public.account"), {QStringLiteral("id")});
        for (int i = 0; i < neighbours; ++i) {
            const int t = b.table(QStringLiteral("public.referencing_table_%1").arg(i), {QStringLiteral("id"), QStringLiteral("account_id")});
            b.key(t, QStringLiteral("account_id"), hub);
        }
        for (Table &table : b.catalog().tables)
            table.rowEstimate = 123456;
        const ForeignKeyGraph graph(b.catalog());
        GraphQuery query;
        query.focusOid = graph.table(hub).oid;
        PictureOptions options;
        options.focusOid = query.focusOid;
        GraphPicture picture = buildPicture(graph, selectSubgraph(graph, query).take(), options);
        QVERIFY(needsPlacing(picture));
        placePicture(picture);
        const QRectF bounds = picture.bounds;
        const double aspect = std::max(bounds.width() / bounds.height(), bounds.height() / bounds.width());
        QVERIFY2(aspect <= 2.5, qPrintable(QString::number(aspect)));
        // Points to pixels at 96 dpi, then fitted into 1280×800.
        const double scale = std::min(1280 / (bounds.width() * 4 / 3), 800 / (bounds.height() * 4 / 3)) * 4 / 3;
        for (const PictureNode &node : picture.nodes) {
            QVERIFY2(node.fontSize * scale >= 8, qPrintable(QString::number(node.fontSize * scale)));
            // The estimate is in the box, or else in its tooltip.
            QCOMPARE(node.label.size(), rowEstimates ? 2 : 1);
            QVERIFY((rowEstimates ? node.label.join(QLatin1Char('\n')) : node.tooltip).contains(QStringLiteral("≈ 123456 rows")));
            QVERIFY(bounds.contains(QRectF(node.position.x() - node.width / 2, node.position.y() - node.height / 2,
                                           node.width, node.height)));
        }
        // The focus is above everything that references it.
        const int focus = picture.nodeIndex(QStringLiteral("t%1").arg(graph.table(hub).oid));
        for (size_t i = 0; i < picture.nodes.size(); ++i) {
            if (int(i) != focus)
                QVERIFY(picture.nodes[i].position.y() > picture.nodes[size_t(focus)].position.y());
        }
        // No two boxes overlap.
        for (size_t i = 0; i < picture.nodes.size(); ++i) {
            for (size_t j = i + 1; j < picture.nodes.size(); ++j) {
                const PictureNode &p = picture.nodes[i];
                const PictureNode &q = picture.nodes[j];
                QVERIFY(std::abs(p.position.x() - q.position.x()) >= (p.width + q.width) / 2
                        || std::abs(p.position.y() - q.position.y()) >= (p.height + q.height) / 2);
            }
        }
    }

    void savedPositionsMoveTheirBoxes()
    {
        Builder b;
        const int hub = b.table(QStringLiteral("public.account"), {QStringLiteral("id")});
        for (int i = 0; i < 30; ++i) {
            const int t = b.table(QStringLiteral("public.t%1").arg(i), {QStringLiteral("id"), QStringLiteral("account_id")});
            b.key(t, QStringLiteral("account_id"), hub);
        }
        const ForeignKeyGraph graph(b.catalog());
        PictureOptions options;
        options.focusOid = graph.table(hub).oid;
        GraphPicture picture = buildPicture(graph, everything(graph), options);
        QCOMPARE(applyPositions(picture, {}), 0);
        QVERIFY(!picture.placed);
        const std::map<QString, QPointF> saved{{QStringLiteral("public.t7"), QPointF(5000, -300)},
                                               {QStringLiteral("public.nowhere"), QPointF(1, 1)}};
        QCOMPARE(applyPositions(picture, saved), 1);
        QVERIFY(picture.placed);
        const PictureNode &moved = picture.nodes[size_t(picture.nodeIndex(QStringLiteral("t%1").arg(graph.table(graph.findTable(QStringLiteral("public.t7"))).oid)))];
        QCOMPARE(moved.position, QPointF(5000, -300));
        QVERIFY(picture.bounds.contains(QPointF(5000 + moved.width / 2 - 0.01, -300 - moved.height / 2 + 0.01)));
        QCOMPARE(viewName(moved), QStringLiteral("public.t7"));
    }

    void savedViewRoundTrips()
    {
        SavedGraphView view;
        view.focus = QStringLiteral("\"Sales EU\".\"Order Items\"");
        view.depth = 2;
        view.direction = GraphDirection::Up;
        view.schemas = {QStringLiteral("public"), QStringLiteral("Sales EU")};
        view.allTables = true;
        view.foldLinkTables = false;
        view.zoom = 1.25;
        view.centre = QPointF(-40.5, 1234);
        view.hidden = {QStringLiteral("public.audit_log"), QStringLiteral("\"a = b\".\"[x]\"")};
        view.expanded = {QStringLiteral("public/artist"), QStringLiteral("sales")};
        view.positions[QStringLiteral("public.orders")] = QPointF(120.5, -3);
        view.positions[QStringLiteral("\"x y\".\"1 2 3\"")] = QPointF(0.1, 1e6);
        const QByteArray text = writeSavedView(view);
        auto back = readSavedView(text);
        QVERIFY2(back, qPrintable(back ? QString() : back.error().message));
        QVERIFY2(back.value() == view, text.constData());
        QCOMPARE(writeSavedView(back.value()), text);
        // One table a line, so a diff shows what was hidden.
        QVERIFY(text.contains("\n[hidden]\npublic.audit_log\n\"a = b\".\"[x]\"\n"));
        // The defaults round-trip too.
        auto plain = readSavedView(writeSavedView(SavedGraphView{}));
        QVERIFY(plain);
        QVERIFY(plain.value() == SavedGraphView{});
    }

    void savedViewErrorsSayTheLine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::newRow("unknown setting") << QByteArray("[view]\ndepth = 1\ncolour = red\n") << 3;
        QTest::newRow("bad depth") << QByteArray("# a view\n[view]\ndepth = -2\n") << 3;
        QTest::newRow("bad yes/no") << QByteArray("[view]\nall-tables = maybe\n") << 2;
        QTest::newRow("no section") << QByteArray("public.orders\n") << 1;
        QTest::newRow("bad position") << QByteArray("[positions]\n1 x public.orders\n") << 2;
        QTest::newRow("bad centre") << QByteArray("[view]\nzoom = 2\ncentre = 10\n") << 3;
        QTest::newRow("bad zoom") << QByteArray("[view]\nzoom = 0\n") << 2;
        QTest::newRow("unknown section") << QByteArray("[view]\n\n[colours]\n") << 3;
    }

    void savedViewErrorsSayTheLine()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        auto view = readSavedView(text);
        QVERIFY(!view);
        QVERIFY2(view.error().message.contains(QStringLiteral("line %1:").arg(line)), qPrintable(view.error().message));
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestGraphPicture)
#include "tst_graphpicture.moc"
