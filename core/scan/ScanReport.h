// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

#include "scan/ScanRecords.h"

namespace mk {

/// Turns a scan into what modkeeper-cli prints: the documented JSON object and the human table.
class ScanReport final
{
public:
    /// {"gomodcache", "totalDiskBytes", "totalApparentBytes", "totalFiles", "atimeMode",
    ///  "versions": [{"path", "version", "state", "diskBytes", "apparentBytes", "files",
    ///                "downloaded", "lastUsed"}],
    ///  "other": [{"kind", "path", "diskBytes", "apparentBytes", "files", "detail"?}],
    ///  "issues": [{"path", "error"}]}. Times are ISO-8601 UTC or null; versions are sorted by
    /// path, then by semver.
    [[nodiscard]] static QJsonObject toJson(const ScanResult &result);

    /// A table for people: one line per version, sizes like "1.2 MiB", totals at the end.
    [[nodiscard]] static QString toTable(const ScanResult &result);

    /// "1.2 MiB" (IEC units, one decimal), independent of the user's locale.
    [[nodiscard]] static QString formatBytes(quint64 bytes);
    /// "2026-11-24T07:28:07Z", or null in JSON.
    [[nodiscard]] static QString isoUtc(const QDateTime &time);
};

} // namespace mk
