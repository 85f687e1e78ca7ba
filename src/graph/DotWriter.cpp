#include "graph/DotWriter.h"

#include "graph/KeyStyle.h"

#include <QLocale>

namespace fkscope {

namespace {

QByteArray nodeId(const Table &table)
{
    return "t" + QByteArray::number(table.oid);
}

QByteArray lineStyle(KeyStyle::Line line)
{
    switch (line) {
    case KeyStyle::Line::Solid: return "solid";
    case KeyStyle::Line::Dashed: return "dashed";
    case KeyStyle::Line::Dotted: return "dotted";
    }
    return "solid";
}

QString rowsText(const Table &table)
{
    if (!table.rowEstimate)
        return {};
    return QStringLiteral("≈ %1 rows").arg(QLocale::c().toString(qlonglong(std::max<qint64>(0, *table.rowEstimate))));
}

QByteArray htmlEscaped(const QString &text)
{
    return text.toHtmlEscaped().toUtf8();
}

// The yellow dot where a key leaves a child table that no index serves, as the graph view
// draws it: a label on the edge at its child end (an arrowtail would take the edge's colour,
// and a fill colour would fill the arrow head too).
const QByteArray unindexedColour = "#e6b800";

QByteArray unindexedMark(const KeyStyle &style)
{
    if (!style.unindexed)
        return {};
    return ", taillabel=\"●\", labelfontcolor=\"" + unindexedColour
           + "\", labelfontsize=14, labelangle=0, labeldistance=0.9";
}

QByteArray legendLabel()
{
    QByteArray html = "<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\">"
                      "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Foreign keys, child → parent</B></TD></TR>";
    for (const LegendEntry &entry : keyLegend()) {
        const char *sample = entry.style.line == KeyStyle::Line::Solid    ? "━━━"
                             : entry.style.line == KeyStyle::Line::Dashed ? "╍╍╍"
                                                                          : "┅┅┅";
        html += QByteArray("<TR><TD>")
                + (entry.style.unindexed ? "<FONT COLOR=\"" + unindexedColour + "\">●</FONT>" : QByteArray())
                + "<FONT COLOR=\"" + entry.style.colour.toLatin1() + "\">" + sample
                + (entry.style.hollowArrow ? "▷" : "▶") + "</FONT></TD><TD ALIGN=\"LEFT\">"
                + htmlEscaped(entry.text) + "</TD></TR>";
    }
    return html + "</TABLE>>";
}

} // namespace

QByteArray DotWriter::quoted(const QString &text)
{
    QByteArray out = "\"";
    for (const char c : text.toUtf8()) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (c == '\n')
            out += "\\n";
        else if (c != '\r')
            out += c;
    }
    return out + '"';
}

QByteArray DotWriter::write(const Subgraph &subgraph) const
{
    QByteArray dot;
    dot += "// The foreign keys of " + m_graph.catalog().database.toUtf8().replace('\n', ' ')
           + ", written by fkscope-cli graph: one node per table, one edge per key, from child to parent.\n";
    dot += "digraph \"foreign keys\" {\n";
    dot += "  graph [rankdir=BT, nodesep=0.35, ranksep=0.6, fontname=\"DejaVu Sans\", charset=\"UTF-8\"];\n";
    dot += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f5f5f0\", color=\"#555555\", "
           "fontname=\"DejaVu Sans\", fontsize=10];\n";
    dot += "  edge [arrowsize=0.8, fontname=\"DejaVu Sans\", fontsize=8];\n";
    for (int t : subgraph.tables) {
        const Table &table = m_graph.table(t);
        QString label = table.qualifiedName;
        const QString rows = rowsText(table);
        if (!rows.isEmpty())
            label += QLatin1Char('\n') + rows;
        dot += "  " + nodeId(table) + " [label=" + quoted(label) + ", tooltip=" + quoted(table.qualifiedName);
        if (table.kind == Table::Kind::Partitioned)
            dot += ", peripheries=2";
        dot += "];\n";
    }
    for (int k : subgraph.keys) {
        const ForeignKey &key = m_graph.key(k);
        const KeyStyle style = keyStyle(key);
        dot += "  " + nodeId(m_graph.table(m_graph.childOf(k))) + " -> " + nodeId(m_graph.table(m_graph.parentOf(k)))
               + " [color=\"" + style.colour.toLatin1() + "\", style=" + lineStyle(style.line)
               + ", arrowhead=" + (style.hollowArrow ? "empty" : "normal") + ", tooltip="
               + quoted(key.name + QStringLiteral(": ") + key.definition) + unindexedMark(style) + "];\n";
    }
    if (m_legend)
        dot += "  legend [shape=plaintext, style=\"\", label=" + legendLabel() + "];\n";
    dot += "}\n";
    return dot;
}

} // namespace fkscope
