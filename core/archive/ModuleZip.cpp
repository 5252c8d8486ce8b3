// SPDX-License-Identifier: GPL-3.0-or-later
#include "ModuleZip.h"

#include <cerrno>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include "archive/Hash1.h"
#include "archive/ZipArchive.h"
#include "archive/ZipExtractor.h"
#include "archive/ZipRules.h"
#include "common/DirReader.h"
#include "common/SafeFs.h"
#include "common/UniqueFd.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr int dirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

struct Opened
{
    ZipArchive zip;
    ModuleZipContents contents;
};

// checkZip: module path and version first, then the zip's size, then its entries.
// forHashing: every entry is read once, so a small zip is read whole (see ZipArchive).
Expected<Opened> openChecked(const QString &zipPath, const QString &modulePath,
                             const QString &version, const ZipLimits &limits,
                             bool forHashing = false)
{
    if (Status s = ZipRules::checkModuleVersion(modulePath, version); !s)
        return s.error();
    Expected<ZipArchive> zip
        = forHashing ? ZipArchive::openForHashing(zipPath, 64 << 20, limits.maxZipFile)
                     : ZipArchive::open(zipPath, limits.maxZipFile);
    if (!zip)
        return zip.error();
    Expected<ModuleZipContents> contents
        = ZipRules::checkEntries(zip->entries(), modulePath, version, limits);
    if (!contents) {
        Error e = contents.error();
        if (e.subject.isEmpty())
            e.subject = zipPath;
        return e;
    }
    return Opened{std::move(zip).value(), std::move(contents).value()};
}

bool validRelative(const QByteArray &rel)
{
    if (rel.isEmpty() || rel.front() == '/')
        return false;
    for (const QByteArray &comp : rel.split('/'))
        if (comp.isEmpty() || comp == "." || comp == "..")
            return false;
    return true;
}

// os.MkdirAll below parentFd for the components of rel, never through a symlink.
Expected<UniqueFd> openOrCreateDirs(int parentFd, const QByteArray &rel, const QString &display)
{
    UniqueFd fd(::fcntl(parentFd, F_DUPFD_CLOEXEC, 0));
    if (!fd.isValid())
        return Error::fromErrno(errno, display);
    if (rel.isEmpty())
        return fd;
    for (const QByteArray &comp : rel.split('/')) {
        UniqueFd next = SafeFs::openAt(fd.get(), comp.constData(), dirFlags);
        if (!next.isValid() && errno == ENOENT) {
            if (::mkdirat(fd.get(), comp.constData(), 0777) != 0 && errno != EEXIST)
                return Error::fromErrno(errno, display, u"mkdir"_s);
            next = SafeFs::openAt(fd.get(), comp.constData(), dirFlags);
        }
        if (!next.isValid())
            return Error::fromErrno(errno, display);
        fd = std::move(next);
    }
    return fd;
}

enum class TargetState {
    Absent,
    Empty,
    NotEmpty,
    NotDirectory
};

TargetState targetState(int parentFd, const QByteArray &leaf, int *err)
{
    *err = 0;
    UniqueFd fd = SafeFs::openAt(parentFd, leaf.constData(), dirFlags);
    if (!fd.isValid()) {
        if (errno == ENOENT)
            return TargetState::Absent;
        if (errno == ENOTDIR || errno == ELOOP)
            return TargetState::NotDirectory;
        *err = errno;
        return TargetState::NotDirectory;
    }
    TargetState state = TargetState::Empty;
    *err = DirReader::forEachEntry(fd.get(), [&state](const char *) {
        state = TargetState::NotEmpty;
        return false; // one entry is enough
    });
    return *err != 0 ? TargetState::NotDirectory : state;
}

Expected<ModuleZip::ExtractResult> extractImpl(const QString &zipPath, int parentFd,
                                               const QByteArray &targetRel,
                                               const QString &targetName, const QString &modulePath,
                                               const QString &version,
                                               const ModuleZip::ExtractOptions &options)
{
    if (!validRelative(targetRel))
        return Error::make(Error::Code::InvalidArgument,
                           u"target must be a relative path without . or .."_s, targetName);
    const qsizetype slash = targetRel.lastIndexOf('/');
    const QByteArray parentRel = slash < 0 ? QByteArray() : targetRel.left(slash);
    const QByteArray leaf = targetRel.mid(slash + 1);

    Expected<UniqueFd> parent = openOrCreateDirs(parentFd, parentRel, targetName);
    if (!parent)
        return parent.error();
    const int pfd = parent->get();

    // Unzip checks the target before it reads the zip.
    int err = 0;
    const TargetState state = targetState(pfd, leaf, &err);
    if (err != 0)
        return Error::fromErrno(err, targetName);
    if (state == TargetState::NotEmpty)
        return Error::make(Error::Code::Refused,
                           u"target directory %1 exists and is not empty"_s.arg(targetName),
                           targetName);
    if (state == TargetState::NotDirectory)
        return Error::make(Error::Code::Refused,
                           u"target %1 exists and is not a directory"_s.arg(targetName),
                           targetName);

    Expected<Opened> opened = openChecked(zipPath, modulePath, version, options.limits);
    if (!opened)
        return opened.error();

    bool createdTarget = false;
    if (state == TargetState::Absent) {
        if (::mkdirat(pfd, leaf.constData(), 0777) == 0)
            createdTarget = true;
        else if (errno != EEXIST)
            return Error::fromErrno(errno, targetName, u"mkdir"_s);
    }
    UniqueFd target = SafeFs::openAt(pfd, leaf.constData(), dirFlags);
    if (!target.isValid()) {
        const int e = errno;
        if (createdTarget)
            ::unlinkat(pfd, leaf.constData(), AT_REMOVEDIR);
        return Error::fromErrno(e, targetName);
    }
    if (!createdTarget && targetState(pfd, leaf, &err) != TargetState::Empty) // raced with someone
        return Error::make(Error::Code::Refused,
                           u"target directory %1 exists and is not empty"_s.arg(targetName),
                           targetName);

    ZipExtractor extractor(opened->zip, target.get(), targetName, options);
    const auto fail = [&](Error e) -> Error {
        Status cleanup = extractor.removeCreated();
        if (cleanup && createdTarget && ::unlinkat(pfd, leaf.constData(), AT_REMOVEDIR) != 0
            && errno != ENOENT)
            cleanup = Error::fromErrno(errno, targetName, u"cleanup"_s);
        if (!cleanup)
            e.message += u"\n(cleanup failed: %1)"_s.arg(cleanup.error().toString());
        return e;
    };

    const QByteArray zipPrefix = (modulePath + u'@' + version + u'/').toUtf8();
    Expected<ModuleZip::ExtractResult> result = extractor.run(opened->contents, zipPrefix);
    if (!result)
        return fail(result.error());
    if (!options.expectedHash.isEmpty() && result->zipHash != options.expectedHash)
        return fail(Error::make(
            Error::Code::Security,
            u"verifying module: checksum mismatch\n\tdownloaded: %1\n\texpected:   %2"_s.arg(
                result->zipHash, options.expectedHash),
            modulePath + u'@' + version));
    if (!options.cacheRw) {
        extractor.makeDirsReadOnly();
        struct stat st;
        if (::fstat(target.get(), &st) == 0 && (st.st_mode & 0222) != 0)
            (void)::fchmod(target.get(), st.st_mode & 07777 & ~mode_t(0222));
    }
    return result;
}

} // namespace

Expected<ModuleZipContents> ModuleZip::check(const QString &zipPath, const QString &modulePath,
                                             const QString &version, const ZipLimits &limits)
{
    Expected<Opened> opened = openChecked(zipPath, modulePath, version, limits);
    if (!opened)
        return opened.error();
    return opened->contents;
}

Expected<ModuleZipContents> ModuleZip::verify(const QString &zipPath, const QString &modulePath,
                                              const QString &version, const ZipLimits &limits)
{
    Expected<Opened> opened = openChecked(zipPath, modulePath, version, limits, true);
    if (!opened)
        return opened.error();
    // Entries are distinct (checkEntries refuses duplicates), so each is read exactly once.
    Hash1 hash;
    QByteArray buffer;
    Sha256 sha;
    for (const ZipEntry &entry : opened->zip.entries()) {
        const Status s = opened->zip.read(
            entry,
            [&sha](QByteArrayView chunk) {
                sha.update(chunk);
                return Status();
            },
            buffer);
        if (!s)
            return s.error();
        if (Status a = hash.add(entry.name, sha.finish()); !a)
            return a.error();
    }
    ModuleZipContents contents = std::move(opened->contents);
    contents.zipHash = hash.finish();
    return contents;
}

Expected<ModuleZip::ExtractResult> ModuleZip::extractAt(const QString &zipPath, int parentFd,
                                                        const QByteArray &targetRel,
                                                        const QString &modulePath,
                                                        const QString &version,
                                                        const ExtractOptions &options)
{
    return extractImpl(zipPath, parentFd, targetRel, QString::fromUtf8(targetRel), modulePath,
                       version, options);
}

Expected<ModuleZip::ExtractResult> ModuleZip::extract(const QString &zipPath,
                                                      const QString &targetDir,
                                                      const QString &modulePath,
                                                      const QString &version,
                                                      const ExtractOptions &options)
{
    const QString clean = QDir::cleanPath(targetDir);
    const QFileInfo info(clean);
    const QString parent = info.path();
    const QString leaf = info.fileName();
    if (leaf.isEmpty() || leaf == u"." || leaf == u"..")
        return Error::make(Error::Code::InvalidArgument, u"not a usable target directory"_s,
                           targetDir);
    const QByteArray nativeParent = QFile::encodeName(parent);
    UniqueFd parentFd = SafeFs::openPath(nativeParent.constData(), O_RDONLY | O_DIRECTORY);
    if (!parentFd.isValid() && errno == ENOENT && QDir().mkpath(parent)) // go's MkdirAll(parentDir)
        parentFd = SafeFs::openPath(nativeParent.constData(), O_RDONLY | O_DIRECTORY);
    if (!parentFd.isValid())
        return Error::fromErrno(errno, parent);
    return extractImpl(zipPath, parentFd.get(), QFile::encodeName(leaf), clean, modulePath, version,
                       options);
}

} // namespace mk
