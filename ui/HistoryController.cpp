// SPDX-License-Identifier: GPL-3.0-or-later
#include "HistoryController.h"

#include <QDateTime>

#include "history/ScanHistory.h"

using namespace Qt::StringLiterals;

namespace mk {

HistoryController::HistoryController(QObject *parent, const QString &historyFile)
    : QObject(parent), m_file(historyFile)
{
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &HistoryController::onDone);
}

HistoryController::~HistoryController()
{
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
}

void HistoryController::watch(ScanController *scan)
{
    if (m_scan)
        disconnect(m_scan, nullptr, this, nullptr);
    m_scan = scan;
    if (!scan)
        return;
    connect(scan, &ScanController::scanningChanged, this, [this](bool scanning) {
        if (!scanning || !m_scan)
            return;
        m_running = {};
        m_running.gomodcache = m_scan->gomodcache();
        if (m_running.gomodcache != m_gomodcache)
            reload(m_running.gomodcache);
    });
    connect(scan, &ScanController::chunkReady, this, [this](const ScanChunk &chunk) {
        m_running.addOthers(chunk.others);
        if (chunk.final) {
            m_running.versions = chunk.totals.versions;
            m_running.diskBytes = chunk.totals.diskBytes;
        }
    });
    connect(scan, &ScanController::scanFinished, this,
            [this](const ScanController::Outcome &outcome) {
                // Only a whole scan is a point of the curve: a cancelled one would dip.
                Request r{m_running.gomodcache, std::nullopt};
                if (outcome.completed() && !m_running.gomodcache.isEmpty()) {
                    HistoryRecord record = m_running;
                    record.time = QDateTime::currentDateTimeUtc();
                    record.gocacheBytes = m_gocacheBytes;
                    r.append = record;
                }
                enqueue(std::move(r));
            });
}

void HistoryController::reload(const QString &gomodcache)
{
    enqueue({gomodcache, std::nullopt});
}

void HistoryController::enqueue(Request request)
{
    // A read queued behind another read of the same cache adds nothing.
    if (!request.append && !m_queue.isEmpty() && !m_queue.last().append
        && m_queue.last().gomodcache == request.gomodcache)
        return;
    m_queue.append(std::move(request));
    if (!m_watcher.isRunning())
        startNext();
}

void HistoryController::startNext()
{
    if (m_queue.isEmpty())
        return;
    const Request r = m_queue.takeFirst();
    m_watcher.setFuture(HistoryUpdateJob::start(m_file, r.gomodcache, r.append));
}

void HistoryController::onDone()
{
    const Outcome out = m_watcher.result();
    m_gomodcache = out.gomodcache;
    m_records = out.read.records;
    Q_EMIT recordsChanged();
    if (out.appendError.isError())
        Q_EMIT warning(tr("The scan could not be added to the size history: %1")
                           .arg(out.appendError.toString()));
    if (out.readError.isError())
        Q_EMIT warning(tr("The size history could not be read: %1").arg(out.readError.toString()));
    else if (!out.read.damagedLines.isEmpty())
        Q_EMIT warning(tr("%n damaged line(s) in the size history were skipped", nullptr,
                          int(out.read.damagedLines.size())));
    startNext();
}

} // namespace mk
