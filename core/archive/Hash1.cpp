// SPDX-License-Identifier: GPL-3.0-or-later
#include "Hash1.h"

#include <algorithm>
#include <cerrno>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QHash>

#include "archive/ZipArchive.h"
#include "common/DirReader.h"
#include "common/SafeFs.h"
#include "common/UniqueFd.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr qsizetype fileBufferSize = 1 << 20;

Error newlineError(const QByteArray &name)
{
    return Error::make(Error::Code::InvalidArgument,
                       u"dirhash: filenames with newlines are not supported"_s,
                       QString::fromUtf8(name));
}

// Opens a file below dirFd for reading without following a symlink and, where the kernel
// allows it (own files, or CAP_FOWNER), without updating its access time.
int openForHash(int dirFd, const char *name)
{
    return SafeFs::openAt(dirFd, name, O_RDONLY).release();
}

struct DirWalk
{
    const QByteArray &prefix;
    const QString &dirPath;
    Hash1 &hash;
    QByteArray buffer;

    QString display(const QByteArray &rel) const { return dirPath + u'/' + QString::fromUtf8(rel); }

    Status hashFile(int dirFd, const char *name, const QByteArray &rel)
    {
        UniqueFd fd(openForHash(dirFd, name));
        if (!fd.isValid())
            return Error::fromErrno(errno, display(rel));
        struct stat st;
        if (::fstat(fd.get(), &st) != 0)
            return Error::fromErrno(errno, display(rel));
        if (!S_ISREG(st.st_mode)) // replaced between readdir and open
            return Error::make(Error::Code::Unsupported, u"not a regular file"_s, display(rel));
        ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
        Sha256 sha;
        while (true) {
            const ssize_t n = ::read(fd.get(), buffer.data(), size_t(buffer.size()));
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                return Error::fromErrno(errno, display(rel));
            }
            if (n == 0)
                break;
            sha.update(buffer.constData(), size_t(n));
        }
        const QByteArray full = prefix.isEmpty() ? rel : prefix + '/' + rel;
        return hash.add(full, sha.finish());
    }

    // Depth-first over directory fds; rel is the path below the root ("" for the root).
    Status walk(UniqueFd dirFd, const QByteArray &rel)
    {
        std::vector<QByteArray> subdirs;
        Status status;
        const int err = DirReader::forEachEntry(dirFd.get(), [&](const char *name, EntryType type) {
            const QByteArray childRel = rel.isEmpty() ? QByteArray(name) : rel + '/' + name;
            switch (type) {
            case EntryType::Directory:
                subdirs.push_back(QByteArray(name));
                return true;
            case EntryType::File:
                status = hashFile(dirFd.get(), name, childRel);
                return bool(status);
            case EntryType::Symlink:
                status = Error::make(Error::Code::Unsupported,
                                     u"symbolic link: refusing to follow it"_s, display(childRel));
                return false;
            case EntryType::Other: // fifo, socket, device: go's dirhash takes regular files only
                status = Error::make(Error::Code::Unsupported, u"not a regular file"_s,
                                     display(childRel));
                return false;
            case EntryType::Unknown:
                status = Error::fromErrno(errno, display(childRel));
                return false;
            }
            return true;
        });
        if (err != 0)
            return Error::fromErrno(err, rel.isEmpty() ? dirPath : display(rel));
        if (!status)
            return status;
        for (const QByteArray &name : subdirs) {
            const QByteArray childRel = rel.isEmpty() ? name : rel + '/' + name;
            UniqueFd child = SafeFs::openAt(dirFd.get(), name.constData(), O_RDONLY | O_DIRECTORY);
            if (!child.isValid())
                return Error::fromErrno(errno, display(childRel));
            if (Status s = walk(std::move(child), childRel); !s)
                return s;
        }
        return {};
    }
};

} // namespace

Status Hash1::add(const QByteArray &name, const Sha256::Digest &contentDigest)
{
    if (name.contains('\n'))
        return newlineError(name);
    m_files.append({name, contentDigest});
    return {};
}

Status Hash1::addContent(const QByteArray &name, QByteArrayView content)
{
    return add(name, Sha256::of(content));
}

QString Hash1::finish() const
{
    // Byte-wise order, as go's sort.Strings; the digest breaks ties between duplicate names.
    std::vector<const Line *> order;
    order.reserve(size_t(m_files.size()));
    for (const Line &l : m_files)
        order.push_back(&l);
    std::sort(order.begin(), order.end(), [](const Line *a, const Line *b) {
        const int c = a->name.compare(b->name); // memcmp-based, byte-wise
        return c != 0 ? c < 0 : a->digest < b->digest;
    });
    Sha256 summary;
    for (const Line *l : order) {
        summary.update(Sha256::toHex(l->digest));
        summary.update("  ", 2);
        summary.update(l->name);
        summary.update("\n", 1);
    }
    const Sha256::Digest d = summary.finish();
    const QByteArray raw(reinterpret_cast<const char *>(d.data()), qsizetype(d.size()));
    return u"h1:"_s + QString::fromLatin1(raw.toBase64());
}

Expected<QString> Hash1::hashZip(const QString &zipPath)
{
    Expected<ZipArchive> zip = ZipArchive::openForHashing(zipPath);
    if (!zip)
        return zip.error();
    const QList<ZipEntry> &entries = zip->entries();
    // go opens entries by name, so of duplicate names the last one's content counts for all.
    QHash<QByteArray, qsizetype> last;
    last.reserve(entries.size());
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (entries.at(i).name.contains('\n'))
            return newlineError(entries.at(i).name);
        last.insert(entries.at(i).name, i);
    }
    QHash<QByteArray, Sha256::Digest> digests;
    digests.reserve(last.size());
    QByteArray buffer;
    Sha256 sha;
    for (auto it = last.cbegin(); it != last.cend(); ++it) {
        const ZipEntry &e = entries.at(it.value());
        const Status s = zip->read(
            e,
            [&sha](QByteArrayView chunk) {
                sha.update(chunk);
                return Status();
            },
            buffer);
        if (!s)
            return s.error();
        digests.insert(it.key(), sha.finish());
    }
    Hash1 h;
    for (const ZipEntry &e : entries)
        (void)h.add(e.name, digests.value(e.name));
    return h.finish();
}

Expected<QString> Hash1::hashDir(const QString &dir, const QString &prefix)
{
    UniqueFd fd
        = SafeFs::openPath(dir.toLocal8Bit().constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
    if (!fd.isValid()) {
        if (errno == ENOTDIR || errno == ELOOP)
            return Error::make(Error::Code::InvalidArgument, dir + u" is not a directory"_s, dir);
        return Error::fromErrno(errno, dir);
    }
    return hashDirAt(fd.get(), prefix, dir);
}

Expected<QString> Hash1::hashDirAt(int dirFd, const QString &prefix, const QString &dirPath)
{
    const int own = ::fcntl(dirFd, F_DUPFD_CLOEXEC, 0);
    if (own < 0)
        return Error::fromErrno(errno, dirPath);
    const QByteArray prefixBytes = prefix.toUtf8();
    Hash1 h;
    DirWalk walk{prefixBytes, dirPath, h, QByteArray(fileBufferSize, Qt::Uninitialized)};
    if (Status s = walk.walk(UniqueFd(own), {}); !s)
        return s.error();
    return h.finish();
}

QString Hash1::hashGoMod(QByteArrayView goMod)
{
    Hash1 h;
    (void)h.addContent(QByteArrayLiteral("go.mod"), goMod);
    return h.finish();
}

} // namespace mk
