// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QFuture>
#include <QHash>
#include <QString>
#include <QStringList>

#include "project/ProjectRecords.h"

namespace mk {

/// Finds every go.mod and go.work under the project roots (ProjectFinder) and reads what
/// each project needs from the module cache as its own go resolves it (ProjectNeeds), two go
/// processes at a time. Results are cached per project (ProjectCache) and reused while the
/// project's go.mod / go.sum / go.work files keep their mtime and size.
class ProjectsJob final
{
public:
    struct Options
    {
        QString gomodcache; ///< absolute; the cache go reads (and the finder skips)
        QString goBinary;   ///< the user's go; empty: "go" on PATH
        QHash<QString, QString> environment; ///< the base environment (PATH, HOME, GOPATH...)
        QStringList skipDirs;                ///< more folders the finder skips (GOPATH/pkg...)
        /// The cache file; empty: ProjectCache::defaultFile() (QStandardPaths cache dir).
        QString cacheFile;
        bool useCache = true;
        int goProcesses = 2; ///< go processes at once
        int timeoutMs = 120000;
    };

    /// On the core pool; progress counts projects read (range 0..projects found); cancel
    /// stops the walk and between projects (a cancelled result is partial, not cached).
    [[nodiscard]] static QFuture<ProjectsResult> start(const QStringList &roots,
                                                       const Options &options);
    /// On the calling thread.
    [[nodiscard]] static ProjectsResult run(const QStringList &roots, const Options &options,
                                            const std::function<bool()> &cancelled = {},
                                            const std::function<void(int done, int total)> &progress
                                            = {});
};

} // namespace mk
