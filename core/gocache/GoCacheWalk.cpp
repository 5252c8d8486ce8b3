// SPDX-License-Identifier: GPL-3.0-or-later
#include "GoCacheWalk.h"

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <unordered_set>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QThreadPool>

#include "common/CorePool.h"
#include "common/DirReader.h"
#include "common/SafeFs.h"
#include "gocache/GoCacheFiles.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr int MaxDepth = 64; // GOCACHE is two levels deep; fuzz/ a few more

struct ParallelState
{
    std::mutex mutex;
    std::condition_variable idle;
    int active = 0;
    bool closed = false;
    std::atomic<int> next{0};
    int count = 0;
    const std::function<void(int)> *fn = nullptr;

    void work()
    {
        for (int i = next.fetch_add(1); i < count; i = next.fetch_add(1))
            (*fn)(i);
    }
};

// Totals of one part of the walk; merged at the end.
struct Acc
{
    quint64 disk = 0;
    quint64 apparent = 0;
    quint64 files = 0;
    quint64 dirs = 0;
    std::vector<GoCacheEntry> entries;
    quint64 actionsRemoved = 0;
    quint64 actionBytesFreed = 0;
    QStringList issues;
};

class Walker
{
public:
    Walker(const QString &dir, const GoCacheWalk::Options &options) : m_dir(dir), m_options(options)
    { }

    // Counts st once (hard links by inode).
    void count(const struct stat &st, Acc &acc)
    {
        if (!S_ISDIR(st.st_mode) && st.st_nlink > 1) {
            std::lock_guard lock(m_linksMutex);
            if (!m_links.insert((quint64(st.st_dev) << 40) ^ quint64(st.st_ino)).second)
                return;
        }
        acc.disk += quint64(st.st_blocks) * 512;
        acc.apparent += quint64(st.st_size);
        if (S_ISDIR(st.st_mode))
            ++acc.dirs;
        else
            ++acc.files;
    }

    void issue(Acc &acc, const std::string &rel, int err)
    {
        acc.issues << m_dir + u'/' + QString::fromUtf8(rel.c_str())
                          + u": "_s + QString::fromLocal8Bit(std::strerror(err));
    }

    // du of everything below dirFd (not dirFd itself).
    void sumTree(int dirFd, const std::string &rel, Acc &acc, int depth)
    {
        const int err = DirReader::forEachEntry(dirFd, [&](const char *name) {
            struct stat st;
            if (::fstatat(dirFd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
                if (errno != ENOENT)
                    issue(acc, rel + '/' + name, errno);
                return;
            }
            count(st, acc);
            if (S_ISDIR(st.st_mode) && depth < MaxDepth) {
                UniqueFd sub = SafeFs::openAt(dirFd, name, O_RDONLY | O_DIRECTORY);
                if (sub.isValid())
                    sumTree(sub.get(), rel + '/' + name, acc, depth + 1);
                else if (errno != ENOENT)
                    issue(acc, rel + '/' + name, errno);
            }
        });
        if (err != 0)
            issue(acc, rel, err);
    }

    // One of the 256 subdirectories: entries are recorded, anything else is only counted.
    void walkSubdir(int cacheFd, int index, Acc &acc)
    {
        const std::string sub = GoCacheWalk::subdirName(index);
        UniqueFd fd = SafeFs::openAt(cacheFd, sub.c_str(), O_RDONLY | O_DIRECTORY);
        if (!fd.isValid()) {
            if (errno != ENOENT && errno != ENOTDIR && errno != ELOOP)
                issue(acc, sub, errno);
            return;
        }
        const qint64 removeBefore = m_options.removeActionsBeforeNs;
        const int err = DirReader::forEachEntry(fd.get(), [&](const char *name) {
            struct stat st;
            if (::fstatat(fd.get(), name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
                if (errno != ENOENT)
                    issue(acc, sub + '/' + name, errno);
                return;
            }
            const size_t len = std::strlen(name);
            if (S_ISREG(st.st_mode) && GoCacheFiles::isEntryName(name, len)) {
                const qint64 mtime = qint64(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
                const bool action = GoCacheFiles::isActionName(name, len);
                if (action && mtime < removeBefore) {
                    if (::unlinkat(fd.get(), name, 0) == 0) {
                        ++acc.actionsRemoved;
                        acc.actionBytesFreed += quint64(st.st_blocks) * 512;
                        return;
                    }
                    if (errno == ENOENT)
                        return;
                    issue(acc, sub + '/' + name, errno);
                }
                GoCacheEntry e;
                if (m_options.keepNames)
                    e.name.assign(name, len);
                e.mtimeNs = mtime;
                e.diskBytes = quint64(st.st_blocks) * 512;
                e.size = quint64(st.st_size);
                e.subdir = quint8(index);
                e.action = action;
                acc.entries.push_back(std::move(e));
                count(st, acc);
                return;
            }
            count(st, acc);
            if (S_ISDIR(st.st_mode)) {
                UniqueFd d = SafeFs::openAt(fd.get(), name, O_RDONLY | O_DIRECTORY);
                if (d.isValid())
                    sumTree(d.get(), sub + '/' + name, acc, 2);
            }
        });
        if (err != 0)
            issue(acc, sub, err);
    }

private:
    QString m_dir;
    const GoCacheWalk::Options &m_options;
    std::mutex m_linksMutex;
    std::unordered_set<quint64> m_links;
};

} // namespace

std::string GoCacheWalk::subdirName(int i)
{
    static const char hex[] = "0123456789abcdef";
    return std::string{hex[(i >> 4) & 15], hex[i & 15]};
}

void GoCacheWalk::parallelFor(int count, const std::function<void(int)> &fn)
{
    auto state = std::make_shared<ParallelState>();
    state->count = count;
    state->fn = &fn;
    const int helpers = std::min(count, CorePool::parallelism()) - 1;
    for (int h = 0; h < helpers; ++h) {
        CorePool::instance()->start([state] {
            {
                std::lock_guard lock(state->mutex);
                if (state->closed)
                    return; // started after the caller finished: fn is gone
                ++state->active;
            }
            CorePool::markBackgroundThread();
            state->work();
            std::lock_guard lock(state->mutex);
            if (--state->active == 0)
                state->idle.notify_all();
        });
    }
    state->work();
    std::unique_lock lock(state->mutex);
    state->closed = true;
    state->idle.wait(lock, [&] { return state->active == 0; });
}

GoCacheWalkResult GoCacheWalk::run(int cacheFd, const QString &dir, const Options &options)
{
    GoCacheWalkResult result;
    Walker walker(dir, options);
    Acc top;
    struct stat st;
    if (::fstat(cacheFd, &st) != 0) {
        result.error = Error::fromErrno(errno, dir);
        return result;
    }
    walker.count(st, top);

    // The root: everything but the 256 subdirectories (counted by their own task).
    std::vector<bool> isSubdir(256, false);
    const int err = DirReader::forEachEntry(cacheFd, [&](const char *name) {
        struct stat est;
        if (::fstatat(cacheFd, name, &est, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno != ENOENT)
                walker.issue(top, name, errno);
            return;
        }
        walker.count(est, top);
        if (!S_ISDIR(est.st_mode))
            return;
        if (GoCacheFiles::isSubdirName(name)) {
            isSubdir[std::stoi(name, nullptr, 16)] = true;
            return;
        }
        UniqueFd d = SafeFs::openAt(cacheFd, name, O_RDONLY | O_DIRECTORY);
        if (d.isValid())
            walker.sumTree(d.get(), name, top, 1);
    });
    if (err != 0) {
        result.error = Error::fromErrno(err, dir, u"cannot list"_s);
        return result;
    }

    std::vector<Acc> parts(256);
    std::atomic<int> done{0};
    std::atomic<bool> stop{false};
    parallelFor(256, [&](int i) {
        if (stop.load(std::memory_order_relaxed))
            return;
        if (options.cancelled && options.cancelled()) {
            stop = true;
            return;
        }
        if (isSubdir[size_t(i)])
            walker.walkSubdir(cacheFd, i, parts[size_t(i)]);
        const int n = ++done;
        if (options.progress)
            options.progress(n);
    });
    result.cancelled = stop;

    size_t total = 0;
    for (const Acc &a : parts)
        total += a.entries.size();
    result.entries.reserve(total);
    parts.push_back(std::move(top));
    for (Acc &a : parts) {
        result.diskBytes += a.disk;
        result.apparentBytes += a.apparent;
        result.files += a.files;
        result.directories += a.dirs;
        result.actionsRemoved += a.actionsRemoved;
        result.actionBytesFreed += a.actionBytesFreed;
        result.issues += a.issues;
        for (GoCacheEntry &e : a.entries)
            result.entries.push_back(std::move(e));
    }
    return result;
}

} // namespace mk
