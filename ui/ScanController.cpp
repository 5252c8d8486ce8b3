// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScanController.h"

#include <QFileInfo>

#include "scan/CacheScanner.h"
#include "scan/DiskUsage.h"

using namespace Qt::StringLiterals;

namespace mk {

ScanController::ScanController(QObject *parent) : QObject(parent)
{
    // Connected before any setFuture(), so no chunk or finished signal is missed.
    connect(&m_watcher, &QFutureWatcher<ScanChunk>::resultsReadyAt, this,
            &ScanController::onChunks);
    connect(&m_watcher, &QFutureWatcher<ScanChunk>::finished, this,
            &ScanController::onScanFinished);
    connect(&m_buildCacheWatcher, &QFutureWatcher<ScanChunk>::finished, this,
            &ScanController::onBuildCacheMeasured);
}

ScanController::~ScanController()
{
    m_watcher.disconnect(this);
    m_buildCacheWatcher.disconnect(this);
    m_watcher.cancel();
    m_buildCacheWatcher.cancel();
    m_watcher.waitForFinished();
    m_buildCacheWatcher.waitForFinished();
}

void ScanController::setScanning(bool scanning)
{
    if (m_scanning == scanning)
        return;
    m_scanning = scanning;
    Q_EMIT scanningChanged(scanning);
}

void ScanController::start(const QString &gomodcache)
{
    abandon();
    m_gomodcache = gomodcache;
    m_cancelRequested = false;
    m_complete = false;
    m_error = {};
    m_clock.start();
    setScanning(true);
    CacheScanner::Options options;
    options.gomodcache = gomodcache;
    m_watcher.setFuture(CacheScanner::start(options));
}

bool ScanController::cancel()
{
    if (!m_scanning || m_cancelRequested)
        return false;
    m_cancelRequested = true;
    m_watcher.cancel();
    return true;
}

void ScanController::abandon()
{
    // Cancel without waiting. The old walk's pending results are dropped by the next
    // setFuture(), or ignored while m_scanning is false.
    if (m_watcher.isRunning())
        m_watcher.cancel();
    setScanning(false);
}

void ScanController::onChunks(int begin, int end)
{
    // Late chunks of an abandoned scan (the watcher still holds its future when no new
    // scan replaced it) must not reach whoever cleared its view of the old one.
    if (!m_scanning)
        return;
    for (int i = begin; i < end; ++i) {
        const ScanChunk chunk = m_watcher.resultAt(i);
        if (chunk.final) {
            m_complete = true;
            m_error = chunk.error;
        }
        Q_EMIT chunkReady(chunk);
        if (!m_scanning)
            return; // a receiver abandoned the scan
    }
}

void ScanController::onScanFinished()
{
    if (!m_scanning)
        return; // an abandoned scan; see onChunks()
    Outcome outcome;
    outcome.cancelled = m_cancelRequested;
    outcome.complete = m_complete;
    outcome.error = m_error;
    outcome.elapsedMs = m_clock.elapsed();
    m_cancelRequested = false;
    setScanning(false);
    Q_EMIT scanFinished(outcome);
}

void ScanController::measureBuildCache(const QString &gocache)
{
    // A stat, not a walk: enough to say why there is nothing to measure.
    if (!QFileInfo(gocache).isDir()) {
        Q_EMIT buildCacheFailed(
            Error::make(Error::Code::NotFound, tr("The folder does not exist"), gocache));
        return;
    }
    if (m_buildCacheWatcher.isRunning())
        m_buildCacheWatcher.cancel();
    m_buildCacheWatcher.setFuture(DiskUsage::start(gocache));
}

void ScanController::onBuildCacheMeasured()
{
    const QFuture<ScanChunk> future = m_buildCacheWatcher.future();
    if (future.isCanceled() || future.resultCount() == 0)
        return;
    const ScanChunk last = future.resultAt(future.resultCount() - 1);
    if (!last.final)
        return;
    if (last.error.isError())
        Q_EMIT buildCacheFailed(last.error);
    else
        Q_EMIT buildCacheMeasured(last.totals.diskBytes);
}

} // namespace mk
