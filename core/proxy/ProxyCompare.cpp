// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProxyCompare.h"

#include <atomic>
#include <tuple>

#include <QDir>
#include <QMap>
#include <QSet>
#include <QTemporaryFile>
#include <QThreadPool>
#include <QtConcurrent>

#include "archive/Hash1.h"
#include "common/CorePool.h"
#include "download/ProxyFetcher.h"
#include "module/Semver.h"
#include "proxy/ProxyList.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

struct Mirror
{
    QString url;
    std::shared_ptr<ProxyFetcher> fetcher;
};

QStringList listOf(const QByteArray &data)
{
    QStringList out;
    for (const QByteArray &line : data.split('\n')) {
        const QString v = QString::fromUtf8(line.trimmed());
        if (!v.isEmpty() && !out.contains(v))
            out.append(v);
    }
    return out;
}

} // namespace

QString ProxyCompare::toString(Finding::Kind kind)
{
    switch (kind) {
    case Finding::Kind::MissingVersion:
        return u"missing-version"_s;
    case Finding::Kind::DifferentList:
        return u"different-list"_s;
    case Finding::Kind::DifferentHash:
        return u"different-hash"_s;
    case Finding::Kind::Unreachable:
        return u"unreachable"_s;
    }
    return {};
}

ProxyCompare::Report ProxyCompare::run(const Options &options,
                                       const std::function<bool()> &cancelled,
                                       const std::function<void(int, int)> &progress)
{
    Report report;
    report.proxies = options.proxies;
    if (options.proxies.size() < 2) {
        report.error = Error::make(Error::Code::InvalidArgument,
                                   u"name at least two proxies to compare"_s,
                                   options.proxies.join(u','));
        return report;
    }
    // Each mirror alone: a ProxyFetcher over a one-entry list, so that file:// and https,
    // credentials, CAs, retries and go's size limits work exactly as for a download.
    DownloadOptions fetchOptions;
    fetchOptions.idleTimeoutMs = options.timeoutMs;
    fetchOptions.credentials = options.credentials;
    fetchOptions.caCertificates = options.caCertificates;
    fetchOptions.proxyEnvironment = options.proxyEnvironment;
    fetchOptions.retries = 1;
    QList<Mirror> mirrors;
    for (const QString &url : options.proxies) {
        const Expected<ProxyList> list = ProxyList::parse(url, {});
        if (!list || list->proxyUrls().size() != 1) {
            report.error = Error::make(Error::Code::InvalidArgument,
                                       u"not a proxy URL (http, https or file)"_s, url);
            return report;
        }
        mirrors.append({url, std::make_shared<ProxyFetcher>(*list, fetchOptions)});
    }
    const int m = int(mirrors.size());
    QMap<QString, QList<Version>> byModule;
    for (const Version &v : options.versions) {
        QList<Version> &l = byModule[v.path];
        bool dup = false;
        for (const Version &x : std::as_const(l))
            dup |= x.version == v.version;
        if (!dup)
            l.append(v);
    }

    const QString scratch = options.scratchDir.isEmpty() ? QDir::tempPath() : options.scratchDir;
    const int total = int(byModule.size() * m + options.versions.size() * m);
    std::atomic<int> done{0};
    auto tick = [&] {
        const int d = ++done;
        if (progress)
            progress(d, total);
    };
    auto stop = [&] { return cancelled && cancelled(); };

    QThreadPool workers; // network waits must not hold the CPU pool
    workers.setObjectName(u"modkeeper-compare"_s);
    workers.setMaxThreadCount(std::max(1, options.jobs));

    // Lists: module x mirror.
    QMutex mutex;
    QHash<QString, QList<std::optional<QStringList>>> lists; // module -> per mirror (nullopt: failed)
    QHash<QString, QList<Error>> listErrors;
    for (auto it = byModule.cbegin(); it != byModule.cend(); ++it) {
        lists.insert(it.key(), QList<std::optional<QStringList>>(m));
        listErrors.insert(it.key(), QList<Error>(m));
    }
    for (auto it = byModule.cbegin(); it != byModule.cend(); ++it)
        for (int i = 0; i < m; ++i) {
            const QString path = it.key();
            workers.start([&, path, i] {
                if (!stop()) {
                    const ProxyFetcher::Fetched f = mirrors[i].fetcher->fetch(
                        path, {}, ProxyFetcher::Kind::List, nullptr, stop);
                    const QMutexLocker lock(&mutex);
                    if (f.ok())
                        lists[path][i] = listOf(f.data);
                    else if (f.error.code == Error::Code::NotFound)
                        lists[path][i] = QStringList();
                    else
                        listErrors[path][i] = f.error;
                }
                tick();
            });
        }

    // Versions: version x mirror.
    QList<Row> rows;
    for (auto it = byModule.cbegin(); it != byModule.cend(); ++it)
        for (const Version &v : it.value())
            rows.append({v.path, v.version, QList<Answer>(m), {}, {}});
    for (int r = 0; r < rows.size(); ++r)
        for (int i = 0; i < m; ++i) {
            workers.start([&, r, i] {
                if (stop()) {
                    tick();
                    return;
                }
                const QString path = rows[r].path;
                const QString version = rows[r].version;
                Answer a;
                const ProxyFetcher &fetcher = *mirrors[i].fetcher;
                const ProxyFetcher::Fetched info
                    = fetcher.fetch(path, version, ProxyFetcher::Kind::Info, nullptr, stop);
                if (info.ok()) {
                    a.present = true;
                    const ProxyFetcher::Fetched mod
                        = fetcher.fetch(path, version, ProxyFetcher::Kind::Mod, nullptr, stop);
                    if (mod.ok())
                        a.modSum = Hash1::hashGoMod(mod.data);
                    else
                        a.error = mod.error;
                    if (mod.ok() && options.compareZips) {
                        QTemporaryFile zip(scratch + u"/modkeeper-compare-XXXXXX.zip"_s);
                        if (!zip.open()) {
                            a.error = Error::make(Error::Code::Io, zip.errorString(), scratch);
                        } else {
                            const ProxyFetcher::Fetched z
                                = fetcher.fetch(path, version, ProxyFetcher::Kind::Zip, &zip, stop);
                            zip.flush();
                            if (!z.ok()) {
                                a.error = z.error;
                            } else {
                                const Expected<QString> h = Hash1::hashZip(zip.fileName());
                                if (h)
                                    a.zipSum = *h;
                                else
                                    a.zipSum = u"(not a valid module zip: "_s
                                               + h.error().message + u')';
                            }
                        }
                    }
                } else if (info.error.code != Error::Code::NotFound) {
                    a.error = info.error;
                }
                {
                    const QMutexLocker lock(&mutex);
                    rows[r].answers[i] = a;
                }
                tick();
            });
        }
    if (options.checksumDb)
        for (int r = 0; r < rows.size(); ++r)
            workers.start([&, r] {
                if (stop())
                    return;
                const Expected<std::pair<QString, QString>> known
                    = options.checksumDb(rows[r].path, rows[r].version);
                const QMutexLocker lock(&mutex);
                if (known) {
                    rows[r].dbZipSum = known->first;
                    rows[r].dbModSum = known->second;
                }
            });
    workers.waitForDone();
    report.cancelled = stop();
    report.rows = rows;

    // Findings. Every pair is judged against the first mirror that has the version, so one
    // tampered mirror gives one finding per difference, not one per pair.
    QSet<QString> unreachable;
    auto noteUnreachable = [&](int i, const QString &path, const QString &version, const Error &e) {
        if (unreachable.contains(options.proxies[i] + u' ' + path + u'@' + version))
            return;
        unreachable.insert(options.proxies[i] + u' ' + path + u'@' + version);
        Finding f;
        f.kind = Finding::Kind::Unreachable;
        f.path = path;
        f.version = version;
        f.proxyA = options.proxies[i];
        f.message = e.toString();
        report.findings.append(f);
    };
    for (const Row &row : std::as_const(report.rows)) {
        int ref = -1;
        for (int i = 0; i < m; ++i)
            if (row.answers[i].present && !row.answers[i].error.isError()) {
                ref = i;
                break;
            }
        for (int i = 0; i < m; ++i) {
            const Answer &a = row.answers[i];
            if (a.error.isError()) {
                noteUnreachable(i, row.path, row.version, a.error);
                continue;
            }
            if (ref < 0 || i == ref)
                continue;
            const Answer &b = row.answers[ref];
            if (!a.present) {
                Finding f;
                f.kind = Finding::Kind::MissingVersion;
                f.path = row.path;
                f.version = row.version;
                f.proxyA = options.proxies[i];
                f.proxyB = options.proxies[ref];
                f.message = u"%1 does not serve %2@%3, which %4 serves"_s.arg(
                    f.proxyA, row.path, row.version, f.proxyB);
                report.findings.append(f);
                continue;
            }
            auto differ = [&](const QString &what, const QString &va, const QString &vb) {
                if (va == vb || va.isEmpty() || vb.isEmpty())
                    return;
                if (!(what == u"zip" ? row.dbZipSum : row.dbModSum).isEmpty())
                    return; // the database judges this one (below)
                Finding f;
                f.kind = Finding::Kind::DifferentHash;
                f.path = row.path;
                f.version = row.version;
                f.what = what;
                f.proxyA = options.proxies[i];
                f.proxyB = options.proxies[ref];
                f.valueA = va;
                f.valueB = vb;
                f.message = u"SECURITY: %1 serves a %2 for %3@%4 with %5, %6 serves %7"_s.arg(
                    f.proxyA, what, row.path, row.version, va, f.proxyB, vb);
                report.findings.append(f);
            };
            differ(u"go.mod"_s, a.modSum, b.modSum);
            differ(u"zip"_s, a.zipSum, b.zipSum);
        }
    }
    // The checksum database's verdict, where it knows the version: each mirror against it.
    const QString dbLabel = u"checksum database "_s
                            + (options.checksumDbName.isEmpty() ? u"(GOSUMDB)"_s
                                                                : options.checksumDbName);
    for (const Row &row : std::as_const(report.rows))
        for (int i = 0; i < m; ++i) {
            const Answer &a = row.answers[i];
            if (!a.present || a.error.isError())
                continue;
            for (const auto &[what, mine, listed] :
                 {std::tuple{u"go.mod"_s, a.modSum, row.dbModSum},
                  std::tuple{u"zip"_s, a.zipSum, row.dbZipSum}}) {
                if (listed.isEmpty() || mine.isEmpty() || mine == listed)
                    continue;
                Finding f;
                f.kind = Finding::Kind::DifferentHash;
                f.byChecksumDb = true;
                f.path = row.path;
                f.version = row.version;
                f.what = what;
                f.proxyA = options.proxies[i];
                f.proxyB = dbLabel;
                f.valueA = mine;
                f.valueB = listed;
                f.message = u"SECURITY: %1 serves a %2 for %3@%4 with %5, the %6 lists %7"_s.arg(
                    f.proxyA, what, row.path, row.version, mine, dbLabel, listed);
                report.findings.append(f);
            }
        }
    // Lists: beyond the compared versions (whose absence is already a finding).
    for (auto it = byModule.cbegin(); it != byModule.cend(); ++it) {
        QSet<QString> compared;
        for (const Version &v : it.value())
            compared.insert(v.version);
        const QList<std::optional<QStringList>> &perMirror = lists.value(it.key());
        int ref = -1;
        for (int i = 0; i < m; ++i) {
            if (listErrors.value(it.key())[i].isError()) {
                noteUnreachable(i, it.key(), {}, listErrors.value(it.key())[i]);
                continue;
            }
            if (ref < 0 && perMirror[i]) {
                ref = i;
                continue;
            }
            if (!perMirror[i] || ref < 0)
                continue;
            const QSet<QString> a(perMirror[i]->cbegin(), perMirror[i]->cend());
            const QSet<QString> b(perMirror[ref]->cbegin(), perMirror[ref]->cend());
            QStringList onlyA = QSet<QString>(a).subtract(b).subtract(compared).values();
            QStringList onlyB = QSet<QString>(b).subtract(a).subtract(compared).values();
            if (onlyA.isEmpty() && onlyB.isEmpty())
                continue;
            auto bySemver = [](const QString &x, const QString &y) { return Semver::less(x, y); };
            std::sort(onlyA.begin(), onlyA.end(), bySemver);
            std::sort(onlyB.begin(), onlyB.end(), bySemver);
            Finding f;
            f.kind = Finding::Kind::DifferentList;
            f.path = it.key();
            f.proxyA = options.proxies[i];
            f.proxyB = options.proxies[ref];
            f.valueA = onlyA.join(u' ');
            f.valueB = onlyB.join(u' ');
            f.message = u"the @v/list of %1 differs: only at %2: [%3]; only at %4: [%5]"_s.arg(
                it.key(), f.proxyA, f.valueA, f.proxyB, f.valueB);
            report.findings.append(f);
        }
    }
    return report;
}

QFuture<ProxyCompare::Report> ProxyCompare::start(const Options &options)
{
    return QtConcurrent::run(CorePool::instance(), [options](QPromise<Report> &promise) {
        promise.setProgressRange(0, 1);
        Report report = run(
            options, [&promise] { return promise.isCanceled(); },
            [&promise](int done, int total) {
                promise.setProgressRange(0, total);
                promise.setProgressValue(done);
            });
        promise.addResult(report);
    });
}

} // namespace mk
