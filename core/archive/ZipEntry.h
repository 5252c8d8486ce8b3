// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace mk {

/// One entry of a zip's central directory, as go's archive/zip sees it.
struct ZipEntry
{
    quint64 index = 0;
    QByteArray name;             ///< raw bytes as stored (go never re-encodes names)
    quint64 size = 0;            ///< declared uncompressed size (go's UncompressedSize64)
    quint64 compressedSize = 0;
    quint16 method = 0;          ///< 0 store, 8 deflate; go reads nothing else
    quint8 madeBy = 0;           ///< "version made by" host system (3 = unix)
    quint32 externalAttributes = 0;

    /// go decides directory-ness by the trailing slash alone.
    [[nodiscard]] bool isDirName() const { return name.endsWith('/'); }
    /// The st_mode file-type bits (S_IFMT) recorded by a unix zipper; 0 when none were recorded.
    [[nodiscard]] quint32 unixFileType() const
    {
        return madeBy == 3 ? (externalAttributes >> 16) & 0170000u : 0u;
    }
};

} // namespace mk
