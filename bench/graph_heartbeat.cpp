// How long the UI thread is blocked while GraphView lays out, draws and zooms a graph, and how
// long until each view is on screen. A 10 ms heartbeat timer runs on the UI thread; the longest
// gap between two beats is the longest time the window could not have answered the user, and
// the UI thread's own CPU time between two beats is that gap without other processes' share.
//
//   graph_heartbeat CONNINFO [RUNS] [FOCUS_SIZE]
//
// Loads the catalog first (the window has it before it draws a graph), then for RUNS runs,
// what a user sees: the first view (setCatalog and the map, or every table below the map's
// threshold), the biggest group of the map opened, every table (the toolbar's All tables),
// wheel zooming in and out across the levels of detail on the map and on every table, and,
// when FOCUS_SIZE is not 0, the focus view of the table whose neighbourhood (both ways) is
// nearest FOCUS_SIZE tables. The baseline is Graphviz's own sfdp on the command line, timed in
// the same run on the DOT of every table; dot too, once, on graphs small enough for it.
#include "ui/graph/GraphScene.h"
#include "ui/graph/GraphView.h"
#include "ui/graph/PictureItems.h"

#include "catalog/CatalogLoader.h"
#include "db/ConnInfo.h"
#include "db/Connection.h"
#include "graph/DotWriter.h"
#include "graph/ForeignKeyGraph.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QTemporaryFile>
#include <QTextStream>
#include <QTimer>
#include <QWheelEvent>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace fkscope;

namespace {

struct Measure {
    double readyMs = 0;   // from the request to the graph painted on screen
    double maxGapMs = 0;  // longest wall-clock time between two heartbeats meanwhile
    double maxCpuMs = 0;  // longest UI-thread CPU time between two heartbeats
};

// The heartbeat: a 10 ms timer whose longest gap is the longest the event loop was held up.
class Heartbeat {
public:
    Heartbeat()
    {
        m_timer.setInterval(10);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            m_maxGap = std::max(m_maxGap, double(m_sinceLast.nsecsElapsed()) / 1e6);
            m_sinceLast.restart();
            const double cpu = threadCpuMs();
            m_maxCpu = std::max(m_maxCpu, cpu - m_lastCpu);
            m_lastCpu = cpu;
        });
    }
    void start()
    {
        m_maxGap = m_maxCpu = 0;
        m_lastCpu = threadCpuMs();
        m_sinceLast.start();
        m_timer.start();
    }
    void stop()
    {
        // The time since the last beat counts too.
        m_maxGap = std::max(m_maxGap, double(m_sinceLast.nsecsElapsed()) / 1e6);
        m_maxCpu = std::max(m_maxCpu, threadCpuMs() - m_lastCpu);
        m_timer.stop();
    }
    double maxGap() const { return m_maxGap; }
    double maxCpu() const { return m_maxCpu; }

private:
    // CPU time of the UI thread: on a shared, overloaded machine the wall-clock gap also
    // counts the time the kernel gave the cores to others; this counts only our own work.
    static double threadCpuMs()
    {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
    }

    QTimer m_timer;
    QElapsedTimer m_sinceLast;
    double m_maxGap = 0;
    double m_maxCpu = 0;
    double m_lastCpu = 0;
};

// Runs show() on the view and waits, with the heartbeat running, until the layout is shown
// and painted; then lets the loop idle a little so a slow first paint is counted.
Measure measure(GraphView &view, const std::function<void()> &show)
{
    Heartbeat heartbeat;
    QEventLoop loop;
    QElapsedTimer clock;
    Measure result;
    bool ok = false;
    auto connection = QObject::connect(&view, &GraphView::layoutFinished, [&](bool finished, const QString &message) {
        ok = finished;
        if (!finished)
            QTextStream(stderr) << "layout failed: " << message << '\n';
        // Drawn: paint now, as the next event-loop turn would, and count it.
        view.viewport()->repaint();
        result.readyMs = double(clock.nsecsElapsed()) / 1e6;
        QTimer::singleShot(200, &loop, &QEventLoop::quit);
    });
    heartbeat.start();
    clock.start();
    show();
    loop.exec();
    heartbeat.stop();
    result.maxGapMs = heartbeat.maxGap();
    result.maxCpuMs = heartbeat.maxCpu();
    QObject::disconnect(connection);
    if (!ok)
        result.readyMs = -1;
    return result;
}

// Wheel steps over the middle of the view, one every 40 ms (a quick flick of the wheel), each
// painted before the next: `steps` in from the fitted view, then as many back out. A 1.2×
// step from a fitted 3,000-table view crosses every level of detail (dots, plain lines,
// names of hubs, every name, arrow heads) on the way in and again on the way out.
Measure measureZoom(GraphView &view, int steps)
{
    view.fitToWindow();
    view.viewport()->repaint();
    Heartbeat heartbeat;
    QEventLoop loop;
    QElapsedTimer clock;
    QTimer wheel;
    int sent = 0;
    QObject::connect(&wheel, &QTimer::timeout, [&] {
        if (sent == 2 * steps) {
            wheel.stop();
            loop.quit();
            return;
        }
        const int delta = sent++ < steps ? 120 : -120;
        const QPointF at = QRectF(view.viewport()->rect()).center();
        QWheelEvent event(at, view.viewport()->mapToGlobal(at), QPoint(), QPoint(0, delta), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(view.viewport(), &event);
        view.viewport()->repaint();
    });
    wheel.start(40);
    heartbeat.start();
    clock.start();
    loop.exec();
    heartbeat.stop();
    Measure result;
    result.readyMs = double(clock.nsecsElapsed()) / 1e6;
    result.maxGapMs = heartbeat.maxGap();
    result.maxCpuMs = heartbeat.maxCpu();
    return result;
}

// The table and depth whose neighbourhood, both ways, is nearest size tables.
std::pair<qint64, int> focusNear(const ForeignKeyGraph &graph, int size)
{
    std::pair<qint64, int> best{0, 1};
    int bestDistance = std::numeric_limits<int>::max();
    for (int t = 0; t < graph.tableCount(); t += std::max(1, graph.tableCount() / 300)) {
        for (int depth = 1; depth <= 6; ++depth) {
            const int n = int(neighbourhood(graph, t, depth, GraphDirection::Both).size());
            if (std::abs(n - size) < bestDistance) {
                bestDistance = std::abs(n - size);
                best = {graph.table(t).oid, depth};
            }
            if (n > size)
                break;
        }
    }
    return best;
}

double graphvizMilliseconds(const QString &engine, const QByteArray &dot, int limitMs = 300000)
{
    QTemporaryFile file;
    if (!file.open() || file.write(dot) != dot.size() || !file.flush())
        return -1;
    QElapsedTimer clock;
    clock.start();
    QProcess graphviz;
    // The settings GraphvizSession uses for sfdp, as bench/graph.sh passes them.
    QStringList arguments{QStringLiteral("-Tdot"), file.fileName(), QStringLiteral("-o"), QStringLiteral("/dev/null")};
    if (engine == QLatin1String("sfdp"))
        arguments = QStringList{QStringLiteral("-Goverlap=scale"), QStringLiteral("-Gsplines=line"), QStringLiteral("-Gsep=+8")}
                    + arguments;
    graphviz.start(engine, arguments);
    if (!graphviz.waitForFinished(limitMs) || graphviz.exitCode() != 0) {
        graphviz.kill();
        graphviz.waitForFinished();
        return -1;
    }
    return double(clock.nsecsElapsed()) / 1e6;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

void report(const char *what, const std::vector<Measure> &runs)
{
    std::vector<double> ready, gaps, cpu;
    for (const Measure &m : runs) {
        ready.push_back(m.readyMs);
        gaps.push_back(m.maxGapMs);
        cpu.push_back(m.maxCpuMs);
    }
    auto worst = [](const std::vector<double> &v) { return *std::max_element(v.begin(), v.end()); };
    std::printf("%s\n  ready: median %.0f ms (min %.0f, max %.0f)\n"
                "  longest heartbeat gap: median %.0f ms, worst %.0f ms\n"
                "  longest UI-thread CPU between beats: median %.0f ms, worst %.0f ms\n",
                what, median(ready), *std::min_element(ready.begin(), ready.end()), worst(ready), median(gaps),
                worst(gaps), median(cpu), worst(cpu));
}

// Waits, without measuring, until the view has shown what it was asked for.
void waitFor(GraphView &view, const std::function<void()> &show)
{
    QEventLoop loop;
    auto connection = QObject::connect(&view, &GraphView::layoutFinished, &loop, &QEventLoop::quit);
    show();
    loop.exec();
    QObject::disconnect(connection);
}

// The map's group holding the most tables.
QString biggestGroup(const GraphView &view)
{
    QString id;
    size_t most = 0;
    if (const GraphPicture *picture = view.shownPicture()) {
        for (const TableGroup &group : picture->groups) {
            if (group.tables.size() > most || (group.tables.size() == most && group.id < id)) {
                most = group.tables.size();
                id = group.id;
            }
        }
    }
    return id;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    if (args.size() < 2) {
        QTextStream(stderr) << "usage: graph_heartbeat CONNINFO [RUNS] [FOCUS_SIZE]\n";
        return 2;
    }
    const int runs = args.size() > 2 ? args[2].toInt() : 5;
    const int focusSize = args.size() > 3 ? args[3].toInt() : 150;
    auto info = ConnInfo::parse(args[1]);
    auto connection = info ? Connection::open(info.value()) : Result<std::unique_ptr<Connection>>(info.error());
    if (!connection) {
        QTextStream(stderr) << connection.error().message << '\n';
        return 3;
    }
    auto catalog = CatalogLoader(*connection.value()).load();
    if (!catalog) {
        QTextStream(stderr) << catalog.error().message << '\n';
        return 4;
    }
    const ForeignKeyGraph graph(catalog.value());
    std::printf("catalog: %d tables, %d keys\n", graph.tableCount(), graph.keyCount());
    std::pair<qint64, int> focus{0, 1};
    int focusTables = 0;
    if (focusSize > 0) {
        focus = focusNear(graph, focusSize);
        focusTables = int(neighbourhood(graph, graph.tableIndex(focus.first), focus.second, GraphDirection::Both).size());
        std::printf("focus: %s, depth %d, %d tables\n", qPrintable(catalog->table(focus.first)->qualifiedName),
                    focus.second, focusTables);
    }

    GraphView view;
    view.resize(1280, 800);
    view.show();
    // The window's first paint (fonts, styles) is not the layout's doing: let it happen first.
    QEventLoop settle;
    QTimer::singleShot(500, &settle, &QEventLoop::quit);
    settle.exec();
    // Shared, as the main window hands it over: not copied.
    auto shared = std::make_shared<const Catalog>(catalog.value());

    const QByteArray dot = DotWriter(graph).write(selectSubgraph(graph, {}).value());
    double dotMs = -1;
    if (graph.tableCount() <= 600)
        dotMs = graphvizMilliseconds(QStringLiteral("dot"), dot, 60000);
    std::vector<Measure> first, group, all, zoomMap, zoomAll, focused;
    std::vector<double> sfdp;
    QString firstKind, allEngine, groupName;
    for (int run = 0; run < runs; ++run) {
        // sfdp on the command line runs right after the first view, so both see the same load.
        first.push_back(measure(view, [&] {
            view.setAllTables(false);
            view.setCatalog(shared);
            view.showGraph();
        }));
        firstKind = view.isShowingMap() ? QStringLiteral("map") : toString(view.shownEngine());
        sfdp.push_back(graphvizMilliseconds(QStringLiteral("sfdp"), dot));
        if (view.isShowingMap()) {
            zoomMap.push_back(measureZoom(view, 20));
            groupName = biggestGroup(view);
            group.push_back(measure(view, [&] { view.expandGroup(groupName); }));
            waitFor(view, [&] { view.collapseGroups(); });
            all.push_back(measure(view, [&] { view.setAllTables(true); }));
            allEngine = toString(view.shownEngine());
            zoomAll.push_back(measureZoom(view, 24));
        }
        if (focusSize > 0)
            focused.push_back(measure(view, [&] { view.showNeighbourhood(focus.first, focus.second, GraphDirection::Both); }));
    }
    std::vector<double> firstReady;
    for (const Measure &m : first)
        firstReady.push_back(m.readyMs);
    report(qPrintable(QStringLiteral("first view (setCatalog and %1)").arg(firstKind)), first);
    if (!group.empty()) {
        report(qPrintable(QStringLiteral("open the biggest group (%1)").arg(groupName)), group);
        report(qPrintable(QStringLiteral("all tables (%1)").arg(allEngine)), all);
        report("zoom the map: 20 wheel steps in, 20 out (ready: the whole sequence)", zoomMap);
        report("zoom all tables: 24 wheel steps in, 24 out (ready: the whole sequence)", zoomAll);
    }
    if (!focused.empty())
        report(qPrintable(QStringLiteral("focus (%1 tables)").arg(focusTables)), focused);
    std::printf("sfdp -Tdot on the command line, every table: median %.0f ms; first view / sfdp: %.2f\n",
                median(sfdp), median(firstReady) / median(sfdp));
    if (!all.empty()) {
        std::vector<double> allReady;
        for (const Measure &m : all)
            allReady.push_back(m.readyMs);
        std::printf("all tables / sfdp: %.2f\n", median(allReady) / median(sfdp));
    }
    if (graph.tableCount() <= 600)
        std::printf("dot -Tdot on the command line, every table, once: %s\n",
                    dotMs < 0 ? "did not finish within 60 s" : qPrintable(QStringLiteral("%1 ms").arg(dotMs, 0, 'f', 0)));
    return 0;
}
