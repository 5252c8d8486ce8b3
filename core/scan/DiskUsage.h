// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QString>

#include "scan/ScanRecords.h"

namespace mk {

/// du -s for any directory tree (the build cache, GOCACHE), on the core pool. Same walker as
/// the cache scanner: no symlink followed, hard links counted once, cancelable.
class DiskUsage final
{
public:
    /// The future's last result has final = true and the totals; an unreadable root is
    /// reported in its error.
    [[nodiscard]] static QFuture<ScanChunk> start(const QString &path);
};

} // namespace mk
