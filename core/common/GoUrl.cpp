// SPDX-License-Identifier: GPL-3.0-or-later
#include "GoUrl.h"

#include "common/GoQuote.h"

using namespace Qt::StringLiterals;

// Follows net/url (go1.19 and go1.23 agree on everything used here): Parse, parse,
// getScheme, parseAuthority, parseHost, unescape, shouldEscape, validUserinfo, Redacted.

namespace mk {

namespace {

enum class Mode {
    Path,
    Host,
    UserPassword,
    Fragment
};

bool isHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int unhex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return c - 'A' + 10;
}

bool isAlnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// shouldEscape, for the modes unescape consults it in (host only).
bool hostShouldEscape(char c)
{
    if (isAlnum(c))
        return false;
    switch (c) {
    case '!':
    case '$':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '*':
    case '+':
    case ',':
    case ';':
    case '=':
    case ':':
    case '[':
    case ']':
    case '<':
    case '>':
    case '"':
    case '-':
    case '_':
    case '.':
    case '~':
        return false;
    default:
        return true;
    }
}

// Returns go's error text, or an empty string when s unescapes cleanly.
QString unescapeError(const QByteArray &s, Mode mode)
{
    for (qsizetype i = 0; i < s.size();) {
        const char c = s.at(i);
        if (c == '%') {
            if (i + 2 >= s.size() || !isHex(s.at(i + 1)) || !isHex(s.at(i + 2)))
                return u"invalid URL escape "_s + GoQuote::bytes(s.mid(i, 3));
            // A host may %-encode only non-ASCII bytes (and "%25").
            if (mode == Mode::Host && unhex(s.at(i + 1)) < 8 && s.mid(i, 3) != "%25")
                return u"invalid URL escape "_s + GoQuote::bytes(s.mid(i, 3));
            i += 3;
            continue;
        }
        if (mode == Mode::Host && uchar(c) < 0x80 && hostShouldEscape(c))
            return u"invalid character "_s + GoQuote::bytes(QByteArray(1, c)) + u" in host name"_s;
        ++i;
    }
    return {};
}

QByteArray unescaped(const QByteArray &s)
{
    QByteArray out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s.at(i) == '%' && i + 2 < s.size()) {
            out.append(char(unhex(s.at(i + 1)) << 4 | unhex(s.at(i + 2))));
            i += 2;
        } else {
            out.append(s.at(i));
        }
    }
    return out;
}

bool validOptionalPort(const QByteArray &port)
{
    if (port.isEmpty())
        return true;
    if (port.front() != ':')
        return false;
    for (qsizetype i = 1; i < port.size(); ++i) {
        if (port.at(i) < '0' || port.at(i) > '9')
            return false;
    }
    return true;
}

bool validUserinfo(const QByteArray &s)
{
    for (const char c : s) {
        if (isAlnum(c))
            continue;
        switch (c) {
        case '-':
        case '.':
        case '_':
        case ':':
        case '~':
        case '!':
        case '$':
        case '&':
        case '\'':
        case '(':
        case ')':
        case '*':
        case '+':
        case ',':
        case ';':
        case '=':
        case '%':
        case '@':
            continue;
        default:
            return false; // includes every non-ASCII byte, as go rejects non-ASCII runes
        }
    }
    return true;
}

// parseHost: the port check, then the character check.
QString hostError(const QByteArray &host)
{
    if (host.startsWith('[')) {
        const qsizetype i = host.lastIndexOf(']');
        if (i < 0)
            return u"missing ']' in host"_s;
        const QByteArray colonPort = host.mid(i + 1);
        if (!validOptionalPort(colonPort))
            return u"invalid port %1 after host"_s.arg(GoQuote::bytes(colonPort));
        const qsizetype zone = host.left(i).indexOf("%25");
        if (zone >= 0) {
            // The zone may %-encode anything; only the parts around it are host-checked.
            if (QString e = unescapeError(host.left(zone), Mode::Host); !e.isEmpty())
                return e;
            return unescapeError(host.mid(i), Mode::Host);
        }
    } else if (const qsizetype i = host.lastIndexOf(':'); i >= 0) {
        const QByteArray colonPort = host.mid(i);
        if (!validOptionalPort(colonPort))
            return u"invalid port %1 after host"_s.arg(GoQuote::bytes(colonPort));
    }
    return unescapeError(host, Mode::Host);
}

} // namespace

Expected<GoUrl> GoUrl::parse(const QString &rawText)
{
    const QByteArray raw = rawText.toUtf8();
    GoUrl url;
    url.m_raw = rawText;

    const qsizetype hash = raw.indexOf('#');
    const QByteArray u = hash < 0 ? raw : raw.left(hash);
    const auto fail = [](const QByteArray &what, const QString &why) {
        return Error::make(Error::Code::InvalidArgument,
                           u"parse "_s + GoQuote::bytes(what) + u": "_s + why);
    };

    for (const char c : u) {
        if (uchar(c) < 0x20 || c == 0x7f)
            return fail(u, u"net/url: invalid control character in URL"_s);
    }
    if (u == "*") {
        url.m_path = u"*"_s;
        return url;
    }

    // getScheme
    QByteArray rest = u;
    for (qsizetype i = 0; i < u.size(); ++i) {
        const char c = u.at(i);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            continue;
        if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
            if (i == 0)
                break;
            continue;
        }
        if (c == ':') {
            if (i == 0)
                return fail(u, u"missing protocol scheme"_s);
            url.m_scheme = QString::fromUtf8(u.left(i)).toLower();
            rest = u.mid(i + 1);
        }
        break;
    }

    if (rest.endsWith('?') && rest.count('?') == 1) {
        url.m_hasQuery = true;
        rest.chop(1);
    } else if (const qsizetype q = rest.indexOf('?'); q >= 0) {
        url.m_hasQuery = true;
        rest = rest.left(q);
    }

    if (!rest.startsWith('/')) {
        if (!url.m_scheme.isEmpty()) {
            url.m_opaque = QString::fromUtf8(rest);
            return url;
        }
        const qsizetype slash = rest.indexOf('/');
        if ((slash < 0 ? rest : rest.left(slash)).contains(':'))
            return fail(u, u"first path segment in URL cannot contain colon"_s);
    }

    if ((!url.m_scheme.isEmpty() || !rest.startsWith("///")) && rest.startsWith("//")) {
        QByteArray authority = rest.mid(2);
        rest.clear();
        if (const qsizetype slash = authority.indexOf('/'); slash >= 0) {
            rest = authority.mid(slash);
            authority = authority.left(slash);
        }
        url.m_hasAuthority = true;
        const qsizetype at = authority.lastIndexOf('@');
        const QByteArray host = at < 0 ? authority : authority.mid(at + 1);
        if (QString e = hostError(host); !e.isEmpty())
            return fail(u, e);
        if (at >= 0) {
            const QByteArray userinfo = authority.left(at);
            if (!validUserinfo(userinfo))
                return fail(u, u"net/url: invalid userinfo"_s);
            if (QString e = unescapeError(userinfo, Mode::UserPassword); !e.isEmpty())
                return fail(u, e);
            url.m_hasUserinfo = true;
            url.m_hasPassword = userinfo.contains(':');
        }
        url.m_host = QString::fromUtf8(unescaped(host));
    }

    if (QString e = unescapeError(rest, Mode::Path); !e.isEmpty())
        return fail(u, e);
    url.m_path = QString::fromUtf8(unescaped(rest));

    if (hash >= 0) {
        url.m_hasFragment = true;
        if (QString e = unescapeError(raw.mid(hash + 1), Mode::Fragment); !e.isEmpty())
            return fail(raw, e);
    }
    return url;
}

QString GoUrl::hostname() const
{
    if (m_host.startsWith(u'[')) {
        const qsizetype end = m_host.indexOf(u']');
        return end < 0 ? m_host.mid(1) : m_host.mid(1, end - 1);
    }
    const qsizetype colon = m_host.lastIndexOf(u':');
    return colon < 0 ? m_host : m_host.left(colon);
}

QString GoUrl::port() const
{
    const qsizetype bracket = m_host.lastIndexOf(u']');
    const qsizetype colon = m_host.lastIndexOf(u':');
    if (colon < 0 || colon < bracket)
        return {};
    return m_host.mid(colon + 1);
}

QString GoUrl::redacted() const
{
    if (!m_hasPassword)
        return m_raw;
    // Only the password goes, as in go's Redacted(): scheme://user:xxxxx@host/...
    const qsizetype start = m_raw.indexOf(u"//"_s);
    if (start < 0)
        return redact(m_raw);
    qsizetype end = m_raw.indexOf(u'/', start + 2);
    if (end < 0)
        end = m_raw.size();
    const qsizetype at = m_raw.lastIndexOf(u'@', end - 1);
    if (at < start)
        return redact(m_raw);
    const QString userinfo = m_raw.mid(start + 2, at - start - 2);
    const QString user = userinfo.left(userinfo.indexOf(u':'));
    return m_raw.left(start + 2) + user + u":xxxxx"_s + m_raw.mid(at);
}

QString GoUrl::redact(const QString &raw)
{
    const qsizetype start = raw.indexOf(u"//"_s);
    if (start < 0)
        return raw.contains(u'@') ? raw.mid(raw.lastIndexOf(u'@') + 1).prepend(u"xxxxx@"_s) : raw;
    qsizetype end = raw.size();
    for (const QChar stop : {u'/', u'?', u'#'}) {
        const qsizetype i = raw.indexOf(stop, start + 2);
        if (i >= 0 && i < end)
            end = i;
    }
    const qsizetype at = raw.lastIndexOf(u'@', end - 1);
    if (at < start + 2)
        return raw;
    return raw.left(start + 2) + u"xxxxx"_s + raw.mid(at);
}

QString GoUrl::shown(const QUrl &url)
{
    return redact(url.toString(QUrl::RemoveUserInfo));
}

bool GoUrl::sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto defaultPort = [](const QUrl &u) { return u.scheme() == u"https" ? 443 : 80; };
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
           && a.port(defaultPort(a)) == b.port(defaultPort(b));
}

} // namespace mk
