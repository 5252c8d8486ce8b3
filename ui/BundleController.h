// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include "bundle/ExportJob.h"
#include "bundle/ImportJob.h"
#include "download/DownloadSetup.h"
#include "env/GoEnvironment.h"
#include "proxy/ProxyCompare.h"

namespace mk {

/// Export, import and the mirror comparison for the GUI, without widgets: it owns the core
/// jobs (ExportJob, DownloadSetup + ImportJob, ProxyCompare), one at a time, and emits their
/// progress and reports. The dialogs only ask and show.
class BundleController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BundleController)

public:
    explicit BundleController(QObject *parent = nullptr);
    /// Stops a running job and waits for it (an import writes the cache); emits nothing.
    ~BundleController() override;

    [[nodiscard]] bool isRunning() const { return m_running; }

    /// Each returns false when a job is running.
    bool startExport(const ExportOptions &options);
    /// Prepares the download setup from inputs (keychain, CAs, GOSUMDB) off the GUI thread,
    /// then imports source into gomodcache (empty: the resolved GOMODCACHE).
    bool startImport(const QString &source, const QString &gomodcache,
                     const GoEnvInputs &inputs = GoEnvInputs::current());
    bool startCompare(const ProxyCompare::Options &options);
    void cancel();

Q_SIGNALS:
    void runningChanged(bool running);
    void progressRangeChanged(int minimum, int maximum);
    void progressChanged(int value);
    void exportFinished(const mk::ExportReport &report);
    void importFinished(const mk::ImportReport &report);
    void compareFinished(const mk::ProxyCompare::Report &report);
    /// The job could not run at all (the import's setup failed); nothing was written.
    void failed(const QString &message);

private:
    void setRunning(bool running);
    void onPrepared();

    QFutureWatcher<ExportReport> m_export;
    QFutureWatcher<DownloadSetup::Prepared> m_prepare;
    QFutureWatcher<ImportReport> m_import;
    QFutureWatcher<ProxyCompare::Report> m_compare;
    QString m_importSource;
    GoEnvironment m_importEnv;
    bool m_running = false;
    bool m_cancelled = false;
};

} // namespace mk
