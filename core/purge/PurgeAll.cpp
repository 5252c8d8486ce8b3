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
#include <QtConcurrent/QtConcurrentRun>

#include "common/CorePool.h"
#include "common/SafeFs.h"
#include "purge/CacheGuard.h"
#include "purge/VersionPurger.h"
#include "scan/CacheScanner.h"
#include "common/DirReader.h"

using namespace Qt::StringLiterals;

namespace mk {

Status PurgeAll::check(const QString &gomodcache)
{
    return CacheGuard::checkEmptiable(gomodcache);
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
        return Error::fromErrno(errno, gomodcache + u'/'
                                           + QString::fromStdString(trashName + '/' + entry));
    UniqueFd dest = SafeFs::openDirBeneath(purger.trashFd(), entry.c_str());
    if (!dest.isValid())
        return Error::fromErrno(errno, gomodcache + u'/'
                                           + QString::fromStdString(trashName + '/' + entry));

    std::vector<std::string> names;
    DirReader::forEachEntry(purger.rootFd(), [&](const char *name) {
        if (trashName != name)
            names.emplace_back(name);
    });
    // cache/ first: without the .ziphash files every tree counts as not downloaded.
    std::stable_partition(names.begin(), names.end(),
                          [](const std::string &n) { return n == "cache"; });

    Result result;
    result.trashEntry = gomodcache + u'/' + QString::fromStdString(trashName + '/' + entry);
    for (const std::string &name : names) {
        // A directory moved to another parent needs write permission (go's trees are 0555).
        struct stat st;
        if (::fstatat(purger.rootFd(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0
            && S_ISDIR(st.st_mode))
            (void)SafeFs::makeWritable(purger.rootFd(), name.c_str());
        if (::renameat(purger.rootFd(), name.c_str(), dest.get(), name.c_str()) != 0) {
            if (errno == ENOENT)
                continue;
            return Error::fromErrno(
                errno, gomodcache + u'/' + QString::fromStdString(name),
                u"cannot move it aside (what was moved already is in the trash)"_s);
        }
        result.moved.append(QFile::decodeName(QByteArray::fromStdString(name)));
    }
    return result;
}

QFuture<Expected<PurgeAll::Result>> PurgeAll::start(const QString &gomodcache)
{
    return QtConcurrent::run(CorePool::instance(), [gomodcache] {
        CorePool::markBackgroundThread();
        return moveAside(gomodcache);
    });
}

} // namespace mk
