// SPDX-License-Identifier: GPL-3.0-or-later
#include "DownloadJob.h"

#include <atomic>

#include <fcntl.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QSet>
#include <QThreadPool>
#include <QtConcurrent>

#include "common/CorePool.h"
#include "common/SafeFs.h"
#include "download/ProxyFetcher.h"
#include "proxy/ProxyList.h"

using namespace Qt::StringLiterals;

namespace mk {

QFuture<DownloadResult> DownloadJob::start(const DownloadOptions &options,
                                           const QList<DownloadRequest> &requests, Mode mode)
{
    return QtConcurrent::run(CorePool::instance(), [options, requests,
                                                    mode](QPromise<DownloadResult> &promise) {
        // One result per distinct version.
        QList<DownloadRequest> todo;
        QSet<QString> seen;
        for (const DownloadRequest &r : requests)
            if (!seen.contains(r.id())) {
                seen.insert(r.id());
                todo.append(r);
            }
        promise.setProgressRange(0, int(todo.size()));
        auto failAll = [&](const Error &e) {
            for (const DownloadRequest &req : todo) {
                DownloadResult r;
                r.path = req.path;
                r.version = req.version;
                r.error = e;
                promise.addResult(r);
            }
        };
        if (options.gomodcache.isEmpty() || QDir::isRelativePath(options.gomodcache)) {
            failAll(Error::make(Error::Code::Refused, u"GOMODCACHE must be an absolute path"_s,
                                options.gomodcache));
            return;
        }
        const Expected<ProxyList> list = ProxyList::parse(options.goproxy, options.gonoproxy);
        if (!list) {
            failAll(list.error());
            return;
        }
        // go creates the cache on first use (0777 & ~umask).
        if (!QDir().mkpath(options.gomodcache)) {
            failAll(Error::make(Error::Code::Io, u"cannot create the module cache"_s,
                                options.gomodcache));
            return;
        }
        UniqueFd root = SafeFs::openPath(QFile::encodeName(options.gomodcache).constData(),
                                         O_RDONLY | O_DIRECTORY);
        if (!root.isValid()) {
            failAll(Error::fromErrno(errno, options.gomodcache, u"cannot open the module cache"_s));
            return;
        }
        const ProxyFetcher fetcher(*list, options);
        std::atomic<int> finished{0};
        std::atomic<qint64> bytes{0};
        const auto cancelled = [&promise] { return promise.isCanceled(); };

        QThreadPool workers; // owned by this job: network waits must not hold CPU pool threads
        workers.setObjectName(u"modkeeper-download"_s);
        workers.setMaxThreadCount(std::max(1, options.jobs));
        for (const DownloadRequest &req : todo) {
            workers.start([&, req] {
                if (promise.isCanceled())
                    return;
                CorePool::markBackgroundThread();
                VersionDownloader downloader(root.get(), options, fetcher);
                DownloadResult result
                    = downloader.run(req, mode, cancelled, [&](const DownloadResult &update) {
                          promise.addResult(update);
                      });
                bytes += result.bytes;
                promise.addResult(result);
                const int done = ++finished;
                promise.setProgressValueAndText(done,
                                                u"%1 of %2 versions, %3 MB received"_s.arg(done)
                                                    .arg(todo.size())
                                                    .arg(double(bytes.load()) / 1e6, 0, 'f', 1));
            });
        }
        workers.waitForDone();
    });
}

QList<DownloadResult> DownloadJob::run(const DownloadOptions &options,
                                       const QList<DownloadRequest> &requests, Mode mode)
{
    QFuture<DownloadResult> f = start(options, requests, mode);
    f.waitForFinished();
    QHash<QString, DownloadResult> finals;
    for (const DownloadResult &r : f.results())
        if (r.isFinal())
            finals.insert(r.requestId(), r);
    QList<DownloadResult> out;
    QSet<QString> seen;
    for (const DownloadRequest &req : requests) {
        if (seen.contains(req.id()) || !finals.contains(req.id()))
            continue;
        seen.insert(req.id());
        out.append(finals.value(req.id()));
    }
    return out;
}

DownloadResult DownloadJob::runOne(const DownloadOptions &options, const DownloadRequest &request,
                                   Mode mode, const std::function<bool()> &cancelled)
{
    DownloadResult failed;
    failed.path = request.path;
    failed.version = request.version;
    const Expected<ProxyList> list = ProxyList::parse(options.goproxy, options.gonoproxy);
    if (!list) {
        failed.error = list.error();
        return failed;
    }
    UniqueFd root = SafeFs::openPath(QFile::encodeName(options.gomodcache).constData(),
                                     O_RDONLY | O_DIRECTORY);
    if (!root.isValid()) {
        failed.error
            = Error::fromErrno(errno, options.gomodcache, u"cannot open the module cache"_s);
        return failed;
    }
    const ProxyFetcher fetcher(*list, options);
    VersionDownloader downloader(root.get(), options, fetcher);
    return downloader.run(request, mode, cancelled);
}

} // namespace mk
