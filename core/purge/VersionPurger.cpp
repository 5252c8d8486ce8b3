// SPDX-License-Identifier: GPL-3.0-or-later
#include "VersionPurger.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDateTime>
#include <QFile>
#include <QRandomGenerator>

#include "common/FileLock.h"
#include "common/SafeFs.h"
#include "module/ModulePath.h"
#include "module/Semver.h"
#include "purge/CacheGuard.h"
#include "scan/CacheScanner.h"
#include "scan/DirReader.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

std::function<void(VersionPurger::Step)> &stepHook()
{
    static std::function<void(VersionPurger::Step)> hook;
    return hook;
}

void reached(VersionPurger::Step step)
{
    if (stepHook())
        stepHook()(step);
}

constexpr char JournalSuffix[] = ".purge";
constexpr char JournalMagic[] = "modkeeper-purge 1";

std::string newId()
{
    const auto now = QDateTime::currentMSecsSinceEpoch();
    return std::to_string(now) + '-' + std::to_string(QRandomGenerator::global()->generate());
}

bool writeAll(int fd, const std::string &data)
{
    size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += size_t(n);
    }
    return true;
}

// Removes relName below dirFd; a missing file is fine (the step may have run before a crash).
bool unlinkIfPresent(int dirFd, const std::string &name)
{
    return ::unlinkat(dirFd, name.c_str(), 0) == 0 || errno == ENOENT;
}

} // namespace

VersionPurger::VersionPurger(const QString &gomodcache, int lockTimeoutMs)
    : m_gomodcache(gomodcache), m_lockTimeoutMs(lockTimeoutMs)
{
}

VersionPurger::~VersionPurger() = default;

void VersionPurger::setStepHook(std::function<void(Step)> hook)
{
    stepHook() = std::move(hook);
}

QString VersionPurger::absolute(const std::string &rel) const
{
    return m_gomodcache + u'/' + QFile::decodeName(QByteArray::fromStdString(rel));
}

Status VersionPurger::open()
{
    // Never create a trash folder in what is not a module cache (a mistyped --modcache).
    if (Status st = CacheGuard::checkModuleCache(m_gomodcache); !st)
        return st;
    m_root.reset(::open(QFile::encodeName(m_gomodcache).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!m_root.isValid())
        return Error::fromErrno(errno, m_gomodcache, u"cannot open the module cache"_s);
    const QByteArray trash = QFile::encodeName(CacheScanner::trashDirName());
    if (::mkdirat(m_root.get(), trash.constData(), 0755) != 0 && errno != EEXIST)
        return Error::fromErrno(errno, absolute(trash.toStdString()), u"cannot create the trash directory"_s);
    m_trash = SafeFs::openDirBeneath(m_root.get(), trash.constData());
    if (!m_trash.isValid())
        return Error::fromErrno(errno, absolute(trash.toStdString()),
                                u"the trash must be a real directory inside the cache"_s);
    return {};
}

PurgeItemResult VersionPurger::purge(const QString &escapedPath, const QString &escapedVersion, PurgeMode mode,
                                     const std::function<bool()> &cancelled)
{
    return run(newId(), escapedPath.toStdString(), escapedVersion.toStdString(), mode, cancelled);
}

PurgeItemResult VersionPurger::run(const std::string &id, const std::string &escPath, const std::string &escVersion,
                                   PurgeMode mode, const std::function<bool()> &cancelled)
{
    PurgeItemResult result;
    result.mode = mode;
    result.path = QString::fromStdString(escPath);
    result.version = QString::fromStdString(escVersion);
    auto fail = [&](Error e) {
        result.outcome = PurgeOutcome::Failed;
        result.error = std::move(e);
        return result;
    };

    // Every path is derived from a validated (path, version) pair, never taken as given.
    const Expected<QString> path = ModulePath::unescapePath(result.path);
    const Expected<QString> version = ModulePath::unescapeVersion(result.version);
    if (!path.ok())
        return fail(path.error());
    if (!version.ok() || Semver::canonicalVersion(version.value()) != version.value())
        return fail(Error::make(Error::Code::InvalidArgument, u"not a canonical version"_s, result.version));
    result.path = path.value();
    result.version = version.value();
    if (!m_root.isValid() || !m_trash.isValid())
        return fail(Error::make(Error::Code::InvalidArgument, u"the purger was not opened"_s, m_gomodcache));

    const std::string vdir = "cache/download/" + escPath + "/@v";
    const std::string treeRel = escPath + '@' + escVersion;
    const QString display = QString::fromStdString(treeRel);

    // 1. The journal says what is being done, so a crash can be completed later. It stays
    // flocked while this purge runs, so recover() in another process leaves it alone.
    const std::string journal = id + JournalSuffix;
    UniqueFd jfd(::openat(m_trash.get(), journal.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
    {
        const std::string text = std::string(JournalMagic) + '\n' + escPath + '\n' + escVersion + '\n'
                                 + (mode == PurgeMode::Light ? "light" : "full") + '\n';
        int rc = -1;
        if (jfd.isValid()) {
            while ((rc = ::flock(jfd.get(), LOCK_EX)) != 0 && errno == EINTR) {
            }
        }
        if (rc != 0 || !writeAll(jfd.get(), text) || ::fsync(jfd.get()) != 0) {
            const Error e = Error::fromErrno(errno, absolute(CacheScanner::trashDirName().toStdString() + '/' + journal),
                                             u"cannot write the purge journal"_s);
            if (jfd.isValid())
                ::unlinkat(m_trash.get(), journal.c_str(), 0);
            return fail(e);
        }
        ::fsync(m_trash.get());
    }
    reached(Step::JournalWritten);
    auto dropJournal = [&] {
        ::unlinkat(m_trash.get(), journal.c_str(), 0);
    };

    // 2. go's own lock for this version.
    Expected<FileLock> lock = FileLock::acquire(m_root.get(), vdir + '/' + escVersion + ".lock",
                                                absolute(vdir + '/' + escVersion + ".lock"), m_lockTimeoutMs, cancelled);
    if (!lock.ok()) {
        dropJournal();
        return fail(lock.error());
    }
    reached(Step::Locked);

    UniqueFd vfd = SafeFs::openDirBeneath(m_root.get(), vdir.c_str());
    if (!vfd.isValid()) {
        dropJournal();
        return fail(Error::fromErrno(errno, absolute(vdir)));
    }
    auto present = [&](const char *suffix) {
        struct stat st;
        return ::fstatat(vfd.get(), (escVersion + suffix).c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
    };
    struct stat treeSt;
    const bool hasTree = SafeFs::statBeneath(m_root.get(), treeRel.c_str(), &treeSt) && S_ISDIR(treeSt.st_mode);

    // Checked again under the lock: the scan may be old.
    if (mode == PurgeMode::Light && hasTree && (!present(".zip") || !present(".ziphash"))) {
        dropJournal();
        result.outcome = PurgeOutcome::Skipped;
        result.error = Error::make(Error::Code::Refused, u"no zip is kept, so the tree cannot be dropped safely"_s, display);
        return result;
    }
    const bool hasAnything = mode == PurgeMode::Light
                                 ? hasTree
                                 : hasTree || present(".zip") || present(".ziphash") || present(".info") || present(".mod");
    if (!hasAnything && !present(".partial")) {
        dropJournal();
        result.outcome = PurgeOutcome::AlreadyGone;
        return result;
    }

    // 3. From here on no go process trusts the tree (DownloadDir checks .partial).
    {
        UniqueFd pfd(::openat(vfd.get(), (escVersion + ".partial").c_str(),
                              O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666));
        if (!pfd.isValid()) {
            dropJournal();
            return fail(Error::fromErrno(errno, absolute(vdir + '/' + escVersion + ".partial")));
        }
    }
    reached(Step::PartialCreated);

    // 4. One rename takes the tree out of the cache; the reaper deletes it later.
    if (hasTree) {
        // On failure the marker stays: go treats the version as not downloaded and repairs it.
        if (Status st = moveIntoTrash(treeRel, id, u"cannot move the tree out of the cache"_s); !st)
            return fail(st.error());
    }
    reached(Step::TreeMoved);

    // 5. The zip and its hash; for a full purge the metadata too.
    if (mode == PurgeMode::Full) {
        const std::pair<const char *, Step> steps[] = {
            {".zip", Step::ZipRemoved}, {".ziphash", Step::ZiphashRemoved}, {".info", Step::InfoRemoved}, {".mod", Step::ModRemoved}};
        for (const auto &[suffix, step] : steps) {
            if (!unlinkIfPresent(vfd.get(), escVersion + suffix))
                return fail(Error::fromErrno(errno, absolute(vdir + '/' + escVersion + suffix)));
            reached(step);
        }
        if (Status st = rewriteVersionList(m_root.get(), vdir, absolute(vdir)); !st)
            return fail(st.error());
        reached(Step::ListRewritten);
    }

    // 6. Done: the marker goes last, the lock file stays.
    if (!unlinkIfPresent(vfd.get(), escVersion + ".partial"))
        return fail(Error::fromErrno(errno, absolute(vdir + '/' + escVersion + ".partial")));
    reached(Step::PartialRemoved);
    dropJournal();
    reached(Step::JournalRemoved);
    result.outcome = PurgeOutcome::Removed;
    return result;
}

Status VersionPurger::moveIntoTrash(const std::string &treeRel, const std::string &trashName, const QString &what)
{
    if (!m_root.isValid() || !m_trash.isValid())
        return Error::make(Error::Code::InvalidArgument, u"the purger was not opened"_s, m_gomodcache);
    const size_t slash = treeRel.rfind('/');
    UniqueFd parent = slash == std::string::npos ? UniqueFd(::fcntl(m_root.get(), F_DUPFD_CLOEXEC, 0))
                                                  : SafeFs::openDirBeneath(m_root.get(), treeRel.substr(0, slash).c_str());
    const std::string name = slash == std::string::npos ? treeRel : treeRel.substr(slash + 1);
    // Moving a directory to another parent rewrites its "..": it must be writable (go made it 0555).
    if (!parent.isValid() || !SafeFs::makeWritable(parent.get(), name.c_str())
        || ::renameat(parent.get(), name.c_str(), m_trash.get(), trashName.c_str()) != 0)
        return Error::fromErrno(errno, absolute(treeRel), what);
    return {};
}

Expected<int> VersionPurger::recover()
{
    if (!m_trash.isValid())
        return Error::make(Error::Code::InvalidArgument, u"the purger was not opened"_s, m_gomodcache);
    std::vector<std::string> journals;
    {
        char buffer[DirReader::BufferSize];
        DirReader reader(m_trash.get(), buffer);
        while (const char *name = reader.next()) {
            const std::string n(name);
            if (n.size() > std::strlen(JournalSuffix) && n.compare(n.size() - std::strlen(JournalSuffix), std::string::npos, JournalSuffix) == 0)
                journals.push_back(n);
        }
    }
    int completed = 0;
    for (const std::string &journal : journals) {
        UniqueFd fd(::openat(m_trash.get(), journal.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
        if (!fd.isValid())
            continue; // completed meanwhile
        // A purge still running (here or in another process) holds its journal's lock.
        if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0)
            continue;
        struct stat st;
        if (::fstat(fd.get(), &st) != 0 || st.st_nlink == 0)
            continue; // another recovery finished it between our open and our lock
        char buf[4096];
        const ssize_t n = ::read(fd.get(), buf, sizeof buf - 1);
        const QList<QByteArray> lines = n > 0 ? QByteArray(buf, n).split('\n') : QList<QByteArray>{};
        if (lines.size() < 4 || lines[0] != JournalMagic) {
            // Torn before it was complete: nothing was done yet for it. A brand-new journal
            // may simply not be locked by its writer yet, so only old ones go.
            const qint64 age = QDateTime::currentSecsSinceEpoch() - qint64(st.st_mtime);
            if (age > 60)
                ::unlinkat(m_trash.get(), journal.c_str(), 0);
            continue;
        }
        const PurgeMode mode = lines[3] == "light" ? PurgeMode::Light : PurgeMode::Full;
        // The protocol is idempotent: running it again from the start finishes the job. It gets
        // a fresh id, so its own journal and trash entry never collide with an earlier attempt.
        const PurgeItemResult r = run(newId(), lines[1].toStdString(), lines[2].toStdString(), mode, {});
        if (r.outcome == PurgeOutcome::Failed)
            continue; // e.g. go still holds that version: keep the journal for the next time
        ::unlinkat(m_trash.get(), journal.c_str(), 0);
        ++completed;
    }
    return completed;
}

Status VersionPurger::rewriteVersionList(int rootFd, const std::string &vdirRel, const QString &displayDir)
{
    Expected<FileLock> lock = FileLock::acquire(rootFd, vdirRel + "/list", displayDir + u"/list"_s, 30000);
    if (!lock.ok())
        return lock.error();
    UniqueFd vfd = SafeFs::openDirBeneath(rootFd, vdirRel.c_str());
    if (!vfd.isValid())
        return Error::fromErrno(errno, displayDir);

    // Versions are the *.mod files whose name is a canonical version (so "!"-escaped upper
    // case is left out, exactly as go does).
    QStringList versions;
    char buffer[DirReader::BufferSize];
    DirReader reader(vfd.get(), buffer);
    while (const char *name = reader.next()) {
        const size_t len = std::strlen(name);
        if (len <= 4 || std::strcmp(name + len - 4, ".mod") != 0)
            continue;
        const QString v = QString::fromUtf8(name, qsizetype(len - 4));
        if (Semver::canonicalVersion(v) == v)
            versions.append(v);
    }
    if (reader.error())
        return Error::fromErrno(reader.error(), displayDir);
    std::sort(versions.begin(), versions.end(), [](const QString &a, const QString &b) {
        const int c = Semver::compare(a, b);
        return c != 0 ? c < 0 : a < b;
    });
    QByteArray content;
    for (const QString &v : versions)
        content += v.toUtf8() + '\n';

    const int fd = lock.value().fd();
    struct stat st;
    if (::fstat(fd, &st) == 0 && st.st_size == content.size()) {
        QByteArray old(content.size() + 1, '\0');
        const ssize_t n = ::pread(fd, old.data(), size_t(old.size()), 0);
        if (n == content.size() && old.left(n) == content)
            return {}; // no edit needed
    }
    // Truncate, zero-extend, then write: a torn write leaves NULs that can be detected.
    if (::ftruncate(fd, 0) != 0 || ::ftruncate(fd, content.size()) != 0)
        return Error::fromErrno(errno, displayDir + u"/list"_s);
    if (::pwrite(fd, content.constData(), size_t(content.size()), 0) != content.size()) {
        const int err = errno;
        (void)::ftruncate(fd, 0);
        return Error::fromErrno(err, displayDir + u"/list"_s);
    }
    return {};
}

} // namespace mk
