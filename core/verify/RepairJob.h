// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QFuture>
#include <QList>
#include <QString>

#include "scan/ScanRecords.h"
#include "verify/VerifyJob.h"
#include "verify/VerifyRecords.h"

namespace mk {

/// Repairs damaged versions found by VerifyJob, never deleting without replacing:
/// - only the tree is wrong (edited, extra, missing or unreadable files, a .partial marker) and
///   the zip still matches a sound .ziphash: under go's <v>.lock the tree is extracted again
///   from the zip (hash checked while extracting) into a sibling staging directory; only when
///   it is complete does go's protocol run: <v>.partial, the old tree renamed into
///   .modkeeper-trash, the new one renamed into place, <v>.partial removed. A failure at any
///   step puts the old tree back (or leaves the marker, so go extracts it again itself).
/// - the zip, .ziphash, .mod or .info is damaged or missing: a new download is needed. That
///   is Options::redownload's job; without one the version is reported NeedsRedownload and
///   nothing is touched.
/// Every version is verified again before (deciding) and after (RepairResult::after).
class RepairJob final
{
public:
    /// Replaces one version with a fresh download (the downloader plugs in here). It must
    /// follow go's protocol itself and return an error naming the path on failure.
    using Redownload
        = std::function<Status(const QString &gomodcache, const ModuleVersionRecord &version,
                               const std::function<bool()> &cancelled)>;

    struct Options
    {
        QString gomodcache;
        int lockTimeoutMs = 30000;
        bool cacheRw = false; ///< GOFLAGS has -modcacherw: leave directories writable, as go would
        KnownSums known;      ///< go.sum hashes the zip must also match
        VerifyJob::SumLookup sumLookup;
        Redownload redownload; ///< empty until core/download exists
    };

    /// One result per version, in input order; progress counts versions. Cancelling stops
    /// between versions (and while waiting for a lock).
    [[nodiscard]] static QFuture<RepairResult> start(const Options &options,
                                                     const QList<ModuleVersionRecord> &versions);
    [[nodiscard]] static QList<RepairResult> run(const Options &options,
                                                 const QList<ModuleVersionRecord> &versions);
    /// Repairs one version synchronously (what start() runs for each).
    [[nodiscard]] static RepairResult repairOne(const Options &options,
                                                const ModuleVersionRecord &version,
                                                const std::function<bool()> &cancelled = {});
};

} // namespace mk
