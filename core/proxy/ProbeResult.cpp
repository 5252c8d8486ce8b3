// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProbeResult.h"

using namespace Qt::StringLiterals;

namespace mk {

QString ProbeResult::statusName(Status status)
{
    switch (status) {
    case Status::Ok:
        return u"ok"_s;
    case Status::NotFound:
        return u"not found"_s;
    case Status::HttpError:
        return u"http error"_s;
    case Status::Timeout:
        return u"timeout"_s;
    case Status::NetworkError:
        return u"network error"_s;
    case Status::Refused:
        return u"refused"_s;
    case Status::Skipped:
        return u"skipped"_s;
    case Status::Cancelled:
        return u"cancelled"_s;
    }
    return {};
}

QJsonObject ProbeResult::toJson() const
{
    QJsonObject o{{u"preset"_s, preset},         {u"url"_s, url},
                  {u"requestUrl"_s, requestUrl}, {u"status"_s, statusName(status)},
                  {u"httpCode"_s, httpCode},     {u"latencyMs"_s, latencyMs},
                  {u"fastest"_s, fastest},       {u"credentialsSent"_s, credentialsSent},
                  {u"redirects"_s, redirects}};
    if (!error.isEmpty())
        o.insert(u"error"_s, error);
    if (!credentialNote.isEmpty())
        o.insert(u"credentialNote"_s, credentialNote);
    if (!viaProxy.isEmpty())
        o.insert(u"viaProxy"_s, viaProxy);
    return o;
}

} // namespace mk
