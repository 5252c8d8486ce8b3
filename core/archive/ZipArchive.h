// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include "archive/ZipEntry.h"
#include "common/Expected.h"

struct zip;
struct zip_source;
struct zip_error;

namespace mk {

/// A zip file opened read-only through libzip, with go's reading rules on top: names as raw
/// bytes, only store/deflate, directory entries read as empty, and every entry's declared
/// uncompressed size enforced while inflating (at most size+1 bytes are ever produced, so
/// a lying header or a deflate bomb cannot run away). Not thread-safe: one reader at a time.
class ZipArchive final
{
public:
    /// Receives inflated data in chunks of up to readBufferSize bytes.
    using Sink = std::function<Status(QByteArrayView chunk)>;
    static constexpr qsizetype readBufferSize = 1 << 20;

    ZipArchive() = default;
    ~ZipArchive();
    ZipArchive(ZipArchive &&other) noexcept;
    ZipArchive &operator=(ZipArchive &&other) noexcept;
    ZipArchive(const ZipArchive &) = delete;
    ZipArchive &operator=(const ZipArchive &) = delete;

    /// Opens path (O_NOATIME where permitted, so the zip's "last used" time is not touched)
    /// and reads the central directory. When maxFileSize >= 0 a larger file is refused, with
    /// go's message, before libzip reads anything. The end record is sanity-checked first so
    /// that a forged entry count cannot make libzip allocate gigabytes.
    [[nodiscard]] static Expected<ZipArchive> open(const QString &path, qint64 maxFileSize = -1);
    /// open(), reading the whole file into memory first (one read instead of a seek and
    /// small reads per entry): for hashing many small zips, where system calls dominate.
    /// Refuses files above maxMemoryBytes.
    [[nodiscard]] static Expected<ZipArchive> openInMemory(const QString &path, qint64 maxMemoryBytes);

    [[nodiscard]] const QString &path() const { return m_path; }
    [[nodiscard]] qint64 fileSize() const { return m_fileSize; }
    /// Central-directory order, which is the order go walks z.File.
    [[nodiscard]] const QList<ZipEntry> &entries() const { return m_entries; }

    /// Streams the entry's content to sink as go's zip.File.Open would deliver it; an entry
    /// whose name ends in '/' yields nothing (an error if it declares a size, as go 1.23).
    /// Fails naming the entry if the data is longer or shorter than declared, the CRC is
    /// wrong, or the method is neither store nor deflate. buffer is reused scratch space.
    [[nodiscard]] Status read(const ZipEntry &entry, const Sink &sink, QByteArray &buffer) const;

private:
    static Expected<ZipArchive> openImpl(const QString &path, qint64 maxFileSize, qint64 maxMemoryBytes);
    static Expected<ZipArchive> fromSource(zip_source *src, zip_error *error, const QString &path, qint64 fileSize,
                                           QByteArray data, const QList<QByteArray> *rawNames);
    Error entryError(const ZipEntry &entry, const QString &message) const;

    zip *m_zip = nullptr;
    QString m_path;
    qint64 m_fileSize = 0;
    QList<ZipEntry> m_entries;
    QByteArray m_data; ///< the whole file, for openInMemory (libzip reads it in place)
};

} // namespace mk
