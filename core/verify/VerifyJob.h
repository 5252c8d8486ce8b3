// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QFuture>
#include <QList>
#include <QString>

#include "common/Expected.h"
#include "scan/ScanRecords.h"
#include "verify/VerifyRecords.h"

namespace mk {

/// Verifies module versions the way `go mod verify` does, for any part of the cache
/// (go-cache-internals.md §2.3, §3): HashZip of <v>.zip (directory entries included) and
/// HashDir of the extracted tree (unescaped path@version prefix) against <v>.ziphash, the
/// .ziphash and .mod against known go.sum / checksum-database hashes, and the pieces go needs
/// (.partial, .ziphash, .mod, a parseable .info). Per-file digests of the tree and of the zip
/// entries are compared to name the files that were modified, added, removed or unreadable.
///
/// Read-only: nothing is locked or written. Files are read with O_NOATIME where the kernel
/// permits it, so verifying does not make a version look recently used.
class VerifyJob final
{
public:
    /// Hashes the checksum database holds for one version (either may be empty).
    struct SumdbHashes
    {
        QString zip;
        QString goMod;
    };
    /// Looks a version up in the checksum database. The client (core/sumdb) decides
    /// GONOSUMDB/GOPRIVATE: a version it must not ask about is returned as empty hashes.
    using SumLookup
        = std::function<Expected<SumdbHashes>(const QString &path, const QString &version)>;

    struct Options
    {
        QString gomodcache;
        /// From go.sum files; these take precedence over the checksum database.
        KnownSums known;
        /// Optional hook for the checksum database; empty = not consulted.
        SumLookup sumLookup;
        /// A zip is split into pieces of about this many compressed bytes, hashed in parallel
        /// (a tree is split every 256 files, or every file when this is below 4 KiB).
        qint64 splitBytes = 4 << 20;
        /// Threads working on the job (0 = CorePool::parallelism()).
        int workers = 0;
    };

    /// One result per version, in completion order. Progress is in KiB read (the range is the
    /// versions' apparent size), the progress text says "<bytes read>/<bytes total>". Work is
    /// spread across versions and, for big versions, across the files and zip entries of one
    /// version. Cancelling stops within a few MiB of reading; no result is given for the
    /// versions not finished.
    [[nodiscard]] static QFuture<VersionVerifyResult> start(
        const Options &options, const QList<ModuleVersionRecord> &versions);
    /// Runs and waits (for the CLI and tests); results sorted by path, then version order of the
    /// input.
    [[nodiscard]] static QList<VersionVerifyResult> run(const Options &options,
                                                        const QList<ModuleVersionRecord> &versions);
    /// Verifies one version in the calling thread (plus helpers on the core pool for a big one).
    [[nodiscard]] static VersionVerifyResult verifyOne(const Options &options,
                                                       const ModuleVersionRecord &version);

    /// Whether text is a well-formed "h1:" hash: "h1:" and the standard base64 of 32 bytes.
    [[nodiscard]] static bool isH1(QByteArrayView text);
};

} // namespace mk
