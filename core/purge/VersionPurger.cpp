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

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QRandomGenerator>

#include "common/FileLock.h"
#include "common/SafeFs.h"
#include "module/ModulePath.h"
#include "module/Semver.h"
#include "purge/CacheGuard.h"
#include "scan/CacheScanner.h"
#include "common/DirReader.h"

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
constexpr char JournalTmpSuffix[] = ".purge.tmp";
constexpr char JournalMagic[] = "modkeeper-purge 2";
constexpr char OldJournalMagic[]
    = "modkeeper-purge 1"; // no checksum: never trusted, only rolled back
constexpr char RollbackMode[] = "rollback";
constexpr char ChecksumTag[] = "sha256 ";

std::string newId()
{
    const auto now = QDateTime::currentMSecsSinceEpoch();
    return std::to_string(now) + '-' + std::to_string(QRandomGenerator::global()->generate());
}

// The id of one purge: its journal is "<id>.purge", its tree goes to the trash as "<id>". The
// version is in the name too ("/" as ","; neither "," nor "@" occurs in an escaped path or
// version), so a journal whose content is lost still tells what to roll back. A name that
// would be too long for the file system goes without it.
std::string purgeId(const std::string &escPath, const std::string &escVersion)
{
    std::string hint = escPath + '@' + escVersion;
    std::replace(hint.begin(), hint.end(), '/', ',');
    std::string id = newId();
    if (id.size() + 1 + hint.size() + std::strlen(".purge.tmp") <= 255)
        id += '.' + hint;
    return id;
}

// The version a purge id names, if it names one that is valid.
std::pair<std::string, std::string> versionOfId(const std::string &id)
{
    const size_t dot = id.find('.');
    const size_t at = id.find('@');
    if (dot == std::string::npos || at == std::string::npos || at < dot)
        return {};
    std::string escPath = id.substr(dot + 1, at - dot - 1);
    std::replace(escPath.begin(), escPath.end(), ',', '/');
    const std::string escVersion = id.substr(at + 1);
    const Expected<QString> path = ModulePath::unescapePath(QString::fromStdString(escPath));
    const Expected<QString> version
        = ModulePath::unescapeVersion(QString::fromStdString(escVersion));
    if (!path.ok() || !version.ok() || Semver::canonicalVersion(version.value()) != version.value())
        return {};
    return {escPath, escVersion};
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

// Reading the cache must never move an access time (it is "last used"). O_NOATIME is refused
// (EPERM) on a file we do not own: then read without it.
int openNoAtime(int dirFd, const char *name, int flags)
{
    int fd = ::openat(dirFd, name, flags | O_NOATIME);
    if (fd < 0 && errno == EPERM)
        fd = ::openat(dirFd, name, flags);
    return fd;
}

void setNoAtime(int fd)
{
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0)
        (void)::fcntl(fd, F_SETFL, flags | O_NOATIME); // EPERM: not ours, reads stay as they are
}

QByteArray sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

// Four records, then the SHA-256 of everything before the last line.
std::string journalText(const std::string &escPath, const std::string &escVersion,
                        const std::string &mode)
{
    const std::string body
        = std::string(JournalMagic) + '\n' + escPath + '\n' + escVersion + '\n' + mode + '\n';
    return body + ChecksumTag + sha256Hex(QByteArray::fromStdString(body)).toStdString() + '\n';
}

struct JournalRecord
{
    bool intact = false; ///< whole, checksum right: its records can be trusted
    std::string escPath; ///< empty when even a best guess cannot tell the version
    std::string escVersion;
    std::string mode; ///< meaningful only when intact
};

JournalRecord parseJournal(const QByteArray &data)
{
    JournalRecord r;
    const QList<QByteArray> lines = data.split('\n');
    // The version, even from a damaged journal, to roll it back: only newline-terminated lines
    // (a torn "v1.1" must not name v1.1.0's neighbour), only names that pass validation.
    if (lines.size() >= 4 && (lines[0] == JournalMagic || lines[0] == OldJournalMagic)) {
        const Expected<QString> path = ModulePath::unescapePath(QString::fromUtf8(lines[1]));
        const Expected<QString> version = ModulePath::unescapeVersion(QString::fromUtf8(lines[2]));
        if (path.ok() && version.ok()
            && Semver::canonicalVersion(version.value()) == version.value()) {
            r.escPath = lines[1].toStdString();
            r.escVersion = lines[2].toStdString();
        }
    }
    if (lines.size() == 6 && lines[0] == JournalMagic && lines[5].isEmpty() && !r.escPath.empty()
        && lines[4].startsWith(ChecksumTag)) {
        const qsizetype bodySize = data.size() - lines[4].size() - 1;
        r.intact
            = lines[4].mid(qsizetype(std::strlen(ChecksumTag))) == sha256Hex(data.left(bodySize));
        r.mode = lines[3].toStdString();
    }
    return r;
}

// Whole or not at all: a temp file, locked before it gets its name (so recovery never takes
// the journal of a purge still running), written, fsynced, then renamed over <stem>.purge.
// keepTime: the mtime to give it (a rewritten journal keeps the first one's, see rollBack()).
UniqueFd writeJournal(int trashFd, const std::string &stem, const std::string &text,
                      const struct timespec *keepTime = nullptr)
{
    const std::string tmp = stem + JournalTmpSuffix;
    const std::string name = stem + JournalSuffix;
    UniqueFd fd(
        ::openat(trashFd, tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
    if (!fd.isValid())
        return fd;
    int rc;
    while ((rc = ::flock(fd.get(), LOCK_EX)) != 0 && errno == EINTR) { }
    bool ok = rc == 0 && writeAll(fd.get(), text);
    if (ok && keepTime) {
        const struct timespec times[2] = {{0, UTIME_OMIT}, *keepTime};
        ok = ::futimens(fd.get(), times) == 0;
    }
    if (!ok || ::fsync(fd.get()) != 0
        || ::renameat(trashFd, tmp.c_str(), trashFd, name.c_str()) != 0) {
        const int err = errno;
        ::unlinkat(trashFd, tmp.c_str(), 0);
        errno = err;
        return {};
    }
    ::fsync(trashFd);
    return fd;
}

bool olderThan(const struct timespec &a, const struct timespec &b)
{
    return a.tv_sec != b.tv_sec ? a.tv_sec < b.tv_sec : a.tv_nsec < b.tv_nsec;
}

// Removes relName below dirFd; a missing file is fine (the step may have run before a crash).
bool unlinkIfPresent(int dirFd, const std::string &name)
{
    return ::unlinkat(dirFd, name.c_str(), 0) == 0 || errno == ENOENT;
}

} // namespace

VersionPurger::VersionPurger(const QString &gomodcache, int lockTimeoutMs)
    : m_gomodcache(gomodcache), m_lockTimeoutMs(lockTimeoutMs)
{ }

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
    m_root.reset(
        ::open(QFile::encodeName(m_gomodcache).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!m_root.isValid())
        return Error::fromErrno(errno, m_gomodcache, u"cannot open the module cache"_s);
    const QByteArray trash = QFile::encodeName(CacheScanner::trashDirName());
    if (::mkdirat(m_root.get(), trash.constData(), 0755) != 0 && errno != EEXIST)
        return Error::fromErrno(errno, absolute(trash.toStdString()),
                                u"cannot create the trash directory"_s);
    m_trash = SafeFs::openDirBeneath(m_root.get(), trash.constData());
    if (!m_trash.isValid())
        return Error::fromErrno(errno, absolute(trash.toStdString()),
                                u"the trash must be a real directory inside the cache"_s);
    return {};
}

PurgeItemResult VersionPurger::purge(const QString &escapedPath, const QString &escapedVersion,
                                     PurgeMode mode, const std::function<bool()> &cancelled)
{
    return run(purgeId(escapedPath.toStdString(), escapedVersion.toStdString()),
               escapedPath.toStdString(), escapedVersion.toStdString(), mode, cancelled);
}

PurgeItemResult VersionPurger::run(const std::string &id, const std::string &escPath,
                                   const std::string &escVersion, PurgeMode mode,
                                   const std::function<bool()> &cancelled)
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
        return fail(Error::make(Error::Code::InvalidArgument, u"not a canonical version"_s,
                                result.version));
    result.path = path.value();
    result.version = version.value();
    if (!m_root.isValid() || !m_trash.isValid())
        return fail(Error::make(Error::Code::InvalidArgument, u"the purger was not opened"_s,
                                m_gomodcache));

    const std::string vdir = "cache/download/" + escPath + "/@v";
    const std::string treeRel = escPath + '@' + escVersion;
    const QString display = QString::fromStdString(treeRel);

    // 1. The journal says what is being done, so a crash can be completed later. It stays
    // flocked while this purge runs, so recover() in another process leaves it alone.
    const std::string journal = id + JournalSuffix;
    UniqueFd jfd = writeJournal(m_trash.get(), id,
                                journalText(escPath, escVersion, toString(mode).toStdString()));
    if (!jfd.isValid())
        return fail(Error::fromErrno(
            errno, absolute(CacheScanner::trashDirName().toStdString() + '/' + journal),
            u"cannot write the purge journal"_s));
    reached(Step::JournalWritten);
    auto dropJournal = [&] { ::unlinkat(m_trash.get(), journal.c_str(), 0); };

    // 2. go's own lock for this version.
    Expected<FileLock> lock = FileLock::acquire(m_root.get(), vdir + '/' + escVersion + ".lock",
                                                absolute(vdir + '/' + escVersion + ".lock"),
                                                m_lockTimeoutMs, cancelled);
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
    const bool hasTree
        = SafeFs::statBeneath(m_root.get(), treeRel.c_str(), &treeSt) && S_ISDIR(treeSt.st_mode);

    // Checked again under the lock: the scan may be old.
    if (mode == PurgeMode::Light && hasTree && (!present(".zip") || !present(".ziphash"))) {
        dropJournal();
        result.outcome = PurgeOutcome::Skipped;
        result.error
            = Error::make(Error::Code::Refused,
                          u"no zip is kept, so the tree cannot be dropped safely"_s, display);
        return result;
    }
    const bool hasAnything = mode == PurgeMode::Light ? hasTree
                             : mode == PurgeMode::ModOnly
                                 ? hasTree || present(".zip") || present(".ziphash")
                                 : hasTree || present(".zip") || present(".ziphash")
                                       || present(".info") || present(".mod");
    if (!hasAnything && !present(".partial")) {
        dropJournal();
        result.outcome = PurgeOutcome::AlreadyGone;
        return result;
    }

    // 3. From here on no go process trusts the tree (DownloadDir checks .partial). A marker
    // already there is go's, from an extraction that died: it guards a half tree and stays.
    bool madePartial = false;
    {
        UniqueFd pfd(::openat(vfd.get(), (escVersion + ".partial").c_str(),
                              O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666));
        madePartial = pfd.isValid();
        if (!pfd.isValid() && errno != EEXIST) {
            dropJournal();
            return fail(Error::fromErrno(errno, absolute(vdir + '/' + escVersion + ".partial")));
        }
    }
    reached(Step::PartialCreated);

    // A purge that fails is undone, so that nothing carries it out later: the journal first
    // says so (a crash while undoing is rolled back by recover(), never completed), the tree
    // comes back, our marker goes, then the journal. Files already removed stay removed: what
    // is left is still a state go repairs.
    bool treeMoved = false;
    auto undo = [&](Error e) {
        struct stat jst;
        if (::fstat(jfd.get(), &jst) == 0) {
            if (UniqueFd again
                = writeJournal(m_trash.get(), id, journalText(escPath, escVersion, RollbackMode),
                               &jst.st_mtim);
                again.isValid())
                jfd = std::move(again);
        }
        bool undone = true;
        if (treeMoved) {
            if (Status back = trash().moveBack(id, treeRel, treeSt.st_mode); !back) {
                undone = false;
                e.message
                    += u"; the tree could not be moved back (%1) and is kept in the trash until recovery can"_s
                           .arg(back.error().toString());
            }
        } else if (hasTree) {
            // moveIntoTrash may have made the tree writable before its rename failed.
            (void)::fchmodat(m_root.get(), treeRel.c_str(), treeSt.st_mode & 07777, 0);
        }
        if (undone && madePartial && !unlinkIfPresent(vfd.get(), escVersion + ".partial")) {
            undone = false;
            e.message += u"; its .partial marker could not be removed: go will download it again"_s;
        }
        if (undone)
            dropJournal();
        return fail(std::move(e));
    };

    // 4. One rename takes the tree out of the cache; the reaper deletes it later.
    if (hasTree) {
        if (Status st = moveIntoTrash(treeRel, id, u"cannot move the tree out of the cache"_s); !st)
            return undo(st.error());
        treeMoved = true;
    }
    reached(Step::TreeMoved);

    // 5. The zip and its hash; for a full purge the metadata too.
    if (mode == PurgeMode::ModOnly) {
        // Only the module graph needs this version: .info and .mod stay, as go leaves them.
        const std::pair<const char *, Step> steps[]
            = {{".zip", Step::ZipRemoved}, {".ziphash", Step::ZiphashRemoved}};
        for (const auto &[suffix, step] : steps) {
            if (!unlinkIfPresent(vfd.get(), escVersion + suffix))
                return undo(Error::fromErrno(errno, absolute(vdir + '/' + escVersion + suffix)));
            reached(step);
        }
    }
    if (mode == PurgeMode::Full) {
        const std::pair<const char *, Step> steps[] = {{".zip", Step::ZipRemoved},
                                                       {".ziphash", Step::ZiphashRemoved},
                                                       {".info", Step::InfoRemoved},
                                                       {".mod", Step::ModRemoved}};
        for (const auto &[suffix, step] : steps) {
            if (!unlinkIfPresent(vfd.get(), escVersion + suffix))
                return undo(Error::fromErrno(errno, absolute(vdir + '/' + escVersion + suffix)));
            reached(step);
        }
        if (Status st = rewriteVersionList(m_root.get(), vdir, absolute(vdir)); !st)
            return undo(st.error());
        reached(Step::ListRewritten);
    }

    // 6. Done: the marker goes last, the lock file stays.
    if (!unlinkIfPresent(vfd.get(), escVersion + ".partial"))
        return undo(Error::fromErrno(errno, absolute(vdir + '/' + escVersion + ".partial")));
    reached(Step::PartialRemoved);
    dropJournal();
    reached(Step::JournalRemoved);
    result.outcome = PurgeOutcome::Removed;
    return result;
}

Status VersionPurger::moveIntoTrash(const std::string &treeRel, const std::string &trashName,
                                    const QString &what)
{
    if (!m_root.isValid() || !m_trash.isValid())
        return Error::make(Error::Code::InvalidArgument, u"the purger was not opened"_s,
                           m_gomodcache);
    return trash().moveIn(treeRel, trashName, what);
}

TrashMove VersionPurger::trash() const
{
    return TrashMove(m_root.get(), m_trash.get(), m_gomodcache);
}

bool VersionPurger::rollBack(const std::string &stem, const std::string &escPath,
                             const std::string &escVersion, const struct timespec &journalTime,
                             const QString &why)
{
    const std::string trashDir = CacheScanner::trashDirName().toStdString();
    PurgeItemResult note;
    note.outcome = PurgeOutcome::Failed;
    note.path = ModulePath::unescapePath(QString::fromStdString(escPath))
                    .valueOr(QString::fromStdString(escPath));
    note.version = ModulePath::unescapeVersion(QString::fromStdString(escVersion))
                       .valueOr(QString::fromStdString(escVersion));
    auto report = [&](const QString &what) {
        note.error = Error::make(Error::Code::Refused, why + u"; "_s + what,
                                 absolute(trashDir + '/' + stem + JournalSuffix));
        m_rolledBack.append(note);
    };
    struct stat st;
    const bool inTrash = ::fstatat(m_trash.get(), stem.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
    if (escPath.empty()) {
        if (inTrash) {
            report(
                u"the version cannot be told, so what was moved is kept in the trash as %1 (with its journal)"_s
                    .arg(absolute(trashDir + '/' + stem)));
            return false;
        }
        report(u"nothing had been moved into the trash; the journal was removed"_s);
        return true;
    }

    const std::string vdir = "cache/download/" + escPath + "/@v";
    const std::string treeRel = escPath + '@' + escVersion;
    Expected<FileLock> lock
        = FileLock::acquire(m_root.get(), vdir + '/' + escVersion + ".lock",
                            absolute(vdir + '/' + escVersion + ".lock"), m_lockTimeoutMs);
    if (!lock.ok()) {
        report(u"not rolled back yet (%1); tried again next time"_s.arg(lock.error().toString()));
        return false;
    }
    struct stat tst;
    const bool inPlace
        = SafeFs::statBeneath(m_root.get(), treeRel.c_str(), &tst) && S_ISDIR(tst.st_mode);
    QString done = u"rolled back, no file of the version was removed"_s;
    if (inTrash && S_ISDIR(st.st_mode) && !inPlace) {
        if (Status back = trash().moveBack(stem, treeRel, 0); !back) {
            report(u"the tree is kept in the trash as %1: %2"_s.arg(absolute(trashDir + '/' + stem),
                                                                    back.error().toString()));
            return false;
        }
        done = u"rolled back: the tree was moved back from the trash"_s;
    } else if (inTrash && inPlace) {
        // go extracted it again meanwhile: that tree is the version now, the old copy may go,
        // and a marker there is go's business.
        report(u"go had extracted the version again; the copy in the trash is dropped"_s);
        return true;
    }
    UniqueFd vfd = SafeFs::openDirBeneath(m_root.get(), vdir.c_str());
    struct stat pst;
    // Only a marker made after the journal is the purge's; an older one is go's, from an
    // extraction that died, and still guards a half tree. (A rewritten journal keeps the
    // first one's time, so this holds for it too.)
    if (vfd.isValid()
        && ::fstatat(vfd.get(), (escVersion + ".partial").c_str(), &pst, AT_SYMLINK_NOFOLLOW) == 0
        && !olderThan(pst.st_mtim, journalTime)) {
        if (!unlinkIfPresent(vfd.get(), escVersion + ".partial")) {
            report(
                u"its .partial marker could not be removed (%1): go will download the version again"_s
                    .arg(QString::fromLocal8Bit(std::strerror(errno))));
            return true; // a state go repairs; nothing is lost
        }
    }
    report(done);
    return true;
}

Expected<int> VersionPurger::recover()
{
    m_rolledBack.clear();
    if (!m_trash.isValid())
        return Error::make(Error::Code::InvalidArgument, u"the purger was not opened"_s,
                           m_gomodcache);
    std::vector<std::string> journals;
    setNoAtime(m_trash.get());
    DirReader::forEachEntry(m_trash.get(), [&](const char *name) {
        const std::string n(name);
        if (n.size() > std::strlen(JournalSuffix)
            && n.compare(n.size() - std::strlen(JournalSuffix), std::string::npos, JournalSuffix)
                   == 0)
            journals.push_back(n);
    });
    int completed = 0;
    for (const std::string &journal : journals) {
        UniqueFd fd(openNoAtime(m_trash.get(), journal.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
        if (!fd.isValid())
            continue; // completed meanwhile
        // A purge still running (here or in another process) holds its journal's lock; it
        // takes the lock before the journal gets its name.
        if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0)
            continue;
        struct stat st;
        if (::fstat(fd.get(), &st) != 0 || st.st_nlink == 0)
            continue; // another recovery finished it between our open and our lock
        QByteArray data;
        char buf[4096];
        ssize_t n;
        while (data.size() < 65536
               && ((n = ::read(fd.get(), buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR)))
            if (n > 0)
                data.append(buf, n);
        JournalRecord rec = parseJournal(data);
        const std::string stem = journal.substr(0, journal.size() - std::strlen(JournalSuffix));
        if (!rec.intact) {
            // The name was written atomically; damaged content is the weaker witness.
            if (auto [p, v] = versionOfId(stem); !p.empty()) {
                rec.escPath = p;
                rec.escVersion = v;
            }
        }
        QString why;
        if (rec.intact && (rec.mode == "full" || rec.mode == "light" || rec.mode == "mod-only")) {
            // The protocol is idempotent: running it again from the start finishes the job. It
            // gets a fresh id, so its own journal and trash entry never collide with this one's.
            const PurgeItemResult r
                = run(purgeId(rec.escPath, rec.escVersion), rec.escPath, rec.escVersion,
                      rec.mode == "light"      ? PurgeMode::Light
                      : rec.mode == "mod-only" ? PurgeMode::ModOnly
                                               : PurgeMode::Full,
                      {});
            if (r.outcome == PurgeOutcome::Removed || r.outcome == PurgeOutcome::AlreadyGone) {
                ::unlinkat(m_trash.get(), journal.c_str(), 0);
                ++completed;
                continue;
            }
            if (r.outcome == PurgeOutcome::Failed
                && (r.error.code == Error::Code::Busy || r.error.code == Error::Code::Cancelled))
                continue; // go still holds that version: keep the journal for the next time
            why = u"an interrupted purge could not be completed (%1)"_s.arg(r.error.toString());
        } else if (rec.intact && rec.mode == RollbackMode) {
            why = u"a purge failed and is undone"_s;
        } else if (rec.intact) {
            why = u"the purge journal names an unknown mode \"%1\""_s.arg(
                QString::fromStdString(rec.mode));
        } else {
            why = u"the purge journal is torn or damaged, so the purge is not completed"_s;
        }
        if (rollBack(stem, rec.escPath, rec.escVersion, st.st_mtim, why))
            ::unlinkat(m_trash.get(), journal.c_str(), 0);
    }
    return completed;
}

Status VersionPurger::rewriteVersionList(int rootFd, const std::string &vdirRel,
                                         const QString &displayDir)
{
    Expected<FileLock> lock
        = FileLock::acquire(rootFd, vdirRel + "/list", displayDir + u"/list"_s, 30000);
    if (!lock.ok())
        return lock.error();
    UniqueFd vfd = SafeFs::openDirBeneath(rootFd, vdirRel.c_str());
    if (!vfd.isValid())
        return Error::fromErrno(errno, displayDir);
    setNoAtime(vfd.get());
    setNoAtime(lock.value().fd());

    // Versions are the *.mod files whose name is a canonical version (so "!"-escaped upper
    // case is left out, exactly as go does).
    QStringList versions;
    const int readError = DirReader::forEachEntry(vfd.get(), [&](const char *name) {
        const size_t len = std::strlen(name);
        if (len <= 4 || std::strcmp(name + len - 4, ".mod") != 0)
            return;
        const QString v = QString::fromUtf8(name, qsizetype(len - 4));
        if (Semver::canonicalVersion(v) == v)
            versions.append(v);
    });
    if (readError)
        return Error::fromErrno(readError, displayDir);
    std::sort(versions.begin(), versions.end(), Semver::less);
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
