// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpProxyEnvironment.h"

#include <QProcessEnvironment>
#include <QRegularExpression>

#include "common/GoUrl.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

// os.Getenv of the first name with a non-empty value (httpproxy's getEnvAny).
QString envAny(const QHash<QString, QString> &env, const QString &upper, const QString &lower)
{
    const QString u = env.value(upper);
    return u.isEmpty() ? env.value(lower) : u;
}

bool isAscii(const QString &s)
{
    for (const QChar c : s) {
        if (c.unicode() >= 0x80)
            return false;
    }
    return true;
}

// httpproxy.idnaASCII: ASCII names stay as they are, others become punycode.
QString idnaAscii(const QString &host)
{
    if (isAscii(host))
        return host;
    QString name = host;
    const bool leadingDot = name.startsWith(u'.');
    if (leadingDot)
        name.remove(0, 1);
    const QByteArray ace = QUrl::toAce(name);
    if (ace.isEmpty())
        return host;
    return (leadingDot ? u"."_s : QString()) + QString::fromLatin1(ace);
}

// net.ParseIP: dotted-quad IPv4 (exactly four decimal parts) or IPv6.
std::optional<QHostAddress> parseIp(const QString &s)
{
    static const QRegularExpression v4(u"^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$"_s);
    if (!s.contains(u':') && !v4.match(s).hasMatch())
        return std::nullopt;
    if (s.contains(u'%') || s.contains(u'[')) // no zones, no brackets in ParseIP
        return std::nullopt;
    QHostAddress a;
    if (!a.setAddress(s))
        return std::nullopt;
    return a;
}

// net.SplitHostPort: "host:port" or "[v6]:port"; the port may be empty.
std::optional<std::pair<QString, QString>> splitHostPort(const QString &s)
{
    if (s.startsWith(u'[')) {
        const qsizetype close = s.indexOf(u']');
        if (close < 0 || close + 1 >= s.size() || s.at(close + 1) != u':')
            return std::nullopt;
        const QString port = s.mid(close + 2);
        if (port.contains(u':'))
            return std::nullopt;
        return std::pair{s.mid(1, close - 1), port};
    }
    const qsizetype colon = s.lastIndexOf(u':');
    if (colon < 0)
        return std::nullopt;
    const QString host = s.left(colon);
    if (host.contains(u':') || host.contains(u'[') || host.contains(u']'))
        return std::nullopt;
    return std::pair{host, s.mid(colon + 1)};
}

int defaultPort(const QString &scheme)
{
    if (scheme == u"https")
        return 443;
    if (scheme == u"socks5" || scheme == u"socks5h")
        return 1080;
    return 80;
}

} // namespace

HttpProxyEnvironment HttpProxyEnvironment::fromEnvironment(
    const QHash<QString, QString> &environment)
{
    HttpProxyEnvironment e;
    e.m_httpRaw = envAny(environment, u"HTTP_PROXY"_s, u"http_proxy"_s);
    e.m_httpsRaw = envAny(environment, u"HTTPS_PROXY"_s, u"https_proxy"_s);
    e.m_noProxyRaw = envAny(environment, u"NO_PROXY"_s, u"no_proxy"_s);
    e.m_cgi = !environment.value(u"REQUEST_METHOD"_s).isEmpty();
    // config.init: values that do not parse are dropped, as if unset.
    if (const Expected<QUrl> u = parseProxy(e.m_httpRaw); u && !u->isEmpty())
        e.m_http = *u;
    if (const Expected<QUrl> u = parseProxy(e.m_httpsRaw); u && !u->isEmpty())
        e.m_https = *u;
    e.parseNoProxy(e.m_noProxyRaw);
    return e;
}

HttpProxyEnvironment HttpProxyEnvironment::fromProcess()
{
    const QProcessEnvironment sys = QProcessEnvironment::systemEnvironment();
    QHash<QString, QString> env;
    for (const QString &k : {u"HTTP_PROXY"_s, u"http_proxy"_s, u"HTTPS_PROXY"_s, u"https_proxy"_s,
                             u"NO_PROXY"_s, u"no_proxy"_s, u"REQUEST_METHOD"_s}) {
        if (sys.contains(k))
            env.insert(k, sys.value(k));
    }
    return fromEnvironment(env);
}

Expected<QUrl> HttpProxyEnvironment::parseProxy(const QString &value)
{
    if (value.isEmpty())
        return QUrl();
    // go 1.23: anything without a scheme and a host is retried as "http://" + value
    // (go 1.19 retried anything not http, https or socks5: the same for real-world values).
    const Expected<GoUrl> parsed = GoUrl::parse(value);
    if (!parsed || parsed->scheme().isEmpty() || parsed->host().isEmpty()) {
        const QString withScheme = u"http://"_s + value;
        if (GoUrl::parse(withScheme))
            return QUrl(withScheme);
    }
    if (!parsed)
        return Error::make(
            Error::Code::InvalidArgument,
            u"invalid proxy address %1: %2"_s.arg(GoUrl::redact(value), parsed.error().message));
    return QUrl(value);
}

void HttpProxyEnvironment::parseNoProxy(const QString &value)
{
    const QStringList entries = value.split(u',');
    for (const QString &entry : entries) {
        const QString p = entry.trimmed().toLower();
        if (p.isEmpty())
            continue;
        if (p == u"*") {
            m_matchAll = true;
            m_ipMatchers.clear();
            m_domainMatchers.clear();
            return;
        }
        // IPv4/CIDR, IPv6/CIDR
        if (const qsizetype slash = p.indexOf(u'/'); slash > 0) {
            bool okPrefix = false;
            const QString bits = p.mid(slash + 1);
            const int prefix = bits.toInt(&okPrefix);
            const std::optional<QHostAddress> ip = parseIp(p.left(slash));
            static const QRegularExpression digits(u"^\\d+$"_s);
            if (ip && okPrefix && digits.match(bits).hasMatch() && prefix >= 0
                && prefix <= (ip->protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128)) {
                m_ipMatchers.append({*ip, prefix, {}});
                continue;
            }
        }
        // IPv4:port, [IPv6]:port
        QString phost;
        QString pport;
        if (const auto split = splitHostPort(p)) {
            phost = split->first;
            pport = split->second;
            if (phost.isEmpty())
                continue; // no host part: malformed, ignored
        } else {
            phost = p;
        }
        if (const std::optional<QHostAddress> ip = parseIp(phost)) {
            m_ipMatchers.append({*ip, -1, pport});
            continue;
        }
        if (phost.isEmpty())
            continue;
        // foo.com matches bar.foo.com; .foo.com and *.foo.com only subdomains.
        if (phost.startsWith(u"*."_s))
            phost.remove(0, 1);
        bool matchHost = false;
        if (!phost.startsWith(u'.')) {
            matchHost = true;
            phost.prepend(u'.');
        }
        m_domainMatchers.append({idnaAscii(phost), pport, matchHost});
    }
}

bool HttpProxyEnvironment::useProxy(const QString &hostIn, int port) const
{
    const QString host = hostIn;
    if (host.isEmpty())
        return true;
    if (host == u"localhost")
        return false;
    const std::optional<QHostAddress> ip = parseIp(host);
    if (ip && ip->isLoopback())
        return false;
    if (m_matchAll)
        return false;
    const QString addr = host.trimmed().toLower();
    const QString portText = QString::number(port);
    if (ip) {
        for (const IpMatcher &m : m_ipMatchers) {
            if (m.prefix >= 0) {
                if (ip->isInSubnet(m.ip, m.prefix))
                    return false;
            } else if (ip->isEqual(m.ip, QHostAddress::TolerantConversion)) {
                if (m.port.isEmpty() || m.port == portText)
                    return false;
            }
        }
    }
    for (const DomainMatcher &m : m_domainMatchers) {
        if (addr.endsWith(m.suffix) || (m.matchHost && addr == QStringView(m.suffix).mid(1))) {
            if (m.port.isEmpty() || m.port == portText)
                return false;
        }
    }
    return true;
}

HttpProxyEnvironment::Decision HttpProxyEnvironment::decide(const QUrl &requestUrl) const
{
    Decision d;
    const QString scheme = requestUrl.scheme();
    const std::optional<QUrl> *proxy = nullptr;
    QString variable;
    if (scheme == u"https") {
        proxy = &m_https;
        variable = u"HTTPS_PROXY"_s;
    } else if (scheme == u"http") {
        proxy = &m_http;
        variable = u"HTTP_PROXY"_s;
        if (m_http && m_cgi) {
            d.error = Error::make(
                Error::Code::Refused,
                u"refusing to use HTTP_PROXY value in CGI environment; see golang.org/s/cgihttpproxy"_s);
            return d;
        }
    }
    if (!proxy || !*proxy) {
        d.reason = variable.isEmpty() ? u"not an http(s) request"_s : u"no %1 set"_s.arg(variable);
        return d;
    }
    // canonicalAddr: the host in IDNA form, the scheme's port when none is given.
    QString host = requestUrl.host();
    if (!parseIp(host))
        host = idnaAscii(host);
    const int port = requestUrl.port(defaultPort(scheme));
    if (!useProxy(host, port)) {
        d.reason = (host == u"localhost" || (parseIp(host) && parseIp(host)->isLoopback()))
                       ? u"loopback addresses are never proxied"_s
                       : u"NO_PROXY matches %1"_s.arg(host);
        return d;
    }
    d.proxy = **proxy;
    d.reason = u"%1=%2"_s.arg(variable, GoUrl::redact((*proxy)->toString()));
    return d;
}

Expected<QNetworkProxy> HttpProxyEnvironment::networkProxy(const QUrl &proxyUrl)
{
    const QString scheme = proxyUrl.scheme();
    QNetworkProxy::ProxyType type = QNetworkProxy::HttpProxy;
    if (scheme == u"http") {
        type = QNetworkProxy::HttpProxy;
    } else if (scheme == u"socks5" || scheme == u"socks5h") {
        type = QNetworkProxy::Socks5Proxy;
    } else if (scheme == u"https") {
        return Error::make(
            Error::Code::Unsupported,
            u"go would talk TLS to this proxy, which Qt Network cannot do: the probe does not use it"_s,
            GoUrl::redact(proxyUrl.toString()));
    } else {
        return Error::make(Error::Code::Unsupported,
                           u"unsupported proxy scheme \"%1\""_s.arg(scheme),
                           GoUrl::redact(proxyUrl.toString()));
    }
    QNetworkProxy p(type, proxyUrl.host(), quint16(proxyUrl.port(defaultPort(scheme))));
    if (!proxyUrl.userName().isEmpty()) {
        p.setUser(proxyUrl.userName());
        p.setPassword(proxyUrl.password());
    }
    return p;
}

} // namespace mk
