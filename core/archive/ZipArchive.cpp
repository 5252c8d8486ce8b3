// SPDX-License-Identifier: GPL-3.0-or-later
#include "ZipArchive.h"

#include <cerrno>
#include <cstdio>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zip.h>

#include "archive/GoUnicode.h"
#include "common/UniqueFd.h"

using namespace Qt::StringLiterals;

namespace mk {

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

quint16 le16(const uchar *p) { return quint16(p[0] | p[1] << 8); }
quint32 le32(const uchar *p) { return quint32(p[0]) | quint32(p[1]) << 8 | quint32(p[2]) << 16 | quint32(p[3]) << 24; }
quint64 le64(const uchar *p) { return quint64(le32(p)) | quint64(le32(p + 4)) << 32; }

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
    const QByteArray native = path.toLocal8Bit();
    int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC | O_NOATIME);
    if (fd < 0 && errno == EPERM) // O_NOATIME needs ownership or CAP_FOWNER
        fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
    return UniqueFd(fd);
}

// Finds the end record the way go's archive/zip does (the last signature whose comment fits)
// and refuses an entry count that cannot fit in the central directory it describes: every
// central header is at least 46 bytes, so a real zip never fails this, while a forged zip64
// count would make libzip allocate and initialise an entry table of that size.
// Then walks the central directory for the raw names: libzip turns NUL bytes in names into
// spaces and prefers the Info-ZIP Unicode-path extra field, go does neither, and the rules
// and the hash must see go's names. names stays empty when the walk is not possible; libzip
// then has the last word on whether this is a zip at all.
bool readCentralDirectory(int fd, qint64 fileSize, QList<QByteArray> *names)
{
    names->clear();
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
        if (locatorPos >= 0 && preadAll(fd, locator, 20, locatorPos) && le32(locator) == eocd64LocatorSignature) {
            const quint64 off = le64(locator + 8);
            uchar rec[56];
            if (off > quint64(fileSize) || !preadAll(fd, rec, 56, qint64(off)) || le32(rec) != eocd64Signature)
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
    QList<QByteArray> out;
    out.reserve(qsizetype(entries));
    quint64 p = 0;
    while (p + centralHeaderSize <= cdSize && le32(c + p) == 0x02014b50) {
        const quint64 nameLen = le16(c + p + 28);
        const quint64 next = p + centralHeaderSize + nameLen + le16(c + p + 30) + le16(c + p + 32);
        if (next > cdSize)
            return true;
        out.append(QByteArray(cd.constData() + p + centralHeaderSize, qsizetype(nameLen)));
        p = next;
    }
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
      m_fileSize(other.m_fileSize), m_entries(std::move(other.m_entries)), m_data(std::move(other.m_data))
{
}

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

Expected<ZipArchive> ZipArchive::openImpl(const QString &path, qint64 maxFileSize, qint64 maxMemoryBytes)
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
        return Error::make(Error::Code::InvalidArgument,
                           u"module zip file is too large (%1 bytes; limit is %2 bytes)"_s.arg(st.st_size).arg(maxFileSize),
                           path);
    QList<QByteArray> rawNames;
    if (!readCentralDirectory(fd.get(), st.st_size, &rawNames))
        return Error::make(Error::Code::InvalidArgument, errFormat, path);

    zip_error_t error;
    QByteArray data;
    zip_source_t *src = nullptr;
    if (maxMemoryBytes >= 0) {
        if (st.st_size > maxMemoryBytes)
            return Error::make(Error::Code::InvalidArgument, u"too large to read into memory"_s, path);
        if (st.st_size < 22) // not even an end record; libzip would take an empty buffer as an empty zip
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
                return Error::make(Error::Code::InvalidArgument, errFormat, path); // shrank meanwhile
            got += n;
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

Expected<ZipArchive> ZipArchive::fromSource(zip_source_t *src, zip_error_t *errorp, const QString &path, qint64 fileSize,
                                            QByteArray data, const QList<QByteArray> *rawNamesp)
{
    zip_error_t &error = *errorp;
    const QList<QByteArray> &rawNames = *rawNamesp;
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
            return Error::make(Error::Code::InvalidArgument, libzipMessage(zip_get_error(za)), path);
        ZipEntry e;
        e.index = quint64(i);
        // go's zip.File.Name is the header's bytes, which libzip may have altered.
        if (rawNames.size() == count) {
            e.name = rawNames.at(qsizetype(i));
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
                status = entryError(entry, u"uncompressed size of file %1 is smaller than declared size (%2 bytes): unexpected EOF"_s
                                              .arg(GoUnicode::display(entry.name))
                                              .arg(entry.size));
            break;
        }
        total += quint64(n);
        if (total > entry.size) {
            status = entryError(entry, u"uncompressed size of file %1 is larger than declared size (%2 bytes)"_s
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
