// SPDX-License-Identifier: GPL-3.0-or-later
#include "SumDbKey.h"

#include <QStringList>

#include <memory>

#include <openssl/evp.h>

#include "archive/Sha256.h"
#include "sumdb/GoBase64.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

Error keyError(const QString &message)
{
    return Error::make(Error::Code::InvalidArgument, message);
}

std::pair<QString, QString> chop(const QString &s, QChar sep)
{
    const qsizetype i = s.indexOf(sep);
    if (i < 0)
        return {s, QString()};
    return {s.left(i), s.mid(i + 1)};
}

// unicode.IsSpace.
bool isGoSpace(char32_t r)
{
    switch (r) {
    case u'\t':
    case u'\n':
    case u'\v':
    case u'\f':
    case u'\r':
    case u' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
        return true;
    default:
        return r >= 0x2000 && r <= 0x200A;
    }
}

} // namespace

bool SumDbKey::isValidName(const QString &name)
{
    if (name.isEmpty() || name.contains(u'+'))
        return false;
    // A lone surrogate is not valid UTF-8 for go.
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        if (c.isHighSurrogate() && i + 1 < name.size() && name.at(i + 1).isLowSurrogate())
            ++i;
        else if (c.isSurrogate())
            return false;
    }
    for (const char32_t r : name.toUcs4()) {
        if (isGoSpace(r))
            return false;
    }
    return true;
}

quint32 SumDbKey::keyHash(const QString &name, QByteArrayView algAndKey)
{
    Sha256 h;
    h.update(name.toUtf8());
    h.update(QByteArrayView("\n"));
    h.update(algAndKey);
    const Sha256::Digest d = h.finish();
    return quint32(d[0]) << 24 | quint32(d[1]) << 16 | quint32(d[2]) << 8 | quint32(d[3]);
}

Expected<SumDbKey> SumDbKey::parse(const QString &verifierKey)
{
    const auto [name, rest] = chop(verifierKey, u'+');
    const auto [hash16, key64] = chop(rest, u'+');
    bool hexOk = hash16.size() == 8;
    for (const QChar c : hash16)
        hexOk = hexOk && c.unicode() < 0x80
                && QByteArrayView("0123456789abcdefABCDEF").contains(char(c.unicode()));
    const quint32 hash = hexOk ? hash16.toUInt(nullptr, 16) : 0;
    const std::optional<QByteArray> key = GoBase64::decode(key64.toUtf8());
    if (!hexOk || !key || !isValidName(name) || key->isEmpty())
        return keyError(u"malformed verifier id"_s);
    if (hash != keyHash(name, *key))
        return keyError(u"invalid verifier hash"_s);
    if (uchar(key->at(0)) != AlgEd25519)
        return keyError(u"unknown verifier algorithm"_s);
    if (key->size() != 33)
        return keyError(u"malformed verifier id"_s);
    SumDbKey k;
    k.m_name = name;
    k.m_hash = hash;
    k.m_key = key->mid(1);
    return k;
}

Expected<SumDbKey> SumDbKey::fromEd25519(const QString &name, QByteArrayView publicKey)
{
    if (publicKey.size() != 32)
        return keyError(u"invalid public key size %1, expected 32"_s.arg(publicKey.size()));
    if (!isValidName(name))
        return keyError(u"malformed verifier id"_s);
    QByteArray algAndKey(1, char(AlgEd25519));
    algAndKey.append(publicKey.data(), publicKey.size());
    SumDbKey k;
    k.m_name = name;
    k.m_hash = keyHash(name, algAndKey);
    k.m_key = algAndKey.mid(1);
    return k;
}

QString SumDbKey::toString() const
{
    QByteArray algAndKey(1, char(AlgEd25519));
    algAndKey.append(m_key);
    return u"%1+%2+%3"_s.arg(m_name)
        .arg(m_hash, 8, 16, QLatin1Char('0'))
        .arg(QString::fromLatin1(GoBase64::encode(algAndKey)));
}

bool SumDbKey::verify(QByteArrayView message, QByteArrayView signature) const
{
    if (signature.size() != 64 || m_key.size() != 32)
        return false;
    const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey(
        EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                    reinterpret_cast<const unsigned char *>(m_key.constData()),
                                    size_t(m_key.size())),
        &EVP_PKEY_free);
    if (!pkey)
        return false;
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                      &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.data()),
                            size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(message.data()),
                            size_t(message.size()))
           == 1;
}

} // namespace mk
