// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProjectPolicy.h"

#include <QDir>
#include <QSet>

#include "purge/PurgePlanner.h"
#include "toolchain/ToolchainName.h"

using namespace Qt::StringLiterals;

namespace mk {

QString ProjectPolicy::runningToolchainId(const QList<ModuleVersionRecord> &versions,
                                          const QString &runningGoroot)
{
    if (runningGoroot.isEmpty())
        return {};
    const QString running = QDir::cleanPath(runningGoroot);
    for (const ModuleVersionRecord &v : versions) {
        if (v.path == ToolchainName::modulePath()
            && running.endsWith(u'/' + v.escapedPath + u'@' + v.escapedVersion))
            return v.id();
    }
    return {};
}

Expected<ProjectPolicyPlan> ProjectPolicy::plan(const QString &gomodcache,
                                                const QList<ModuleVersionRecord> &versions,
                                                const ProjectsResult &projects,
                                                const QString &runningGoroot)
{
    ScanResult scan;
    scan.gomodcache = gomodcache;
    scan.versions = versions;
    QSet<QString> protectedIds;
    const QString running = runningToolchainId(versions, runningGoroot);
    if (!running.isEmpty())
        protectedIds.insert(running);
    Expected<PurgePlan> planned = PurgePlanner::planUnused(scan, projects, protectedIds);
    if (!planned)
        return planned.error();

    ProjectPolicyPlan out;
    out.plan = planned.value();
    for (const PurgeItem &item : std::as_const(out.plan.items)) {
        if (item.mode == PurgeMode::ModOnly) {
            ++out.modOnlyVersions;
            out.modOnlyBytes += item.bytes;
        } else {
            ++out.purgedVersions;
            out.purgedBytes += item.bytes;
        }
    }
    for (PurgePlan::Skip &skip : out.plan.skipped) {
        if (skip.version.path != ToolchainName::modulePath())
            continue;
        ++out.keptToolchains;
        out.keptToolchainBytes += skip.version.diskBytes;
        // The planner's reason is English; the window says it in the user's language.
        skip.reason = skip.version.id() == running ? tr("The toolchain of the go that runs here")
                                                   : tr("A toolchain a project names");
    }
    return out;
}

} // namespace mk
