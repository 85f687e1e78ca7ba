// How long the UI thread is blocked while GraphView lays out and draws a graph, and how long
// until the graph is on screen. A 10 ms heartbeat timer runs on the UI thread; the longest
// gap between two beats is the longest time the window could not have answered the user.
//
//   graph_heartbeat CONNINFO [RUNS] [FOCUS_SIZE]
//
// Loads the catalog first (the window has it before it draws a graph), then for RUNS runs:
// the whole-graph overview, and the focus view of the table whose neighbourhood (both ways)
// is nearest FOCUS_SIZE tables. The baseline is Graphviz's own sfdp on the command line,
// timed in the same run on the DOT fkscope-cli would write for the same graph.
#include "ui/graph/GraphScene.h"
#include "ui/graph/GraphView.h"

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

double sfdpMilliseconds(const QByteArray &dot)
{
    QTemporaryFile file;
    if (!file.open() || file.write(dot) != dot.size() || !file.flush())
        return -1;
    QElapsedTimer clock;
    clock.start();
    QProcess sfdp;
    // The settings GraphvizSession uses for sfdp, as bench/graph.sh passes them.
    sfdp.start(QStringLiteral("sfdp"), {QStringLiteral("-Goverlap=scale"), QStringLiteral("-Gsplines=line"),
                                        QStringLiteral("-Gsep=+8"), QStringLiteral("-Tdot"), file.fileName(),
                                        QStringLiteral("-o"), QStringLiteral("/dev/null")});
    if (!sfdp.waitForFinished(300000) || sfdp.exitCode() != 0)
        return -1;
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
    const auto [focusOid, depth] = focusNear(graph, focusSize);
    const int focusTables = int(neighbourhood(graph, graph.tableIndex(focusOid), depth, GraphDirection::Both).size());
    std::printf("catalog: %d tables, %d keys; focus: %s, depth %d, %d tables\n", graph.tableCount(), graph.keyCount(),
                qPrintable(catalog->table(focusOid)->qualifiedName), depth, focusTables);

    GraphView view;
    view.resize(1200, 800);
    view.show();
    // The window's first paint (fonts, styles) is not the layout's doing: let it happen first.
    QEventLoop settle;
    QTimer::singleShot(500, &settle, &QEventLoop::quit);
    settle.exec();
    // Shared, as the main window hands it over: not copied.
    auto shared = std::make_shared<const Catalog>(catalog.value());
    QElapsedTimer setCatalogClock;
    setCatalogClock.start();
    view.setCatalog(shared);
    std::printf("setCatalog on the UI thread: %.0f ms\n", double(setCatalogClock.nsecsElapsed()) / 1e6);

    // sfdp on the command line runs right after each overview, so that both see the same
    // load on a shared machine.
    const QByteArray dot = DotWriter(graph).write(selectSubgraph(graph, {}).value());
    std::vector<Measure> overview, focus;
    std::vector<double> sfdp;
    QString overviewEngine;
    for (int run = 0; run < runs; ++run) {
        overview.push_back(measure(view, [&] { view.showGraph(); }));
        overviewEngine = toString(view.shownEngine());
        sfdp.push_back(sfdpMilliseconds(dot));
        focus.push_back(measure(view, [&] { view.showNeighbourhood(focusOid, depth, GraphDirection::Both); }));
    }
    std::printf("overview drawn with %s\n", qPrintable(overviewEngine));
    report("overview (whole graph)", overview);
    report(qPrintable(QStringLiteral("focus (%1 tables, dot)").arg(focusTables)), focus);

    std::vector<double> ready;
    for (const Measure &m : overview)
        ready.push_back(m.readyMs);
    std::printf("sfdp -Tdot on the command line: median %.0f ms; overview ready / sfdp: %.2f\n", median(sfdp),
                median(ready) / median(sfdp));
    return 0;
}
