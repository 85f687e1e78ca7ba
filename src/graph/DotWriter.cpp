#include "graph/DotWriter.h"

#include "graph/KeyStyle.h"
#include "graph/PicturePlacement.h"

#include <QLocale>

#include <cmath>

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

QByteArray number(double value)
{
    return QByteArray::number(value, 'f', 2);
}

// Graphviz's y grows upwards; the picture's downwards.
QByteArray position(const QPointF &p, const QRectF &bounds)
{
    return "\"" + number(p.x() - bounds.left()) + "," + number(bounds.bottom() - p.y()) + "!\"";
}

QByteArray pictureNodeId(const PictureNode &node)
{
    return node.kind == PictureNode::Kind::Table ? node.id.toUtf8() : DotWriter::quoted(QStringLiteral("group:") + node.id);
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
    QByteArray dot = header(false);
    for (int t : subgraph.tables) {
        const Table &table = m_graph.table(t);
        QString label = table.qualifiedName;
        const QString rows = rowsLabel(table);
        if (!rows.isEmpty())
            label += QLatin1Char('\n') + rows;
        dot += "  " + nodeId(table) + " [label=" + quoted(label) + ", tooltip=" + quoted(table.qualifiedName);
        if (table.kind == Table::Kind::Partitioned)
            dot += ", peripheries=2";
        dot += "];\n";
    }
    for (int k : subgraph.keys) {
        dot += "  " + nodeId(m_graph.table(m_graph.childOf(k))) + " -> " + nodeId(m_graph.table(m_graph.parentOf(k)))
               + keyAttributes(k) + ";\n";
    }
    dot += "  legend [shape=plaintext, style=\"\", label=" + legendLabel() + "];\n";
    dot += "}\n";
    return dot;
}

QSizeF DotWriter::legendSize()
{
    // At font size 12, as a placed picture draws it.
    double width = textWidth(QStringLiteral("Foreign keys, child → parent"), 12);
    for (const LegendEntry &entry : keyLegend())
        width = std::max(width, textWidth(QStringLiteral("━━━▶ ") + entry.text, 12));
    return QSizeF(width + 16, double(keyLegend().size() + 1) * 18 + 16);
}

QByteArray DotWriter::header(bool placed) const
{
    QByteArray dot;
    dot += "// The foreign keys of " + m_graph.catalog().database.toUtf8().replace('\n', ' ')
           + ", written by fkscope-cli graph: one node per table, one edge per key, from child to parent.\n";
    if (placed)
        dot += "// Boxes are placed already: draw with neato -n2 (Graphviz's nop2 layout).\n";
    dot += "digraph \"foreign keys\" {\n";
    if (placed)
        dot += "  graph [splines=line, outputorder=edgesfirst, fontname=\"DejaVu Sans\", charset=\"UTF-8\"];\n";
    else
        dot += "  graph [rankdir=BT, nodesep=0.35, ranksep=0.6, fontname=\"DejaVu Sans\", charset=\"UTF-8\"];\n";
    dot += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f5f5f0\", color=\"#555555\", "
           "fontname=\"DejaVu Sans\", fontsize=10];\n";
    dot += "  edge [arrowsize=0.8, fontname=\"DejaVu Sans\", fontsize=8];\n";
    return dot;
}

QByteArray DotWriter::keyAttributes(int k) const
{
    const ForeignKey &key = m_graph.key(k);
    const KeyStyle style = keyStyle(key);
    return " [color=\"" + style.colour.toLatin1() + "\", style=" + lineStyle(style.line)
           + ", arrowhead=" + (style.hollowArrow ? "empty" : "normal") + ", tooltip="
           + quoted(key.name + (key.isVirtual ? QStringLiteral(" (virtual key): ") : QStringLiteral(": ")) + key.definition)
           + unindexedMark(style) + "]";
}

QByteArray DotWriter::write(const GraphPicture &picture) const
{
    const bool placed = picture.placed;
    QByteArray dot = header(placed);
    auto writeNode = [&](const PictureNode &node, const QByteArray &indent) {
        dot += indent + pictureNodeId(node) + " [label=" + quoted(node.label.join(QLatin1Char('\n')))
               + ", tooltip=" + quoted(node.tooltip);
        if (node.kind == PictureNode::Kind::Group)
            dot += ", fillcolor=\"#e3ebf5\", color=\"#3b5b85\"";
        else if (m_graph.table(node.table).kind == Table::Kind::Partitioned)
            dot += ", peripheries=2";
        if (node.focus)
            dot += ", fillcolor=\"#fff1c1\", penwidth=2";
        if (placed)
            dot += ", fontsize=" + number(node.fontSize) + ", width=" + number(node.width / 72)
                   + ", height=" + number(node.height / 72) + ", pos=" + position(node.position, picture.bounds);
        dot += "];\n";
    };
    std::vector<bool> inCluster(picture.nodes.size(), false);
    for (const PictureCluster &cluster : picture.clusters) {
        dot += "  subgraph " + quoted(QStringLiteral("cluster_") + cluster.schema) + " {\n";
        dot += "    graph [label=" + quoted(cluster.schema) + ", fontsize=18, style=\"rounded\", color=\"#9aa5b1\"";
        if (placed) {
            const QRectF &b = cluster.box;
            const QRectF &all = picture.bounds;
            dot += ", bb=\"" + number(b.left() - all.left()) + "," + number(all.bottom() - b.bottom()) + ","
                   + number(b.right() - all.left()) + "," + number(all.bottom() - b.top()) + "\", lp=\""
                   + number(b.center().x() - all.left()) + "," + number(all.bottom() - b.top() - 14) + "\"";
        }
        dot += "];\n";
        for (int n : cluster.nodes) {
            writeNode(picture.nodes[size_t(n)], "    ");
            inCluster[size_t(n)] = true;
        }
        dot += "  }\n";
    }
    for (size_t n = 0; n < picture.nodes.size(); ++n) {
        if (!inCluster[n])
            writeNode(picture.nodes[n], "  ");
    }
    for (const PictureEdge &edge : picture.edges) {
        dot += "  " + pictureNodeId(picture.nodes[size_t(edge.tail)]) + " -> "
               + pictureNodeId(picture.nodes[size_t(edge.head)]);
        switch (edge.kind) {
        case PictureEdge::Kind::Key:
            dot += keyAttributes(edge.keys.front());
            break;
        case PictureEdge::Kind::Link:
            dot += " [dir=both, color=\"#7b5aa6\", fontcolor=\"#5b3d85\", fontsize=12, label="
                   + quoted(edge.label) + ", tooltip=" + quoted(edge.tooltip) + "]";
            break;
        case PictureEdge::Kind::Bundle:
            // Translucent, so that where many cross the schemas' titles still show.
            dot += " [dir=none, color=\"#5a6b8270\", penwidth="
                   + number(0.6 + 0.8 * std::log2(double(edge.keys.size()))) + ", tooltip=" + quoted(edge.tooltip) + "]";
            break;
        }
        dot += ";\n";
    }
    if (picture.clusters.empty()) {
        dot += "  legend [shape=plaintext, style=\"\", label=" + legendLabel();
        if (placed)  // as large as the tables' names, which it must not be harder to read than
            dot += ", fontsize=12, pos=" + position(picture.legend.center(), picture.bounds);
        dot += "];\n";
    }
    dot += "}\n";
    return dot;
}

} // namespace fkscope
