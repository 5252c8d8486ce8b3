// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include "gocache/GoCacheCleaner.h"
#include "gocache/GoCacheStats.h"
#include "gocache/GoCacheTrimmer.h"

namespace mk {

/// The build cache (GOCACHE) side of the GUI without widgets: measures it (GoCacheStatsJob),
/// trims it (GoCacheTrimmer) and cleans it (GoCacheCleaner) on the core pool, one job at a
/// time, and measures again after every change. Holds the optional size cap ("keep GOCACHE
/// under N bytes", saved in QSettings): when a measure finds the cache over it, the least
/// recently used entries are trimmed at once.
class GoCacheController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GoCacheController)

public:
    explicit GoCacheController(QObject *parent = nullptr);
    /// Cancels and waits.
    ~GoCacheController() override;

    void setGocache(const QString &dir);
    [[nodiscard]] QString gocache() const { return m_gocache; }
    [[nodiscard]] bool isBusy() const { return m_job != Job::None; }
    /// The last complete measure (hasStats() false before the first).
    [[nodiscard]] const GoCacheStats &stats() const { return m_stats; }
    [[nodiscard]] bool hasStats() const { return m_hasStats; }

    /// The saved size cap in bytes, 0 when there is none.
    [[nodiscard]] static quint64 savedSizeCap();
    [[nodiscard]] quint64 sizeCap() const { return m_sizeCap; }
    /// Sets and saves the cap (0: none).
    void setSizeCap(quint64 bytes);

    // Each returns false, doing nothing, while a job runs or without a GOCACHE.
    bool refresh();
    bool trimOlderThan(int days);
    bool trimToSize(quint64 maxBytes);
    bool cleanBuildCache();
    bool cleanTestCache();
    void cancel();

Q_SIGNALS:
    void busyChanged(bool busy);
    void progressChanged(int value, int maximum);
    void statsChanged();
    void statsFailed(const mk::Error &error);
    void trimFinished(const mk::GoCacheTrimResult &result);
    void cleanFinished(const mk::GoCacheCleanResult &result);
    void sizeCapChanged(quint64 bytes);

private:
    enum class Job {
        None,
        Stats,
        Trim,
        Clean
    };
    void setJob(Job job);
    void onStatsFinished();
    void onTrimFinished();
    void onCleanFinished();
    bool startTrim(const GoCacheTrimmer::Options &options);

    QString m_gocache;
    Job m_job = Job::None;
    GoCacheStats m_stats;
    bool m_hasStats = false;
    quint64 m_sizeCap = 0;
    bool m_capTrimDone = false; ///< the cap trim ran for the last measure: do not loop
    QFutureWatcher<GoCacheStats> m_statsWatcher;
    QFutureWatcher<GoCacheTrimResult> m_trimWatcher;
    QFutureWatcher<GoCacheCleanResult> m_cleanWatcher;
};

} // namespace mk
