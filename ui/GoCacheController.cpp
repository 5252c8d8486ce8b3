// SPDX-License-Identifier: GPL-3.0-or-later
#include "GoCacheController.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace mk {

namespace {
const QString capKey = u"gocache/sizeCapBytes"_s;
} // namespace

GoCacheController::GoCacheController(QObject *parent)
    : QObject(parent), m_sizeCap(savedSizeCap())
{
    connect(&m_statsWatcher, &QFutureWatcher<GoCacheStats>::finished, this,
            &GoCacheController::onStatsFinished);
    connect(&m_trimWatcher, &QFutureWatcher<GoCacheTrimResult>::finished, this,
            &GoCacheController::onTrimFinished);
    connect(&m_cleanWatcher, &QFutureWatcher<GoCacheCleanResult>::finished, this,
            &GoCacheController::onCleanFinished);
    for (auto *w : {static_cast<QFutureWatcherBase *>(&m_statsWatcher),
                    static_cast<QFutureWatcherBase *>(&m_trimWatcher),
                    static_cast<QFutureWatcherBase *>(&m_cleanWatcher)}) {
        connect(w, &QFutureWatcherBase::progressValueChanged, this, [this, w](int value) {
            Q_EMIT progressChanged(value, w->progressMaximum());
        });
    }
}

GoCacheController::~GoCacheController()
{
    m_statsWatcher.disconnect(this);
    m_trimWatcher.disconnect(this);
    m_cleanWatcher.disconnect(this);
    m_statsWatcher.cancel();
    m_trimWatcher.cancel();
    m_statsWatcher.waitForFinished();
    m_trimWatcher.waitForFinished();
    m_cleanWatcher.waitForFinished();
}

void GoCacheController::setGocache(const QString &dir)
{
    if (dir == m_gocache)
        return;
    m_gocache = dir;
    m_hasStats = false;
    m_stats = {};
}

quint64 GoCacheController::savedSizeCap()
{
    return QSettings().value(capKey, 0).toULongLong();
}

void GoCacheController::setSizeCap(quint64 bytes)
{
    QSettings settings;
    if (bytes == 0)
        settings.remove(capKey);
    else
        settings.setValue(capKey, bytes);
    if (m_sizeCap == bytes)
        return;
    m_sizeCap = bytes;
    m_capTrimDone = false;
    Q_EMIT sizeCapChanged(bytes);
}

void GoCacheController::setJob(Job job)
{
    const bool was = isBusy();
    m_job = job;
    if (was != isBusy())
        Q_EMIT busyChanged(isBusy());
}

bool GoCacheController::refresh()
{
    if (isBusy() || m_gocache.isEmpty())
        return false;
    setJob(Job::Stats);
    m_statsWatcher.setFuture(GoCacheStatsJob::start(m_gocache));
    return true;
}

bool GoCacheController::startTrim(const GoCacheTrimmer::Options &options)
{
    if (isBusy() || m_gocache.isEmpty())
        return false;
    setJob(Job::Trim);
    m_trimWatcher.setFuture(GoCacheTrimmer::start(options));
    return true;
}

bool GoCacheController::trimOlderThan(int days)
{
    GoCacheTrimmer::Options options;
    options.gocache = m_gocache;
    options.olderThanDays = days;
    return startTrim(options);
}

bool GoCacheController::trimToSize(quint64 maxBytes)
{
    GoCacheTrimmer::Options options;
    options.gocache = m_gocache;
    options.maxBytes = maxBytes;
    return startTrim(options);
}

bool GoCacheController::cleanBuildCache()
{
    if (isBusy() || m_gocache.isEmpty())
        return false;
    setJob(Job::Clean);
    m_cleanWatcher.setFuture(GoCacheCleaner::startCleanCache(m_gocache));
    return true;
}

bool GoCacheController::cleanTestCache()
{
    if (isBusy() || m_gocache.isEmpty())
        return false;
    setJob(Job::Clean);
    m_cleanWatcher.setFuture(GoCacheCleaner::startCleanTestCache(m_gocache));
    return true;
}

void GoCacheController::cancel()
{
    m_statsWatcher.cancel();
    m_trimWatcher.cancel();
}

void GoCacheController::onStatsFinished()
{
    const QFuture<GoCacheStats> f = m_statsWatcher.future();
    setJob(Job::None);
    if (f.resultCount() == 0) {
        Q_EMIT statsFailed(Error::make(Error::Code::Cancelled, tr("cancelled"), m_gocache));
        return;
    }
    GoCacheStats s = f.result();
    if (s.dir != m_gocache)
        return; // GOCACHE changed meanwhile
    if (!s.ok()) {
        Q_EMIT statsFailed(s.cancelled ? Error::make(Error::Code::Cancelled, tr("cancelled"),
                                                     m_gocache)
                                       : s.error);
        return;
    }
    m_stats = std::move(s);
    m_hasStats = true;
    Q_EMIT statsChanged();
    // Keep the cache under the cap: once per measure, so that entries go used within the last
    // hour (which no trim removes) cannot make it loop.
    if (m_sizeCap > 0 && m_stats.diskBytes > m_sizeCap && !m_capTrimDone
        && m_stats.trimToSize(m_sizeCap).entries() > 0) {
        m_capTrimDone = true;
        trimToSize(m_sizeCap);
        return;
    }
    m_capTrimDone = false;
}

void GoCacheController::onTrimFinished()
{
    const QFuture<GoCacheTrimResult> f = m_trimWatcher.future();
    setJob(Job::None);
    GoCacheTrimResult r;
    if (f.resultCount() > 0)
        r = f.result();
    else
        r.cancelled = true;
    Q_EMIT trimFinished(r);
    refresh();
}

void GoCacheController::onCleanFinished()
{
    const QFuture<GoCacheCleanResult> f = m_cleanWatcher.future();
    setJob(Job::None);
    GoCacheCleanResult r;
    if (f.resultCount() > 0)
        r = f.result();
    Q_EMIT cleanFinished(r);
    refresh();
}

} // namespace mk
