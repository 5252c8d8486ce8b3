// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QString>

#include "purge/PurgeRecords.h"

namespace mk {

/// Works through a purge plan on the core pool, one version at a time with VersionPurger.
/// First completes any purge a crash interrupted. Removed trees go to the trash; run the
/// TrashReaper afterwards to free the space.
class PurgeJob final
{
public:
    struct Options
    {
        QString gomodcache;
        int lockTimeoutMs = 30000; ///< how long to wait for a version a go command holds
    };

    /// One result per plan item, in plan order; progress counts items. Cancelling stops
    /// between versions, never inside one.
    [[nodiscard]] static QFuture<PurgeItemResult> start(const Options &options,
                                                        const PurgePlan &plan);
    /// Runs and waits (for the CLI and tests). A failure to open the cache is returned as the
    /// only result, with outcome Failed.
    [[nodiscard]] static QList<PurgeItemResult> run(const Options &options, const PurgePlan &plan);
};

} // namespace mk
