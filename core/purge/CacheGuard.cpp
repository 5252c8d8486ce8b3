// SPDX-License-Identifier: GPL-3.0-or-later
#include "CacheGuard.h"

#include <cerrno>

#include <sys/stat.h>

#include <QDir>
#include <QFile>

#include "scan/CacheScanner.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

bool isDirectory(const QString &path)
{
    struct stat st;
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 && S_ISDIR(st.st_mode);
}

} // namespace

Status CacheGuard::checkModuleCache(const QString &gomodcache)
{
    auto refuse
        = [&](const QString &why) { return Error::make(Error::Code::Refused, why, gomodcache); };
    if (gomodcache.isEmpty())
        return refuse(u"GOMODCACHE is empty"_s);
    if (QDir::isRelativePath(gomodcache))
        return refuse(u"GOMODCACHE is a relative path; go itself requires an absolute one"_s);
    const QString clean = QDir::cleanPath(gomodcache);
    struct stat st;
    if (::lstat(QFile::encodeName(clean).constData(), &st) != 0)
        return Error::fromErrno(errno, gomodcache);
    if (S_ISLNK(st.st_mode))
        return refuse(u"GOMODCACHE is a symbolic link; point it at the real directory"_s);
    if (!S_ISDIR(st.st_mode))
        return refuse(u"not a directory"_s);
    if (!hasCacheLayout(clean))
        return refuse(notACacheMessage() + u"; nothing was changed"_s);
    return {};
}

bool CacheGuard::hasCacheLayout(const QString &dir)
{
    // After a purge-all only our trash may be left: still a cache.
    const QString clean = QDir::cleanPath(dir);
    return isDirectory(clean + u"/cache/download"_s)
           || isDirectory(clean + u'/' + CacheScanner::trashDirName());
}

QString CacheGuard::notACacheMessage()
{
    return u"has no cache/download directory, so it does not look like a Go module cache"_s;
}

Status CacheGuard::checkEmptiable(const QString &gomodcache)
{
    auto refuse
        = [&](const QString &why) { return Error::make(Error::Code::Refused, why, gomodcache); };
    if (!gomodcache.isEmpty() && !QDir::isRelativePath(gomodcache)) {
        const QString clean = QDir::cleanPath(gomodcache);
        if (clean == u"/"_s)
            return refuse(u"refusing to empty the root directory"_s);
        for (const QString &home : {QDir::homePath(), qEnvironmentVariable("HOME")}) {
            if (home.isEmpty())
                continue;
            const QString h = QDir::cleanPath(home);
            if (clean == h || h.startsWith(clean + u'/'))
                return refuse(u"refusing to empty the home directory or a directory above it"_s);
        }
    }
    if (Status st = checkModuleCache(gomodcache); !st)
        return st;
    // Purge-all needs a real cache, not just a trash folder.
    struct stat st;
    if (::lstat(QFile::encodeName(QDir::cleanPath(gomodcache) + u"/cache/download"_s).constData(),
                &st)
            != 0
        || !S_ISDIR(st.st_mode))
        return refuse(
            u"has no cache/download directory, so it does not look like a Go module cache"_s);
    return {};
}

} // namespace mk
