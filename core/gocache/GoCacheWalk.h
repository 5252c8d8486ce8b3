// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <QStringList>

#include "common/Error.h"

namespace mk {

/// One cache entry file (a name ending in -a or -d in one of the 256 subdirectories).
struct GoCacheEntry
{
    std::string name;     ///< empty unless the walk was asked to keep names
    qint64 mtimeNs = 0;   ///< go's "last used"
    quint64 diskBytes = 0; ///< allocated (st_blocks * 512), as du -B1 counts it
    quint64 size = 0;
    quint8 subdir = 0; ///< 0x00..0xff
    bool action = false; ///< -a (else -d)
};

/// What one walk of GOCACHE found: du -s totals and every entry.
struct GoCacheWalkResult
{
    Error error;
    bool cancelled = false;
    // du -s -B1: the root, every file and directory below it, hard links once, no symlink
    // followed. Entries the walk removed (removeActionsBeforeNs) are not included.
    quint64 diskBytes = 0;
    quint64 apparentBytes = 0;
    quint64 files = 0; ///< non-directories
    quint64 directories = 0;
    std::vector<GoCacheEntry> entries; ///< in no particular order
    // Action entries removed during the walk (Options::removeActionsBeforeNs).
    quint64 actionsRemoved = 0;
    quint64 actionBytesFreed = 0;
    QStringList issues; ///< "path: message", for what could not be read or removed
};

/// Walks an open GOCACHE directory on the core pool (the calling thread plus helpers, one
/// subdirectory at a time): lstat only, O_NOATIME listings, no symlink followed, never
/// leaving the directory. Internal to core/gocache.
class GoCacheWalk final
{
public:
    struct Options
    {
        /// When nonzero, an action entry whose mtime is before this is removed as soon as it
        /// is seen (go's own stat-then-remove); the output entries are left to the caller, so
        /// that every action entry goes before any output entry.
        qint64 removeActionsBeforeNs = 0;
        bool keepNames = false;
        std::function<bool()> cancelled;      ///< polled between subdirectories
        std::function<void(int)> progress;    ///< subdirectories done, 0..256
    };

    [[nodiscard]] static GoCacheWalkResult run(int cacheFd, const QString &dir,
                                               const Options &options);

    /// Calls fn(i) for i in [0, count) on the calling thread and up to CorePool::parallelism()-1
    /// helpers from the core pool; returns when every call has returned.
    static void parallelFor(int count, const std::function<void(int)> &fn);

    /// The two-hex-digit name of subdirectory i.
    [[nodiscard]] static std::string subdirName(int i);
};

} // namespace mk
