// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QString>
#include <QStringList>

#include "common/Expected.h"

namespace mk {

/// The `go clean -modcache` equivalent, without the wait: everything in GOMODCACHE is renamed
/// into the trash at once (cache/download first, so every tree is immediately "not
/// downloaded" for go), and the TrashReaper frees the space in the background.
class PurgeAll final
{
public:
    struct Result
    {
        QStringList moved;  ///< top-level names moved aside
        QString trashEntry; ///< where they are now
    };

    /// Refuses a GOMODCACHE that is relative, "/", the home directory or above it, a symlink,
    /// not a directory, or has no cache/download (then it is not a module cache).
    [[nodiscard]] static Status check(const QString &gomodcache);
    /// Blocking; on the calling thread (the CLI).
    [[nodiscard]] static Expected<Result> moveAside(const QString &gomodcache);
    /// moveAside() on the core pool (the GUI).
    [[nodiscard]] static QFuture<Expected<Result>> start(const QString &gomodcache);
};

} // namespace mk
