#pragma once

#include "graph/Subgraph.h"

#include <QByteArray>

namespace fkscope {

// Writes a subgraph in Graphviz's DOT language: one node per table (named t<oid>, labelled
// with its qualified name and row estimate), one edge per key from child to parent, drawn
// as keyStyle says, with the constraint definition as tooltip, and a legend node. Parents
// are ranked above their children. The output is UTF-8 and reads back with agread/dot.
class DotWriter {
public:
    explicit DotWriter(const ForeignKeyGraph &graph) : m_graph(graph) {}

    void setLegend(bool legend) { m_legend = legend; }
    QByteArray write(const Subgraph &subgraph) const;

    // A DOT double-quoted string: quotes escaped; backslashes doubled so labels do not
    // expand Graphviz's \N, \G, \l escapes.
    static QByteArray quoted(const QString &text);

private:
    const ForeignKeyGraph &m_graph;
    bool m_legend = true;
};

} // namespace fkscope
