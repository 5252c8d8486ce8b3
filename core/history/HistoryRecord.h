// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <optional>

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include "scan/ScanRecords.h"

namespace mk {

/// The totals of one completed scan, as the size history keeps them: one JSON line each.
struct HistoryRecord
{
    static constexpr int KindCount = int(OtherKind::Unknown) + 1;

    QDateTime time; ///< when the scan ended, UTC
    QString gomodcache;
    quint64 versions = 0;
    quint64 diskBytes = 0;                      ///< the whole GOMODCACHE, as du -s counts it
    std::array<quint64, KindCount> otherBytes{}; ///< by OtherKind
    std::optional<quint64> gocacheBytes;        ///< the build cache, when it was measured

    /// The record of a completed scan of gomodcache.
    [[nodiscard]] static HistoryRecord fromScan(const QString &gomodcache, const ScanTotals &totals,
                                                const QList<OtherEntry> &others,
                                                const QDateTime &time);
    /// The record of a whole scan, ending now.
    [[nodiscard]] static HistoryRecord fromScan(const ScanResult &result);
    /// Adds the others' bytes by kind (a scan delivers them in chunks).
    void addOthers(const QList<OtherEntry> &others);

    /// One compact JSON object with a trailing newline.
    [[nodiscard]] QByteArray toJsonLine() const;
    /// nullopt for a line that is not a whole record (torn by a crash, edited by hand).
    [[nodiscard]] static std::optional<HistoryRecord> fromJsonLine(const QByteArray &line);
};

/// What reading the history found.
struct HistoryRead
{
    QList<HistoryRecord> records; ///< oldest first
    QList<int> damagedLines;      ///< 1-based line numbers that were skipped
};

} // namespace mk
