// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>

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

struct ZipRawEntry;

/// A zip file opened read-only through libzip, with go's reading rules on top: names as raw
/// bytes, only store/deflate, directory entries read as empty, and every entry's declared
/// uncompressed size enforced while inflating (at most size+1 bytes are ever produced, so
/// a lying header or a deflate bomb cannot run away). read() may be called from several
/// threads at once (libzip itself is serialised); open and move are single-threaded.
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
    [[nodiscard]] static Expected<ZipArchive> openInMemory(const QString &path,
                                                           qint64 maxMemoryBytes);
    /// openInMemory() when the file is at most maxMemoryBytes, open() otherwise (maxFileSize
    /// as for open()): for reading every entry once, as hashing does.
    [[nodiscard]] static Expected<ZipArchive> openForHashing(const QString &path,
                                                             qint64 maxMemoryBytes = 64 << 20,
                                                             qint64 maxFileSize = -1);

    [[nodiscard]] const QString &path() const { return m_path; }
    [[nodiscard]] qint64 fileSize() const { return m_fileSize; }
    /// Central-directory order, which is the order go walks z.File.
    [[nodiscard]] const QList<ZipEntry> &entries() const { return m_entries; }
    /// Whether the whole file is held in memory (openInMemory): reading entries then needs
    /// no system calls, and entries are inflated in one go with libdeflate.
    [[nodiscard]] bool inMemory() const { return !m_data.isEmpty(); }

    /// Streams the entry's content to sink as go's zip.File.Open would deliver it; an entry
    /// whose name ends in '/' yields nothing (an error if it declares a size, as go 1.23).
    /// Fails naming the entry if the data is longer or shorter than declared, the CRC is
    /// wrong, or the method is neither store nor deflate. buffer is reused scratch space.
    [[nodiscard]] Status read(const ZipEntry &entry, const Sink &sink, QByteArray &buffer) const;

private:
    static Expected<ZipArchive> openImpl(const QString &path, qint64 maxFileSize,
                                         qint64 maxMemoryBytes, bool fileWhenTooLarge = false);
    static Expected<ZipArchive> fromSource(zip_source *src, zip_error *error, const QString &path,
                                           qint64 fileSize, QByteArray data,
                                           const QList<ZipRawEntry> *rawNames);
    Error entryError(const ZipEntry &entry, const QString &message) const;
    /// The in-memory fast path; nullopt when it cannot decide (the libzip path then reads the
    /// entry, so unusual damage is reported exactly as libzip reports it).
    std::optional<Status> readFromMemory(const ZipEntry &entry, const Sink &sink,
                                         QByteArray &buffer) const;
    Status readWithLibzip(const ZipEntry &entry, const Sink &sink, QByteArray &buffer) const;

    /// Opened lazily for an in-memory archive whose central directory we read completely
    /// (only the rare entry the in-memory path cannot decide needs it).
    mutable zip *m_zip = nullptr;
    QString m_path;
    qint64 m_fileSize = 0;
    QList<ZipEntry> m_entries;
    QByteArray m_data; ///< the whole file, for openInMemory (libzip reads it in place)
    std::unique_ptr<std::mutex> m_libzipMutex
        = std::make_unique<std::mutex>(); ///< libzip is not thread-safe per archive
};

} // namespace mk
