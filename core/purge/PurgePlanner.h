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
    /// Patterns are VersionPattern's; keep-latest counts newest first in Semver::less order.
    /// An invalid pattern is an error naming it; so are criteria that select everything
    /// (use PurgeAll for that).
    [[nodiscard]] static Expected<PurgePlan> plan(const ScanResult &scan,
                                                  const PurgeCriteria &criteria,
                                                  const QDateTime &now
                                                  = QDateTime::currentDateTimeUtc());
};

} // namespace mk
