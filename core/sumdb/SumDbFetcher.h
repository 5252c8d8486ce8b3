// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <memory>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSslCertificate>
#include <QString>

#include "common/Expected.h"
#include "keychain/Credential.h"
#include "proxy/HttpProxyEnvironment.h"

class QNetworkAccessManager;

namespace mk {

/// Blocking GETs for the checksum-database client, for use on a worker thread: the
/// QNetworkAccessManager is created in (and only used from) the thread that calls get(), and
/// a local event loop runs until the reply is in (build-and-test-recipes.md, QNAM thread
/// affinity). Success is exactly 200, as for go. Redirects are followed by hand (at most 10,
/// never https -> http); credentials go only over https to the original host. file:// URLs
/// are read from disk (a missing file is "not found").
class SumDbFetcher final
{
public:
    struct Options
    {
        int timeoutMs = 30000; ///< per request, redirects included
        /// Keychain key (CredentialStore::keysForUrl) -> credential.
        QHash<QString, Credential> credentials;
        QList<QSslCertificate> caCertificates;
        /// HTTPS_PROXY / HTTP_PROXY / NO_PROXY as go reads them (loopback is never proxied).
        HttpProxyEnvironment proxyEnvironment = HttpProxyEnvironment::fromProcess();
        /// Polled while waiting; true aborts with a Cancelled error.
        std::function<bool()> cancelled;
    };

    explicit SumDbFetcher(Options options);
    ~SumDbFetcher();
    SumDbFetcher(const SumDbFetcher &) = delete;
    SumDbFetcher &operator=(const SumDbFetcher &) = delete;

    /// The body of a 200 response. 404 and 410 (and a missing file) are NotFound errors, other
    /// statuses and transport failures Network errors, with go's "reading URL: 404 Not Found".
    [[nodiscard]] Expected<QByteArray> get(const QString &url);
    /// How many requests went out (tests: "served from the cache" means 0).
    [[nodiscard]] int requestCount() const { return m_requests; }

private:
    Options m_options;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    int m_requests = 0;
};

} // namespace mk
