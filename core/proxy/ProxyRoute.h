// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include "common/Expected.h"
#include "proxy/ProxySettings.h"

namespace mk {

/// The pattern tester ("modkeeper-cli proxy where MODULE"): where go fetches a module and
/// whether the checksum database checks it, by go's rules (modfetch.lookup, TryProxies,
/// useSumDB; go-cache-internals.md §4.2-§4.4). Pure computation; safe on any thread.
class ProxyRoute final
{
public:
    enum class Kind {
        Proxies,  ///< tried through the GOPROXY entries in steps order
        Direct,   ///< fetched from version control (GONOPROXY/GOPRIVATE match, or GOPROXY=direct)
        Disabled, ///< GOPROXY=off (or a chain that reaches "off" first): lookups fail
        Invalid,  ///< GOPROXY cannot be parsed: every fetch fails with error
    };

    /// One place go tries, in order.
    struct Step
    {
        enum class Kind {
            Proxy,
            Direct,
            Off
        };
        Kind kind = Kind::Proxy;
        QString url;                  ///< redacted proxy URL; "direct" or "off" otherwise
        bool fallBackOnError = false; ///< the next step is tried after any error, not only 404/410
        bool insecure = false; ///< a direct fetch that GOINSECURE lets use http / skip TLS checks
    };

    QString module;
    Kind kind = Kind::Invalid;
    QList<Step> steps;
    /// Why: e.g. `GOPRIVATE pattern "*.corp.example.com" matches (GONOPROXY defaults to
    /// GOPRIVATE)`.
    QString reason;
    /// The glob that sent the module direct, or empty.
    QString noProxyPattern;

    bool checksumDbChecked = false;
    /// e.g. "GOSUMDB=off", `GONOSUMDB pattern "corp.example.com" matches`, "checked by
    /// sum.golang.org".
    QString checksumReason;
    QString checksumDbName;  ///< when checked
    QString checksumDbUrl;   ///< an explicit GOSUMDB URL; empty: reached through the proxies
    QString checksumDbError; ///< go's complaint about GOSUMDB when it would be used
    QString noSumDbPattern;
    Error error; ///< Kind::Invalid: go's GOPROXY error

    /// Validates the module path (module.CheckPath) and applies go's rules.
    [[nodiscard]] static Expected<ProxyRoute> forModule(const QString &modulePath,
                                                        const ProxySettings &settings);

    /// The first glob of a comma-separated list that matches path (module.MatchPrefixPatterns
    /// order), or an empty string.
    [[nodiscard]] static QString matchingPattern(const QString &globs, const QString &path);

    /// A one-paragraph explanation for people.
    [[nodiscard]] QString describe() const;
    [[nodiscard]] QJsonObject toJson() const;
};

} // namespace mk
