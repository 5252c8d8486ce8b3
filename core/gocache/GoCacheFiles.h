// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <optional>

#include <QtGlobal>

#include "common/Expected.h"

namespace mk {

/// go's build cache layout and its two bookkeeping files, as cmd/go/internal/cache (go 1.19 to
/// 1.23) writes them. Everything is reached from an open GOCACHE directory fd, never by path.
class GoCacheFiles final
{
public:
    /// go refreshes an entry's mtime when it uses it, but at most once per mtimeInterval.
    static constexpr qint64 MtimeIntervalNs = 3600LL * 1000000000LL;
    /// go trims at the end of a command when trim.txt is older than trimInterval...
    static constexpr qint64 TrimIntervalNs = 24 * MtimeIntervalNs;
    /// ...removing entries unused for trimLimit (5 days).
    static constexpr int TrimLimitDays = 5;
    static constexpr qint64 DayNs = 24 * MtimeIntervalNs;

    static constexpr const char *TrimFile = "trim.txt";
    static constexpr const char *TestExpireFile = "testexpire.txt";
    static constexpr const char *ReadmeFile = "README";
    static constexpr const char *LogFile = "log.txt";

    /// One of the 256 subdirectories ("00".."ff", lowercase, as go's %02x and clean's glob
    /// [0-9a-f][0-9a-f]).
    [[nodiscard]] static bool isSubdirName(const char *name);
    /// A cache entry go's Trim considers: a name ending in "-a" (action) or "-d" (output).
    [[nodiscard]] static bool isEntryName(const char *name, size_t len);
    [[nodiscard]] static bool isActionName(const char *name, size_t len);

    /// The cutoff of go's Trim for a limit of days: entries whose mtime is before it go.
    /// go subtracts one more mtimeInterval because "last used" is only that precise: an entry
    /// used 59 minutes ago may still carry an mtime up to an hour older than its last use.
    [[nodiscard]] static qint64 trimCutoffNs(qint64 nowNs, qint64 days)
    {
        return nowNs - days * DayNs - MtimeIntervalNs;
    }

    /// The time of go's last trim (Unix seconds) from trim.txt, parsed as go parses it
    /// (strings.TrimSpace, then strconv.ParseInt); nullopt if missing or unparsable.
    [[nodiscard]] static std::optional<qint64> readTrimTime(int cacheFd);
    /// The test cache expiry (Unix nanoseconds) from testexpire.txt; go only honours a file
    /// that ends in a newline. nullopt if missing or unparsable.
    [[nodiscard]] static std::optional<qint64> readTestExpire(int cacheFd);

    /// Writes trim.txt like go's Trim: the Unix time in decimal, no newline, mode 0666 less
    /// umask, under an exclusive flock (go's lockedfile.Write).
    [[nodiscard]] static Status writeTrimTime(int cacheFd, qint64 unixSeconds);
    /// go clean -testcache: writes nowNs followed by a newline to testexpire.txt unless it
    /// already holds a later time (go's lockedfile.Edit, flock held throughout). Returns the
    /// expiry in effect afterwards.
    [[nodiscard]] static Expected<qint64> expireTests(int cacheFd, qint64 nowNs);

    /// CLOCK_REALTIME in nanoseconds.
    [[nodiscard]] static qint64 nowNs();
};

} // namespace mk
