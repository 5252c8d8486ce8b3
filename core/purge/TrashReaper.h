// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QString>

#include "purge/PurgeRecords.h"

namespace mk {

/// Empties ModKeeper's trash inside GOMODCACHE in the background: everything purges moved
/// there. It restores write permission as it goes (go leaves trees 0555), walks only by
/// directory handle without following symlinks (a symlink is removed, never its target), does
/// not cross into other filesystems, and keeps the journals of purges still in progress.
/// Cancel any time; the next run resumes.
class TrashReaper final
{
public:
    /// Progress at most every 100 ms (cumulative); the last result has final = true.
    [[nodiscard]] static QFuture<ReapProgress> start(const QString &gomodcache);
    /// Reaps and waits (for the CLI and tests).
    [[nodiscard]] static ReapProgress run(const QString &gomodcache);
};

} // namespace mk
