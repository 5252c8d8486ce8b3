// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <QFuture>
#include <QList>
#include <QString>
#include <QStringList>

#include "common/Error.h"

namespace mk {

/// What the build cache (GOCACHE) holds, from one walk: du -s, the entries go's Trim looks at,
/// how old they are by go's "last used" (the entry's mtime), go's bookkeeping files, and
/// what a trim would free.
struct GoCacheStats
{
    /// One line of the age histogram: entries last used in [fromDays, toDays) days ago
    /// (toDays < 0: no upper bound).
    struct Bucket
    {
        int fromDays = 0;
        int toDays = -1;
        quint64 entries = 0;
        quint64 diskBytes = 0;
    };
    /// What a trim would remove.
    struct Estimate
    {
        quint64 actions = 0;
        quint64 outputs = 0;
        quint64 diskBytes = 0;
        qint64 cutoffNs = 0; ///< entries last used before this go (0: none)
        bool capReached = true; ///< for a size cap: the cache ends up under it
        [[nodiscard]] quint64 entries() const { return actions + outputs; }
    };
    struct Age
    {
        qint64 mtimeNs;
        quint64 diskBytes;
        bool action;
    };

    QString dir;
    Error error; ///< the walk failed (NotFound: GOCACHE does not exist yet)
    bool cancelled = false;
    qint64 measuredAtNs = 0; ///< "now" for the ages
    quint64 diskBytes = 0; ///< == du -s -B1 GOCACHE
    quint64 apparentBytes = 0;
    quint64 files = 0;
    quint64 directories = 0;
    quint64 actionEntries = 0;
    quint64 outputEntries = 0;
    quint64 entryDiskBytes = 0;
    std::optional<qint64> lastTrimUnix; ///< trim.txt
    std::optional<qint64> testExpireNs; ///< testexpire.txt
    QStringList issues;
    /// Every entry, oldest first; shared between copies.
    std::shared_ptr<const std::vector<Age>> ages;

    [[nodiscard]] bool ok() const { return !error.isError() && !cancelled; }
    [[nodiscard]] quint64 entries() const { return actionEntries + outputEntries; }
    /// Ages in days: <1, 1-2, 2-5, 5-10, 10-30, 30-90, >=90.
    [[nodiscard]] QList<Bucket> histogram() const;
    /// What `gocache trim --older-than days` (go's Trim with that limit) would remove now.
    [[nodiscard]] Estimate trimAt(int days) const;
    /// What `gocache trim --max-size maxBytes` would remove: least recently used first, never
    /// an entry used within the last mtimeInterval (a running go may be using it).
    [[nodiscard]] Estimate trimToSize(quint64 maxBytes) const;
};

/// Measures GOCACHE on the core pool (reads only; O_NOATIME; no symlink followed).
class GoCacheStatsJob final
{
public:
    /// One result; progress counts the 256 subdirectories; cancelable.
    [[nodiscard]] static QFuture<GoCacheStats> start(const QString &gocache);
    /// Runs and waits (for the CLI and tests).
    [[nodiscard]] static GoCacheStats run(const QString &gocache);
};

} // namespace mk
