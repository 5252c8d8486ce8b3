// SPDX-License-Identifier: GPL-3.0-or-later
#include "GoCacheTrimmer.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QtConcurrent>

#include "common/CorePool.h"
#include "common/SafeFs.h"
#include "gocache/GoCacheFiles.h"
#include "gocache/GoCacheWalk.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

qint64 mtimeOf(const struct stat &st)
{
    return qint64(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
}

// Removes the chosen entries of one kind, subdirectory by subdirectory. An entry is removed
// only if it still carries the mtime the scan saw: go refreshes the mtime of what it uses, so
// a changed mtime means a running go has just used it.
void removeChosen(int cacheFd, const QString &dir, std::vector<const GoCacheEntry *> &chosen,
                  bool actions, GoCacheTrimResult &r, const std::function<bool()> &cancelled)
{
    std::vector<std::vector<const GoCacheEntry *>> bySubdir(256);
    for (const GoCacheEntry *e : chosen) {
        if (e->action == actions)
            bySubdir[e->subdir].push_back(e);
    }
    std::mutex mutex;
    std::atomic<bool> stop{false};
    GoCacheWalk::parallelFor(256, [&](int i) {
        const auto &list = bySubdir[size_t(i)];
        if (list.empty() || stop)
            return;
        if (cancelled && cancelled()) {
            stop = true;
            return;
        }
        const std::string sub = GoCacheWalk::subdirName(i);
        UniqueFd fd = SafeFs::openAt(cacheFd, sub.c_str(), O_RDONLY | O_DIRECTORY);
        quint64 removed = 0, freed = 0, kept = 0;
        QStringList issues;
        if (!fd.isValid()) {
            if (errno != ENOENT)
                issues << dir + u'/' + QString::fromLatin1(sub) + u": "_s
                              + QString::fromLocal8Bit(std::strerror(errno));
        } else {
            for (const GoCacheEntry *e : list) {
                struct stat st;
                if (::fstatat(fd.get(), e->name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
                    continue; // gone already (go's own trim, another process)
                if (!S_ISREG(st.st_mode) || mtimeOf(st) != e->mtimeNs) {
                    ++kept;
                    continue;
                }
                if (::unlinkat(fd.get(), e->name.c_str(), 0) == 0) {
                    ++removed;
                    freed += quint64(st.st_blocks) * 512;
                } else if (errno != ENOENT) {
                    issues << dir + u'/' + QString::fromLatin1(sub) + u'/'
                                  + QString::fromUtf8(e->name.c_str()) + u": "_s
                                  + QString::fromLocal8Bit(std::strerror(errno));
                }
            }
        }
        std::lock_guard lock(mutex);
        (actions ? r.actionsRemoved : r.outputsRemoved) += removed;
        r.bytesFreed += freed;
        r.keptInUse += kept;
        r.issues += issues;
    });
    if (stop)
        r.cancelled = true;
}

void trim(const GoCacheTrimmer::Options &options, GoCacheTrimResult &r,
          QPromise<GoCacheTrimResult> *promise)
{
    r.dir = options.gocache;
    r.dryRun = options.dryRun;
    r.olderThanDays = options.olderThanDays;
    r.maxBytes = options.maxBytes;
    r.nowNs = options.nowNs ? options.nowNs : GoCacheFiles::nowNs();
    if (!options.olderThanDays && !options.maxBytes) {
        r.error = Error::make(Error::Code::InvalidArgument,
                              u"give a limit: an age in days or a maximum size"_s);
        return;
    }
    if (options.olderThanDays && *options.olderThanDays < 0) {
        r.error = Error::make(Error::Code::InvalidArgument, u"days must not be negative"_s);
        return;
    }
    UniqueFd fd = SafeFs::openPath(options.gocache.toLocal8Bit().constData(),
                                   O_RDONLY | O_DIRECTORY);
    if (!fd.isValid()) {
        r.error = Error::fromErrno(errno, options.gocache);
        return;
    }
    std::function<bool()> cancelled;
    if (promise) {
        promise->setProgressRange(0, 512);
        cancelled = [promise] { return promise->isCanceled(); };
    }

    GoCacheWalk::Options walkOptions;
    walkOptions.keepNames = true;
    walkOptions.cancelled = cancelled;
    if (promise)
        walkOptions.progress = [promise](int n) { promise->setProgressValue(n); };
    const bool ageOnly = options.olderThanDays && !options.maxBytes;
    if (options.olderThanDays)
        r.cutoffNs = GoCacheFiles::trimCutoffNs(r.nowNs, *options.olderThanDays);
    // By age alone the choice needs nothing but the entry itself: action entries go as the
    // scan meets them (go's stat-then-remove); output entries wait until every action is gone.
    if (ageOnly && !options.dryRun)
        walkOptions.removeActionsBeforeNs = r.cutoffNs;
    GoCacheWalkResult walk = GoCacheWalk::run(fd.get(), options.gocache, walkOptions);
    if (walk.error.isError()) {
        r.error = walk.error;
        return;
    }
    r.issues = walk.issues;
    r.actionsRemoved = walk.actionsRemoved;
    r.bytesFreed = walk.actionBytesFreed;
    r.diskBytesBefore = walk.diskBytes + walk.actionBytesFreed;
    r.entriesBefore = walk.entries.size() + walk.actionsRemoved;
    if (walk.cancelled) {
        r.cancelled = true;
        r.diskBytesAfter = r.diskBytesBefore - r.bytesFreed;
        return;
    }

    // Oldest first; the same order every time for equal mtimes.
    std::vector<const GoCacheEntry *> order;
    order.reserve(walk.entries.size());
    for (const GoCacheEntry &e : walk.entries)
        order.push_back(&e);
    std::sort(order.begin(), order.end(), [](const GoCacheEntry *a, const GoCacheEntry *b) {
        if (a->mtimeNs != b->mtimeNs)
            return a->mtimeNs < b->mtimeNs;
        if (a->subdir != b->subdir)
            return a->subdir < b->subdir;
        return a->name < b->name;
    });
    size_t take = 0;
    quint64 chosenBytes = r.bytesFreed;
    if (options.olderThanDays) {
        while (take < order.size() && order[take]->mtimeNs < r.cutoffNs)
            chosenBytes += order[take++]->diskBytes;
    }
    // (Hard-linked entries could make the sum exceed the du total; go never links them.)
    const auto left = [&r](quint64 freed) {
        return r.diskBytesBefore > freed ? r.diskBytesBefore - freed : 0;
    };
    if (options.maxBytes) {
        const qint64 youngest = r.nowNs - GoCacheFiles::MtimeIntervalNs;
        while (left(chosenBytes) > *options.maxBytes && take < order.size()
               && order[take]->mtimeNs < youngest)
            chosenBytes += order[take++]->diskBytes;
        r.capReached = left(chosenBytes) <= *options.maxBytes;
    }
    order.resize(take);

    if (options.dryRun) {
        for (const GoCacheEntry *e : order)
            (e->action ? r.actionsRemoved : r.outputsRemoved) += 1;
        r.bytesFreed = chosenBytes;
    } else {
        if (promise)
            promise->setProgressValue(256);
        if (options.beforeRemoving)
            options.beforeRemoving();
        removeChosen(fd.get(), options.gocache, order, true, r, cancelled);
        if (!r.cancelled)
            removeChosen(fd.get(), options.gocache, order, false, r, cancelled);
        if (options.maxBytes)
            r.capReached = left(r.bytesFreed) <= *options.maxBytes;
        // go records a completed trim; a size cap alone is not go's trim and leaves it alone.
        if (!r.cancelled && options.olderThanDays) {
            if (Status st = GoCacheFiles::writeTrimTime(fd.get(), r.nowNs / 1000000000LL); st)
                r.trimFileWritten = true;
            else
                r.issues << options.gocache + u'/' + st.error().toString();
        }
    }
    r.diskBytesAfter = left(r.bytesFreed);
    if (promise)
        promise->setProgressValue(512);
}

} // namespace

QFuture<GoCacheTrimResult> GoCacheTrimmer::start(const Options &options)
{
    return QtConcurrent::run(CorePool::instance(),
                             [options](QPromise<GoCacheTrimResult> &promise) {
                                 CorePool::markBackgroundThread();
                                 GoCacheTrimResult r;
                                 trim(options, r, &promise);
                                 promise.addResult(std::move(r));
                             });
}

GoCacheTrimResult GoCacheTrimmer::run(const Options &options)
{
    GoCacheTrimResult r;
    trim(options, r, nullptr);
    return r;
}

} // namespace mk
