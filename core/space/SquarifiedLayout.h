// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QList>
#include <QRectF>

#include "space/TreemapRecords.h"

namespace mk {

/// The squarified treemap of Bruls, Huizing and van Wijk (2000): rectangles are laid out in
/// rows along the shorter side of the space left, and a row grows while that does not make
/// its worst aspect ratio worse. Pure geometry, any thread.
class SquarifiedLayout final
{
public:
    struct Options
    {
        /// Children whose rectangle would be smaller than this (px²) are not drawn one by
        /// one: the smallest of them share one aggregated tile. 0 lays out everything.
        double minTileArea = 0;
        /// Space around the children of a group (px), so that groups show as frames. Not
        /// applied to the laid out root, nor where it would leave no room.
        double padding = 0;
        /// How deep below the root to go (1: the root's children only).
        int maxDepth = 64;
    };

    /// Rectangles for weights, in their order, filling rect: each area is proportional to
    /// its weight. Works for any order; weights sorted largest first give the squarest
    /// tiles. Zero (or negative) weights get an empty rectangle.
    [[nodiscard]] static QList<QRectF> squarify(const QList<double> &weights, const QRectF &rect);

    /// Lays out the tree under root into rect, parents before children. cancelled is polled
    /// now and then; when it returns true the result is empty.
    [[nodiscard]] static QList<TreemapTile> layoutTree(const QList<TreemapNode> &nodes, int root,
                                                       const QRectF &rect, const Options &options,
                                                       const std::function<bool()> &cancelled = {});

    /// max(width/height, height/width); infinite for an empty rectangle.
    [[nodiscard]] static double aspectRatio(const QRectF &rect);
};

} // namespace mk
