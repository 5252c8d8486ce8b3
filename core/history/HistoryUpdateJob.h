// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QFuture>
#include <QString>

#include "common/Error.h"
#include "history/HistoryRecord.h"
#include "history/ScanHistory.h"

namespace mk {

/// One step of the size history on the core pool: optionally append a scan's record, then
/// read the records of one cache back. The GUI queues these; the CLI calls ScanHistory
/// directly. Errors are values: a failed append never hides the read.
class HistoryUpdateJob final
{
public:
    struct Result
    {
        QString gomodcache;
        HistoryRead read;
        Error readError;
        Error appendError;
    };

    /// Runs on CorePool; file is the history file (ScanHistory::defaultPath() in the app).
    [[nodiscard]] static QFuture<Result> start(const QString &file, const QString &gomodcache,
                                               const std::optional<HistoryRecord> &append);
    /// The same, blocking, on the calling thread.
    [[nodiscard]] static Result run(const QString &file, const QString &gomodcache,
                                    const std::optional<HistoryRecord> &append);
};

} // namespace mk
