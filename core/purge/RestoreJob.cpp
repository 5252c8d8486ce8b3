// SPDX-License-Identifier: GPL-3.0-or-later
#include "RestoreJob.h"

#include <cerrno>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QFile>
#include <QtConcurrent>

#include "archive/ModuleZip.h"
#include "common/CorePool.h"
#include "common/FileLock.h"
#include "common/SafeFs.h"
#include "purge/VersionPurger.h"

using namespace Qt::StringLiterals;

namespace mk {

PurgeItemResult RestoreJob::restoreOne(int rootFd, const Options &options,
                                       const ModuleVersionRecord &version,
                                       const std::function<bool()> &cancelled)
{
    PurgeItemResult result;
    result.path = version.path;
    result.version = version.version;
    result.mode = PurgeMode::Light;
    auto fail = [&](Error e) {
        result.outcome = PurgeOutcome::Failed;
        result.error = std::move(e);
        return result;
    };
    const std::string escPath = version.escapedPath.toStdString();
    const std::string escVersion = version.escapedVersion.toStdString();
    const std::string vdir = "cache/download/" + escPath + "/@v";
    const std::string treeRel = escPath + '@' + escVersion;
    auto abs = [&](const std::string &rel) -> QString {
        return options.gomodcache + u'/' + QFile::decodeName(QByteArray::fromStdString(rel));
    };

    Expected<FileLock> lock = FileLock::acquire(rootFd, vdir + '/' + escVersion + ".lock",
                                                abs(vdir + '/' + escVersion + ".lock"),
                                                options.lockTimeoutMs, cancelled);
    if (!lock.ok())
        return fail(lock.error());
    UniqueFd vfd = SafeFs::openDirBeneath(rootFd, vdir.c_str());
    if (!vfd.isValid())
        return fail(Error::fromErrno(errno, abs(vdir)));

    // The kept hash is what the zip must still match.
    QByteArray ziphash;
    {
        UniqueFd hfd = SafeFs::openAt(vfd.get(), (escVersion + ".ziphash").c_str(), O_RDONLY);
        if (!hfd.isValid())
            return fail(Error::make(
                Error::Code::NotFound,
                u"no .ziphash is kept, so the zip cannot be checked; download it instead"_s,
                abs(vdir + '/' + escVersion + ".ziphash")));
        char buf[128];
        const ssize_t n = ::read(hfd.get(), buf, sizeof buf);
        ziphash = n > 0 ? QByteArray(buf, n) : QByteArray();
    }
    if (ziphash.size() != 47 || !ziphash.startsWith("h1:"))
        return fail(Error::make(Error::Code::Security,
                                u"the .ziphash is damaged; download the version instead"_s,
                                abs(vdir + '/' + escVersion + ".ziphash")));
    struct stat st;
    const bool partialMarker
        = ::fstatat(vfd.get(), (escVersion + ".partial").c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
    const bool hasTree = SafeFs::statBeneath(rootFd, treeRel.c_str(), &st) && S_ISDIR(st.st_mode);
    if (hasTree && !partialMarker) {
        result.outcome = PurgeOutcome::Skipped;
        result.error = Error::make(Error::Code::None, u"already complete"_s, abs(treeRel));
        return result;
    }
    const QString zipPath = abs(vdir + '/' + escVersion + ".zip");
    if (::fstatat(vfd.get(), (escVersion + ".zip").c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0
        || !S_ISREG(st.st_mode))
        return fail(Error::make(Error::Code::NotFound,
                                u"no zip is kept; download the version instead"_s, zipPath));

    // go's order: marker first, then a half tree (if any) goes, then extraction.
    {
        UniqueFd pfd(::openat(vfd.get(), (escVersion + ".partial").c_str(),
                              O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666));
        if (!pfd.isValid())
            return fail(Error::fromErrno(errno, abs(vdir + '/' + escVersion + ".partial")));
    }
    if (hasTree) {
        VersionPurger purger(options.gomodcache);
        if (Status s = purger.open(); !s)
            return fail(s.error());
        if (Status moved = purger.trash().moveIn(treeRel, TrashMove::uniqueName("restore"),
                                                 u"cannot move the half-extracted tree aside"_s);
            !moved)
            return fail(moved.error());
    }
    ModuleZip::ExtractOptions extract;
    extract.expectedHash = QString::fromLatin1(ziphash);
    extract.cacheRw = options.cacheRw;
    const Expected<ModuleZip::ExtractResult> done
        = ModuleZip::extractAt(zipPath, rootFd, QByteArray::fromStdString(treeRel), version.path,
                               version.version, extract);
    if (!done.ok())
        return fail(done.error()); // the marker stays: go sees the version as not extracted
    if (::unlinkat(vfd.get(), (escVersion + ".partial").c_str(), 0) != 0 && errno != ENOENT)
        return fail(Error::fromErrno(errno, abs(vdir + '/' + escVersion + ".partial")));
    result.outcome = PurgeOutcome::Restored;
    result.bytes = quint64(done.value().bytesWritten);
    return result;
}

QFuture<PurgeItemResult> RestoreJob::start(const Options &options,
                                           const QList<ModuleVersionRecord> &versions)
{
    return QtConcurrent::run(CorePool::instance(), [options,
                                                    versions](QPromise<PurgeItemResult> &promise) {
        promise.setProgressRange(0, int(versions.size()));
        UniqueFd root = SafeFs::openPath(QFile::encodeName(options.gomodcache).constData(),
                                         O_RDONLY | O_DIRECTORY);
        if (!root.isValid()) {
            PurgeItemResult r;
            r.outcome = PurgeOutcome::Failed;
            r.error
                = Error::fromErrno(errno, options.gomodcache, u"cannot open the module cache"_s);
            promise.addResult(r);
            return;
        }
        const auto cancelled = [&promise] { return promise.isCanceled(); };
        int done = 0;
        for (const ModuleVersionRecord &v : versions) {
            if (promise.isCanceled())
                return;
            promise.addResult(restoreOne(root.get(), options, v, cancelled));
            promise.setProgressValue(++done);
        }
    });
}

QList<PurgeItemResult> RestoreJob::run(const Options &options,
                                       const QList<ModuleVersionRecord> &versions)
{
    QFuture<PurgeItemResult> f = start(options, versions);
    f.waitForFinished();
    return f.results();
}

bool RestoreJob::isRestorable(const ModuleVersionRecord &version)
{
    return (version.pieces & HasZip) && (version.pieces & HasZiphash)
           && (version.state == VersionState::ArchiveOnly
               || version.state == VersionState::Partial);
}

} // namespace mk
