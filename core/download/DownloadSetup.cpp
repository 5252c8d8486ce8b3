// SPDX-License-Identifier: GPL-3.0-or-later
#include "DownloadSetup.h"

#include <QDir>
#include <QtConcurrent>

#include "common/CorePool.h"
#include "download/DownloadJob.h"
#include "keychain/CredentialStore.h"
#include "proxy/ProxyList.h"
#include "proxy/ProxyPresetStore.h"
#include "sumdb/SumDbClient.h"

using namespace Qt::StringLiterals;

namespace mk {

Expected<DownloadOptions> DownloadSetup::fromEnvironment(const GoEnvironment &env, const QString &proxyOverride,
                                                         const QString &modcacheOverride)
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
    o.cacheRw = env.value(u"GOFLAGS"_s).split(u' ', Qt::SkipEmptyParts).contains(u"-modcacherw"_s);
    o.goBinary = env.goroot().isEmpty() ? QString() : env.goroot() + u"/bin/go"_s;
    return o;
}

QFuture<DownloadSetup::Credentials> DownloadSetup::loadCredentials(const DownloadOptions &options)
{
    const QString goproxy = options.goproxy;
    const QString gonoproxy = options.gonoproxy;
    return QtConcurrent::run(CorePool::instance(), [goproxy, gonoproxy] {
        Credentials out;
        const QStringList known = CredentialStore::knownHosts();
        const Expected<ProxyList> list = ProxyList::parse(goproxy, gonoproxy);
        if (known.isEmpty() || !list)
            return out;
        QHash<QString, QFuture<CredentialResult>> reads; // all at once: a hung keychain costs one timeout
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
    });
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
    return [options](const QString &gomodcache, const ModuleVersionRecord &version, const std::function<bool()> &cancelled) -> Status {
        DownloadOptions o = options;
        o.gomodcache = gomodcache;
        const DownloadResult r = DownloadJob::runOne(o, {version.path, version.version}, DownloadJob::Mode::Replace, cancelled);
        if (r.outcome == DownloadOutcome::Downloaded)
            return {};
        if (r.error.isError())
            return r.error;
        return Error::make(Error::Code::Security,
                           u"the download (%1) does not match what the cache recorded; nothing was replaced"_s.arg(toString(r.outcome)),
                           version.id());
    };
}

} // namespace mk
