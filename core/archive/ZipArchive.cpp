// SPDX-License-Identifier: GPL-3.0-or-later
#include "ZipArchive.h"

#include <cerrno>
#include <algorithm>
#include <cstdio>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libdeflate.h>
#include <zip.h>

#include "archive/GoUnicode.h"
#include "common/SafeFs.h"
#include "common/UniqueFd.h"

using namespace Qt::StringLiterals;

namespace mk {

// One central-directory header as go's archive/zip reads it.
struct ZipRawEntry
{
    QByteArray name;
    quint16 flags = 0;
    quint32 crc32 = 0;
    quint64 compressedSize = 0;
    quint64 size = 0;
    quint64 headerOffset = 0;
    quint16 method = 0;
    quint8 madeBy = 0;
    quint32 externalAttributes = 0;
    bool sane = true; // the zip64 extra held every field it had to
};

namespace {

// go's archive/zip sentinel texts, so messages read as go prints them.
const QString errFormat = u"zip: not a valid zip file"_s;
const QString errAlgorithm = u"zip: unsupported compression algorithm"_s;
const QString errChecksum = u"zip: checksum error"_s;

constexpr quint32 eocdSignature = 0x06054b50;
constexpr quint32 eocd64LocatorSignature = 0x07064b50;
constexpr quint32 eocd64Signature = 0x06064b50;
constexpr qint64 eocdSize = 22;
constexpr qint64 centralHeaderSize = 46;

quint16 le16(const uchar *p)
{
    return quint16(p[0] | p[1] << 8);
}
quint32 le32(const uchar *p)
{
    return quint32(p[0]) | quint32(p[1]) << 8 | quint32(p[2]) << 16 | quint32(p[3]) << 24;
}
quint64 le64(const uchar *p)
{
    return quint64(le32(p)) | quint64(le32(p + 4)) << 32;
}

using RawEntry = ZipRawEntry;

// go's readDirectoryHeader: maxed-out 32-bit fields are replaced, in order, from the zip64 extra.
void applyZip64Extra(RawEntry &e, const uchar *extra, quint64 extraLen, bool needSize,
                     bool needCSize, bool needOffset)
{
    quint64 p = 0;
    while (p + 4 <= extraLen) {
        const quint16 id = le16(extra + p);
        const quint64 len = le16(extra + p + 2);
        if (p + 4 + len > extraLen)
            break;
        if (id == 0x0001) {
            const uchar *f = extra + p + 4;
            quint64 left = len;
            const auto take = [&](quint64 &out) {
                if (left < 8) {
                    e.sane = false;
                    return;
                }
                out = le64(f);
                f += 8;
                left -= 8;
            };
            if (needSize)
                take(e.size);
            if (needCSize)
                take(e.compressedSize);
            if (needOffset)
                take(e.headerOffset);
            return;
        }
        p += 4 + len;
    }
    if (needSize || needCSize || needOffset)
        e.sane = false;
}

bool preadAll(int fd, void *buf, qint64 size, qint64 offset)
{
    auto *p = static_cast<char *>(buf);
    while (size > 0) {
        const ssize_t n = ::pread(fd, p, size_t(size), offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        size -= n;
        offset += n;
    }
    return true;
}

UniqueFd openNoAtime(const QString &path)
{
    return SafeFs::openPath(path.toLocal8Bit().constData(), O_RDONLY);
}

// Finds the end record the way go's archive/zip does (the last signature whose comment fits)
// and refuses an entry count that cannot fit in the central directory it describes: every
// central header is at least 46 bytes, so a real zip never fails this, while a forged zip64
// count would make libzip allocate and initialise an entry table of that size.
// Then walks the central directory for the raw names: libzip turns NUL bytes in names into
// spaces and prefers the Info-ZIP Unicode-path extra field, go does neither, and the rules
// and the hash must see go's names. The walk also keeps what reading an entry without libzip
// needs (flags, CRC, sizes and the local header offset, zip64 extra included). names stays empty
// when the walk is not possible; libzip then has the last word on whether this is a zip at all.
// complete: the walk read exactly the entries and bytes the end record announces, inside the
// file and before the end record, so the entries can be used without libzip's own parse.
bool readCentralDirectory(int fd, qint64 fileSize, QList<RawEntry> *names, bool *complete)
{
    names->clear();
    *complete = false;
    const qint64 tail = std::min<qint64>(fileSize, 65535 + eocdSize);
    if (tail < eocdSize)
        return true;
    QByteArray buf(tail, Qt::Uninitialized);
    if (!preadAll(fd, buf.data(), tail, fileSize - tail))
        return true;
    const auto *b = reinterpret_cast<const uchar *>(buf.constData());
    qint64 pos = -1;
    for (qint64 p = tail - eocdSize; p >= 0; --p) {
        if (le32(b + p) == eocdSignature && p + eocdSize + le16(b + p + 20) <= tail) {
            pos = p;
            break;
        }
    }
    if (pos < 0)
        return true;
    quint64 entries = le16(b + pos + 10);
    quint64 cdSize = le32(b + pos + 12);
    quint64 cdOffset = le32(b + pos + 16);
    if (entries == 0xFFFF || cdSize == 0xFFFFFFFF || cdOffset == 0xFFFFFFFF) {
        const qint64 locatorPos = fileSize - tail + pos - 20;
        uchar locator[20];
        if (locatorPos >= 0 && preadAll(fd, locator, 20, locatorPos)
            && le32(locator) == eocd64LocatorSignature) {
            const quint64 off = le64(locator + 8);
            uchar rec[56];
            if (off > quint64(fileSize) || !preadAll(fd, rec, 56, qint64(off))
                || le32(rec) != eocd64Signature)
                return false;
            entries = le64(rec + 32);
            cdSize = le64(rec + 40);
            cdOffset = le64(rec + 48);
        }
    }
    if (cdSize > quint64(fileSize) || entries > cdSize / centralHeaderSize)
        return false;
    if (cdOffset > quint64(fileSize) - cdSize)
        return true;
    QByteArray cd(qsizetype(cdSize), Qt::Uninitialized);
    if (!preadAll(fd, cd.data(), qint64(cdSize), qint64(cdOffset)))
        return true;
    const auto *c = reinterpret_cast<const uchar *>(cd.constData());
    QList<RawEntry> out;
    out.reserve(qsizetype(entries));
    quint64 p = 0;
    bool allSane = true;
    while (p + centralHeaderSize <= cdSize && le32(c + p) == 0x02014b50) {
        const quint64 nameLen = le16(c + p + 28);
        const quint64 extraLen = le16(c + p + 30);
        const quint64 next = p + centralHeaderSize + nameLen + extraLen + le16(c + p + 32);
        if (next > cdSize)
            return true;
        RawEntry e;
        e.name = QByteArray(cd.constData() + p + centralHeaderSize, qsizetype(nameLen));
        e.flags = le16(c + p + 8);
        e.crc32 = le32(c + p + 16);
        e.compressedSize = le32(c + p + 20);
        e.size = le32(c + p + 24);
        e.headerOffset = le32(c + p + 42);
        e.method = le16(c + p + 10);
        e.madeBy = quint8(le16(c + p + 4) >> 8);
        e.externalAttributes = le32(c + p + 38);
        const bool needSize = e.size == 0xFFFFFFFF, needCSize = e.compressedSize == 0xFFFFFFFF,
                   needOffset = e.headerOffset == 0xFFFFFFFF;
        if (needSize || needCSize || needOffset)
            applyZip64Extra(e, c + p + centralHeaderSize + nameLen, extraLen, needSize, needCSize,
                            needOffset);
        allSane = allSane && e.sane;
        out.append(std::move(e));
        p = next;
    }
    const quint64 eocdOffset = quint64(fileSize - tail + pos);
    *complete = allSane && quint64(out.size()) == entries && p == cdSize
                && cdOffset + cdSize <= eocdOffset;
    *names = std::move(out);
    return true;
}

QString libzipMessage(zip_error_t *error)
{
    switch (zip_error_code_zip(error)) {
    case ZIP_ER_NOZIP:
    case ZIP_ER_INCONS:
    case ZIP_ER_EOF:
        return errFormat;
    case ZIP_ER_CRC:
        return errChecksum;
    case ZIP_ER_COMPNOTSUPP:
        return errAlgorithm;
    default:
        return QString::fromUtf8(zip_error_strerror(error));
    }
}

} // namespace

ZipArchive::~ZipArchive()
{
    if (m_zip)
        zip_discard(m_zip);
}

ZipArchive::ZipArchive(ZipArchive &&other) noexcept
    : m_zip(std::exchange(other.m_zip, nullptr)), m_path(std::move(other.m_path)),
      m_fileSize(other.m_fileSize), m_entries(std::move(other.m_entries)),
      m_data(std::move(other.m_data)), m_libzipMutex(std::move(other.m_libzipMutex))
{ }

ZipArchive &ZipArchive::operator=(ZipArchive &&other) noexcept
{
    if (this != &other) {
        if (m_zip)
            zip_discard(m_zip);
        m_zip = std::exchange(other.m_zip, nullptr);
        m_path = std::move(other.m_path);
        m_fileSize = other.m_fileSize;
        m_entries = std::move(other.m_entries);
        m_data = std::move(other.m_data);
        m_libzipMutex = std::move(other.m_libzipMutex);
    }
    return *this;
}

Expected<ZipArchive> ZipArchive::open(const QString &path, qint64 maxFileSize)
{
    return openImpl(path, maxFileSize, -1);
}

Expected<ZipArchive> ZipArchive::openInMemory(const QString &path, qint64 maxMemoryBytes)
{
    return openImpl(path, -1, maxMemoryBytes);
}

Expected<ZipArchive> ZipArchive::openForHashing(const QString &path, qint64 maxMemoryBytes,
                                                qint64 maxFileSize)
{
    return openImpl(path, maxFileSize, maxMemoryBytes, true);
}

Expected<ZipArchive> ZipArchive::openImpl(const QString &path, qint64 maxFileSize,
                                          qint64 maxMemoryBytes, bool fileWhenTooLarge)
{
    UniqueFd fd = openNoAtime(path);
    if (!fd.isValid())
        return Error::fromErrno(errno, path);
    struct stat st;
    if (::fstat(fd.get(), &st) != 0)
        return Error::fromErrno(errno, path);
    if (!S_ISREG(st.st_mode))
        return Error::make(Error::Code::InvalidArgument, u"not a regular file"_s, path);
    if (maxFileSize >= 0 && st.st_size > maxFileSize)
        return Error::make(
            Error::Code::InvalidArgument,
            u"module zip file is too large (%1 bytes; limit is %2 bytes)"_s.arg(st.st_size)
                .arg(maxFileSize),
            path);
    QList<RawEntry> rawNames;
    bool complete = false;
    if (!readCentralDirectory(fd.get(), st.st_size, &rawNames, &complete))
        return Error::make(Error::Code::InvalidArgument, errFormat, path);

    zip_error_t error;
    QByteArray data;
    zip_source_t *src = nullptr;
    if (maxMemoryBytes >= 0 && fileWhenTooLarge && st.st_size > maxMemoryBytes)
        maxMemoryBytes = -1;
    if (maxMemoryBytes >= 0) {
        if (st.st_size > maxMemoryBytes)
            return Error::make(Error::Code::InvalidArgument, u"too large to read into memory"_s,
                               path);
        if (st.st_size
            < 22) // not even an end record; libzip would take an empty buffer as an empty zip
            return Error::make(Error::Code::InvalidArgument, errFormat, path);
        data.resize(qsizetype(st.st_size));
        qint64 got = 0;
        while (got < st.st_size) {
            const ssize_t n = ::pread(fd.get(), data.data() + got, size_t(st.st_size - got), got);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                return Error::fromErrno(errno, path);
            if (n == 0)
                return Error::make(Error::Code::InvalidArgument, errFormat,
                                   path); // shrank meanwhile
            got += n;
        }
        if (complete) {
            // Every entry is known: libzip's parse (a mktime per entry) is not needed.
            ZipArchive archive;
            archive.m_path = path;
            archive.m_fileSize = st.st_size;
            archive.m_data = std::move(data);
            archive.m_entries.reserve(rawNames.size());
            for (qsizetype i = 0; i < rawNames.size(); ++i) {
                const RawEntry &raw = rawNames.at(i);
                ZipEntry e;
                e.index = quint64(i);
                e.name = raw.name;
                e.size = raw.size;
                e.compressedSize = raw.compressedSize;
                e.method = raw.method;
                e.madeBy = raw.madeBy;
                e.externalAttributes = raw.externalAttributes;
                e.located = true;
                e.flags = raw.flags;
                e.crc32 = raw.crc32;
                e.headerOffset = raw.headerOffset;
                archive.m_entries.append(std::move(e));
            }
            return archive;
        }
        zip_error_init(&error);
        src = zip_source_buffer_create(data.constData(), zip_uint64_t(data.size()), 0, &error);
        if (!src) {
            const QString msg = libzipMessage(&error);
            zip_error_fini(&error);
            return Error::make(Error::Code::Io, msg, path);
        }
        return fromSource(src, &error, path, st.st_size, std::move(data), &rawNames);
    }
    // libzip closes the FILE (and so the dup) when the source is freed.
    const int dupFd = ::fcntl(fd.get(), F_DUPFD_CLOEXEC, 0);
    if (dupFd < 0)
        return Error::fromErrno(errno, path);
    FILE *fp = ::fdopen(dupFd, "rb");
    if (!fp) {
        const int err = errno;
        ::close(dupFd);
        return Error::fromErrno(err, path);
    }
    zip_error_init(&error);
    src = zip_source_filep_create(fp, 0, -1, &error);
    if (!src) {
        std::fclose(fp);
        const QString msg = libzipMessage(&error);
        zip_error_fini(&error);
        return Error::make(Error::Code::Io, msg, path);
    }
    return fromSource(src, &error, path, st.st_size, {}, &rawNames);
}

Expected<ZipArchive> ZipArchive::fromSource(zip_source_t *src, zip_error_t *errorp,
                                            const QString &path, qint64 fileSize, QByteArray data,
                                            const QList<RawEntry> *rawNamesp)
{
    zip_error_t &error = *errorp;
    const QList<RawEntry> &rawNames = *rawNamesp;
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &error);
    if (!za) {
        zip_source_free(src);
        const int sys = zip_error_code_system(&error);
        const bool io = zip_error_system_type(&error) == ZIP_ET_SYS;
        const QString msg = libzipMessage(&error);
        zip_error_fini(&error);
        Error e = Error::make(io ? Error::Code::Io : Error::Code::InvalidArgument, msg, path);
        e.sysErrno = io ? sys : 0;
        return e;
    }
    zip_error_fini(&error);

    ZipArchive archive;
    archive.m_zip = za;
    archive.m_path = path;
    archive.m_fileSize = fileSize;
    archive.m_data = std::move(data); // the same bytes libzip points into (a move keeps them)
    const zip_int64_t count = zip_get_num_entries(za, 0);
    archive.m_entries.reserve(qsizetype(count));
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t zs;
        zip_stat_init(&zs);
        if (zip_stat_index(za, zip_uint64_t(i), ZIP_FL_ENC_RAW, &zs) != 0)
            return Error::make(Error::Code::InvalidArgument, libzipMessage(zip_get_error(za)),
                               path);
        ZipEntry e;
        e.index = quint64(i);
        // go's zip.File.Name is the header's bytes, which libzip may have altered.
        if (rawNames.size() == count) {
            const RawEntry &raw = rawNames.at(qsizetype(i));
            e.name = raw.name;
            // Our walk must agree with libzip before it may stand in for it.
            e.located = raw.sane && raw.size == zs.size && raw.compressedSize == zs.comp_size;
            e.flags = raw.flags;
            e.crc32 = raw.crc32;
            e.headerOffset = raw.headerOffset;
        } else {
            const char *name = zip_get_name(za, zip_uint64_t(i), ZIP_FL_ENC_RAW);
            if (!name)
                return Error::make(Error::Code::InvalidArgument, errFormat, path);
            e.name = QByteArray(name);
        }
        e.size = zs.size;
        e.compressedSize = zs.comp_size;
        e.method = quint16(zs.comp_method);
        zip_uint8_t opsys = 0;
        zip_uint32_t attributes = 0;
        if (zip_file_get_external_attributes(za, zip_uint64_t(i), 0, &opsys, &attributes) == 0) {
            e.madeBy = opsys;
            e.externalAttributes = attributes;
        }
        archive.m_entries.append(std::move(e));
    }
    return archive;
}

Error ZipArchive::entryError(const ZipEntry &entry, const QString &message) const
{
    return Error::make(Error::Code::InvalidArgument, message, GoUnicode::display(entry.name));
}

Status ZipArchive::read(const ZipEntry &entry, const Sink &sink, QByteArray &buffer) const
{
    if (entry.isDirName()) {
        // go 1.23 zip.File.Open: a directory has no content; declaring some is a format error.
        if (entry.size != 0)
            return entryError(entry, errFormat);
        return {};
    }
    if (entry.method != ZIP_CM_STORE && entry.method != ZIP_CM_DEFLATE)
        return entryError(entry, errAlgorithm);
    if (std::optional<Status> done = readFromMemory(entry, sink, buffer))
        return *std::move(done);
    return readWithLibzip(entry, sink, buffer);
}

std::optional<Status> ZipArchive::readFromMemory(const ZipEntry &entry, const Sink &sink,
                                                 QByteArray &buffer) const
{
    // Entries inflate into one buffer of the declared size; bigger ones stream through libzip.
    constexpr quint64 maxInflateInMemory = 256 << 20;
    if (m_data.isEmpty() || !entry.located || entry.size > maxInflateInMemory)
        return std::nullopt;
    // A stored entry whose two sizes differ: libzip's verdict, as before.
    if (entry.method == ZIP_CM_STORE && entry.compressedSize != entry.size)
        return std::nullopt;
    // go's File.findBodyOffset: the local header's own name and extra lengths place the data.
    const auto *file = reinterpret_cast<const uchar *>(m_data.constData());
    const quint64 fileSize = quint64(m_data.size());
    constexpr quint64 localHeaderSize = 30;
    if (entry.headerOffset > fileSize || fileSize - entry.headerOffset < localHeaderSize)
        return std::nullopt;
    const uchar *lh = file + entry.headerOffset;
    if (le32(lh) != 0x04034b50)
        return std::nullopt;
    const quint64 body = entry.headerOffset + localHeaderSize + le16(lh + 26) + le16(lh + 28);
    if (body > fileSize || fileSize - body < entry.compressedSize)
        return std::nullopt;
    const uchar *in = file + body;
    const bool hasDescriptor = entry.flags & 0x8;
    quint32 descriptorCrc = 0;
    if (hasDescriptor) {
        // go's readDataDescriptor: an optional signature, then the CRC (the sizes are not read).
        quint64 at = body + entry.compressedSize;
        if (fileSize - at >= 4 && le32(file + at) == 0x08074b50)
            at += 4;
        if (fileSize - at < 4)
            return std::nullopt;
        descriptorCrc = le32(file + at);
    }

    const uchar *out = in;
    quint64 produced = entry.compressedSize;
    if (entry.method == ZIP_CM_DEFLATE) {
        struct Free
        {
            void operator()(libdeflate_decompressor *d) const { libdeflate_free_decompressor(d); }
        };
        thread_local std::unique_ptr<libdeflate_decompressor, Free> decompressor(
            libdeflate_alloc_decompressor());
        if (!decompressor)
            return std::nullopt;
        // One byte more than declared is enough to know the header lied.
        const qsizetype room = qsizetype(entry.size + 1);
        if (buffer.size() < room)
            buffer.resize(room);
        size_t outBytes = 0;
        const libdeflate_result r
            = libdeflate_deflate_decompress_ex(decompressor.get(), in, size_t(entry.compressedSize),
                                               buffer.data(), size_t(room), nullptr, &outBytes);
        if (r == LIBDEFLATE_INSUFFICIENT_SPACE)
            outBytes = size_t(room);
        else if (r != LIBDEFLATE_SUCCESS)
            return std::nullopt; // damaged deflate data: let libzip name it as it always has
        out = reinterpret_cast<const uchar *>(buffer.constData());
        produced = outBytes;
    }
    // go's checksumReader: too much data, then too little, then the CRC.
    if (produced > entry.size)
        return entryError(entry,
                          u"uncompressed size of file %1 is larger than declared size (%2 bytes)"_s
                              .arg(GoUnicode::display(entry.name))
                              .arg(entry.size));
    if (produced < entry.size)
        return entryError(
            entry,
            u"uncompressed size of file %1 is smaller than declared size (%2 bytes): unexpected EOF"_s
                .arg(GoUnicode::display(entry.name))
                .arg(entry.size));
    const quint32 crc = quint32(libdeflate_crc32(0, out, size_t(produced)));
    if ((hasDescriptor && descriptorCrc != entry.crc32)
        || ((hasDescriptor || entry.crc32 != 0) && crc != entry.crc32))
        return entryError(entry, errChecksum);
    for (quint64 done = 0; done < produced;) {
        const quint64 n = std::min<quint64>(produced - done, quint64(readBufferSize));
        if (Status st
            = sink(QByteArrayView(reinterpret_cast<const char *>(out + done), qsizetype(n)));
            !st)
            return st;
        done += n;
    }
    return Status();
}

Status ZipArchive::readWithLibzip(const ZipEntry &entry, const Sink &sink, QByteArray &buffer) const
{
    std::lock_guard lock(*m_libzipMutex);
    if (!m_zip) {
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t *src
            = zip_source_buffer_create(m_data.constData(), zip_uint64_t(m_data.size()), 0, &error);
        if (src) {
            m_zip = zip_open_from_source(src, ZIP_RDONLY, &error);
            if (!m_zip)
                zip_source_free(src);
        }
        if (!m_zip) {
            const QString msg = libzipMessage(&error);
            zip_error_fini(&error);
            return entryError(entry, msg);
        }
        zip_error_fini(&error);
        if (zip_get_num_entries(m_zip, 0) != m_entries.size())
            return entryError(entry, errFormat);
    }
    zip_file_t *zf = zip_fopen_index(m_zip, entry.index, 0);
    if (!zf)
        return entryError(entry, libzipMessage(zip_get_error(m_zip)));
    if (buffer.size() < readBufferSize)
        buffer.resize(readBufferSize);

    // Read at most size+1 bytes: one more than declared is enough to know the header lied.
    const quint64 limit = entry.size == ~quint64(0) ? entry.size : entry.size + 1;
    quint64 total = 0;
    Status status;
    while (true) {
        const quint64 want = std::min<quint64>(quint64(buffer.size()), limit - total);
        const zip_int64_t n = zip_fread(zf, buffer.data(), want);
        if (n < 0) {
            status = entryError(entry, libzipMessage(zip_file_get_error(zf)));
            break;
        }
        if (n == 0) { // end of data; libzip has checked the CRC
            if (total < entry.size)
                status = entryError(
                    entry,
                    u"uncompressed size of file %1 is smaller than declared size (%2 bytes): unexpected EOF"_s
                        .arg(GoUnicode::display(entry.name))
                        .arg(entry.size));
            break;
        }
        total += quint64(n);
        if (total > entry.size) {
            status = entryError(
                entry, u"uncompressed size of file %1 is larger than declared size (%2 bytes)"_s
                           .arg(GoUnicode::display(entry.name))
                           .arg(entry.size));
            break;
        }
        if (Status s = sink(QByteArrayView(buffer.constData(), qsizetype(n))); !s) {
            status = s;
            break;
        }
    }
    zip_fclose(zf);
    return status;
}

} // namespace mk
