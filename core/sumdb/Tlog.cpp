// SPDX-License-Identifier: GPL-3.0-or-later
#include "Tlog.h"

#include <bit>
#include <cstring>

#include "archive/GoUnicode.h"
#include "sumdb/GoBase64.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

Error tlogError(const QString &message)
{
    return Error::make(Error::Code::Security, message);
}

Error proofFailed()
{
    return tlogError(u"invalid transparency proof"_s);
}

Error malformedRecord()
{
    return Error::make(Error::Code::InvalidArgument, u"malformed record data"_s);
}

Expected<QList<Tlog::Hash>> readExactly(const Tlog::HashReader &r, const QList<qint64> &indexes)
{
    Expected<QList<Tlog::Hash>> hashes = r(indexes);
    if (!hashes)
        return hashes;
    if (hashes->size() != indexes.size()) {
        return Error::make(
            Error::Code::Io,
            u"tlog: ReadHashes(%1 indexes) = %2 hashes"_s.arg(indexes.size()).arg(hashes->size()));
    }
    return hashes;
}

void leafProofIndex(qint64 lo, qint64 hi, qint64 n, QList<qint64> &need)
{
    if (lo + 1 == hi)
        return;
    const qint64 k = Tlog::maxpow2(hi - lo).first;
    if (n < lo + k) {
        leafProofIndex(lo, lo + k, n, need);
        Tlog::subTreeIndex(lo + k, hi, need);
    } else {
        Tlog::subTreeIndex(lo, lo + k, need);
        leafProofIndex(lo + k, hi, n, need);
    }
}

Tlog::Proof leafProof(qint64 lo, qint64 hi, qint64 n, const QList<Tlog::Hash> &hashes,
                      qsizetype *pos)
{
    if (lo + 1 == hi)
        return {};
    Tlog::Proof p;
    Tlog::Hash th;
    const qint64 k = Tlog::maxpow2(hi - lo).first;
    if (n < lo + k) {
        p = leafProof(lo, lo + k, n, hashes, pos);
        th = Tlog::subTreeHash(lo + k, hi, hashes, pos);
    } else {
        th = Tlog::subTreeHash(lo, lo + k, hashes, pos);
        p = leafProof(lo + k, hi, n, hashes, pos);
    }
    p.append(th);
    return p;
}

Expected<Tlog::Hash> runRecordProof(const Tlog::Proof &p, qsizetype len, qint64 lo, qint64 hi,
                                    qint64 n, const Tlog::Hash &leafHash)
{
    if (lo + 1 == hi) {
        if (len != 0)
            return proofFailed();
        return leafHash;
    }
    if (len == 0)
        return proofFailed();
    const qint64 k = Tlog::maxpow2(hi - lo).first;
    const Tlog::Hash &last = p.at(len - 1);
    if (n < lo + k) {
        const Expected<Tlog::Hash> th = runRecordProof(p, len - 1, lo, lo + k, n, leafHash);
        if (!th)
            return th;
        return Tlog::nodeHash(*th, last);
    }
    const Expected<Tlog::Hash> th = runRecordProof(p, len - 1, lo + k, hi, n, leafHash);
    if (!th)
        return th;
    return Tlog::nodeHash(last, *th);
}

void treeProofIndex(qint64 lo, qint64 hi, qint64 n, QList<qint64> &need)
{
    if (n == hi) {
        if (lo == 0)
            return;
        Tlog::subTreeIndex(lo, hi, need);
        return;
    }
    const qint64 k = Tlog::maxpow2(hi - lo).first;
    if (n <= lo + k) {
        treeProofIndex(lo, lo + k, n, need);
        Tlog::subTreeIndex(lo + k, hi, need);
    } else {
        Tlog::subTreeIndex(lo, lo + k, need);
        treeProofIndex(lo + k, hi, n, need);
    }
}

Tlog::Proof treeProof(qint64 lo, qint64 hi, qint64 n, const QList<Tlog::Hash> &hashes,
                      qsizetype *pos)
{
    if (n == hi) {
        if (lo == 0)
            return {};
        return {Tlog::subTreeHash(lo, hi, hashes, pos)};
    }
    Tlog::Proof p;
    Tlog::Hash th;
    const qint64 k = Tlog::maxpow2(hi - lo).first;
    if (n <= lo + k) {
        p = treeProof(lo, lo + k, n, hashes, pos);
        th = Tlog::subTreeHash(lo + k, hi, hashes, pos);
    } else {
        th = Tlog::subTreeHash(lo, lo + k, hashes, pos);
        p = treeProof(lo + k, hi, n, hashes, pos);
    }
    p.append(th);
    return p;
}

// Returns (old subtree hash, new subtree hash).
Expected<std::pair<Tlog::Hash, Tlog::Hash>> runTreeProof(const Tlog::Proof &p, qsizetype len,
                                                         qint64 lo, qint64 hi, qint64 n,
                                                         const Tlog::Hash &old)
{
    if (n == hi) {
        if (lo == 0) {
            if (len != 0)
                return proofFailed();
            return std::pair{old, old};
        }
        if (len != 1)
            return proofFailed();
        return std::pair{p.at(0), p.at(0)};
    }
    if (len == 0)
        return proofFailed();
    const qint64 k = Tlog::maxpow2(hi - lo).first;
    const Tlog::Hash &last = p.at(len - 1);
    if (n <= lo + k) {
        const auto r = runTreeProof(p, len - 1, lo, lo + k, n, old);
        if (!r)
            return r;
        return std::pair{r->first, Tlog::nodeHash(r->second, last)};
    }
    const auto r = runTreeProof(p, len - 1, lo + k, hi, n, old);
    if (!r)
        return r;
    return std::pair{Tlog::nodeHash(last, r->first), Tlog::nodeHash(last, r->second)};
}

} // namespace

Tlog::Hash Tlog::recordHash(QByteArrayView data)
{
    Sha256 h;
    const char zero = 0;
    h.update(&zero, 1);
    h.update(data);
    return h.finish();
}

Tlog::Hash Tlog::nodeHash(const Hash &left, const Hash &right)
{
    unsigned char buf[1 + 2 * HashSize];
    buf[0] = 0x01;
    std::memcpy(buf + 1, left.data(), HashSize);
    std::memcpy(buf + 1 + HashSize, right.data(), HashSize);
    return Sha256::of(QByteArrayView(reinterpret_cast<const char *>(buf), sizeof buf));
}

Tlog::Hash Tlog::emptyHash()
{
    return Sha256::empty();
}

QString Tlog::hashToString(const Hash &h)
{
    return QString::fromLatin1(
        GoBase64::encode(QByteArrayView(reinterpret_cast<const char *>(h.data()), HashSize)));
}

Expected<Tlog::Hash> Tlog::parseHash(QByteArrayView base64)
{
    const std::optional<QByteArray> raw = GoBase64::decode(base64);
    if (!raw || raw->size() != HashSize)
        return Error::make(Error::Code::InvalidArgument, u"malformed hash"_s);
    return hashFromBytes(*raw);
}

Tlog::Hash Tlog::hashFromBytes(QByteArrayView raw32)
{
    Hash h{};
    std::memcpy(h.data(), raw32.data(), std::min<qsizetype>(raw32.size(), HashSize));
    return h;
}

std::pair<qint64, int> Tlog::maxpow2(qint64 n)
{
    int l = 0;
    while ((qint64(1) << (l + 1)) < n)
        ++l;
    return {qint64(1) << l, l};
}

qint64 Tlog::storedHashIndex(int level, qint64 n)
{
    // Level L's n'th hash is written right after level L+1's 2n+1'th hash.
    for (int l = level; l > 0; --l)
        n = 2 * n + 1;
    // Level 0's n'th hash is written at n+n/2+n/4+...
    qint64 i = 0;
    for (; n > 0; n >>= 1)
        i += n;
    return i + level;
}

std::pair<int, qint64> Tlog::splitStoredHashIndex(qint64 index)
{
    qint64 n = index / 2;
    qint64 indexN = storedHashIndex(0, n);
    for (;;) {
        // Each new record n adds 1 + trailingZeros(n) hashes.
        const qint64 x = indexN + 1 + std::countr_zero(quint64(n + 1));
        if (x > index)
            break;
        ++n;
        indexN = x;
    }
    const int level = int(index - indexN);
    return {level, n >> level};
}

qint64 Tlog::storedHashCount(qint64 n)
{
    if (n == 0)
        return 0;
    qint64 numHash = storedHashIndex(0, n - 1) + 1;
    for (quint64 i = quint64(n - 1); (i & 1) != 0; i >>= 1)
        ++numHash;
    return numHash;
}

Expected<QList<Tlog::Hash>> Tlog::storedHashes(qint64 n, QByteArrayView data, const HashReader &r)
{
    return storedHashesForRecordHash(n, recordHash(data), r);
}

Expected<QList<Tlog::Hash>> Tlog::storedHashesForRecordHash(qint64 n, const Hash &h,
                                                            const HashReader &r)
{
    QList<Hash> hashes{h};
    const int m = std::countr_zero(quint64(n + 1));
    QList<qint64> indexes(m);
    for (int i = 0; i < m; ++i)
        indexes[m - 1 - i] = storedHashIndex(i, (n >> i) - 1);
    QList<Hash> old;
    if (m > 0) {
        Expected<QList<Hash>> got = readExactly(r, indexes);
        if (!got)
            return got;
        old = *got;
    }
    Hash cur = h;
    for (int i = 0; i < m; ++i) {
        cur = nodeHash(old.at(m - 1 - i), cur);
        hashes.append(cur);
    }
    return hashes;
}

void Tlog::subTreeIndex(qint64 lo, qint64 hi, QList<qint64> &need)
{
    while (lo < hi) {
        const auto [k, level] = maxpow2(hi - lo + 1);
        need.append(storedHashIndex(level, lo >> level));
        lo += k;
    }
}

Tlog::Hash Tlog::subTreeHash(qint64 lo, qint64 hi, const QList<Hash> &hashes, qsizetype *pos)
{
    qsizetype numTree = 0;
    while (lo < hi) {
        lo += maxpow2(hi - lo + 1).first;
        ++numTree;
    }
    const qsizetype base = *pos;
    Q_ASSERT(base + numTree <= hashes.size());
    Hash h = hashes.at(base + numTree - 1);
    for (qsizetype i = numTree - 2; i >= 0; --i)
        h = nodeHash(hashes.at(base + i), h);
    *pos = base + numTree;
    return h;
}

Expected<Tlog::Hash> Tlog::treeHash(qint64 n, const HashReader &r)
{
    if (n == 0)
        return emptyHash();
    QList<qint64> indexes;
    subTreeIndex(0, n, indexes);
    const Expected<QList<Hash>> hashes = readExactly(r, indexes);
    if (!hashes)
        return hashes.error();
    qsizetype pos = 0;
    return subTreeHash(0, n, *hashes, &pos);
}

Expected<Tlog::Proof> Tlog::proveRecord(qint64 t, qint64 n, const HashReader &r)
{
    if (t < 0 || n < 0 || n >= t)
        return Error::make(Error::Code::InvalidArgument, u"tlog: invalid inputs in ProveRecord"_s);
    QList<qint64> indexes;
    leafProofIndex(0, t, n, indexes);
    if (indexes.isEmpty())
        return Proof{};
    const Expected<QList<Hash>> hashes = readExactly(r, indexes);
    if (!hashes)
        return hashes.error();
    qsizetype pos = 0;
    return leafProof(0, t, n, *hashes, &pos);
}

Status Tlog::checkRecord(const Proof &p, qint64 t, const Hash &th, qint64 n, const Hash &h)
{
    if (t < 0 || n < 0 || n >= t)
        return Error::make(Error::Code::InvalidArgument, u"tlog: invalid inputs in CheckRecord"_s);
    const Expected<Hash> th2 = runRecordProof(p, p.size(), 0, t, n, h);
    if (!th2)
        return th2.error();
    if (*th2 == th)
        return {};
    return proofFailed();
}

Expected<Tlog::Proof> Tlog::proveTree(qint64 t, qint64 n, const HashReader &r)
{
    if (t < 1 || n < 1 || n > t)
        return Error::make(Error::Code::InvalidArgument, u"tlog: invalid inputs in ProveTree"_s);
    QList<qint64> indexes;
    treeProofIndex(0, t, n, indexes);
    if (indexes.isEmpty())
        return Proof{};
    const Expected<QList<Hash>> hashes = readExactly(r, indexes);
    if (!hashes)
        return hashes.error();
    qsizetype pos = 0;
    return treeProof(0, t, n, *hashes, &pos);
}

Status Tlog::checkTree(const Proof &p, qint64 t, const Hash &th, qint64 n, const Hash &h)
{
    if (t < 1 || n < 1 || n > t)
        return Error::make(Error::Code::InvalidArgument, u"tlog: invalid inputs in CheckTree"_s);
    const auto r = runTreeProof(p, p.size(), 0, t, n, h);
    if (!r)
        return r.error();
    if (r->second == th && r->first == h)
        return {};
    return proofFailed();
}

bool Tlog::isValidRecordText(QByteArrayView text)
{
    if (!GoUnicode::isValidUtf8(text) || text.isEmpty() || text.back() != '\n')
        return false;
    char last = 0;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\n') || (last == '\n' && c == '\n'))
            return false;
        last = c;
    }
    return true;
}

Expected<Tlog::Record> Tlog::parseRecord(const QByteArray &msg)
{
    const qsizetype nl = msg.indexOf('\n');
    if (nl < 0)
        return malformedRecord();
    // strconv.ParseInt: optional sign, decimal digits, no spaces.
    const QByteArray idText = msg.left(nl);
    bool ok = false;
    const qint64 id = idText.toLongLong(&ok, 10);
    if (!ok || idText.isEmpty() || idText.contains(' ') || idText.contains('\t'))
        return malformedRecord();
    const QByteArray body = msg.mid(nl + 1);
    const qsizetype blank = body.indexOf("\n\n");
    if (blank < 0)
        return malformedRecord();
    Record r;
    r.id = id;
    r.text = body.left(blank + 1);
    r.rest = body.mid(blank + 2);
    if (!isValidRecordText(r.text))
        return malformedRecord();
    return r;
}

Expected<QByteArray> Tlog::formatRecord(qint64 id, const QByteArray &text)
{
    if (!isValidRecordText(text))
        return malformedRecord();
    return QByteArray(QByteArray::number(id) + '\n' + text + '\n');
}

} // namespace mk
