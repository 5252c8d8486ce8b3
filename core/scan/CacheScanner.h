// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QString>

#include "scan/ScanRecords.h"

namespace mk {

/// Walks GOMODCACHE and reports every module version, its state and its size, and every
/// other thing in the cache (go-cache-internals.md §1). It only stats: no file contents are
/// read, no symlink is followed, no atime changes. The walk is split across the core pool.
class CacheScanner final
{
public:
    struct Options
    {
        QString gomodcache; ///< absolute path
        int workers = 0;    ///< 0: CorePool::parallelism()
        int flushIntervalMs = 100;
        /// Count a plain directory tree (e.g. GOCACHE) without the module cache's layout:
        /// only totals are reported.
        bool plainTree = false;
        /// false: only find what is there (versions, their pieces and states) without
        /// stat-ing every file of extracted trees, VCS clones and the trash; their sizes and
        /// file counts are then left out (0). For verify, which reads every file anyway.
        bool sizeTrees = true;
    };

    /// Starts a scan on the core pool. Chunks arrive at most every flushIntervalMs (the first
    /// as soon as something is found); the last one has final = true. future.cancel() stops it.
    [[nodiscard]] static QFuture<ScanChunk> start(const Options &options);

    /// Scans and waits; for the CLI and tests. Runs on the calling thread and the core pool.
    [[nodiscard]] static ScanResult run(const Options &options);

    /// How the filesystem holding path updates atimes (statvfs flags).
    [[nodiscard]] static AtimeMode detectAtimeMode(const QString &path);

    /// The directory directly under GOMODCACHE where ModKeeper moves purged trees. No module
    /// path can start with a dot, so go never uses this name.
    [[nodiscard]] static QString trashDirName();
};

} // namespace mk
