// SPDX-License-Identifier: GPL-3.0-or-later
#include "PurgeAll.h"

#include <algorithm>
#include <cerrno>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>

#include "common/SafeFs.h"
#include "purge/VersionPurger.h"
#include "scan/CacheScanner.h"
#include "scan/DirReader.h"

using namespace Qt::StringLiterals;

namespace mk {

Status PurgeAll::check(const QString &gomodcache)
{
    auto refuse = [&](const QString &why) { return Error::make(Error::Code::Refused, why, gomodcache); };
    if (gomodcache.isEmpty())
        return refuse(u"GOMODCACHE is empty"_s);
    if (QDir::isRelativePath(gomodcache))
        return refuse(u"GOMODCACHE is a relative path; go itself requires an absolute one"_s);
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
    struct stat st;
    if (::lstat(QFile::encodeName(clean).constData(), &st) != 0)
        return Error::fromErrno(errno, gomodcache);
    if (S_ISLNK(st.st_mode))
        return refuse(u"GOMODCACHE is a symbolic link; point it at the real directory"_s);
    if (!S_ISDIR(st.st_mode))
        return refuse(u"not a directory"_s);
    if (::lstat(QFile::encodeName(clean + u"/cache/download"_s).constData(), &st) != 0 || !S_ISDIR(st.st_mode))
        return refuse(u"has no cache/download directory, so it does not look like a Go module cache"_s);
    return {};
}

Expected<PurgeAll::Result> PurgeAll::moveAside(const QString &gomodcache)
{
    if (Status st = check(gomodcache); !st)
        return st.error();
    VersionPurger purger(QDir::cleanPath(gomodcache));
    if (Status st = purger.open(); !st)
        return st.error();

    const std::string trashName = QFile::encodeName(CacheScanner::trashDirName()).toStdString();
    const std::string entry = std::to_string(QDateTime::currentMSecsSinceEpoch()) + '-'
                              + std::to_string(QRandomGenerator::global()->generate()) + "-all";
    if (::mkdirat(purger.trashFd(), entry.c_str(), 0755) != 0)
        return Error::fromErrno(errno, gomodcache + u'/' + QString::fromStdString(trashName + '/' + entry));
    UniqueFd dest = SafeFs::openDirBeneath(purger.trashFd(), entry.c_str());
    if (!dest.isValid())
        return Error::fromErrno(errno, gomodcache + u'/' + QString::fromStdString(trashName + '/' + entry));

    std::vector<std::string> names;
    {
        char buffer[DirReader::BufferSize];
        DirReader reader(purger.rootFd(), buffer);
        while (const char *name = reader.next())
            if (trashName != name)
                names.emplace_back(name);
    }
    // cache/ first: without the .ziphash files every tree counts as not downloaded.
    std::stable_partition(names.begin(), names.end(), [](const std::string &n) { return n == "cache"; });

    Result result;
    result.trashEntry = gomodcache + u'/' + QString::fromStdString(trashName + '/' + entry);
    for (const std::string &name : names) {
        // A directory moved to another parent needs write permission (go's trees are 0555).
        struct stat st;
        if (::fstatat(purger.rootFd(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))
            (void)SafeFs::makeWritable(purger.rootFd(), name.c_str());
        if (::renameat(purger.rootFd(), name.c_str(), dest.get(), name.c_str()) != 0) {
            if (errno == ENOENT)
                continue;
            return Error::fromErrno(errno, gomodcache + u'/' + QString::fromStdString(name),
                                    u"cannot move it aside (what was moved already is in the trash)"_s);
        }
        result.moved.append(QFile::decodeName(QByteArray::fromStdString(name)));
    }
    return result;
}

} // namespace mk
