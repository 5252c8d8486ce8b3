// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>

#include <QFuture>
#include <QString>
#include <QStringList>

#include "common/Error.h"

namespace mk {

/// What a trim of GOCACHE did (or, dry run, would do).
struct GoCacheTrimResult
{
    QString dir;
    Error error;
    bool dryRun = false;
    bool cancelled = false;
    std::optional<int> olderThanDays;
    std::optional<quint64> maxBytes;
    qint64 nowNs = 0;
    qint64 cutoffNs = 0; ///< --older-than: entries last used before this went (0: none)
    quint64 actionsRemoved = 0;
    quint64 outputsRemoved = 0;
    quint64 bytesFreed = 0;  ///< allocated bytes of the removed entries
    quint64 keptInUse = 0;   ///< chosen, but go used them while we trimmed: kept
    quint64 diskBytesBefore = 0; ///< du -s -B1 before
    quint64 diskBytesAfter = 0;  ///< before less bytesFreed
    quint64 entriesBefore = 0;
    bool capReached = true;     ///< --max-size: the cache is now under the cap
    bool trimFileWritten = false;
    QStringList issues;

    [[nodiscard]] quint64 entriesRemoved() const { return actionsRemoved + outputsRemoved; }
    [[nodiscard]] bool ok() const { return !error.isError() && !cancelled && issues.isEmpty(); }
};

/// Trims GOCACHE like go's Trim, with the limit and the time chosen by the user.
///
/// --older-than DAYS removes exactly what go's Trim would with trimLimit = DAYS: every action
/// (-a) and output (-d) file in the 256 subdirectories whose mtime is before
/// now - DAYS - mtimeInterval (1 h), and then writes trim.txt as go does. --max-size removes
/// the least recently used entries until du -s is under the cap, never one used within the last
/// mtimeInterval. README, trim.txt, testexpire.txt and everything else stay.
///
/// Safe while go runs: every chosen action entry is removed before any output entry (an action
/// entry never points to an output that is gone), and each entry is looked at again right
/// before it is removed; one go has used in the meantime (fresh mtime) is kept.
class GoCacheTrimmer final
{
public:
    struct Options
    {
        QString gocache;
        std::optional<int> olderThanDays;
        std::optional<quint64> maxBytes;
        bool dryRun = false;
        qint64 nowNs = 0; ///< 0: the clock (tests may fix it)
        /// Tests: called between the scan and the removals, where a running go may use an entry.
        std::function<void()> beforeRemoving;
    };

    /// One result; progress counts subdirectories (scan, then removal); cancelable between
    /// subdirectories (trim.txt is then not written).
    [[nodiscard]] static QFuture<GoCacheTrimResult> start(const Options &options);
    /// Runs and waits (for the CLI and tests).
    [[nodiscard]] static GoCacheTrimResult run(const Options &options);
};

} // namespace mk
