// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProxySafetyCheck.h"

#include "common/GoUrl.h"
#include "proxy/ProxyList.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

QStringList broadPatterns(const QString &globs)
{
    QStringList out;
    const QStringList list = globs.split(u',');
    for (const QString &g : list) {
        if (!g.isEmpty() && ProxySafetyCheck::isBroadPattern(g))
            out.append(g);
    }
    return out;
}

QString quotedList(const QStringList &l)
{
    QStringList q;
    for (const QString &s : l)
        q.append(u'"' + s + u'"');
    return q.join(u", "_s);
}

} // namespace

bool ProxySafetyCheck::isBroadPattern(const QString &globIn)
{
    QString glob = globIn;
    while (glob.endsWith(u'/'))
        glob.chop(1);
    if (glob.isEmpty())
        return false;
    const QString first = glob.section(u'/', 0, 0);
    static const QStringList publicHosts
        = {u"github.com"_s,        u"gitlab.com"_s, u"bitbucket.org"_s,       u"golang.org"_s,
           u"google.golang.org"_s, u"gopkg.in"_s,   u"go.googlesource.com"_s, u"codeberg.org"_s};
    if (!glob.contains(u'/') && publicHosts.contains(first))
        return true;
    int literal = 0;
    const QStringList labels = first.split(u'.');
    for (const QString &label : labels) {
        if (!label.isEmpty() && !label.contains(u'*') && !label.contains(u'?')
            && !label.contains(u'['))
            ++literal;
    }
    return literal < 2;
}

QList<ProxySafetyCheck::Warning> ProxySafetyCheck::check(
    const QList<std::pair<QString, QString>> &values)
{
    QList<Warning> out;
    for (const auto &[name, value] : values) {
        if (value.isEmpty())
            continue;
        if (name == u"GOSUMDB" && value == u"off") {
            out.append({name, value,
                        u"GOSUMDB=off turns off the checksum database for every module: a "
                        u"compromised proxy or "
                        "repository could serve altered code and go would not notice"_s});
        } else if (name == u"GONOSUMDB" || name == u"GOPRIVATE") {
            if (const QStringList broad = broadPatterns(value); !broad.isEmpty()) {
                out.append(
                    {name, value,
                     u"%1 %2 matches (nearly) every module, so the checksum database checks (nearly) nothing%3"_s
                         .arg(name, quotedList(broad),
                              name == u"GOPRIVATE" ? u" and the proxies are bypassed"_s
                                                   : QString())});
            }
        } else if (name == u"GOINSECURE") {
            const QStringList broad = broadPatterns(value);
            out.append(
                {name, value,
                 broad.isEmpty()
                     ? u"GOINSECURE lets go fetch matching modules directly over plain http and "
                       u"without TLS "
                       "certificate checks"_s
                     : u"GOINSECURE %1 allows plain http and unverified TLS for (nearly) every direct fetch"_s
                           .arg(quotedList(broad))});
        } else if (name == u"GOPROXY") {
            const Expected<ProxyList> list = ProxyList::parse(value);
            if (!list)
                continue;
            for (const QString &url : list->proxyUrls()) {
                if (url.startsWith(u"http://"_s)) {
                    out.append({name, value,
                                u"%1 is plain http: anyone on the network path can read or alter "
                                u"what it serves "
                                "(the checksum database still protects public modules)"_s.arg(
                                    GoUrl::redact(url))});
                }
            }
        }
    }
    return out;
}

Status ProxySafetyCheck::checkCredentialTransport(const QString &goproxy,
                                                  const QStringList &credentialHosts)
{
    const Expected<ProxyList> list = ProxyList::parse(goproxy);
    if (!list)
        return {};
    for (const QString &url : list->proxyUrls()) {
        const Expected<GoUrl> u = GoUrl::parse(url);
        if (!u || u->scheme() != u"http")
            continue;
        const QString host = u->host().toLower();
        const QString hostname = u->hostname().toLower();
        if (credentialHosts.contains(host) || credentialHosts.contains(hostname)) {
            return Error::make(Error::Code::Refused,
                               u"a credential is stored for %1, but %2 is plain http: credentials "
                               u"are only sent over "
                               "https (use https://%1)"_s.arg(u->host(), GoUrl::redact(url)),
                               u"GOPROXY"_s);
        }
    }
    return {};
}

} // namespace mk
