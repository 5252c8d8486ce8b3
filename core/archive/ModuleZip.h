// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>

#include <QByteArray>
#include <QString>

#include "archive/ModuleZipFile.h"
#include "archive/ZipLimits.h"
#include "common/Expected.h"

namespace mk {

/// How ModuleZip::extractAt writes (see there).
struct ZipExtractOptions
{
    ZipLimits limits;
    /// "h1:..." from go.sum or the checksum database; when set, a different zip hash fails
    /// with a Security error and nothing is left behind.
    QString expectedHash;
    /// GOFLAGS=-modcacherw: leave directories writable (0777 & ~umask). Files are 0444
    /// (& ~umask) either way, as go writes them.
    bool cacheRw = false;
    /// Polled between files; a set flag stops with Error::Code::Cancelled after cleanup.
    const std::atomic_bool *cancel = nullptr;
};

/// What ModuleZip::extractAt wrote.
struct ZipExtractResult
{
    /// dirhash.HashZip of the archive: what "<v>.ziphash" and go.sum hold.
    QString zipHash;
    /// dirhash.HashDir of the tree written (file entries only). Equal to zipHash unless the
    /// zip has directory entries (go-cache-internals.md §3.4 D).
    QString dirHash;
    QList<ModuleZipFile> files;
    qint64 bytesWritten = 0;
};

/// Module zips as go checks and extracts them (golang.org/x/mod/zip CheckZip and Unzip,
/// cmd/go/internal/modfetch download/makeDirsReadOnly), on libzip.
///
/// Module path and version are always the UNESCAPED forms ("example.com/Upper", "v1.0.0-RC1");
/// the zip's entries must be named "<path>@<version>/...". Errors carry go's texts: the
/// subject names the entry (or the zip, or path@version) and the message is go's error.
///
/// extract() does not lock and does not write .partial: the caller owns go's protocol
/// (go-cache-internals.md §2.1, §2.5), which for cache/download/<esc path>/@v/<esc v> is:
///   1. take an exclusive flock on "<v>.lock" (create it 0666 if missing; never delete it);
///   2. if the directory is already complete (dir exists, no "<v>.partial", "<v>.ziphash"
///      present), stop;
///   3. if a partial directory exists, make its directories writable and remove it;
///   4. create an empty "<v>.partial";
///   5. extract() into "<GOMODCACHE>/<esc path>@<esc v>" (on error extract() has already
///      removed what it wrote; then remove "<v>.partial");
///   6. make sure "<v>.ziphash" holds the returned zipHash (47 bytes, no newline) before
///      removing "<v>.partial", so the directory never counts as complete without it;
///   7. remove "<v>.partial"; release the lock.
/// Directories are made read-only by extract() itself (step 8 of go's sequence) unless
/// cacheRw is set; go does that after removing .partial, which makes no observable difference
/// under the lock.
class ModuleZip final
{
public:
    using ExtractOptions = ZipExtractOptions;
    using ExtractResult = ZipExtractResult;

    /// x/mod/zip CheckZip on the central directory alone (no data is read): the version is
    /// canonical, module.Check(path, version), the zip is within limits.maxZipFile, and every
    /// entry passes ZipRules. Returns the files (name below the module root, declared size).
    [[nodiscard]] static Expected<ModuleZipContents> check(const QString &zipPath,
                                                           const QString &modulePath,
                                                           const QString &version,
                                                           const ZipLimits &limits = {});
    /// check(), then reads every entry once (declared sizes and CRCs enforced) and fills
    /// zipHash with dirhash.HashZip of the archive.
    [[nodiscard]] static Expected<ModuleZipContents> verify(const QString &zipPath,
                                                            const QString &modulePath,
                                                            const QString &version,
                                                            const ZipLimits &limits = {});

    /// x/mod/zip Unzip plus go's makeDirsReadOnly, hashing while writing (every entry is
    /// inflated once). targetRel is relative to parentFd ("example.com/!upper@v1.0.0");
    /// missing parents are created 0777 & ~umask as go's MkdirAll does and are kept; the
    /// target itself must be absent or an empty directory. Every path component is reached
    /// with O_NOFOLLOW below parentFd, files are created O_CREAT|O_EXCL|O_NOFOLLOW mode 0444,
    /// directories 0777 and then (unless cacheRw) chmod'ed a-w children first, the way go
    /// leaves them. On any error, everything created below the target (and the target, if
    /// extract() created it) is removed again.
    [[nodiscard]] static Expected<ExtractResult> extractAt(const QString &zipPath, int parentFd,
                                                           const QByteArray &targetRel,
                                                           const QString &modulePath,
                                                           const QString &version,
                                                           const ExtractOptions &options = {});
    /// extractAt() with targetDir split into its parent (opened as given, following symlinks
    /// in that caller-supplied part like go does, and created if missing) and its last name.
    [[nodiscard]] static Expected<ExtractResult> extract(const QString &zipPath,
                                                         const QString &targetDir,
                                                         const QString &modulePath,
                                                         const QString &version,
                                                         const ExtractOptions &options = {});
};

} // namespace mk
