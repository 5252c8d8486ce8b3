// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QList>
#include <QMetaType>
#include <QStringList>

#include "common/Expected.h"
#include "purge/PurgeRecords.h"
#include "scan/ScanRecords.h"

namespace mk {

/// What became of one entry given to OtherRemover.
struct OtherRemoval
{
    QString path; ///< relative to GOMODCACHE, as the scan printed it
    OtherKind kind = OtherKind::Unknown;
    bool removed = false;     ///< gone from where go looks (moved into the trash or unlinked)
    bool alreadyGone = false; ///< nothing was there any more
    quint64 diskBytes = 0;    ///< what the scan measured for it
    Error error;              ///< why it was refused or failed; names the entry
};

/// Removes the entries of GOMODCACHE that are not module versions (OtherKind), each the way go
/// can live with, from directory handles, never following a symlink and never leaving the cache:
///  - VCS clones (cache/vcs/<hash>): under go's own lock <hash>.lock (codehost.WorkDir), the
///    clone moves into ModKeeper's trash with one rename (TrashMove) and <hash>.info goes; the
///    lock file stays, as go never deletes one either.
///  - checksum database caches (cache/download/sumdb/<host>): go locks each file only while it
///    reads or writes it and fetches again what is missing, so the directory moves into the trash.
///  - unknown entries: a directory moves into the trash; a file, fifo or symlink is unlinked (a
///    symlink itself, never its target); "<@v dir>/<version>.*" files of an undecodable version
///    are unlinked. Anything that decodes as a module version is refused (purge it instead).
///  - trash: the trash is emptied (TrashReaper).
///  - metadata and toolchains are refused: go's directories, version lists and lock files are
///    what go needs while it runs, and toolchains have their own removal (ToolchainRemover).
/// With reap (the default) the trash is emptied afterwards, so the bytes are really freed.
class OtherRemover final
{
public:
    struct Options
    {
        QString gomodcache;
        int lockTimeoutMs = 30000;
        bool dryRun = false; ///< only check: results say what would go, nothing changes
        bool reap = true;    ///< empty the trash afterwards
    };

    /// Whether entry may be removed at all, by its kind and the shape of its path alone (no disk
    /// access): the refusal names the entry and says why.
    [[nodiscard]] static Status check(const OtherEntry &entry);

    /// The entries of scan for paths (relative to GOMODCACHE, as the scan prints them); a path
    /// that is not such an entry (a module version, something outside the cache) is an error
    /// naming it.
    [[nodiscard]] static Expected<QList<OtherEntry>> resolve(const ScanResult &scan,
                                                            const QStringList &paths);

    /// One result per entry, in order; progress counts entries. Cancelling stops between
    /// entries (and abandons a wait for go's lock).
    [[nodiscard]] static QFuture<OtherRemoval> start(const Options &options,
                                                     const QList<OtherEntry> &entries);
    /// Removes and waits (CLI and tests).
    [[nodiscard]] static QList<OtherRemoval> run(const Options &options,
                                                 const QList<OtherEntry> &entries);
};

} // namespace mk

Q_DECLARE_METATYPE(mk::OtherRemoval)
