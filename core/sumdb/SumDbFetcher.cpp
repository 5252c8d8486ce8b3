// SPDX-License-Identifier: GPL-3.0-or-later
#include "SumDbFetcher.h"

#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>

#include "common/GoUrl.h"
#include "download/HttpGetter.h"
#include "keychain/CredentialStore.h"
#include "proxy/HttpProxyFactory.h"
#include "proxy/ProxyProbe.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr int maxRedirects = 10;
constexpr int cancelPollMs = 50;
constexpr qint64 maxBodyBytes = 64 * 1024 * 1024;

} // namespace

SumDbFetcher::SumDbFetcher(Options options) : m_options(std::move(options)) { }

SumDbFetcher::~SumDbFetcher() = default;

Expected<QByteArray> SumDbFetcher::get(const QString &urlText)
{
    ++m_requests;
    const QUrl original(urlText, QUrl::TolerantMode);
    if (!original.isValid())
        return Error::make(Error::Code::InvalidArgument, u"malformed URL"_s,
                           GoUrl::redact(urlText));

    if (original.scheme() == u"file") {
        const QString path = original.toLocalFile();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            return Error::make(QFile::exists(path) ? Error::Code::Io : Error::Code::NotFound,
                               u"reading %1: %2"_s.arg(GoUrl::shown(original), f.errorString()));
        }
        return f.readAll();
    }
    if (original.scheme() != u"http" && original.scheme() != u"https")
        return Error::make(Error::Code::Unsupported, u"unsupported URL scheme"_s,
                           GoUrl::shown(original));

    if (!m_nam) {
        m_nam = std::make_unique<QNetworkAccessManager>(); // in the calling thread, on purpose
        m_nam->setProxyFactory(new HttpProxyFactory(m_options.proxyEnvironment)); // takes ownership
    }

    std::optional<Credential> credential;
    if (original.scheme() == u"https") {
        for (const QString &key : CredentialStore::keysForUrl(urlText)) {
            if (const auto it = m_options.credentials.constFind(key);
                it != m_options.credentials.constEnd()) {
                credential = *it;
                break;
            }
        }
    }
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    if (!m_options.caCertificates.isEmpty())
        ssl.addCaCertificates(m_options.caCertificates);

    QObject context;
    QEventLoop loop;
    bool timedOut = false;
    bool cancelled = false;
    QNetworkReply *reply = nullptr;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &context, [&] {
        timedOut = true;
        if (reply)
            reply->abort();
    });
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &context, [&] {
        if (m_options.cancelled && m_options.cancelled()) {
            cancelled = true;
            if (reply)
                reply->abort();
        }
    });
    deadline.start(m_options.timeoutMs);
    poll.start(cancelPollMs);

    QUrl current = original;
    for (int redirects = 0;; ++redirects) {
        // Refuse what go refuses (HTTP_PROXY in a CGI environment).
        if (const HttpProxyEnvironment::Decision way = m_options.proxyEnvironment.decide(current);
            way.error.isError())
            return Error::make(Error::Code::Refused,
                               u"Get \"%1\": %2"_s.arg(GoUrl::shown(current), way.error.message));
        QNetworkRequest req(current);
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
        req.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
        req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
        req.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
        req.setRawHeader("User-Agent", "ModKeeper/" MODKEEPER_VERSION " (sumdb)");
        HttpGetter::askForWholeBodies(req);
        if (current.scheme() == u"https")
            req.setSslConfiguration(ssl);
        if (credential && current.scheme() == u"https" && GoUrl::sameOrigin(current, original))
            req.setRawHeader("Authorization", credential->basicAuthorization());

        reply = m_nam->get(req);
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        std::unique_ptr<QNetworkReply> owned(reply);
        reply = nullptr;

        const QString url = GoUrl::shown(current);
        if (cancelled)
            return Error::make(Error::Code::Cancelled, u"cancelled"_s, url);
        if (timedOut)
            return Error::make(
                Error::Code::Network,
                u"Get \"%1\": timed out after %2 s"_s.arg(url).arg(m_options.timeoutMs / 1000.0));
        const int code = owned->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (code == 0)
            return Error::make(Error::Code::Network,
                               u"Get \"%1\": %2"_s.arg(url, owned->errorString()));

        const QByteArray location = owned->rawHeader("Location");
        if (code >= 300 && code < 400 && !location.isEmpty()) {
            if (redirects + 1 > maxRedirects)
                return Error::make(
                    Error::Code::Network,
                    u"Get \"%1\": stopped after %2 redirects"_s.arg(url).arg(maxRedirects));
            const QUrl next = current.resolved(QUrl(QString::fromUtf8(location)));
            if (original.scheme() == u"https" && next.scheme() != u"https") {
                return Error::make(
                    Error::Code::Refused,
                    u"Get \"%1\": redirected from secure URL %2 to insecure URL %3"_s.arg(
                        url, url, GoUrl::shown(next)));
            }
            if (next.scheme() != u"http" && next.scheme() != u"https")
                return Error::make(
                    Error::Code::Refused,
                    u"Get \"%1\": redirect to unsupported URL %2"_s.arg(url, GoUrl::shown(next)));
            current = next;
            continue;
        }
        if (code == 200) {
            const QByteArray body = owned->read(maxBodyBytes + 1);
            if (body.size() > maxBodyBytes)
                return Error::make(Error::Code::Network,
                                   u"reading %1: response too large"_s.arg(url));
            // A short tile or lookup is go's unexpected EOF, never data to check or cache.
            if (const Error cut = HttpGetter::checkWholeBody(*owned, body.size()); cut.isError())
                return Error::make(cut.code, u"reading %1: %2"_s.arg(url, cut.message));
            if (owned->error() != QNetworkReply::NoError)
                return Error::make(Error::Code::Network,
                                   u"reading %1: %2"_s.arg(url, owned->errorString()));
            return body;
        }
        QString status = QString::number(code);
        if (const QString reason
            = owned->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
            !reason.isEmpty())
            status += u' ' + reason;
        QString message = u"reading %1: %2"_s.arg(url, status);
        const QString detail = ProxyProbe::formatErrorDetail(owned->read(64 * 1024),
                                                             owned->rawHeader("Content-Type"));
        if (!detail.isEmpty())
            message += u"\n\tserver response:"_s + (detail.contains(u'\n') ? u"\n\t"_s : u" "_s)
                       + detail;
        return Error::make(
            code == 404 || code == 410 ? Error::Code::NotFound : Error::Code::Network, message);
    }
}

} // namespace mk
