// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScanJob.h"

#include <algorithm>
#include <climits>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <unordered_set>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QElapsedTimer>
#include <QFile>
#include <QLocale>
#include <QThreadPool>

#include "common/CorePool.h"
#include "common/SafeFs.h"
#include "module/ModulePath.h"
#include "module/Semver.h"
#include "common/DirReader.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr int MaxDepth = 256; // deeper trees are reported, not walked (bounds open fds)
const std::string DownloadPrefix = "cache/download/";

// Sizes of a set of entries, counted the way du counts them.
struct Acc
{
    quint64 disk = 0;
    quint64 apparent = 0;
    quint64 files = 0;
    quint64 dirs = 0;

    void operator+=(const Acc &o)
    {
        disk += o.disk;
        apparent += o.apparent;
        files += o.files;
        dirs += o.dirs;
    }
    [[nodiscard]] bool empty() const
    {
        return disk == 0 && apparent == 0 && files == 0 && dirs == 0;
    }
};

enum class TaskKind {
    Namespace,
    ModuleTree,
    Cache,
    Vcs,
    DownloadNamespace,
    Sumdb,
    VersionDir,
    Subtree,
    Plain
};

struct Task
{
    TaskKind kind;
    std::string rel; // relative to GOMODCACHE; "" is the root
    struct stat st;  // lstat of rel, taken by whoever found it
    OtherKind otherKind = OtherKind::Unknown;
};

// The six files go keeps per version in @v, longest suffix first so ".ziphash" wins over ".zip".
struct Suffix
{
    const char *text;
    size_t len;
    VersionPiece piece;
};
constexpr Suffix versionSuffixes[] = {
    {".ziphash", 8, HasZiphash}, {".partial", 8, HasPartial}, {".info", 5, HasInfo},
    {".lock", 5, HasLock},       {".zip", 4, HasZip},         {".mod", 4, HasMod},
};

bool endsWith(const std::string &s, const char *suffix, size_t len)
{
    return s.size() > len && s.compare(s.size() - len, len, suffix) == 0;
}

QDateTime timeOf(const struct timespec &ts)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000, Qt::UTC);
}

bool timeLess(const struct timespec &a, const struct timespec &b)
{
    return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec < b.tv_nsec);
}

// The @v files of one version, as found by lstat.
struct VersionFiles
{
    quint8 pieces = 0;
    Acc acc;
    struct timespec ziphashMtime
    {
    }, infoMtime{};
    struct timespec newestAtime
    { };
    bool haveAtime = false;
};

struct Decoded
{
    QString path;
    QString version;
    QString error; // empty when decoded
};

Decoded decode(const std::string &escPath, const std::string &escVersion)
{
    Decoded d;
    const QString ep = QString::fromUtf8(escPath.data(), qsizetype(escPath.size()));
    const QString ev = QString::fromUtf8(escVersion.data(), qsizetype(escVersion.size()));
    Expected<QString> path = ModulePath::unescapePath(ep);
    if (!path.ok()) {
        d.error = path.error().message;
        return d;
    }
    Expected<QString> version = ModulePath::unescapeVersion(ev);
    if (!version.ok()) {
        d.error = version.error().message;
        return d;
    }
    // go's CachePath refuses anything but canonical versions, so go never wrote this name.
    if (Semver::canonicalVersion(version.value()) != version.value()) {
        d.error = u"version \"%1\" is not canonical"_s.arg(version.value());
        return d;
    }
    d.path = path.value();
    d.version = version.value();
    return d;
}

struct InodeKey
{
    dev_t dev;
    ino_t ino;
    bool operator==(const InodeKey &o) const { return dev == o.dev && ino == o.ino; }
};
struct InodeHash
{
    size_t operator()(const InodeKey &k) const
    {
        return std::hash<quint64>()(quint64(k.ino) * 31 + quint64(k.dev));
    }
};

} // namespace

/// State shared by the job's workers. Helpers hold it by shared_ptr, so a helper that the pool
/// starts late finds it closed and leaves without touching the promise.
class ScanEngine final : public std::enable_shared_from_this<ScanEngine>
{
public:
    ScanEngine(const CacheScanner::Options &options, QPromise<ScanChunk> &promise)
        : m_options(options), m_promise(&promise)
    { }

    void run();

private:
    // Work queue.
    void push(Task &&task);
    void workerLoop();
    void process(const Task &task);
    [[nodiscard]] bool cancelled() const { return m_promise->isCanceled(); }

    // Walkers, one per kind of place in the cache.
    void processNamespace(const Task &task);
    void processModuleTree(const Task &task);
    void processCache(const Task &task);
    void processVcs(const Task &task);
    void processDownloadNamespace(const Task &task);
    void processSumdb(const Task &task);
    void processVersionDir(const Task &task);
    void processSubtree(const Task &task);
    void processPlain(const Task &task);

    void sumTree(int dirFd, std::string &path, Acc &acc, int depth);
    UniqueFd openRel(const std::string &rel);
    UniqueFd openOrIssue(const std::string &rel);
    template<typename Fn>
    void forEachStat(int dirFd, const std::string &dirRel, Fn &&fn);
    void addStat(Acc &acc, const struct stat &st);
    VersionFiles statVersionFiles(int vdirFd, const std::string &escVersion);

    // Results.
    void emitVersion(ModuleVersionRecord &&record, const Acc &acc);
    void emitOther(OtherKind kind, const std::string &rel, const Acc &acc,
                   const QString &detail = {});
    void emitUnknown(const std::string &rel, const struct stat &st, const QString &detail = {});
    void addMetadata(Acc &bucket, const struct stat &st);
    void issue(const std::string &rel, int err, const QString &what = {});
    void maybeFlush(std::unique_lock<std::mutex> &lock);
    void flush(bool final);
    [[nodiscard]] QString absolute(const std::string &rel) const;

    CacheScanner::Options m_options;
    QPromise<ScanChunk> *m_promise;
    QByteArray m_rootPath;
    UniqueFd m_root;
    AtimeMode m_atime = AtimeMode::Unknown;

    std::mutex m_queueMutex;
    std::condition_variable m_queueCv;
    std::deque<Task> m_queue;
    int m_active = 0;
    int m_helpers = 0;
    bool m_closed = false;

    std::mutex m_resultMutex;
    ScanChunk m_pending;
    ScanTotals m_totals;
    QElapsedTimer m_sinceFlush;
    bool m_flushedOnce = false;
    // Aggregated metadata: the root and directories above module trees; cache/ and cache/vcs;
    // everything of cache/download that belongs to no version.
    Acc m_metaRoot, m_metaCache, m_metaDownload;

    std::mutex m_inodeMutex;
    std::unordered_set<InodeKey, InodeHash> m_seenInodes;
};

void ScanEngine::run()
{
    m_rootPath = QFile::encodeName(m_options.gomodcache);
    while (m_rootPath.size() > 1 && m_rootPath.endsWith('/'))
        m_rootPath.chop(1);
    m_atime = CacheScanner::detectAtimeMode(m_options.gomodcache);
    m_sinceFlush.start();

    struct stat rootSt;
    m_root = SafeFs::openPath(m_rootPath.constData(), O_RDONLY | O_DIRECTORY);
    if (!m_root.isValid() || ::fstat(m_root.get(), &rootSt) != 0) {
        m_pending.error
            = Error::fromErrno(errno, m_options.gomodcache, u"cannot read the module cache"_s);
        flush(true);
        return;
    }
    {
        std::lock_guard lock(m_resultMutex);
        Acc unused;
        addMetadata(m_options.plainTree ? unused : m_metaRoot, rootSt);
    }
    push(Task{m_options.plainTree ? TaskKind::Plain : TaskKind::Namespace, {}, rootSt});

    const int workers = m_options.workers > 0 ? m_options.workers : CorePool::parallelism();
    for (int i = 1; i < workers; ++i) {
        CorePool::instance()->start([self = shared_from_this()] {
            {
                std::lock_guard lock(self->m_queueMutex);
                if (self->m_closed)
                    return;
                ++self->m_helpers;
            }
            self->workerLoop();
            std::lock_guard lock(self->m_queueMutex);
            --self->m_helpers;
            self->m_queueCv.notify_all();
        });
    }
    workerLoop();
    {
        std::unique_lock lock(m_queueMutex);
        m_queueCv.wait(lock, [this] { return m_helpers == 0; });
        m_closed = true;
    }
    if (cancelled())
        return;

    std::lock_guard lock(m_resultMutex);
    if (m_options.plainTree) {
        flush(true);
        return;
    }
    // Metadata last: the aggregates are complete only now.
    const std::pair<const char *, Acc *> metas[]
        = {{".", &m_metaRoot}, {"cache", &m_metaCache}, {"cache/download", &m_metaDownload}};
    for (const auto &[rel, acc] : metas) {
        if (acc->empty())
            continue;
        OtherEntry e;
        e.kind = OtherKind::Metadata;
        e.path = QString::fromLatin1(rel);
        e.diskBytes = acc->disk;
        e.apparentBytes = acc->apparent;
        e.files = acc->files;
        m_pending.others.append(e);
    }
    flush(true);
}

void ScanEngine::push(Task &&task)
{
    std::lock_guard lock(m_queueMutex);
    m_queue.push_back(std::move(task));
    m_queueCv.notify_one();
}

void ScanEngine::workerLoop()
{
    CorePool::markBackgroundThread();
    while (true) {
        Task task;
        {
            std::unique_lock lock(m_queueMutex);
            m_queueCv.wait(lock, [this] { return !m_queue.empty() || m_active == 0; });
            if (m_queue.empty()) {
                m_queueCv.notify_all();
                return;
            }
            task = std::move(m_queue.front());
            m_queue.pop_front();
            ++m_active;
        }
        if (!cancelled())
            process(task);
        std::lock_guard lock(m_queueMutex);
        --m_active;
        if (m_active == 0 && m_queue.empty())
            m_queueCv.notify_all();
    }
}

void ScanEngine::process(const Task &task)
{
    switch (task.kind) {
    case TaskKind::Namespace:
        processNamespace(task);
        break;
    case TaskKind::ModuleTree:
        processModuleTree(task);
        break;
    case TaskKind::Cache:
        processCache(task);
        break;
    case TaskKind::Vcs:
        processVcs(task);
        break;
    case TaskKind::DownloadNamespace:
        processDownloadNamespace(task);
        break;
    case TaskKind::Sumdb:
        processSumdb(task);
        break;
    case TaskKind::VersionDir:
        processVersionDir(task);
        break;
    case TaskKind::Subtree:
        processSubtree(task);
        break;
    case TaskKind::Plain:
        processPlain(task);
        break;
    }
}

QString ScanEngine::absolute(const std::string &rel) const
{
    QString abs = QFile::decodeName(m_rootPath);
    if (!rel.empty())
        abs += u'/' + QFile::decodeName(QByteArray::fromStdString(rel));
    return abs;
}

UniqueFd ScanEngine::openRel(const std::string &rel)
{
    if (rel.empty())
        return UniqueFd(::fcntl(m_root.get(), F_DUPFD_CLOEXEC, 0));
    return SafeFs::openDirBeneath(m_root.get(), rel.c_str());
}

UniqueFd ScanEngine::openOrIssue(const std::string &rel)
{
    UniqueFd dir = openRel(rel);
    if (!dir.isValid())
        issue(rel, errno);
    return dir;
}

// fn(name, st) for every entry of dirFd with its lstat; fn returns false to stop. An entry
// that vanished meanwhile is skipped (go may be working here), other failures are issues.
template<typename Fn>
void ScanEngine::forEachStat(int dirFd, const std::string &dirRel, Fn &&fn)
{
    const int err = DirReader::forEachEntry(dirFd, [&](const char *name) {
        struct stat st;
        if (::fstatat(dirFd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno != ENOENT)
                issue(dirRel.empty() ? std::string(name) : dirRel + '/' + name, errno);
            return true;
        }
        return fn(name, st);
    });
    if (err != 0)
        issue(dirRel, err);
}

void ScanEngine::addStat(Acc &acc, const struct stat &st)
{
    quint64 disk = quint64(st.st_blocks) * 512;
    quint64 apparent = quint64(st.st_size);
    // du counts a hard-linked inode once.
    if (!S_ISDIR(st.st_mode) && st.st_nlink > 1) {
        std::lock_guard lock(m_inodeMutex);
        if (!m_seenInodes.insert({st.st_dev, st.st_ino}).second)
            disk = apparent = 0;
    }
    acc.disk += disk;
    acc.apparent += apparent;
    if (S_ISDIR(st.st_mode))
        ++acc.dirs;
    else
        ++acc.files;
}

// Sums everything below an open directory. DirReader's buffers are per thread and per
// nesting level, and path grows in place, so the walk allocates nothing per entry.
void ScanEngine::sumTree(int dirFd, std::string &path, Acc &acc, int depth)
{
    if (!m_options.sizeTrees)
        return;
    if (depth >= MaxDepth) {
        issue(path, ELOOP, u"directory nesting too deep, not walked"_s);
        return;
    }
    const size_t base = path.size();
    forEachStat(dirFd, path, [&](const char *name, const struct stat &st) {
        addStat(acc, st);
        if (!S_ISDIR(st.st_mode))
            return true;
        path.append("/").append(name);
        const int child = SafeFs::openAt(dirFd, name, O_RDONLY | O_DIRECTORY).release();
        if (child < 0) {
            if (errno != ENOENT)
                issue(path, errno);
        } else {
            sumTree(child, path, acc, depth + 1);
            ::close(child);
        }
        path.resize(base);
        return true;
    });
}

void ScanEngine::processNamespace(const Task &task)
{
    const UniqueFd dir = openOrIssue(task.rel);
    if (!dir.isValid())
        return;
    forEachStat(dir.get(), task.rel, [&](const char *name, const struct stat &st) {
        if (cancelled())
            return false;
        const std::string rel = task.rel.empty() ? std::string(name) : task.rel + '/' + name;
        const bool isDir = S_ISDIR(st.st_mode);
        if (task.rel.empty() && isDir && std::strcmp(name, "cache") == 0) {
            push(Task{TaskKind::Cache, rel, st});
        } else if (task.rel.empty() && isDir
                   && CacheScanner::trashDirName() == QLatin1String(name)) {
            push(Task{TaskKind::Subtree, rel, st, OtherKind::Trash});
        } else if (isDir && std::strchr(name, '@')) {
            push(Task{TaskKind::ModuleTree, rel, st});
        } else if (isDir) {
            {
                std::lock_guard lock(m_resultMutex);
                addMetadata(m_metaRoot, st);
            }
            push(Task{TaskKind::Namespace, rel, st});
        } else {
            emitUnknown(rel, st,
                        S_ISLNK(st.st_mode) ? u"symbolic link (not followed)"_s
                                            : u"file where go keeps only directories"_s);
        }
        return true;
    });
}

VersionFiles ScanEngine::statVersionFiles(int vdirFd, const std::string &escVersion)
{
    VersionFiles vf;
    std::string name;
    for (const Suffix &s : versionSuffixes) {
        name.assign(escVersion).append(s.text);
        struct stat st;
        if (::fstatat(vdirFd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || S_ISDIR(st.st_mode))
            continue;
        vf.pieces |= s.piece;
        addStat(vf.acc, st);
        if (s.piece == HasZiphash)
            vf.ziphashMtime = st.st_mtim;
        if (s.piece == HasInfo)
            vf.infoMtime = st.st_mtim;
        if (s.piece == HasZiphash || s.piece == HasMod || s.piece == HasInfo) {
            if (!vf.haveAtime || timeLess(vf.newestAtime, st.st_atim))
                vf.newestAtime = st.st_atim;
            vf.haveAtime = true;
        }
    }
    return vf;
}

namespace {

void fillTimes(ModuleVersionRecord &r, const VersionFiles &vf, AtimeMode atime)
{
    if (vf.pieces & HasZiphash)
        r.downloaded = timeOf(vf.ziphashMtime);
    else if (vf.pieces & HasInfo)
        r.downloaded = timeOf(vf.infoMtime);
    if (vf.haveAtime && atime != AtimeMode::NoAtime)
        r.lastUsed = timeOf(vf.newestAtime);
}

} // namespace

void ScanEngine::processModuleTree(const Task &task)
{
    Acc acc;
    addStat(acc, task.st);
    if (const UniqueFd dir = openOrIssue(task.rel); dir.isValid()) {
        std::string path = task.rel;
        sumTree(dir.get(), path, acc, 1);
    }
    const size_t slash = task.rel.rfind('/');
    const std::string name = slash == std::string::npos ? task.rel : task.rel.substr(slash + 1);
    const size_t at = name.find('@');
    const std::string escPath
        = (slash == std::string::npos ? std::string() : task.rel.substr(0, slash + 1))
          + name.substr(0, at);
    const std::string escVersion = name.substr(at + 1);
    const Decoded d = decode(escPath, escVersion);
    if (!d.error.isEmpty()) {
        emitOther(OtherKind::Unknown, task.rel, acc, d.error);
        return;
    }

    VersionFiles vf;
    const std::string vdir = DownloadPrefix + escPath + "/@v";
    if (UniqueFd vfd = SafeFs::openDirBeneath(m_root.get(), vdir.c_str()); vfd.isValid())
        vf = statVersionFiles(vfd.get(), escVersion);
    const quint64 treeFiles = acc.files;
    const quint64 treeBytes = acc.disk;
    acc += vf.acc;

    if (d.path == u"golang.org/toolchain") {
        emitOther(OtherKind::Toolchain, task.rel, acc, d.version);
        return;
    }
    ModuleVersionRecord r;
    r.path = d.path;
    r.version = d.version;
    r.escapedPath = QString::fromStdString(escPath);
    r.escapedVersion = QString::fromStdString(escVersion);
    r.pieces = vf.pieces | HasTree;
    r.state = versionStateOf(r.pieces);
    r.files = treeFiles;
    r.treeBytes = treeBytes;
    fillTimes(r, vf, m_atime);
    emitVersion(std::move(r), acc);
}

void ScanEngine::processCache(const Task &task)
{
    {
        std::lock_guard lock(m_resultMutex);
        addMetadata(m_metaCache, task.st);
    }
    const UniqueFd dir = openOrIssue(task.rel);
    if (!dir.isValid())
        return;
    forEachStat(dir.get(), task.rel, [&](const char *name, const struct stat &st) {
        const std::string rel = task.rel + '/' + name;
        const bool isDir = S_ISDIR(st.st_mode);
        if (isDir && std::strcmp(name, "download") == 0) {
            {
                std::lock_guard lock(m_resultMutex);
                addMetadata(m_metaDownload, st);
            }
            push(Task{TaskKind::DownloadNamespace, rel, st});
        } else if (isDir && std::strcmp(name, "vcs") == 0) {
            push(Task{TaskKind::Vcs, rel, st});
        } else if (!isDir && std::strcmp(name, "lock") == 0) {
            std::lock_guard lock(m_resultMutex);
            addMetadata(m_metaCache, st);
        } else if (isDir) {
            push(Task{TaskKind::Subtree, rel, st, OtherKind::Unknown});
        } else {
            emitUnknown(rel, st);
        }
        return true;
    });
}

void ScanEngine::processVcs(const Task &task)
{
    {
        std::lock_guard lock(m_resultMutex);
        addMetadata(m_metaCache, task.st);
    }
    const UniqueFd dir = openOrIssue(task.rel);
    if (!dir.isValid())
        return;
    // A clone is <hash>/ plus <hash>.info and <hash>.lock: group by the name before the dot.
    std::map<std::string, Acc> clones;
    bool stopped = false;
    forEachStat(dir.get(), task.rel, [&](const char *name, const struct stat &st) {
        if (cancelled()) {
            stopped = true;
            return false;
        }
        const std::string entry(name);
        Acc &acc = clones[entry.substr(0, entry.find('.'))];
        addStat(acc, st);
        if (S_ISDIR(st.st_mode)) {
            const int child = SafeFs::openAt(dir.get(), name, O_RDONLY | O_DIRECTORY).release();
            std::string path = task.rel + '/' + entry;
            if (child < 0) {
                issue(path, errno);
                return true;
            }
            sumTree(child, path, acc, 3);
            ::close(child);
        }
        return true;
    });
    if (stopped)
        return;
    for (const auto &[hash, acc] : clones)
        emitOther(OtherKind::Vcs, task.rel + '/' + hash, acc);
}

void ScanEngine::processDownloadNamespace(const Task &task)
{
    const UniqueFd dir = openOrIssue(task.rel);
    if (!dir.isValid())
        return;
    const bool atTop = task.rel == "cache/download";
    forEachStat(dir.get(), task.rel, [&](const char *name, const struct stat &st) {
        if (cancelled())
            return false;
        const std::string rel = task.rel + '/' + name;
        if (!S_ISDIR(st.st_mode)) {
            emitUnknown(rel, st);
            return true;
        }
        {
            std::lock_guard lock(m_resultMutex);
            addMetadata(m_metaDownload, st);
        }
        if (atTop && std::strcmp(name, "sumdb") == 0)
            push(Task{TaskKind::Sumdb, rel, st});
        else if (std::strcmp(name, "@v") == 0)
            push(Task{TaskKind::VersionDir, rel, st});
        else
            push(Task{TaskKind::DownloadNamespace, rel, st});
        return true;
    });
}

void ScanEngine::processSumdb(const Task &task)
{
    const UniqueFd dir = openOrIssue(task.rel);
    if (!dir.isValid())
        return;
    forEachStat(dir.get(), task.rel, [&](const char *name, const struct stat &st) {
        const std::string rel = task.rel + '/' + name;
        if (S_ISDIR(st.st_mode)) {
            push(Task{TaskKind::Subtree, rel, st, OtherKind::Sumdb});
        } else {
            emitUnknown(rel, st);
        }
        return true;
    });
}

void ScanEngine::processVersionDir(const Task &task)
{
    const UniqueFd dir = openOrIssue(task.rel);
    if (!dir.isValid())
        return;
    // cache/download/<escaped path>/@v
    const std::string escPath
        = task.rel.substr(DownloadPrefix.size(), task.rel.size() - DownloadPrefix.size() - 3);

    std::map<std::string, VersionFiles> versions;
    Acc meta;
    forEachStat(dir.get(), task.rel, [&](const char *name, const struct stat &st) {
        const std::string entry(name);
        if (S_ISDIR(st.st_mode)) {
            push(Task{TaskKind::Subtree, task.rel + '/' + entry, st, OtherKind::Unknown});
            return true;
        }
        if (entry == "list" || entry == "list.lock" || endsWith(entry, ".tmp", 4)) {
            addStat(meta, st); // go's version list, and temp files of interrupted writes
            return true;
        }
        const Suffix *match = nullptr;
        for (const Suffix &s : versionSuffixes) {
            if (endsWith(entry, s.text, s.len)) {
                match = &s;
                break;
            }
        }
        if (!match) {
            emitUnknown(task.rel + '/' + entry, st);
            return true;
        }
        // Only the presence is recorded here; the stats are taken again below for versions
        // without a tree, in one place with the tree walker's logic.
        versions[entry.substr(0, entry.size() - match->len)].pieces |= match->piece;
        return true;
    });

    for (const auto &[escVersion, found] : versions) {
        const Decoded d = decode(escPath, escVersion);
        if (d.error.isEmpty()) {
            // A decodable version with a real tree belongs to the tree walker, files included.
            struct stat treeSt;
            const std::string tree = escPath + '@' + escVersion;
            if (SafeFs::statBeneath(m_root.get(), tree.c_str(), &treeSt) && S_ISDIR(treeSt.st_mode))
                continue;
        }
        const VersionFiles vf = statVersionFiles(dir.get(), escVersion);
        if (!d.error.isEmpty()) {
            emitOther(OtherKind::Unknown, task.rel + '/' + escVersion + ".*", vf.acc, d.error);
            continue;
        }
        if (d.path == u"golang.org/toolchain") {
            emitOther(OtherKind::Toolchain, task.rel + '/' + escVersion + ".*", vf.acc, d.version);
            continue;
        }
        if ((vf.pieces & ~HasLock) == 0) {
            meta += vf.acc; // only go's lock file is left: purged, or never downloaded
            continue;
        }
        ModuleVersionRecord r;
        r.path = d.path;
        r.version = d.version;
        r.escapedPath = QString::fromStdString(escPath);
        r.escapedVersion = QString::fromStdString(escVersion);
        r.pieces = vf.pieces;
        r.state = versionStateOf(r.pieces);
        fillTimes(r, vf, m_atime);
        emitVersion(std::move(r), vf.acc);
    }
    if (!meta.empty()) {
        std::lock_guard lock(m_resultMutex);
        m_metaDownload += meta;
        m_totals.diskBytes += meta.disk;
        m_totals.apparentBytes += meta.apparent;
        m_totals.files += meta.files;
        m_totals.directories += meta.dirs;
    }
}

void ScanEngine::processSubtree(const Task &task)
{
    Acc acc;
    addStat(acc, task.st);
    if (const UniqueFd dir = openOrIssue(task.rel); dir.isValid()) {
        std::string path = task.rel;
        sumTree(dir.get(), path, acc, 1);
    }
    emitOther(task.otherKind, task.rel, acc);
}

// A plain tree: subdirectories become tasks so both cores share the walk; the sizes go into
// the totals only.
void ScanEngine::processPlain(const Task &task)
{
    const UniqueFd dir = openOrIssue(task.rel);
    if (!dir.isValid())
        return;
    Acc acc;
    bool stopped = false;
    forEachStat(dir.get(), task.rel, [&](const char *name, const struct stat &st) {
        if (cancelled()) {
            stopped = true;
            return false;
        }
        addStat(acc, st);
        if (S_ISDIR(st.st_mode))
            push(Task{TaskKind::Plain, task.rel.empty() ? std::string(name) : task.rel + '/' + name,
                      st});
        return true;
    });
    if (stopped)
        return;
    std::unique_lock lock(m_resultMutex);
    m_totals.diskBytes += acc.disk;
    m_totals.apparentBytes += acc.apparent;
    m_totals.files += acc.files;
    m_totals.directories += acc.dirs;
}

void ScanEngine::addMetadata(Acc &bucket, const struct stat &st)
{
    // Called with m_resultMutex held.
    Acc acc;
    addStat(acc, st);
    bucket += acc;
    m_totals.diskBytes += acc.disk;
    m_totals.apparentBytes += acc.apparent;
    m_totals.files += acc.files;
    m_totals.directories += acc.dirs;
}

void ScanEngine::emitVersion(ModuleVersionRecord &&record, const Acc &acc)
{
    record.diskBytes = acc.disk;
    record.apparentBytes = acc.apparent;
    std::unique_lock lock(m_resultMutex);
    m_totals.diskBytes += acc.disk;
    m_totals.apparentBytes += acc.apparent;
    m_totals.files += acc.files;
    m_totals.directories += acc.dirs;
    ++m_totals.versions;
    m_pending.versions.append(std::move(record));
    maybeFlush(lock);
}

void ScanEngine::emitOther(OtherKind kind, const std::string &rel, const Acc &acc,
                           const QString &detail)
{
    OtherEntry e;
    e.kind = kind;
    e.path = QFile::decodeName(QByteArray::fromStdString(rel));
    e.diskBytes = acc.disk;
    e.apparentBytes = acc.apparent;
    e.files = acc.files;
    e.detail = detail;
    std::unique_lock lock(m_resultMutex);
    m_totals.diskBytes += acc.disk;
    m_totals.apparentBytes += acc.apparent;
    m_totals.files += acc.files;
    m_totals.directories += acc.dirs;
    m_pending.others.append(std::move(e));
    maybeFlush(lock);
}

// One entry where go keeps nothing like it (a stray file, a symlink, a fifo or socket).
void ScanEngine::emitUnknown(const std::string &rel, const struct stat &st, const QString &detail)
{
    Acc acc;
    addStat(acc, st);
    emitOther(OtherKind::Unknown, rel, acc, detail);
}

void ScanEngine::issue(const std::string &rel, int err, const QString &what)
{
    ScanIssue i;
    i.path = absolute(rel);
    i.sysErrno = err;
    i.message = what.isEmpty() ? QString::fromLocal8Bit(std::strerror(err)) : what;
    std::unique_lock lock(m_resultMutex);
    m_pending.issues.append(std::move(i));
    maybeFlush(lock);
}

void ScanEngine::maybeFlush(std::unique_lock<std::mutex> &)
{
    // The first rows go out at once; after that at most every flushIntervalMs.
    if (!m_flushedOnce || m_sinceFlush.elapsed() >= m_options.flushIntervalMs)
        flush(false);
}

void ScanEngine::flush(bool final)
{
    // Called with m_resultMutex held (or before any worker started).
    m_pending.totals = m_totals;
    m_pending.atimeMode = m_atime;
    m_pending.final = final;
    m_promise->setProgressValueAndText(
        int(std::min<quint64>(m_totals.files + m_totals.directories, INT_MAX)),
        QStringLiteral("%1 versions, %2")
            .arg(m_totals.versions)
            .arg(QLocale::system().formattedDataSize(qint64(m_totals.diskBytes), 1,
                                                     QLocale::DataSizeTraditionalFormat)));
    m_promise->addResult(std::move(m_pending));
    m_pending = ScanChunk();
    m_flushedOnce = true;
    m_sinceFlush.restart();
}

ScanJob::ScanJob(const CacheScanner::Options &options, QPromise<ScanChunk> &promise)
    : m_engine(std::make_shared<ScanEngine>(options, promise))
{ }

ScanJob::~ScanJob() = default;

void ScanJob::run()
{
    m_engine->run();
}

} // namespace mk
