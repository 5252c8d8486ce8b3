// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHashFunctions>
#include <QList>
#include <QString>

#include "common/Expected.h"
#include "sumdb/Tlog.h"

namespace mk {

/// A tile of a transparency log (tlog.Tile, tile.go): W consecutive hashes at level H*L,
/// starting at offset N*2^H; W < 2^H is a partial tile. Level -1 holds record data and is
/// written "data" in paths: tile/8/data/005.p/17.
struct TlogTile
{
    int h = 0; ///< height, 1..30 (the go checksum database uses 8)
    int l = 0; ///< level, -1..63
    qint64 n = 0;
    int w = 0; ///< width, 1..2^h

    /// tile/H/L/NNN[.p/W], N in 3-digit groups, all but the last prefixed with 'x':
    /// tile/8/0/x001/234.p/5.
    [[nodiscard]] QString path() const;
    /// ParseTilePath; errors are go's "malformed tile path \"...\"".
    [[nodiscard]] static Expected<TlogTile> parsePath(const QString &path);

    /// TileForIndex: the tile of height h and least width holding stored hash index.
    [[nodiscard]] static TlogTile forIndex(int h, qint64 index);
    /// Same, with the byte range [start, end) of data whose tile hash is the indexed hash.
    [[nodiscard]] static TlogTile forIndex(int h, qint64 index, int *start, int *end);
    /// HashFromTile: the hash at index from t's data (t may be wider than forIndex's tile).
    [[nodiscard]] static Expected<Tlog::Hash> hashFromTile(const TlogTile &t, QByteArrayView data,
                                                           qint64 index);
    /// The subtree hash of the 2^k hashes in data.
    [[nodiscard]] static Tlog::Hash tileHash(QByteArrayView data);
    /// NewTiles: the tiles to publish when a tree grows from oldSize to newSize records.
    [[nodiscard]] static QList<TlogTile> newTiles(int h, qint64 oldSize, qint64 newSize);
    /// ReadTileData: a hash tile's bytes (W*32) read through r.
    [[nodiscard]] static Expected<QByteArray> readTileData(const TlogTile &t,
                                                           const Tlog::HashReader &r);
    /// tileParent: the k'th parent of t in a tree of n records, or an empty tile (h == 0).
    [[nodiscard]] TlogTile parent(int k, qint64 treeSize) const;

    [[nodiscard]] bool isEmpty() const { return h == 0; }
    [[nodiscard]] bool operator==(const TlogTile &other) const = default;
};

inline size_t qHash(const TlogTile &t, size_t seed = 0) noexcept
{
    return qHashMulti(seed, t.h, t.l, t.n, t.w);
}

} // namespace mk
