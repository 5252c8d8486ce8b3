// SPDX-License-Identifier: GPL-3.0-or-later
// Every watcher is connected once, in the constructor, before any setFuture(), so that no
// result or finish can be missed. Only shutdown() waits.
#include "PurgeController.h"

#include <algorithm>

#include "DisplayFormat.h"
#include "purge/PurgeJob.h"
#include "purge/RestoreJob.h"
#include "purge/TrashReaper.h"
#include "scan/DiskUsage.h"

namespace mk {

namespace {

QString versionsText(quint64 n)
{
    return n == 1 ? PurgeController::tr("1 version")
                  : PurgeController::tr("%1 versions").arg(DisplayFormat::count(n));
}

QString idOf(const PurgeItemResult &r)
{
    return r.path + u'@' + r.version;
}

} // namespace

PurgeController::PurgeController(QObject *parent) : QObject(parent)
{
    connect(&m_purgeWatcher, &QFutureWatcher<PurgeItemResult>::resultsReadyAt, this,
            &PurgeController::onPurgeResults);
    connect(&m_purgeWatcher, &QFutureWatcher<PurgeItemResult>::finished, this,
            &PurgeController::onPurgeFinished);
    connect(&m_restoreWatcher, &QFutureWatcher<PurgeItemResult>::resultsReadyAt, this,
            &PurgeController::onRestoreResults);
    connect(&m_restoreWatcher, &QFutureWatcher<PurgeItemResult>::finished, this,
            &PurgeController::onRestoreFinished);
    connect(&m_measureWatcher, &QFutureWatcher<ScanChunk>::finished, this,
            &PurgeController::onRestoredMeasured);
    connect(&m_purgeAllWatcher, &QFutureWatcher<Expected<PurgeAll::Result>>::finished, this,
            &PurgeController::onEverythingMovedAside);
    connect(&m_recoverWatcher, &QFutureWatcher<Expected<PurgeRecoveryReport>>::finished, this,
            &PurgeController::onTrashRecovered);
    connect(&m_reapWatcher, &QFutureWatcher<ReapProgress>::resultsReadyAt, this,
            &PurgeController::onReapProgress);
    connect(&m_reapWatcher, &QFutureWatcher<ReapProgress>::finished, this,
            &PurgeController::onReapFinished);
}

PurgeController::~PurgeController()
{
    shutdown();
}

void PurgeController::shutdown()
{
    // A cancelled purge stops between versions, a cancelled reaper where it is; the next run
    // of either completes what is left.
    QFutureWatcherBase *const watchers[]
        = {&m_purgeWatcher,   &m_restoreWatcher, &m_purgeAllWatcher,
           &m_recoverWatcher, &m_measureWatcher, &m_reapWatcher};
    for (QFutureWatcherBase *w : watchers) {
        w->disconnect(this);
        w->cancel();
    }
    for (QFutureWatcherBase *w : watchers)
        w->waitForFinished();
}

bool PurgeController::isFreeing() const
{
    return m_reaping || m_job == Job::Purge || m_job == Job::PurgeAll || m_job == Job::Recover;
}

void PurgeController::setJob(Job job)
{
    const bool changed = (job == Job::None) != (m_job == Job::None);
    m_job = job;
    if (changed)
        Q_EMIT busyChanged(job != Job::None);
}

void PurgeController::beginFreeing()
{
    // A new round of freeing space starts from zero unless the last one is still going.
    if (m_reaping || isBusy())
        return;
    m_freedAtOnce = 0;
    m_reapedBefore = 0;
    m_reapedNow = 0;
    m_reapIssues.clear();
}

void PurgeController::stop()
{
    if (m_job == Job::Purge)
        m_purgeWatcher.cancel();
    else if (m_job == Job::Restore)
        m_restoreWatcher.cancel();
}

// ---------------------------------------------------------------------------------------
// Purge

bool PurgeController::purge(const Options &options, const PurgePlan &plan)
{
    if (plan.items.isEmpty() || options.gomodcache.isEmpty() || isBusy())
        return false;
    beginFreeing();
    m_jobRoot = options.gomodcache;
    m_purgeItems.clear();
    for (const PurgeItem &item : plan.items)
        m_purgeItems.insert(item.version.id(), item);
    m_jobProblems.clear();
    m_jobDone = 0;
    m_jobBytes = 0;
    m_jobGone = 0;
    m_jobLight = std::all_of(plan.items.cbegin(), plan.items.cend(),
                             [](const PurgeItem &i) { return i.mode == PurgeMode::Light; });
    m_trashCheckedRoot = options.gomodcache; // this purge and its reaper take care of the trash

    const int n = int(plan.items.size());
    const QString what = versionsText(quint64(n));
    PurgeJob::Options jobOptions;
    jobOptions.gomodcache = options.gomodcache;
    jobOptions.lockTimeoutMs = options.lockTimeoutMs;
    setJob(Job::Purge);
    Q_EMIT jobStarted(n);
    Q_EMIT statusMessage(m_jobLight ? tr("Dropping the trees of %1\u2026").arg(what)
                                    : tr("Removing %1\u2026").arg(what));
    m_purgeWatcher.setFuture(PurgeJob::start(jobOptions, plan));
    return true;
}

void PurgeController::onPurgeResults(int begin, int end)
{
    QStringList gone;
    QList<ModuleVersionRecord> lightened;
    quint64 toTrash = 0;
    for (int i = begin; i < end; ++i) {
        const PurgeItemResult r = m_purgeWatcher.resultAt(i);
        if (r.path.isEmpty()) { // the cache itself could not be opened
            m_jobProblems.append(r);
            continue;
        }
        const QString id = idOf(r);
        const PurgeItem item = m_purgeItems.value(id);
        const ModuleVersionRecord &v = item.version;
        const bool removed = r.outcome == PurgeOutcome::Removed;
        switch (r.outcome) {
        case PurgeOutcome::Removed:
        case PurgeOutcome::AlreadyGone:
            if (r.mode == PurgeMode::Full) {
                gone.append(id);
                // The tree went to the trash; the zip and the metadata are gone already.
                const quint64 tree = removed && (v.pieces & HasTree) ? v.treeBytes : 0;
                toTrash += tree;
                if (removed)
                    m_freedAtOnce += r.bytes > tree ? r.bytes - tree : 0;
            } else if (r.mode == PurgeMode::ModOnly) {
                // Down to .info/.mod: the tree went to the trash, zip and ziphash are gone.
                ModuleVersionRecord after = v.afterLightClean();
                after.pieces = quint8(after.pieces & ~(HasZip | HasZiphash));
                after.state = versionStateOf(after.pieces);
                after.diskBytes = v.diskBytes > item.bytes ? v.diskBytes - item.bytes : 0;
                lightened.append(after);
                const quint64 tree = removed && (v.pieces & HasTree) ? v.treeBytes : 0;
                toTrash += tree;
                if (removed)
                    m_freedAtOnce += r.bytes > tree ? r.bytes - tree : 0;
            } else {
                lightened.append(v.afterLightClean());
                if (removed)
                    toTrash += v.treeBytes;
            }
            if (removed) {
                ++m_jobDone;
                m_jobBytes += r.bytes;
            } else {
                ++m_jobGone;
            }
            break;
        case PurgeOutcome::Skipped: // e.g. its zip vanished since the scan: not dropped
        case PurgeOutcome::Failed:
            m_jobProblems.append(r);
            break;
        case PurgeOutcome::Restored: // RestoreJob's outcome; a purge never reports it
            break;
        }
    }
    if (!gone.isEmpty())
        Q_EMIT versionsRemoved(gone);
    if (!lightened.isEmpty())
        Q_EMIT versionsChanged(lightened);
    if (toTrash > 0)
        Q_EMIT movedToTrash(toTrash);
    Q_EMIT progressChanged(end);
    Q_EMIT freedChanged(freedBytes());
}

void PurgeController::onPurgeFinished()
{
    setJob(Job::None);
    const qsizetype planned = m_purgeItems.size();
    QString status = m_jobLight
                         ? tr("Dropped the trees of %1 \u00b7 %2")
                               .arg(versionsText(m_jobDone), DisplayFormat::size(m_jobBytes))
                         : tr("Removed %1 \u00b7 %2")
                               .arg(versionsText(m_jobDone), DisplayFormat::size(m_jobBytes));
    if (m_jobGone > 0)
        status += tr(" \u00b7 %1 already removed by someone else")
                      .arg(DisplayFormat::count(m_jobGone));
    if (m_purgeWatcher.isCanceled())
        status += tr(" \u00b7 stopped before the end");
    if (!m_jobProblems.isEmpty()) {
        status += tr(" \u00b7 %1 not removed")
                      .arg(DisplayFormat::count(quint64(m_jobProblems.size())));
        Q_EMIT problems(tr("Some Versions Were Not Removed"),
                        tr("%1 of %2 could not be removed; they stay in the tree.")
                            .arg(DisplayFormat::count(quint64(m_jobProblems.size())),
                                 versionsText(quint64(planned))),
                        m_jobProblems);
    }
    Q_EMIT statusMessage(status);
    m_purgeItems.clear();
    if (m_jobDone > 0)
        startReaper(m_jobRoot);
    else
        Q_EMIT freedChanged(freedBytes());
    Q_EMIT purgeFinished();
}

// ---------------------------------------------------------------------------------------
// Restore

bool PurgeController::restore(const Options &options, const QList<ModuleVersionRecord> &versions)
{
    if (versions.isEmpty() || options.gomodcache.isEmpty() || isBusy())
        return false;
    m_jobRoot = options.gomodcache;
    m_restoreItems.clear();
    for (const ModuleVersionRecord &r : versions)
        m_restoreItems.insert(r.id(), r);
    m_jobProblems.clear();
    m_jobDone = 0;
    m_jobBytes = 0;

    RestoreJob::Options jobOptions;
    jobOptions.gomodcache = options.gomodcache;
    jobOptions.lockTimeoutMs = options.lockTimeoutMs;
    jobOptions.cacheRw = options.cacheRw; // go leaves trees writable under -modcacherw
    setJob(Job::Restore);
    Q_EMIT jobStarted(int(versions.size()));
    Q_EMIT statusMessage(
        tr("Restoring %1 from the zips\u2026").arg(versionsText(quint64(versions.size()))));
    m_restoreWatcher.setFuture(RestoreJob::start(jobOptions, versions));
    return true;
}

void PurgeController::onRestoreResults(int begin, int end)
{
    QList<ModuleVersionRecord> restored;
    for (int i = begin; i < end; ++i) {
        const PurgeItemResult r = m_restoreWatcher.resultAt(i);
        const auto it = m_restoreItems.constFind(idOf(r));
        if (r.path.isEmpty() || it == m_restoreItems.cend()) {
            if (r.outcome == PurgeOutcome::Failed)
                m_jobProblems.append(r);
            continue;
        }
        switch (r.outcome) {
        case PurgeOutcome::Restored:
            // At once with what was written; du of the new tree refines it.
            restored.append(it->afterRestore(r.bytes, r.bytes, it->files));
            m_measureQueue.append(*it);
            ++m_jobDone;
            m_jobBytes += r.bytes;
            break;
        case PurgeOutcome::Skipped: // already complete on disk: show it as it is now
            m_measureQueue.append(*it);
            break;
        default:
            m_jobProblems.append(r);
            break;
        }
    }
    if (!restored.isEmpty())
        Q_EMIT versionsChanged(restored);
    Q_EMIT progressChanged(end);
}

void PurgeController::onRestoreFinished()
{
    setJob(Job::None);
    QString status = tr("Restored %1 \u00b7 %2 extracted")
                         .arg(versionsText(m_jobDone), DisplayFormat::size(m_jobBytes));
    if (!m_jobProblems.isEmpty()) {
        status += tr(" \u00b7 %1 failed").arg(DisplayFormat::count(quint64(m_jobProblems.size())));
        Q_EMIT problems(tr("Some Versions Were Not Restored"),
                        tr("%1 of %2 could not be restored from their zips.")
                            .arg(DisplayFormat::count(quint64(m_jobProblems.size())),
                                 versionsText(quint64(m_restoreItems.size()))),
                        m_jobProblems);
    }
    Q_EMIT statusMessage(status);
    m_restoreItems.clear();
    m_measureRoot = m_jobRoot;
    measureNextRestored();
    Q_EMIT purgeFinished();
}

void PurgeController::measureNextRestored()
{
    if (m_measureBusy || m_measureQueue.isEmpty() || m_measureRoot.isEmpty())
        return;
    m_measuring = m_measureQueue.takeFirst();
    m_measureBusy = true;
    m_measureWatcher.setFuture(DiskUsage::start(m_measureRoot + u'/' + m_measuring.escapedPath
                                                + u'@' + m_measuring.escapedVersion));
}

void PurgeController::onRestoredMeasured()
{
    m_measureBusy = false;
    const QFuture<ScanChunk> future = m_measureWatcher.future();
    if (!future.isCanceled() && future.resultCount() > 0) {
        const ScanChunk last = future.resultAt(future.resultCount() - 1);
        if (last.final && !last.error.isError()) {
            Q_EMIT versionsChanged({m_measuring.afterRestore(
                last.totals.diskBytes, last.totals.apparentBytes, last.totals.files)});
        }
    }
    measureNextRestored();
}

void PurgeController::dropMeasuring()
{
    m_measureQueue.clear();
    if (m_measureBusy)
        m_measureWatcher.cancel();
}

// ---------------------------------------------------------------------------------------
// Purge everything

bool PurgeController::purgeEverything(const QString &gomodcache)
{
    if (gomodcache.isEmpty() || isBusy())
        return false;
    beginFreeing();
    m_jobRoot = gomodcache;
    m_trashCheckedRoot = gomodcache;
    setJob(Job::PurgeAll);
    Q_EMIT statusMessage(tr("Moving the cache aside\u2026"));
    m_purgeAllWatcher.setFuture(PurgeAll::start(gomodcache));
    return true;
}

void PurgeController::onEverythingMovedAside()
{
    setJob(Job::None);
    const Expected<PurgeAll::Result> moved = m_purgeAllWatcher.result();
    // Whatever was moved is in the trash: show the cache as it is now, then free the space.
    m_reapAfterScan = true;
    if (!moved) {
        Q_EMIT problems(tr("Purge Everything Stopped"),
                        tr("The cache could not be moved aside completely. What was moved is "
                           "in the trash and is deleted now.\n\n%1")
                            .arg(moved.error().toString()),
                        {});
    }
    Q_EMIT rescanNeeded();
    if (moved) {
        Q_EMIT statusMessage(tr("Moved %1 entries aside; the space is freed in the background")
                                 .arg(DisplayFormat::count(quint64(moved.value().moved.size()))));
    }
    Q_EMIT purgeFinished();
}

// ---------------------------------------------------------------------------------------
// Trash

void PurgeController::afterScan(const QString &gomodcache, bool completed, quint64 trashEntries)
{
    if (m_reapAfterScan) {
        m_reapAfterScan = false;
        startReaper(gomodcache);
        return;
    }
    // Trash left by an earlier session (or another modkeeper) is completed and emptied once
    // per cache folder, after its first full scan.
    if (!completed || gomodcache == m_trashCheckedRoot || trashEntries == 0)
        return;
    m_trashCheckedRoot = gomodcache;
    recoverTrash(gomodcache);
}

bool PurgeController::recoverTrash(const QString &gomodcache)
{
    if (isBusy() || gomodcache.isEmpty())
        return false;
    beginFreeing();
    m_jobRoot = gomodcache;
    setJob(Job::Recover);
    // Purges a crash interrupted are completed (or rolled back) under go's locks, off the GUI
    // thread.
    m_recoverWatcher.setFuture(PurgeRecovery::start(gomodcache));
    return true;
}

void PurgeController::onTrashRecovered()
{
    setJob(Job::None);
    const Expected<PurgeRecoveryReport> recovered = m_recoverWatcher.result();
    if (!recovered) {
        Q_EMIT statusMessage(
            tr("Interrupted purges could not be completed: %1").arg(recovered.error().toString()));
        startReaper(m_jobRoot);
        return;
    }
    const PurgeRecoveryReport &report = recovered.value();
    if (!report.rolledBack.isEmpty())
        Q_EMIT problems(tr("Interrupted purges rolled back"),
                        tr("%n interrupted purge(s) could not be trusted and were rolled back; "
                           "their versions were kept:",
                           nullptr, int(report.rolledBack.size())),
                        report.rolledBack);
    if (report.completed > 0 || !report.rolledBack.isEmpty()) {
        // Versions are gone (or back): the tree must say so before the space is freed.
        if (report.completed > 0)
            Q_EMIT statusMessage(
                tr("Completed %n interrupted purge(s)", nullptr, report.completed));
        m_reapAfterScan = true;
        Q_EMIT rescanNeeded();
        return;
    }
    startReaper(m_jobRoot);
}

void PurgeController::startReaper(const QString &gomodcache)
{
    if (gomodcache.isEmpty())
        return;
    if (m_reaping) {
        // Trash that arrived after it listed its work is for the next run.
        m_reapAgain = m_reapAgain || m_reapRoot == gomodcache;
        return;
    }
    m_reapRoot = gomodcache;
    m_reapedNow = 0;
    m_reaping = true;
    m_reapWatcher.setFuture(TrashReaper::start(m_reapRoot));
    Q_EMIT freedChanged(freedBytes());
}

void PurgeController::onReapProgress(int begin, int end)
{
    quint64 released = 0;
    for (int i = begin; i < end; ++i) {
        const ReapProgress p = m_reapWatcher.resultAt(i);
        m_reapIssues += p.issues; // each issue is reported once
        released += p.bytesFreed > m_reapedNow ? p.bytesFreed - m_reapedNow : 0;
        m_reapedNow = std::max(m_reapedNow, p.bytesFreed);
    }
    if (released > 0)
        Q_EMIT trashReleased(m_reapRoot, released);
    Q_EMIT freedChanged(freedBytes());
}

void PurgeController::onReapFinished()
{
    m_reaping = false;
    m_reapedBefore += m_reapedNow;
    m_reapedNow = 0;
    if (m_reapAgain && !m_reapWatcher.isCanceled()) {
        m_reapAgain = false;
        startReaper(m_reapRoot);
        return;
    }
    m_reapAgain = false;
    Q_EMIT freedChanged(freedBytes());
    Q_EMIT reapFinished();
}

} // namespace mk
