// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QList>
#include <QString>

#include "common/Expected.h"
#include "purge/PurgeRecords.h"

namespace mk {

/// What recovering the trash did: purges a crash interrupted and whose journal is whole are
/// completed; the others are rolled back (every file kept) and listed, so the user is told.
struct PurgeRecoveryReport
{
    int completed = 0;
    QList<PurgeItemResult> rolledBack; ///< outcome Failed; the error says what was done or kept
};

/// The one place the CLI (`trash --empty`, purges) and the GUI (at start, after a scan) recover
/// interrupted purges, under go's locks (VersionPurger::recover).
class PurgeRecovery final
{
public:
    /// Blocking; on the calling thread.
    [[nodiscard]] static Expected<PurgeRecoveryReport> run(const QString &gomodcache);
    /// The same on the core pool.
    [[nodiscard]] static QFuture<Expected<PurgeRecoveryReport>> start(const QString &gomodcache);
};

} // namespace mk
