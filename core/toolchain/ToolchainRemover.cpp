// SPDX-License-Identifier: GPL-3.0-or-later
#include "ToolchainRemover.h"

#include <QtConcurrent>

#include "common/CorePool.h"
#include "purge/PurgeJob.h"
#include "purge/PurgePlanner.h"
#include "purge/TrashReaper.h"
#include "toolchain/PoolWait.h"

using namespace Qt::StringLiterals;

namespace mk {

Expected<PurgePlan> ToolchainRemover::plan(const ToolchainListing &listing,
                                           const QStringList &toolchains, bool force)
{
    if (toolchains.isEmpty())
        return Error::make(Error::Code::InvalidArgument, u"no toolchain named"_s);
    ScanResult selected; // the planner's input: just the toolchains asked for
    selected.gomodcache = listing.gomodcache;
    PurgeCriteria criteria;
    for (const QString &arg : toolchains) {
        const ToolchainRecord *t = listing.find(arg);
        if (!t)
            return Error::make(Error::Code::NotFound, u"no such toolchain in the module cache"_s,
                               arg);
        const QString who = t->name.display();
        if (t->running)
            return Error::make(
                Error::Code::Refused,
                u"it is the go that runs here (go env GOROOT is %1); it is never removed"_s.arg(
                    listing.runningGoroot),
                who);
        if (!force && listing.runningError.isError())
            return Error::make(
                Error::Code::Refused,
                u"cannot tell which go runs here (%1); force to remove it anyway"_s.arg(
                    listing.runningError.toString()),
                who);
        if (!force && !t->neededBy.isEmpty())
            return Error::make(
                Error::Code::Refused,
                u"the toolchain line of %1 names it; force to remove it anyway"_s.arg(
                    t->neededBy.join(u", "_s)),
                who);
        if (!criteria.patterns.contains(t->module.id())) {
            criteria.patterns.append(t->module.id());
            selected.versions.append(t->module);
        }
    }
    return PurgePlanner::plan(selected, criteria);
}

QFuture<ToolchainRemoval> ToolchainRemover::start(const Options &options,
                                                  const QStringList &toolchains)
{
    return QtConcurrent::run(CorePool::instance(), [options, toolchains](
                                                       QPromise<ToolchainRemoval> &promise) {
        CorePool::markBackgroundThread();
        const auto cancelled = [&promise] { return promise.isCanceled(); };
        ToolchainRemoval removal;
        // Listed again now: what runs and what projects name may have changed since.
        const ToolchainListing listing = ToolchainLister::list(options.listing, cancelled);
        if (listing.error.isError() || listing.cancelled) {
            removal.error = listing.cancelled ? Error::make(Error::Code::Cancelled, u"cancelled"_s)
                                              : listing.error;
            promise.addResult(removal);
            return;
        }
        Expected<PurgePlan> planned = plan(listing, toolchains, options.force);
        if (!planned) {
            removal.error = planned.error();
            promise.addResult(removal);
            return;
        }
        removal.plan = planned.value();
        promise.setProgressRange(0, int(removal.plan.items.size()));
        if (options.dryRun || removal.plan.items.isEmpty()) {
            promise.addResult(removal);
            return;
        }
        QFuture<PurgeItemResult> purge
            = PurgeJob::start({listing.gomodcache, options.lockTimeoutMs}, removal.plan);
        // Cancelling stops between toolchains, as PurgeJob does between versions.
        waitOnCorePool(purge, cancelled);
        removal.results = purge.results();
        promise.setProgressValue(int(removal.results.size()));
        if (options.reap && !promise.isCanceled()) {
            QFuture<ReapProgress> reap = TrashReaper::start(listing.gomodcache);
            waitOnCorePool(reap);
            if (reap.resultCount() > 0)
                removal.reaped = reap.results().constLast();
        }
        promise.addResult(removal);
    });
}

ToolchainRemoval ToolchainRemover::run(const Options &options, const QStringList &toolchains)
{
    QFuture<ToolchainRemoval> f = start(options, toolchains);
    f.waitForFinished();
    return f.resultCount() > 0 ? f.result() : ToolchainRemoval{};
}

} // namespace mk
