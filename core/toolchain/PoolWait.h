// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QFuture>
#include <QThread>
#include <QThreadPool>

#include "common/CorePool.h"

namespace mk {

/// Waits, on a core pool thread, for another job on the same pool. The waiting thread lends
/// its slot to the pool meanwhile, so two such waits on a two-core machine cannot deadlock.
/// When cancelled() turns true the job is cancelled (and still waited for).
template<typename T>
void waitOnCorePool(QFuture<T> &future, const std::function<bool()> &cancelled = {})
{
    QThreadPool *pool = CorePool::instance();
    pool->releaseThread();
    while (!future.isFinished()) {
        if (cancelled && cancelled() && !future.isCanceled())
            future.cancel();
        QThread::msleep(10);
    }
    future.waitForFinished();
    pool->reserveThread();
}

} // namespace mk
