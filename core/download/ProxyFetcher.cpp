// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProxyFetcher.h"

#include <QFile>
#include <QThread>
#include <QWaitCondition>
#include <QUrl>

#include "common/GoQuote.h"
#include "common/GoUrl.h"
#include "keychain/CredentialStore.h"
#include "module/ModulePath.h"
#include "proxy/ProxyProbe.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

QString suffix(ProxyFetcher::Kind kind)
{
    switch (kind) {
    case ProxyFetcher::Kind::Info:
        return u".info"_s;
    case ProxyFetcher::Kind::Mod:
        return u".mod"_s;
    case ProxyFetcher::Kind::Zip:
        return u".zip"_s;
    case ProxyFetcher::Kind::List:
        return u"list"_s;
    case ProxyFetcher::Kind::Latest:
        return u"@latest"_s;
    }
    return {};
}

// go's pathEscape for each element: '/' stays, the rest is URL path escaped ('+' stays).
QString urlPath(const QString &escaped)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(escaped, "/+!~@"));
}

bool resetSink(QFile *sink)
{
    return !sink || (sink->resize(0) && sink->seek(0));
}

// The path of the request below a proxy's base URL: "<esc path>/@v/<esc version>.zip",
// ".../@v/list", ".../@latest".
Expected<QString> requestPath(const QString &path, const QString &version, ProxyFetcher::Kind kind)
{
    using Kind = ProxyFetcher::Kind;
    const bool query = kind == Kind::List || kind == Kind::Latest;
    const Expected<QString> escPath = ModulePath::escapePath(path);
    const Expected<QString> escVersion
        = query ? Expected<QString>(QString()) : ModulePath::escapeVersion(version);
    if (!escPath || !escVersion)
        return !escPath ? escPath.error() : escVersion.error();
    QString rel = urlPath(*escPath);
    if (kind == Kind::List)
        rel += u"/@v/list"_s;
    else if (kind == Kind::Latest)
        rel += u"/@latest"_s;
    else
        rel += u"/@v/"_s + urlPath(*escVersion) + suffix(kind);
    return rel;
}

HttpGetter::Options httpOptions(const DownloadOptions &options, const QString &url, qint64 maxBytes,
                                const std::function<bool()> &cancelled,
                                const std::function<void(qint64)> &onBytes)
{
    HttpGetter::Options http;
    http.idleTimeoutMs = options.idleTimeoutMs;
    http.maxBytes = maxBytes;
    http.caCertificates = options.caCertificates;
    http.proxyEnvironment = &options.proxyEnvironment;
    http.cancelled = cancelled;
    http.onBytes = onBytes;
    for (const QString &key : CredentialStore::keysForUrl(url)) {
        if (const auto it = options.credentials.constFind(key);
            it != options.credentials.constEnd()) {
            http.credential = *it;
            break;
        }
    }
    return http;
}

// A request that got no 200: go's "reading <url>: <status>" text with the server's own words.
Error failureOf(const HttpGetter::Response &r, const QString &url, const QString &subject)
{
    Error e;
    if (r.error.isError()) {
        e = r.error;
        e.message = u"reading %1: %2"_s.arg(GoUrl::redact(url), r.error.message);
        e.subject = subject;
    } else {
        QString status = QString::number(r.status);
        if (!r.reason.isEmpty())
            status += u' ' + r.reason;
        QString text = u"reading %1: %2"_s.arg(GoUrl::redact(url), status);
        const QString detail = ProxyProbe::formatErrorDetail(r.body, r.contentType);
        if (!detail.isEmpty())
            text += u"\n\tserver response:"_s + (detail.contains(u'\n') ? u"\n\t"_s : u" "_s)
                    + detail;
        e = Error::make(r.status == 404 || r.status == 410 ? Error::Code::NotFound
                                                           : Error::Code::Network,
                        text, subject);
    }
    return e;
}

} // namespace

// A counting semaphore that can give up when the job is cancelled.
class ProxyFetcher::HostSlots
{
public:
    explicit HostSlots(int count) : m_free(count) { }
    bool acquire(const std::function<bool()> &cancelled)
    {
        QMutexLocker lock(&m_mutex);
        while (m_free == 0) {
            if (cancelled && cancelled())
                return false;
            m_changed.wait(&m_mutex, 50);
        }
        --m_free;
        return true;
    }
    void release()
    {
        QMutexLocker lock(&m_mutex);
        ++m_free;
        m_changed.wakeOne();
    }

private:
    QMutex m_mutex;
    QWaitCondition m_changed;
    int m_free;
};

ProxyFetcher::ProxyFetcher(ProxyList list, const DownloadOptions &options)
    : m_list(std::move(list)), m_options(options)
{ }

std::shared_ptr<void> ProxyFetcher::acquireSlot(const QString &host,
                                                const std::function<bool()> &cancelled) const
{
    std::shared_ptr<HostSlots> slots;
    {
        QMutexLocker lock(&m_slotsMutex);
        std::shared_ptr<HostSlots> &entry = m_slots[host.toLower()];
        if (!entry)
            entry = std::make_shared<HostSlots>(std::max(1, m_options.maxPerHost));
        slots = entry;
    }
    if (!slots->acquire(cancelled))
        return {};
    // Not null (the caller tests it); the deleter gives the slot back, it deletes nothing.
    return std::shared_ptr<void>(slots.get(), [slots](void *) { slots->release(); });
}

qint64 ProxyFetcher::maxBytes(Kind kind)
{
    switch (kind) {
    case Kind::Info:
        return 1 << 20;
    case Kind::Mod:
        return 16 << 20;
    case Kind::Zip:
        return 500LL << 20;
    case Kind::List:
    case Kind::Latest:
        return 16 << 20;
    }
    return -1;
}

ProxyFetcher::Fetched ProxyFetcher::fetch(const QString &path, const QString &version, Kind kind,
                                          QFile *zipSink, const std::function<bool()> &cancelled,
                                          const std::function<void(qint64)> &onBytes) const
{
    Fetched out;
    const Expected<QString> rel = requestPath(path, version, kind);
    if (!rel) {
        out.error = rel.error();
        return out;
    }
    Error notFound; // the last "not here" answer, reported when the list runs out
    Error firstError;

    for (const ProxyList::Entry &entry : m_list.entries()) {
        using K = ProxyList::Entry::Kind;
        if (entry.kind == K::NoProxy) {
            if (ModulePath::matchPrefixPatterns(m_options.gonoproxy, path)) {
                out.direct = true;
                out.proxy = u"direct"_s;
                return out;
            }
            continue;
        }
        if (entry.kind == K::Direct) {
            out.direct = true;
            out.proxy = u"direct"_s;
            return out;
        }
        if (entry.kind == K::Off) {
            out.error = firstError.isError()
                            ? firstError
                            : Error::make(Error::Code::Refused,
                                          u"module lookup disabled by GOPROXY=off"_s,
                                          path + u'@' + version);
            return out;
        }

        QString base = entry.url;
        while (base.endsWith(u'/'))
            base.chop(1);
        const QString url = base + u'/' + *rel;
        out.proxy = GoUrl::redact(entry.url);
        const std::optional<Error> failed = url.startsWith(u"file:"_s)
                                                ? fetchFromFile(url, kind, zipSink, onBytes, out)
                                                : fetchOverHttp(url, path + u'@' + version, kind,
                                                                zipSink, cancelled, onBytes, out);
        if (!failed)
            return out;
        if (failed->code == Error::Code::NotFound) {
            notFound = *failed;
            continue;
        }
        if (!entry.fallBackOnError) {
            out.error = *failed;
            return out;
        }
        if (!firstError.isError())
            firstError = *failed;
    }
    out.error = firstError.isError() ? firstError
                : notFound.isError() ? notFound
                                     : Error::make(Error::Code::NotFound, u"no proxy has it"_s,
                                                   path + u'@' + version);
    return out;
}

std::optional<Error> ProxyFetcher::fetchFromFile(const QString &url, Kind kind, QFile *zipSink,
                                                 const std::function<void(qint64)> &onBytes,
                                                 Fetched &out)
{
    const QString local = QUrl(url).toLocalFile();
    QFile f(local);
    if (!f.open(QIODevice::ReadOnly))
        return Error::make(f.exists() ? Error::Code::Io : Error::Code::NotFound, f.errorString(),
                           local);
    if (f.size() > maxBytes(kind)) {
        out.error = Error::make(Error::Code::Refused,
                                u"larger than go's limit of %1 bytes"_s.arg(maxBytes(kind)), local);
        return std::nullopt;
    }
    if (zipSink) {
        if (!resetSink(zipSink)) {
            out.error = Error::make(Error::Code::Io, zipSink->errorString(), zipSink->fileName());
            return std::nullopt;
        }
        char buf[1 << 16];
        qint64 n;
        while ((n = f.read(buf, sizeof buf)) > 0) {
            if (zipSink->write(buf, n) != n) {
                out.error
                    = Error::make(Error::Code::Io, zipSink->errorString(), zipSink->fileName());
                return std::nullopt;
            }
            out.bytes += n;
        }
        if (!zipSink->flush()) {
            out.error = Error::make(Error::Code::Io, zipSink->errorString(), zipSink->fileName());
            return std::nullopt;
        }
    } else {
        out.data = f.readAll();
        out.bytes = out.data.size();
    }
    if (onBytes)
        onBytes(out.bytes);
    return std::nullopt;
}

std::optional<Error> ProxyFetcher::fetchOverHttp(const QString &url, const QString &subject,
                                                 Kind kind, QFile *zipSink,
                                                 const std::function<bool()> &cancelled,
                                                 const std::function<void(qint64)> &onBytes,
                                                 Fetched &out) const
{
    const HttpGetter::Options http
        = httpOptions(m_options, url, maxBytes(kind), cancelled, onBytes);
    HttpGetter::Response r;
    for (int attempt = 0;; ++attempt) {
        if (!resetSink(zipSink)) {
            out.error = Error::make(Error::Code::Io, zipSink->errorString(), zipSink->fileName());
            return std::nullopt;
        }
        // A mirror gets at most maxPerHost requests at once, however many jobs run.
        const QUrl target(url);
        const std::shared_ptr<void> slot
            = acquireSlot(target.host() + u':' + QString::number(target.port(0)), cancelled);
        if (!slot) {
            out.error = Error::make(Error::Code::Cancelled, u"cancelled"_s, subject);
            return std::nullopt;
        }
        r = HttpGetter::get(target, zipSink, http);
        if (r.ok() || !r.transient() || attempt >= m_options.retries || (cancelled && cancelled()))
            break;
        QThread::msleep(250UL << (2 * attempt)); // 250 ms, 1 s, 4 s
    }
    if (r.ok()) {
        out.data = std::move(r.body);
        out.bytes = r.bytes;
        if (zipSink && !zipSink->flush())
            out.error = Error::make(Error::Code::Io, zipSink->errorString(), zipSink->fileName());
        return std::nullopt;
    }
    if (r.error.code == Error::Code::Cancelled) {
        out.error = r.error;
        return std::nullopt;
    }
    return failureOf(r, url, subject);
}

} // namespace mk
