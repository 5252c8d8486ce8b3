// SPDX-License-Identifier: GPL-3.0-or-later
#include "Credential.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace mk {

namespace {

bool hasControl(const QString &s)
{
    for (const QChar c : s) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == QChar(0x85) || c == QChar(0x2028)
            || c == QChar(0x2029))
            return true;
    }
    return false;
}

void overwrite(QString &s)
{
    s.fill(u'\0');
    s.clear();
}

} // namespace

QByteArray Credential::basicAuthorization() const
{
    return "Basic " + (username + u':' + secret).toUtf8().toBase64();
}

Status Credential::validate() const
{
    if (hasControl(username))
        return Error::make(Error::Code::InvalidArgument,
                           u"the user name contains a control character"_s, u"user"_s);
    if (username.contains(u':'))
        return Error::make(Error::Code::InvalidArgument,
                           u"the user name cannot contain ':' (basic authentication)"_s, u"user"_s);
    if (secret.isEmpty())
        return Error::make(Error::Code::InvalidArgument, u"the password or token is empty"_s,
                           u"secret"_s);
    if (hasControl(secret))
        return Error::make(Error::Code::InvalidArgument,
                           u"the password or token contains a control character (a line break?)"_s,
                           u"secret"_s);
    return {};
}

QByteArray Credential::toKeychainData() const
{
    return QJsonDocument(QJsonObject{{u"username"_s, username}, {u"secret"_s, secret}})
        .toJson(QJsonDocument::Compact);
}

Expected<Credential> Credential::fromKeychainData(const QByteArray &data)
{
    const QJsonDocument doc = QJsonDocument::fromJson(data);
    if (!doc.isObject() || !doc.object().value(u"secret"_s).isString())
        return Error::make(Error::Code::InvalidArgument,
                           u"the keychain entry is not in ModKeeper's format"_s);
    Credential c;
    c.username = doc.object().value(u"username"_s).toString();
    c.secret = doc.object().value(u"secret"_s).toString();
    return c;
}

void Credential::wipe()
{
    overwrite(username);
    overwrite(secret);
}

} // namespace mk
