// SPDX-License-Identifier: GPL-3.0-or-later
#include "TreeLister.h"

#include <algorithm>
#include <set>
#include <utility>

#include <QFile>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <fcntl.h>
#include <sys/stat.h>

#include "common/CorePool.h"
#include "common/DirReader.h"
#include "common/SafeFs.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

using Seen = std::set<std::pair<dev_t, ino_t>>;

struct Walk
{
    Seen seen; // hard links are counted once per listing, as one du over all its entries
    std::function<bool()> cancelled;
};

// du counts what is allocated; a hard-linked file only the first time it is met.
void addStat(const struct stat &st, TreeEntry &into, Walk &walk)
{
    if (!S_ISDIR(st.st_mode) && st.st_nlink > 1 && !walk.seen.insert({st.st_dev, st.st_ino}).second)
        return;
    into.diskBytes += quint64(st.st_blocks) * 512u;
    into.apparentBytes += quint64(st.st_size);
}

// Everything below the open directory dirFd into into (its own stat is added by the caller).
void sumBelow(int dirFd, TreeEntry &into, Walk &walk)
{
    DirReader::forEachEntry(dirFd, [&](const char *name, EntryType type) -> bool {
        if (walk.cancelled && walk.cancelled())
            return false;
        struct stat st;
        if (::fstatat(dirFd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            return true;
        addStat(st, into, walk);
        if (type == EntryType::Directory || S_ISDIR(st.st_mode)) {
            const UniqueFd child = SafeFs::openAt(dirFd, name, O_RDONLY | O_DIRECTORY);
            if (child.isValid())
                sumBelow(child.get(), into, walk);
        } else {
            ++into.files;
        }
        return true;
    });
}

bool validRelPath(const QString &rel)
{
    if (rel.isEmpty())
        return true;
    if (rel.startsWith(u'/') || rel.endsWith(u'/'))
        return false;
    const QStringList parts = rel.split(u'/');
    return std::none_of(parts.begin(), parts.end(), [](const QString &p) {
        return p.isEmpty() || p == u"."_s || p == u".."_s;
    });
}

TreeListing listImpl(const QString &gomodcache, const QString &escapedPath,
                     const QString &escapedVersion, const QString &relPath,
                     std::function<bool()> cancelled)
{
    TreeListing out;
    out.relPath = relPath;
    const QString treeRel = escapedPath + u'@' + escapedVersion;
    if (escapedPath.isEmpty() || escapedVersion.isEmpty() || !validRelPath(treeRel)
        || !validRelPath(relPath)) {
        out.error = Error::make(Error::Code::InvalidArgument, u"not a path inside a module tree"_s,
                                treeRel + u'/' + relPath);
        return out;
    }
    const UniqueFd root
        = SafeFs::openPath(QFile::encodeName(gomodcache).constData(), O_RDONLY | O_DIRECTORY);
    if (!root.isValid()) {
        out.error = Error::fromErrno(errno, gomodcache);
        return out;
    }
    const QString rel = relPath.isEmpty() ? treeRel : treeRel + u'/' + relPath;
    const UniqueFd dir = SafeFs::openDirBeneath(root.get(), QFile::encodeName(rel).constData());
    if (!dir.isValid()) {
        out.error = Error::fromErrno(errno, gomodcache + u'/' + rel);
        return out;
    }
    Walk walk;
    walk.cancelled = std::move(cancelled);
    const int err = DirReader::forEachEntry(dir.get(), [&](const char *name, EntryType) -> bool {
        if (walk.cancelled && walk.cancelled())
            return false;
        struct stat st;
        if (::fstatat(dir.get(), name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            return true;
        TreeEntry e;
        e.name = QFile::decodeName(name);
        addStat(st, e, walk);
        if (S_ISDIR(st.st_mode)) {
            e.kind = TreeEntry::Kind::Directory;
            const UniqueFd child = SafeFs::openAt(dir.get(), name, O_RDONLY | O_DIRECTORY);
            if (child.isValid())
                sumBelow(child.get(), e, walk);
        } else {
            e.kind = S_ISREG(st.st_mode)   ? TreeEntry::Kind::File
                     : S_ISLNK(st.st_mode) ? TreeEntry::Kind::Symlink
                                           : TreeEntry::Kind::Other;
            e.files = 1;
        }
        out.entries.append(std::move(e));
        return true;
    });
    if (err != 0)
        out.error = Error::fromErrno(err, gomodcache + u'/' + rel);
    std::sort(out.entries.begin(), out.entries.end(), [](const TreeEntry &a, const TreeEntry &b) {
        const bool ad = a.kind == TreeEntry::Kind::Directory;
        const bool bd = b.kind == TreeEntry::Kind::Directory;
        if (ad != bd)
            return ad;
        return a.name < b.name;
    });
    return out;
}

} // namespace

TreeListing TreeLister::list(const QString &gomodcache, const QString &escapedPath,
                             const QString &escapedVersion, const QString &relPath)
{
    return listImpl(gomodcache, escapedPath, escapedVersion, relPath, {});
}

QFuture<TreeListing> TreeLister::start(const QString &gomodcache, const QString &escapedPath,
                                       const QString &escapedVersion, const QString &relPath)
{
    return QtConcurrent::run(CorePool::instance(), [gomodcache, escapedPath, escapedVersion,
                                                    relPath](QPromise<TreeListing> &promise) {
        CorePool::markBackgroundThread();
        TreeListing result = listImpl(gomodcache, escapedPath, escapedVersion, relPath,
                                      [&promise] { return promise.isCanceled(); });
        if (!promise.isCanceled())
            promise.addResult(std::move(result));
    });
}

} // namespace mk
