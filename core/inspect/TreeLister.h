// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QString>

#include "inspect/InspectRecords.h"

namespace mk {

/// Lists one directory level of a version's extracted tree (<GOMODCACHE>/<escaped path>@<escaped
/// version>/<relPath>) with du sizes for the details pane's lazy file tree. Everything is
/// reached fd-relative below GOMODCACHE without following a symlink (SafeFs), and opened with
/// O_NOATIME: looking at a version does not make it "recently used".
class TreeLister final
{
public:
    /// relPath: slash-separated below the version's tree, no "..", empty for its root.
    [[nodiscard]] static TreeListing list(const QString &gomodcache, const QString &escapedPath,
                                          const QString &escapedVersion, const QString &relPath);
    /// list() on the core pool. Cancelling the future stops the size walk early.
    [[nodiscard]] static QFuture<TreeListing> start(const QString &gomodcache,
                                                    const QString &escapedPath,
                                                    const QString &escapedVersion,
                                                    const QString &relPath);
};

} // namespace mk
