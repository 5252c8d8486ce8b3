// SPDX-License-Identifier: GPL-3.0-or-later
#include "CorePool.h"

#include <algorithm>

#include <QThread>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif
#include <QThreadPool>

namespace mk {

QThreadPool *CorePool::instance()
{
    // Leaked on purpose: pool threads may still be finishing when static destructors run.
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setObjectName(QStringLiteral("modkeeper-core"));
        // A job that waits for its helpers occupies one thread; keep room for them and for
        // one more job so that a scan and a purge can overlap.
        p->setMaxThreadCount(std::max(4, QThread::idealThreadCount() + 2));
        p->setExpiryTimeout(30000);
        return p;
    }();
    return pool;
}

void CorePool::markBackgroundThread()
{
#ifdef __linux__
    thread_local bool done = false;
    if (done)
        return;
    done = true;
    // Linux applies setpriority(PRIO_PROCESS, tid) to that thread alone.
    (void)::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 5);
#endif
}

int CorePool::parallelism()
{
    return std::max(2, QThread::idealThreadCount());
}

} // namespace mk
