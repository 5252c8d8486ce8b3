// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProxyRoute.h"

#include <QCoreApplication>
#include <QJsonArray>

#include "common/GoUrl.h"
#include "module/ModulePath.h"
#include "proxy/ProxyList.h"
#include "proxy/SumDbConfig.h"

using namespace Qt::StringLiterals;

namespace mk {

// The explanations are shown by the GUI too (details pane, proxy settings): translated there.
// The CLI installs no translator, so its text and --json stay English, like go's.

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
    return QCoreApplication::translate("mk::ProxyRoute", "GOPRIVATE (%1 defaults to it)")
        .arg(ownName);
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
        r.reason = QCoreApplication::translate("mk::ProxyRoute", "every fetch fails: %1")
                       .arg(list.error().message);
    } else if (const QString glob = matchingPattern(noProxy, modulePath); !glob.isEmpty()) {
        // modfetch.lookup: for a GONOPROXY match only "noproxy" and "direct" do anything; every
        // other entry, "off" included, is skipped. So GOPROXY=off still fetches such a module
        // directly (the hidden noproxy entry comes first), and a private proxy is never used.
        r.kind = Kind::Direct;
        r.noProxyPattern = glob;
        r.steps.append({Step::Kind::Direct, u"direct"_s, false, insecure});
        r.reason = QCoreApplication::translate("mk::ProxyRoute",
                                               "%1 pattern %2 matches, so go fetches it "
                                               "directly from version control and skips every "
                                               "proxy in GOPROXY")
                       .arg(patternSource(settings.gonoproxy, u"GONOPROXY"_s), quoted(glob));
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
            r.reason
                = noProxy.isEmpty()
                      ? QCoreApplication::translate("mk::ProxyRoute", "GOPROXY lists these proxies")
                      : QCoreApplication::translate("mk::ProxyRoute",
                                                    "no GONOPROXY/GOPRIVATE pattern matches, "
                                                    "so GOPROXY applies");
            break;
        case Step::Kind::Direct:
            r.kind = Kind::Direct;
            r.reason = QCoreApplication::translate("mk::ProxyRoute", "GOPROXY starts with direct");
            break;
        case Step::Kind::Off:
            r.kind = Kind::Disabled;
            r.reason = QCoreApplication::translate("mk::ProxyRoute",
                                                   "module lookup disabled by GOPROXY=off");
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
            r.checksumReason = QCoreApplication::translate("mk::ProxyRoute",
                                                           "go always checks toolchain downloads");
    }
    if (checked && r.checksumReason.isEmpty()) {
        if (const QString glob = matchingPattern(noSumDb, modulePath); !glob.isEmpty()) {
            checked = false;
            r.noSumDbPattern = glob;
            r.checksumReason
                = QCoreApplication::translate("mk::ProxyRoute",
                                              "%1 pattern %2 matches: go trusts whatever it "
                                              "downloads first")
                      .arg(patternSource(settings.gonosumdb, u"GONOSUMDB"_s), quoted(glob));
        }
    }
    r.checksumDbChecked = checked;
    if (!checked && r.checksumReason.isEmpty())
        r.checksumReason = QCoreApplication::translate(
            "mk::ProxyRoute", "GOSUMDB=off: no checksum database checks any module");
    if (checked) {
        const Expected<SumDbConfig> db = SumDbConfig::parse(settings.gosumdb);
        if (!db) {
            r.checksumDbError = db.error().message;
            if (r.checksumReason.isEmpty())
                r.checksumReason = QCoreApplication::translate("mk::ProxyRoute",
                                                               "the checksum database would be "
                                                               "consulted, but go fails: %1")
                                       .arg(db.error().message);
        } else {
            r.checksumDbName = db->name();
            r.checksumDbUrl = db->explicitUrl();
            if (r.checksumReason.isEmpty())
                r.checksumReason = QCoreApplication::translate("mk::ProxyRoute", "checked by %1")
                                       .arg(db->name());
        }
    }
    return r;
}

QString ProxyRoute::describe() const
{
    QString out = module + u": "_s;
    switch (kind) {
    case Kind::Invalid:
        out += QCoreApplication::translate("mk::ProxyRoute",
                                           "GOPROXY is invalid, so every fetch fails: %1")
                   .arg(error.message);
        break;
    case Kind::Disabled:
        out += QCoreApplication::translate("mk::ProxyRoute",
                                           "module lookup disabled by GOPROXY=off");
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
                part = s.insecure
                           ? QCoreApplication::translate("mk::ProxyRoute",
                                                         "direct from version control (GOINSECURE "
                                                         "allows http and unverified TLS)")
                           : QCoreApplication::translate("mk::ProxyRoute",
                                                         "direct from version control");
            else
                part = QCoreApplication::translate("mk::ProxyRoute",
                                                   "off (fails: module lookup disabled)");
            if (i + 1 < steps.size())
                part = (s.fallBackOnError ? QCoreApplication::translate(
                            "mk::ProxyRoute", "%1 (on any error try the next)")
                                          : QCoreApplication::translate(
                                              "mk::ProxyRoute", "%1 (on 404/410 try the next)"))
                           .arg(part);
            parts.append(part);
        }
        out += QCoreApplication::translate("mk::ProxyRoute", "fetched from %1; %2")
                   .arg(parts.join(QCoreApplication::translate("mk::ProxyRoute", ", then ")),
                        reason);
        break;
    }
    }
    return (checksumDbChecked ? QCoreApplication::translate("mk::ProxyRoute",
                                                            "%1.\nChecksum database: checked (%2).")
                              : QCoreApplication::translate(
                                  "mk::ProxyRoute", "%1.\nChecksum database: NOT checked (%2)."))
        .arg(out, checksumReason);
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
