// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "common/Expected.h"
#include "sumdb/SumDbKey.h"

struct evp_pkey_st;

namespace mk {

/// An Ed25519 note signer (note.NewSigner / note.Sign) on OpenSSL. ModKeeper itself only
/// verifies; the signer exists for test checksum databases with fixed keys and for tools that
/// mirror one.
class SumDbSigner final
{
public:
    /// From the 32-byte Ed25519 seed (what the "PRIVATE+KEY+..." form carries).
    [[nodiscard]] static Expected<SumDbSigner> fromSeed(const QString &name, QByteArrayView seed);
    /// "PRIVATE+KEY+<name>+<hash>+<base64(1 || seed)>".
    [[nodiscard]] static Expected<SumDbSigner> parse(const QString &signerKey);

    [[nodiscard]] QString name() const { return m_key.name(); }
    [[nodiscard]] quint32 hash() const { return m_key.hash(); }
    /// The matching verifier key.
    [[nodiscard]] const SumDbKey &verifier() const { return m_key; }
    [[nodiscard]] QString signerKey() const;

    /// The 64-byte Ed25519 signature of message.
    [[nodiscard]] Expected<QByteArray> sign(QByteArrayView message) const;
    /// note.Sign with this one signer: text (ending in '\n') + "\n" + "— name base64(hash||sig)\n".
    [[nodiscard]] Expected<QByteArray> signNote(const QByteArray &text) const;

private:
    SumDbKey m_key;
    QByteArray m_seed;
    std::shared_ptr<evp_pkey_st> m_pkey;
};

} // namespace mk
