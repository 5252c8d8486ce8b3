// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QRectF>
#include <QString>
#include <QStringList>

namespace mk {

/// One module version as the treemap sees it: a flat row of the table's snapshot.
struct TreemapItem
{
    QString modulePath; ///< unescaped, e.g. github.com/BurntSushi/toml
    QString version;
    quint64 bytes = 0;   ///< on disk: the tile's area
    quint8 state = 0;    ///< int(VersionState)
    qint64 lastUsedMs = 0; ///< ms since the epoch; 0 when not known
};

/// A node of the weighted tree the layout works on: root, host, owner, module or version.
/// Nodes are stored flat; a node's children are contiguous and sorted by weight, largest
/// first (ties by label), so the same input always gives the same layout.
struct TreemapNode
{
    enum Level : quint8 { Root, Host, Owner, Module, Version };

    QString label;        ///< host, owner, module path or version
    quint64 weight = 0;   ///< bytes of the node and everything under it
    int parent = -1;
    int firstChild = -1;
    int childCount = 0;
    int item = -1;        ///< index into the items, for version nodes
    Level level = Root;
    quint8 state = 0;     ///< a version's state; for a group, the state holding most bytes
    qint64 lastUsedMs = 0; ///< newest last use under the node; 0 when not known
};

/// A rectangle of the layout. aggregated > 0 marks the tile that stands for the smallest
/// aggregated children of node, too small to draw one by one.
struct TreemapTile
{
    QRectF rect;
    int node = -1;
    int depth = 0;        ///< below the laid out root
    int aggregated = 0;   ///< how many children of node this tile stands for
    quint64 weight = 0;   ///< bytes the tile stands for
    bool leaf = true;     ///< nothing is drawn on top of it
};

/// What TreemapJob computes: the whole tree (for hit tests, tooltips and selecting the rows
/// under a node) and the tiles of the zoomed node, parents before children.
struct TreemapLayoutResult
{
    QList<TreemapItem> items;
    QList<TreemapNode> nodes;
    QList<TreemapTile> tiles;
    QList<int> zoomChain; ///< node indexes from the root down to the laid out node
    QRectF bounds;

    [[nodiscard]] int zoomNode() const { return zoomChain.isEmpty() ? -1 : zoomChain.last(); }
    /// "host/owner" for a group, the module path for a module, "path@version" for a version.
    [[nodiscard]] QString pathOf(int node) const;
};

} // namespace mk
