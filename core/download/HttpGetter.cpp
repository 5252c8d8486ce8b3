// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpGetter.h"

#include <memory>

#include <QEventLoop>
#include <QIODevice>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTimer>

#include "common/GoQuote.h"
#include "common/GoUrl.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr int maxRedirects = 10; // go's http client limit
constexpr qint64 maxErrorBody = 64 * 1024;
constexpr int cancelPollMs = 50;

// One manager per worker thread, created and destroyed in that thread.
QNetworkAccessManager &threadManager()
{
    thread_local std::unique_ptr<QNetworkAccessManager> nam;
    if (!nam) {
        nam = std::make_unique<QNetworkAccessManager>();
        nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    }
    return *nam;
}

// What ended the wait for a reply, besides its end.
struct Received
{
    bool timedOut = false;
    bool cancelled = false;
    bool tooLarge = false;
    bool sinkFailed = false;
};

int statusOf(const QNetworkReply &reply)
{
    return reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

QNetworkRequest hopRequest(const QUrl &current, const QSslConfiguration &ssl)
{
    QNetworkRequest req(current);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    req.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    req.setRawHeader("User-Agent", "ModKeeper/" MODKEEPER_VERSION);
    HttpGetter::askForWholeBodies(req);
    if (current.scheme() == u"https")
        req.setSslConfiguration(ssl);
    return req;
}

Expected<QNetworkProxy> outboundProxy(const QUrl &current, const HttpGetter::Options &options)
{
    if (!options.proxyEnvironment)
        return QNetworkProxy(QNetworkProxy::NoProxy);
    const HttpProxyEnvironment::Decision way = options.proxyEnvironment->decide(current);
    if (way.error.isError())
        return way.error;
    if (!way.proxy)
        return QNetworkProxy(QNetworkProxy::NoProxy);
    return HttpProxyEnvironment::networkProxy(*way.proxy);
}

// Runs this thread's event loop until the reply ends: a 200 body goes to sink (or r.body), any
// other keeps its first 64 KiB for the error text. The idle timeout, a cancel, the size limit
// and a failing sink abort it.
Received receive(QNetworkReply *reply, QIODevice *sink, const HttpGetter::Options &options,
                 HttpGetter::Response &r)
{
    Received got;
    QEventLoop loop;
    QTimer idle;
    idle.setSingleShot(true);
    QObject::connect(&idle, &QTimer::timeout, &loop, [&] {
        got.timedOut = true;
        reply->abort();
    });
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (options.cancelled && options.cancelled()) {
            got.cancelled = true;
            reply->abort();
        }
    });
    const auto consume = [&] {
        if (got.tooLarge || got.sinkFailed)
            return;
        if (statusOf(*reply) != 200) {
            if (r.body.size() < maxErrorBody)
                r.body += reply->read(maxErrorBody - r.body.size());
            else
                reply->readAll();
            return;
        }
        const QByteArray chunk = reply->readAll();
        r.bytes += chunk.size();
        if (options.maxBytes >= 0 && r.bytes > options.maxBytes) {
            got.tooLarge = true;
            reply->abort();
            return;
        }
        if (sink) {
            if (sink->write(chunk) != chunk.size()) {
                got.sinkFailed = true;
                reply->abort();
                return;
            }
        } else {
            r.body += chunk;
        }
        if (options.onBytes)
            options.onBytes(r.bytes);
    };
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, [&] {
        idle.start(options.idleTimeoutMs);
        consume();
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    idle.start(options.idleTimeoutMs);
    poll.start(cancelPollMs);
    if (!reply->isFinished())
        loop.exec();
    idle.stop();
    poll.stop();
    // What arrived together with the end of the reply.
    if (!got.cancelled && !got.timedOut && reply->bytesAvailable() > 0)
        consume();
    return got;
}

// Why a hop that ended with status code failed, or no error; a timeout also sets r.timedOut.
Error hopFailure(const Received &got, const QNetworkReply &reply, int code, const QIODevice *sink,
                 const HttpGetter::Options &options, const QString &where, HttpGetter::Response &r)
{
    if (got.cancelled)
        return Error::make(Error::Code::Cancelled, u"cancelled"_s, where);
    if (got.timedOut) {
        r.timedOut = true;
        return Error::make(
            Error::Code::Network,
            u"timed out: nothing received for %1 s"_s.arg(options.idleTimeoutMs / 1000.0), where);
    }
    if (code == 0)
        return Error::make(Error::Code::Network, reply.errorString(), where);
    if (got.tooLarge || got.sinkFailed) {
        return Error::make(
            got.tooLarge ? Error::Code::Refused : Error::Code::Io,
            got.tooLarge
                ? u"the response is larger than the %1-byte limit"_s.arg(options.maxBytes)
                : u"cannot store the response: %1"_s.arg(sink ? sink->errorString() : QString()),
            where);
    }
    if (code == 200) {
        // A short body is never a success: go reads it as io.ErrUnexpectedEOF (a retry,
        // then '|' falls through), and the caller must not keep what arrived.
        if (Error cut = HttpGetter::checkWholeBody(reply, r.bytes); cut.isError()) {
            cut.subject = where;
            return cut;
        }
        if (reply.error() != QNetworkReply::NoError)
            return Error::make(Error::Code::Network, reply.errorString(),
                               where); // e.g. reset mid-body
    }
    return {};
}

// The next URL of a redirect from current (the redirects-th so far), with go's limits.
Expected<QUrl> redirectTarget(const QUrl &url, const QUrl &current, const QByteArray &location,
                              int redirects, const QString &where)
{
    if (redirects + 1 > maxRedirects)
        return Error::make(Error::Code::Refused, u"stopped after %1 redirects"_s.arg(maxRedirects),
                           where);
    const QUrl next = current.resolved(QUrl(QString::fromUtf8(location)));
    if (url.scheme() == u"https" && next.scheme() != u"https")
        return Error::make(
            Error::Code::Refused,
            u"redirected from secure URL %1 to insecure URL %2"_s.arg(where, GoUrl::shown(next)),
            where);
    if (next.scheme() != u"http" && next.scheme() != u"https")
        return Error::make(Error::Code::Refused,
                           u"redirect to unsupported URL %1"_s.arg(GoUrl::shown(next)), where);
    return next;
}

} // namespace

bool HttpGetter::Response::transient() const
{
    if (timedOut)
        return true;
    if (error.isError())
        return error.code == Error::Code::Network;
    return status == 502 || status == 503 || status == 504;
}

void HttpGetter::askForWholeBodies(QNetworkRequest &request)
{
    request.setRawHeader("Accept-Encoding", "identity");
}

Error HttpGetter::checkWholeBody(const QNetworkReply &reply, qint64 received)
{
    const QByteArray encoding = reply.rawHeader("Content-Encoding").trimmed().toLower();
    if (!encoding.isEmpty() && encoding != "identity") {
        // Not decoded (we asked for identity), so these are not the bytes of the file.
        return Error::make(Error::Code::Unsupported,
                           u"unexpected Content-Encoding %1 (identity was asked for)"_s.arg(
                               QString::fromLatin1(encoding)));
    }
    bool known = false;
    const qint64 length = reply.rawHeader("Content-Length").trimmed().toLongLong(&known);
    // Qt 6.4 may finish a reply whose connection closed inside the body as a success.
    if (known && length >= 0 && received < length)
        return Error::make(Error::Code::Network,
                           u"unexpected EOF (got %1 of %2 bytes)"_s.arg(received).arg(length));
    if (reply.error() == QNetworkReply::RemoteHostClosedError)
        return Error::make(Error::Code::Network, u"unexpected EOF (got %1 bytes)"_s.arg(received));
    return {};
}

HttpGetter::Response HttpGetter::get(const QUrl &url, QIODevice *sink, const Options &options)
{
    Response r;
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    if (!options.caCertificates.isEmpty())
        ssl.addCaCertificates(options.caCertificates);
    bool sendCredential = options.credential.has_value() && url.scheme() == u"https";
    QUrl current = url;

    for (int redirects = 0;; ++redirects) {
        QNetworkRequest req = hopRequest(current, ssl);
        if (sendCredential && current.scheme() == u"https" && GoUrl::sameOrigin(current, url)) {
            req.setRawHeader("Authorization", options.credential->basicAuthorization());
            r.credentialSent = true;
        }
        // Each hop is decided again, as go's Transport.Proxy is called per request.
        const Expected<QNetworkProxy> proxy = outboundProxy(current, options);
        if (!proxy) {
            r.error = proxy.error();
            return r;
        }
        threadManager().setProxy(*proxy);

        const std::unique_ptr<QNetworkReply> reply(threadManager().get(req));
        const Received got = receive(reply.get(), sink, options, r);
        const QString where = GoUrl::shown(current);
        r.finalUrl = current;
        const int code = statusOf(*reply);
        if (Error e = hopFailure(got, *reply, code, sink, options, where, r); e.isError()) {
            r.error = e;
            return r;
        }
        const QByteArray location = reply->rawHeader("Location");
        if (code >= 300 && code < 400 && !location.isEmpty()) {
            const Expected<QUrl> next = redirectTarget(url, current, location, redirects, where);
            if (!next) {
                r.error = next.error();
                return r;
            }
            if (!GoUrl::sameOrigin(*next, url))
                sendCredential = false;
            r.body.clear();
            r.bytes = 0;
            current = *next;
            continue;
        }
        r.status = code;
        r.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        r.contentType = reply->rawHeader("Content-Type");
        return r;
    }
}

} // namespace mk
