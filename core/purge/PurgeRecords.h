// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include "common/Error.h"
#include "scan/ScanRecords.h"

namespace mk {

enum class PurgeMode {
    Full,    ///< the version is gone: tree, zip, ziphash, info and mod
    Light,   ///< only the extracted tree goes; zip, ziphash, info and mod stay (state archive-only)
    ModOnly, ///< tree, zip and ziphash go; info and mod stay for the module graph (metadata-only)
};

/// What to purge. Patterns select candidates, the other criteria narrow them (all must hold).
struct PurgeCriteria
{
    /// "path@version" (exact), "path" (every version of exactly that module), or a glob list
    /// matched as GOPRIVATE is ("golang.org/x/*,gopkg.in"): a pattern with * ? [ or a comma.
    /// Empty: every version (then at least one other criterion must be set).
    QStringList patterns;
    std::optional<int> olderThanDays; ///< last used (where atime means something) else downloaded
    std::optional<int> keepLatest;    ///< keep the newest N per module and major version
    QList<VersionState> states;       ///< only versions in one of these states
    bool light = false;
};

struct PurgeItem
{
    ModuleVersionRecord version;
    PurgeMode mode = PurgeMode::Full;
    quint64 bytes
        = 0; ///< what removing it frees (the whole version, or the tree for a light clean)
};

/// The exact list a purge will work through; a dry run shows it, the real run uses it as is.
struct PurgePlan
{
    QList<PurgeItem> items;
    struct Skip
    {
        ModuleVersionRecord version;
        QString reason;
    };
    QList<Skip> skipped; ///< selected by the patterns but left alone, with the reason
    quint64 bytes = 0;
};

enum class PurgeOutcome {
    Removed,
    AlreadyGone, ///< someone else removed it between the scan and the purge
    Skipped,     ///< nothing to do (e.g. a light clean of a version without a zip)
    Failed,
    Restored, ///< RestoreJob: the tree was extracted again from the kept zip
};

struct PurgeItemResult
{
    QString path;
    QString version;
    PurgeMode mode = PurgeMode::Full;
    PurgeOutcome outcome = PurgeOutcome::Failed;
    quint64 bytes = 0;
    Error error; ///< for Failed and Skipped
};

/// Progress of emptying the trash. The last one has final = true.
struct ReapProgress
{
    quint64 bytesFreed = 0;
    quint64 entriesRemoved = 0;
    QList<ScanIssue> issues; ///< entries that could not be removed, with the reason
    bool final = false;
};

[[nodiscard]] QString toString(PurgeMode mode);       ///< "full", "light"
[[nodiscard]] QString toString(PurgeOutcome outcome); ///< "removed", "already-gone", ...
/// "complete", "partial", "archive-only", "metadata-only" back to the state; nullopt if unknown.
[[nodiscard]] std::optional<VersionState> versionStateFromString(const QString &text);

} // namespace mk

Q_DECLARE_METATYPE(mk::PurgeItemResult)
Q_DECLARE_METATYPE(mk::ReapProgress)
