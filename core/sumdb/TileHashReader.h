// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

#include "common/Expected.h"
#include "sumdb/Tlog.h"
#include "sumdb/TlogTile.h"
#include "sumdb/TlogTree.h"

namespace mk {

/// tlog.TileHashReader: reads stored hashes of a signed tree through tiles, and authenticates
/// every tile against the tree hash (the tiles on the tree's right edge) and its parents before
/// any hash leaves it. Only then are the tiles handed to saveTiles for caching.
class TileHashReader final
{
public:
    /// Where the tiles come from (tlog.TileReader): a cache, then the server.
    class TileReader
    {
    public:
        virtual ~TileReader() = default;
        [[nodiscard]] virtual int height() const = 0;
        /// One data block per tile, each exactly W*32 bytes, or an error. Data from the network
        /// is suspect until saveTiles is called for it.
        [[nodiscard]] virtual Expected<QList<QByteArray>> readTiles(const QList<TlogTile> &tiles)
            = 0;
        /// The tiles have been authenticated and may be stored.
        virtual void saveTiles(const QList<TlogTile> &tiles, const QList<QByteArray> &data) = 0;
    };

    TileHashReader(const TlogTree &tree, TileReader &reader) : m_tree(tree), m_reader(reader) { }

    [[nodiscard]] Expected<QList<Tlog::Hash>> readHashes(const QList<qint64> &indexes);
    /// This reader as a Tlog::HashReader (it must outlive the function).
    [[nodiscard]] Tlog::HashReader hashReader();

private:
    TlogTree m_tree;
    TileReader &m_reader;
};

} // namespace mk
