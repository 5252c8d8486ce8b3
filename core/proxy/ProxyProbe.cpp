// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProxyProbe.h"

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslConfiguration>
#include <QTimer>
#include <QtConcurrent>

#include "common/CorePool.h"
#include "common/GoQuote.h"
#include "common/GoUrl.h"
#include "keychain/CredentialStore.h"
#include "module/ModulePath.h"
#include "proxy/HttpProxyFactory.h"
#include "proxy/ProxyList.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr int maxRedirects = 10; // go's http client limit
constexpr qint64 maxErrorBodyBytes = 64 * 1024;
constexpr int maxErrorDetailLines = 8; // cmd/go/internal/web
constexpr int maxErrorDetailBytes = maxErrorDetailLines * 81;
constexpr int cancelPollMs = 50;

using ProbeStatus = ProbeResult::Status;

// unicode.IsGraphic || unicode.IsSpace, the characters go lets a server print.
bool printable(char32_t r)
{
    if (r == u'\t' || r == u'\n' || r == u'\v' || r == u'\f' || r == u'\r' || r == 0x85
        || r == 0xA0)
        return true;
    switch (QChar::category(r)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
        return false;
    default:
        return true;
    }
}

struct Job
{
    ProbeResult result;
    QUrl original;
    QUrl current;
    std::optional<Credential> credential; // only ever for the original https host
    bool sendCredential = false;
    QElapsedTimer clock;
    QPointer<QNetworkReply> reply;
    bool timedOut = false;
    bool done = false;
};

// One probe run, entirely on the pool thread that created it (QNAM thread affinity).
class ProbeRun
{
public:
    ProbeRun(const QList<ProxyProbe::Target> &targets, const ProxyProbe::Options &options,
             QPromise<ProbeResult> &promise)
        : m_targets(targets), m_options(options), m_promise(promise)
    {
        m_ssl = QSslConfiguration::defaultConfiguration();
        if (!options.caCertificates.isEmpty())
            m_ssl.addCaCertificates(options.caCertificates);
        m_nam.setProxyFactory(new HttpProxyFactory(options.proxyEnvironment)); // the QNAM owns it
    }

    void exec()
    {
        m_promise.setProgressRange(0, int(m_targets.size()));
        m_remaining = int(m_targets.size());
        for (int i = 0; i < m_targets.size(); ++i)
            startTarget(i);
        if (m_remaining > 0) {
            QTimer poll(&m_context);
            QObject::connect(&poll, &QTimer::timeout, &m_context, [this] {
                if (m_promise.isCanceled())
                    cancelAll();
            });
            poll.start(cancelPollMs);
            m_loop.exec();
        }
    }

private:
    void startTarget(int index)
    {
        const ProxyProbe::Target &t = m_targets.at(index);
        auto job = std::make_unique<Job>();
        Job &j = *job;
        m_jobs.push_back(std::move(job));
        j.result.preset = t.preset;
        j.result.url = GoUrl::redact(t.url);
        j.clock.start();

        if (t.url == u"direct" || t.url == u"off") {
            j.result.status = ProbeStatus::Skipped;
            j.result.error = t.url == u"direct"
                                 ? u"direct: modules come from version control, no proxy to probe"_s
                                 : u"off: module downloads are disabled"_s;
            return complete(j);
        }
        const Expected<QString> request = ProxyProbe::requestUrl(t.url, m_options.module);
        if (!request) {
            j.result.status = ProbeStatus::Refused;
            j.result.error = request.error().toString();
            return complete(j);
        }
        j.result.requestUrl = GoUrl::redact(*request);
        j.original = QUrl(*request, QUrl::StrictMode);
        j.current = j.original;

        if (j.original.scheme() == u"file")
            return probeFile(j);

        const QStringList keys = CredentialStore::keysForUrl(*request);
        for (const QString &key : keys) {
            const auto it = m_options.credentials.constFind(key);
            if (it == m_options.credentials.constEnd())
                continue;
            if (j.original.scheme() == u"https") {
                j.credential = *it;
                j.sendCredential = true;
            } else {
                j.result.credentialNote
                    = u"a credential is stored for %1, but it is only sent over https: not sent"_s
                          .arg(key);
            }
            break;
        }

        auto *deadline = new QTimer(&m_context);
        deadline->setSingleShot(true);
        QObject::connect(deadline, &QTimer::timeout, &m_context, [&j] {
            j.timedOut = true;
            if (j.reply)
                j.reply->abort();
        });
        deadline->start(m_options.timeoutMs);
        send(j);
    }

    void probeFile(Job &j)
    {
        const QString path = j.original.toLocalFile();
        QFile f(path);
        if (f.open(QIODevice::ReadOnly)) {
            j.result.status = ProbeStatus::Ok;
        } else {
            j.result.status
                = QFile::exists(path) ? ProbeStatus::NetworkError : ProbeStatus::NotFound;
            j.result.error = u"reading %1: %2"_s.arg(j.result.requestUrl, f.errorString());
        }
        j.result.latencyMs = j.clock.elapsed();
        complete(j);
    }

    void send(Job &j)
    {
        // The same decision the proxy factory takes, to refuse what go refuses and to say
        // which way the request went.
        const HttpProxyEnvironment::Decision way = m_options.proxyEnvironment.decide(j.current);
        if (way.error.isError()) {
            j.result.status = ProbeStatus::Refused;
            j.result.error
                = u"Get %1: %2"_s.arg(GoQuote::string(GoUrl::shown(j.current)), way.error.message);
            return complete(j);
        }
        j.result.viaProxy.clear();
        if (way.proxy) {
            if (const Expected<QNetworkProxy> p = HttpProxyEnvironment::networkProxy(*way.proxy);
                !p) {
                j.result.status = ProbeStatus::NetworkError;
                j.result.error = u"Get %1: proxyconnect %2"_s.arg(
                    GoQuote::string(GoUrl::shown(j.current)), p.error().toString());
                return complete(j);
            }
            j.result.viaProxy = GoUrl::redact(way.proxy->toString());
        }
        QNetworkRequest req(j.current);
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
        // No cookies either way: a redirecting server must not plant or read state.
        req.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
        req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
        req.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
        req.setRawHeader("User-Agent", "ModKeeper/" MODKEEPER_VERSION " (proxy probe)");
        if (j.current.scheme() == u"https")
            req.setSslConfiguration(m_ssl);
        // Credentials only over https and only to the original host (sendCredential is
        // cleared for good on the first redirect that leaves it).
        if (j.sendCredential && j.credential && j.current.scheme() == u"https"
            && GoUrl::sameOrigin(j.current, j.original)) {
            req.setRawHeader("Authorization", j.credential->basicAuthorization());
            j.result.credentialsSent = true;
        }
        QNetworkReply *reply = m_nam.get(req);
        j.reply = reply;
        QObject::connect(reply, &QNetworkReply::finished, &m_context,
                         [this, &j, reply] { onFinished(j, reply); });
    }

    void onFinished(Job &j, QNetworkReply *reply)
    {
        reply->deleteLater();
        if (j.done)
            return;
        const qint64 elapsed = j.clock.elapsed();
        const QString url = GoUrl::shown(j.current);
        if (j.timedOut) {
            j.result.status = ProbeStatus::Timeout;
            j.result.error = u"Get %1: timed out after %2 s"_s.arg(GoQuote::string(url))
                                 .arg(m_options.timeoutMs / 1000.0);
            return complete(j);
        }
        if (m_cancelled) {
            j.result.status = ProbeStatus::Cancelled;
            return complete(j);
        }
        const int code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (code == 0) {
            j.result.status = ProbeStatus::NetworkError;
            j.result.error = u"Get %1: %2"_s.arg(GoQuote::string(url), reply->errorString());
            return complete(j);
        }
        j.result.httpCode = code;

        const QByteArray location = reply->rawHeader("Location");
        if (code >= 300 && code < 400 && !location.isEmpty()) {
            if (++j.result.redirects > maxRedirects) {
                j.result.status = ProbeStatus::Refused;
                j.result.error = u"Get %1: stopped after %2 redirects"_s.arg(GoQuote::string(url))
                                     .arg(maxRedirects);
                return complete(j);
            }
            const QUrl next = j.current.resolved(QUrl(QString::fromUtf8(location)));
            if (j.original.scheme() == u"https" && next.scheme() != u"https") {
                // As go: a secure fetch never continues over plain http.
                j.result.status = ProbeStatus::Refused;
                j.result.error = u"Get %1: redirected from secure URL %2 to insecure URL %3"_s.arg(
                    GoQuote::string(url), url, GoUrl::shown(next));
                return complete(j);
            }
            if (next.scheme() != u"http" && next.scheme() != u"https") {
                j.result.status = ProbeStatus::Refused;
                j.result.error = u"Get %1: redirect to unsupported URL %2"_s.arg(
                    GoQuote::string(url), GoUrl::shown(next));
                return complete(j);
            }
            if (j.sendCredential && !GoUrl::sameOrigin(next, j.original)) {
                j.sendCredential = false;
                j.result.credentialNote
                    = u"credential dropped: redirected to another host (%1)"_s.arg(next.host());
            }
            j.current = next;
            return send(j);
        }

        j.result.latencyMs = elapsed;
        if (code == 200) {
            j.result.status = ProbeStatus::Ok;
            return complete(j);
        }
        j.result.status
            = (code == 404 || code == 410) ? ProbeStatus::NotFound : ProbeStatus::HttpError;
        QString status = QString::number(code);
        if (const QString reason
            = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
            !reason.isEmpty())
            status += u' ' + reason;
        const QString detail = ProxyProbe::formatErrorDetail(reply->read(maxErrorBodyBytes),
                                                             reply->rawHeader("Content-Type"));
        j.result.error = u"reading %1: %2"_s.arg(url, status);
        if (!detail.isEmpty())
            j.result.error += u"\n\tserver response:"_s
                              + (detail.contains(u'\n') ? u"\n\t"_s : u" "_s) + detail;
        complete(j);
    }

    void complete(Job &j)
    {
        if (j.done)
            return;
        j.done = true;
        j.reply = nullptr;
        if (j.result.status != ProbeStatus::Cancelled)
            m_promise.addResult(j.result);
        m_promise.setProgressValue(++m_finished);
        if (--m_remaining == 0)
            m_loop.quit();
    }

    void cancelAll()
    {
        m_cancelled = true;
        for (const auto &j : m_jobs) {
            if (!j->done && j->reply)
                j->reply->abort(); // finishes through onFinished as Cancelled
        }
    }

    const QList<ProxyProbe::Target> m_targets;
    const ProxyProbe::Options m_options;
    QPromise<ProbeResult> &m_promise;
    QSslConfiguration m_ssl;
    QEventLoop m_loop;
    // Destroyed in reverse: the QNAM (and its replies) first, while the receiver context and
    // the jobs its lambdas refer to still exist.
    std::vector<std::unique_ptr<Job>> m_jobs;
    QObject m_context; // receiver for every connection: lives and dies in this thread
    QNetworkAccessManager m_nam;
    int m_remaining = 0;
    int m_finished = 0;
    bool m_cancelled = false;
};

} // namespace

QList<ProxyProbe::Target> ProxyProbe::targetsFor(const QList<ProxyPreset> &presets)
{
    QList<Target> out;
    for (const ProxyPreset &p : presets) {
        const Expected<ProxyList> list = ProxyList::parse(p.goproxy);
        if (!list) {
            out.append({p.name, p.goproxy});
            continue;
        }
        bool first = true;
        for (const ProxyList::Entry &e : list->entries()) {
            if (e.kind == ProxyList::Entry::Kind::Proxy)
                out.append({p.name, e.url});
            else if (first && e.kind != ProxyList::Entry::Kind::NoProxy)
                out.append({p.name, e.url}); // direct / off: reported as skipped
            first = false;
        }
    }
    return out;
}

Expected<QString> ProxyProbe::requestUrl(const QString &proxyUrl, const QString &module)
{
    if (Status st = ModulePath::checkPath(module); !st) {
        Error e = st.error();
        e.subject = module;
        return e;
    }
    const Expected<QString> escaped = ModulePath::escapePath(module);
    if (!escaped)
        return escaped.error();
    const Expected<GoUrl> u = GoUrl::parse(proxyUrl);
    if (!u)
        return Error::make(Error::Code::InvalidArgument, u.error().message,
                           GoUrl::redact(proxyUrl));
    QString base = proxyUrl;
    while (base.endsWith(u'/'))
        base.chop(1);
    return QString(base + u'/' + *escaped + u"/@v/list"_s);
}

QFuture<ProbeResult> ProxyProbe::start(const QList<Target> &targets, const Options &options)
{
    return QtConcurrent::run(CorePool::instance(),
                             [targets, options](QPromise<ProbeResult> &promise) {
                                 ProbeRun run(targets, options, promise);
                                 run.exec();
                             });
}

QList<ProbeResult> ProxyProbe::ranked(QList<ProbeResult> results)
{
    const auto rank = [](const ProbeResult &r) {
        switch (r.status) {
        case ProbeStatus::Ok:
            return 0;
        case ProbeStatus::NotFound:
            return 1;
        case ProbeStatus::HttpError:
            return 2;
        case ProbeStatus::Refused:
            return 3;
        case ProbeStatus::Timeout:
            return 4;
        case ProbeStatus::NetworkError:
            return 5;
        case ProbeStatus::Skipped:
            return 6;
        case ProbeStatus::Cancelled:
            return 7;
        }
        return 8;
    };
    std::stable_sort(
        results.begin(), results.end(), [&](const ProbeResult &a, const ProbeResult &b) {
            if (rank(a) != rank(b))
                return rank(a) < rank(b);
            const qint64 la = a.latencyMs < 0 ? std::numeric_limits<qint64>::max() : a.latencyMs;
            const qint64 lb = b.latencyMs < 0 ? std::numeric_limits<qint64>::max() : b.latencyMs;
            return la < lb;
        });
    for (ProbeResult &r : results)
        r.fastest = false;
    if (!results.isEmpty() && results.first().healthy())
        results.first().fastest = true;
    return results;
}

QString ProxyProbe::formatErrorDetail(const QByteArray &body, const QByteArray &contentType)
{
    // mime.ParseMediaType, reduced: "text/plain" with no charset, us-ascii or utf-8.
    const QList<QByteArray> parts = contentType.split(';');
    if (parts.isEmpty() || parts.first().trimmed().toLower() != "text/plain")
        return {};
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray param = parts.at(i).trimmed();
        const qsizetype eq = param.indexOf('=');
        if (eq < 0 || param.left(eq).trimmed().toLower() != "charset")
            continue;
        QByteArray charset = param.mid(eq + 1).trimmed().toLower();
        if (charset.startsWith('"') && charset.endsWith('"') && charset.size() >= 2)
            charset = charset.mid(1, charset.size() - 2);
        if (!charset.isEmpty() && charset != "us-ascii" && charset != "utf-8")
            return {};
    }

    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(body);
    if (decoder.hasError())
        return {}; // no attempt to recover non-UTF-8 messages
    for (const char32_t r : text.toUcs4()) {
        if (!printable(r))
            return {}; // no funny business with the user's terminal
    }
    QString detail;
    qsizetype detailBytes = 0;
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (line.trimmed().isEmpty())
            break;
        if (i > 0) {
            detail += u"\n\t"_s;
            detailBytes += 2;
        }
        if (i >= maxErrorDetailLines) {
            detail += u"[Truncated: too many lines.]"_s;
            break;
        }
        const qsizetype lineBytes = line.toUtf8().size();
        if (detailBytes + lineBytes > maxErrorDetailBytes) {
            detail += u"[Truncated: too long.]"_s;
            break;
        }
        detail += line;
        detailBytes += lineBytes;
    }
    return detail;
}

} // namespace mk
