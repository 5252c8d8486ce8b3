// SPDX-License-Identifier: GPL-3.0-or-later
#include "Sha256.h"

#include <cstdlib>
#include <utility>

#include <openssl/evp.h>

namespace mk {

namespace {

// Fetched once: EVP_sha256() makes OpenSSL 3 look the implementation up on every init, which
// costs as much as hashing a small file.
const EVP_MD *sha256Md()
{
    static EVP_MD *const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md ? md : EVP_sha256();
}

} // namespace

Sha256::Sha256() : m_ctx(EVP_MD_CTX_new())
{
    // Allocation failure of a few bytes is not something a caller can handle meaningfully.
    if (!m_ctx || EVP_DigestInit_ex(m_ctx, sha256Md(), nullptr) != 1)
        std::abort();
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(m_ctx);
}

Sha256::Sha256(Sha256 &&other) noexcept : m_ctx(std::exchange(other.m_ctx, nullptr)) { }

Sha256 &Sha256::operator=(Sha256 &&other) noexcept
{
    if (this != &other) {
        EVP_MD_CTX_free(m_ctx);
        m_ctx = std::exchange(other.m_ctx, nullptr);
    }
    return *this;
}

void Sha256::update(const void *data, std::size_t size)
{
    if (size > 0)
        EVP_DigestUpdate(m_ctx, data, size);
}

Sha256::Digest Sha256::finish()
{
    Digest out{};
    unsigned int len = 0;
    EVP_DigestFinal_ex(m_ctx, out.data(), &len);
    reset();
    return out;
}

void Sha256::reset()
{
    EVP_DigestInit_ex(m_ctx, sha256Md(), nullptr);
}

Sha256::Digest Sha256::of(QByteArrayView data)
{
    Digest out{};
    unsigned int len = 0;
    EVP_Digest(data.data(), std::size_t(data.size()), out.data(), &len, sha256Md(), nullptr);
    return out;
}

const Sha256::Digest &Sha256::empty()
{
    static const Digest digest = of({});
    return digest;
}

QByteArray Sha256::toHex(const Digest &digest)
{
    return QByteArray(reinterpret_cast<const char *>(digest.data()), qsizetype(digest.size()))
        .toHex();
}

} // namespace mk
