// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProxyList.h"

#include <QCoreApplication>

#include "common/GoUrl.h"
#include "env/GoFilePath.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

Error proxyError(const QString &message)
{
    return Error::make(Error::Code::InvalidArgument, message, u"GOPROXY"_s);
}

// strings.TrimSpace: Unicode white space at both ends.
QString goTrimSpace(const QString &s)
{
    qsizetype b = 0;
    qsizetype e = s.size();
    const auto space = [](QChar c) {
        return c == u'\t' || c == u'\n' || c == u'\v' || c == u'\f' || c == u'\r' || c == u' '
               || c == QChar(0x85) || c == QChar(0xA0) || c.category() == QChar::Separator_Space
               || c.category() == QChar::Separator_Line
               || c.category() == QChar::Separator_Paragraph;
    };
    while (b < e && space(s.at(b)))
        ++b;
    while (e > b && space(s.at(e - 1)))
        --e;
    return s.mid(b, e - b);
}

// newProxyRepo's checks of the base URL.
Status checkProxyUrl(const QString &url)
{
    const Expected<GoUrl> parsed = GoUrl::parse(url);
    if (!parsed)
        return proxyError(parsed.error().message);
    const GoUrl &u = *parsed;
    const QString redacted = u.redacted();
    if (u.scheme() == u"http" || u.scheme() == u"https")
        return {};
    if (u.scheme() == u"file") {
        // file: URLs may hold nothing but a path: file:///abs/dir.
        if (u.hasUserinfo() || !u.host().isEmpty() || !u.opaque().isEmpty() || u.hasQuery()
            || u.hasFragment())
            return proxyError(u"invalid file:// proxy URL with non-path elements: "_s + redacted);
        return {};
    }
    if (u.scheme().isEmpty())
        return proxyError(u"invalid proxy URL missing scheme: "_s + redacted);
    return proxyError(u"invalid proxy URL scheme (must be https, http, file): "_s + redacted);
}

} // namespace

Expected<ProxyList> ProxyList::parseImpl(const QString &goproxy, const QString &gonoproxy,
                                         Platform platform, bool strict)
{
    using Kind = Entry::Kind;
    ProxyList list;
    QList<Entry> &entries = list.m_entries;
    if (!gonoproxy.isEmpty() && goproxy != u"direct")
        entries.append({Kind::NoProxy, u"noproxy"_s, false});

    QString rest = goproxy;
    while (!rest.isEmpty()) {
        QString url;
        bool fallBackOnError = false;
        qsizetype i = -1;
        for (qsizetype k = 0; k < rest.size(); ++k) {
            if (rest.at(k) == u',' || rest.at(k) == u'|') {
                i = k;
                break;
            }
        }
        if (i >= 0) {
            url = rest.left(i);
            fallBackOnError = rest.at(i) == u'|';
            rest = rest.mid(i + 1);
        } else {
            url = rest;
            rest.clear();
        }

        url = goTrimSpace(url);
        if (url.isEmpty())
            continue;
        if (url == u"off") {
            entries.append({Kind::Off, url, false});
            break;
        }
        if (url == u"direct") {
            // Later entries are ignored by go, for forward compatibility.
            entries.append({Kind::Direct, url, false});
            break;
        }
        // Single words are reserved; anything with ":/" or an absolute path must be a full
        // URL; "proxy.example.com" means https.
        const bool hasUrlChars = url.contains(u'.') || url.contains(u':') || url.contains(u'/');
        if (hasUrlChars && !url.contains(u":/"_s) && !GoFilePath::isAbs(url, platform)
            && !url.startsWith(u'/'))
            url.prepend(u"https://"_s);

        if (Status st = checkProxyUrl(url); !st) {
            Error e = st.error();
            if (strict && GoFilePath::isAbs(url, platform))
                e.message += u" (a directory needs a file:// URL: file://"_s + url + u')';
            return e;
        }
        if (strict) {
            const GoUrl u = GoUrl::parse(url).value();
            if (u.hasUserinfo()) {
                return Error::make(
                    Error::Code::Refused,
                    u"%1: a user name or password in a proxy URL would be stored in plain text in "
                    u"the "
                    "go env file and shown in go's error messages; remove it from the URL and "
                    "store "
                    "the credential in the keychain instead (modkeeper-cli proxy login %2)"_s.arg(
                        GoUrl::redact(url), u.host()),
                    u"GOPROXY"_s);
            }
            if ((u.scheme() == u"http" || u.scheme() == u"https") && u.host().isEmpty())
                return proxyError(u"proxy URL has no host: "_s + u.redacted());
            // Queries are where tokens hide; go would print them in every error message.
            if (u.hasQuery() || u.hasFragment()) {
                const qsizetype query = url.indexOf(u'?');
                const QString shown
                    = GoUrl::redact(url.left(query >= 0 ? query : url.indexOf(u'#')));
                return Error::make(
                    Error::Code::Refused,
                    u"%1: a query or fragment in a proxy URL is not supported (it often carries a "
                    "token, which would be stored in plain text); use the keychain for credentials"_s
                        .arg(shown),
                    u"GOPROXY"_s);
            }
        }
        entries.append({Kind::Proxy, url, fallBackOnError});
    }

    if (entries.isEmpty() || (entries.size() == 1 && entries.first().kind == Kind::NoProxy)) {
        // No proxies besides the implicit noproxy: "," or " " (or nothing at all).
        return proxyError(u"GOPROXY list is not the empty string, but contains no entries"_s);
    }
    return list;
}

Expected<ProxyList> ProxyList::parse(const QString &goproxy, const QString &gonoproxy,
                                     Platform platform)
{
    return parseImpl(goproxy, gonoproxy, platform, false);
}

Expected<ProxyList> ProxyList::parseStrict(const QString &goproxy, const QString &gonoproxy,
                                           Platform platform)
{
    return parseImpl(goproxy, gonoproxy, platform, true);
}

QStringList ProxyList::proxyUrls() const
{
    QStringList out;
    for (const Entry &e : m_entries) {
        if (e.kind == Entry::Kind::Proxy)
            out.append(e.url);
    }
    return out;
}

bool ProxyList::hasNoProxy() const
{
    return !m_entries.isEmpty() && m_entries.first().kind == Entry::Kind::NoProxy;
}

bool ProxyList::sameChainAs(const ProxyList &other) const
{
    QList<Entry> a = m_entries;
    QList<Entry> b = other.m_entries;
    a.removeIf([](const Entry &e) { return e.kind == Entry::Kind::NoProxy; });
    b.removeIf([](const Entry &e) { return e.kind == Entry::Kind::NoProxy; });
    // The separator after the last entry means nothing: nothing follows it.
    if (!a.isEmpty())
        a.last().fallBackOnError = false;
    if (!b.isEmpty())
        b.last().fallBackOnError = false;
    return a == b;
}

QString ProxyList::separatorExplanation()
{
    // Shown by the GUI too: translated there (the CLI installs no translator, so stays English).
    return QCoreApplication::translate(
        "mk::ProxyList",
        "After a proxy, ',' moves on to the next entry only when the module is not there (HTTP "
        "404 or 410), while '|' moves on after any error, timeouts included; direct fetches "
        "from version control, off stops.");
}

QString ProxyList::toString() const
{
    QString out;
    for (const Entry &e : m_entries) {
        if (e.kind == Entry::Kind::NoProxy)
            continue;
        if (!out.isEmpty())
            out += u',';
        out += e.url;
        // Rebuilt separators: '|' where the entry falls back on any error.
        if (e.fallBackOnError)
            out += u'|';
    }
    out.replace(u"|,"_s, u"|"_s);
    if (out.endsWith(u'|'))
        out.chop(1);
    return out;
}

} // namespace mk
