// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include "common/Expected.h"
#include "history/HistoryRecord.h"

namespace mk {

/// The size history: one JSON line per completed scan (HistoryRecord) in a small file in the
/// app's data directory, shared by the GUI and the CLI. An append is one O_APPEND write of a
/// whole line, fsync'ed, under a lock beside the file: a crash leaves at worst a torn last
/// line, which reading skips and reports and the next append steps over. The file stays small:
/// past maxRecordsPerCache() records for one GOMODCACHE (plus a quarter, so compaction is
/// rare) it is rewritten through AtomicFile with the newest ones. Blocking: call it off the
/// GUI thread.
class ScanHistory final
{
public:
    static constexpr int DefaultMaxRecordsPerCache = 2000;

    /// path: the history file; empty means defaultPath().
    explicit ScanHistory(const QString &path = {});

    /// <AppDataLocation>/scan-history.jsonl (tests: QStandardPaths test mode).
    [[nodiscard]] static QString defaultPath();
    [[nodiscard]] QString path() const { return m_path; }

    void setMaxRecordsPerCache(int n) { m_maxPerCache = n > 0 ? n : 1; }
    [[nodiscard]] int maxRecordsPerCache() const { return m_maxPerCache; }

    /// Appends record (and compacts when a cache has too many). Errors name the file.
    [[nodiscard]] Status append(const HistoryRecord &record) const;

    /// The records of gomodcache (all when empty), oldest first. A missing file is an empty
    /// history; damaged lines are skipped and listed.
    [[nodiscard]] Expected<HistoryRead> read(const QString &gomodcache = {}) const;

private:
    [[nodiscard]] Status compactIfNeeded(qint64 fileSize) const;

    QString m_path;
    int m_maxPerCache = DefaultMaxRecordsPerCache;
};

} // namespace mk
