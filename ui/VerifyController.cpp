// SPDX-License-Identifier: GPL-3.0-or-later
#include "VerifyController.h"

#include "download/DownloadSetup.h"
#include "verify/RepairJob.h"
#include "verify/VerifyJob.h"

namespace mk {

VerifyController::VerifyController(QObject *parent) : QObject(parent)
{
    // Connected before any setFuture(), so no result or finished signal is missed.
    connect(&m_verifyWatcher, &QFutureWatcher<VersionVerifyResult>::resultsReadyAt, this,
            &VerifyController::onVerifyResults);
    connect(&m_verifyWatcher, &QFutureWatcher<VersionVerifyResult>::finished, this,
            &VerifyController::onVerifyFinished);
    connect(&m_verifyWatcher, &QFutureWatcher<VersionVerifyResult>::progressRangeChanged, this,
            &VerifyController::progressRangeChanged);
    connect(&m_verifyWatcher, &QFutureWatcher<VersionVerifyResult>::progressValueChanged, this,
            &VerifyController::progressChanged);
    connect(&m_repairWatcher, &QFutureWatcher<RepairResult>::resultsReadyAt, this,
            &VerifyController::onRepairResults);
    connect(&m_repairWatcher, &QFutureWatcher<RepairResult>::finished, this,
            &VerifyController::onRepairFinished);
}

VerifyController::~VerifyController()
{
    m_verifyWatcher.disconnect(this);
    m_repairWatcher.disconnect(this);
    m_verifyWatcher.cancel();
    m_repairWatcher.cancel();
    m_verifyWatcher.waitForFinished();
    m_repairWatcher.waitForFinished();
}

void VerifyController::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

bool VerifyController::verify(const QString &gomodcache, const QList<ModuleVersionRecord> &versions)
{
    if (m_busy || versions.isEmpty() || gomodcache.isEmpty())
        return false;
    m_verifyResults.clear();
    VerifyJob::Options options;
    options.gomodcache = gomodcache;
    m_repairing = false;
    setBusy(true);
    Q_EMIT progressRangeChanged(0, 0); // until the job sets its range in KiB
    Q_EMIT progressChanged(0);
    m_verifyWatcher.setFuture(VerifyJob::start(options, versions));
    return true;
}

bool VerifyController::repair(const QString &gomodcache, const QList<ModuleVersionRecord> &damaged,
                              const RepairSettings &settings)
{
    if (m_busy || damaged.isEmpty() || gomodcache.isEmpty())
        return false;
    m_repairResults.clear();
    RepairJob::Options options;
    options.gomodcache = gomodcache;
    options.lockTimeoutMs = settings.lockTimeoutMs;
    options.cacheRw = settings.env.modCacheRw();
    // A damaged zip is fetched again from the active GOPROXY and checked like any download,
    // set up as the CLI's repair sets it up, on the repair's worker thread when first needed:
    // the keychain may be slow.
    DownloadSetup::Request request;
    request.modcacheOverride = gomodcache;
    request.caFile = settings.caFile;
    options.redownload = DownloadSetup::deferredRedownloader(settings.env, request);
    m_repairing = true;
    setBusy(true);
    Q_EMIT progressRangeChanged(0, int(damaged.size()));
    Q_EMIT progressChanged(0);
    m_repairWatcher.setFuture(RepairJob::start(options, damaged));
    return true;
}

void VerifyController::stop()
{
    m_verifyWatcher.cancel();
    m_repairWatcher.cancel();
}

VersionVerifyResult VerifyController::afterRepair(VersionVerifyResult before,
                                                  const RepairResult &repair)
{
    // The verification RepairJob ran afterwards decides what the version is now.
    before.status = repair.after;
    if (repair.ok()) {
        before.ok = true;
        before.problems.clear();
    } else if (repair.error.isError()) {
        before.problems.append(repair.error.message);
    }
    return before;
}

void VerifyController::onVerifyResults(int begin, int end)
{
    QList<VersionVerifyResult> batch;
    batch.reserve(end - begin);
    for (int i = begin; i < end; ++i)
        batch.append(m_verifyWatcher.resultAt(i));
    m_verifyResults += batch;
    Q_EMIT resultsReady(batch);
}

void VerifyController::onVerifyFinished()
{
    setBusy(false);
    // A copy (shared, cheap): a receiver may start the next job, which clears the member.
    const QList<VersionVerifyResult> results = m_verifyResults;
    Q_EMIT verifyFinished(results, m_verifyWatcher.isCanceled());
}

void VerifyController::onRepairResults(int begin, int end)
{
    QList<RepairResult> batch;
    batch.reserve(end - begin);
    for (int i = begin; i < end; ++i)
        batch.append(m_repairWatcher.resultAt(i));
    m_repairResults += batch;
    Q_EMIT repaired(batch);
    Q_EMIT progressChanged(end);
}

void VerifyController::onRepairFinished()
{
    setBusy(false);
    const QList<RepairResult> results = m_repairResults;
    Q_EMIT repairFinished(results, m_repairWatcher.isCanceled());
}

} // namespace mk
