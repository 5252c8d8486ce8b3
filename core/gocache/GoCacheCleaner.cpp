// SPDX-License-Identifier: GPL-3.0-or-later
#include "GoCacheCleaner.h"

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QtConcurrent>

#include "common/CorePool.h"
#include "common/DirReader.h"
#include "common/SafeFs.h"
#include "gocache/GoCacheFiles.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr int MaxDepth = 64;

class Remover
{
public:
    Remover(const QString &dir, GoCacheCleanResult &r) : m_dir(dir), m_r(r) { }

    void issue(const std::string &rel, int err)
    {
        m_r.issues << m_dir + u'/' + QString::fromUtf8(rel.c_str()) + u": "_s
                          + QString::fromLocal8Bit(std::strerror(err));
    }

    void unlinkFile(int dirFd, const char *name, const std::string &rel)
    {
        struct stat st;
        if (::fstatat(dirFd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            return;
        if (::unlinkat(dirFd, name, 0) == 0) {
            ++m_r.filesRemoved;
            if (st.st_nlink <= 1)
                m_r.bytesFreed += quint64(st.st_blocks) * 512;
        } else if (errno != ENOENT) {
            issue(rel, errno);
        }
    }

    // The action entries of one subdirectory, before anything else goes.
    void removeActions(int cacheFd, const char *sub)
    {
        UniqueFd fd = SafeFs::openAt(cacheFd, sub, O_RDONLY | O_DIRECTORY);
        if (!fd.isValid())
            return;
        std::vector<std::string> names;
        DirReader::forEachEntry(fd.get(), [&](const char *name, EntryType type) {
            if (type == EntryType::File && GoCacheFiles::isActionName(name, std::strlen(name)))
                names.emplace_back(name);
        });
        for (const std::string &n : names)
            unlinkFile(fd.get(), n.c_str(), std::string(sub) + '/' + n);
    }

    // os.RemoveAll of name below dirFd: a symlink is removed, never followed.
    void removeAll(int dirFd, const char *name, const std::string &rel, int depth)
    {
        struct stat st;
        if (::fstatat(dirFd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno != ENOENT)
                issue(rel, errno);
            return;
        }
        if (!S_ISDIR(st.st_mode)) {
            unlinkFile(dirFd, name, rel);
            return;
        }
        if (depth < MaxDepth) {
            UniqueFd fd = SafeFs::openAt(dirFd, name, O_RDONLY | O_DIRECTORY);
            if (fd.isValid()) {
                // List first: removing while reading may skip entries.
                std::vector<std::string> names;
                DirReader::forEachEntry(fd.get(),
                                        [&](const char *n) { names.emplace_back(n); });
                for (const std::string &n : names)
                    removeAll(fd.get(), n.c_str(), rel + '/' + n, depth + 1);
            }
        }
        if (::unlinkat(dirFd, name, AT_REMOVEDIR) != 0 && errno != ENOENT)
            issue(rel, errno);
    }

private:
    QString m_dir;
    GoCacheCleanResult &m_r;
};

void clean(const QString &gocache, GoCacheCleanResult &r, QPromise<GoCacheCleanResult> *promise)
{
    r.dir = gocache;
    UniqueFd fd = SafeFs::openPath(gocache.toLocal8Bit().constData(), O_RDONLY | O_DIRECTORY);
    if (!fd.isValid()) {
        if (errno != ENOENT)
            r.error = Error::fromErrno(errno, gocache);
        return;
    }
    std::vector<std::string> subdirs;
    const int err = DirReader::forEachEntry(fd.get(), [&](const char *name) {
        if (GoCacheFiles::isSubdirName(name))
            subdirs.emplace_back(name);
    });
    if (err != 0) {
        r.error = Error::fromErrno(err, gocache, u"cannot list"_s);
        return;
    }
    if (promise)
        promise->setProgressRange(0, int(subdirs.size()) * 2);
    int done = 0;
    for (const std::string &s : subdirs) {
        if (promise)
            promise->setProgressValue(++done);
        Remover(gocache, r).removeActions(fd.get(), s.c_str());
    }
    for (const std::string &s : subdirs) {
        if (promise)
            promise->setProgressValue(++done);
        Remover(gocache, r).removeAll(fd.get(), s.c_str(), s, 0);
    }
    Remover(gocache, r).removeAll(fd.get(), GoCacheFiles::LogFile, GoCacheFiles::LogFile, 0);
}

void cleanTests(const QString &gocache, qint64 nowNs, GoCacheCleanResult &r)
{
    r.dir = gocache;
    r.testCacheOnly = true;
    UniqueFd fd = SafeFs::openPath(gocache.toLocal8Bit().constData(), O_RDONLY | O_DIRECTORY);
    if (!fd.isValid()) {
        if (errno != ENOENT)
            r.error = Error::fromErrno(errno, gocache);
        return;
    }
    Expected<qint64> expiry = GoCacheFiles::expireTests(fd.get(), nowNs ? nowNs : GoCacheFiles::nowNs());
    if (!expiry.ok()) {
        r.error = expiry.error();
        r.error.subject = gocache + u'/' + r.error.subject;
        return;
    }
    r.testExpireNs = expiry.value();
}

} // namespace

QFuture<GoCacheCleanResult> GoCacheCleaner::startCleanCache(const QString &gocache)
{
    return QtConcurrent::run(CorePool::instance(), [gocache](QPromise<GoCacheCleanResult> &p) {
        CorePool::markBackgroundThread();
        GoCacheCleanResult r;
        clean(gocache, r, &p);
        p.addResult(std::move(r));
    });
}

QFuture<GoCacheCleanResult> GoCacheCleaner::startCleanTestCache(const QString &gocache)
{
    return QtConcurrent::run(CorePool::instance(), [gocache](QPromise<GoCacheCleanResult> &p) {
        GoCacheCleanResult r;
        cleanTests(gocache, 0, r);
        p.addResult(std::move(r));
    });
}

GoCacheCleanResult GoCacheCleaner::cleanCache(const QString &gocache)
{
    GoCacheCleanResult r;
    clean(gocache, r, nullptr);
    return r;
}

GoCacheCleanResult GoCacheCleaner::cleanTestCache(const QString &gocache, qint64 nowNs)
{
    GoCacheCleanResult r;
    cleanTests(gocache, nowNs, r);
    return r;
}

} // namespace mk
