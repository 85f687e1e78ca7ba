#include "cli/CliContext.h"
#include "cli/Commands.h"

#include "graph/DotWriter.h"
#include "graph/GraphExport.h"
#include "graph/GraphLayoutEngine.h"
#include "graph/GraphPicture.h"
#include "graph/PicturePlacement.h"
#include "graph/SavedGraphView.h"
#include "graph/Subgraph.h"

#include <QCommandLineParser>
#include <QFile>
#include <QIODevice>
#include <QTextStream>

#include <algorithm>

namespace fkscope {

namespace {

// Everything the options say, checked before connecting.
struct GraphOptions {
    QString format;
    QString output;
    QString focus;
    QStringList hidden;
    std::optional<LayoutEngineKind> engine;  // none: DOT is written without positions
    GraphQuery query;
    bool allTables = false;
    QStringList expanded;
    FoldOptions fold;
    std::map<QString, QPointF> positions;  // from a saved view
};

Result<bool> readYesNo(const QCommandLineParser &parser, const QString &name, bool fallback)
{
    if (!parser.isSet(name))
        return fallback;
    const QString value = parser.value(name);
    if (value == QLatin1String("yes"))
        return true;
    if (value == QLatin1String("no"))
        return false;
    return Error::usage(QStringLiteral("--%1 takes yes or no, not '%2'").arg(name, value));
}

// A saved view gives the starting values; options given on the command line win.
Result<SavedGraphView> readView(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("view")))
        return SavedGraphView{};
    QFile file(parser.value(QStringLiteral("view")));
    if (!file.open(QIODevice::ReadOnly))
        return Error::usage(QStringLiteral("cannot read view file %1: %2").arg(file.fileName(), file.errorString()));
    auto view = readSavedView(file.readAll());
    if (!view)
        return Error::usage(file.fileName() + QStringLiteral(": ") + view.error().message);
    return view;
}

Result<GraphOptions> readOptions(const QCommandLineParser &parser)
{
    auto view = readView(parser);
    if (!view)
        return view.error();
    GraphOptions options;
    options.format = parser.value(QStringLiteral("format"));
    if (!isExportFormat(options.format))
        return Error::usage(QStringLiteral("unknown format '%1' (dot, svg and png are supported)").arg(options.format));
    options.output = parser.value(QStringLiteral("output"));
    options.query.schemas = view->schemas;
    if (parser.isSet(QStringLiteral("schema")))
        options.query.schemas.clear();
    for (const QString &value : parser.values(QStringLiteral("schema")))
        options.query.schemas += value.split(QLatin1Char(','), Qt::SkipEmptyParts);
    options.hidden = view->hidden + parser.values(QStringLiteral("hide"));
    options.expanded = view->expanded + parser.values(QStringLiteral("expand"));
    options.focus = parser.isSet(QStringLiteral("focus")) ? parser.value(QStringLiteral("focus")) : view->focus;
    options.allTables = parser.isSet(QStringLiteral("all-tables")) || view->allTables;
    auto links = readYesNo(parser, QStringLiteral("fold-link-tables"), view->foldLinkTables);
    if (!links)
        return links.error();
    auto partitions = readYesNo(parser, QStringLiteral("fold-partitions"), view->foldPartitions);
    if (!partitions)
        return partitions.error();
    options.fold = {links.value(), partitions.value()};
    options.positions = view->positions;
    bool depthOk = true;
    options.query.depth = parser.isSet(QStringLiteral("depth")) ? parser.value(QStringLiteral("depth")).toInt(&depthOk)
                                                                : view->depth;
    if (!depthOk || options.query.depth < 0)
        return Error::usage(QStringLiteral("--depth takes a number of hops, 0 or more"));
    const QString direction = parser.value(QStringLiteral("direction"));
    if (!parser.isSet(QStringLiteral("direction")))
        options.query.direction = view->direction;
    else if (direction == QLatin1String("up"))
        options.query.direction = GraphDirection::Up;
    else if (direction == QLatin1String("down"))
        options.query.direction = GraphDirection::Down;
    else if (direction == QLatin1String("both"))
        options.query.direction = GraphDirection::Both;
    else
        return Error::usage(QStringLiteral("--direction takes up, down or both, not '%1'").arg(direction));
    if (parser.isSet(QStringLiteral("engine"))) {
        options.engine = layoutEngineFromString(parser.value(QStringLiteral("engine")));
        if (!options.engine)
            return Error::usage(QStringLiteral("unknown engine '%1' (auto, dot, sfdp, neato, fdp)")
                                    .arg(parser.value(QStringLiteral("engine"))));
    }
    return options;
}

// Resolves --focus and --hide against the catalog.
Status resolveTables(const ForeignKeyGraph &graph, GraphOptions &options)
{
    auto find = [&](const QString &name) -> Result<qint64> {
        const int index = graph.findTable(name);
        if (index < 0)
            return Error::usage(QStringLiteral("no table named %1 (or more than one: qualify it with its schema)").arg(name));
        return graph.table(index).oid;
    };
    for (const QString &name : std::as_const(options.hidden)) {
        auto oid = find(name);
        if (!oid)
            return oid.error();
        options.query.hiddenTables.insert(oid.value());
    }
    if (!options.focus.isEmpty()) {
        auto oid = find(options.focus);
        if (!oid)
            return oid.error();
        options.query.focusOid = oid.value();
    }
    return Done{};
}

void addOptions(QCommandLineParser &parser)
{
    CliContext::addConnectionOption(parser);
    parser.addOption({QStringLiteral("format"), QStringLiteral("dot (Graphviz input), svg or png."),
                      QStringLiteral("FORMAT"), QStringLiteral("dot")});
    parser.addOption({QStringLiteral("output"), QStringLiteral("Write to FILE instead of standard output."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("schema"), QStringLiteral("Only tables of this schema; repeat or separate with commas."),
                      QStringLiteral("SCHEMA")});
    parser.addOption({QStringLiteral("focus"), QStringLiteral("Only this table and its neighbours, e.g. orders or \"Sales\".\"Order Items\"."),
                      QStringLiteral("TABLE")});
    parser.addOption({QStringLiteral("depth"), QStringLiteral("Hops from --focus (default 1)."), QStringLiteral("N"),
                      QStringLiteral("1")});
    parser.addOption({QStringLiteral("direction"),
                      QStringLiteral("up: the tables --focus references; down: the tables referencing it; both."),
                      QStringLiteral("DIRECTION"), QStringLiteral("both")});
    parser.addOption({QStringLiteral("hide"), QStringLiteral("Leave this table out; repeat for more."), QStringLiteral("TABLE")});
    parser.addOption({QStringLiteral("all-tables"),
                      QStringLiteral("Every table, even above %1 tables, where the graph is otherwise drawn as a map "
                                     "of schemas and groups of closely linked tables.").arg(mapThreshold)});
    parser.addOption({QStringLiteral("expand"),
                      QStringLiteral("Draw this group of the map as its tables, e.g. public/artist; repeat for more."),
                      QStringLiteral("GROUP")});
    parser.addOption({QStringLiteral("fold-link-tables"),
                      QStringLiteral("yes (default): a table that only joins two others (two keys making its primary "
                                     "key, at most %1 other columns) is drawn as one line between them; no: as a table.")
                          .arg(maxLinkExtraColumns),
                      QStringLiteral("yes|no")});
    parser.addOption({QStringLiteral("fold-partitions"),
                      QStringLiteral("yes (default): a partition with no key of its own is drawn in its partitioned "
                                     "table; no: as a table."),
                      QStringLiteral("yes|no")});
    parser.addOption({QStringLiteral("view"),
                      QStringLiteral("Start from a saved view (focus, depth, hidden tables, expanded groups...); "
                                     "options given here win."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("engine"),
                      QStringLiteral("Graphviz layout: auto (dot, or sfdp for large graphs), dot, sfdp, neato, fdp. "
                                     "With --format dot, writes the DOT with positions."),
                      QStringLiteral("ENGINE")});
}

// Placed by fkscope unless an engine is asked for: Graphviz draws a big neighbourhood as one
// long rank and a map's boxes anywhere. A saved view's positions need placing too. Returns
// the engine to draw with: none writes the DOT as it is.
std::optional<LayoutEngineKind> place(GraphPicture &picture, const GraphOptions &options)
{
    if (options.engine)
        return options.engine;
    const bool savedPositions = std::any_of(picture.nodes.begin(), picture.nodes.end(), [&](const PictureNode &node) {
        return options.positions.count(viewName(node)) > 0;
    });
    if (!needsPlacing(picture) && !savedPositions)
        return std::nullopt;
    PlacementOptions placement;
    if (picture.clusters.empty())
        placement.legend = DotWriter::legendSize();
    placePicture(picture, placement);
    applyPositions(picture, options.positions);
    if (options.format == QLatin1String("dot"))
        return std::nullopt;  // the DOT with its positions, for neato -n2
    return LayoutEngineKind::Pinned;
}

} // namespace

int runGraphCommand(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Draws the foreign-key graph: every table, or the neighbourhood of one, as Graphviz DOT, SVG or PNG. "
        "Keys go from child to parent: red blocks a delete, blue cascades, orange dashed sets null or default; "
        "a hollow arrow is deferrable, a dotted line NOT VALID."));
    parser.addHelpOption();
    addOptions(parser);
    if (!parser.parse(arguments))
        return context.fail(UsageError, parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        return context.showHelp(parser, arguments.first());
    if (!parser.positionalArguments().isEmpty())
        return context.fail(UsageError, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    auto options = readOptions(parser);
    if (!options)
        return context.fail(options.error());

    int exitCode = Answered;
    auto session = context.connect(parser, &exitCode);
    if (!session)
        return exitCode;
    const ForeignKeyGraph graph(session->catalog);
    if (Status resolved = resolveTables(graph, options.value()); !resolved)
        return context.fail(resolved.error());
    PictureOptions pictureOptions;
    pictureOptions.fold = options->fold;
    pictureOptions.expanded = QSet<QString>(options->expanded.begin(), options->expanded.end());
    auto picture = pictureOf(graph, options->query, pictureOptions, options->allTables);
    if (!picture)
        return context.fail(picture.error());
    const std::optional<LayoutEngineKind> layout = place(picture.value(), options.value());
    QByteArray bytes = DotWriter(graph).write(picture.value());
    if ((options->format != QLatin1String("dot") || options->engine) && layout != LayoutEngineKind::Pinned) {
        const LayoutEngineKind requested = options->engine.value_or(LayoutEngineKind::Auto);
        QString why;
        chooseEngine(requested, picture->nodes.size(), picture->edges.size(), &why);
        if (!why.isEmpty())
            QTextStream(stderr) << "fkscope-cli: note: " << why << Qt::endl;
    }
    GraphLayoutEngine engine;
    auto exported = exportGraph(engine, bytes, options->format, layout);
    if (!exported)
        return context.fail(exported.error());
    bytes = exported.take();

    if (options->output.isEmpty()) {
        QIODevice &out = context.output();
        out.write(bytes);
        return Answered;
    }
    return context.writeFile(bytes, options->output);
}

} // namespace fkscope
