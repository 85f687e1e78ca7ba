#include "graph/GraphExport.h"

#include "graph/GraphLayoutEngine.h"

namespace fkscope {

bool isExportFormat(const QString &format)
{
    return format == QLatin1String("dot") || format == QLatin1String("svg") || format == QLatin1String("png");
}

Result<QByteArray> exportGraph(GraphLayoutEngine &engine, const QByteArray &dot, const QString &format,
                               std::optional<LayoutEngineKind> layout)
{
    if (!isExportFormat(format))
        return Error::usage(QStringLiteral("unknown format '%1' (dot, svg and png are supported)").arg(format));
    if (format == QLatin1String("dot") && !layout)
        return dot;
    return engine.renderAndWait(dot, format, layout.value_or(LayoutEngineKind::Auto));
}

} // namespace fkscope
