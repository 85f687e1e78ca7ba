#pragma once

#include "graph/GraphPicture.h"
#include "graph/Subgraph.h"

#include <QByteArray>
#include <QSizeF>

namespace fkscope {

// Writes a subgraph in Graphviz's DOT language: one node per table (named t<oid>, labelled
// with its qualified name and row estimate), one edge per key from child to parent, drawn
// as keyStyle says, with the constraint definition as tooltip, and a legend node. Parents
// are ranked above their children. The output is UTF-8 and reads back with agread/dot.
class DotWriter {
public:
    explicit DotWriter(const ForeignKeyGraph &graph) : m_graph(graph) {}

    QByteArray write(const Subgraph &subgraph) const;
    // A picture: tables as above, folded link tables as a line with both arrow heads and the
    // table's name, groups as boxes saying what they hold, bundles as one grey line whose
    // width grows with its keys, the map's schemas as frames. A placed picture keeps its
    // positions (pos="x,y!"), for Graphviz's nop2 layout (neato -n2) to draw the lines.
    QByteArray write(const GraphPicture &picture) const;

    // A DOT double-quoted string: quotes escaped; backslashes doubled so labels do not
    // expand Graphviz's \N, \G, \l escapes.
    static QByteArray quoted(const QString &text);
    // About how much room the legend of a placed picture takes, in points.
    static QSizeF legendSize();

private:
    QByteArray header(bool placed) const;
    QByteArray keyAttributes(int key) const;

    const ForeignKeyGraph &m_graph;
};

} // namespace fkscope
