// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QFuture>
#include <QHash>
#include <QList>
#include <QSslCertificate>
#include <QString>

#include "common/Expected.h"
#include "keychain/Credential.h"
#include "proxy/HttpProxyEnvironment.h"
#include "proxy/ProbeResult.h"
#include "proxy/ProxyPreset.h"

namespace mk {

/// Parallel health and latency check of proxies: GET <proxy>/<escaped module>/@v/list over
/// Qt Network. Runs on the core pool with its own QNetworkAccessManager created in that
/// thread; the caller gets a QFuture with one result per target as soon as it is known,
/// progress, and cancellation. Never blocks the GUI.
///
/// Credentials (from the keychain, passed in) are attached only to https requests to the
/// proxy's own host. Redirects are followed by hand (at most 10): https -> http is refused as
/// go refuses it, and the Authorization header is dropped whenever a redirect leaves that
/// host (Qt's own policy does not promise that; reliability.md §3.4).
///
/// Requests leave through HTTPS_PROXY / HTTP_PROXY unless NO_PROXY or the loopback rule says
/// otherwise, exactly as go's own fetches do (HttpProxyEnvironment), so that the probe measures
/// the way go will go.
class ProxyProbe final
{
public:
    struct Target
    {
        QString preset;
        QString url; ///< a proxy URL from the chain, or "direct" / "off"
    };

    struct Options
    {
        QString module = QStringLiteral("golang.org/x/text");
        int timeoutMs = 10000; ///< per target, redirects included
        /// Keychain key (CredentialStore::normalizeHost) -> credential.
        QHash<QString, Credential> credentials;
        /// Extra trusted CA certificates (a company CA; tests use a self-signed one).
        QList<QSslCertificate> caCertificates;
        /// The outbound proxies go would use; this process's environment by default.
        HttpProxyEnvironment proxyEnvironment = HttpProxyEnvironment::fromProcess();
    };

    /// For each preset: every proxy URL of its chain, in order; a chain that starts with
    /// direct or off gives one Skipped target.
    [[nodiscard]] static QList<Target> targetsFor(const QList<ProxyPreset> &presets);

    /// Starts the probe. Results arrive in completion order; progress counts finished targets.
    [[nodiscard]] static QFuture<ProbeResult> start(const QList<Target> &targets,
                                                    const Options &options);

    /// Healthy results first by latency, then reachable-but-404, then failures; the first
    /// healthy one is flagged fastest.
    [[nodiscard]] static QList<ProbeResult> ranked(QList<ProbeResult> results);

    /// <proxy>/<escaped module>/@v/list; the error names the module when it is not valid.
    [[nodiscard]] static Expected<QString> requestUrl(const QString &proxyUrl,
                                                      const QString &module);

    /// go's web.formatErrorDetail: the first lines of a text/plain UTF-8 body, at most 8 lines
    /// and 648 bytes, stopping at the first blank line; "" for other bodies or if the body
    /// holds control characters.
    [[nodiscard]] static QString formatErrorDetail(const QByteArray &body,
                                                   const QByteArray &contentType);
};

} // namespace mk
