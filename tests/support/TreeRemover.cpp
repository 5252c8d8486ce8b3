// SPDX-License-Identifier: GPL-3.0-or-later
#include "TreeRemover.h"

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QByteArray>
#include <QFile>
#include <QList>

namespace mk::test {

namespace {

// Walks with *at() calls relative to an open directory fd, so a symlink is never entered.
bool walkWritable(int parentFd, const char *name)
{
    struct stat st;
    if (::fstatat(parentFd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT;
    if (!S_ISDIR(st.st_mode))
        return true;
    if ((st.st_mode & S_IRWXU) != S_IRWXU
        && ::fchmodat(parentFd, name, (st.st_mode & 07777) | S_IRWXU, 0) != 0)
        return false;
    const int fd = ::openat(parentFd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return false;
    DIR *dir = ::fdopendir(fd);
    if (!dir) {
        ::close(fd);
        return false;
    }
    bool ok = true;
    QList<QByteArray> children;
    while (dirent *e = ::readdir(dir)) {
        const QByteArray n(e->d_name);
        if (n != "." && n != "..")
            children.append(n);
    }
    for (const QByteArray &n : children)
        ok = walkWritable(::dirfd(dir), n.constData()) && ok;
    ::closedir(dir);
    return ok;
}

bool removeTree(int parentFd, const char *name)
{
    struct stat st;
    if (::fstatat(parentFd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT;
    if (!S_ISDIR(st.st_mode))
        return ::unlinkat(parentFd, name, 0) == 0 || errno == ENOENT;
    const int fd = ::openat(parentFd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return false;
    DIR *dir = ::fdopendir(fd);
    if (!dir) {
        ::close(fd);
        return false;
    }
    QList<QByteArray> children;
    while (dirent *e = ::readdir(dir)) {
        const QByteArray n(e->d_name);
        if (n != "." && n != "..")
            children.append(n);
    }
    bool ok = true;
    for (const QByteArray &n : children)
        ok = removeTree(::dirfd(dir), n.constData()) && ok;
    ::closedir(dir);
    return (::unlinkat(parentFd, name, AT_REMOVEDIR) == 0 || errno == ENOENT) && ok;
}

} // namespace

bool TreeRemover::makeWritable(const QString &path)
{
    return walkWritable(AT_FDCWD, QFile::encodeName(path).constData());
}

bool TreeRemover::removeAll(const QString &path)
{
    if (path.isEmpty())
        return false;
    makeWritable(path);
    return removeTree(AT_FDCWD, QFile::encodeName(path).constData());
}

int TreeRemover::chmod(const QString &path, unsigned mode)
{
    // fchmodat(AT_SYMLINK_NOFOLLOW) is not supported on Linux; refuse symlinks instead.
    struct stat st;
    const QByteArray p = QFile::encodeName(path);
    if (::lstat(p.constData(), &st) != 0)
        return errno;
    if (S_ISLNK(st.st_mode))
        return ELOOP;
    return ::chmod(p.constData(), mode) == 0 ? 0 : errno;
}

} // namespace mk::test
