// SPDX-License-Identifier: GPL-3.0-or-later
#include "GoAuthHelper.h"

#include "common/GoUrl.h"
#include "keychain/CredentialStore.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

Error refuse(const QString &why)
{
    // The subject is not echoed: the URL may be what an attacker crafted.
    return Error::make(Error::Code::Refused, why, u"goauth"_s);
}

} // namespace

Expected<QStringList> GoAuthHelper::keysForRequestUrl(const QString &url)
{
    for (const QChar c : url) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == QChar(0x85) || c == QChar(0x2028)
            || c == QChar(0x2029))
            return refuse(
                u"the URL contains a control character (CR, LF or NUL); no credentials given"_s);
        if (c.isSpace())
            return refuse(u"the URL contains white space; no credentials given"_s);
    }
    const Expected<GoUrl> u = GoUrl::parse(url);
    if (!u)
        return refuse(u"the URL does not parse; no credentials given"_s);
    if (u->scheme() != u"https")
        return refuse(u"credentials are only given for https URLs"_s);
    if (u->hasUserinfo())
        return refuse(u"the URL carries user info; no credentials given"_s);
    if (u->host().isEmpty())
        return refuse(u"the URL has no host; no credentials given"_s);
    const QStringList keys = CredentialStore::keysForUrl(url);
    if (keys.isEmpty())
        return refuse(u"the URL has no usable host; no credentials given"_s);
    return keys;
}

Expected<QByteArray> GoAuthHelper::credentialSet(const QString &hostKey,
                                                 const Credential &credential)
{
    const Expected<QString> key = CredentialStore::normalizeHost(hostKey);
    if (!key || *key != hostKey)
        return refuse(u"not a normalised host key"_s);
    if (Status st = credential.validate(); !st)
        return st.error();
    return QByteArray("https://" + hostKey.toUtf8()
                      + "/\n\nAuthorization: " + credential.basicAuthorization() + "\n\n");
}

Expected<QString> GoAuthHelper::goauthValue(const QString &cliPath)
{
    for (const QChar c : cliPath) {
        if (c.isSpace() || c.unicode() < 0x20)
            return Error::make(
                Error::Code::Unsupported,
                u"go splits GOAUTH commands on spaces without quoting; install modkeeper-cli in a "
                "directory without spaces"_s,
                cliPath);
    }
    return QString(cliPath + u" goauth"_s);
}

} // namespace mk
