// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QStringList>

#include "common/Expected.h"
#include "scan/ScanRecords.h"
#include "verify/VerifyRecords.h"

namespace mk {

/// What verify and repair work on, chosen the way purge chooses (VersionPattern).
class VerifySelection final
{
public:
    /// The versions matching any pattern (every version for no patterns), in scan order.
    /// Patterns that matched nothing are appended to unmatched when it is given.
    [[nodiscard]] static QList<ModuleVersionRecord> select(
        const QList<ModuleVersionRecord> &versions, const QStringList &patterns,
        QStringList *unmatched = nullptr);
    /// Reads go.sum files into known hashes; errors name the file (and line).
    [[nodiscard]] static Expected<KnownSums> readGoSums(const QStringList &files);
};

} // namespace mk
