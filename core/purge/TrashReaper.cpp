// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrashReaper.h"

#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QElapsedTimer>
#include <QFile>
#include <QThreadPool>
#include <QtConcurrent>

#include "common/CorePool.h"
#include "common/SafeFs.h"
#include "scan/CacheScanner.h"
#include "common/DirReader.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

bool endsWith(const std::string &name, const char *suffix)
{
    const size_t n = std::strlen(suffix);
    return name.size() > n && name.compare(name.size() - n, n, suffix) == 0;
}

/// What the reaper must leave in the trash top level: purge journals; a journal still being
/// written (a crashed one goes after a minute); and "<id>", what the purge of "<id>.purge"
/// moved there, until recovery has completed or rolled back that purge (it may move it back).
std::set<std::string> keptNames(int trashFd)
{
    std::vector<std::string> names;
    DirReader::forEachEntry(trashFd, [&names](const char *name) { names.emplace_back(name); });
    std::set<std::string> kept;
    const time_t now = ::time(nullptr);
    for (const std::string &n : names) {
        if (endsWith(n, ".purge")) {
            kept.insert(n);
            kept.insert(n.substr(0, n.size() - 6));
        } else if (endsWith(n, ".purge.tmp")) {
            struct stat st;
            if (::fstatat(trashFd, n.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0
                && now - st.st_mtime < 60)
                kept.insert(n);
        }
    }
    return kept;
}

/// Phase 1, on every worker: unlink all non-directories, directory by directory. Phase 2, on
/// one thread: remove the now empty directory skeleton bottom-up.
class Reaper final : public std::enable_shared_from_this<Reaper>
{
public:
    Reaper(QString gomodcache, QPromise<ReapProgress> &promise)
        : m_gomodcache(std::move(gomodcache)), m_promise(&promise)
    { }

    void run()
    {
        m_sinceReport.start();
        m_root
            = SafeFs::openPath(QFile::encodeName(m_gomodcache).constData(), O_RDONLY | O_DIRECTORY);
        if (!m_root.isValid()) {
            issue(m_gomodcache, errno);
            report(true);
            return;
        }
        m_trash = SafeFs::openDirBeneath(
            m_root.get(), QFile::encodeName(CacheScanner::trashDirName()).constData());
        if (!m_trash.isValid()) {
            if (errno != ENOENT) // no trash: nothing to do
                issue(trashPath({}), errno);
            report(true);
            return;
        }
        struct stat st;
        if (::fstat(m_trash.get(), &st) != 0) {
            issue(trashPath({}), errno);
            report(true);
            return;
        }
        m_dev = st.st_dev;
        m_mnt = SafeFs::mountId(m_trash.get(), "");

        // Top level: files go now, directories become tasks. Purge journals and what they
        // may still need stay.
        {
            const std::set<std::string> kept = keptNames(m_trash.get());
            DirReader::forEachEntry(m_trash.get(), [&](const char *name) {
                if (kept.count(name) == 0)
                    removeOrQueue(m_trash.get(), {}, name);
            });
        }
        const int workers = CorePool::parallelism();
        for (int i = 1; i < workers; ++i) {
            CorePool::instance()->start([self = shared_from_this()] {
                {
                    std::lock_guard lock(self->m_mutex);
                    if (self->m_closed)
                        return;
                    ++self->m_helpers;
                }
                self->workerLoop();
                std::lock_guard lock(self->m_mutex);
                --self->m_helpers;
                self->m_cv.notify_all();
            });
        }
        workerLoop();
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [this] { return m_helpers == 0; });
            m_closed = true;
        }
        if (m_promise->isCanceled())
            return;
        // Phase 2.
        std::vector<std::string> tops;
        {
            // Again: a purge may have started (or failed and kept its tree) meanwhile.
            const std::set<std::string> kept = keptNames(m_trash.get());
            DirReader::forEachEntry(m_trash.get(), [&](const char *name) {
                if (kept.count(name) == 0)
                    tops.emplace_back(name);
            });
        }
        for (const std::string &name : tops) {
            std::string rel = name;
            removeSkeleton(m_trash.get(), name.c_str(), rel, 0);
        }
        report(true);
    }

private:
    void workerLoop()
    {
        CorePool::markBackgroundThread();
        while (true) {
            std::string rel;
            {
                std::unique_lock lock(m_mutex);
                m_cv.wait(lock, [this] { return !m_queue.empty() || m_active == 0; });
                if (m_queue.empty()) {
                    m_cv.notify_all();
                    return;
                }
                rel = std::move(m_queue.front());
                m_queue.pop_front();
                ++m_active;
            }
            if (!m_promise->isCanceled())
                emptyDirectory(rel);
            std::lock_guard lock(m_mutex);
            if (--m_active == 0 && m_queue.empty())
                m_cv.notify_all();
        }
    }

    // lstat name in dirFd: unlink a non-directory, queue a directory on the same filesystem.
    void removeOrQueue(int dirFd, const std::string &parentRel, const char *name)
    {
        const std::string rel = parentRel.empty() ? std::string(name) : parentRel + '/' + name;
        struct stat st;
        if (::fstatat(dirFd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno != ENOENT)
                issue(trashPath(rel), errno);
            return;
        }
        if (S_ISDIR(st.st_mode)) {
            if (st.st_dev != m_dev || !sameMount(dirFd, name)) {
                issue(trashPath(rel), EXDEV, u"another filesystem is mounted here; not crossed"_s);
                return;
            }
            std::lock_guard lock(m_mutex);
            m_queue.push_back(rel);
            m_cv.notify_one();
            return;
        }
        if (::unlinkat(dirFd, name, 0) != 0) {
            if (errno != ENOENT)
                issue(trashPath(rel), errno);
            return;
        }
        counted(st);
    }

    // A bind mount of the same filesystem has the same st_dev: only the mount id tells.
    bool sameMount(int dirFd, const char *name) const
    {
        if (m_mnt == 0)
            return true;
        const std::uint64_t mnt = SafeFs::mountId(dirFd, name);
        return mnt == 0 || mnt == m_mnt;
    }

    void emptyDirectory(const std::string &rel)
    {
        const size_t slash = rel.rfind('/');
        const std::string name = slash == std::string::npos ? rel : rel.substr(slash + 1);
        UniqueFd parent = slash == std::string::npos
                              ? UniqueFd(::fcntl(m_trash.get(), F_DUPFD_CLOEXEC, 0))
                              : SafeFs::openDirBeneath(m_trash.get(), rel.substr(0, slash).c_str());
        if (!parent.isValid()) {
            issue(trashPath(rel), errno);
            return;
        }
        if (!SafeFs::makeWritable(parent.get(), name.c_str(), m_mnt)) {
            if (errno == EXDEV)
                issue(trashPath(rel), EXDEV, u"another filesystem is mounted here; not crossed"_s);
            else if (errno == ELOOP
                     || errno == ENOTDIR) // swapped for a symlink meanwhile: remove the link itself
                removeOrQueue(parent.get(),
                              slash == std::string::npos ? std::string() : rel.substr(0, slash),
                              name.c_str());
            else if (errno != ENOENT)
                issue(trashPath(rel), errno);
            return;
        }
        UniqueFd dir = SafeFs::openAt(parent.get(), name.c_str(), O_RDONLY | O_DIRECTORY);
        if (!dir.isValid()) {
            if (errno == ELOOP || errno == ENOTDIR)
                removeOrQueue(parent.get(),
                              slash == std::string::npos ? std::string() : rel.substr(0, slash),
                              name.c_str());
            else if (errno != ENOENT)
                issue(trashPath(rel), errno);
            return;
        }
        bool stopped = false;
        const int err = DirReader::forEachEntry(dir.get(), [&](const char *child) {
            stopped = m_promise->isCanceled();
            if (!stopped)
                removeOrQueue(dir.get(), rel, child);
            return !stopped;
        });
        if (err != 0 && !stopped)
            issue(trashPath(rel), err);
    }

    // Bottom-up removal of what phase 1 left: directories, and anything created meanwhile.
    void removeSkeleton(int parentFd, const char *name, std::string &rel, int depth)
    {
        struct stat st;
        if (::fstatat(parentFd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            return;
        if (!S_ISDIR(st.st_mode)) {
            if (::unlinkat(parentFd, name, 0) == 0)
                counted(st);
            return;
        }
        if (st.st_dev != m_dev || depth > 4096 || !sameMount(parentFd, name))
            return; // reported in phase 1
        if (SafeFs::makeWritable(parentFd, name, m_mnt)) {
            UniqueFd dir = SafeFs::openAt(parentFd, name, O_RDONLY | O_DIRECTORY);
            if (dir.isValid()) {
                // Names first: the recursion removes entries of this directory.
                std::vector<std::string> children;
                DirReader::forEachEntry(
                    dir.get(), [&children](const char *child) { children.emplace_back(child); });
                const size_t base = rel.size();
                for (const std::string &child : children) {
                    rel.append("/").append(child);
                    removeSkeleton(dir.get(), child.c_str(), rel, depth + 1);
                    rel.resize(base);
                }
            }
        }
        if (::unlinkat(parentFd, name, AT_REMOVEDIR) == 0)
            counted(st);
        else if (errno != ENOENT)
            issue(trashPath(rel), errno);
    }

    void counted(const struct stat &st)
    {
        std::lock_guard lock(m_resultMutex);
        // The blocks are free only when the last link goes.
        if (S_ISDIR(st.st_mode) || st.st_nlink <= 1)
            m_progress.bytesFreed += quint64(st.st_blocks) * 512;
        ++m_progress.entriesRemoved;
        if (m_sinceReport.elapsed() >= 100)
            reportLocked(false);
    }

    QString trashPath(const std::string &rel) const
    {
        QString p = m_gomodcache + u'/' + CacheScanner::trashDirName();
        if (!rel.empty())
            p += u'/' + QFile::decodeName(QByteArray::fromStdString(rel));
        return p;
    }

    void issue(const QString &path, int err, const QString &what = {})
    {
        std::lock_guard lock(m_resultMutex);
        if (m_progress.issues.size() < 1000) // a broken mount could repeat forever
            m_progress.issues.append(
                {path, what.isEmpty() ? QString::fromLocal8Bit(std::strerror(err)) : what, err});
    }
    void issue(const std::string &rel, int err) { issue(trashPath(rel), err); }

    void report(bool final)
    {
        std::lock_guard lock(m_resultMutex);
        reportLocked(final);
    }
    void reportLocked(bool final)
    {
        m_progress.final = final;
        m_promise->addResult(m_progress);
        m_promise->setProgressValueAndText(
            int(std::min<quint64>(m_progress.bytesFreed / 1024, INT_MAX)),
            QStringLiteral("%1 entries removed").arg(m_progress.entriesRemoved));
        m_progress.issues.clear(); // each issue is reported once
        m_sinceReport.restart();
    }

    QString m_gomodcache;
    QPromise<ReapProgress> *m_promise;
    UniqueFd m_root;
    UniqueFd m_trash;
    dev_t m_dev = 0;
    std::uint64_t m_mnt = 0; // 0: the kernel cannot tell mounts apart, st_dev only

    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<std::string> m_queue;
    int m_active = 0;
    int m_helpers = 0;
    bool m_closed = false;

    std::mutex m_resultMutex;
    ReapProgress m_progress;
    QElapsedTimer m_sinceReport;
};

} // namespace

QFuture<ReapProgress> TrashReaper::start(const QString &gomodcache)
{
    return QtConcurrent::run(CorePool::instance(), [gomodcache](QPromise<ReapProgress> &promise) {
        promise.setProgressRange(0, 0);
        auto reaper = std::make_shared<Reaper>(gomodcache, promise);
        reaper->run();
    });
}

ReapProgress TrashReaper::run(const QString &gomodcache)
{
    QFuture<ReapProgress> f = start(gomodcache);
    f.waitForFinished();
    ReapProgress total;
    for (const ReapProgress &p : f.results()) {
        total.bytesFreed = p.bytesFreed;
        total.entriesRemoved = p.entriesRemoved;
        total.issues += p.issues;
        total.final = p.final;
    }
    return total;
}

} // namespace mk
