// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QList>
#include <QString>

#include "purge/PurgeRecords.h"

namespace mk {

/// Undoes a light clean offline: extracts a version's tree again from the zip the cache kept,
/// after checking the zip against its .ziphash, under go's lock and .partial marker, exactly
/// as go extracts (files 0444, directories 0555). A zip whose hash does not match is a
/// Security failure and nothing is written.
class RestoreJob final
{
public:
    struct Options
    {
        QString gomodcache;
        int lockTimeoutMs = 30000;
        bool cacheRw = false; ///< GOFLAGS has -modcacherw: leave directories writable, as go would
    };

    /// One result per version (outcome Restored, Skipped when already complete, or Failed).
    [[nodiscard]] static QFuture<PurgeItemResult> start(const Options &options,
                                                        const QList<ModuleVersionRecord> &versions);
    [[nodiscard]] static QList<PurgeItemResult> run(const Options &options,
                                                    const QList<ModuleVersionRecord> &versions);

    /// Restores one version synchronously (what start() runs for each).
    [[nodiscard]] static PurgeItemResult restoreOne(int rootFd, const Options &options,
                                                    const ModuleVersionRecord &version,
                                                    const std::function<bool()> &cancelled = {});

    /// Whether a restore can bring the version's tree back offline: a zip and its .ziphash are
    /// kept and the tree is missing or unfinished (archive-only or partial). The GUI and the
    /// CLI both choose with this.
    [[nodiscard]] static bool isRestorable(const ModuleVersionRecord &version);
};

} // namespace mk
