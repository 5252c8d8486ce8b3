// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QString>

#include "download/DownloadJob.h"
#include "download/DownloadSetup.h"
#include "env/GoEnvironment.h"
#include "proxy/ProxySwitcher.h"

namespace mk {

class DownloadReportModel;

/// A download or refresh for the GUI, without widgets. One run goes through up to three core
/// steps: switching GOPROXY (ProxySwitcher::applyAsync, when asked), the setup the CLI uses
/// too (DownloadSetup::prepareAsync: keychain credentials, CA certificates, checksum
/// database) and the DownloadJob. The controller owns their futures and the report rows;
/// whoever shows it decides what to ask (which versions, whether a weaker preset is fine).
class DownloadController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadController)

public:
    struct Run
    {
        DownloadJob::Mode mode = DownloadJob::Mode::Download;
        QList<DownloadRequest> versions;
        QString gomodcache;
        QString preset; ///< fetch from this preset; empty: the active GOPROXY
        std::optional<ProxyApplyPlan>
            switchTo;   ///< write this GOPROXY switch first (already confirmed)
        QString caFile; ///< an extra CA file; empty for none
        /// The go environment, resolved after the switch (the go env file is read again then).
        GoEnvInputs inputs = GoEnvInputs::current();
    };

    explicit DownloadController(QObject *parent = nullptr);
    /// Stops a running job and waits for it; no signal is emitted from here.
    ~DownloadController() override;

    [[nodiscard]] DownloadReportModel *report() const { return m_report; }
    /// From start() until finished() or failed() was emitted, across the three steps.
    [[nodiscard]] bool isRunning() const { return m_running; }
    /// What the run's first steps said (the switch, the setup), as sentences; may be empty.
    [[nodiscard]] QString notes() const { return m_notes; }
    /// The running (or last) run wrote versions into the cache.
    [[nodiscard]] bool wroteCache() const { return m_wroteCache; }

    /// Starts a run; false when one is running or there is nothing to fetch.
    bool start(const Run &run);
    /// Stops the run: a running job between reads, an earlier step before the job starts.
    void cancel();

Q_SIGNALS:
    void runningChanged(bool running);
    /// The job started fetching from goproxy.
    void fetching(const QString &goproxy);
    void progressRangeChanged(int minimum, int maximum);
    void progressChanged(int value);
    /// The run ended before fetching anything (switch or setup failed); nothing was written.
    void failed(const QString &message);
    /// The job ended (stopped: cancelled). The report holds every outcome.
    void finished(bool stopped);

private:
    void setRunning(bool running);
    void fail(const QString &message);
    void addNote(const QString &sentence);
    void prepare();
    void onSwitched();
    void onPrepared();
    void onResults(int begin, int end);
    void onJobFinished();

    Run m_run;
    DownloadReportModel *m_report;
    QFutureWatcher<ProxyApplyResult> m_switchWatcher;
    QFutureWatcher<DownloadSetup::Prepared> m_prepareWatcher;
    QFutureWatcher<DownloadResult> m_jobWatcher;
    QString m_notes;
    bool m_running = false;
    bool m_cancelled = false;
    bool m_wroteCache = false;
};

} // namespace mk
