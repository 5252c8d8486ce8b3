// SPDX-License-Identifier: GPL-3.0-or-later
#include "ZipExtractor.h"

#include <algorithm>
#include <cerrno>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QHash>

#include "archive/Hash1.h"
#include "archive/ZipArchive.h"
#include "common/SafeFs.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr int dirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

Status writeAll(int fd, const char *data, qsizetype size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return Error::fromErrno(errno, {});
        }
        data += n;
        size -= n;
    }
    return {};
}

std::pair<QByteArray, QByteArray> splitLast(const QByteArray &rel)
{
    const qsizetype slash = rel.lastIndexOf('/');
    if (slash < 0)
        return {{}, rel};
    return {rel.left(slash), rel.mid(slash + 1)};
}

} // namespace

ZipExtractor::ZipExtractor(const ZipArchive &zip, int targetFd, const QString &targetName,
                           const ModuleZip::ExtractOptions &options)
    : m_zip(zip), m_targetFd(targetFd), m_targetName(targetName), m_options(options)
{ }

QString ZipExtractor::display(const QByteArray &rel) const
{
    return rel.isEmpty() ? m_targetName : m_targetName + u'/' + QString::fromUtf8(rel);
}

Expected<int> ZipExtractor::dirFd(const QByteArray &rel)
{
    if (rel.isEmpty())
        return m_targetFd;
    if (m_currentDirFd.isValid() && m_currentDir == rel)
        return m_currentDirFd.get();
    m_currentDirFd.reset();
    // go's MkdirAll(filepath.Dir(dst), 0777), one component at a time and never through a
    // symlink: the tree below the target is ours alone, so anything unexpected is an error.
    UniqueFd fd;
    int base = m_targetFd;
    qsizetype start = 0;
    while (true) {
        const qsizetype slash = rel.indexOf('/', start);
        const qsizetype end = slash < 0 ? rel.size() : slash;
        const QByteArray sub = rel.left(end);
        const QByteArray comp = rel.mid(start, end - start);
        if (!m_knownDirs.contains(sub)) {
            if (::mkdirat(base, comp.constData(), 0777) == 0) {
                m_createdDirs.append(sub);
            } else if (errno != EEXIST) {
                return Error::fromErrno(errno, display(sub), u"mkdir"_s);
            }
            m_knownDirs.insert(sub);
        }
        UniqueFd next = SafeFs::openAt(base, comp.constData(), dirFlags);
        if (!next.isValid())
            return Error::fromErrno(errno, display(sub));
        fd = std::move(next);
        base = fd.get();
        if (slash < 0)
            break;
        start = slash + 1;
    }
    m_currentDir = rel;
    m_currentDirFd = std::move(fd);
    return m_currentDirFd.get();
}

Expected<Sha256::Digest> ZipExtractor::writeFile(int dirFd, const QByteArray &leaf,
                                                 const QByteArray &rel, const ZipEntry &entry)
{
    // os.OpenFile(dst, O_WRONLY|O_CREATE|O_EXCL, 0444): a new regular file, never a link.
    UniqueFd fd(::openat(dirFd, leaf.constData(),
                         O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0444));
    if (!fd.isValid())
        return Error::fromErrno(errno, display(rel));
    m_createdFiles.append(rel);
    Sha256 sha;
    const Status s = m_zip.read(
        entry,
        [&](QByteArrayView chunk) -> Status {
            if (m_options.cancel && m_options.cancel->load(std::memory_order_relaxed))
                return Error::make(Error::Code::Cancelled, u"extraction cancelled"_s, m_targetName);
            sha.update(chunk);
            if (Status w = writeAll(fd.get(), chunk.data(), chunk.size()); !w) {
                Error e = w.error();
                e.subject = display(rel);
                return e;
            }
            m_bytesWritten += chunk.size();
            return {};
        },
        m_buffer);
    if (!s)
        return s.error();
    if (::close(fd.release()) != 0) // delayed write errors (NFS, quota) show up here
        return Error::fromErrno(errno, display(rel));
    return sha.finish();
}

Expected<ModuleZip::ExtractResult> ZipExtractor::run(const ModuleZipContents &contents,
                                                     const QByteArray &zipPrefix)
{
    ModuleZip::ExtractResult result;
    QHash<quint64, const ModuleZipFile *> files;
    files.reserve(contents.files.size());
    for (const ModuleZipFile &f : contents.files)
        files.insert(f.index, &f);

    Hash1 zipHash;
    Hash1 dirHash;
    for (const ZipEntry &entry : m_zip.entries()) {
        if (m_options.cancel && m_options.cancel->load(std::memory_order_relaxed))
            return Error::make(Error::Code::Cancelled, u"extraction cancelled"_s, m_targetName);
        const ModuleZipFile *file = files.value(entry.index);
        if (!file) {
            // The module root entry and directory entries: not extracted, but HashZip counts
            // them with empty content (go 1.23 refuses one that declares a size).
            if (Status s = m_zip.read(
                    entry, [](QByteArrayView) { return Status(); }, m_buffer);
                !s)
                return s.error();
            if (Status s = zipHash.add(entry.name, Sha256::empty()); !s)
                return s.error();
            continue;
        }
        const QByteArray rel = file->name.toUtf8();
        const auto [parent, leaf] = splitLast(rel);
        const Expected<int> parentFd = dirFd(parent);
        if (!parentFd)
            return parentFd.error();
        const Expected<Sha256::Digest> digest = writeFile(*parentFd, leaf, rel, entry);
        if (!digest)
            return digest.error();
        if (Status s = zipHash.add(entry.name, *digest); !s)
            return s.error();
        (void)dirHash.add(zipPrefix + rel, *digest);
    }
    m_currentDirFd.reset();
    result.zipHash = zipHash.finish();
    result.dirHash = dirHash.finish();
    result.files = contents.files;
    result.bytesWritten = m_bytesWritten;
    return result;
}

void ZipExtractor::makeDirsReadOnly()
{
    // Reverse creation order puts children before their parents.
    for (auto it = m_createdDirs.crbegin(); it != m_createdDirs.crend(); ++it) {
        UniqueFd fd = SafeFs::openDirBeneath(m_targetFd, it->constData());
        struct stat st;
        if (fd.isValid() && ::fstat(fd.get(), &st) == 0 && (st.st_mode & 0222) != 0)
            (void)::fchmod(fd.get(), st.st_mode & 07777 & ~mode_t(0222));
    }
}

Status ZipExtractor::removeCreated()
{
    m_currentDirFd.reset();
    Status first;
    const auto note = [&first](const Error &e) {
        if (first.ok())
            first = e;
    };
    // Directories are still writable here (read-only happens only after success), but a
    // directory left 0555 by an interrupted earlier step must not block the cleanup.
    for (const QByteArray &rel : std::as_const(m_createdDirs)) {
        UniqueFd fd = SafeFs::openDirBeneath(m_targetFd, rel.constData());
        struct stat st;
        if (fd.isValid() && ::fstat(fd.get(), &st) == 0 && (st.st_mode & 0700) != 0700)
            (void)::fchmod(fd.get(), (st.st_mode & 07777) | 0700);
    }
    for (auto it = m_createdFiles.crbegin(); it != m_createdFiles.crend(); ++it) {
        const auto [parent, leaf] = splitLast(*it);
        UniqueFd dup;
        int fd = m_targetFd;
        if (!parent.isEmpty()) {
            dup = SafeFs::openDirBeneath(m_targetFd, parent.constData());
            fd = dup.get();
        }
        if (fd < 0 || ::unlinkat(fd, leaf.constData(), 0) != 0) {
            if (errno != ENOENT)
                note(Error::fromErrno(errno, display(*it), u"cleanup"_s));
        }
    }
    for (auto it = m_createdDirs.crbegin(); it != m_createdDirs.crend(); ++it) {
        const auto [parent, leaf] = splitLast(*it);
        UniqueFd dup;
        int fd = m_targetFd;
        if (!parent.isEmpty()) {
            dup = SafeFs::openDirBeneath(m_targetFd, parent.constData());
            fd = dup.get();
        }
        if (fd < 0 || ::unlinkat(fd, leaf.constData(), AT_REMOVEDIR) != 0) {
            if (errno != ENOENT)
                note(Error::fromErrno(errno, display(*it), u"cleanup"_s));
        }
    }
    m_createdFiles.clear();
    m_createdDirs.clear();
    m_knownDirs.clear();
    return first;
}

} // namespace mk
