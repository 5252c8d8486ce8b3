// SPDX-License-Identifier: GPL-3.0-or-later
#include "AtomicFile.h"

#include <cerrno>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include "common/UniqueFd.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr int maxSymlinkHops = 40; // Linux's own limit (MAXSYMLINKS)

bool makeParents(const QString &dir)
{
    if (dir.isEmpty() || QFileInfo(dir).isDir())
        return true;
    if (!makeParents(QFileInfo(dir).path()))
        return false;
    if (::mkdir(QFile::encodeName(dir).constData(), 0777) != 0 && errno != EEXIST)
        return false;
    return true;
}

bool writeAll(int fd, const QByteArray &data)
{
    const char *p = data.constData();
    qsizetype left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, size_t(left));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += n;
        left -= n;
    }
    return true;
}

} // namespace

QString AtomicFile::resolveTarget(const QString &path)
{
    QString current = path;
    for (int hop = 0; hop < maxSymlinkHops; ++hop) {
        struct stat st
        { };
        if (::lstat(QFile::encodeName(current).constData(), &st) != 0 || !S_ISLNK(st.st_mode))
            return current;
        QByteArray buf(4096, Qt::Uninitialized);
        const ssize_t n
            = ::readlink(QFile::encodeName(current).constData(), buf.data(), size_t(buf.size()));
        if (n <= 0)
            return current;
        const QString target = QFile::decodeName(buf.left(n));
        current = QDir::isAbsolutePath(target) ? target : QFileInfo(current).dir().filePath(target);
        current = QDir::cleanPath(current);
    }
    return current;
}

Expected<std::optional<QByteArray>> AtomicFile::read(const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    UniqueFd fd(::open(native.constData(), O_RDONLY | O_CLOEXEC));
    if (!fd.isValid()) {
        if (errno == ENOENT)
            return std::optional<QByteArray>();
        return Error::fromErrno(errno, path, u"reading"_s);
    }
    struct stat st
    { };
    if (::fstat(fd.get(), &st) == 0 && S_ISDIR(st.st_mode))
        return Error::fromErrno(EISDIR, path, u"reading"_s);
    QByteArray data;
    char buf[16384];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return Error::fromErrno(errno, path, u"reading"_s);
        }
        if (n == 0)
            break;
        data.append(buf, n);
    }
    return std::optional<QByteArray>(std::move(data));
}

Status AtomicFile::write(const QString &path, const QByteArray &content, const Options &options)
{
    const QString target = resolveTarget(path);
    const QString dir = QFileInfo(target).path();
    if (options.createParents && !makeParents(dir))
        return Error::fromErrno(errno, dir, u"creating the directory"_s);

    struct stat existing
    { };
    const bool exists = ::stat(QFile::encodeName(target).constData(), &existing) == 0;
    if (exists && !S_ISREG(existing.st_mode))
        return Error::make(Error::Code::Refused, u"not a regular file"_s, target);

    // A secret file is born private; any other file is created with the final mode so the
    // kernel applies the umask exactly as it does for go.
    const mode_t createMode = options.forcedMode ? 0600 : options.newFileMode;
    QString temp;
    UniqueFd fd;
    for (int attempt = 0; attempt < 100 && !fd.isValid(); ++attempt) {
        temp = dir + u"/."_s + QFileInfo(target).fileName() + u".modkeeper-"_s
               + QString::number(QRandomGenerator::global()->generate(), 36);
        fd = UniqueFd(::open(QFile::encodeName(temp).constData(),
                             O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, createMode));
        if (!fd.isValid() && errno != EEXIST)
            return Error::fromErrno(errno, dir, u"creating a temporary file"_s);
    }
    if (!fd.isValid())
        return Error::fromErrno(EEXIST, dir, u"creating a temporary file"_s);

    const QByteArray nativeTemp = QFile::encodeName(temp);
    const auto fail = [&](const QString &what) {
        const int err = errno;
        fd.reset();
        ::unlink(nativeTemp.constData());
        return Status(Error::fromErrno(err, target, what));
    };

    if (!writeAll(fd.get(), content))
        return fail(u"writing"_s);
    std::optional<mode_t> finalMode = options.forcedMode;
    if (!finalMode && exists)
        finalMode = existing.st_mode & 07777;
    if (finalMode && ::fchmod(fd.get(), *finalMode) != 0)
        return fail(u"setting the file mode"_s);
    if (::fsync(fd.get()) != 0)
        return fail(u"flushing to disk"_s);
    if (::close(fd.release()) != 0)
        return fail(u"closing"_s);
    if (::rename(nativeTemp.constData(), QFile::encodeName(target).constData()) != 0)
        return fail(u"replacing"_s);

    // Make the rename itself durable.
    UniqueFd dirFd(::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dirFd.isValid())
        ::fsync(dirFd.get());
    return {};
}

} // namespace mk
