#include "cli/CliContext.h"
#include "cli/Commands.h"

#include "graph/DotWriter.h"
#include "graph/GraphExport.h"
#include "graph/GraphLayoutEngine.h"
#include "graph/Subgraph.h"

#include <QCommandLineParser>
#include <QFile>
#include <QIODevice>
#include <QTextStream>

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
};

Result<GraphOptions> readOptions(const QCommandLineParser &parser)
{
    GraphOptions options;
    options.format = parser.value(QStringLiteral("format"));
    if (!isExportFormat(options.format))
        return Error::usage(QStringLiteral("unknown format '%1' (dot, svg and png are supported)").arg(options.format));
    options.output = parser.value(QStringLiteral("output"));
    for (const QString &value : parser.values(QStringLiteral("schema")))
        options.query.schemas += value.split(QLatin1Char(','), Qt::SkipEmptyParts);
    options.hidden = parser.values(QStringLiteral("hide"));
    options.focus = parser.value(QStringLiteral("focus"));
    bool depthOk = false;
    options.query.depth = parser.value(QStringLiteral("depth")).toInt(&depthOk);
    if (!depthOk || options.query.depth < 0)
        return Error::usage(QStringLiteral("--depth takes a number of hops, 0 or more"));
    const QString direction = parser.value(QStringLiteral("direction"));
    if (direction == QLatin1String("up"))
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

} // namespace

int runGraphCommand(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Draws the foreign-key graph: every table, or the neighbourhood of one, as Graphviz DOT, SVG or PNG. "
        "Keys go from child to parent: red blocks a delete, blue cascades, orange dashed sets null or default; "
        "a hollow arrow is deferrable, a dotted line NOT VALID."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("db"),
                      QStringLiteral("Connection string: a postgresql:// URI or key=value pairs, as psql takes."),
                      QStringLiteral("CONNINFO")});
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
    parser.addOption({QStringLiteral("engine"),
                      QStringLiteral("Graphviz layout: auto (dot, or sfdp for large graphs), dot, sfdp, neato, fdp. "
                                     "With --format dot, writes the DOT with positions."),
                      QStringLiteral("ENGINE")});
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
    auto subgraph = selectSubgraph(graph, options->query);
    if (!subgraph)
        return context.fail(subgraph.error());

    QByteArray bytes = DotWriter(graph).write(subgraph.value());
    if (options->format != QLatin1String("dot") || options->engine) {
        const LayoutEngineKind requested = options->engine.value_or(LayoutEngineKind::Auto);
        QString why;
        chooseEngine(requested, subgraph->tables.size(), subgraph->keys.size(), &why);
        if (!why.isEmpty())
            QTextStream(stderr) << "fkscope-cli: note: " << why << Qt::endl;
    }
    GraphLayoutEngine engine;
    auto exported = exportGraph(engine, bytes, options->format, options->engine);
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
