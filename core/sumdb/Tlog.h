// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <utility>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include "archive/Sha256.h"
#include "common/Expected.h"

namespace mk {

/// The tamper-evident log math of golang.org/x/mod/sumdb/tlog (tlog.go and the record half of
/// note.go), ported function for function: RFC 6962 record and node hashes, the stored-hash
/// index order, tree hashes, and inclusion (record) and consistency (tree) proofs
/// (go-cache-internals.md §4.4). Hashes are read through a HashReader, which for a client is
/// a TileHashReader that authenticates every tile against a signed tree.
class Tlog final
{
public:
    using Hash = Sha256::Digest;
    static constexpr int HashSize = 32;

    /// Returns the hashes with the given stored-hash indexes, in the same order, or an error.
    using HashReader = std::function<Expected<QList<Hash>>(const QList<qint64> &indexes)>;
    /// A proof is a list of hashes (RecordProof / TreeProof).
    using Proof = QList<Hash>;

    /// SHA-256(0x00 || data).
    [[nodiscard]] static Hash recordHash(QByteArrayView data);
    /// SHA-256(0x01 || left || right).
    [[nodiscard]] static Hash nodeHash(const Hash &left, const Hash &right);
    /// The hash of the empty tree (SHA-256 of nothing).
    [[nodiscard]] static Hash emptyHash();

    /// base64 (Hash.String) and ParseHash.
    [[nodiscard]] static QString hashToString(const Hash &h);
    [[nodiscard]] static Expected<Hash> parseHash(QByteArrayView base64);
    [[nodiscard]] static Hash hashFromBytes(QByteArrayView raw32);

    [[nodiscard]] static qint64 storedHashIndex(int level, qint64 n);
    /// The inverse of storedHashIndex: (level, n).
    [[nodiscard]] static std::pair<int, qint64> splitStoredHashIndex(qint64 index);
    [[nodiscard]] static qint64 storedHashCount(qint64 n);
    /// The hashes to store, from storedHashIndex(0, n) on, when record n is appended.
    [[nodiscard]] static Expected<QList<Hash>> storedHashes(qint64 n, QByteArrayView data,
                                                            const HashReader &r);
    [[nodiscard]] static Expected<QList<Hash>> storedHashesForRecordHash(qint64 n, const Hash &h,
                                                                         const HashReader &r);

    /// The root hash of the tree with n records.
    [[nodiscard]] static Expected<Hash> treeHash(qint64 n, const HashReader &r);

    /// Proof that the tree of size t contains record n.
    [[nodiscard]] static Expected<Proof> proveRecord(qint64 t, qint64 n, const HashReader &r);
    /// Checks p proves that the tree of size t with hash th has record n with hash h.
    [[nodiscard]] static Status checkRecord(const Proof &p, qint64 t, const Hash &th, qint64 n,
                                            const Hash &h);
    /// Proof that the tree of size t contains the tree of size n as a prefix.
    [[nodiscard]] static Expected<Proof> proveTree(qint64 t, qint64 n, const HashReader &r);
    /// Checks p proves that the tree of size t with hash th contains the tree of size n with hash
    /// h.
    [[nodiscard]] static Status checkTree(const Proof &p, qint64 t, const Hash &th, qint64 n,
                                          const Hash &h);

    /// A record as a lookup response or a data tile carries it.
    struct Record
    {
        qint64 id = 0;
        QByteArray text; ///< the go.sum lines, each ending in '\n'
        QByteArray rest; ///< what follows the blank line (the signed tree note of a lookup)
    };
    /// tlog.ParseRecord; errors are "malformed record data".
    [[nodiscard]] static Expected<Record> parseRecord(const QByteArray &msg);
    /// tlog.FormatRecord: "<id>\n<text>\n".
    [[nodiscard]] static Expected<QByteArray> formatRecord(qint64 id, const QByteArray &text);
    /// UTF-8, no control characters but '\n', ends in '\n', no blank lines.
    [[nodiscard]] static bool isValidRecordText(QByteArrayView text);

    // Index helpers shared with TlogTile (subTreeIndex / subTreeHash of tlog.go).
    static void subTreeIndex(qint64 lo, qint64 hi, QList<qint64> &need);
    /// Consumes hashes from the front (starting at *pos).
    [[nodiscard]] static Hash subTreeHash(qint64 lo, qint64 hi, const QList<Hash> &hashes,
                                          qsizetype *pos);
    /// k, the largest power of 2 smaller than n, and log2(k).
    [[nodiscard]] static std::pair<qint64, int> maxpow2(qint64 n);
};

} // namespace mk
