// SPDX-License-Identifier: GPL-3.0-or-later
#include "CacheScanner.h"

#include <sys/statvfs.h>

#include <QElapsedTimer>
#include <QFile>
#include <QtConcurrent>

#include "common/CorePool.h"
#include "scan/ScanJob.h"

namespace mk {

QFuture<ScanChunk> CacheScanner::start(const Options &options)
{
    return QtConcurrent::run(CorePool::instance(), [options](QPromise<ScanChunk> &promise) {
        promise.setProgressRange(0, 0); // the size of the cache is not known up front
        ScanJob job(options, promise);
        job.run();
    });
}

ScanResult CacheScanner::run(const Options &options)
{
    QElapsedTimer timer;
    timer.start();
    QFuture<ScanChunk> future = start(options);
    future.waitForFinished();
    ScanResult result;
    result.gomodcache = options.gomodcache;
    result.cancelled = future.isCanceled();
    for (const ScanChunk &chunk : future.results())
        result.append(chunk);
    result.elapsedMs = timer.elapsed();
    return result;
}

AtimeMode CacheScanner::detectAtimeMode(const QString &path)
{
    struct statvfs vfs;
    if (::statvfs(QFile::encodeName(path).constData(), &vfs) != 0)
        return AtimeMode::Unknown;
    if (vfs.f_flag & ST_NOATIME)
        return AtimeMode::NoAtime;
    if (vfs.f_flag & ST_RELATIME)
        return AtimeMode::Relatime;
    return AtimeMode::Strict;
}

QString CacheScanner::trashDirName()
{
    return QStringLiteral(".modkeeper-trash");
}

} // namespace mk
