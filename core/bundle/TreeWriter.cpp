// SPDX-License-Identifier: GPL-3.0-or-later
#include "TreeWriter.h"

#include <cerrno>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QRandomGenerator>

#include "common/SafeFs.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

bool validRelative(const QString &rel)
{
    if (rel.isEmpty() || rel.startsWith(u'/'))
        return false;
    for (const QString &part : rel.split(u'/'))
        if (part.isEmpty() || part == u"." || part == u"..")
            return false;
    return true;
}

} // namespace

Expected<TreeWriter> TreeWriter::open(const QString &root)
{
    if (root.isEmpty() || QDir::isRelativePath(root))
        return Error::make(Error::Code::InvalidArgument, u"not an absolute directory"_s, root);
    if (!QDir().mkpath(root))
        return Error::make(Error::Code::Io, u"cannot create the directory"_s, root);
    UniqueFd fd = SafeFs::openPath(QFile::encodeName(root).constData(), O_RDONLY | O_DIRECTORY);
    if (!fd.isValid())
        return Error::fromErrno(errno, root, u"cannot open the directory"_s);
    return TreeWriter(root, std::move(fd));
}

Expected<UniqueFd> TreeWriter::parentOf(const QString &relPath, QByteArray *name,
                                        bool create) const
{
    const QString subject = m_root + u'/' + relPath;
    if (!validRelative(relPath))
        return Error::make(Error::Code::Refused, u"not a path inside the tree"_s, subject);
    const qsizetype slash = relPath.lastIndexOf(u'/');
    *name = QFile::encodeName(relPath.mid(slash + 1));
    if (slash < 0) {
        const int dup = ::fcntl(m_fd.get(), F_DUPFD_CLOEXEC, 0);
        if (dup < 0)
            return Error::fromErrno(errno, m_root);
        return UniqueFd(dup);
    }
    const QByteArray dir = QFile::encodeName(relPath.left(slash));
    if (create && !SafeFs::makeDirsBeneath(m_fd.get(), dir.constData()))
        return Error::fromErrno(errno, m_root + u'/' + relPath.left(slash),
                                u"cannot create the directory"_s);
    UniqueFd fd = SafeFs::openDirBeneath(m_fd.get(), dir.constData());
    if (!fd.isValid())
        return Error::fromErrno(errno, m_root + u'/' + relPath.left(slash),
                                u"cannot open the directory"_s);
    return fd;
}

Expected<std::optional<QByteArray>> TreeWriter::read(const QString &relPath) const
{
    QByteArray name;
    Expected<UniqueFd> dir = parentOf(relPath, &name, false);
    if (!dir) {
        if (dir.error().sysErrno == ENOENT)
            return std::optional<QByteArray>();
        return dir.error();
    }
    UniqueFd fd = SafeFs::openAt(dir.value().get(), name.constData(), O_RDONLY);
    if (!fd.isValid()) {
        if (errno == ENOENT)
            return std::optional<QByteArray>();
        return Error::fromErrno(errno, m_root + u'/' + relPath, u"cannot read"_s);
    }
    QFile f;
    if (!f.open(fd.get(), QIODevice::ReadOnly, QFileDevice::DontCloseHandle))
        return Error::make(Error::Code::Io, f.errorString(), m_root + u'/' + relPath);
    return std::optional<QByteArray>(f.readAll());
}

bool TreeWriter::exists(const QString &relPath) const
{
    struct stat st;
    return validRelative(relPath)
           && SafeFs::statBeneath(m_fd.get(), QFile::encodeName(relPath).constData(), &st);
}

Status TreeWriter::writeVia(const QString &relPath,
                            const std::function<Status(int fd, qint64 *n)> &fill,
                            qint64 *bytes) const
{
    const QString subject = m_root + u'/' + relPath;
    QByteArray name;
    Expected<UniqueFd> dir = parentOf(relPath, &name, true);
    if (!dir)
        return dir.error();
    const int dirFd = dir.value().get();
    const QByteArray tmp = name + ".tmp-" + QByteArray::number(QRandomGenerator::global()->generate(), 36);
    UniqueFd out = SafeFs::openAt(dirFd, tmp.constData(), O_WRONLY | O_CREAT | O_EXCL, 0666);
    if (!out.isValid())
        return Error::fromErrno(errno, subject, u"cannot create a temporary file"_s);
    qint64 n = 0;
    Status st = fill(out.get(), &n);
    if (st && ::fsync(out.get()) != 0)
        st = Error::fromErrno(errno, subject, u"cannot write"_s);
    out.reset();
    if (st && ::renameat(dirFd, tmp.constData(), dirFd, name.constData()) != 0)
        st = Error::fromErrno(errno, subject, u"cannot rename into place"_s);
    if (!st) {
        ::unlinkat(dirFd, tmp.constData(), 0);
        return st;
    }
    ::fsync(dirFd);
    if (bytes)
        *bytes = n;
    return {};
}

Status TreeWriter::write(const QString &relPath, const QByteArray &content) const
{
    return writeVia(
        relPath,
        [&](int fd, qint64 *n) -> Status {
            qsizetype done = 0;
            while (done < content.size()) {
                const ssize_t w = ::write(fd, content.constData() + done, size_t(content.size() - done));
                if (w < 0) {
                    if (errno == EINTR)
                        continue;
                    return Error::fromErrno(errno, m_root + u'/' + relPath, u"cannot write"_s);
                }
                done += w;
            }
            *n = done;
            return {};
        },
        nullptr);
}

Status TreeWriter::copy(int srcFd, const QString &relPath, qint64 *bytes) const
{
    return writeVia(
        relPath,
        [&](int fd, qint64 *n) -> Status {
            if (::lseek(srcFd, 0, SEEK_SET) < 0)
                return Error::fromErrno(errno, m_root + u'/' + relPath, u"cannot read the source"_s);
            QByteArray buf(1 << 20, Qt::Uninitialized);
            for (;;) {
                const ssize_t r = ::read(srcFd, buf.data(), size_t(buf.size()));
                if (r < 0) {
                    if (errno == EINTR)
                        continue;
                    return Error::fromErrno(errno, m_root + u'/' + relPath,
                                            u"cannot read the source"_s);
                }
                if (r == 0)
                    return {};
                ssize_t done = 0;
                while (done < r) {
                    const ssize_t w = ::write(fd, buf.constData() + done, size_t(r - done));
                    if (w < 0) {
                        if (errno == EINTR)
                            continue;
                        return Error::fromErrno(errno, m_root + u'/' + relPath, u"cannot write"_s);
                    }
                    done += w;
                }
                *n += r;
            }
        },
        bytes);
}

} // namespace mk
