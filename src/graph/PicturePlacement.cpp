#include "graph/PicturePlacement.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>

namespace fkscope {

namespace {

constexpr double lineHeight = 1.25;     // of the font size
constexpr double padX = 10;             // inside a box, each side
constexpr double padY = 6;
constexpr double clusterLabel = 18;     // a schema frame's title, points
constexpr double clusterPad = 12;

struct Item {
    double width = 0;
    double height = 0;
    QPointF position;    // top left, filled by flow()
};

// Fills rows no wider than `limit` with items in order (a band starts a new row); returns
// the size of the whole. Rows are centred.
QSizeF flow(std::vector<std::vector<Item>> &bands, double limit, double gap)
{
    double y = 0;
    double width = 0;
    for (std::vector<Item> &band : bands) {
        size_t i = 0;
        while (i < band.size()) {
            size_t end = i;
            double rowWidth = 0;
            double rowHeight = 0;
            while (end < band.size() && (end == i || rowWidth + gap + band[end].width <= limit)) {
                rowWidth += (end == i ? 0 : gap) + band[end].width;
                rowHeight = std::max(rowHeight, band[end].height);
                ++end;
            }
            double x = 0;
            for (size_t j = i; j < end; ++j) {
                band[j].position = QPointF(x, y + (rowHeight - band[j].height) / 2);
                x += band[j].width + gap;
            }
            width = std::max(width, rowWidth);
            y += rowHeight + gap;
            i = end;
        }
        y += gap;  // bands apart a little more
    }
    return QSizeF(width, std::max(0.0, y - 2 * gap));
}

// The row width that makes the flowed drawing largest once fitted into the window.
double bestLimit(std::vector<std::vector<Item>> bands, double gap, const QSizeF &window)
{
    double widest = 0;
    double total = 0;
    for (const auto &band : bands) {
        for (const Item &item : band) {
            widest = std::max(widest, item.width);
            total += item.width + gap;
        }
    }
    double best = total;
    double bestScale = 0;
    const int steps = 60;
    for (int s = 0; s <= steps; ++s) {
        // Geometric steps from the widest box to everything in one row.
        const double limit = widest * std::pow(std::max(total, widest) / widest, double(s) / steps);
        const QSizeF size = flow(bands, limit, gap);
        const double scale = std::min(window.width() / std::max(size.width(), 1.0),
                                      window.height() / std::max(size.height(), 1.0));
        if (scale > bestScale * 1.0001) {
            bestScale = scale;
            best = limit;
        }
    }
    return best;
}

void sizeNode(PictureNode &node)
{
    double width = 0;
    for (const QString &line : std::as_const(node.label))
        width = std::max(width, textWidth(line, node.fontSize));
    node.width = width + 2 * padX;
    node.height = double(node.label.size()) * node.fontSize * lineHeight + 2 * padY;
    if (node.kind == PictureNode::Kind::Group) {
        // Grows with how many tables it holds, within reason: 100 tables add 50 points.
        const double grow = std::sqrt(double(node.tables.size()));
        node.width += 5 * grow;
        node.height += 2 * grow;
    }
}

// Moves the "≈ N rows" lines of table boxes into their tooltips; false if there were none.
bool dropRowEstimates(GraphPicture &picture)
{
    bool dropped = false;
    for (PictureNode &node : picture.nodes) {
        for (qsizetype i = node.label.size() - 1; i > 0; --i) {
            if (node.kind == PictureNode::Kind::Table && node.label[i].startsWith(QStringLiteral("≈ "))) {
                node.tooltip += QLatin1Char('\n') + node.label.takeAt(i);
                dropped = true;
            }
        }
    }
    return dropped;
}

// Distance bands from the focus: negative up (what it references), positive down.
std::map<int, std::vector<int>> bandsFromFocus(const GraphPicture &picture, int focus)
{
    const int n = int(picture.nodes.size());
    std::vector<std::vector<std::pair<int, int>>> adjacent(static_cast<size_t>(n));  // (node, step)
    for (const PictureEdge &e : picture.edges) {
        if (e.tail == e.head)
            continue;
        // A key leads up from its child to its parent. A folded link table has no direction:
        // the table at its other end goes one step down, with the focus's children.
        const int tailToHead = e.kind == PictureEdge::Kind::Link ? 1 : -1;
        adjacent[size_t(e.tail)].emplace_back(e.head, tailToHead);
        adjacent[size_t(e.head)].emplace_back(e.tail, 1);
    }
    std::vector<int> level(size_t(n), 0);
    std::vector<bool> seen(size_t(n), false);
    std::deque<int> queue{focus};
    seen[size_t(focus)] = true;
    while (!queue.empty()) {
        const int at = queue.front();
        queue.pop_front();
        for (const auto &[next, step] : adjacent[size_t(at)]) {
            if (seen[size_t(next)])
                continue;
            seen[size_t(next)] = true;
            level[size_t(next)] = level[size_t(at)] + step;
            queue.push_back(next);
        }
    }
    std::map<int, std::vector<int>> bands;
    for (int i = 0; i < n; ++i)
        bands[seen[size_t(i)] ? level[size_t(i)] : 1].push_back(i);
    return bands;
}

void placeBands(GraphPicture &picture, const std::vector<std::vector<int>> &nodeBands, const PlacementOptions &options)
{
    std::vector<std::vector<Item>> bands;
    for (const auto &band : nodeBands) {
        std::vector<Item> items;
        for (int i : band)
            items.push_back({picture.nodes[size_t(i)].width, picture.nodes[size_t(i)].height, {}});
        bands.push_back(std::move(items));
    }
    const bool legend = !options.legend.isEmpty();
    if (legend)
        bands.push_back({Item{options.legend.width(), options.legend.height(), {}}});
    const double limit = bestLimit(bands, options.gap, options.window);
    const QSizeF size = flow(bands, limit, options.gap);
    // Centre each row: shift by half the room left in it.
    if (legend) {
        const Item &item = bands.back().front();
        picture.legend = QRectF(QPointF((size.width() - item.width) / 2, item.position.y()), QSizeF(item.width, item.height));
    }
    for (size_t b = 0; b < nodeBands.size(); ++b) {
        std::map<double, std::pair<double, double>> rows;  // row top -> (min x, max x)
        for (const Item &item : bands[b]) {
            auto [it, added] = rows.try_emplace(std::round(item.position.y()), item.position.x(), item.position.x() + item.width);
            it->second.second = std::max(it->second.second, item.position.x() + item.width);
        }
        for (size_t j = 0; j < bands[b].size(); ++j) {
            const Item &item = bands[b][j];
            const auto &row = rows[std::round(item.position.y())];
            const double shift = (size.width() - (row.second - row.first)) / 2;
            PictureNode &node = picture.nodes[size_t(nodeBands[b][j])];
            node.position = QPointF(item.position.x() + shift + item.width / 2, item.position.y() + item.height / 2);
        }
    }
    picture.bounds = QRectF(0, 0, size.width(), size.height());
}

// The schemas' frames with their boxes flowed inside, each frame about `shape` in proportion.
std::vector<std::vector<Item>> frameContents(const GraphPicture &picture, const QSizeF &shape, double gap,
                                             std::vector<Item> *frames)
{
    std::vector<std::vector<Item>> contents;
    frames->clear();
    for (const PictureCluster &cluster : picture.clusters) {
        std::vector<std::vector<Item>> one(1);
        const double labelWidth = textWidth(cluster.schema, clusterLabel);
        for (int i : cluster.nodes)
            one[0].push_back({picture.nodes[size_t(i)].width, picture.nodes[size_t(i)].height, {}});
        const double limit = std::max(bestLimit(one, gap, shape), labelWidth);
        const QSizeF size = flow(one, limit, gap);
        frames->push_back({std::max(size.width(), labelWidth) + 2 * clusterPad,
                           size.height() + 2 * clusterPad + clusterLabel * lineHeight, {}});
        contents.push_back(one[0]);
    }
    return contents;
}

void placeMap(GraphPicture &picture, const PlacementOptions &options)
{
    // Frames flowed inside to one shape, then flowed together; of a few shapes, the one whose
    // whole drawing comes out largest in the window.
    double bestScale = -1;
    QSizeF bestShape = options.window;
    for (double stretch : {0.5, 0.7, 1.0, 1.4, 2.0, 2.8, 4.0}) {
        const QSizeF shape(options.window.width() * stretch, options.window.height());
        std::vector<Item> frames;
        frameContents(picture, shape, options.gap, &frames);
        std::vector<std::vector<Item>> all{frames};
        const QSizeF size = flow(all, bestLimit(all, options.gap, options.window), options.gap);
        const double scale = std::min(options.window.width() / std::max(size.width(), 1.0),
                                      options.window.height() / std::max(size.height(), 1.0));
        if (scale > bestScale * 1.0001) {
            bestScale = scale;
            bestShape = shape;
        }
    }
    std::vector<Item> frames;
    const std::vector<std::vector<Item>> contents = frameContents(picture, bestShape, options.gap, &frames);
    std::vector<std::vector<Item>> all{frames};
    const double limit = bestLimit(all, options.gap, options.window);
    const QSizeF size = flow(all, limit, options.gap);
    for (size_t c = 0; c < picture.clusters.size(); ++c) {
        PictureCluster &cluster = picture.clusters[c];
        const Item &frame = all[0][c];
        cluster.box = QRectF(frame.position, QSizeF(frame.width, frame.height));
        const QPointF origin = frame.position + QPointF(clusterPad, clusterPad + clusterLabel * lineHeight);
        for (size_t j = 0; j < cluster.nodes.size(); ++j) {
            const Item &item = contents[c][j];
            picture.nodes[size_t(cluster.nodes[j])].position
                = origin + item.position + QPointF(item.width / 2, item.height / 2);
        }
    }
    picture.bounds = QRectF(0, 0, size.width(), size.height());
}

} // namespace

double textWidth(const QString &text, double fontSize)
{
    // DejaVu Sans averages about 0.55 em on names; 0.62 leaves room for wide letters.
    return double(text.size()) * fontSize * 0.62;
}

QString viewName(const PictureNode &node)
{
    return node.kind == PictureNode::Kind::Group ? node.id : node.label.value(0);
}

int applyPositions(GraphPicture &picture, const std::map<QString, QPointF> &positions)
{
    if (positions.empty())
        return 0;
    if (!picture.placed)
        placePicture(picture);
    int moved = 0;
    for (PictureNode &node : picture.nodes) {
        const auto it = positions.find(viewName(node));
        if (it != positions.end()) {
            node.position = it->second;
            ++moved;
        }
    }
    if (moved == 0)
        return 0;
    auto rectOf = [](const PictureNode &node) {
        return QRectF(node.position.x() - node.width / 2, node.position.y() - node.height / 2, node.width, node.height);
    };
    QRectF bounds = picture.legend;
    for (PictureCluster &cluster : picture.clusters) {
        QRectF box;
        for (int n : cluster.nodes)
            box = box.united(rectOf(picture.nodes[size_t(n)]));
        cluster.box = box.adjusted(-clusterPad, -clusterPad - clusterLabel * lineHeight, clusterPad, clusterPad);
        bounds = bounds.united(cluster.box);
    }
    for (const PictureNode &node : picture.nodes)
        bounds = bounds.united(rectOf(node));
    picture.bounds = bounds;
    return moved;
}

bool needsPlacing(const GraphPicture &picture)
{
    if (!picture.clusters.empty())
        return true;
    int focus = -1;
    for (size_t i = 0; i < picture.nodes.size(); ++i) {
        if (picture.nodes[i].focus)
            focus = int(i);
    }
    if (focus < 0)
        return false;
    if (picture.nodes.size() > 40)
        return true;
    for (const auto &[level, band] : bandsFromFocus(picture, focus)) {
        if (band.size() > 10)
            return true;
    }
    return false;
}

void placePicture(GraphPicture &picture, const PlacementOptions &options)
{
    for (PictureNode &node : picture.nodes) {
        if (node.kind == PictureNode::Kind::Group)
            node.fontSize = 15;
        else
            node.fontSize = picture.clusters.empty() ? 12 : 11;
        sizeNode(node);
    }
    if (!picture.clusters.empty()) {
        placeMap(picture, options);
    } else {
        int focus = 0;
        for (size_t i = 0; i < picture.nodes.size(); ++i) {
            if (picture.nodes[i].focus)
                focus = int(i);
        }
        std::vector<std::vector<int>> bands;
        if (!picture.nodes.empty()) {
            for (auto &[level, band] : bandsFromFocus(picture, focus)) {
                std::sort(band.begin(), band.end(), [&](int a, int b) {
                    return picture.nodes[size_t(a)].label.first() < picture.nodes[size_t(b)].label.first();
                });
                bands.push_back(band);
            }
        }
        placeBands(picture, bands, options);
        // Too many neighbours to read the names at 9 px or more in the window: the row
        // estimates move to the tooltips, and the boxes shrink to one line.
        const double pixelsPerPoint = std::min(options.window.width() / std::max(picture.bounds.width(), 1.0),
                                               options.window.height() / std::max(picture.bounds.height(), 1.0));
        if (pixelsPerPoint * 12 < 9 && dropRowEstimates(picture)) {
            for (PictureNode &node : picture.nodes)
                sizeNode(node);
            placeBands(picture, bands, options);
        }
    }
    picture.placed = true;
}

} // namespace fkscope
