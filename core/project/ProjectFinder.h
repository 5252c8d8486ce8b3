// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QList>
#include <QString>
#include <QStringList>

namespace mk {

/// Finds the Go projects below some folders: every go.mod and go.work, walked with
/// fd-relative opens (openat/fdopendir, no path re-resolution, symlinks not followed) on a
/// few threads. Skips .git, vendor, node_modules, testdata, hidden folders and skipDirs
/// (GOMODCACHE, GOPATH/pkg...), which are compared after cleaning.
class ProjectFinder final
{
public:
    struct Found
    {
        QString dir; ///< absolute, cleaned
        bool goMod = false;
        bool goWork = false;
    };

    /// Sorted by dir; a root inside another root is walked once. cancelled is polled per
    /// folder; a cancelled walk returns what it found so far.
    [[nodiscard]] static QList<Found> find(const QStringList &roots, const QStringList &skipDirs,
                                           const std::function<bool()> &cancelled = {},
                                           int threads = 2);

    /// The `use` directories of a go.work (absolute, cleaned), as go parses them: `use dir`
    /// lines and `use ( ... )` blocks, // comments and quotes removed.
    [[nodiscard]] static QStringList workspaceUses(const QString &goWorkFile);
};

} // namespace mk
