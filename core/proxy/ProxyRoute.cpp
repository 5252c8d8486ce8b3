// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProxyRoute.h"

#include <QJsonArray>

#include "common/GoUrl.h"
#include "module/ModulePath.h"
#include "proxy/ProxyList.h"
#include "proxy/SumDbConfig.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

QString quoted(const QString &s)
{
    return u'"' + s + u'"';
}

// Which variable a pattern came from, for the explanation.
QString patternSource(const QString &own, const QString &ownName)
{
    if (!own.isEmpty())
        return ownName;
    return u"GOPRIVATE (%1 defaults to it)"_s.arg(ownName);
}

QString kindName(ProxyRoute::Kind k)
{
    switch (k) {
    case ProxyRoute::Kind::Proxies:
        return u"proxies"_s;
    case ProxyRoute::Kind::Direct:
        return u"direct"_s;
    case ProxyRoute::Kind::Disabled:
        return u"disabled"_s;
    case ProxyRoute::Kind::Invalid:
        return u"invalid"_s;
    }
    return {};
}

QString stepKindName(ProxyRoute::Step::Kind k)
{
    switch (k) {
    case ProxyRoute::Step::Kind::Proxy:
        return u"proxy"_s;
    case ProxyRoute::Step::Kind::Direct:
        return u"direct"_s;
    case ProxyRoute::Step::Kind::Off:
        return u"off"_s;
    }
    return {};
}

} // namespace

QString ProxyRoute::matchingPattern(const QString &globs, const QString &path)
{
    const QStringList list = globs.split(u',');
    for (const QString &glob : list) {
        if (!glob.isEmpty() && ModulePath::matchPrefixPatterns(glob, path))
            return glob;
    }
    return {};
}

Expected<ProxyRoute> ProxyRoute::forModule(const QString &modulePath, const ProxySettings &settings)
{
    if (Status st = ModulePath::checkPath(modulePath); !st) {
        Error e = st.error();
        if (e.subject.isEmpty())
            e.subject = modulePath;
        return e;
    }

    ProxyRoute r;
    r.module = modulePath;
    const QString noProxy = settings.effectiveNoProxy();
    const bool insecure = ModulePath::matchPrefixPatterns(settings.goinsecure, modulePath);

    const Expected<ProxyList> list = ProxyList::parse(settings.goproxy, noProxy);
    if (!list) {
        r.kind = Kind::Invalid;
        r.error = list.error();
        r.reason = u"every fetch fails: "_s + list.error().message;
    } else if (const QString glob = matchingPattern(noProxy, modulePath); !glob.isEmpty()) {
        // modfetch.lookup: for a GONOPROXY match only "noproxy" and "direct" do anything; every
        // other entry, "off" included, is skipped. So GOPROXY=off still fetches such a module
        // directly (the hidden noproxy entry comes first), and a private proxy is never used.
        r.kind = Kind::Direct;
        r.noProxyPattern = glob;
        r.steps.append({Step::Kind::Direct, u"direct"_s, false, insecure});
        r.reason = u"%1 pattern %2 matches, so go fetches it directly from version control and "
                   u"skips every "
                   "proxy in GOPROXY"_s.arg(patternSource(settings.gonoproxy, u"GONOPROXY"_s),
                                            quoted(glob));
    } else {
        for (const ProxyList::Entry &e : list->entries()) {
            switch (e.kind) {
            case ProxyList::Entry::Kind::NoProxy:
                break; // not found for a path that does not match: falls through
            case ProxyList::Entry::Kind::Proxy:
                r.steps.append({Step::Kind::Proxy, GoUrl::redact(e.url), e.fallBackOnError, false});
                break;
            case ProxyList::Entry::Kind::Direct:
                r.steps.append({Step::Kind::Direct, u"direct"_s, false, insecure});
                break;
            case ProxyList::Entry::Kind::Off:
                r.steps.append({Step::Kind::Off, u"off"_s, false, false});
                break;
            }
        }
        switch (r.steps.first().kind) {
        case Step::Kind::Proxy:
            r.kind = Kind::Proxies;
            r.reason = noProxy.isEmpty()
                           ? u"GOPROXY lists these proxies"_s
                           : u"no GONOPROXY/GOPRIVATE pattern matches, so GOPROXY applies"_s;
            break;
        case Step::Kind::Direct:
            r.kind = Kind::Direct;
            r.reason = u"GOPROXY starts with direct"_s;
            break;
        case Step::Kind::Off:
            r.kind = Kind::Disabled;
            r.reason = u"module lookup disabled by GOPROXY=off"_s;
            break;
        }
    }

    // modfetch.useSumDB
    const QString noSumDb = settings.effectiveNoSumDb();
    bool checked = settings.gosumdb != u"off";
    if (modulePath == u"golang.org/toolchain") {
        // Toolchains cannot be listed in go.sum: always checked, except when testing a
        // distribution through a single file:// proxy.
        const bool fileOnly = settings.goproxy.startsWith(u"file://"_s)
                              && !settings.goproxy.contains(u',')
                              && !settings.goproxy.contains(u'|');
        checked = !fileOnly || checked;
        if (!fileOnly)
            r.checksumReason = u"go always checks toolchain downloads"_s;
    }
    if (checked && r.checksumReason.isEmpty()) {
        if (const QString glob = matchingPattern(noSumDb, modulePath); !glob.isEmpty()) {
            checked = false;
            r.noSumDbPattern = glob;
            r.checksumReason
                = u"%1 pattern %2 matches: go trusts whatever it downloads first"_s.arg(
                    patternSource(settings.gonosumdb, u"GONOSUMDB"_s), quoted(glob));
        }
    }
    r.checksumDbChecked = checked;
    if (!checked && r.checksumReason.isEmpty())
        r.checksumReason = u"GOSUMDB=off: no checksum database checks any module"_s;
    if (checked) {
        const Expected<SumDbConfig> db = SumDbConfig::parse(settings.gosumdb);
        if (!db) {
            r.checksumDbError = db.error().message;
            if (r.checksumReason.isEmpty())
                r.checksumReason = u"the checksum database would be consulted, but go fails: "_s
                                   + db.error().message;
        } else {
            r.checksumDbName = db->name();
            r.checksumDbUrl = db->explicitUrl();
            if (r.checksumReason.isEmpty())
                r.checksumReason = u"checked by "_s + db->name();
        }
    }
    return r;
}

QString ProxyRoute::describe() const
{
    QString out = module + u": "_s;
    switch (kind) {
    case Kind::Invalid:
        out += u"GOPROXY is invalid, so every fetch fails: "_s + error.message;
        break;
    case Kind::Disabled:
        out += u"module lookup disabled by GOPROXY=off"_s;
        break;
    case Kind::Direct:
    case Kind::Proxies: {
        QStringList parts;
        for (qsizetype i = 0; i < steps.size(); ++i) {
            const Step &s = steps.at(i);
            QString part;
            if (s.kind == Step::Kind::Proxy)
                part = s.url;
            else if (s.kind == Step::Kind::Direct)
                part
                    = s.insecure
                          ? u"direct from version control (GOINSECURE allows http and unverified TLS)"_s
                          : u"direct from version control"_s;
            else
                part = u"off (fails: module lookup disabled)"_s;
            if (i + 1 < steps.size())
                part += s.fallBackOnError ? u" (on any error try the next)"_s
                                          : u" (on 404/410 try the next)"_s;
            parts.append(part);
        }
        out += u"fetched from "_s + parts.join(u", then "_s) + u"; "_s + reason;
        break;
    }
    }
    out += u".\nChecksum database: "_s + (checksumDbChecked ? u"checked"_s : u"NOT checked"_s)
           + u" ("_s + checksumReason + u")."_s;
    return out;
}

QJsonObject ProxyRoute::toJson() const
{
    QJsonArray stepArray;
    for (const Step &s : steps) {
        stepArray.append(QJsonObject{{u"kind"_s, stepKindName(s.kind)},
                                     {u"url"_s, s.url},
                                     {u"fallBackOnError"_s, s.fallBackOnError},
                                     {u"insecure"_s, s.insecure}});
    }
    QJsonObject o{{u"module"_s, module},
                  {u"route"_s, kindName(kind)},
                  {u"steps"_s, stepArray},
                  {u"reason"_s, reason},
                  {u"noProxyPattern"_s, noProxyPattern},
                  {u"checksumDb"_s, QJsonObject{{u"checked"_s, checksumDbChecked},
                                                {u"reason"_s, checksumReason},
                                                {u"name"_s, checksumDbName},
                                                {u"url"_s, checksumDbUrl},
                                                {u"error"_s, checksumDbError},
                                                {u"noSumDbPattern"_s, noSumDbPattern}}}};
    if (error.isError())
        o.insert(u"error"_s, error.message);
    return o;
}

} // namespace mk
