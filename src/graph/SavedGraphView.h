#pragma once

#include "graph/Subgraph.h"
#include "util/Result.h"

#include <QByteArray>
#include <QPointF>
#include <QStringList>

#include <map>
#include <optional>

namespace fkscope {

// What a user chose to see, saved as a small text file to keep next to a project and diff:
//
//   # fkscope graph view
//   [view]
//   focus = public.orders          (absent: no focus)
//   depth = 1
//   direction = both               (up, down, both)
//   schemas = public, sales        (absent: every schema)
//   all-tables = no                (yes: every table even above the map's threshold)
//   fold-link-tables = yes
//   fold-partitions = yes
//   zoom = 1.5                     (optional: absent, the view is fitted to the window)
//   centre = 640 380               (optional, with zoom: the point, in the positions' units,
//                                   at the middle of the window)
//
//   [hidden]                       one table per line, as fkscope names it
//   public.audit_log
//
//   [expanded]                     one map group per line
//   public/artist
//
//   [positions]                    optional: a box's centre x y (points, y down), then its name
//   120.5 300 public.orders
//
// Blank lines and lines starting with # are ignored. Table names are written as the catalog
// quotes them ("Sales"."Order Items"), so any name survives but a line break.
struct SavedGraphView {
    QString focus;
    int depth = 1;
    GraphDirection direction = GraphDirection::Both;
    QStringList schemas;
    bool allTables = false;
    bool foldLinkTables = true;
    bool foldPartitions = true;
    std::optional<double> zoom;
    std::optional<QPointF> centre;
    QStringList hidden;
    QStringList expanded;
    std::map<QString, QPointF> positions;

    bool operator==(const SavedGraphView &other) const;
};

QByteArray writeSavedView(const SavedGraphView &view);
// Fails (Error::Kind::Usage) with the line number of the first thing it does not understand.
Result<SavedGraphView> readSavedView(const QByteArray &text);

} // namespace fkscope
