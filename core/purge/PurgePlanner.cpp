// SPDX-License-Identifier: GPL-3.0-or-later
#include "PurgePlanner.h"

#include <algorithm>
#include <map>

#include <sys/stat.h>

#include <QFile>

#include "module/Semver.h"
#include "module/VersionPattern.h"
#include "toolchain/ToolchainName.h"

using namespace Qt::StringLiterals;

namespace mk {

Expected<PurgePlan> PurgePlanner::plan(const ScanResult &scan, const PurgeCriteria &criteria,
                                       const QDateTime &now)
{
    for (const QString &p : criteria.patterns)
        if (Status st = VersionPattern::check(p); !st)
            return st.error();
    if (criteria.patterns.isEmpty() && !criteria.olderThanDays && !criteria.keepLatest
        && criteria.states.isEmpty())
        return Error::make(
            Error::Code::InvalidArgument,
            u"no pattern and no policy: that would select every version; use purge-all for that"_s);
    if (criteria.olderThanDays && *criteria.olderThanDays < 0)
        return Error::make(Error::Code::InvalidArgument, u"older-than must be 0 days or more"_s,
                           QString::number(*criteria.olderThanDays));
    if (criteria.keepLatest && *criteria.keepLatest < 0)
        return Error::make(Error::Code::InvalidArgument, u"keep-latest must be 0 or more"_s,
                           QString::number(*criteria.keepLatest));

    // Versions the keep-latest policy protects: the newest N of each module and major version.
    QSet<QString> protectedIds;
    if (criteria.keepLatest) {
        std::map<std::pair<QString, QString>, QList<const ModuleVersionRecord *>> groups;
        for (const ModuleVersionRecord &v : scan.versions)
            groups[{v.path, Semver::major(v.version)}].append(&v);
        for (auto &[key, list] : groups) {
            std::sort(list.begin(), list.end(),
                      [](const ModuleVersionRecord *a, const ModuleVersionRecord *b) {
                          return Semver::less(b->version, a->version); // newest first
                      });
            for (qsizetype i = 0; i < std::min<qsizetype>(*criteria.keepLatest, list.size()); ++i)
                protectedIds.insert(list[i]->id());
        }
    }

    PurgePlan plan;
    for (const ModuleVersionRecord &v : scan.versions) {
        if (!criteria.patterns.isEmpty()
            && !VersionPattern::matchesAny(criteria.patterns, v.path, v.version))
            continue;
        if (!criteria.states.isEmpty() && !criteria.states.contains(v.state))
            continue;
        if (criteria.olderThanDays) {
            const QDateTime ref = v.ageReference();
            if (!ref.isValid() || ref > now.addDays(-*criteria.olderThanDays))
                continue;
        }
        if (protectedIds.contains(v.id()))
            continue;
        PurgeItem item;
        item.version = v;
        if (criteria.light) {
            if (!(v.pieces & HasTree)) {
                plan.skipped.append({v, u"no extracted tree to drop"_s});
                continue;
            }
            if (!(v.pieces & HasZip) || !(v.pieces & HasZiphash)) {
                plan.skipped.append(
                    {v,
                     u"no verified zip is kept, so a light clean could not be restored offline; purge it instead"_s});
                continue;
            }
            item.mode = PurgeMode::Light;
            item.bytes = v.treeBytes;
        } else {
            item.bytes = v.diskBytes;
        }
        plan.items.append(item);
        plan.bytes += item.bytes;
    }
    std::sort(plan.items.begin(), plan.items.end(), [](const PurgeItem &a, const PurgeItem &b) {
        if (a.version.path != b.version.path)
            return a.version.path < b.version.path;
        return Semver::compare(a.version.version, b.version.version) < 0;
    });
    return plan;
}

quint64 PurgePlanner::modOnlyBytes(const QString &gomodcache, const ModuleVersionRecord &v)
{
    quint64 kept = 0;
    for (const char *suffix : {".info", ".mod"}) {
        struct stat st;
        const QString f = gomodcache + u"/cache/download/"_s + v.escapedPath + u"/@v/"_s
                          + v.escapedVersion + QLatin1StringView(suffix);
        if (::stat(QFile::encodeName(f).constData(), &st) == 0)
            kept += quint64(st.st_blocks) * 512;
    }
    return v.diskBytes > kept ? v.diskBytes - kept : 0;
}

Expected<PurgePlan> PurgePlanner::planUnused(const ScanResult &scan, const ProjectsResult &projects,
                                             const QSet<QString> &protectedIds)
{
    if (projects.projects.isEmpty())
        return Error::make(
            Error::Code::InvalidArgument,
            u"no Go project was found under the project roots: every version would be unused"_s);
    for (const ProjectInfo &p : projects.projects)
        if (!p.error.isEmpty())
            return Error::make(
                Error::Code::Refused,
                u"a project could not be read, so what it needs is unknown; nothing is purged: "_s
                    + p.error,
                p.dir);
    const ProjectUsage usage = usageOf(projects);
    QSet<QString> namedToolchains;
    for (const ProjectInfo &p : projects.projects) {
        if (!p.toolchain.isEmpty())
            namedToolchains.insert(p.toolchain);
        if (!p.goVersion.isEmpty()) {
            // go >= 1.21 switches to the go line's toolchain when the local go is older.
            namedToolchains.insert(u"go"_s + p.goVersion);
            if (p.goVersion.count(u'.') == 1)
                namedToolchains.insert(u"go"_s + p.goVersion + u".0"_s);
        }
    }
    PurgePlan plan;
    for (const ModuleVersionRecord &v : scan.versions) {
        if (v.path == ToolchainName::modulePath()) {
            const std::optional<ToolchainName> name = ToolchainName::fromModuleVersion(v.version);
            if (protectedIds.contains(v.id()) || !name
                || namedToolchains.contains(name->toolchain)) {
                plan.skipped.append({v, u"a toolchain in use or named by a project"_s});
                continue;
            }
        }
        const auto it = usage.constFind(v.id());
        PurgeItem item;
        item.version = v;
        if (it == usage.cend()) {
            item.mode = PurgeMode::Full;
            item.bytes = v.diskBytes;
        } else {
            const bool code = std::any_of(it->cbegin(), it->cend(), [](const auto &use) {
                return use.second == NeedHow::Code;
            });
            if (code || !(v.pieces & (HasTree | HasZip | HasZiphash)))
                continue;
            item.mode = PurgeMode::ModOnly;
            item.bytes = modOnlyBytes(scan.gomodcache, v);
        }
        plan.items.append(item);
        plan.bytes += item.bytes;
    }
    std::sort(plan.items.begin(), plan.items.end(), [](const PurgeItem &a, const PurgeItem &b) {
        if (a.version.path != b.version.path)
            return a.version.path < b.version.path;
        return Semver::compare(a.version.version, b.version.version) < 0;
    });
    return plan;
}

} // namespace mk
