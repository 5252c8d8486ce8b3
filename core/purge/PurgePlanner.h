// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QSet>

#include "common/Expected.h"
#include "project/ProjectRecords.h"
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

    /// The 'unused' policy: keeps exactly what the projects need. A version no project needs
    /// is purged (Full); one needed only for its go.mod (NeedHow::GoMod by every project) is
    /// cleaned down to .info/.mod (PurgeMode::ModOnly, when it has a tree, zip or ziphash);
    /// one whose code a project needs stays. golang.org/toolchain versions named by a
    /// project's toolchain or go line, or listed in protectedIds (e.g. the running go's), are
    /// never planned (skipped with the reason). Refused with an error naming the project when
    /// any project could not be read, and when there is no project at all: a policy computed
    /// from a partial picture would purge what the unread project needs. Needs missing from
    /// the cache change nothing: the project's other needs are still kept.
    [[nodiscard]] static Expected<PurgePlan> planUnused(const ScanResult &scan,
                                                        const ProjectsResult &projects,
                                                        const QSet<QString> &protectedIds = {});
    /// What a ModOnly clean of v frees: its allocated bytes less those of .info and .mod.
    [[nodiscard]] static quint64 modOnlyBytes(const QString &gomodcache,
                                              const ModuleVersionRecord &v);
};

} // namespace mk
