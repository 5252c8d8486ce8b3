// SPDX-License-Identifier: GPL-3.0-or-later
#include "SquarifiedLayout.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace mk {

double SquarifiedLayout::aspectRatio(const QRectF &rect)
{
    if (rect.width() <= 0 || rect.height() <= 0)
        return std::numeric_limits<double>::infinity();
    return std::max(rect.width() / rect.height(), rect.height() / rect.width());
}

QList<QRectF> SquarifiedLayout::squarify(const QList<double> &weights, const QRectF &rect)
{
    QList<QRectF> out(weights.size(), QRectF(rect.topLeft(), QSizeF(0, 0)));
    double total = 0;
    std::vector<qsizetype> order; // the positive weights, in their order
    order.reserve(size_t(weights.size()));
    for (qsizetype i = 0; i < weights.size(); ++i) {
        if (weights.at(i) > 0) {
            total += weights.at(i);
            order.push_back(i);
        }
    }
    if (total <= 0 || rect.width() <= 0 || rect.height() <= 0)
        return out;
    const double scale = rect.width() * rect.height() / total;

    double left = rect.left();
    double top = rect.top();
    double width = rect.width();
    double height = rect.height();
    size_t i = 0;
    while (i < order.size()) {
        const double side = std::min(width, height);
        const double side2 = side * side;
        double rowSum = 0;
        double rowMin = std::numeric_limits<double>::max();
        double rowMax = 0;
        double worst = std::numeric_limits<double>::infinity();
        size_t j = i;
        while (j < order.size()) {
            const double a = weights.at(order[j]) * scale;
            const double sum = rowSum + a;
            const double mn = std::min(rowMin, a);
            const double mx = std::max(rowMax, a);
            const double w = std::max(side2 * mx / (sum * sum), sum * sum / (side2 * mn));
            if (j > i && w > worst)
                break;
            worst = w;
            rowSum = sum;
            rowMin = mn;
            rowMax = mx;
            ++j;
        }
        // The last row takes exactly what is left, so rounding never leaves a sliver.
        const bool last = j == order.size();
        if (width >= height) {
            // A column along the left edge.
            const double thick = last ? width : rowSum / height;
            double y = top;
            for (size_t k = i; k < j; ++k) {
                const double a = weights.at(order[k]) * scale;
                const double h = (k + 1 == j) ? top + height - y : a / thick;
                out[order[k]] = QRectF(left, y, thick, h);
                y += h;
            }
            left += thick;
            width -= thick;
        } else {
            // A row along the top edge.
            const double thick = last ? height : rowSum / width;
            double x = left;
            for (size_t k = i; k < j; ++k) {
                const double a = weights.at(order[k]) * scale;
                const double w = (k + 1 == j) ? left + width - x : a / thick;
                out[order[k]] = QRectF(x, top, w, thick);
                x += w;
            }
            top += thick;
            height -= thick;
        }
        width = std::max(0.0, width);
        height = std::max(0.0, height);
        i = j;
    }
    return out;
}

QList<TreemapTile> SquarifiedLayout::layoutTree(const QList<TreemapNode> &nodes, int root,
                                                const QRectF &rect, const Options &options,
                                                const std::function<bool()> &cancelled)
{
    QList<TreemapTile> tiles;
    if (root < 0 || root >= nodes.size())
        return tiles;
    struct Pending
    {
        int node;
        QRectF rect;
        int depth;
    };
    std::vector<Pending> stack{{root, rect, 0}};
    QList<double> weights;
    int polled = 0;
    while (!stack.empty()) {
        if (++polled % 2048 == 0 && cancelled && cancelled())
            return {};
        const Pending p = stack.back();
        stack.pop_back();
        const TreemapNode &node = nodes.at(p.node);
        const qsizetype tileIndex = tiles.size();
        tiles.append({p.rect, p.node, p.depth, 0, node.weight, true});
        if (node.childCount == 0 || node.weight == 0 || p.depth >= options.maxDepth)
            continue;
        QRectF inner = p.rect;
        if (p.node != root && options.padding > 0) {
            const QRectF padded = p.rect.adjusted(options.padding, options.padding,
                                                  -options.padding, -options.padding);
            if (padded.width() >= 2 && padded.height() >= 2)
                inner = padded;
        }
        const double area = inner.width() * inner.height();
        if (area <= 0)
            continue;
        // Children are sorted largest first: the ones past the first too small to draw share
        // one tile at the end.
        const double perByte = area / double(node.weight);
        int shown = 0;
        quint64 rest = 0;
        for (int c = 0; c < node.childCount; ++c) {
            const quint64 w = nodes.at(node.firstChild + c).weight;
            if (double(w) * perByte < options.minTileArea && options.minTileArea > 0) {
                for (int r = c; r < node.childCount; ++r)
                    rest += nodes.at(node.firstChild + r).weight;
                break;
            }
            ++shown;
        }
        if (shown == 0)
            continue; // drawn whole
        tiles[tileIndex].leaf = false;
        weights.resize(0);
        for (int c = 0; c < shown; ++c)
            weights.append(double(nodes.at(node.firstChild + c).weight));
        if (rest > 0)
            weights.append(double(rest));
        const QList<QRectF> rects = squarify(weights, inner);
        if (rest > 0) {
            tiles.append({rects.last(), p.node, p.depth + 1, node.childCount - shown, rest, true});
        }
        // Pushed in reverse so that children come out in their order.
        for (int c = shown; c-- > 0;) {
            if (!rects.at(c).isEmpty())
                stack.push_back({node.firstChild + c, rects.at(c), p.depth + 1});
        }
    }
    return tiles;
}

} // namespace mk
