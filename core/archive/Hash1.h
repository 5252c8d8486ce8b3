// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include "archive/Sha256.h"
#include "common/Expected.h"

namespace mk {

/// go's "h1:" hash (golang.org/x/mod/sumdb/dirhash Hash1; go-cache-internals.md §3):
///   "h1:" + base64(SHA-256 of the lines "<hex sha256 of content>  <name>\n"),
/// the lines sorted by the names' bytes. Names are raw bytes (zip names need not be UTF-8).
///
/// Incremental use, e.g. by an extractor that hashes while it writes: feed each file as
/// (name, digest of its content) in any order, or stream a file's content through a Sha256,
/// then call finish(). Not thread-safe; the static helpers are reentrant.
class Hash1 final
{
public:
    /// Adds one file. Names with '\n' are refused with dirhash's message.
    Status add(const QByteArray &name, const Sha256::Digest &contentDigest);
    Status addContent(const QByteArray &name, QByteArrayView content);
    [[nodiscard]] qsizetype count() const { return m_files.size(); }
    /// The hash of everything added so far (the object stays usable).
    [[nodiscard]] QString finish() const;

    /// dirhash.HashZip: every entry of the zip's file list, under its name exactly as stored,
    /// directory entries included with empty content; the content is read through go's zip
    /// rules (declared sizes enforced, store/deflate only). Errors name the zip or the entry.
    [[nodiscard]] static Expected<QString> hashZip(const QString &zipPath);
    /// dirhash.HashDir: the regular files below dir, named prefix + "/" + relative path.
    /// prefix is "<module path>@<version>" UNESCAPED (example.com/Upper@v1.0.0, not the
    /// on-disk !upper form). Nothing is followed: the walk is fd-relative with O_NOFOLLOW,
    /// and a symlink or other non-regular entry is an error (go would hash a symlink's
    /// target). Files are read with O_NOATIME where permitted, so hashing a module does not
    /// make it look recently used.
    [[nodiscard]] static Expected<QString> hashDir(const QString &dir, const QString &prefix);
    /// hashDir on an open directory; errors name dirPath + "/" + the relative path.
    [[nodiscard]] static Expected<QString> hashDirAt(int dirFd, const QString &prefix,
                                                     const QString &dirPath);
    /// go's goModSum: the single file named "go.mod" (no module@version prefix).
    [[nodiscard]] static QString hashGoMod(QByteArrayView goMod);

private:
    struct Line
    {
        QByteArray name;
        Sha256::Digest digest;
    };
    QList<Line> m_files;
};

} // namespace mk
