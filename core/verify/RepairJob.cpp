// SPDX-License-Identifier: GPL-3.0-or-later
#include "RepairJob.h"

#include <cerrno>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QFile>
#include <QPromise>
#include <QtConcurrent>

#include "archive/ModuleZip.h"
#include "common/CorePool.h"
#include "common/FileLock.h"
#include "common/SafeFs.h"
#include "common/UniqueFd.h"
#include "purge/VersionPurger.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

VerifyJob::Options verifyOptions(const RepairJob::Options &options)
{
    VerifyJob::Options v;
    v.gomodcache = options.gomodcache;
    v.known = options.known;
    v.sumLookup = options.sumLookup;
    return v;
}

QString readZiphash(int vfd, const std::string &name)
{
    UniqueFd fd = SafeFs::openAt(vfd, name.c_str(), O_RDONLY);
    if (!fd.isValid())
        return {};
    char buf[128];
    const ssize_t n = ::read(fd.get(), buf, sizeof buf);
    return n > 0 ? QString::fromLatin1(buf, n) : QString();
}

// Re-extracts the tree of a version whose zip is sound (see RepairJob's class comment).
Status reextract(const RepairJob::Options &options, const ModuleVersionRecord &v,
                 const QString &ziphash, const std::function<bool()> &cancelled)
{
    const QString &root = options.gomodcache;
    UniqueFd rootFd = SafeFs::openPath(QFile::encodeName(root).constData(), O_RDONLY | O_DIRECTORY);
    if (!rootFd.isValid())
        return Error::fromErrno(errno, root, u"cannot open the module cache"_s);
    VersionPurger purger(root, options.lockTimeoutMs);
    if (Status s = purger.open(); !s)
        return s;

    const std::string escPath = v.escapedPath.toStdString();
    const std::string escVersion = v.escapedVersion.toStdString();
    const std::string vdir = "cache/download/" + escPath + "/@v";
    const std::string treeRel = escPath + '@' + escVersion;
    const auto abs = [&](const std::string &rel) -> QString {
        return root + u'/' + QFile::decodeName(QByteArray::fromStdString(rel));
    };

    Expected<FileLock> lock = FileLock::acquire(rootFd.get(), vdir + '/' + escVersion + ".lock",
                                                abs(vdir + '/' + escVersion + ".lock"),
                                                options.lockTimeoutMs, cancelled);
    if (!lock.ok())
        return lock.error();
    UniqueFd vfd = SafeFs::openDirBeneath(rootFd.get(), vdir.c_str());
    if (!vfd.isValid())
        return Error::fromErrno(errno, abs(vdir));
    // What was verified must still hold now that go cannot change it under us.
    if (readZiphash(vfd.get(), escVersion + ".ziphash") != ziphash)
        return Error::make(Error::Code::Busy,
                           u"the .ziphash changed while repairing; verify again"_s,
                           abs(vdir + '/' + escVersion + ".ziphash"));

    const size_t slash = treeRel.rfind('/');
    const std::string parentRel
        = slash == std::string::npos ? std::string() : treeRel.substr(0, slash);
    const std::string name = slash == std::string::npos ? treeRel : treeRel.substr(slash + 1);
    const TrashMove trash = purger.trash();
    const std::string stamp = TrashMove::uniqueName("repair");
    const std::string staging = ".modkeeper-" + stamp;
    const std::string stagingRel = parentRel.empty() ? staging : parentRel + '/' + staging;

    // 1. The new tree, complete and hash-checked, next to the old one (go never looks there).
    ModuleZip::ExtractOptions extract;
    extract.expectedHash = ziphash;
    extract.cacheRw = options.cacheRw;
    const Expected<ModuleZip::ExtractResult> done
        = ModuleZip::extractAt(abs(vdir + '/' + escVersion + ".zip"), rootFd.get(),
                               QByteArray::fromStdString(stagingRel), v.path, v.version, extract);
    if (!done.ok())
        return done.error(); // extractAt removed what it wrote; the cache is as it was

    UniqueFd parent = parentRel.empty() ? UniqueFd(::fcntl(rootFd.get(), F_DUPFD_CLOEXEC, 0))
                                        : SafeFs::openDirBeneath(rootFd.get(), parentRel.c_str());
    const auto discardStaging = [&] {
        // Into the trash, where the reaper removes it.
        if (parent.isValid())
            (void)trash.moveInAt(parent.get(), staging, stamp + "-unused");
    };
    if (!parent.isValid()) {
        const int err = errno;
        discardStaging();
        return Error::fromErrno(err, abs(parentRel));
    }
    // 2. go's marker: from here until it is removed, go treats the version as not extracted.
    const std::string partial = escVersion + ".partial";
    {
        UniqueFd pfd(::openat(vfd.get(), partial.c_str(),
                              O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666));
        if (!pfd.isValid()) {
            const int err = errno;
            discardStaging();
            return Error::fromErrno(err, abs(vdir + '/' + partial));
        }
    }
    // 3. The damaged tree goes to the trash in one rename.
    const std::string oldName = stamp + "-damaged";
    struct stat st;
    const bool hadTree = ::fstatat(parent.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
    if (hadTree) {
        if (!S_ISDIR(st.st_mode) || !trash.moveInAt(parent.get(), name, oldName)) {
            const int err = S_ISDIR(st.st_mode) ? errno : ENOTDIR;
            discardStaging();
            (void)::unlinkat(vfd.get(), partial.c_str(), 0); // the old tree is untouched
            return Error::fromErrno(err, abs(treeRel), u"cannot move the damaged tree aside"_s);
        }
    }
    // 4. The new tree takes its place (same directory: one rename).
    if (::renameat(parent.get(), staging.c_str(), parent.get(), name.c_str()) != 0) {
        const int err = errno;
        if (hadTree && trash.moveBackAt(oldName, parent.get(), name, st.st_mode))
            (void)::unlinkat(vfd.get(), partial.c_str(), 0);
        // else the marker stays: go extracts the version again from its zip by itself
        discardStaging();
        return Error::fromErrno(err, abs(treeRel), u"cannot move the repaired tree into place"_s);
    }
    // 5. Complete again.
    if (::unlinkat(vfd.get(), partial.c_str(), 0) != 0 && errno != ENOENT)
        return Error::fromErrno(errno, abs(vdir + '/' + partial));
    return {};
}

} // namespace

RepairResult RepairJob::repairOne(const Options &options, const ModuleVersionRecord &version,
                                  const std::function<bool()> &cancelled)
{
    RepairResult result;
    result.path = version.path;
    result.version = version.version;
    const VerifyJob::Options vopts = verifyOptions(options);
    const VersionVerifyResult before = VerifyJob::verifyOne(vopts, version);
    result.problems = before.problems;
    result.after = before.status;
    if (before.ok) {
        result.outcome = RepairOutcome::NothingToDo;
        return result;
    }
    const QString display
        = options.gomodcache + u'/' + version.escapedPath + u'@' + version.escapedVersion;
    if (before.treeRepairable) {
        if (Status s = reextract(options, version, before.ziphash, cancelled); !s) {
            result.outcome = RepairOutcome::Failed;
            result.error = s.error();
            return result;
        }
        result.outcome = RepairOutcome::Reextracted;
    } else if (options.redownload) {
        if (Status s = options.redownload(options.gomodcache, version, cancelled); !s) {
            result.outcome = RepairOutcome::Failed;
            result.error = s.error();
            return result;
        }
        result.outcome = RepairOutcome::Redownloaded;
    } else {
        result.outcome = RepairOutcome::NeedsRedownload;
        const QString why
            = before.problems.isEmpty() ? u"not repairable offline"_s : before.problems.first();
        result.error = Error::make(
            Error::Code::Unsupported,
            u"needs redownload (%1); re-extracting cannot fix it and the downloader is not available yet, so nothing was changed"_s
                .arg(why),
            display);
        return result;
    }
    // A fresh scan record is not needed: verification looks at the disk, not at the pieces.
    ModuleVersionRecord now = version;
    now.pieces |= HasTree;
    const VersionVerifyResult after = VerifyJob::verifyOne(vopts, now);
    result.after = after.status;
    if (!after.ok) {
        result.outcome = RepairOutcome::Failed;
        result.error = Error::make(
            Error::Code::Io, u"still damaged after the repair: "_s + after.problems.join(u"; "_s),
            display);
    }
    return result;
}

QFuture<RepairResult> RepairJob::start(const Options &options,
                                       const QList<ModuleVersionRecord> &versions)
{
    return QtConcurrent::run(CorePool::instance(),
                             [options, versions](QPromise<RepairResult> &promise) {
                                 CorePool::markBackgroundThread();
                                 promise.setProgressRange(0, int(versions.size()));
                                 const auto cancelled = [&promise] { return promise.isCanceled(); };
                                 int done = 0;
                                 for (const ModuleVersionRecord &v : versions) {
                                     if (promise.isCanceled())
                                         return;
                                     promise.addResult(repairOne(options, v, cancelled));
                                     promise.setProgressValue(++done);
                                 }
                             });
}

QList<RepairResult> RepairJob::run(const Options &options,
                                   const QList<ModuleVersionRecord> &versions)
{
    QFuture<RepairResult> f = start(options, versions);
    f.waitForFinished();
    return f.results();
}

} // namespace mk
