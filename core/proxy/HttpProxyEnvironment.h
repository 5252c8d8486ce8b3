// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QNetworkProxy>
#include <QString>
#include <QUrl>

#include "common/Expected.h"

namespace mk {

/// HTTPS_PROXY / HTTP_PROXY / NO_PROXY as the go command reads them (net/http
/// ProxyFromEnvironment, golang.org/x/net/http/httpproxy as vendored in go 1.19 and 1.23), so
/// that ModKeeper's own requests (the probe) take the same way out as go's do:
/// - HTTPS_PROXY for https requests, HTTP_PROXY for http ones; upper case wins over lower case,
///   empty counts as unset; with REQUEST_METHOD set (CGI) HTTP_PROXY is refused.
/// - A proxy value without a scheme or host ("proxy.corp:3128") gets "http://" prepended.
/// - localhost and loopback addresses (127.0.0.0/8, ::1) are never proxied.
/// - NO_PROXY: comma-separated, trimmed, lower-cased entries: "*" (nothing is proxied), an IP
///   or CIDR ("10.0.0.0/8"), "IP:port", "[IPv6]:port", or a domain: "example.com" matches the
///   host and its subdomains, ".example.com" and "*.example.com" only subdomains, each
///   optionally with ":port". Hosts compare in their IDNA (punycode) form.
class HttpProxyEnvironment final
{
public:
    /// Where one request goes.
    struct Decision
    {
        std::optional<QUrl> proxy; ///< nullopt: connect directly
        QString reason;            ///< for people: which variable or rule decided
        Error error;               ///< go refuses the request (HTTP_PROXY in a CGI environment)
    };

    /// From an environment (keys as in the OS environment).
    [[nodiscard]] static HttpProxyEnvironment fromEnvironment(
        const QHash<QString, QString> &environment);
    /// From this process's environment.
    [[nodiscard]] static HttpProxyEnvironment fromProcess();

    /// go's proxyForURL for a request URL (http or https; anything else goes direct).
    [[nodiscard]] Decision decide(const QUrl &requestUrl) const;
    /// go's useProxy(canonicalAddr): false when host:port is loopback or matches NO_PROXY.
    [[nodiscard]] bool useProxy(const QString &host, int port) const;

    /// The QNetworkProxy for a proxy URL: http -> HttpProxy (CONNECT for https requests),
    /// socks5/socks5h -> Socks5Proxy, user info -> the proxy's credentials. An https:// proxy
    /// (TLS to the proxy itself) is an error: Qt Network cannot do it.
    [[nodiscard]] static Expected<QNetworkProxy> networkProxy(const QUrl &proxyUrl);

    /// The raw values, for display.
    [[nodiscard]] QString httpProxy() const { return m_httpRaw; }
    [[nodiscard]] QString httpsProxy() const { return m_httpsRaw; }
    [[nodiscard]] QString noProxy() const { return m_noProxyRaw; }
    /// Any proxy configured at all.
    [[nodiscard]] bool isEmpty() const { return m_httpRaw.isEmpty() && m_httpsRaw.isEmpty(); }

private:
    struct IpMatcher
    {
        QHostAddress ip;
        int prefix = -1; ///< CIDR prefix length; -1 for an exact address
        QString port;    ///< empty: any port
    };
    struct DomainMatcher
    {
        QString suffix; ///< ".example.com"
        QString port;
        bool matchHost = false; ///< also the bare "example.com"
    };

    /// httpproxy.parseProxy; an empty value is "no proxy". go ignores a value it cannot
    /// parse (the request goes direct), so does this.
    [[nodiscard]] static Expected<QUrl> parseProxy(const QString &value);
    void parseNoProxy(const QString &value);

    QString m_httpRaw;
    QString m_httpsRaw;
    QString m_noProxyRaw;
    std::optional<QUrl> m_http;
    std::optional<QUrl> m_https;
    bool m_cgi = false;
    bool m_matchAll = false;
    QList<IpMatcher> m_ipMatchers;
    QList<DomainMatcher> m_domainMatchers;
};

} // namespace mk
