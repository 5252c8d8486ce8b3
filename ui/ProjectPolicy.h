// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include "common/Expected.h"
#include "project/ProjectRecords.h"
#include "purge/PurgeRecords.h"

namespace mk {

/// Clean up…'s "Keep only what my projects need", part by part: PurgePlanner's 'unused'
/// policy (versions no project needs are purged, versions needed only for their go.mod go down
/// to .info/.mod, toolchains named by a project or the running go's are kept) with what each
/// part frees.
struct ProjectPolicyPlan
{
    PurgePlan plan; ///< the items to run; skipped: the toolchains kept, with the reason
    quint64 purgedVersions = 0;
    quint64 purgedBytes = 0;
    quint64 modOnlyVersions = 0;
    quint64 modOnlyBytes = 0;
    quint64 keptToolchains = 0;
    quint64 keptToolchainBytes = 0;
};

class ProjectPolicy final
{
    Q_DECLARE_TR_FUNCTIONS(mk::ProjectPolicy)

public:
    /// runningGoroot: the GOROOT of the go that runs here (kept when it is a toolchain of the
    /// cache); empty when unknown. Refused (PurgePlanner's error) when there is no project or
    /// one could not be read.
    [[nodiscard]] static Expected<ProjectPolicyPlan> plan(const QString &gomodcache,
                                                          const QList<ModuleVersionRecord> &versions,
                                                          const ProjectsResult &projects,
                                                          const QString &runningGoroot);
    /// The id of the toolchain version whose tree is runningGoroot; empty when none is.
    [[nodiscard]] static QString runningToolchainId(const QList<ModuleVersionRecord> &versions,
                                                    const QString &runningGoroot);
};

} // namespace mk
