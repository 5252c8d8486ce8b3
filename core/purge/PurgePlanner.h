// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>

#include "common/Expected.h"
#include "purge/PurgeRecords.h"

namespace mk {

/// Turns a scan and purge criteria into the exact plan (dry run and real run share it).
class PurgePlanner final
{
public:
    /// An invalid pattern is an error naming it; so are criteria that select everything
    /// (use PurgeAll for that).
    [[nodiscard]] static Expected<PurgePlan> plan(const ScanResult &scan, const PurgeCriteria &criteria,
                                                  const QDateTime &now = QDateTime::currentDateTimeUtc());

    /// Whether one version matches one pattern (see PurgeCriteria::patterns).
    [[nodiscard]] static bool matches(const QString &pattern, const ModuleVersionRecord &version);
    /// Checks a pattern: a valid module path, path@version, or a glob list.
    [[nodiscard]] static Status checkPattern(const QString &pattern);

    /// Newest first, as keep-latest counts: semver order (pseudo-versions of one base release
    /// are ordered by their timestamp within it).
    [[nodiscard]] static bool newerThan(const QString &a, const QString &b);
};

} // namespace mk
