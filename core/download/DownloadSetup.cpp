// SPDX-License-Identifier: GPL-3.0-or-later
#include "DownloadSetup.h"

#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QtConcurrent>

#include <mutex>

#include "common/CorePool.h"
#include "download/DownloadJob.h"
#include "keychain/CredentialStore.h"
#include "proxy/ProxyList.h"
#include "proxy/ProxyPresetStore.h"
#include "proxy/TrustedCertificates.h"
#include "sumdb/SumDbClient.h"

using namespace Qt::StringLiterals;

namespace mk {

QHash<QString, QString> DownloadSetup::processEnvironment()
{
    const QProcessEnvironment sys = QProcessEnvironment::systemEnvironment();
    QHash<QString, QString> out;
    const QStringList keys = sys.keys();
    for (const QString &k : keys)
        out.insert(k, sys.value(k));
    return out;
}

QString DownloadSetup::goCommand(const GoEnvironment &env,
                                 const QHash<QString, QString> &environment)
{
    // What a shell runs: a wrapper script or shim on PATH is the user's go, not whatever
    // GOROOT its location suggests. Relative PATH entries are ignored, as os/exec does.
    QStringList dirs = environment.value(u"PATH"_s).split(u':', Qt::SkipEmptyParts);
    dirs.removeIf([](const QString &d) { return !QDir::isAbsolutePath(d); });
    if (!dirs.isEmpty())
        if (const QString onPath = QStandardPaths::findExecutable(u"go"_s, dirs); !onPath.isEmpty())
            return onPath;
    if (env.goroot().isEmpty())
        return {};
    const QFileInfo inRoot(env.goroot() + u"/bin/go"_s);
    return inRoot.isFile() && inRoot.isExecutable() ? inRoot.filePath() : QString();
}

Expected<DownloadOptions> DownloadSetup::fromEnvironment(const GoEnvironment &env,
                                                         const QString &proxyOverride,
                                                         const QString &modcacheOverride,
                                                         const QHash<QString, QString> &environment)
{
    DownloadOptions o;
    if (!modcacheOverride.isEmpty()) {
        o.gomodcache = QDir::cleanPath(QDir(modcacheOverride).absolutePath());
    } else {
        const Expected<QString> dir = env.gomodcache();
        if (!dir) {
            Error e = dir.error();
            e.message = u"GOMODCACHE: "_s + e.message;
            return e;
        }
        o.gomodcache = *dir;
    }
    o.goproxy = env.value(u"GOPROXY"_s);
    o.gonoproxy = env.value(u"GONOPROXY"_s);
    if (o.gonoproxy.isEmpty())
        o.gonoproxy = env.value(u"GOPRIVATE"_s);
    if (!proxyOverride.isEmpty()) {
        const ProxyPresetStore store;
        if (const std::optional<ProxyPreset> preset = store.find(proxyOverride)) {
            o.goproxy = preset->goproxy;
            if (const auto v = preset->value(u"GONOPROXY"_s))
                o.gonoproxy = *v;
            else if (const auto p = preset->value(u"GOPRIVATE"_s))
                o.gonoproxy = *p;
        } else {
            o.goproxy = proxyOverride;
        }
    }
    if (const Expected<ProxyList> list = ProxyList::parse(o.goproxy, o.gonoproxy); !list)
        return list.error();
    o.cacheRw = env.modCacheRw();
    o.goBinary = goCommand(env, environment);
    return o;
}

DownloadSetup::Prepared DownloadSetup::prepare(const GoEnvironment &env, const Request &request)
{
    Prepared p;
    const auto failed = [&p](Prepared::Step step, Error error) {
        p.failed = step;
        p.error = std::move(error);
        return p;
    };
    Expected<DownloadOptions> options = fromEnvironment(
        env, request.proxyOverride, request.modcacheOverride, request.environment);
    if (!options)
        return failed(Prepared::Step::Environment, options.error());
    p.options = std::move(options.value());
    // What go trusts (SSL_CERT_FILE / SSL_CERT_DIR), plus the file the user named.
    p.options.caCertificates = TrustedCertificates::fromEnvironment(request.environment);
    if (!request.caFile.isEmpty()) {
        const Expected<QList<QSslCertificate>> extra
            = TrustedCertificates::readPemFile(request.caFile);
        if (!extra)
            return failed(Prepared::Step::CaFile, extra.error());
        for (const QSslCertificate &c : extra.value())
            if (!p.options.caCertificates.contains(c))
                p.options.caCertificates.append(c);
    }
    Credentials credentials = readCredentials(p.options);
    p.options.credentials = std::move(credentials.byHost);
    p.notes = std::move(credentials.notes);
    if (Status st = attachChecksumDb(p.options, env); !st)
        return failed(Prepared::Step::ChecksumDb, st.error());
    return p;
}

QFuture<DownloadSetup::Prepared> DownloadSetup::prepareAsync(const GoEnvironment &env,
                                                             const Request &request)
{
    return QtConcurrent::run(CorePool::instance(),
                             [env, request] { return prepare(env, request); });
}

std::function<Status(const QString &, const ModuleVersionRecord &, const std::function<bool()> &)>
DownloadSetup::deferredRedownloader(const GoEnvironment &env, const Request &request)
{
    struct Shared
    {
        std::once_flag once;
        Prepared prepared;
        std::function<Status(const QString &, const ModuleVersionRecord &,
                             const std::function<bool()> &)>
            redownload;
    };
    auto shared = std::make_shared<Shared>();
    return [shared, env, request](const QString &gomodcache, const ModuleVersionRecord &version,
                                  const std::function<bool()> &cancelled) -> Status {
        std::call_once(shared->once, [&] {
            shared->prepared = prepare(env, request);
            if (shared->prepared.ok())
                shared->redownload = redownloader(shared->prepared.options);
        });
        if (!shared->prepared.ok())
            return shared->prepared.error;
        return shared->redownload(gomodcache, version, cancelled);
    };
}

QFuture<DownloadSetup::Credentials> DownloadSetup::loadCredentials(const DownloadOptions &options)
{
    DownloadOptions chain;
    chain.goproxy = options.goproxy;
    chain.gonoproxy = options.gonoproxy;
    return QtConcurrent::run(CorePool::instance(), [chain] { return readCredentials(chain); });
}

DownloadSetup::Credentials DownloadSetup::readCredentials(const DownloadOptions &options)
{
    Credentials out;
    const QStringList known = CredentialStore::knownHosts();
    const Expected<ProxyList> list = ProxyList::parse(options.goproxy, options.gonoproxy);
    if (known.isEmpty() || !list)
        return out;
    QHash<QString, QFuture<CredentialResult>>
        reads; // all at once: a hung keychain costs one timeout
    for (const QString &url : list->proxyUrls())
        for (const QString &key : CredentialStore::keysForUrl(url))
            if (known.contains(key) && !reads.contains(key))
                reads.insert(key, CredentialStore::instance().read(key));
    for (auto it = reads.begin(); it != reads.end(); ++it) {
        it->waitForFinished(); // the store's own timeout bounds this
        const CredentialResult r = it->resultCount() > 0 ? it->result() : CredentialResult();
        if (r.ok())
            out.byHost.insert(it.key(), r.credential);
        else
            out.notes << r.error.toString() + u"; fetching from "_s + it.key() + u" without it"_s;
    }
    return out;
}

Status DownloadSetup::attachChecksumDb(DownloadOptions &options, const GoEnvironment &env)
{
    const Expected<SumDbClient::Options> resolved = SumDbClient::Options::fromEnvironment(env);
    if (!resolved)
        return resolved.error();
    SumDbClient::Options o = resolved.value();
    if (o.sumdb.isOff()) {
        options.checksumDb = {};
        return {};
    }
    // The chain actually used for this download (a preset may differ from the go env).
    o.goproxy = options.goproxy;
    o.gonoproxy = options.gonoproxy;
    o.gomodcache = options.gomodcache;
    o.credentials = options.credentials;
    o.caCertificates = options.caCertificates;
    Expected<std::shared_ptr<SumDbClient>> client = SumDbClient::create(o);
    if (!client)
        return client.error();
    options.checksumDb = client.value()->hashChecker();
    return {};
}

std::function<Status(const QString &, const ModuleVersionRecord &, const std::function<bool()> &)>
DownloadSetup::redownloader(const DownloadOptions &options)
{
    return [options](const QString &gomodcache, const ModuleVersionRecord &version,
                     const std::function<bool()> &cancelled) -> Status {
        DownloadOptions o = options;
        o.gomodcache = gomodcache;
        const DownloadResult r = DownloadJob::runOne(o, {version.path, version.version},
                                                     DownloadJob::Mode::Replace, cancelled);
        if (r.outcome == DownloadOutcome::Downloaded)
            return {};
        if (r.error.isError())
            return r.error;
        return Error::make(
            Error::Code::Security,
            u"the download (%1) does not match what the cache recorded; nothing was replaced"_s.arg(
                toString(r.outcome)),
            version.id());
    };
}

} // namespace mk
