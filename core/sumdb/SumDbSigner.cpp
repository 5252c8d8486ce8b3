// SPDX-License-Identifier: GPL-3.0-or-later
#include "SumDbSigner.h"

#include <QStringList>

#include <openssl/evp.h>

#include "sumdb/GoBase64.h"

using namespace Qt::StringLiterals;

namespace mk {

Expected<SumDbSigner> SumDbSigner::fromSeed(const QString &name, QByteArrayView seed)
{
    if (seed.size() != 32)
        return Error::make(Error::Code::InvalidArgument, u"malformed verifier id"_s);
    EVP_PKEY *raw = EVP_PKEY_new_raw_private_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(seed.data()),
        size_t(seed.size()));
    if (!raw)
        return Error::make(Error::Code::Unsupported, u"OpenSSL has no Ed25519"_s);
    std::shared_ptr<EVP_PKEY> pkey(raw, &EVP_PKEY_free);
    unsigned char pub[32];
    size_t pubLen = sizeof pub;
    if (EVP_PKEY_get_raw_public_key(pkey.get(), pub, &pubLen) != 1 || pubLen != 32)
        return Error::make(Error::Code::Unsupported,
                           u"OpenSSL could not derive the Ed25519 public key"_s);
    Expected<SumDbKey> key
        = SumDbKey::fromEd25519(name, QByteArrayView(reinterpret_cast<const char *>(pub), 32));
    if (!key)
        return key.error();
    SumDbSigner s;
    s.m_key = *key;
    s.m_seed = QByteArray(seed.data(), seed.size());
    s.m_pkey = std::move(pkey);
    return s;
}

Expected<SumDbSigner> SumDbSigner::parse(const QString &signerKey)
{
    const Error bad = Error::make(Error::Code::InvalidArgument, u"malformed verifier id"_s);
    // "PRIVATE+KEY+<name>+<hash>+<key>": chopped at the first four '+' (base64 has '+' too).
    QStringList f;
    QString rest = signerKey;
    for (int i = 0; i < 4; ++i) {
        const qsizetype plus = rest.indexOf(u'+');
        f.append(plus < 0 ? rest : rest.left(plus));
        rest = plus < 0 ? QString() : rest.mid(plus + 1);
    }
    f.append(rest);
    if (f.at(0) != u"PRIVATE" || f.at(1) != u"KEY" || f.at(3).size() != 8)
        return bad;
    const std::optional<QByteArray> key = GoBase64::decode(f.at(4).toUtf8());
    if (!key || key->isEmpty())
        return bad;
    if (uchar(key->at(0)) != SumDbKey::AlgEd25519)
        return Error::make(Error::Code::InvalidArgument, u"unknown verifier algorithm"_s);
    Expected<SumDbSigner> s = fromSeed(f.at(2), QByteArrayView(*key).sliced(1));
    if (!s)
        return s;
    bool ok = false;
    if (f.at(3).toUInt(&ok, 16) != s->hash() || !ok)
        return Error::make(Error::Code::InvalidArgument, u"invalid verifier hash"_s);
    return s;
}

QString SumDbSigner::signerKey() const
{
    QByteArray algAndSeed(1, char(SumDbKey::AlgEd25519));
    algAndSeed.append(m_seed);
    return u"PRIVATE+KEY+%1+%2+%3"_s.arg(name())
        .arg(hash(), 8, 16, QLatin1Char('0'))
        .arg(QString::fromLatin1(GoBase64::encode(algAndSeed)));
}

Expected<QByteArray> SumDbSigner::sign(QByteArrayView message) const
{
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                      &EVP_MD_CTX_free);
    unsigned char sig[64];
    size_t sigLen = sizeof sig;
    if (!ctx || !m_pkey
        || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, m_pkey.get()) != 1
        || EVP_DigestSign(ctx.get(), sig, &sigLen,
                          reinterpret_cast<const unsigned char *>(message.data()),
                          size_t(message.size()))
               != 1
        || sigLen != 64) {
        return Error::make(Error::Code::Unsupported, u"Ed25519 signing failed"_s);
    }
    return QByteArray(reinterpret_cast<const char *>(sig), 64);
}

Expected<QByteArray> SumDbSigner::signNote(const QByteArray &text) const
{
    if (!text.endsWith('\n'))
        return Error::make(Error::Code::InvalidArgument, u"malformed note"_s);
    const Expected<QByteArray> sig = sign(text);
    if (!sig)
        return sig;
    QByteArray hashAndSig(4, '\0');
    hashAndSig[0] = char(hash() >> 24);
    hashAndSig[1] = char(hash() >> 16 & 0xff);
    hashAndSig[2] = char(hash() >> 8 & 0xff);
    hashAndSig[3] = char(hash() & 0xff);
    hashAndSig += *sig;
    return QByteArray(text + '\n' + u"— "_s.toUtf8() + name().toUtf8() + ' '
                      + GoBase64::encode(hashAndSig) + '\n');
}

} // namespace mk
