// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstddef>

#include <QByteArray>
#include <QByteArrayView>

struct evp_md_ctx_st;

namespace mk {

/// Streaming SHA-256 on OpenSSL's EVP interface, which uses the CPU's SHA extensions
/// (QCryptographicHash does not, and is several times slower on large module trees).
/// Not thread-safe; one object per stream.
class Sha256 final
{
public:
    using Digest = std::array<unsigned char, 32>;

    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;
    Sha256(Sha256 &&other) noexcept;
    Sha256 &operator=(Sha256 &&other) noexcept;

    void update(const void *data, std::size_t size);
    void update(QByteArrayView data) { update(data.data(), std::size_t(data.size())); }
    /// The digest of everything fed since construction or the last reset(); resets the stream.
    [[nodiscard]] Digest finish();
    void reset();

    /// One-shot digest.
    [[nodiscard]] static Digest of(QByteArrayView data);
    /// The digest of no bytes (e3b0c442...b855).
    [[nodiscard]] static const Digest &empty();
    /// Lower-case hex, as go's %x prints it.
    [[nodiscard]] static QByteArray toHex(const Digest &digest);

private:
    evp_md_ctx_st *m_ctx = nullptr;
};

} // namespace mk
