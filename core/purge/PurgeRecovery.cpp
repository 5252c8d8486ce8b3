// SPDX-License-Identifier: GPL-3.0-or-later
#include "purge/PurgeRecovery.h"

#include <QtConcurrent/QtConcurrentRun>

#include "common/CorePool.h"
#include "purge/VersionPurger.h"

namespace mk {

Expected<PurgeRecoveryReport> PurgeRecovery::run(const QString &gomodcache)
{
    VersionPurger purger(gomodcache);
    if (Status opened = purger.open(); !opened)
        return opened.error();
    const Expected<int> completed = purger.recover();
    if (!completed)
        return completed.error();
    return PurgeRecoveryReport{completed.value(), purger.rolledBack()};
}

QFuture<Expected<PurgeRecoveryReport>> PurgeRecovery::start(const QString &gomodcache)
{
    return QtConcurrent::run(CorePool::instance(), [gomodcache] {
        CorePool::markBackgroundThread();
        return run(gomodcache);
    });
}

} // namespace mk
