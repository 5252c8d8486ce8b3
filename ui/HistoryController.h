// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include "ScanController.h"
#include "history/HistoryRecord.h"
#include "history/HistoryUpdateJob.h"

namespace mk {

/// The size history for the window, without widgets: records every completed scan a
/// ScanController reports (its totals, the other kinds' bytes, the last GOCACHE measure) in
/// the history file, and reads back the records of the cache shown. All file work runs on the
/// core pool, one request after another; recordsChanged() follows each read.
class HistoryController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryController)

public:
    /// historyFile empty: ScanHistory::defaultPath().
    explicit HistoryController(QObject *parent = nullptr, const QString &historyFile = {});
    /// Waits for a running read or append (they are short).
    ~HistoryController() override;

    /// Follows scan: reads the history of a cache as its scan starts, appends a record when
    /// the scan completes, then reads again.
    void watch(ScanController *scan);
    /// Reads the records of gomodcache again.
    void reload(const QString &gomodcache);
    /// The build cache's latest size, recorded with the next scans.
    void setBuildCacheBytes(quint64 bytes) { m_gocacheBytes = bytes; }

    [[nodiscard]] QString gomodcache() const { return m_gomodcache; }
    /// Oldest first.
    [[nodiscard]] const QList<HistoryRecord> &records() const { return m_records; }
    [[nodiscard]] bool isBusy() const { return m_watcher.isRunning() || !m_queue.isEmpty(); }

Q_SIGNALS:
    void recordsChanged();
    /// Something went wrong that the scan does not suffer from: a record could not be saved,
    /// the file could not be read, or lines in it were damaged.
    void warning(const QString &message);

private:
    struct Request
    {
        QString gomodcache;
        std::optional<HistoryRecord> append;
    };
    using Outcome = HistoryUpdateJob::Result;

    void enqueue(Request request);
    void startNext();
    void onDone();

    QString m_file;
    QPointer<ScanController> m_scan;
    HistoryRecord m_running; ///< the totals of the scan in progress
    std::optional<quint64> m_gocacheBytes;
    QList<Request> m_queue;
    QFutureWatcher<Outcome> m_watcher;
    QString m_gomodcache;
    QList<HistoryRecord> m_records;
};

} // namespace mk
