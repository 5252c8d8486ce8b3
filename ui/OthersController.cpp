// SPDX-License-Identifier: GPL-3.0-or-later
#include "OthersController.h"

namespace mk {

OthersController::OthersController(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<OtherRemoval>();
    connect(&m_watcher, &QFutureWatcher<OtherRemoval>::finished, this,
            &OthersController::onFinished);
    connect(&m_watcher, &QFutureWatcherBase::progressRangeChanged, this,
            [this](int, int maximum) { Q_EMIT progressChanged(m_watcher.progressValue(), maximum); });
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, this,
            [this](int value) { Q_EMIT progressChanged(value, m_watcher.progressMaximum()); });
}

OthersController::~OthersController()
{
    m_watcher.disconnect(this);
    m_watcher.cancel();
    m_watcher.waitForFinished();
}

bool OthersController::remove(const OtherRemover::Options &options,
                              const QList<OtherEntry> &entries)
{
    if (isBusy() || entries.isEmpty())
        return false;
    m_watcher.setFuture(OtherRemover::start(options, entries));
    Q_EMIT busyChanged(true);
    return true;
}

void OthersController::stop()
{
    m_watcher.cancel();
}

void OthersController::onFinished()
{
    const QFuture<OtherRemoval> f = m_watcher.future();
    const QList<OtherRemoval> results = f.results();
    const bool cancelled = f.isCanceled();
    Q_EMIT busyChanged(false);
    Q_EMIT removalFinished(results, cancelled);
}

} // namespace mk
