// SPDX-License-Identifier: GPL-3.0-or-later
#include "DiskUsage.h"

#include "scan/CacheScanner.h"

namespace mk {

QFuture<ScanChunk> DiskUsage::start(const QString &path)
{
    CacheScanner::Options options;
    options.gomodcache = path;
    options.plainTree = true;
    options.flushIntervalMs = 250;
    return CacheScanner::start(options);
}

} // namespace mk
