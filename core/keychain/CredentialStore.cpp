// SPDX-License-Identifier: GPL-3.0-or-later
#include "CredentialStore.h"

#include <atomic>

#include <QCoreApplication>
#include <QMutex>
#include <QPromise>
#include <QSettings>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include "common/GoUrl.h"
#include "keychain/QtKeychainBackend.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

const QString availabilityKey = u"modkeeper-availability-check"_s;

// The two process-wide threads: one runs keychain jobs, the other only timeouts.
class KeychainThreads
{
public:
    static KeychainThreads &get()
    {
        // Leaked on purpose: QtKeychain's executor must outlive every job, and the threads
        // are stopped by the post routine when the application object goes away.
        static KeychainThreads *t = [] {
            auto *threads = new KeychainThreads;
            qAddPostRoutine(&KeychainThreads::shutdown);
            return threads;
        }();
        return *t;
    }

    [[nodiscard]] QObject *jobs() const { return m_jobsContext; }
    [[nodiscard]] QObject *watchdog() const { return m_watchdogContext; }
    [[nodiscard]] bool stopped() const { return m_stopped.load(); }

private:
    KeychainThreads()
    {
        m_jobs.setObjectName(u"modkeeper-keychain"_s);
        m_watchdog.setObjectName(u"modkeeper-keychain-watchdog"_s);
        m_jobsContext = new QObject;
        m_watchdogContext = new QObject;
        m_jobsContext->moveToThread(&m_jobs);
        m_watchdogContext->moveToThread(&m_watchdog);
        m_jobs.start();
        m_watchdog.start();
    }

    static void shutdown()
    {
        KeychainThreads &t = get();
        t.m_stopped = true;
        for (QThread *thread : {&t.m_watchdog, &t.m_jobs}) {
            thread->quit();
            // A backend stuck inside a call keeps its thread; leave it rather than abort.
            thread->wait(2000);
        }
    }

    QThread m_jobs;
    QThread m_watchdog;
    QObject *m_jobsContext = nullptr;
    QObject *m_watchdogContext = nullptr;
    std::atomic_bool m_stopped{false};
};

// One request: finished exactly once, by the backend or by the timeout, whichever is first.
struct Pending
{
    QPromise<CredentialResult> promise;
    std::atomic_bool done{false};

    void finish(const CredentialResult &r)
    {
        if (done.exchange(true))
            return;
        promise.addResult(r);
        promise.finish();
    }
};

CredentialResult makeResult(CredentialResult::State state, const QString &host,
                            const QString &message)
{
    CredentialResult r;
    r.state = state;
    r.host = host;
    if (state != CredentialResult::State::Ok) {
        const Error::Code code = state == CredentialResult::State::NotFound ? Error::Code::NotFound
                                 : state == CredentialResult::State::TimedOut ? Error::Code::Busy
                                 : state == CredentialResult::State::Invalid
                                     ? Error::Code::InvalidArgument
                                     : Error::Code::Unsupported;
        r.error = Error::make(code, message, host);
    }
    return r;
}

QString noSecureStorage(const KeychainBackend::Reply &reply)
{
    return u"no secure storage: the OS keychain is not available (%1). ModKeeper keeps credentials "
           u"only in the "
           "keychain and never in plain text, so nothing was stored"_s.arg(
               reply.detail.isEmpty() ? u"error %1"_s.arg(reply.backendCode) : reply.detail);
}

// The QSettings key of the host list of a keychain service (other services: tests).
QString indexKey(const QString &service)
{
    if (service == CredentialStore::serviceName())
        return u"Credentials/hosts"_s;
    return u"Credentials/"_s + QString::fromLatin1(QUrl::toPercentEncoding(service)) + u"/hosts"_s;
}

QStringList readIndex(const QString &service)
{
    QSettings s;
    s.sync();
    return s.value(indexKey(service)).toStringList();
}

// Called on the keychain thread after the keychain confirmed a change.
void updateIndex(const QString &service, const QString &host, bool present)
{
    static QMutex mutex;
    QMutexLocker lock(&mutex);
    QSettings s;
    s.sync();
    const QString key = indexKey(service);
    QStringList hosts = s.value(key).toStringList();
    hosts.removeAll(host);
    if (present)
        hosts.append(host);
    hosts.sort();
    if (hosts.isEmpty())
        s.remove(key);
    else
        s.setValue(key, hosts);
    s.sync();
}

using Operation
    = std::function<void(const std::shared_ptr<KeychainBackend> &, KeychainBackend::Done)>;
using Interpret = std::function<CredentialResult(const KeychainBackend::Reply &)>;

QFuture<CredentialResult> submit(const std::shared_ptr<KeychainBackend> &backend,
                                 const QString &host, int timeoutMs, Operation operation,
                                 Interpret interpret)
{
    auto pending = std::make_shared<Pending>();
    pending->promise.start();
    QFuture<CredentialResult> future = pending->promise.future();

    KeychainThreads &threads = KeychainThreads::get();
    if (threads.stopped()) {
        pending->finish(makeResult(CredentialResult::State::NoSecureStorage, host,
                                   u"no secure storage: the application is shutting down"_s));
        return future;
    }
    const int seconds = (timeoutMs + 999) / 1000;
    QMetaObject::invokeMethod(
        threads.watchdog(),
        [pending, timeoutMs, host, seconds] {
            QTimer::singleShot(
                timeoutMs, KeychainThreads::get().watchdog(), [pending, host, seconds] {
                    pending->finish(
                        makeResult(CredentialResult::State::TimedOut, host,
                                   u"the keychain did not answer within %1 s (an unlock prompt may "
                                   u"be waiting); "
                                   "the request was left to finish on its own"_s.arg(seconds)));
                });
        },
        Qt::QueuedConnection);
    QMetaObject::invokeMethod(
        threads.jobs(),
        [backend, pending, operation, interpret] {
            operation(backend, [pending, interpret](const KeychainBackend::Reply &reply) {
                pending->finish(interpret(reply));
            });
        },
        Qt::QueuedConnection);
    return future;
}

QFuture<CredentialResult> invalidInput(const Error &error, const QString &host)
{
    QPromise<CredentialResult> promise;
    promise.start();
    CredentialResult r = makeResult(CredentialResult::State::Invalid, host, error.message);
    r.error = error;
    promise.addResult(r);
    promise.finish();
    return promise.future();
}

} // namespace

QString CredentialStore::serviceName()
{
    return u"ModKeeper GOPROXY"_s;
}

CredentialStore &CredentialStore::instance()
{
    static CredentialStore *store = new CredentialStore(std::make_shared<QtKeychainBackend>());
    return *store;
}

CredentialStore::CredentialStore(std::shared_ptr<KeychainBackend> backend, QString service)
    : m_backend(std::move(backend)), m_service(std::move(service))
{ }

Expected<QString> CredentialStore::normalizeHost(const QString &hostOrUrl)
{
    const QString in = hostOrUrl.trimmed();
    const auto bad = [&](const QString &why) {
        return Error::make(Error::Code::InvalidArgument, why, GoUrl::redact(in));
    };
    if (in.isEmpty())
        return bad(u"no host given"_s);
    for (const QChar c : in) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.isSpace())
            return bad(u"a host cannot contain white space or control characters"_s);
    }
    QString host;
    if (in.contains(u"://"_s)) {
        const Expected<GoUrl> url = GoUrl::parse(in);
        if (!url)
            return bad(url.error().message);
        if (url->scheme() == u"http")
            return bad(u"credentials are only ever sent over https; use an https:// URL"_s);
        if (url->scheme() != u"https")
            return bad(u"only https URLs carry credentials"_s);
        if (url->hasUserinfo())
            return bad(u"put the user name in --user, not in the URL"_s);
        host = url->host();
    } else {
        for (const QChar c : {u'/', u'@', u'?', u'#', u'\\'}) {
            if (in.contains(c))
                return bad(u"expected a host name, optionally with :port"_s);
        }
        const Expected<GoUrl> url = GoUrl::parse(u"https://"_s + in);
        if (!url)
            return bad(url.error().message);
        host = url->host();
    }
    if (host.isEmpty() || host.startsWith(u':'))
        return bad(u"no host given"_s);
    host = host.toLower();
    if (host.endsWith(u":443"_s))
        host.chop(4);
    if (host.endsWith(u':'))
        host.chop(1);
    return host;
}

QStringList CredentialStore::keysForUrl(const QString &url)
{
    const Expected<GoUrl> u = GoUrl::parse(url);
    if (!u || u->host().isEmpty())
        return {};
    QStringList keys;
    const QString hostname = u->hostname().toLower();
    const QString port = u->port();
    if (!port.isEmpty() && port != u"443")
        keys.append((u->host().startsWith(u'[') ? u'[' + hostname + u']' : hostname) + u':' + port);
    keys.append(u->host().startsWith(u'[') ? u'[' + hostname + u']' : hostname);
    return keys;
}

QStringList CredentialStore::knownHosts()
{
    return readIndex(serviceName());
}

QFuture<CredentialResult> CredentialStore::read(const QString &hostIn, int timeoutMs) const
{
    const Expected<QString> host = normalizeHost(hostIn);
    if (!host)
        return invalidInput(host.error(), hostIn);
    const QString service = m_service;
    const QString key = *host;
    return submit(
        m_backend, key, timeoutMs,
        [service, key](const std::shared_ptr<KeychainBackend> &b, KeychainBackend::Done done) {
            b->read(service, key, std::move(done));
        },
        [key](const KeychainBackend::Reply &reply) {
            switch (reply.outcome) {
            case KeychainBackend::Outcome::Ok: {
                const Expected<Credential> c = Credential::fromKeychainData(reply.data);
                if (!c)
                    return makeResult(CredentialResult::State::Invalid, key, c.error().message);
                CredentialResult r = makeResult(CredentialResult::State::Ok, key, {});
                r.credential = *c;
                return r;
            }
            case KeychainBackend::Outcome::NotFound:
                return makeResult(CredentialResult::State::NotFound, key,
                                  u"no credential is stored for this host"_s);
            case KeychainBackend::Outcome::Unavailable:
                break;
            }
            return makeResult(CredentialResult::State::NoSecureStorage, key,
                              noSecureStorage(reply));
        });
}

QFuture<CredentialResult> CredentialStore::write(const QString &hostIn,
                                                 const Credential &credential, int timeoutMs) const
{
    const Expected<QString> host = normalizeHost(hostIn);
    if (!host)
        return invalidInput(host.error(), hostIn);
    if (Status st = credential.validate(); !st)
        return invalidInput(st.error(), *host);
    const QString service = m_service;
    const QString key = *host;
    const QByteArray data = credential.toKeychainData();
    return submit(
        m_backend, key, timeoutMs,
        [service, key, data](const std::shared_ptr<KeychainBackend> &b,
                             KeychainBackend::Done done) {
            b->write(service, key, data, std::move(done));
        },
        [service, key](const KeychainBackend::Reply &reply) {
            if (reply.outcome == KeychainBackend::Outcome::Ok) {
                updateIndex(service, key, true);
                return makeResult(CredentialResult::State::Ok, key, {});
            }
            return makeResult(CredentialResult::State::NoSecureStorage, key,
                              noSecureStorage(reply));
        });
}

QFuture<CredentialResult> CredentialStore::remove(const QString &hostIn, int timeoutMs) const
{
    const Expected<QString> host = normalizeHost(hostIn);
    if (!host)
        return invalidInput(host.error(), hostIn);
    const QString service = m_service;
    const QString key = *host;
    return submit(
        m_backend, key, timeoutMs,
        [service, key](const std::shared_ptr<KeychainBackend> &b, KeychainBackend::Done done) {
            // libsecret reports success for deleting a missing entry: look first, so that
            // "nothing to remove" is told apart. The callback keeps the backend alive.
            b->read(service, key,
                    [b, service, key, done = std::move(done)](const KeychainBackend::Reply &found) {
                        if (found.outcome != KeychainBackend::Outcome::Ok)
                            done(found);
                        else
                            b->remove(service, key, done);
                    });
        },
        [service, key](const KeychainBackend::Reply &reply) {
            switch (reply.outcome) {
            case KeychainBackend::Outcome::Ok:
                updateIndex(service, key, false);
                return makeResult(CredentialResult::State::Ok, key, {});
            case KeychainBackend::Outcome::NotFound:
                updateIndex(service, key, false);
                return makeResult(CredentialResult::State::NotFound, key,
                                  u"no credential is stored for this host"_s);
            case KeychainBackend::Outcome::Unavailable:
                break;
            }
            return makeResult(CredentialResult::State::NoSecureStorage, key,
                              noSecureStorage(reply));
        });
}

QFuture<CredentialResult> CredentialStore::checkAvailable(int timeoutMs) const
{
    const QString service = m_service;
    return submit(
        m_backend, {}, timeoutMs,
        [service](const std::shared_ptr<KeychainBackend> &b, KeychainBackend::Done done) {
            b->read(service, availabilityKey, std::move(done));
        },
        [](const KeychainBackend::Reply &reply) {
            if (reply.outcome == KeychainBackend::Outcome::Unavailable)
                return makeResult(CredentialResult::State::NoSecureStorage, {},
                                  noSecureStorage(reply));
            return makeResult(CredentialResult::State::Ok, {}, {});
        });
}

} // namespace mk
