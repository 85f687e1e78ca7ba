#include "graph/SavedGraphView.h"

#include <QLocale>

namespace fkscope {

namespace {

QByteArray yesNo(bool value)
{
    return value ? "yes" : "no";
}

QByteArray directionName(GraphDirection direction)
{
    switch (direction) {
    case GraphDirection::Up: return "up";
    case GraphDirection::Down: return "down";
    case GraphDirection::Both: return "both";
    }
    return "both";
}

std::optional<bool> parseYesNo(const QString &value)
{
    if (value == QLatin1String("yes"))
        return true;
    if (value == QLatin1String("no"))
        return false;
    return std::nullopt;
}

// Shortest text that reads back as the same double.
QByteArray shortestNumber(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest).toUtf8();
}

} // namespace

bool SavedGraphView::operator==(const SavedGraphView &o) const
{
    return focus == o.focus && depth == o.depth && direction == o.direction && schemas == o.schemas
           && allTables == o.allTables && foldLinkTables == o.foldLinkTables && foldPartitions == o.foldPartitions
           && zoom == o.zoom && centre == o.centre && hidden == o.hidden && expanded == o.expanded && positions == o.positions;
}

QByteArray writeSavedView(const SavedGraphView &view)
{
    QByteArray out = "# fkscope graph view\n[view]\n";
    if (!view.focus.isEmpty())
        out += "focus = " + view.focus.toUtf8() + "\n";
    out += "depth = " + QByteArray::number(view.depth) + "\n";
    out += "direction = " + directionName(view.direction) + "\n";
    if (!view.schemas.isEmpty())
        out += "schemas = " + view.schemas.join(QStringLiteral(", ")).toUtf8() + "\n";
    out += "all-tables = " + yesNo(view.allTables) + "\n";
    out += "fold-link-tables = " + yesNo(view.foldLinkTables) + "\n";
    out += "fold-partitions = " + yesNo(view.foldPartitions) + "\n";
    if (view.zoom)
        out += "zoom = " + shortestNumber(*view.zoom) + "\n";
    if (view.centre)
        out += "centre = " + shortestNumber(view.centre->x()) + " " + shortestNumber(view.centre->y()) + "\n";
    out += "\n[hidden]\n";
    for (const QString &table : view.hidden)
        out += table.toUtf8() + "\n";
    out += "\n[expanded]\n";
    for (const QString &group : view.expanded)
        out += group.toUtf8() + "\n";
    if (!view.positions.empty()) {
        out += "\n[positions]\n";
        for (const auto &[name, point] : view.positions)
            out += shortestNumber(point.x()) + " " + shortestNumber(point.y()) + " " + name.toUtf8() + "\n";
    }
    return out;
}

Result<SavedGraphView> readSavedView(const QByteArray &text)
{
    SavedGraphView view;
    QString section;
    const QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'));
    for (int n = 0; n < lines.size(); ++n) {
        const QString line = lines[n].trimmed();
        auto fail = [&](const QString &why) {
            return Error::usage(QStringLiteral("view file, line %1: %2").arg(n + 1).arg(why));
        };
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (line.startsWith(QLatin1Char('[')) && line.endsWith(QLatin1Char(']'))) {
            section = line.mid(1, line.size() - 2);
            if (section != QLatin1String("view") && section != QLatin1String("hidden")
                && section != QLatin1String("expanded") && section != QLatin1String("positions"))
                return fail(QStringLiteral("unknown section [%1]").arg(section));
            continue;
        }
        if (section == QLatin1String("hidden")) {
            view.hidden << line;
        } else if (section == QLatin1String("expanded")) {
            view.expanded << line;
        } else if (section == QLatin1String("positions")) {
            const QStringList parts = line.split(QLatin1Char(' '));
            bool xOk = false, yOk = false;
            const double x = parts.value(0).toDouble(&xOk);
            const double y = parts.value(1).toDouble(&yOk);
            const QString name = line.section(QLatin1Char(' '), 2).trimmed();
            if (!xOk || !yOk || name.isEmpty())
                return fail(QStringLiteral("a position is x y then a name, not '%1'").arg(line));
            view.positions[name] = QPointF(x, y);
        } else if (section == QLatin1String("view")) {
            const qsizetype equals = line.indexOf(QLatin1Char('='));
            if (equals < 0)
                return fail(QStringLiteral("expected key = value, not '%1'").arg(line));
            const QString key = line.left(equals).trimmed();
            const QString value = line.mid(equals + 1).trimmed();
            bool ok = true;
            if (key == QLatin1String("focus")) {
                view.focus = value;
            } else if (key == QLatin1String("depth")) {
                view.depth = value.toInt(&ok);
                ok = ok && view.depth >= 0;
            } else if (key == QLatin1String("direction")) {
                if (value == QLatin1String("up"))
                    view.direction = GraphDirection::Up;
                else if (value == QLatin1String("down"))
                    view.direction = GraphDirection::Down;
                else if (value == QLatin1String("both"))
                    view.direction = GraphDirection::Both;
                else
                    ok = false;
            } else if (key == QLatin1String("schemas")) {
                view.schemas.clear();
                for (const QString &schema : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
                    view.schemas << schema.trimmed();
            } else if (key == QLatin1String("centre")) {
                const QStringList xy = value.split(QLatin1Char(' '), Qt::SkipEmptyParts);
                bool yOk = false;
                const double x = xy.value(0).toDouble(&ok), y = xy.value(1).toDouble(&yOk);
                ok = ok && yOk && xy.size() == 2;
                view.centre = QPointF(x, y);
            } else if (key == QLatin1String("zoom")) {
                view.zoom = value.toDouble(&ok);
                ok = ok && *view.zoom > 0;
            } else {
                bool *flag = key == QLatin1String("all-tables")         ? &view.allTables
                             : key == QLatin1String("fold-link-tables") ? &view.foldLinkTables
                             : key == QLatin1String("fold-partitions")  ? &view.foldPartitions
                                                                        : nullptr;
                if (!flag)
                    return fail(QStringLiteral("unknown setting '%1'").arg(key));
                const std::optional<bool> yes = parseYesNo(value);
                ok = yes.has_value();
                if (yes)
                    *flag = *yes;
            }
            if (!ok)
                return fail(QStringLiteral("bad value '%1' for %2").arg(value, key));
        } else {
            return fail(QStringLiteral("'%1' before any [section]").arg(line));
        }
    }
    return view;
}

} // namespace fkscope
