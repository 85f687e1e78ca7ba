// GraphLayoutEngine: Graphviz on its own thread, plain boxes in, plain geometry out.
#include "TestMain.h"
#include "graph/GraphLayoutEngine.h"

#include <QElapsedTimer>
#include <algorithm>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace fkscope;

Q_DECLARE_METATYPE(fkscope::LayoutEngineKind)

namespace {

LayoutRequest chain(int nodes, int edges, quint32 seed, LayoutEngineKind engine = LayoutEngineKind::Auto)
{
    QRandomGenerator random(seed);
    LayoutRequest request;
    request.engine = engine;
    for (int i = 0; i < nodes; ++i)
        request.nodes.push_back({60.0 + random.bounded(120), 24.0 + random.bounded(20), {}});
    for (int k = 0; k < edges; ++k) {
        const int child = random.bounded(nodes);
        // Mostly towards earlier tables, like generate_schema.py.
        const int parent = random.generateDouble() < 0.9 ? random.bounded(child + 1) : random.bounded(nodes);
        request.edges.push_back({k, child, parent, -1, -1});
    }
    return request;
}

LayoutRequest ring(int length)
{
    LayoutRequest request;
    for (int i = 0; i < length; ++i)
        request.nodes.push_back({80, 30, {}});
    for (int i = 0; i < length; ++i)
        request.edges.push_back({100 + i, i, (i + 1) % length, -1, -1});
    return request;
}

void verifyComplete(const LayoutRequest &request, const GraphLayout &layout)
{
    QVERIFY2(layout.ok, qPrintable(layout.message));
    QCOMPARE(layout.nodes.size(), request.nodes.size());
    QCOMPARE(layout.edges.size(), request.edges.size());
    for (size_t i = 0; i < layout.nodes.size(); ++i) {
        const QRectF r = layout.nodes[i];
        QVERIFY(std::isfinite(r.x()) && std::isfinite(r.y()));
        QVERIFY2(qAbs(r.width() - request.nodes[i].width) < 1.0, qPrintable(QString::number(r.width())));
        QVERIFY2(qAbs(r.height() - request.nodes[i].height) < 1.0, qPrintable(QString::number(r.height())));
        QVERIFY(layout.bounds.adjusted(-1, -1, 1, 1).contains(r));
    }
    for (size_t i = 0; i < layout.edges.size(); ++i) {
        const EdgeGeometry &e = layout.edges[i];
        QCOMPARE(e.id, request.edges[i].id);
        QVERIFY(e.spline.size() >= 4);
        QCOMPARE((e.spline.size() - 1) % 3, size_t(0));
        for (const QPointF &p : e.spline)
            QVERIFY(std::isfinite(p.x()) && std::isfinite(p.y()));
    }
}

} // namespace

class TestGraphLayout : public QObject {
    Q_OBJECT

    std::unique_ptr<GraphLayoutEngine> m_engine;

private Q_SLOTS:
    void initTestCase()
    {
        // Layout must not depend on Graphviz's plugin configuration: point it nowhere.
        qputenv("GVBINDIR", "/nonexistent");
        m_engine = std::make_unique<GraphLayoutEngine>();
    }
    void cleanupTestCase() { m_engine.reset(); }

    void engineIsChosenBySizeUpFront_data()
    {
        QTest::addColumn<LayoutEngineKind>("requested");
        QTest::addColumn<int>("nodes");
        QTest::addColumn<int>("edges");
        QTest::addColumn<LayoutEngineKind>("expected");
        QTest::newRow("auto, small") << LayoutEngineKind::Auto << 150 << 200 << LayoutEngineKind::Dot;
        QTest::newRow("auto, large") << LayoutEngineKind::Auto << 3000 << 4500 << LayoutEngineKind::Sfdp;
        QTest::newRow("dot, too dense") << LayoutEngineKind::Dot << 400 << 800 << LayoutEngineKind::Sfdp;
        QTest::newRow("dot, small and dense") << LayoutEngineKind::Dot << 20 << 60 << LayoutEngineKind::Dot;
        QTest::newRow("dot, sparse 600") << LayoutEngineKind::Dot << 600 << 900 << LayoutEngineKind::Dot;
        QTest::newRow("neato, large") << LayoutEngineKind::Neato << 1000 << 900 << LayoutEngineKind::Sfdp;
        QTest::newRow("sfdp stays") << LayoutEngineKind::Sfdp << 5 << 4 << LayoutEngineKind::Sfdp;
    }

    void engineIsChosenBySizeUpFront()
    {
        QFETCH(LayoutEngineKind, requested);
        QFETCH(int, nodes);
        QFETCH(int, edges);
        QFETCH(LayoutEngineKind, expected);
        QString why;
        QCOMPARE(toString(chooseEngine(requested, size_t(nodes), size_t(edges), &why)), toString(expected));
        QCOMPARE(why.isEmpty(), requested == expected || requested == LayoutEngineKind::Auto);
    }

    void emptyGraphIsLaidOut()
    {
        const GraphLayout layout = m_engine->layoutAndWait({});
        QVERIFY2(layout.ok, qPrintable(layout.message));
        QVERIFY(layout.nodes.empty());
        QVERIFY(layout.edges.empty());
    }

    void oneTableIsLaidOut()
    {
        LayoutRequest request;
        request.nodes.push_back({150, 40, {}});
        const GraphLayout layout = m_engine->layoutAndWait(request);
        verifyComplete(request, layout);
        QCOMPARE(toString(layout.engine), toString(LayoutEngineKind::Dot));
    }

    void everyNodeAndEdgeGetsAPositionAndDotNodesDoNotOverlap()
    {
        const LayoutRequest request = chain(80, 120, 7, LayoutEngineKind::Dot);
        const GraphLayout layout = m_engine->layoutAndWait(request);
        verifyComplete(request, layout);
        QCOMPARE(toString(layout.engine), toString(LayoutEngineKind::Dot));
        QVERIFY(layout.message.isEmpty());
        for (size_t i = 0; i < layout.nodes.size(); ++i) {
            for (size_t j = i + 1; j < layout.nodes.size(); ++j) {
                const QRectF overlap = layout.nodes[i].intersected(layout.nodes[j]);
                QVERIFY2(overlap.width() < 0.5 || overlap.height() < 0.5,
                         qPrintable(QStringLiteral("nodes %1 and %2 overlap").arg(i).arg(j)));
            }
        }
        // Dot draws arrow heads at the parent end.
        int arrows = 0;
        for (const EdgeGeometry &e : layout.edges)
            arrows += e.hasArrowHead;
        QCOMPARE(arrows, int(layout.edges.size()));
    }

    void forceEnginesAreLoaded_data()
    {
        QTest::addColumn<LayoutEngineKind>("engine");
        QTest::newRow("sfdp") << LayoutEngineKind::Sfdp;
        QTest::newRow("neato") << LayoutEngineKind::Neato;
        QTest::newRow("fdp") << LayoutEngineKind::Fdp;
    }

    void forceEnginesAreLoaded()
    {
        QFETCH(LayoutEngineKind, engine);
        const LayoutRequest request = chain(40, 50, 3, engine);
        const GraphLayout layout = m_engine->layoutAndWait(request);
        verifyComplete(request, layout);
        QCOMPARE(toString(layout.engine), toString(engine));
    }

    // Six children with 24 children of their own make ranks far wider than a window: with the
    // window given, the ranks run across it instead and the drawing fits it larger; a window
    // that wide keeps parents above.
    void aWideHierarchyTurnsToFitTheWindow()
    {
        LayoutRequest request;
        request.engine = LayoutEngineKind::Dot;
        request.nodes.push_back({90, 30, {}});
        for (int child = 1; child <= 6; ++child) {
            request.nodes.push_back({110, 30, {}});
            request.edges.push_back({child, child, 0, -1, -1});
        }
        for (int grandchild = 7; grandchild <= 30; ++grandchild) {
            request.nodes.push_back({110, 30, {}});
            request.edges.push_back({grandchild, grandchild, 1 + grandchild % 6, -1, -1});
        }
        const GraphLayout upright = m_engine->layoutAndWait(request);
        verifyComplete(request, upright);
        auto fitted = [](const QRectF &drawing, QSizeF window) {
            return std::min({1.0, window.width() / drawing.width(), window.height() / drawing.height()});
        };
        auto parentAbove = [](const GraphLayout &layout) {
            return layout.nodes[0].bottom() <= layout.nodes[1].top();
        };
        QVERIFY(parentAbove(upright));

        const QSizeF window(740, 580);
        request.fitInto = window;
        const GraphLayout turned = m_engine->layoutAndWait(request);
        verifyComplete(request, turned);
        QVERIFY2(fitted(turned.bounds, window) >= 1.25 * fitted(upright.bounds, window),
                 qPrintable(QStringLiteral("%1 against %2").arg(fitted(turned.bounds, window)).arg(fitted(upright.bounds, window))));
        QVERIFY2(turned.nodes[0].right() <= turned.nodes[1].left(), "the parent on the left");
        QCOMPARE(toString(turned.engine), toString(LayoutEngineKind::Dot));

        request.fitInto = QSizeF(upright.bounds.width() * 2, upright.bounds.height() * 2);
        QVERIFY(parentAbove(m_engine->layoutAndWait(request)));
    }

    void cyclesOfLengthOneToFive_data()
    {
        QTest::addColumn<int>("length");
        for (int n = 1; n <= 5; ++n)
            QTest::addRow("length %d", n) << n;
    }

    void cyclesOfLengthOneToFive()
    {
        QFETCH(int, length);
        const LayoutRequest request = ring(length);
        verifyComplete(request, m_engine->layoutAndWait(request));
    }

    void tableWith1600ColumnsGetsARowPerColumn()
    {
        LayoutRequest request;
        LayoutNode wide{200, 0, std::vector<double>(1600, 14.0)};
        wide.height = 30 + 1600 * 14.0;
        request.nodes.push_back(wide);
        request.nodes.push_back({100, 30, {}});
        request.edges.push_back({1, 1, 0, -1, 1599});  // to the last column
        request.edges.push_back({2, 1, 0, -1, 0});     // to the first
        const GraphLayout layout = m_engine->layoutAndWait(request);
        verifyComplete(request, layout);
        const QRectF table = layout.nodes[0];
        // Each edge ends near the row it was given.
        const double lastRowY = table.bottom() - 7, firstRowY = table.top() + 30 + 7;
        const QPointF toLast = layout.edges[0].hasArrowHead ? layout.edges[0].arrowTip : layout.edges[0].spline.back();
        const QPointF toFirst = layout.edges[1].hasArrowHead ? layout.edges[1].arrowTip : layout.edges[1].spline.back();
        QVERIFY2(qAbs(toLast.y() - lastRowY) < 14, qPrintable(QStringLiteral("%1 vs %2").arg(toLast.y()).arg(lastRowY)));
        QVERIFY2(qAbs(toFirst.y() - firstRowY) < 14, qPrintable(QStringLiteral("%1 vs %2").arg(toFirst.y()).arg(firstRowY)));
    }

    void badEdgesAreRefusedNotCrashed()
    {
        LayoutRequest request;
        request.nodes.push_back({100, 30, {}});
        request.edges.push_back({1, 0, 5, -1, -1});
        const GraphLayout layout = m_engine->layoutAndWait(request);
        QVERIFY(!layout.ok);
        QVERIFY(!layout.message.isEmpty());
    }

    void threeThousandTablesFallBackToSfdpAndFinish()
    {
        const LayoutRequest request = chain(3000, 4500, 1, LayoutEngineKind::Dot);
        QElapsedTimer timer;
        timer.start();
        const GraphLayout layout = m_engine->layoutAndWait(request);
        verifyComplete(request, layout);
        QCOMPARE(toString(layout.engine), toString(LayoutEngineKind::Sfdp));
        QVERIFY2(layout.message.contains(QLatin1String("sfdp")), qPrintable(layout.message));
        QVERIFY2(timer.elapsed() < 60000, qPrintable(QString::number(timer.elapsed())));
        qInfo("3,000 tables, 4,500 keys: %.0f ms with sfdp", layout.milliseconds);
    }

    void newerRequestSupersedesOlder()
    {
        QSignalSpy ready(m_engine.get(), &GraphLayoutEngine::layoutReady);
        const quint64 first = m_engine->request(chain(300, 400, 11));
        const quint64 second = m_engine->request(chain(5, 4, 12));
        const quint64 third = m_engine->request(chain(6, 5, 13));
        QVERIFY(first < second && second < third);
        QVERIFY(ready.wait(60000));
        QTest::qWait(200);
        QCOMPARE(ready.size(), 1);
        const auto layout = ready.first().first().value<GraphLayout>();
        QCOMPARE(layout.generation, third);
        QCOMPARE(layout.nodes.size(), size_t(6));
    }

    void rendersSvgAndPngFromDot()
    {
        const QByteArray dot = "digraph { \"a \\\"b\\\"\" -> \"ünï cødé\"; }";
        auto svg = m_engine->renderAndWait(dot, QStringLiteral("svg"));
        QVERIFY2(svg.ok(), qPrintable(svg.error().message));
        QVERIFY(svg->contains("<svg"));
        QVERIFY(svg->contains("ünï cødé"));
        auto png = m_engine->renderAndWait(dot, QStringLiteral("png"));
        QVERIFY2(png.ok(), qPrintable(png.error().message));
        QVERIFY(png->startsWith("\x89PNG\r\n\x1a\n"));
        auto broken = m_engine->renderAndWait("digraph { a -> ", QStringLiteral("svg"));
        QVERIFY(!broken.ok());
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestGraphLayout)
#include "tst_graphlayout.moc"
