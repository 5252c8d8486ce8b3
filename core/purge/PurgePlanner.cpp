// SPDX-License-Identifier: GPL-3.0-or-later
#include "PurgePlanner.h"

#include <algorithm>
#include <map>

#include "module/Semver.h"
#include "module/VersionPattern.h"

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

} // namespace mk
