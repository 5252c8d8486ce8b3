// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include "common/Error.h"

namespace mk {

/// How go would see one module version (go-cache-internals.md §2.3).
enum class VersionState {
    Complete,     ///< extracted tree + .ziphash, no .partial
    Partial,      ///< .partial present, a tree without .ziphash, or a zip without its .ziphash
    ArchiveOnly,  ///< .zip + .ziphash, no tree (go get, or a light clean)
    MetadataOnly, ///< only .info/.mod: what `go list -m` leaves
};

/// The pieces of a version found on disk.
enum VersionPiece : quint8 {
    HasTree = 1 << 0,
    HasZip = 1 << 1,
    HasZiphash = 1 << 2,
    HasInfo = 1 << 3,
    HasMod = 1 << 4,
    HasPartial = 1 << 5,
    HasLock = 1 << 6,
};

/// One module@version in GOMODCACHE.
struct ModuleVersionRecord
{
    QString path;        ///< unescaped module path, e.g. github.com/BurntSushi/toml
    QString version;     ///< unescaped version
    QString escapedPath; ///< as on disk: github.com/!burnt!sushi/toml
    QString escapedVersion;
    VersionState state = VersionState::Complete;
    quint8 pieces = 0;     ///< VersionPiece flags
    quint64 diskBytes = 0; ///< allocated bytes, as du -B1 counts them (tree + own @v files)
    quint64 apparentBytes = 0;
    quint64 treeBytes
        = 0;           ///< allocated bytes of the extracted tree alone (what a light clean frees)
    quint64 files = 0; ///< non-directory entries in the extracted tree (0 without a tree)
    QDateTime downloaded; ///< mtime of .ziphash, else of .info; null if neither exists
    QDateTime lastUsed;   ///< newest atime of .ziphash/.mod/.info; null when atime is meaningless

    [[nodiscard]] QString id() const { return path + QLatin1Char('@') + version; }

    /// The record once a light clean took the tree (and any .partial marker): what a scan
    /// would report. The tree's apparent size is not recorded, so its allocated size comes
    /// off the apparent size too, until the next scan.
    [[nodiscard]] ModuleVersionRecord afterLightClean() const;
    /// What "older than N days" measures: the last use, or the download when use is not known.
    [[nodiscard]] QDateTime ageReference() const
    {
        return lastUsed.isValid() ? lastUsed : downloaded;
    }
    /// The record once a restore extracted the tree again (any half tree it had replaced):
    /// treeBytes allocated and treeApparent apparent bytes in files tree entries.
    [[nodiscard]] ModuleVersionRecord afterRestore(quint64 treeBytes, quint64 treeApparent,
                                                   quint64 files) const;
};

/// The one rule from the pieces of a version found on disk (VersionPiece flags) to how go
/// sees it; the scanner and every record update after a purge or restore use it.
[[nodiscard]] VersionState versionStateOf(quint8 pieces);

/// Anything in GOMODCACHE that is not a module version.
enum class OtherKind {
    Vcs,       ///< cache/vcs/<hash> clones used for direct fetches
    Sumdb,     ///< cache/download/sumdb/<name>: checksum database lookups and tiles
    Toolchain, ///< golang.org/toolchain@<version>: a whole Go distribution
    Metadata,  ///< directories, @v/list files, cache/lock, lock files of gone versions
    Trash,     ///< ModKeeper's own trash, waiting to be reaped
    Unknown,   ///< stray files, undecodable names, symlinks, leftover temp dirs
};

struct OtherEntry
{
    OtherKind kind = OtherKind::Unknown;
    QString path; ///< relative to GOMODCACHE ("." for the root's own aggregates)
    quint64 diskBytes = 0;
    quint64 apparentBytes = 0;
    quint64 files = 0;
    QString detail; ///< e.g. the remote URL of a VCS clone, or why a name is unknown
};

/// A directory or file the scan could not read. The scan goes on without it.
struct ScanIssue
{
    QString path; ///< absolute
    QString message;
    int sysErrno = 0;
};

/// How far atimes can be trusted on the scanned filesystem.
enum class AtimeMode {
    Strict,   ///< updated on every read
    Relatime, ///< updated at most about once a day: "last used" is approximate
    NoAtime,  ///< never updated: no "last used"
    Unknown,
};

struct ScanTotals
{
    quint64 diskBytes = 0; ///< equals du -s -B1 GOMODCACHE for a quiet cache
    quint64 apparentBytes = 0;
    quint64 files = 0;
    quint64 directories = 0;
    quint64 versions = 0;
};

/// What a running scan delivers, at most every 100 ms. The last chunk has final = true and
/// the complete totals.
struct ScanChunk
{
    QList<ModuleVersionRecord> versions;
    QList<OtherEntry> others;
    QList<ScanIssue> issues;
    ScanTotals totals; ///< running totals so far
    AtimeMode atimeMode = AtimeMode::Unknown;
    bool final = false;
    Error error; ///< set on the final chunk when GOMODCACHE itself could not be read
};

/// A whole scan, collected from its chunks.
struct ScanResult
{
    QString gomodcache;
    AtimeMode atimeMode = AtimeMode::Unknown;
    QList<ModuleVersionRecord> versions;
    QList<OtherEntry> others;
    QList<ScanIssue> issues;
    ScanTotals totals;
    bool cancelled = false;
    qint64 elapsedMs = 0;
    Error error; ///< GOMODCACHE itself could not be read

    /// Adds a chunk as it arrives from CacheScanner::start().
    void append(const ScanChunk &chunk);
};

[[nodiscard]] QString toString(VersionState state); ///< "complete", "partial", ...
[[nodiscard]] QString toString(OtherKind kind);     ///< "vcs", "sumdb", ...
[[nodiscard]] QString toString(AtimeMode mode);     ///< "strictatime", "relatime", ...

} // namespace mk

Q_DECLARE_METATYPE(mk::ScanChunk)
