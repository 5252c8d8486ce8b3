// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

namespace mk {

/// The health and latency of one proxy URL of one preset (ProxyProbe).
struct ProbeResult
{
    enum class Status {
        Ok,           ///< 200: healthy
        NotFound,     ///< 404/410: reachable, but it does not have the probe module
        HttpError,    ///< any other HTTP status (401, 403, 5xx, ...)
        Timeout,      ///< no complete answer within the per-request timeout
        NetworkError, ///< refused, DNS, TLS, reset, ...
        Refused,      ///< a safety rule stopped it (https -> http redirect, too many redirects)
        Skipped,      ///< nothing to probe: direct or off
        Cancelled,
    };

    QString preset;
    QString url;        ///< the proxy URL (redacted)
    QString requestUrl; ///< what was fetched: <proxy>/<escaped module>/@v/list (redacted)
    Status status = Status::NetworkError;
    int httpCode = 0;
    qint64 latencyMs = -1; ///< start to final answer, redirects included; -1 when none
    /// go-style text: "reading URL: 404 Not Found\n\tserver response: ..." (at most 8 lines of
    /// the body), or the network error.
    QString error;
    bool fastest = false; ///< the healthy result with the lowest latency (ProxyProbe::ranked)
    bool credentialsSent = false; ///< an Authorization header went to the proxy's own https host
    QString credentialNote;       ///< e.g. why a stored credential was not sent or was dropped
    int redirects = 0;
    /// The outbound proxy (HTTPS_PROXY / HTTP_PROXY, redacted) the final request went
    /// through; empty when it went directly.
    QString viaProxy;

    [[nodiscard]] bool healthy() const { return status == Status::Ok; }
    [[nodiscard]] static QString statusName(Status status);
    [[nodiscard]] QJsonObject toJson() const;
};

} // namespace mk
