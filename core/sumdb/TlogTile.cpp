// SPDX-License-Identifier: GPL-3.0-or-later
#include "TlogTile.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr qint64 pathBase = 1000;

QString threeDigits(qint64 v)
{
    return u"%1"_s.arg(v, 3, 10, QLatin1Char('0'));
}

// strconv.Atoi: optional sign and decimal digits, nothing else.
bool atoi(const QString &s, qint64 *out)
{
    if (s.isEmpty())
        return false;
    qsizetype i = (s.front() == u'+' || s.front() == u'-') ? 1 : 0;
    if (i == s.size())
        return false;
    for (qsizetype k = i; k < s.size(); ++k) {
        if (!s.at(k).isDigit() || s.at(k).unicode() > 0x7f)
            return false;
    }
    bool ok = false;
    *out = s.toLongLong(&ok, 10);
    return ok;
}

} // namespace

QString TlogTile::path() const
{
    qint64 v = n;
    QString nStr = threeDigits(v % pathBase);
    while (v >= pathBase) {
        v /= pathBase;
        nStr = u'x' + threeDigits(v % pathBase) + u'/' + nStr;
    }
    const QString pStr = w != (1 << h) ? u".p/%1"_s.arg(w) : QString();
    const QString level = l == -1 ? u"data"_s : QString::number(l);
    return u"tile/%1/%2/%3%4"_s.arg(h).arg(level, nStr, pStr);
}

Expected<TlogTile> TlogTile::parsePath(const QString &path)
{
    const Error bad
        = Error::make(Error::Code::InvalidArgument, u"malformed tile path \"%1\""_s.arg(path));
    QStringList f = path.split(u'/');
    if (f.size() < 4 || f.at(0) != u"tile")
        return bad;
    qint64 h = 0;
    qint64 l = 0;
    const bool isData = f.at(2) == u"data";
    if (isData)
        f[2] = u"0"_s;
    if (!atoi(f.at(1), &h) || !atoi(f.at(2), &l) || h < 1 || l < 0 || h > 30)
        return bad;
    qint64 w = qint64(1) << h;
    if (const QString dotP = f.at(f.size() - 2); dotP.endsWith(u".p")) {
        qint64 ww = 0;
        if (!atoi(f.last(), &ww) || ww <= 0 || ww >= w)
            return bad;
        w = ww;
        f[f.size() - 2] = dotP.chopped(2);
        f.removeLast();
    }
    qint64 num = 0;
    for (qsizetype i = 3; i < f.size(); ++i) {
        QString s = f.at(i);
        if (s.startsWith(u'x'))
            s.remove(0, 1);
        qint64 nn = 0;
        if (!atoi(s, &nn) || nn < 0 || nn >= pathBase)
            return bad;
        num = num * pathBase + nn;
    }
    TlogTile t;
    t.h = int(h);
    t.l = isData ? -1 : int(l);
    t.n = num;
    t.w = int(w);
    if (t.path() != path)
        return bad;
    return t;
}

TlogTile TlogTile::forIndex(int h, qint64 index)
{
    int start = 0;
    int end = 0;
    return forIndex(h, index, &start, &end);
}

TlogTile TlogTile::forIndex(int h, qint64 index, int *start, int *end)
{
    auto [level, n] = Tlog::splitStoredHashIndex(index);
    TlogTile t;
    t.h = h;
    t.l = level / h;
    level -= t.l * h; // now level within tile
    t.n = n << level >> t.h;
    n -= t.n << t.h >> level; // now n within tile at level
    t.w = int((n + 1) << level);
    *start = int(n << level) * Tlog::HashSize;
    *end = int((n + 1) << level) * Tlog::HashSize;
    return t;
}

Tlog::Hash TlogTile::tileHash(QByteArrayView data)
{
    if (data.size() == Tlog::HashSize)
        return Tlog::hashFromBytes(data);
    const qsizetype half = data.size() / 2;
    return Tlog::nodeHash(tileHash(data.first(half)), tileHash(data.sliced(half)));
}

Expected<Tlog::Hash> TlogTile::hashFromTile(const TlogTile &t, QByteArrayView data, qint64 index)
{
    if (t.h < 1 || t.h > 30 || t.l < 0 || t.l >= 64 || t.w < 1 || t.w > (1 << t.h))
        return Error::make(Error::Code::InvalidArgument, u"invalid tile %1"_s.arg(t.path()));
    if (data.size() < qsizetype(t.w) * Tlog::HashSize) {
        return Error::make(Error::Code::InvalidArgument,
                           u"data len %1 too short for tile %2"_s.arg(data.size()).arg(t.path()));
    }
    int start = 0;
    int end = 0;
    const TlogTile t1 = forIndex(t.h, index, &start, &end);
    if (t.l != t1.l || t.n != t1.n || t.w < t1.w) {
        return Error::make(Error::Code::InvalidArgument,
                           u"index %1 is in %2 not %3"_s.arg(index).arg(t1.path(), t.path()));
    }
    return tileHash(data.sliced(start, end - start));
}

QList<TlogTile> TlogTile::newTiles(int h, qint64 oldSize, qint64 newSize)
{
    QList<TlogTile> tiles;
    for (int level = 0; (newSize >> (h * level)) > 0; ++level) {
        const qint64 oldN = oldSize >> (h * level);
        const qint64 newN = newSize >> (h * level);
        if (oldN == newN)
            continue;
        for (qint64 n = oldN >> h; n < newN >> h; ++n)
            tiles.append({h, level, n, 1 << h});
        const qint64 n = newN >> h;
        if (const int w = int(newN - (n << h)); w > 0)
            tiles.append({h, level, n, w});
    }
    return tiles;
}

Expected<QByteArray> TlogTile::readTileData(const TlogTile &t, const Tlog::HashReader &r)
{
    const int size = t.w == 0 ? 1 << t.h : t.w;
    const qint64 start = t.n << t.h;
    QList<qint64> indexes(size);
    for (int i = 0; i < size; ++i)
        indexes[i] = Tlog::storedHashIndex(t.h * t.l, start + i);
    const Expected<QList<Tlog::Hash>> hashes = r(indexes);
    if (!hashes)
        return hashes.error();
    if (hashes->size() != indexes.size())
        return Error::make(
            Error::Code::Io,
            u"tlog: ReadHashes(%1 indexes) = %2 hashes"_s.arg(indexes.size()).arg(hashes->size()));
    QByteArray tile;
    tile.reserve(size * Tlog::HashSize);
    for (const Tlog::Hash &h : *hashes)
        tile.append(reinterpret_cast<const char *>(h.data()), Tlog::HashSize);
    return tile;
}

TlogTile TlogTile::parent(int k, qint64 treeSize) const
{
    TlogTile t = *this;
    t.l += k;
    t.n >>= k * t.h;
    t.w = 1 << t.h;
    const qint64 max = treeSize >> (t.l * t.h);
    if ((t.n << t.h) + t.w >= max) {
        if ((t.n << t.h) >= max)
            return {};
        t.w = int(max - (t.n << t.h));
    }
    return t;
}

} // namespace mk
