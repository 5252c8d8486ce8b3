// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

#include "common/Error.h"
#include "keychain/Credential.h"
#include "proxy/HttpProxyEnvironment.h"

class QIODevice;
class QNetworkReply;
class QNetworkRequest;

namespace mk {

/// One HTTP GET the way go's web package does it (go-cache-internals.md §4.1, §4.5), run
/// synchronously on the calling worker thread with that thread's own QNetworkAccessManager
/// (QNAM thread affinity), so connections are reused between requests of one worker.
/// Redirects are followed by hand (at most 10): https -> http is refused, and the
/// Authorization header is dropped for good once a redirect leaves the original host.
class HttpGetter final
{
public:
    struct Options
    {
        int idleTimeoutMs = 30000; ///< no byte for this long: timed out
        qint64 maxBytes = -1;      ///< a longer body fails (go's size limits); -1: no limit
        std::optional<Credential> credential; ///< sent only over https to the URL's own host
        QList<QSslCertificate> caCertificates;
        /// The outbound proxy rules (HTTPS_PROXY, NO_PROXY); null: connect directly.
        const HttpProxyEnvironment *proxyEnvironment = nullptr;
        std::function<bool()> cancelled;
        std::function<void(qint64 bytesSoFar)> onBytes;
    };

    struct Response
    {
        int status = 0; ///< HTTP status, 0 when no response came
        QString reason; ///< "Not Found"
        QByteArray contentType;
        QByteArray body;  ///< the body when no sink was given, or the error body (first 64 KiB)
        qint64 bytes = 0; ///< body bytes received
        QUrl finalUrl;
        Error error; ///< transport failure, refused redirect, timeout, cancel, too large
        bool timedOut = false;
        bool credentialSent = false;
        [[nodiscard]] bool ok() const { return !error.isError() && status == 200; }
        /// Worth another try: timeouts, resets, 502/503/504 — never a 4xx or a plain 500.
        [[nodiscard]] bool transient() const;
    };

    /// GETs url. A 200 body goes to sink (or Response::body when sink is null); other bodies
    /// are kept in Response::body for the error text.
    [[nodiscard]] static Response get(const QUrl &url, QIODevice *sink, const Options &options);

    /// Asks for the body as stored (Accept-Encoding: identity): a body Qt decodes itself has
    /// no Content-Length left to check, and a cut compressed stream ends as a quiet success.
    static void askForWholeBodies(QNetworkRequest &request);
    /// Whether the body of a finished 200 reply, of which received bytes arrived, is whole.
    /// Short of its Content-Length, or closed inside the body (a chunked body without its last
    /// chunk, as far as Qt tells): a Network error "unexpected EOF (got N of M bytes)", go's
    /// io.ErrUnexpectedEOF. A Content-Encoding sent although identity was asked: Unsupported.
    /// The message names no URL; callers add it.
    [[nodiscard]] static Error checkWholeBody(const QNetworkReply &reply, qint64 received);
};

} // namespace mk
