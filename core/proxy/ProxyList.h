// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include "common/Expected.h"
#include "env/GoEnvironment.h"

namespace mk {

/// A GOPROXY value split into entries exactly as go's modfetch.proxyList does
/// (go-cache-internals.md §4.2). Shared by the proxy settings, the pattern tester, the probe
/// and the downloader.
class ProxyList final
{
public:
    struct Entry
    {
        enum class Kind {
            Proxy,   ///< an http, https or file URL
            Direct,  ///< "direct": fetch from version control (ends the list)
            Off,     ///< "off": lookups fail (ends the list)
            NoProxy, ///< go's hidden first entry when GONOPROXY is set: direct for matching paths
        };
        Kind kind = Kind::Proxy;
        /// The URL go uses: "https://" is prepended to scheme-less hosts ("goproxy.cn").
        QString url;
        /// The separator after the entry was '|': fall back on any error. With ',' (or at the
        /// end) only "not found" (404/410, a missing file) falls through.
        bool fallBackOnError = false;

        [[nodiscard]] bool operator==(const Entry &other) const = default;
    };

    /// proxyList(): gonoproxy is the effective GONOPROXY (already defaulted to GOPRIVATE); it
    /// only decides the hidden noproxy entry. Errors carry go's own message with subject
    /// "GOPROXY" ("GOPROXY list is not the empty string, but contains no entries",
    /// "invalid proxy URL missing scheme: /srv/mods", ...). An empty goproxy is that error too,
    /// as for go >= 1.21 without $GOROOT/go.env.
    [[nodiscard]] static Expected<ProxyList> parse(const QString &goproxy,
                                                   const QString &gonoproxy = {},
                                                   Platform platform = GoEnvInputs::hostPlatform());

    /// parse() plus ModKeeper's own rules for values it writes or fetches through: no
    /// user:password@ in a URL (it would sit in plain text in the go env file and in go's
    /// error messages; the keychain is the place for it), and http(s) URLs need a host.
    [[nodiscard]] static Expected<ProxyList> parseStrict(const QString &goproxy,
                                                         const QString &gonoproxy = {},
                                                         Platform platform
                                                         = GoEnvInputs::hostPlatform());

    /// Every entry in go's order, the hidden noproxy entry first when there is one.
    [[nodiscard]] const QList<Entry> &entries() const { return m_entries; }
    /// The URLs of the Proxy entries only.
    [[nodiscard]] QStringList proxyUrls() const;
    [[nodiscard]] bool hasNoProxy() const;

    /// Same entries (ignoring the hidden noproxy): "goproxy.cn,direct" equals
    /// "https://goproxy.cn,direct".
    [[nodiscard]] bool sameChainAs(const ProxyList &other) const;

    /// "a,b|c" rebuilt from the entries (without noproxy), e.g. for display.
    [[nodiscard]] QString toString() const;

    /// One sentence for people on ',' versus '|', shared by the UI and the CLI help.
    [[nodiscard]] static QString separatorExplanation();

private:
    [[nodiscard]] static Expected<ProxyList> parseImpl(const QString &goproxy,
                                                       const QString &gonoproxy, Platform platform,
                                                       bool strict);

    QList<Entry> m_entries;
};

} // namespace mk
