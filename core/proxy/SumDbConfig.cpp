// SPDX-License-Identifier: GPL-3.0-or-later
#include "SumDbConfig.h"

#include <QCryptographicHash>
#include <QStringList>

#include "common/GoUrl.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

Error sumdbError(const QString &message)
{
    return Error::make(Error::Code::InvalidArgument, message, u"GOSUMDB"_s);
}

bool isSpace(QChar c)
{
    return c.isSpace() || c == QChar(0x85);
}

// note.isValidName
bool validName(const QString &name)
{
    if (name.isEmpty() || name.contains(u'+'))
        return false;
    for (const QChar c : name) {
        if (isSpace(c) || c.isSurrogate())
            return false;
    }
    return true;
}

// note.NewVerifier, reduced to what dbDial needs: the name, and whether the key is well-formed.
Expected<QString> verifierName(const QString &vkey)
{
    const auto chop = [](const QString &s) -> std::pair<QString, QString> {
        const qsizetype i = s.indexOf(u'+');
        return i < 0 ? std::pair{s, QString()} : std::pair{s.left(i), s.mid(i + 1)};
    };
    const auto [name, rest] = chop(vkey);
    const auto [hash16, key64] = chop(rest);
    bool hexOk = false;
    const quint32 hash = hash16.toUInt(&hexOk, 16);
    const auto decoded
        = QByteArray::fromBase64Encoding(key64.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    const QByteArray key = decoded.decoded;
    const bool keyOk
        = decoded.decodingStatus == QByteArray::Base64DecodingStatus::Ok && !key.isEmpty();
    if (hash16.size() != 8 || !hexOk || !keyOk || !validName(name))
        return sumdbError(u"invalid GOSUMDB: malformed verifier id"_s);

    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(name.toUtf8());
    h.addData(QByteArrayView("\n"));
    h.addData(key);
    const QByteArray sum = h.result();
    const quint32 expected = quint32(uchar(sum[0])) << 24 | quint32(uchar(sum[1])) << 16
                             | quint32(uchar(sum[2])) << 8 | quint32(uchar(sum[3]));
    if (hash != expected)
        return sumdbError(u"invalid GOSUMDB: invalid verifier hash"_s);
    if (key.at(0) != 1)
        return sumdbError(u"invalid GOSUMDB: unknown verifier algorithm"_s);
    if (key.size() != 33)
        return sumdbError(u"invalid GOSUMDB: malformed verifier id"_s);
    return name;
}

} // namespace

Expected<SumDbConfig> SumDbConfig::parse(const QString &value)
{
    QString gosumdb = value;
    // An alias reachable inside mainland China.
    if (gosumdb == u"sum.golang.google.cn")
        gosumdb = u"sum.golang.org https://sum.golang.google.cn"_s;

    SumDbConfig cfg;
    if (gosumdb == u"off") {
        cfg.m_off = true;
        return cfg;
    }

    QStringList fields;
    QString field;
    for (const QChar c : gosumdb) {
        if (isSpace(c)) {
            if (!field.isEmpty())
                fields.append(std::exchange(field, QString()));
        } else {
            field += c;
        }
    }
    if (!field.isEmpty())
        fields.append(field);
    if (!fields.isEmpty() && fields.first() == u"sum.golang.org")
        fields.first() = QString::fromUtf16(GoSumDbKey);
    if (fields.isEmpty())
        return sumdbError(u"missing GOSUMDB"_s);
    if (fields.size() > 2)
        return sumdbError(u"invalid GOSUMDB: too many fields"_s);

    const Expected<QString> name = verifierName(fields.first());
    if (!name)
        return name.error();
    // No funny business in the database name: host[/path] only.
    const Expected<GoUrl> direct = GoUrl::parse(u"https://"_s + *name);
    if (!direct || name->endsWith(u'/') || name->contains(u'%') || direct->host().isEmpty()
        || direct->hasUserinfo() || direct->hasQuery() || direct->hasFragment()) {
        return sumdbError(u"invalid sumdb name (must be host[/path]): "_s + *name);
    }
    if (fields.size() == 2) {
        const Expected<GoUrl> url = GoUrl::parse(fields.at(1));
        if (!url)
            return sumdbError(u"invalid GOSUMDB URL: "_s + url.error().message);
        cfg.m_url = fields.at(1);
    }
    cfg.m_name = *name;
    cfg.m_key = fields.first();
    return cfg;
}

} // namespace mk
