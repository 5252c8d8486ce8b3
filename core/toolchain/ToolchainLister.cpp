// SPDX-License-Identifier: GPL-3.0-or-later
#include "ToolchainLister.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <map>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSysInfo>
#include <QtConcurrent>

#include "common/CorePool.h"
#include "download/DownloadSetup.h"
#include "env/GoEnvironment.h"
#include "module/ModulePath.h"
#include "module/Semver.h"
#include "project/ToolchainLine.h"
#include "scan/CacheScanner.h"
#include "toolchain/PoolWait.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr int goTimeoutMs = 120000; // a first switch to a toolchain sets its exec bits

QDateTime timeOf(const struct timespec &ts)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000, Qt::UTC);
}

bool timeLess(const struct timespec &a, const struct timespec &b)
{
    return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec < b.tv_nsec);
}

struct Suffix
{
    const char *text;
    VersionPiece piece;
};
// The scanner's own files of a version (ScanJob's versionSuffixes); .ziphash before .zip.
const Suffix suffixes[] = {{".ziphash", HasZiphash}, {".zip", HasZip},         {".info", HasInfo},
                           {".mod", HasMod},         {".partial", HasPartial}, {".lock", HasLock}};

/// Adds the @v files of escVersion to r as the scanner does (lstat, du -B1 bytes; downloaded
/// from .ziphash else .info; last used = newest atime of .ziphash/.mod/.info).
void addVersionFiles(ModuleVersionRecord &r, const QString &vdir, const QString &escVersion,
                     AtimeMode atime)
{
    struct timespec ziphashMtime
    {
    }, infoMtime{}, newestAtime{};
    bool haveAtime = false;
    for (const Suffix &s : suffixes) {
        const QByteArray path = QFile::encodeName(vdir + u'/' + escVersion) + s.text;
        struct stat st;
        if (::fstatat(AT_FDCWD, path.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0
            || S_ISDIR(st.st_mode))
            continue;
        r.pieces |= s.piece;
        r.diskBytes += quint64(st.st_blocks) * 512;
        r.apparentBytes += quint64(st.st_size);
        if (s.piece == HasZiphash)
            ziphashMtime = st.st_mtim;
        if (s.piece == HasInfo)
            infoMtime = st.st_mtim;
        if (s.piece == HasZiphash || s.piece == HasMod || s.piece == HasInfo) {
            if (!haveAtime || timeLess(newestAtime, st.st_atim))
                newestAtime = st.st_atim;
            haveAtime = true;
        }
    }
    if (r.pieces & HasZiphash)
        r.downloaded = timeOf(ziphashMtime);
    else if (r.pieces & HasInfo)
        r.downloaded = timeOf(infoMtime);
    if (haveAtime && atime != AtimeMode::NoAtime)
        r.lastUsed = timeOf(newestAtime);
}

QString resolved(const QString &path)
{
    const QString canonical = QFileInfo(path).canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(path) : canonical;
}

} // namespace

QString ToolchainLister::hostPlatform()
{
    QString arch = QSysInfo::currentCpuArchitecture();
    if (arch == u"x86_64")
        arch = u"amd64"_s;
    else if (arch == u"i386")
        arch = u"386"_s;
    else if (arch == u"power64")
        arch = u"ppc64"_s;
    return QSysInfo::kernelType() + u'-' + arch;
}

Expected<QString> ToolchainLister::runningGoroot(const QString &goCommand,
                                                 const QHash<QString, QString> &environment)
{
    QProcessEnvironment env;
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        env.insert(it.key(), it.value());
    // go's own bookkeeping of a switch in progress would make the child refuse to run.
    env.remove(u"GOTOOLCHAIN_INTERNAL_SWITCH_VERSION"_s);
    env.remove(u"GOTOOLCHAIN_INTERNAL_SWITCH_COUNT"_s);
    QProcess go;
    go.setProcessEnvironment(env);
    go.setWorkingDirectory(QDir::rootPath()); // outside any module: no go.mod toolchain line
    go.start(goCommand, {u"env"_s, u"GOROOT"_s});
    if (!go.waitForStarted())
        return Error::make(Error::Code::NotFound, u"cannot run go: %1"_s.arg(go.errorString()),
                           goCommand);
    if (!go.waitForFinished(goTimeoutMs)) {
        go.kill();
        go.waitForFinished();
        return Error::make(Error::Code::Io, u"go env GOROOT did not answer in time"_s, goCommand);
    }
    const QString out = QString::fromLocal8Bit(go.readAllStandardOutput()).trimmed();
    if (go.exitStatus() != QProcess::NormalExit || go.exitCode() != 0 || out.isEmpty()) {
        const QString err = QString::fromLocal8Bit(go.readAllStandardError()).trimmed();
        return Error::make(Error::Code::Io,
                           u"go env GOROOT failed: %1"_s.arg(err.isEmpty() ? u"no output"_s : err),
                           goCommand);
    }
    return resolved(out);
}

ToolchainListing ToolchainLister::list(const Options &options,
                                       const std::function<bool()> &cancelled,
                                       const std::function<void(int, int)> &progress)
{
    ToolchainListing listing;
    listing.gomodcache = QDir::cleanPath(options.gomodcache);
    listing.projectRoots = options.projectRoots;
    const QFileInfo root(listing.gomodcache);
    if (!root.isDir()) {
        listing.error
            = Error::make(Error::Code::NotFound, u"no such directory"_s, listing.gomodcache);
        return listing;
    }
    listing.atimeMode = CacheScanner::detectAtimeMode(listing.gomodcache);
    const auto isCancelled = [&] { return cancelled && cancelled(); };

    // Every version that has a tree or files of its own in cache/download.
    const QString treeParent = listing.gomodcache + u"/golang.org"_s;
    const QString vdir = listing.gomodcache + u"/cache/download/golang.org/toolchain/@v"_s;
    std::map<QString, bool> found; // escaped version -> has a tree
    for (const QString &name :
         QDir(treeParent)
             .entryList({u"toolchain@*"_s}, QDir::Dirs | QDir::NoSymLinks | QDir::NoDotAndDotDot))
        found[name.mid(QStringLiteral("toolchain@").size())] = true;
    for (const QString &name : QDir(vdir).entryList(QDir::Files | QDir::NoDotAndDotDot)) {
        for (const Suffix &s : suffixes) {
            const QLatin1StringView suffix(s.text);
            if (name.endsWith(suffix)) {
                found.try_emplace(name.chopped(suffix.size()), false);
                break;
            }
        }
    }

    const int total = int(found.size());
    int done = 0;
    if (progress)
        progress(0, total);
    for (const auto &[escVersion, hasTree] : found) {
        if (isCancelled()) {
            listing.cancelled = true;
            return listing;
        }
        const Expected<QString> version = ModulePath::unescapeVersion(escVersion);
        const std::optional<ToolchainName> name
            = version ? ToolchainName::fromModuleVersion(version.value()) : std::nullopt;
        if (!name)
            continue; // the scanner lists it as unknown
        ToolchainRecord t;
        t.name = *name;
        t.module.path = ToolchainName::modulePath();
        t.module.escapedPath = t.module.path;
        t.module.version = version.value();
        t.module.escapedVersion = escVersion;
        t.treePath = treeParent + u"/toolchain@"_s + escVersion;
        addVersionFiles(t.module, vdir, escVersion, listing.atimeMode);
        if ((t.module.pieces & ~HasLock) == 0 && !hasTree)
            continue; // only go's lock file is left: purged, or never downloaded
        if (hasTree) {
            CacheScanner::Options scan;
            scan.gomodcache = t.treePath;
            scan.plainTree = true;
            QFuture<ScanChunk> f = CacheScanner::start(scan);
            waitOnCorePool(f, cancelled);
            ScanResult tree;
            for (const ScanChunk &chunk : f.results())
                tree.append(chunk);
            t.module.pieces |= HasTree;
            t.module.treeBytes = tree.totals.diskBytes;
            t.module.diskBytes += tree.totals.diskBytes;
            t.module.apparentBytes += tree.totals.apparentBytes;
            t.module.files = tree.totals.files;
            listing.issues += tree.issues;
            if (tree.error.isError())
                listing.issues.append({t.treePath, tree.error.message, tree.error.sysErrno});
        }
        t.module.state = versionStateOf(t.module.pieces);
        listing.toolchains.append(t);
        if (progress)
            progress(++done, total);
    }
    std::sort(listing.toolchains.begin(), listing.toolchains.end(),
              [](const ToolchainRecord &a, const ToolchainRecord &b) {
                  const QString va = u"v"_s + a.name.toolchain.mid(2);
                  const QString vb = u"v"_s + b.name.toolchain.mid(2);
                  const int c = Semver::compare(va, vb);
                  if (c != 0)
                      return c < 0;
                  return a.module.version < b.module.version;
              });

    // Which of them is the go that runs here.
    if (options.askGo && !isCancelled()) {
        const QHash<QString, QString> env = options.environment.isEmpty()
                                                ? DownloadSetup::processEnvironment()
                                                : options.environment;
        listing.goCommand = options.goCommand;
        if (listing.goCommand.isEmpty())
            listing.goCommand = DownloadSetup::goCommand(
                GoEnvironment::resolve(GoEnvInputs::fromEnvironment(env)), env);
        if (listing.goCommand.isEmpty()) {
            // No go at all: none of these toolchains can be running.
        } else if (const Expected<QString> goroot = runningGoroot(listing.goCommand, env); goroot) {
            listing.runningGoroot = goroot.value();
            for (ToolchainRecord &t : listing.toolchains)
                t.running = resolved(t.treePath) == listing.runningGoroot;
        } else {
            listing.runningError = goroot.error();
        }
    }

    // Which projects name one in their toolchain line (for this machine's platform).
    if (!options.projectRoots.isEmpty() && !isCancelled()) {
        const QList<ToolchainLine::Use> uses
            = ToolchainLine::find(options.projectRoots, {listing.gomodcache}, cancelled);
        const QString platform = hostPlatform();
        for (ToolchainRecord &t : listing.toolchains) {
            if (t.name.goos + u'-' + t.name.goarch != platform)
                continue;
            for (const ToolchainLine::Use &u : uses)
                if (u.toolchain == t.name.toolchain)
                    t.neededBy.append(u.file);
        }
    }
    listing.cancelled = isCancelled();
    return listing;
}

QFuture<ToolchainListing> ToolchainLister::start(const Options &options)
{
    return QtConcurrent::run(CorePool::instance(), [options](QPromise<ToolchainListing> &promise) {
        CorePool::markBackgroundThread();
        promise.setProgressRange(0, 0);
        ToolchainListing l = list(
            options, [&promise] { return promise.isCanceled(); },
            [&promise](int done, int total) {
                promise.setProgressRange(0, total);
                promise.setProgressValue(done);
            });
        promise.addResult(std::move(l));
    });
}

ToolchainListing ToolchainLister::run(const Options &options)
{
    QFuture<ToolchainListing> f = start(options);
    f.waitForFinished();
    return f.resultCount() > 0 ? f.result() : ToolchainListing{};
}

} // namespace mk
