// SPDX-License-Identifier: GPL-3.0-or-later
#include "ToolchainController.h"

namespace mk {

ToolchainController::ToolchainController(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<ToolchainListing>();
    qRegisterMetaType<ToolchainRemoval>();
    connect(&m_listWatcher, &QFutureWatcher<ToolchainListing>::finished, this,
            &ToolchainController::onListed);
    connect(&m_removeWatcher, &QFutureWatcher<ToolchainRemoval>::finished, this,
            &ToolchainController::onRemoved);
    for (auto *w : {static_cast<QFutureWatcherBase *>(&m_listWatcher),
                    static_cast<QFutureWatcherBase *>(&m_removeWatcher)}) {
        connect(w, &QFutureWatcherBase::progressRangeChanged, this, [this, w](int, int maximum) {
            Q_EMIT progressChanged(w->progressValue(), maximum);
        });
        connect(w, &QFutureWatcherBase::progressValueChanged, this,
                [this, w](int value) { Q_EMIT progressChanged(value, w->progressMaximum()); });
    }
}

ToolchainController::~ToolchainController()
{
    m_listWatcher.disconnect(this);
    m_removeWatcher.disconnect(this);
    m_listWatcher.cancel();
    m_removeWatcher.cancel();
    m_listWatcher.waitForFinished();
    m_removeWatcher.waitForFinished();
}

bool ToolchainController::isBusy() const
{
    return m_listWatcher.isRunning() || m_removeWatcher.isRunning();
}

bool ToolchainController::refresh(const ToolchainLister::Options &options)
{
    if (isBusy())
        return false;
    m_lastOptions = options;
    m_listWatcher.setFuture(ToolchainLister::start(options));
    Q_EMIT busyChanged(true);
    return true;
}

bool ToolchainController::remove(const ToolchainRemover::Options &options,
                                 const QStringList &toolchains)
{
    if (isBusy())
        return false;
    m_lastOptions = options.listing;
    m_removeWatcher.setFuture(ToolchainRemover::start(options, toolchains));
    Q_EMIT busyChanged(true);
    return true;
}

void ToolchainController::stop()
{
    m_listWatcher.cancel();
    m_removeWatcher.cancel();
}

void ToolchainController::onListed()
{
    const QFuture<ToolchainListing> f = m_listWatcher.future();
    ToolchainListing l;
    if (f.resultCount() > 0) {
        l = f.result();
    } else {
        l.gomodcache = m_lastOptions.gomodcache;
        l.cancelled = true;
    }
    m_listing = l;
    Q_EMIT busyChanged(false);
    Q_EMIT listingReady(m_listing);
}

void ToolchainController::onRemoved()
{
    const QFuture<ToolchainRemoval> f = m_removeWatcher.future();
    ToolchainRemoval r;
    if (f.resultCount() > 0)
        r = f.result();
    else
        r.error = Error::make(Error::Code::Cancelled, QStringLiteral("cancelled"));
    Q_EMIT busyChanged(false);
    Q_EMIT removalFinished(r);
    // What is in the cache now: the rows follow the removal.
    refresh(m_lastOptions);
}

} // namespace mk
