// SPDX-License-Identifier: GPL-3.0-or-later
#include "GoCacheStats.h"

#include <algorithm>
#include <array>

#include <fcntl.h>

#include <QtConcurrent>

#include "common/CorePool.h"
#include "common/SafeFs.h"
#include "gocache/GoCacheFiles.h"
#include "gocache/GoCacheWalk.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

void measure(const QString &gocache, GoCacheStats &stats, QPromise<GoCacheStats> *promise)
{
    stats.dir = gocache;
    stats.measuredAtNs = GoCacheFiles::nowNs();
    UniqueFd fd = SafeFs::openPath(gocache.toLocal8Bit().constData(), O_RDONLY | O_DIRECTORY);
    if (!fd.isValid()) {
        stats.error = Error::fromErrno(errno, gocache);
        return;
    }
    stats.lastTrimUnix = GoCacheFiles::readTrimTime(fd.get());
    stats.testExpireNs = GoCacheFiles::readTestExpire(fd.get());
    GoCacheWalk::Options options;
    if (promise) {
        promise->setProgressRange(0, 256);
        options.cancelled = [promise] { return promise->isCanceled(); };
        options.progress = [promise](int n) { promise->setProgressValue(n); };
    }
    GoCacheWalkResult walk = GoCacheWalk::run(fd.get(), gocache, options);
    stats.error = walk.error;
    stats.cancelled = walk.cancelled;
    stats.diskBytes = walk.diskBytes;
    stats.apparentBytes = walk.apparentBytes;
    stats.files = walk.files;
    stats.directories = walk.directories;
    stats.issues = walk.issues;
    auto ages = std::make_shared<std::vector<GoCacheStats::Age>>();
    ages->reserve(walk.entries.size());
    for (const GoCacheEntry &e : walk.entries) {
        ages->push_back({e.mtimeNs, e.diskBytes, e.action});
        (e.action ? stats.actionEntries : stats.outputEntries) += 1;
        stats.entryDiskBytes += e.diskBytes;
    }
    std::sort(ages->begin(), ages->end(),
              [](const GoCacheStats::Age &a, const GoCacheStats::Age &b) {
                  return a.mtimeNs < b.mtimeNs;
              });
    stats.ages = std::move(ages);
}

} // namespace

QList<GoCacheStats::Bucket> GoCacheStats::histogram() const
{
    static constexpr std::array<int, 7> edges = {0, 1, 2, 5, 10, 30, 90};
    QList<Bucket> buckets;
    for (size_t i = 0; i < edges.size(); ++i)
        buckets.append({edges[i], i + 1 < edges.size() ? edges[i + 1] : -1, 0, 0});
    if (!ages)
        return buckets;
    for (const Age &a : *ages) {
        const qint64 age = std::max<qint64>(0, measuredAtNs - a.mtimeNs);
        qsizetype b = buckets.size() - 1;
        while (b > 0 && age < qint64(buckets[b].fromDays) * GoCacheFiles::DayNs)
            --b;
        buckets[b].entries += 1;
        buckets[b].diskBytes += a.diskBytes;
    }
    return buckets;
}

GoCacheStats::Estimate GoCacheStats::trimAt(int days) const
{
    Estimate est;
    est.cutoffNs = GoCacheFiles::trimCutoffNs(measuredAtNs, days);
    if (!ages)
        return est;
    for (const Age &a : *ages) {
        if (a.mtimeNs >= est.cutoffNs)
            break; // oldest first
        (a.action ? est.actions : est.outputs) += 1;
        est.diskBytes += a.diskBytes;
    }
    return est;
}

GoCacheStats::Estimate GoCacheStats::trimToSize(quint64 maxBytes) const
{
    Estimate est;
    est.capReached = diskBytes <= maxBytes;
    if (!ages || est.capReached)
        return est;
    const qint64 youngest = measuredAtNs - GoCacheFiles::MtimeIntervalNs;
    for (const Age &a : *ages) {
        if (a.mtimeNs >= youngest)
            break;
        (a.action ? est.actions : est.outputs) += 1;
        est.diskBytes += a.diskBytes;
        est.cutoffNs = a.mtimeNs + 1;
        if (diskBytes <= est.diskBytes || diskBytes - est.diskBytes <= maxBytes) {
            est.capReached = true;
            break;
        }
    }
    return est;
}

QFuture<GoCacheStats> GoCacheStatsJob::start(const QString &gocache)
{
    return QtConcurrent::run(CorePool::instance(), [gocache](QPromise<GoCacheStats> &promise) {
        CorePool::markBackgroundThread();
        GoCacheStats stats;
        measure(gocache, stats, &promise);
        promise.addResult(std::move(stats));
    });
}

GoCacheStats GoCacheStatsJob::run(const QString &gocache)
{
    GoCacheStats stats;
    measure(gocache, stats, nullptr);
    return stats;
}

} // namespace mk
