// SPDX-License-Identifier: GPL-3.0-or-later
#include "DownloadCommand.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cli/CliContext.h"
#include "env/GoEnvironment.h"
#include "keychain/CredentialStore.h"
#include "module/ModulePath.h"
#include "module/Semver.h"
#include "proxy/ProxyList.h"
#include "proxy/ProxyPresetStore.h"
#include "scan/ScanReport.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

int DownloadCommand::configure(CliContext &ctx, const QCommandLineParser &parser, const Common &common, const QString &command,
                               const QString &proxyValue, DownloadOptions &options)
{
    const QString prefix = u"modkeeper-cli "_s + command + u": "_s;
    bool ok = false;
    options.jobs = parser.value(common.jobs).toInt(&ok);
    if (!ok || options.jobs < 1 || options.jobs > 64) {
        ctx.err << prefix << "--jobs takes a number from 1 to 64, not \"" << parser.value(common.jobs) << "\"\n";
        return UsageError;
    }
    const double lockSeconds = parser.value(common.lockTimeout).toDouble(&ok);
    if (!ok || lockSeconds < 0) {
        ctx.err << prefix << "--lock-timeout takes seconds, not \"" << parser.value(common.lockTimeout) << "\"\n";
        return UsageError;
    }
    options.lockTimeoutMs = int(lockSeconds * 1000);

    const GoEnvironment env = GoEnvironment::resolve(ctx.envInputs);
    if (parser.isSet(common.modcache)) {
        const Expected<QString> dir = ctx.modcache(parser.value(common.modcache));
        if (!dir) {
            ctx.err << prefix << dir.error().toString() << "\n";
            return Failure;
        }
        options.gomodcache = *dir;
    } else {
        // The cache may not exist yet: go creates it on first download.
        const Expected<QString> dir = env.gomodcache();
        if (!dir) {
            ctx.err << prefix << "GOMODCACHE: " << dir.error().toString() << "\n";
            return Failure;
        }
        options.gomodcache = *dir;
    }
    options.goproxy = env.value(u"GOPROXY"_s);
    options.gonoproxy = env.value(u"GONOPROXY"_s);
    if (options.gonoproxy.isEmpty())
        options.gonoproxy = env.value(u"GOPRIVATE"_s);
    if (!proxyValue.isEmpty()) {
        // A preset name, or a GOPROXY list given as is.
        const ProxyPresetStore store;
        if (const std::optional<ProxyPreset> preset = store.find(proxyValue)) {
            options.goproxy = preset->goproxy;
            if (const auto v = preset->value(u"GONOPROXY"_s))
                options.gonoproxy = *v;
            else if (const auto p = preset->value(u"GOPRIVATE"_s))
                options.gonoproxy = *p;
        } else {
            options.goproxy = proxyValue;
        }
    }
    if (const Expected<ProxyList> list = ProxyList::parse(options.goproxy, options.gonoproxy); !list) {
        ctx.err << prefix << list.error().toString() << "\n";
        return UsageError;
    }
    options.cacheRw = env.value(u"GOFLAGS"_s).split(u' ', Qt::SkipEmptyParts).contains(u"-modcacherw"_s);
    options.goBinary = env.goroot().isEmpty() ? QString() : env.goroot() + u"/bin/go"_s;

    // Credentials for the proxy hosts the keychain knows; never asked for otherwise.
    const QStringList known = CredentialStore::knownHosts();
    if (!known.isEmpty()) {
        const Expected<ProxyList> list = ProxyList::parse(options.goproxy, options.gonoproxy);
        for (const QString &url : list->proxyUrls()) {
            for (const QString &key : CredentialStore::keysForUrl(url)) {
                if (!known.contains(key) || options.credentials.contains(key))
                    continue;
                QFuture<CredentialResult> f = CredentialStore::instance().read(key);
                f.waitForFinished(); // the store's own timeout bounds this
                const CredentialResult r = f.resultCount() > 0 ? f.result() : CredentialResult();
                if (r.ok())
                    options.credentials.insert(key, r.credential);
                else
                    ctx.err << "note: " << r.error.toString() << "; fetching from " << key << " without it\n";
            }
        }
    }
    return -1;
}

int DownloadCommand::execute(CliContext &ctx, const DownloadOptions &options, const QList<DownloadRequest> &requests,
                             DownloadJob::Mode mode, bool asJson, const QString &command)
{
    const QList<DownloadResult> results = DownloadJob::run(options, requests, mode);
    int bad = 0;
    qint64 total = 0;
    QJsonArray versions;
    for (const DownloadResult &r : results) {
        total += r.bytes;
        if (!r.ok())
            ++bad;
        QJsonObject o{{u"path"_s, r.path},       {u"version"_s, r.version}, {u"ok"_s, r.ok()},
                      {u"outcome"_s, toString(r.outcome)}, {u"sum"_s, r.sum}, {u"goModSum"_s, r.goModSum},
                      {u"proxy"_s, r.proxy},     {u"bytes"_s, r.bytes}};
        if (r.error.isError())
            o.insert(u"error"_s, r.error.toString());
        if (!r.notes.isEmpty())
            o.insert(u"notes"_s, QJsonArray::fromStringList(r.notes));
        versions.append(o);
        if (asJson)
            continue;
        QString line = toString(r.outcome).leftJustified(16) + r.id();
        if (!r.sum.isEmpty())
            line += u"  "_s + r.sum;
        if (!r.proxy.isEmpty())
            line += u"  from "_s + r.proxy;
        if (r.bytes > 0)
            line += u"  ("_s + ScanReport::formatBytes(quint64(r.bytes)) + u')';
        (r.ok() ? ctx.out : ctx.err) << line << "\n";
        if (r.error.isError())
            ctx.err << "    " << r.error.toString().replace(u'\n', u"\n    "_s) << "\n";
        for (const QString &n : r.notes)
            if (n.startsWith(u"SECURITY"_s))
                ctx.err << "    " << n << "\n";
    }
    if (asJson) {
        ctx.out << QJsonDocument(QJsonObject{{u"versions"_s, versions}, {u"bytes"_s, total}, {u"failed"_s, bad}})
                       .toJson(QJsonDocument::Indented);
    } else {
        ctx.out << results.size() << " versions, " << bad << " not ok, " << ScanReport::formatBytes(quint64(total))
                << " received\n";
    }
    Q_UNUSED(command);
    return bad == 0 ? Success : Failure;
}

int DownloadCommand::run(CliContext &ctx)
{
    QCommandLineParser parser;
    const Common common;
    const QCommandLineOption proxy(u"proxy"_s, u"A GOPROXY list (or a preset name) instead of the resolved GOPROXY."_s, u"LIST"_s);
    parser.addOptions({common.json, common.jobs, common.modcache, common.lockTimeout, common.help, proxy});
    if (!parser.parse(QStringList{u"modkeeper-cli download"_s} + ctx.args)) {
        ctx.err << "modkeeper-cli download: " << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(common.help)) {
        ctx.out << "Usage: modkeeper-cli download [--proxy LIST] [--json] [--jobs N] MODULE@VERSION...\n\n"
                   "Fetches module versions over GOPROXY into the module cache exactly as go does:\n"
                   "checked against go's zip rules, hashed while extracting, checked against the\n"
                   "checksum database (GOSUMDB/GONOSUMDB). direct and GOPRIVATE paths are fetched by\n"
                   "the go command. Versions already complete are left alone.\n\n"
                << parser.helpText().section(u'\n', 2);
        return Success;
    }
    QList<DownloadRequest> requests;
    for (const QString &arg : parser.positionalArguments()) {
        const qsizetype at = arg.lastIndexOf(u'@');
        if (at <= 0) {
            ctx.err << "modkeeper-cli download: " << arg << ": give MODULE@VERSION\n";
            return UsageError;
        }
        const DownloadRequest req{arg.left(at), arg.mid(at + 1)};
        if (Status st = ModulePath::checkPath(req.path); !st) {
            ctx.err << "modkeeper-cli download: " << arg << ": " << st.error().message << "\n";
            return UsageError;
        }
        if (Semver::canonicalVersion(req.version) != req.version) {
            ctx.err << "modkeeper-cli download: " << arg
                    << ": not a canonical version (vX.Y.Z, a pre-release or a pseudo-version)\n";
            return UsageError;
        }
        requests.append(req);
    }
    if (requests.isEmpty()) {
        ctx.err << "modkeeper-cli download: name what to download (MODULE@VERSION...)\n";
        return UsageError;
    }
    DownloadOptions options;
    if (const int rc = configure(ctx, parser, common, u"download"_s, parser.value(proxy), options); rc >= 0)
        return rc;
    return execute(ctx, options, requests, DownloadJob::Mode::Download, parser.isSet(common.json), u"download"_s);
}

} // namespace mk::cli
