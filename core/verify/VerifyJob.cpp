// SPDX-License-Identifier: GPL-3.0-or-later
#include "VerifyJob.h"

#include <algorithm>
#include <atomic>
#include <climits>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QFile>
#include <QHash>
#include <QSet>
#include <QJsonDocument>
#include <QPromise>
#include <QtConcurrent>

#include "archive/Hash1.h"
#include "archive/Sha256.h"
#include "archive/ZipArchive.h"
#include "archive/ZipRules.h"
#include "common/CorePool.h"
#include "common/DirReader.h"
#include "common/SafeFs.h"
#include "common/UniqueFd.h"
#include "module/Semver.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr qsizetype readBufferSize = 1 << 20;
constexpr qsizetype maxSmallFile
    = 16 << 20;                          // .ziphash, .mod, .info are tiny; go caps go.mod at 16 MiB
constexpr int maxNamedFiles = 50;        // per kind, so a wrecked tree does not flood the report
constexpr size_t maxFilesPerPiece = 256; // small files are spread over workers too
constexpr qint64 inMemoryZipBytes = 64 << 20;

// Without touching the atime ("last used"), see SafeFs.
int openNoAtime(int dirFd, const char *name)
{
    return SafeFs::openAt(dirFd, name, O_RDONLY).release();
}

// Reads a small regular file below dirFd. nullopt with errno set when it cannot be opened.
std::optional<QByteArray> readSmall(int dirFd, const std::string &name, int *err)
{
    *err = 0;
    UniqueFd fd(openNoAtime(dirFd, name.c_str()));
    if (!fd.isValid()) {
        *err = errno;
        return std::nullopt;
    }
    struct stat st;
    if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
        *err = S_ISREG(st.st_mode) ? errno : EINVAL;
        return std::nullopt;
    }
    QByteArray data;
    char buf[65536];
    while (data.size() <= maxSmallFile) {
        const ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            *err = errno;
            return std::nullopt;
        }
        if (n == 0)
            break;
        data.append(buf, n);
    }
    return data;
}

struct TreeFile
{
    QByteArray rel; // below the tree root, '/'-separated
    int dir = 0;    // index into Work::dirs of the directory holding it
    qint64 size = 0;
    Sha256::Digest digest{};
    int err = 0; // errno when it could not be read
};

// One version in flight.
struct Work
{
    ModuleVersionRecord rec;
    VersionVerifyResult res;
    QString displayRoot; // GOMODCACHE
    QString knownSource; // "go.sum" or "the checksum database"
    QString knownGoMod;
    bool ziphashPresent = false;
    bool partial = false;
    bool sumdbFailed = false; // the lookup itself failed: not checked, not damaged

    bool hasTree = false;
    QString treePath;
    UniqueFd treeFd;
    std::vector<QByteArray> dirs; // relative directory paths ("" = root)
    std::vector<TreeFile> files;
    QStringList treeProblems; // symlinks, other non-regular entries, unreadable directories

    bool hasZip = false;
    QString zipPath;
    // Opened during preparation. Held in memory, it is shared by all pieces (reading it is
    // thread-safe and needs no system call); otherwise the first piece takes it.
    std::shared_ptr<ZipArchive> zip;
    QList<ZipEntry> entries;
    std::vector<Sha256::Digest> entryDigests;
    QString zipError;
    QString zipRulesError;
    std::mutex mutex; // zipError

    std::atomic<int> pending{0};
};

struct Task
{
    enum Kind {
        Prepare,
        TreePiece,
        ZipPiece
    } kind = Prepare;
    std::shared_ptr<Work> work;
    qsizetype index = 0; // Prepare: which input version
    size_t begin = 0;
    size_t end = 0;
};

QString displayRel(const QByteArray &rel)
{
    return QFile::decodeName(rel);
}

QString listNames(QStringList names, const QString &what)
{
    names.sort(); // byte order of UTF-16 is close enough for display
    const qsizetype shown = std::min<qsizetype>(names.size(), maxNamedFiles);
    QStringList lines;
    for (qsizetype i = 0; i < shown; ++i)
        lines.append(what + u' ' + names.at(i));
    if (names.size() > shown)
        lines.append(u"... and %1 more %2 files"_s.arg(names.size() - shown).arg(what));
    return lines.join(u'\n');
}

class Engine
{
public:
    using Emit = std::function<void(VersionVerifyResult)>;

    Engine(const VerifyJob::Options &options, const QList<ModuleVersionRecord> &versions, Emit emit,
           std::function<bool()> cancelled, std::function<void(quint64)> progress)
        : m_options(options), m_versions(versions), m_emit(std::move(emit)),
          m_cancelled(std::move(cancelled)), m_progress(std::move(progress))
    { }

    // Returns an error only when GOMODCACHE itself cannot be opened.
    Status run(int workers)
    {
        m_root = SafeFs::openPath(QFile::encodeName(m_options.gomodcache).constData(),
                                  O_RDONLY | O_DIRECTORY);
        if (!m_root.isValid())
            return Error::fromErrno(errno, m_options.gomodcache, u"cannot open the module cache"_s);
        for (qsizetype i = 0; i < m_versions.size(); ++i)
            m_queue.push_back(Task{Task::Prepare, nullptr, i, 0, 0});
        QList<QFuture<void>> helpers;
        const int extra = std::max(0, workers - 1);
        for (int i = 0; i < extra; ++i)
            helpers.append(QtConcurrent::run(CorePool::instance(), [this] {
                CorePool::markBackgroundThread();
                workLoop();
            }));
        workLoop();
        for (QFuture<void> &h : helpers)
            h.waitForFinished();
        return {};
    }

private:
    bool cancelled() const { return m_cancelled && m_cancelled(); }

    void push(Task t, bool front)
    {
        {
            std::lock_guard lk(m_mutex);
            if (front)
                m_queue.push_front(std::move(t));
            else
                m_queue.push_back(std::move(t));
        }
        m_cv.notify_one();
    }

    void workLoop()
    {
        std::vector<char> buffer(static_cast<size_t>(readBufferSize));
        while (true) {
            Task t;
            {
                std::unique_lock lk(m_mutex);
                m_cv.wait(lk, [this] { return !m_queue.empty() || m_inflight == 0; });
                if (m_queue.empty())
                    return; // nothing queued and nothing running that could queue more
                t = std::move(m_queue.front());
                m_queue.pop_front();
                ++m_inflight;
            }
            if (cancelled()) {
                std::lock_guard lk(m_mutex);
                m_queue.clear();
            } else {
                switch (t.kind) {
                case Task::Prepare:
                    prepare(t.index);
                    break;
                case Task::TreePiece:
                    hashTreePiece(*t.work, t.begin, t.end, buffer);
                    pieceDone(t.work);
                    break;
                case Task::ZipPiece:
                    hashZipPiece(*t.work, t.begin, t.end);
                    pieceDone(t.work);
                    break;
                }
            }
            {
                std::lock_guard lk(m_mutex);
                --m_inflight;
            }
            m_cv.notify_all();
        }
    }

    void addProgress(quint64 bytes)
    {
        if (m_progress)
            m_progress(bytes);
    }

    void prepare(qsizetype index)
    {
        auto w = std::make_shared<Work>();
        w->rec = m_versions.at(index);
        const ModuleVersionRecord &rec = w->rec;
        VersionVerifyResult &res = w->res;
        res.path = rec.path;
        res.version = rec.version;
        res.escapedPath = rec.escapedPath;
        res.escapedVersion = rec.escapedVersion;
        const std::string escPath = rec.escapedPath.toStdString();
        const std::string escVersion = rec.escapedVersion.toStdString();
        const std::string vdir = "cache/download/" + escPath + "/@v";
        const QString vdirPath
            = m_options.gomodcache + u"/cache/download/"_s + rec.escapedPath + u"/@v/"_s;
        const QString id = rec.id();

        // Reference hashes: go.sum first, then the checksum database.
        res.knownHash = m_options.known.zip.value(id);
        w->knownGoMod = m_options.known.goMod.value(id);
        if (!res.knownHash.isEmpty() || !w->knownGoMod.isEmpty())
            w->knownSource = u"go.sum"_s;
        if (m_options.sumLookup && (res.knownHash.isEmpty() || w->knownGoMod.isEmpty())) {
            const Expected<VerifyJob::SumdbHashes> sums
                = m_options.sumLookup(rec.path, rec.version);
            if (!sums.ok()) {
                res.problems.append(u"checksum database: "_s + sums.error().toString());
                w->sumdbFailed = true;
            } else {
                if (res.knownHash.isEmpty() && !sums->zip.isEmpty()) {
                    res.knownHash = sums->zip;
                    w->knownSource = u"the checksum database"_s;
                }
                if (w->knownGoMod.isEmpty() && !sums->goMod.isEmpty())
                    w->knownGoMod = sums->goMod;
                if (w->knownSource.isEmpty() && !w->knownGoMod.isEmpty())
                    w->knownSource = u"the checksum database"_s;
            }
        }

        UniqueFd vfd = SafeFs::openDirBeneath(m_root.get(), vdir.c_str());
        struct stat st;
        if (vfd.isValid()) {
            int err = 0;
            if (std::optional<QByteArray> h = readSmall(vfd.get(), escVersion + ".ziphash", &err)) {
                w->ziphashPresent = true;
                if (VerifyJob::isH1(*h))
                    res.ziphash = QString::fromLatin1(*h);
            } else if (err != ENOENT) {
                w->ziphashPresent = true;
                res.problems.append(
                    u"unreadable ziphash: %1"_s.arg(QString::fromLocal8Bit(std::strerror(err))));
            }
            w->partial
                = ::fstatat(vfd.get(), (escVersion + ".partial").c_str(), &st, AT_SYMLINK_NOFOLLOW)
                  == 0;

            // .mod: go re-checks it against go.sum every time it reads it.
            if (std::optional<QByteArray> mod = readSmall(vfd.get(), escVersion + ".mod", &err)) {
                addProgress(quint64(mod->size()));
                if (!w->knownGoMod.isEmpty()) {
                    res.checked |= CheckedMod;
                    const QString have = Hash1::hashGoMod(*mod);
                    if (have != w->knownGoMod) {
                        res.problems.append(
                            u"go.mod (%1.mod) does not match %2: have %3, want %4"_s.arg(
                                rec.escapedVersion, w->knownSource, have, w->knownGoMod));
                        res.needsRedownload = true;
                    }
                }
            } else if (err != ENOENT) {
                res.problems.append(u"unreadable %1.mod: %2"_s.arg(
                    rec.escapedVersion, QString::fromLocal8Bit(std::strerror(err))));
                res.needsRedownload = true;
            } else if (rec.pieces & (HasZip | HasTree)) {
                res.problems.append(u"missing %1.mod"_s.arg(rec.escapedVersion));
                res.needsRedownload = true;
            }
            // .info: go treats one it cannot parse as absent.
            if (std::optional<QByteArray> info = readSmall(vfd.get(), escVersion + ".info", &err)) {
                addProgress(quint64(info->size()));
                QJsonParseError perr;
                const QJsonDocument doc = QJsonDocument::fromJson(*info, &perr);
                if (perr.error != QJsonParseError::NoError || !doc.isObject()) {
                    res.problems.append(u"%1.info is not valid JSON"_s.arg(rec.escapedVersion));
                    res.needsRedownload = true;
                }
            }

            if (::fstatat(vfd.get(), (escVersion + ".zip").c_str(), &st, AT_SYMLINK_NOFOLLOW)
                == 0) {
                w->hasZip = true;
                w->zipPath = vdirPath + rec.escapedVersion + u".zip"_s;
                if (!S_ISREG(st.st_mode)) {
                    w->zipError = u"not a regular file"_s;
                } else {
                    // Small zips are read whole: one read instead of a seek and reads per entry.
                    Expected<ZipArchive> zip
                        = ZipArchive::openForHashing(w->zipPath, inMemoryZipBytes);
                    if (!zip.ok()) {
                        w->zipError = zip.error().message;
                    } else {
                        w->entries = zip->entries();
                        w->zip = std::make_shared<ZipArchive>(std::move(zip).value());
                        const Expected<ModuleZipContents> rules
                            = ZipRules::checkEntries(w->entries, rec.path, rec.version, {});
                        if (!rules.ok())
                            w->zipRulesError = rules.error().toString();
                    }
                }
            }
        }

        const std::string treeRel = escPath + '@' + escVersion;
        if (!w->partial && SafeFs::statBeneath(m_root.get(), treeRel.c_str(), &st)
            && S_ISDIR(st.st_mode)) {
            w->hasTree = true;
            w->treePath = m_options.gomodcache + u'/' + rec.escapedPath + u'@' + rec.escapedVersion;
            w->treeFd = SafeFs::openDirBeneath(m_root.get(), treeRel.c_str());
            if (!w->treeFd.isValid())
                w->treeProblems.append(u"unreadable directory %1: %2"_s.arg(
                    w->treePath, QString::fromLocal8Bit(std::strerror(errno))));
            else
                listTree(*w);
        }

        // Split the reading into pieces: big files and zips are shared out between workers.
        std::vector<Task> pieces;
        if (w->hasZip && w->zip) {
            w->entryDigests.resize(size_t(w->entries.size()));
            qint64 acc = 0;
            size_t begin = 0;
            for (size_t i = 0; i < size_t(w->entries.size()); ++i) {
                acc += qint64(w->entries.at(qsizetype(i)).compressedSize) + 64;
                if (acc >= m_options.splitBytes || i + 1 - begin >= maxFilesPerPiece) {
                    pieces.push_back(Task{Task::ZipPiece, w, 0, begin, i + 1});
                    begin = i + 1;
                    acc = 0;
                }
            }
            if (begin < size_t(w->entries.size()) || w->entries.isEmpty())
                pieces.push_back(Task{Task::ZipPiece, w, 0, begin, size_t(w->entries.size())});
        }
        if (w->hasTree && w->treeFd.isValid()) {
            qint64 acc = 0;
            size_t begin = 0;
            for (size_t i = 0; i < w->files.size(); ++i) {
                acc += 4096; // sizes are not known before reading (no stat per file)
                if (acc >= m_options.splitBytes || i + 1 - begin >= maxFilesPerPiece) {
                    pieces.push_back(Task{Task::TreePiece, w, 0, begin, i + 1});
                    begin = i + 1;
                    acc = 0;
                }
            }
            if (begin < w->files.size())
                pieces.push_back(Task{Task::TreePiece, w, 0, begin, w->files.size()});
        }
        w->pending = int(pieces.size()) + 1;
        // Newest pieces first: versions in flight finish before new ones start.
        for (auto it = pieces.rbegin(); it != pieces.rend(); ++it)
            push(std::move(*it), true);
        pieceDone(w);
    }

    // Records every regular file below the tree and anything else as a problem. The types
    // come from d_type where the filesystem gives them: no stat per file.
    void listTree(Work &w)
    {
        w.dirs.push_back({});
        for (size_t d = 0; d < w.dirs.size(); ++d) {
            const QByteArray rel = w.dirs[d];
            UniqueFd dfd = rel.isEmpty() ? UniqueFd(::fcntl(w.treeFd.get(), F_DUPFD_CLOEXEC, 0))
                                         : SafeFs::openDirBeneath(w.treeFd.get(), rel.constData());
            const auto problem = [&](const QByteArray &r, int err) {
                w.treeProblems.append(u"unreadable directory %1: %2"_s.arg(
                    r.isEmpty() ? u"."_s : displayRel(r),
                    QString::fromLocal8Bit(std::strerror(err))));
            };
            if (!dfd.isValid()) {
                problem(rel, errno);
                continue;
            }
            const int fd = dfd.get();
            const int err = DirReader::forEachEntry(fd, [&](const char *name, EntryType type) {
                const QByteArray childRel = rel.isEmpty() ? QByteArray(name) : rel + '/' + name;
                switch (type) {
                case EntryType::Directory:
                    w.dirs.push_back(childRel);
                    break;
                case EntryType::File:
                    w.files.push_back(TreeFile{childRel, int(d), 0, {}, 0});
                    break;
                case EntryType::Symlink:
                    w.treeProblems.append(
                        u"symbolic link %1 (go never extracts one)"_s.arg(displayRel(childRel)));
                    break;
                case EntryType::Other:
                    w.treeProblems.append(u"not a regular file: %1"_s.arg(displayRel(childRel)));
                    break;
                case EntryType::Unknown: // lstat failed where d_type was missing
                    w.files.push_back(TreeFile{childRel, int(d), 0, {}, errno});
                    break;
                }
            });
            if (err != 0)
                problem(rel, err);
        }
    }

    void hashTreePiece(Work &w, size_t begin, size_t end, std::vector<char> &buffer)
    {
        int curDir = -1;
        UniqueFd ownDir;
        int dirFd = -1;
        Sha256 sha;
        for (size_t i = begin; i < end && !cancelled(); ++i) {
            TreeFile &f = w.files[i];
            if (f.err != 0)
                continue;
            if (f.dir != curDir) {
                curDir = f.dir;
                const QByteArray &rel = w.dirs[size_t(f.dir)];
                ownDir = rel.isEmpty() ? UniqueFd()
                                       : SafeFs::openDirBeneath(w.treeFd.get(), rel.constData());
                dirFd = rel.isEmpty() ? w.treeFd.get() : ownDir.get();
            }
            if (dirFd < 0) {
                f.err = errno ? errno : EIO;
                continue;
            }
            const qsizetype slash = f.rel.lastIndexOf('/');
            const char *base = f.rel.constData() + (slash < 0 ? 0 : slash + 1);
            UniqueFd fd(openNoAtime(dirFd, base));
            if (!fd.isValid()) {
                f.err = errno;
                continue;
            }
            quint64 total = 0;
            quint64 all = 0;
            while (true) {
                const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
                if (n < 0) {
                    if (errno == EINTR)
                        continue;
                    f.err = errno;
                    break;
                }
                if (n == 0)
                    break;
                sha.update(buffer.data(), size_t(n));
                total += quint64(n);
                all += quint64(n);
                if (total >= (4u << 20)) {
                    addProgress(total);
                    total = 0;
                }
            }
            addProgress(total);
            f.size = qint64(all);
            f.digest = sha.finish();
        }
    }

    void hashZipPiece(Work &w, size_t begin, size_t end)
    {
        std::shared_ptr<ZipArchive> own;
        {
            std::lock_guard lk(w.mutex);
            if (w.zip && w.zip->inMemory())
                own = w.zip;
            else
                own = std::exchange(w.zip, nullptr); // the first piece takes the opened file
        }
        if (!own) {
            Expected<ZipArchive> reopened = ZipArchive::open(w.zipPath);
            if (!reopened.ok()) {
                std::lock_guard lk(w.mutex);
                if (w.zipError.isEmpty())
                    w.zipError = reopened.error().message;
                return;
            }
            own = std::make_shared<ZipArchive>(std::move(reopened).value());
        }
        const ZipArchive *zip = own.get();
        QByteArray buffer;
        Sha256 sha;
        for (size_t i = begin; i < end && !cancelled(); ++i) {
            const ZipEntry &e = zip->entries().at(qsizetype(i));
            quint64 pendingBytes = 0;
            const Status s = zip->read(
                e,
                [&](QByteArrayView chunk) {
                    sha.update(chunk);
                    pendingBytes += quint64(chunk.size());
                    return Status();
                },
                buffer);
            addProgress(std::min<quint64>(pendingBytes, e.compressedSize));
            if (!s.ok()) {
                std::lock_guard lk(w.mutex);
                if (w.zipError.isEmpty())
                    w.zipError = s.error().toString();
                (void)sha.finish();
                return;
            }
            w.entryDigests[i] = sha.finish();
        }
    }

    void pieceDone(const std::shared_ptr<Work> &w)
    {
        if (--w->pending == 0 && !cancelled())
            finish(*w);
    }

    void finish(Work &w)
    {
        VersionVerifyResult &res = w.res;
        const ModuleVersionRecord &rec = w.rec;
        const QString ev = rec.escapedVersion;
        bool corrupt = false, modified = false, partial = false, unverifiable = false;

        // HashZip over every entry, directory entries included (go's semantics).
        bool zipReadable = w.hasZip && w.zipError.isEmpty();
        QStringList dirEntries;
        if (zipReadable) {
            Hash1 h;
            for (qsizetype i = 0; i < w.entries.size(); ++i) {
                if (!h.add(w.entries.at(i).name, w.entryDigests[size_t(i)]).ok()) {
                    w.zipError = u"an entry name contains a newline"_s;
                    zipReadable = false;
                    break;
                }
                if (w.entries.at(i).isDirName())
                    dirEntries.append(QString::fromUtf8(w.entries.at(i).name));
            }
            if (zipReadable) {
                res.zipHash = h.finish();
                res.checked |= CheckedZip;
            }
        }
        // HashDir: names are the UNESCAPED path@version plus the relative path.
        const QByteArray prefix = (rec.path + u'@' + rec.version).toUtf8();
        QStringList unreadable;
        if (w.hasTree && w.treeFd.isValid()) {
            Hash1 h;
            for (const TreeFile &f : w.files) {
                if (f.err != 0)
                    unreadable.append(u"%1: %2"_s.arg(
                        displayRel(f.rel), QString::fromLocal8Bit(std::strerror(f.err))));
                else
                    (void)h.add(prefix + '/' + f.rel, f.digest);
            }
            if (unreadable.isEmpty() && w.treeProblems.isEmpty()) {
                res.dirHash = h.finish();
                res.checked |= CheckedTree;
            }
        }

        // The reference is the .ziphash; go.sum / sumdb vouch for it (or stand in for it).
        const QString ref = !res.ziphash.isEmpty() ? res.ziphash : res.knownHash;
        if (w.partial) {
            partial = true;
            res.problems.append(
                u"extraction incomplete: %1.partial is present (go will extract it again)"_s.arg(
                    ev));
        }
        const bool hasContent = w.hasZip || w.hasTree;
        if (!w.ziphashPresent && hasContent) {
            unverifiable = true;
            res.problems.append(u"missing ziphash"_s);
            res.needsRedownload = true;
        } else if (w.ziphashPresent && res.ziphash.isEmpty()) {
            corrupt = true;
            res.problems.append(u"garbage ziphash: %1.ziphash does not hold an h1: hash"_s.arg(ev));
            res.needsRedownload = true;
        }
        if (!res.ziphash.isEmpty() && !res.knownHash.isEmpty()) {
            res.checked |= CheckedKnown;
            if (res.ziphash != res.knownHash) {
                corrupt = true;
                res.needsRedownload = true;
                res.problems.append(u"ziphash does not match %1: ziphash %2, %1 %3"_s.arg(
                    w.knownSource, res.ziphash, res.knownHash));
            }
        }
        const bool zipSound = zipReadable && !ref.isEmpty() && res.zipHash == ref
                              && (res.knownHash.isEmpty() || res.knownHash == ref)
                              && !res.ziphash.isEmpty();
        if (w.hasZip) {
            if (!w.zipError.isEmpty()) {
                corrupt = true;
                res.needsRedownload = true;
                res.problems.append(u"zip is damaged: "_s + w.zipError);
            } else if (!ref.isEmpty() && res.zipHash != ref) {
                corrupt = true;
                res.needsRedownload = true;
                res.problems.append(u"zip has been modified"_s);
            }
            if (!w.zipRulesError.isEmpty() && w.zipError.isEmpty()) {
                corrupt = true;
                res.problems.append(u"zip breaks go's module zip rules: "_s + w.zipRulesError);
            }
        }
        bool dirEntriesOnly = false;
        if (w.hasTree) {
            for (const QString &p : std::as_const(w.treeProblems))
                res.problems.append(p);
            for (const QString &u : std::as_const(unreadable))
                res.problems.append(u"unreadable file "_s + u);
            modified = !w.treeProblems.isEmpty() || !unreadable.isEmpty();
            const bool dirDiffers = !res.dirHash.isEmpty() && !ref.isEmpty() && res.dirHash != ref;
            const bool dirVsZip = !res.dirHash.isEmpty() && ref.isEmpty() && zipReadable
                                  && res.dirHash != res.zipHash;
            if (dirDiffers || dirVsZip || modified) {
                modified = true;
                if (dirDiffers)
                    res.problems.append(u"dir has been modified"_s);
                else if (dirVsZip)
                    res.problems.append(u"dir does not match the zip"_s);
                if (zipReadable) {
                    const QStringList diff = compareWithZip(w, prefix);
                    if (diff.isEmpty() && !dirEntries.isEmpty() && unreadable.isEmpty()
                        && w.treeProblems.isEmpty()) {
                        dirEntriesOnly = true;
                        res.problems.last()
                            += u": the files match the zip, but the zip has directory entries ("_s
                               + dirEntries.join(u", "_s)
                               + u"), which go's HashZip counts and an extracted tree cannot have"_s;
                    }
                    res.problems.append(diff);
                } else if (!w.hasZip) {
                    res.problems.append(u"no zip is kept to tell which files differ"_s);
                }
            }
        }
        res.treeRepairable = zipSound && !dirEntriesOnly && (modified || partial);
        if (modified && !res.treeRepairable)
            res.needsRedownload = true;
        if (!res.problems.isEmpty() && !corrupt && !modified && !partial && !unverifiable) {
            corrupt = res.needsRedownload; // .mod / .info damage
            unverifiable = !corrupt && w.sumdbFailed;
        }
        res.status = corrupt        ? VerifyStatus::Corrupt
                     : modified     ? VerifyStatus::Modified
                     : partial      ? VerifyStatus::Partial
                     : unverifiable ? VerifyStatus::Unverifiable
                                    : VerifyStatus::Verified;
        res.ok = res.problems.isEmpty();
        quint64 bytes = 0;
        for (const TreeFile &f : w.files)
            bytes += quint64(f.size);
        for (const ZipEntry &e : std::as_const(w.entries))
            bytes += e.compressedSize;
        res.bytesRead = bytes;
        w.treeFd.reset();
        w.zip.reset();
        m_emit(res);
    }

    static QStringList compareWithZip(const Work &w, const QByteArray &prefix)
    {
        const QByteArray zipPrefix = prefix + '/';
        QHash<QByteArray, Sha256::Digest> zipFiles;
        for (qsizetype i = 0; i < w.entries.size(); ++i) {
            const QByteArray &name = w.entries.at(i).name;
            if (name.endsWith('/') || !name.startsWith(zipPrefix))
                continue;
            zipFiles.insert(name.mid(zipPrefix.size()), w.entryDigests[size_t(i)]);
        }
        QStringList modifiedFiles, extra, missing;
        QSet<QByteArray> seen;
        for (const TreeFile &f : w.files) {
            seen.insert(f.rel);
            const auto it = zipFiles.constFind(f.rel);
            if (it == zipFiles.cend())
                extra.append(displayRel(f.rel));
            else if (f.err == 0 && it.value() != f.digest)
                modifiedFiles.append(displayRel(f.rel));
        }
        for (auto it = zipFiles.cbegin(); it != zipFiles.cend(); ++it)
            if (!seen.contains(it.key()))
                missing.append(displayRel(it.key()));
        QStringList out;
        if (!modifiedFiles.isEmpty())
            out.append(listNames(modifiedFiles, u"modified file"_s).split(u'\n'));
        if (!extra.isEmpty())
            out.append(listNames(extra, u"extra file"_s).split(u'\n'));
        if (!missing.isEmpty())
            out.append(listNames(missing, u"missing file"_s).split(u'\n'));
        return out;
    }

    const VerifyJob::Options &m_options;
    const QList<ModuleVersionRecord> &m_versions;
    Emit m_emit;
    std::function<bool()> m_cancelled;
    std::function<void(quint64)> m_progress;
    UniqueFd m_root;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<Task> m_queue;
    int m_inflight = 0;
};

bool resultLess(const VersionVerifyResult &a, const VersionVerifyResult &b)
{
    if (a.path != b.path)
        return a.path < b.path;
    return Semver::less(a.version, b.version);
}

} // namespace

bool VerifyJob::isH1(QByteArrayView text)
{
    if (text.size() != 47 || !text.startsWith("h1:"))
        return false;
    const QByteArray b64(text.data() + 3, 44);
    const auto decoded
        = QByteArray::fromBase64Encoding(b64, QByteArray::AbortOnBase64DecodingErrors);
    return decoded && decoded.decoded.size() == 32 && decoded.decoded.toBase64() == b64;
}

QFuture<VersionVerifyResult> VerifyJob::start(const Options &options,
                                              const QList<ModuleVersionRecord> &versions)
{
    return QtConcurrent::run(CorePool::instance(), [options, versions](
                                                       QPromise<VersionVerifyResult> &promise) {
        CorePool::markBackgroundThread();
        quint64 totalBytes = 0;
        for (const ModuleVersionRecord &v : versions)
            totalBytes += v.apparentBytes;
        const int totalKiB = int(std::min<quint64>(totalBytes / 1024 + 1, quint64(INT_MAX)));
        promise.setProgressRange(0, totalKiB);
        std::mutex mutex;
        quint64 done = 0;
        quint64 reported = 0;
        const auto progress = [&](quint64 bytes) {
            std::lock_guard lk(mutex);
            done += bytes;
            if (done - reported >= (1u << 20)) {
                reported = done;
                promise.setProgressValueAndText(
                    int(std::min<quint64>(done / 1024, quint64(totalKiB))),
                    u"%1/%2"_s.arg(done).arg(totalBytes));
            }
        };
        const auto emitResult = [&](VersionVerifyResult r) {
            std::lock_guard lk(mutex);
            promise.addResult(std::move(r));
        };
        Engine engine(
            options, versions, emitResult, [&promise] { return promise.isCanceled(); }, progress);
        const Status s
            = engine.run(options.workers > 0 ? options.workers : CorePool::parallelism());
        if (!s.ok()) {
            VersionVerifyResult r;
            r.status = VerifyStatus::Corrupt;
            r.problems.append(s.error().toString());
            promise.addResult(r);
            return;
        }
        promise.setProgressValueAndText(totalKiB, u"%1/%2"_s.arg(done).arg(totalBytes));
    });
}

QList<VersionVerifyResult> VerifyJob::run(const Options &options,
                                          const QList<ModuleVersionRecord> &versions)
{
    QFuture<VersionVerifyResult> f = start(options, versions);
    f.waitForFinished();
    QList<VersionVerifyResult> results = f.results();
    std::stable_sort(results.begin(), results.end(), resultLess);
    return results;
}

VersionVerifyResult VerifyJob::verifyOne(const Options &options, const ModuleVersionRecord &version)
{
    const QList<ModuleVersionRecord> one{version};
    VersionVerifyResult result;
    Engine engine(options, one, [&result](VersionVerifyResult r) { result = std::move(r); }, {},
                  {});
    const Status s = engine.run(options.workers > 0 ? options.workers : CorePool::parallelism());
    if (!s.ok()) {
        result.path = version.path;
        result.version = version.version;
        result.status = VerifyStatus::Corrupt;
        result.problems.append(s.error().toString());
    }
    return result;
}

} // namespace mk
