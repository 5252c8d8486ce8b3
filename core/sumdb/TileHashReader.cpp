// SPDX-License-Identifier: GPL-3.0-or-later
#include "TileHashReader.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace mk {

namespace {

Error inconsistent()
{
    return Error::make(Error::Code::Security, u"downloaded inconsistent tile"_s);
}

Error badMath(const QString &what)
{
    return Error::make(Error::Code::Io, u"bad math in tileHashReader: "_s + what);
}

} // namespace

Tlog::HashReader TileHashReader::hashReader()
{
    return [this](const QList<qint64> &indexes) { return readHashes(indexes); };
}

Expected<QList<Tlog::Hash>> TileHashReader::readHashes(const QList<qint64> &indexes)
{
    const int h = m_reader.height();
    const qint64 treeN = m_tree.n;

    QHash<TlogTile, int> tileOrder;
    QList<TlogTile> tiles;

    // Plan to fetch the tiles needed to recompute the tree hash. If it matches, those tiles
    // are authenticated.
    QList<qint64> stx;
    Tlog::subTreeIndex(0, treeN, stx);
    QList<int> stxTileOrder(stx.size());
    for (qsizetype i = 0; i < stx.size(); ++i) {
        const TlogTile tile = TlogTile::forIndex(h, stx.at(i)).parent(0, treeN);
        if (const auto it = tileOrder.constFind(tile); it != tileOrder.constEnd()) {
            stxTileOrder[i] = *it;
            continue;
        }
        stxTileOrder[i] = int(tiles.size());
        tileOrder.insert(tile, int(tiles.size()));
        tiles.append(tile);
    }

    // Plan to fetch the tiles holding the indexes, with any parents needed to authenticate them.
    QList<int> indexTileOrder(indexes.size());
    for (qsizetype i = 0; i < indexes.size(); ++i) {
        const qint64 x = indexes.at(i);
        if (x >= Tlog::storedHashIndex(0, treeN))
            return Error::make(Error::Code::InvalidArgument, u"indexes not in tree"_s);
        const TlogTile tile = TlogTile::forIndex(h, x);
        // Walk up parent tiles until one already requested: that one will be authenticated.
        int k = 0;
        for (;; ++k) {
            const TlogTile p = tile.parent(k, treeN);
            if (const auto it = tileOrder.constFind(p); it != tileOrder.constEnd()) {
                if (k == 0)
                    indexTileOrder[i] = *it;
                break;
            }
            if (k > 64)
                return badMath(u"no parent tile"_s);
        }
        // Walk back down, recording child tiles after their parents.
        for (--k; k >= 0; --k) {
            const TlogTile p = tile.parent(k, treeN);
            if (p.w != (1 << p.h)) // only full tiles have parents
                return badMath(u"%1 %2 %3"_s.arg(treeN).arg(x).arg(p.path()));
            tileOrder.insert(p, int(tiles.size()));
            if (k == 0)
                indexTileOrder[i] = int(tiles.size());
            tiles.append(p);
        }
    }

    const Expected<QList<QByteArray>> read = m_reader.readTiles(tiles);
    if (!read)
        return read.error();
    const QList<QByteArray> &data = *read;
    if (data.size() != tiles.size()) {
        return Error::make(
            Error::Code::Io,
            u"TileReader returned bad result slice (len=%1, want %2)"_s.arg(data.size())
                .arg(tiles.size()));
    }
    for (qsizetype i = 0; i < tiles.size(); ++i) {
        if (data.at(i).size() != qsizetype(tiles.at(i).w) * Tlog::HashSize) {
            return Error::make(Error::Code::Io,
                               u"TileReader returned bad result slice (%1 len=%2, want %3)"_s
                                   .arg(tiles.at(i).path())
                                   .arg(data.at(i).size())
                                   .arg(tiles.at(i).w * Tlog::HashSize));
        }
    }

    // Authenticate the tree-hash tiles first (parents before children).
    if (!stx.isEmpty()) {
        const qsizetype last = stx.size() - 1;
        Expected<Tlog::Hash> th = TlogTile::hashFromTile(
            tiles.at(stxTileOrder.at(last)), data.at(stxTileOrder.at(last)), stx.at(last));
        if (!th)
            return th.error();
        Tlog::Hash acc = *th;
        for (qsizetype i = last - 1; i >= 0; --i) {
            const Expected<Tlog::Hash> hh = TlogTile::hashFromTile(
                tiles.at(stxTileOrder.at(i)), data.at(stxTileOrder.at(i)), stx.at(i));
            if (!hh)
                return hh.error();
            acc = Tlog::nodeHash(*hh, acc);
        }
        if (acc != m_tree.hash)
            return inconsistent(); // at least one tile is wrong, we cannot tell which
    }

    // Authenticate the full tiles against their parents.
    for (qsizetype i = stx.size(); i < tiles.size(); ++i) {
        const TlogTile &tile = tiles.at(i);
        const TlogTile p = tile.parent(1, treeN);
        const auto j = tileOrder.constFind(p);
        if (j == tileOrder.constEnd())
            return badMath(u"lost parent of %1"_s.arg(tile.path()));
        const Expected<Tlog::Hash> hh
            = TlogTile::hashFromTile(p, data.at(*j), Tlog::storedHashIndex(p.l * p.h, tile.n));
        if (!hh)
            return badMath(u"lost hash of %1: %2"_s.arg(tile.path(), hh.error().message));
        if (*hh != TlogTile::tileHash(data.at(i)))
            return inconsistent();
    }

    // Every tile is authenticated against the trusted tree hash.
    m_reader.saveTiles(tiles, data);

    QList<Tlog::Hash> hashes(indexes.size());
    for (qsizetype i = 0; i < indexes.size(); ++i) {
        const int j = indexTileOrder.at(i);
        const Expected<Tlog::Hash> hh
            = TlogTile::hashFromTile(tiles.at(j), data.at(j), indexes.at(i));
        if (!hh)
            return badMath(u"lost hash %1: %2"_s.arg(indexes.at(i)).arg(hh.error().message));
        hashes[i] = *hh;
    }
    return hashes;
}

} // namespace mk
