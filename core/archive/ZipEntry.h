// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace mk {

/// One entry of a zip's central directory, as go's archive/zip sees it.
struct ZipEntry
{
    quint64 index = 0;
    QByteArray name;  ///< raw bytes as stored (go never re-encodes names)
    quint64 size = 0; ///< declared uncompressed size (go's UncompressedSize64)
    quint64 compressedSize = 0;
    quint16 method = 0; ///< 0 store, 8 deflate; go reads nothing else
    quint8 madeBy = 0;  ///< "version made by" host system (3 = unix)
    quint32 externalAttributes = 0;
    /// From our own walk of the central directory; valid only when located is true (the walk
    /// agreed with libzip on this entry's sizes), which lets an in-memory archive read the
    /// entry's bytes without libzip.
    bool located = false;
    quint16 flags = 0; ///< general-purpose flags (bit 3: data descriptor follows)
    quint32 crc32 = 0;
    quint64 headerOffset = 0; ///< of the local file header

    /// go decides directory-ness by the trailing slash alone.
    [[nodiscard]] bool isDirName() const { return name.endsWith('/'); }
    /// The st_mode file-type bits (S_IFMT) recorded by a unix zipper; 0 when none were recorded.
    [[nodiscard]] quint32 unixFileType() const
    {
        return madeBy == 3 ? (externalAttributes >> 16) & 0170000u : 0u;
    }
};

} // namespace mk
