// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include "common/Expected.h"
#include "purge/PurgeAll.h"
#include "purge/PurgeRecords.h"
#include "purge/PurgeRecovery.h"
#include "scan/ScanRecords.h"

namespace mk {

/// The purge side of the GUI without widgets: removes and light-cleans versions (PurgeJob),
/// restores them (RestoreJob, then du of each restored tree), empties the whole cache
/// (PurgeAll), completes purges a crash interrupted (PurgeRecovery) and frees the trash in
/// the background (TrashReaper). It owns those jobs and their watchers, keeps the count of
/// what was done and freed, and says through its signals what a window shows: rows that go
/// or change, the trash's size, status lines, problems worth a message, progress.
///
/// One job of purge, restore, purge-everything and recovery at a time (isBusy()); the
/// reaper runs alongside. Every start returns false, doing nothing, when it cannot start.
class PurgeController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PurgeController)

public:
    struct Options
    {
        QString gomodcache;
        int lockTimeoutMs = 30000; ///< how long to wait for a version a go command holds
        bool cacheRw = false;      ///< GOFLAGS has -modcacherw: restored trees stay writable
    };

    explicit PurgeController(QObject *parent = nullptr);
    /// Cancels and waits (shutdown()).
    ~PurgeController() override;

    /// A purge, restore, purge-everything or recovery runs: from its start until its
    /// finished handler ran and purgeFinished() (or the recovery's outcome) was emitted,
    /// not only while the core job runs.
    [[nodiscard]] bool isBusy() const { return m_job != Job::None; }
    /// The trash reaper runs, until its finished handler ran.
    [[nodiscard]] bool isReaping() const { return m_reaping; }
    /// Space is still being freed: the reaper, or a purge, purge-everything or recovery
    /// whose trash it will empty.
    [[nodiscard]] bool isFreeing() const;
    /// What the current round of freeing freed so far: zips and metadata deleted at once,
    /// plus what the reaper deleted from the trash.
    [[nodiscard]] quint64 freedBytes() const
    {
        return m_freedAtOnce + m_reapedBefore + m_reapedNow;
    }
    /// What the reaper could not delete in the current round.
    [[nodiscard]] const QList<ScanIssue> &reapIssues() const { return m_reapIssues; }

    /// Works through plan; versionsRemoved() and versionsChanged() as versions go.
    bool purge(const Options &options, const PurgePlan &plan);
    /// Extracts the trees of versions again (RestoreJob::isRestorable ones), then measures them.
    bool restore(const Options &options, const QList<ModuleVersionRecord> &versions);
    /// The go clean -modcache equivalent (PurgeAll): moves everything aside, asks for a
    /// rescan, and the reaper starts after it (afterScan()).
    bool purgeEverything(const QString &gomodcache);
    /// Completes or rolls back purges a crash interrupted, then frees the trash.
    bool recoverTrash(const QString &gomodcache);
    /// Starts the reaper on gomodcache; while it runs, asks it to run once more.
    void startReaper(const QString &gomodcache);
    /// To call when a scan of gomodcache ended: starts the reaper a purge left for after the
    /// rescan, else looks after leftover trash (trashEntries) once per folder and completed scan.
    void afterScan(const QString &gomodcache, bool completed, quint64 trashEntries);
    /// Stops a purge or restore between versions; what is done stays done.
    void stop();
    /// Forgets the restored trees still to measure (a new scan measures everything).
    void dropMeasuring();
    /// Disconnects, cancels every job and waits for them (the owner's destructor).
    void shutdown();

Q_SIGNALS:
    void busyChanged(bool busy);
    /// A purge or restore of total versions started (progress 0 of total).
    void jobStarted(int total);
    /// done of the running purge or restore's versions are through.
    void progressChanged(int done);
    /// These versions (ids) are gone from the cache.
    void versionsRemoved(const QStringList &ids);
    /// These versions changed on disk (light-cleaned, restored, measured): the new records.
    void versionsChanged(const QList<ModuleVersionRecord> &records);
    /// A purge moved trees of this many bytes into the trash inside the cache.
    void movedToTrash(quint64 bytes);
    /// The reaper freed bytes from gomodcache's trash.
    void trashReleased(const QString &gomodcache, quint64 bytes);
    /// freedBytes(), isFreeing() or reapIssues() changed.
    void freedChanged(quint64 bytes);
    /// Something failed that the user should read; items name the versions (may be empty).
    void problems(const QString &title, const QString &summary,
                  const QList<PurgeItemResult> &items);
    void statusMessage(const QString &text);
    /// The cache changed more than the signals above tell: scan it again.
    void rescanNeeded();
    /// A purge, restore or purge-everything came to an end (after busyChanged(false)).
    void purgeFinished();
    /// The reaper came to an end and has nothing more to do.
    void reapFinished();

private:
    enum class Job {
        None,
        Purge,
        Restore,
        PurgeAll,
        Recover
    };

    void setJob(Job job);
    void beginFreeing();
    void onPurgeResults(int begin, int end);
    void onPurgeFinished();
    void onRestoreResults(int begin, int end);
    void onRestoreFinished();
    void measureNextRestored();
    void onRestoredMeasured();
    void onEverythingMovedAside();
    void onTrashRecovered();
    void onReapProgress(int begin, int end);
    void onReapFinished();

    QFutureWatcher<PurgeItemResult> m_purgeWatcher;                 ///< PurgeJob
    QFutureWatcher<PurgeItemResult> m_restoreWatcher;               ///< RestoreJob
    QFutureWatcher<Expected<PurgeAll::Result>> m_purgeAllWatcher;   ///< PurgeAll
    QFutureWatcher<Expected<PurgeRecoveryReport>> m_recoverWatcher; ///< PurgeRecovery
    QFutureWatcher<ScanChunk> m_measureWatcher;                     ///< du of a restored tree
    QFutureWatcher<ReapProgress> m_reapWatcher;                     ///< TrashReaper

    Job m_job = Job::None;
    QString m_jobRoot;                                  ///< the cache the running job works on
    QHash<QString, PurgeItem> m_purgeItems;             ///< the running plan, by id
    QHash<QString, ModuleVersionRecord> m_restoreItems; ///< the running restore, by id
    QList<PurgeItemResult> m_jobProblems;               ///< failures of the running job
    quint64 m_jobDone = 0;                              ///< versions removed or restored
    quint64 m_jobBytes = 0;                             ///< bytes those free (or wrote)
    quint64 m_jobGone = 0;                              ///< removed by someone else meanwhile
    bool m_jobLight = false;

    QList<ModuleVersionRecord> m_measureQueue; ///< restored records, before measuring
    ModuleVersionRecord m_measuring;
    QString m_measureRoot;
    bool m_measureBusy = false;

    QString m_reapRoot;       ///< the cache the reaper works on
    bool m_reaping = false;   ///< from its start until its finished handler ran
    bool m_reapAgain = false; ///< more went to the trash while the reaper ran
    bool m_reapAfterScan = false;
    QString m_trashCheckedRoot; ///< leftover trash is looked after once per cache folder
    quint64 m_freedAtOnce = 0;  ///< zips and metadata a purge deleted outright
    quint64 m_reapedBefore = 0; ///< what finished reaper runs freed
    quint64 m_reapedNow = 0;    ///< what the running reaper has freed so far
    QList<ScanIssue> m_reapIssues;
};

} // namespace mk
