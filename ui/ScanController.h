// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include "common/Error.h"
#include "scan/ScanRecords.h"

namespace mk {

/// The scan side of the window, without widgets: owns the GOMODCACHE scan (CacheScanner) and
/// the du of GOCACHE for the summary (DiskUsage), their watchers, the scanning state and the
/// cancel request, and passes on what they find: the scan's chunks as they arrive, then how
/// it ended.
///
/// One scan at a time: start() abandons a running one, whose late chunks and end are then
/// dropped. Scanning runs from start() until the finished handler has run
/// (scanningChanged(false) comes just before scanFinished()), not until the walk's last
/// chunk: a walk that ended before its queued finished signal arrived is still scanning here.
class ScanController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScanController)

public:
    /// How a scan ended.
    struct Outcome
    {
        bool cancelled = false; ///< cancel() was asked for
        bool complete = false;  ///< the final chunk, with the complete totals, arrived
        Error error;            ///< GOMODCACHE itself could not be read (from the final chunk)
        qint64 elapsedMs = 0;

        /// Read to its end without error: the chunks add up to the whole cache.
        [[nodiscard]] bool completed() const { return !cancelled && complete && !error.isError(); }
    };

    explicit ScanController(QObject *parent = nullptr);
    /// Cancels the scan and the measure and waits for them. No signal is emitted from here.
    ~ScanController() override;

    [[nodiscard]] bool isScanning() const { return m_scanning; }
    /// cancel() was asked for and the scan has not finished yet.
    [[nodiscard]] bool isCancelling() const { return m_scanning && m_cancelRequested; }
    /// The folder of the running (or last) scan.
    [[nodiscard]] QString gomodcache() const { return m_gomodcache; }

    /// Starts scanning gomodcache (an absolute path) on the core pool, abandoning a running scan.
    void start(const QString &gomodcache);
    /// Asks the running scan to stop; returns at once. What was found so far stays found;
    /// scanFinished() follows with cancelled set. false when not scanning or already cancelling.
    bool cancel();
    /// Drops the running scan without waiting: the walk ends on its own on the core pool,
    /// and nothing more is emitted for it but scanningChanged(false).
    void abandon();

    /// Starts du -s of gocache (the build cache), replacing a measure still running.
    void measureBuildCache(const QString &gocache);

Q_SIGNALS:
    void scanningChanged(bool scanning);
    /// A piece of the scan as it arrives; the last one has final = true and the totals.
    void chunkReady(const mk::ScanChunk &chunk);
    /// The scan came to an end (finished, cancelled or failed); not emitted for an
    /// abandoned one.
    void scanFinished(const mk::ScanController::Outcome &outcome);
    /// The build cache takes diskBytes (du -s -B1).
    void buildCacheMeasured(quint64 diskBytes);
    /// The build cache could not be measured: Error::Code::NotFound (subject: the path) when
    /// the folder does not exist, else what du ran into. Not emitted for a replaced measure.
    void buildCacheFailed(const mk::Error &error);

private:
    void setScanning(bool scanning);
    void onChunks(int begin, int end);
    void onScanFinished();
    void onBuildCacheMeasured();

    QFutureWatcher<ScanChunk> m_watcher;           ///< the GOMODCACHE scan
    QFutureWatcher<ScanChunk> m_buildCacheWatcher; ///< du of GOCACHE
    QString m_gomodcache;
    QElapsedTimer m_clock;
    Error m_error;           ///< from the final chunk
    bool m_complete = false; ///< the final chunk arrived
    bool m_scanning = false;
    bool m_cancelRequested = false;
};

} // namespace mk
