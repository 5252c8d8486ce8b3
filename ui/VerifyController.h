// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QString>

#include "env/GoEnvironment.h"
#include "scan/ScanRecords.h"
#include "verify/VerifyRecords.h"

namespace mk {

/// Verify and Repair for the window, without widgets: owns the VerifyJob and RepairJob
/// futures and their watchers, collects the results and says when it is busy. A damaged
/// zip is fetched again set up as the CLI's repair sets it up (DownloadSetup: keychain
/// credentials, CA certificates, checksum database; -modcacherw from GOFLAGS).
///
/// One job at a time. Busy runs from a start until the finished handler has run (busyChanged
/// (false) comes just before verifyFinished()/repairFinished()), not until the job's last
/// result: a job that ended before its queued finished signal arrived is still running here.
class VerifyController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VerifyController)

public:
    explicit VerifyController(QObject *parent = nullptr);
    /// Stops a running job and waits for it (verification only reads; a repair stops
    /// between versions). No signal is emitted from here.
    ~VerifyController() override;

    /// Where repairs fetch damaged zips from, and how they write.
    struct RepairSettings
    {
        GoEnvironment env; ///< GOPROXY, GOFLAGS (-modcacherw), GOSUMDB, …
        int lockTimeoutMs = 30000;
        QString caFile; ///< an extra CA file (Settings ▸ Proxy…); empty for none
    };

    [[nodiscard]] bool isBusy() const { return m_busy; }
    [[nodiscard]] bool isRepairing() const { return m_busy && m_repairing; }
    /// The running (or last) verification's results, in arrival order.
    [[nodiscard]] const QList<VersionVerifyResult> &verifyResults() const
    {
        return m_verifyResults;
    }
    /// The running (or last) repair's results, in arrival order.
    [[nodiscard]] const QList<RepairResult> &repairResults() const { return m_repairResults; }

    /// Verifies versions of the cache in gomodcache; false (and nothing emitted) when busy or
    /// there is nothing to verify.
    bool verify(const QString &gomodcache, const QList<ModuleVersionRecord> &versions);
    /// Repairs damaged versions; false when busy or there is nothing to repair.
    bool repair(const QString &gomodcache, const QList<ModuleVersionRecord> &damaged,
                const RepairSettings &settings);
    /// Asks the running job to stop; returns at once. The finished signal follows.
    void stop();

    /// What a version's integrity is after a repair, from what it was before and what the
    /// verification RepairJob ran afterwards found.
    [[nodiscard]] static VersionVerifyResult afterRepair(VersionVerifyResult before,
                                                         const RepairResult &repair);

Q_SIGNALS:
    void busyChanged(bool busy);
    /// Verification: KiB read, in a range the job sets (0, 0 until it knows). Repair: versions.
    void progressRangeChanged(int minimum, int maximum);
    void progressChanged(int value);
    /// A batch of verification results as they arrive.
    void resultsReady(const QList<VersionVerifyResult> &results);
    /// A batch of repair results as they arrive.
    void repaired(const QList<RepairResult> &results);
    /// The verification ended; results holds all of them (fewer than asked when stopped).
    void verifyFinished(const QList<VersionVerifyResult> &results, bool stopped);
    void repairFinished(const QList<RepairResult> &results, bool stopped);

private:
    void setBusy(bool busy);
    void onVerifyResults(int begin, int end);
    void onVerifyFinished();
    void onRepairResults(int begin, int end);
    void onRepairFinished();

    QFutureWatcher<VersionVerifyResult> m_verifyWatcher;
    QFutureWatcher<RepairResult> m_repairWatcher;
    QList<VersionVerifyResult> m_verifyResults;
    QList<RepairResult> m_repairResults;
    bool m_busy = false;
    bool m_repairing = false;
};

} // namespace mk
