// SPDX-License-Identifier: GPL-3.0-or-later
#include "PurgeJob.h"

#include <QtConcurrent>

#include "common/CorePool.h"
#include "purge/VersionPurger.h"

namespace mk {

QFuture<PurgeItemResult> PurgeJob::start(const Options &options, const PurgePlan &plan)
{
    return QtConcurrent::run(
        CorePool::instance(), [options, plan](QPromise<PurgeItemResult> &promise) {
            promise.setProgressRange(0, int(plan.items.size()));
            VersionPurger purger(options.gomodcache, options.lockTimeoutMs);
            auto failAll = [&](const Error &e) {
                PurgeItemResult r;
                r.outcome = PurgeOutcome::Failed;
                r.error = e;
                promise.addResult(r);
            };
            if (Status st = purger.open(); !st)
                return failAll(st.error());
            if (Expected<int> recovered = purger.recover(); !recovered.ok())
                return failAll(recovered.error());
            const auto cancelled = [&promise] { return promise.isCanceled(); };
            int done = 0;
            for (const PurgeItem &item : plan.items) {
                if (promise.isCanceled())
                    return;
                PurgeItemResult r = purger.purge(item.version.escapedPath,
                                                 item.version.escapedVersion, item.mode, cancelled);
                if (r.outcome == PurgeOutcome::Removed)
                    r.bytes = item.bytes;
                promise.addResult(r);
                promise.setProgressValue(++done);
            }
        });
}

QList<PurgeItemResult> PurgeJob::run(const Options &options, const PurgePlan &plan)
{
    QFuture<PurgeItemResult> f = start(options, plan);
    f.waitForFinished();
    return f.results();
}

} // namespace mk
