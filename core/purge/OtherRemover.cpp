// SPDX-License-Identifier: GPL-3.0-or-later
#include "OtherRemover.h"

#include <cerrno>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QFile>
#include <QtConcurrent>

#include "common/CorePool.h"
#include "common/FileLock.h"
#include "common/SafeFs.h"
#include "common/UniqueFd.h"
#include "module/ModulePath.h"
#include "module/Semver.h"
#include "purge/CacheGuard.h"
#include "purge/TrashReaper.h"
#include "purge/VersionPurger.h"
#include "scan/CacheScanner.h"
#include "toolchain/PoolWait.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

const QString vcsPrefix = u"cache/vcs/"_s;
const QString sumdbPrefix = u"cache/download/sumdb/"_s;
const QString downloadPrefix = u"cache/download/"_s;

// The files go keeps next to a version in @v (VersionPurger's list, plus the lock).
const char *const versionSuffixes[] = {".info", ".mod", ".zip", ".ziphash", ".partial", ".lock"};

Error refuse(const QString &path, const QString &why)
{
    return Error::make(Error::Code::Refused, why, path);
}

/// Relative, no empty, "." or ".." component: what can only name something below the root.
bool isPlainRelative(const QString &rel)
{
    if (rel.isEmpty() || rel.startsWith(u'/') || rel.contains(QChar(0)))
        return false;
    for (QStringView part : QStringView(rel).split(u'/')) {
        if (part.isEmpty() || part == u"." || part == u"..")
            return false;
    }
    return true;
}

/// Whether escPath@escVersion names a module version go could have written.
bool decodesAsVersion(const QString &escPath, const QString &escVersion)
{
    const Expected<QString> path = ModulePath::unescapePath(escPath);
    const Expected<QString> version = ModulePath::unescapeVersion(escVersion);
    return path.ok() && version.ok() && Semver::canonicalVersion(version.value()) == version.value();
}

/// The checks for an unknown entry: never one of go's fixed names, the trash, or a version.
Status checkUnknown(const QString &rel)
{
    const QString trash = CacheScanner::trashDirName();
    if (rel == trash || rel.startsWith(trash + u'/'))
        return refuse(rel, u"it is ModKeeper's trash; empty the trash instead"_s);
    static const QStringList fixed = {u"cache"_s, u"cache/download"_s, u"cache/vcs"_s,
                                      u"cache/lock"_s, u"cache/download/sumdb"_s};
    if (fixed.contains(rel))
        return refuse(rel, u"go keeps this itself"_s);
    const qsizetype slash = rel.lastIndexOf(u'/');
    const QString parent = slash < 0 ? QString() : rel.left(slash);
    QString name = slash < 0 ? rel : rel.mid(slash + 1);
    if (parent.endsWith(u"/@v"_s) && parent.startsWith(downloadPrefix)) {
        const QString escPath = parent.mid(downloadPrefix.size(), parent.size()
                                                                      - downloadPrefix.size() - 3);
        if (name == u"list" || name == u"list.lock")
            return refuse(rel, u"go's version list of the module; go keeps it"_s);
        if (name.endsWith(u".*"_s))
            name.chop(2);
        for (const char *suffix : versionSuffixes) {
            const QString s = QString::fromLatin1(suffix);
            if (name.endsWith(s) && decodesAsVersion(escPath, name.chopped(s.size())))
                return refuse(rel, u"it belongs to a module version; purge the version instead"_s);
        }
        if (decodesAsVersion(escPath, name))
            return refuse(rel, u"it belongs to a module version; purge the version instead"_s);
    } else if (!rel.startsWith(u"cache/"_s) && name.contains(u'@')) {
        const qsizetype at = name.indexOf(u'@');
        const QString escPath = (parent.isEmpty() ? QString() : parent + u'/') + name.left(at);
        if (decodesAsVersion(escPath, name.mid(at + 1)))
            return refuse(rel, u"it is a module version; purge it instead"_s);
    }
    return {};
}

struct Split
{
    std::string parent; ///< empty: the root
    std::string name;
};

Split split(const QString &rel)
{
    const std::string s = QFile::encodeName(rel).toStdString();
    const size_t slash = s.rfind('/');
    if (slash == std::string::npos)
        return {std::string(), s};
    return {s.substr(0, slash), s.substr(slash + 1)};
}

UniqueFd openParent(int rootFd, const std::string &parent)
{
    return parent.empty() ? UniqueFd(::fcntl(rootFd, F_DUPFD_CLOEXEC, 0))
                          : SafeFs::openDirBeneath(rootFd, parent.c_str());
}

/// Removes one entry (already checked) with the purger's trash; fills result.
class EntryRemover
{
public:
    EntryRemover(VersionPurger &purger, const OtherRemover::Options &options,
                 const std::function<bool()> &cancelled)
        : m_purger(purger), m_options(options), m_cancelled(cancelled)
    { }

    void remove(const OtherEntry &entry, OtherRemoval &result)
    {
        switch (entry.kind) {
        case OtherKind::Vcs:
            removeVcs(entry.path, result);
            return;
        case OtherKind::Sumdb:
            removeTree(entry.path, "sumdb", result);
            return;
        case OtherKind::Unknown:
            if (entry.path.endsWith(u".*"_s))
                removeVersionFiles(entry.path, result);
            else
                removeTree(entry.path, "unknown", result);
            return;
        default:
            return; // refused by check(); the trash is reaped by the caller
        }
    }

private:
    QString absolute(const QString &rel) const { return m_options.gomodcache + u'/' + rel; }

    void fail(OtherRemoval &result, int err, const QString &rel, const QString &what = {})
    {
        result.error = Error::fromErrno(err, absolute(rel), what);
    }

    /// lstat below the root; false and errno when it cannot be reached.
    bool stat(const QString &rel, struct stat *st) const
    {
        return SafeFs::statBeneath(m_purger.rootFd(), QFile::encodeName(rel).constData(), st);
    }

    void removeVcs(const QString &rel, OtherRemoval &result)
    {
        struct stat dirSt;
        struct stat infoSt;
        const bool hasDir = stat(rel, &dirSt);
        const bool hasInfo = stat(rel + u".info"_s, &infoSt);
        if (!hasDir && !hasInfo) {
            result.alreadyGone = true;
            return;
        }
        if (hasDir && !S_ISDIR(dirSt.st_mode)) {
            result.error = refuse(absolute(rel), u"a VCS clone must be a real directory, not "
                                                 u"a symbolic link or a file"_s);
            return;
        }
        if (m_options.dryRun) {
            result.removed = true;
            return;
        }
        // The lock go's codehost.WorkDir takes while it clones, fetches or reads the clone.
        const QString lockRel = rel + u".lock"_s;
        Expected<FileLock> lock
            = FileLock::acquire(m_purger.rootFd(), QFile::encodeName(lockRel).toStdString(),
                                absolute(lockRel), m_options.lockTimeoutMs, m_cancelled);
        if (!lock.ok()) {
            result.error = lock.error();
            return;
        }
        const Split s = split(rel);
        if (hasDir) {
            if (Status st = m_purger.moveIntoTrash(QFile::encodeName(rel).toStdString(),
                                                   TrashMove::uniqueName("vcs"),
                                                   u"cannot move the clone into the trash"_s);
                !st) {
                result.error = st.error();
                return;
            }
        }
        // Without its clone the .info would make go take an empty directory for the clone.
        const UniqueFd parent = openParent(m_purger.rootFd(), s.parent);
        if (!parent.isValid() || (::unlinkat(parent.get(), (s.name + ".info").c_str(), 0) != 0
                                  && errno != ENOENT)) {
            fail(result, errno, rel + u".info"_s);
            return;
        }
        result.removed = true;
    }

    void removeTree(const QString &rel, const char *purpose, OtherRemoval &result)
    {
        struct stat st;
        if (!stat(rel, &st)) {
            if (errno == ENOENT)
                result.alreadyGone = true;
            else
                fail(result, errno, rel);
            return;
        }
        if (m_options.dryRun) {
            result.removed = true;
            return;
        }
        if (S_ISDIR(st.st_mode)) {
            if (Status moved = m_purger.moveIntoTrash(QFile::encodeName(rel).toStdString(),
                                                      TrashMove::uniqueName(purpose),
                                                      u"cannot move it into the trash"_s);
                !moved) {
                result.error = moved.error();
                return;
            }
            result.removed = true;
            return;
        }
        if (S_ISLNK(st.st_mode) == 0 && result.kind == OtherKind::Sumdb) {
            result.error = refuse(absolute(rel), u"a checksum database cache is a directory"_s);
            return;
        }
        // A file, fifo, socket or symlink: unlinking removes the entry itself, never a target.
        const Split s = split(rel);
        const UniqueFd parent = openParent(m_purger.rootFd(), s.parent);
        if (!parent.isValid() || ::unlinkat(parent.get(), s.name.c_str(), 0) != 0) {
            if (errno == ENOENT)
                result.alreadyGone = true;
            else
                fail(result, errno, rel);
            return;
        }
        result.removed = true;
    }

    void removeVersionFiles(const QString &pattern, OtherRemoval &result)
    {
        const Split s = split(pattern.chopped(2));
        const UniqueFd parent = openParent(m_purger.rootFd(), s.parent);
        if (!parent.isValid()) {
            if (errno == ENOENT)
                result.alreadyGone = true;
            else
                fail(result, errno, pattern);
            return;
        }
        bool any = false;
        for (const char *suffix : versionSuffixes) {
            const std::string name = s.name + suffix;
            struct stat st;
            if (::fstatat(parent.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0
                || S_ISDIR(st.st_mode))
                continue;
            any = true;
            if (!m_options.dryRun && ::unlinkat(parent.get(), name.c_str(), 0) != 0
                && errno != ENOENT) {
                fail(result, errno, pattern.chopped(1) + QLatin1String(suffix + 1));
                return;
            }
        }
        result.alreadyGone = !any;
        result.removed = any;
    }

    VersionPurger &m_purger;
    const OtherRemover::Options &m_options;
    const std::function<bool()> &m_cancelled;
};

} // namespace

Status OtherRemover::check(const OtherEntry &entry)
{
    const QString &rel = entry.path;
    if (!isPlainRelative(rel))
        return refuse(rel, u"not a path inside the module cache"_s);
    switch (entry.kind) {
    case OtherKind::Toolchain:
        return refuse(rel, u"toolchains are removed from the toolchains list (modkeeper-cli "
                           u"toolchains remove, or Cache \u25b8 Toolchains\u2026)"_s);
    case OtherKind::Metadata:
        return refuse(rel, u"go's own directories, version lists and lock files stay: go may "
                           u"hold them at any time, recreates them at once, and they take "
                           u"next to no space"_s);
    case OtherKind::Trash:
        if (rel != CacheScanner::trashDirName())
            return refuse(rel, u"not ModKeeper's trash"_s);
        return {};
    case OtherKind::Vcs:
        if (!rel.startsWith(vcsPrefix) || rel.indexOf(u'/', vcsPrefix.size()) >= 0
            || rel.indexOf(u'.', vcsPrefix.size()) >= 0)
            return refuse(rel, u"not a clone go keeps under cache/vcs"_s);
        return {};
    case OtherKind::Sumdb:
        if (!rel.startsWith(sumdbPrefix) || rel.indexOf(u'/', sumdbPrefix.size()) >= 0)
            return refuse(rel, u"not a checksum database cache under cache/download/sumdb"_s);
        return {};
    case OtherKind::Unknown:
        return checkUnknown(rel);
    }
    return refuse(rel, u"unknown kind"_s);
}

Expected<QList<OtherEntry>> OtherRemover::resolve(const ScanResult &scan, const QStringList &paths)
{
    QList<OtherEntry> entries;
    for (QString path : paths) {
        while (path.size() > 1 && path.endsWith(u'/'))
            path.chop(1);
        const auto it = std::find_if(scan.others.cbegin(), scan.others.cend(),
                                     [&path](const OtherEntry &e) { return e.path == path; });
        if (it == scan.others.cend())
            return Error::make(Error::Code::NotFound,
                               u"not an entry of the module cache other than a module version "
                               u"(see modkeeper-cli other)"_s,
                               path);
        entries.append(*it);
    }
    return entries;
}

QFuture<OtherRemoval> OtherRemover::start(const Options &options, const QList<OtherEntry> &entries)
{
    return QtConcurrent::run(CorePool::instance(), [options, entries](
                                                       QPromise<OtherRemoval> &promise) {
        CorePool::markBackgroundThread();
        const std::function<bool()> cancelled = [&promise] { return promise.isCanceled(); };
        promise.setProgressRange(0, int(entries.size()));
        VersionPurger purger(options.gomodcache, options.lockTimeoutMs);
        const Status opened = options.dryRun
                                  ? CacheGuard::checkModuleCache(options.gomodcache)
                                  : purger.open();
        bool reap = false;
        int done = 0;
        for (const OtherEntry &entry : entries) {
            if (promise.isCanceled())
                break;
            OtherRemoval result;
            result.path = entry.path;
            result.kind = entry.kind;
            result.diskBytes = entry.diskBytes;
            if (Status st = check(entry); !st) {
                result.error = st.error();
            } else if (!opened) {
                result.error = opened.error();
            } else if (entry.kind == OtherKind::Trash) {
                result.removed = true; // emptied below
                reap = !options.dryRun;
            } else if (options.dryRun && entry.path.endsWith(u".*"_s)) {
                result.removed = true; // a few small files, checked by the real run
            } else if (options.dryRun) {
                // Only whether it is there: stat below the root, no symlink followed.
                const UniqueFd root = SafeFs::openPath(
                    QFile::encodeName(options.gomodcache).constData(), O_RDONLY | O_DIRECTORY);
                struct stat st;
                if (root.isValid()
                    && SafeFs::statBeneath(root.get(), QFile::encodeName(entry.path).constData(),
                                           &st))
                    result.removed = true;
                else if (errno == ENOENT)
                    result.alreadyGone = true;
                else
                    result.error = Error::fromErrno(errno, options.gomodcache + u'/' + entry.path);
            } else {
                EntryRemover(purger, options, cancelled).remove(entry, result);
                reap = reap || result.removed;
            }
            promise.addResult(result);
            promise.setProgressValue(++done);
        }
        if (options.reap && reap && !promise.isCanceled()) {
            QFuture<ReapProgress> reaping = TrashReaper::start(options.gomodcache);
            waitOnCorePool(reaping);
        }
    });
}

QList<OtherRemoval> OtherRemover::run(const Options &options, const QList<OtherEntry> &entries)
{
    QFuture<OtherRemoval> f = start(options, entries);
    f.waitForFinished();
    return f.results();
}

} // namespace mk
