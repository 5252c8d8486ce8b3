// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "common/Expected.h"

namespace mk {

/// A checksum-database verifier key, "<name>+<8 hex key hash>+<base64(alg || public key)>",
/// parsed and checked as note.NewVerifier does (go-cache-internals.md §4.4): the key hash must
/// be the first 4 bytes of SHA-256(name || "\n" || alg || key), and the only algorithm is
/// 1 = Ed25519 with a 32-byte key. Signatures are checked with OpenSSL's Ed25519.
class SumDbKey final
{
public:
    static constexpr unsigned char AlgEd25519 = 1;

    /// Errors carry note's own text: "malformed verifier id", "invalid verifier hash",
    /// "unknown verifier algorithm".
    [[nodiscard]] static Expected<SumDbKey> parse(const QString &verifierKey);
    /// note.NewEd25519VerifierKey: the key of name for a raw 32-byte Ed25519 public key.
    [[nodiscard]] static Expected<SumDbKey> fromEd25519(const QString &name,
                                                        QByteArrayView publicKey);

    /// note.isValidName: non-empty UTF-8 without spaces (unicode.IsSpace) or '+'.
    [[nodiscard]] static bool isValidName(const QString &name);
    /// The first 4 bytes of SHA-256(name || "\n" || algAndKey), big-endian.
    [[nodiscard]] static quint32 keyHash(const QString &name, QByteArrayView algAndKey);

    [[nodiscard]] QString name() const { return m_name; }
    [[nodiscard]] quint32 hash() const { return m_hash; }
    /// The raw 32-byte Ed25519 public key.
    [[nodiscard]] QByteArray publicKey() const { return m_key; }
    /// The verifier key string.
    [[nodiscard]] QString toString() const;

    /// ed25519.Verify(key, msg, sig): sig must be 64 bytes.
    [[nodiscard]] bool verify(QByteArrayView message, QByteArrayView signature) const;

private:
    QString m_name;
    quint32 m_hash = 0;
    QByteArray m_key;
};

} // namespace mk
