// SPDX-License-Identifier: GPL-3.0-or-later
#include "VersionDownloader.h"

#include <cerrno>
#include <optional>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "archive/Hash1.h"
#include "archive/ModuleZip.h"
#include "common/FileLock.h"
#include "common/GoQuote.h"
#include "common/SafeFs.h"
#include "download/GoModRetractions.h"
#include "download/RevInfoJson.h"
#include "module/ModulePath.h"
#include "module/Semver.h"
#include "purge/VersionPurger.h"
#include "common/DirReader.h"

using namespace Qt::StringLiterals;

namespace mk {

struct VersionDownloader::Ctx
{
    DownloadRequest request;
    Mode mode = Mode::Download;
    std::string escPath;
    std::string escVersion;
    std::string vdir;    // cache/download/<esc>/@v
    std::string treeRel; // <esc>@<escv>
    QString vdirShown;   // the @v directory as messages name it
    UniqueFd vfd;
    // What the cache held before; the .ziphash is read again under the lock.
    std::optional<QByteArray> oldInfo;
    std::optional<QByteArray> oldMod;
    std::optional<QByteArray> oldHash;
    bool hashOk = false;     // oldHash is a .ziphash go would use (read under the lock)
    bool zipPresent = false; // a kept .zip (seen under the lock)
    bool changed = false;    // the proxy's go.mod differs from the cached one, which is kept
    DownloadResult result;
    std::function<bool()> cancelled;
    std::function<void(const DownloadResult &)> progress;
    QElapsedTimer sinceProgress;
    qint64 bytesBefore = 0;

    [[nodiscard]] std::string name(const char *suffix) const { return escVersion + suffix; }
    [[nodiscard]] QString shown(const std::string &file) const
    {
        return vdirShown + u'/' + QString::fromStdString(file);
    }
    DownloadResult fail(Error e)
    {
        result.outcome = DownloadOutcome::Failed;
        result.error = std::move(e);
        return result;
    }
};

namespace {

std::optional<QByteArray> readSmall(int dirFd, const std::string &name, qint64 limit = 16 << 20)
{
    UniqueFd fd = SafeFs::openAt(dirFd, name.c_str(), O_RDONLY); // never moves "last used"
    if (!fd.isValid())
        return std::nullopt;
    QByteArray out;
    char buf[65536];
    ssize_t n;
    while ((n = ::read(fd.get(), buf, sizeof buf)) > 0) {
        out.append(buf, n);
        if (out.size() > limit)
            return std::nullopt;
    }
    if (n < 0)
        return std::nullopt;
    return out;
}

bool present(int dirFd, const std::string &name)
{
    struct stat st;
    return ::fstatat(dirFd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
}

// go's checkMod: a .ziphash is used only when it is exactly "h1:" + 44 base64 bytes.
bool validZiphash(const std::optional<QByteArray> &h)
{
    return h && h->size() == 47 && h->startsWith("h1:") && !h->contains('\0');
}

// go deletes stale temp zips ("<v>.zip<rand>.tmp") under the lock before downloading.
void removeStaleTempZips(int vfd, const std::string &prefix)
{
    std::vector<std::string> stale;
    DirReader::forEachEntry(vfd, [&](const char *n) {
        const std::string s(n);
        if (s.size() > prefix.size() + 4 && s.compare(0, prefix.size(), prefix) == 0
            && s.ends_with(".tmp"))
            stale.push_back(s);
    });
    for (const std::string &s : stale)
        ::unlinkat(vfd, s.c_str(), 0);
}

std::string randomDigits()
{
    return std::to_string(QRandomGenerator::global()->bounded(1000000000));
}

bool writeAll(int fd, const QByteArray &data)
{
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

} // namespace

VersionDownloader::VersionDownloader(int rootFd, const DownloadOptions &options,
                                     const ProxyFetcher &fetcher)
    : m_root(rootFd), m_options(options), m_fetcher(fetcher)
{ }

Status VersionDownloader::writeMetadata(Ctx &c, const QString &suffix, const QByteArray &data)
{
    // go's writeDiskCache: "<file><rand>.tmp" (O_EXCL, 0666), then rename over the final name.
    const std::string final = c.escVersion + suffix.toStdString();
    const std::string tmp = final + randomDigits() + ".tmp";
    const QString display
        = m_options.gomodcache + u'/' + QString::fromStdString(c.vdir + '/' + final);
    {
        UniqueFd fd(::openat(c.vfd.get(), tmp.c_str(),
                             O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666));
        if (!fd.isValid())
            return Error::fromErrno(errno, display);
        if (!writeAll(fd.get(), data)) {
            const int err = errno;
            ::unlinkat(c.vfd.get(), tmp.c_str(), 0);
            return Error::fromErrno(err, display);
        }
    }
    if (::renameat(c.vfd.get(), tmp.c_str(), c.vfd.get(), final.c_str()) != 0) {
        const int err = errno;
        ::unlinkat(c.vfd.get(), tmp.c_str(), 0);
        return Error::fromErrno(err, display);
    }
    if (suffix == u".mod")
        return VersionPurger::rewriteVersionList(
            m_root, c.vdir, m_options.gomodcache + u'/' + QString::fromStdString(c.vdir));
    return {};
}

Status VersionDownloader::checkHash(Ctx &c, const QString &h1, bool goMod)
{
    const QString what
        = c.request.path + u' ' + c.request.version + (goMod ? u"/go.mod"_s : QString());
    if (const auto it = m_options.knownSums.constFind(what); it != m_options.knownSums.constEnd()) {
        if (*it != h1)
            return Error::make(
                Error::Code::Security,
                u"checksum mismatch\n\tdownloaded: %1\n\tgo.sum:     %2\n\nSECURITY ERROR\nThis "
                u"download does NOT "
                "match an earlier download recorded in go.sum.\nThe bits may have been replaced on "
                "the origin "
                "server, or an attacker may have intercepted the download attempt."_s.arg(h1, *it),
                u"verifying "_s + c.request.id() + (goMod ? u"/go.mod"_s : QString()));
        c.result.notes.append(goMod ? u"go.mod checked against go.sum"_s
                                    : u"zip checked against go.sum"_s);
        return {};
    }
    if (m_options.checksumDb) {
        bool verified = false;
        if (Status st
            = m_options.checksumDb(c.request.path, c.request.version, h1, goMod, &verified);
            !st)
            return st;
        if (verified)
            c.result.notes.append(goMod ? u"go.mod checked against the checksum database"_s
                                        : u"zip checked against the checksum database"_s);
    }
    return {};
}

DownloadResult VersionDownloader::goDirect(Ctx &c)
{
    DownloadResult &r = c.result;
    r.proxy = u"direct"_s;
    auto fail = [&](Error e) {
        r.outcome = DownloadOutcome::Failed;
        r.error = std::move(e);
        return r;
    };
    if (c.mode != Mode::Download)
        return fail(Error::make(Error::Code::Unsupported,
                                u"comes from version control (GOPROXY direct or GONOPROXY), which "
                                u"the go command fetches "
                                "itself; it cannot be fetched again for comparison"_s,
                                c.request.id()));
    const QString go = !m_options.goBinary.isEmpty() ? m_options.goBinary
                                                     : QStandardPaths::findExecutable(u"go"_s);
    if (go.isEmpty())
        return fail(Error::make(
            Error::Code::NotFound,
            u"must come from version control (GOPROXY direct or GONOPROXY), which needs the go "
            "command, and none was found on PATH"_s,
            c.request.id()));
    QTemporaryDir work;
    if (!work.isValid())
        return fail(Error::make(Error::Code::Io, work.errorString(), u"temporary directory"_s));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"GOMODCACHE"_s, m_options.gomodcache);
    env.insert(u"GOPROXY"_s, m_options.goproxy);
    if (!m_options.gonoproxy.isEmpty())
        env.insert(u"GONOPROXY"_s, m_options.gonoproxy);
    env.insert(u"GOFLAGS"_s, m_options.cacheRw ? u"-mod=mod -modcacherw"_s : u"-mod=mod"_s);
    env.insert(u"GOWORK"_s, u"off"_s);
    env.insert(u"GO111MODULE"_s, u"on"_s);
    for (auto it = m_options.goEnvironment.cbegin(); it != m_options.goEnvironment.cend(); ++it)
        env.insert(it.key(), it.value());
    QProcess p;
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(work.path());
    p.start(go, {u"mod"_s, u"download"_s, u"-json"_s, c.request.id()});
    if (!p.waitForStarted(30000))
        return fail(Error::make(Error::Code::Io, p.errorString(), go));
    while (!p.waitForFinished(200)) {
        if (c.cancelled && c.cancelled()) {
            p.kill();
            p.waitForFinished(5000);
            return fail(Error::make(Error::Code::Cancelled, u"cancelled"_s, c.request.id()));
        }
        if (p.state() == QProcess::NotRunning)
            break;
    }
    const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    if (!o.value(u"Error"_s).toString().isEmpty())
        return fail(
            Error::make(Error::Code::Network, o.value(u"Error"_s).toString(), c.request.id()));
    if (p.exitCode() != 0 || o.value(u"Sum"_s).toString().isEmpty())
        return fail(Error::make(Error::Code::Network,
                                QString::fromLocal8Bit(p.readAllStandardError()).trimmed(),
                                c.request.id()));
    r.sum = o.value(u"Sum"_s).toString();
    r.goModSum = o.value(u"GoModSum"_s).toString();
    if (!o.value(u"Version"_s).toString().isEmpty())
        r.version = o.value(u"Version"_s).toString(); // go resolved a query such as latest
    r.outcome = DownloadOutcome::Downloaded;
    r.notes.append(u"fetched by %1 from version control"_s.arg(go));
    return r;
}

Expected<QString> VersionDownloader::resolveLatest(const QString &path,
                                                   const std::function<bool()> &cancelled,
                                                   bool *direct)
{
    *direct = false;
    const ProxyFetcher::Fetched list
        = m_fetcher.fetch(path, {}, ProxyFetcher::Kind::List, nullptr, cancelled);
    if (list.direct) {
        *direct = true;
        return QString();
    }
    if (!list.ok())
        return list.error;
    // Only the first field of each line counts; pseudo-versions and non-canonical entries do not.
    QStringList versions;
    for (const QByteArray &line : list.data.split('\n')) {
        const QString v = QString::fromUtf8(line.simplified().split(' ').value(0));
        if (!v.isEmpty() && Semver::canonicalVersion(v) == v && !Semver::isPseudo(v)
            && !versions.contains(v))
            versions.append(v);
    }
    std::sort(versions.begin(), versions.end(),
              [](const QString &a, const QString &b) { return Semver::compare(a, b) < 0; });

    // modload's queryProxy: the highest allowed release, else pre-release, else @latest.
    const auto choose = [&](const GoModRetractions &retracted) -> Expected<QString> {
        // filterVersions: once the last compatible version has a real go.mod (not the
        // "module <path>" go synthesizes), higher +incompatible versions are not candidates.
        QString release;
        QString prerelease;
        QString lastCompatible;
        bool needIncompatible = false;
        for (const QString &v : std::as_const(versions)) {
            if (retracted.retracts(v))
                continue;
            if (!needIncompatible) {
                if (!v.endsWith(u"+incompatible"_s)) {
                    lastCompatible = v;
                } else if (!lastCompatible.isEmpty()) {
                    const ProxyFetcher::Fetched mod = m_fetcher.fetch(
                        path, lastCompatible, ProxyFetcher::Kind::Mod, nullptr, cancelled);
                    if (!mod.ok())
                        return mod.error;
                    const QByteArray legacy = "module "
                                              + (path.contains(u' ') || path.contains(u'"')
                                                     ? GoQuote::string(path).toUtf8()
                                                     : path.toUtf8())
                                              + '\n';
                    if (mod.data != legacy)
                        break;
                    needIncompatible = true;
                }
            }
            (Semver::prerelease(v).isEmpty() ? release : prerelease)
                = v; // ascending: the last one wins
        }
        if (!release.isEmpty())
            return release;
        if (!prerelease.isEmpty())
            return prerelease;
        const ProxyFetcher::Fetched latest
            = m_fetcher.fetch(path, {}, ProxyFetcher::Kind::Latest, nullptr, cancelled);
        if (latest.direct) {
            *direct = true; // the caller hands the whole query to go
            return QString();
        }
        if (!latest.ok())
            return latest.error;
        const QString v
            = QJsonDocument::fromJson(latest.data).object().value(u"Version"_s).toString();
        if (v.isEmpty() || Semver::canonicalVersion(v) != v)
            return Error::make(Error::Code::InvalidArgument,
                               u"invalid version in the @latest answer from %1"_s.arg(latest.proxy),
                               path + u"@latest"_s);
        if (retracted.retracts(v))
            return Error::make(Error::Code::NotFound,
                               u"no matching versions for query \"latest\" (all are retracted)"_s,
                               path + u"@latest"_s);
        return v;
    };
    // CheckRetractions: go reads them from the go.mod of the latest version, retractions ignored.
    const Expected<QString> ignoring = choose({});
    if (!ignoring || *direct)
        return ignoring;
    const ProxyFetcher::Fetched mod
        = m_fetcher.fetch(path, *ignoring, ProxyFetcher::Kind::Mod, nullptr, cancelled);
    if (!mod.ok())
        return mod.error;
    const GoModRetractions retractions = GoModRetractions::parse(mod.data);
    if (retractions.intervals().isEmpty())
        return ignoring;
    return choose(retractions);
}

DownloadResult VersionDownloader::run(const DownloadRequest &request, Mode mode,
                                      const std::function<bool()> &cancelled,
                                      const std::function<void(const DownloadResult &)> &progress)
{
    Ctx c;
    c.request = request;
    c.mode = mode;
    c.cancelled = cancelled;
    c.progress = progress;
    c.sinceProgress.start();
    c.result.path = request.path;
    c.result.version = request.version;

    if (auto done = resolveVersion(c))
        return *done;
    if (auto done = openVersionDir(c))
        return *done;
    if (auto done = checkCachedCopy(c))
        return *done;
    if (auto done = fetchInfo(c))
        return *done;
    if (auto done = fetchMod(c))
        return *done;

    // The zip and the tree, under go's lock for this version.
    Expected<FileLock> lock
        = FileLock::acquire(m_root, c.vdir + '/' + c.name(".lock"), c.shown(c.name(".lock")),
                            m_options.lockTimeoutMs, cancelled);
    if (!lock)
        return c.fail(lock.error());
    c.oldHash = readSmall(c.vfd.get(), c.name(".ziphash"), 1024);
    c.hashOk = validZiphash(c.oldHash);
    c.zipPresent = present(c.vfd.get(), c.name(".zip"));
    if (auto done = installKeptZip(c))
        return *done;
    removeStaleTempZips(c.vfd.get(), c.name(".zip"));
    const std::string tmpName = c.name(".zip") + randomDigits() + ".tmp";
    if (auto done = fetchZip(c, tmpName, lock))
        return *done;
    if (mode == Mode::Download || !c.hashOk)
        return install(c, tmpName, true,
                       QString()); // checked after extraction, under .partial, with go's message

    // Refresh / Replace: compare with what the cache recorded before touching anything.
    if (auto done = compareWithRecord(c, tmpName))
        return *done;
    if (mode == Mode::Refresh)
        return keepRefreshed(c, tmpName);
    return replaceAndExtract(c, tmpName);
}

std::optional<DownloadResult> VersionDownloader::resolveVersion(Ctx &c)
{
    DownloadResult &r = c.result;
    if (Status st = ModulePath::checkPath(c.request.path); !st) {
        Error e = st.error();
        e.subject = c.request.id();
        return c.fail(e);
    }
    if (c.request.version == u"latest") {
        r.query = c.request.version;
        bool direct = false;
        const Expected<QString> resolved = resolveLatest(c.request.path, c.cancelled, &direct);
        if (direct)
            return goDirect(c);
        if (!resolved) {
            Error e = resolved.error();
            e.subject = c.request.id();
            return c.fail(e);
        }
        c.request.version = *resolved;
        r.version = c.request.version;
        r.notes.append(u"latest is %1"_s.arg(c.request.version));
    }
    if (Semver::canonicalVersion(c.request.version) != c.request.version)
        return c.fail(
            Error::make(Error::Code::InvalidArgument,
                        u"not a canonical version (vX.Y.Z, a pre-release or a pseudo-version); "
                        "or latest"_s,
                        c.request.id()));
    return std::nullopt;
}

std::optional<DownloadResult> VersionDownloader::openVersionDir(Ctx &c)
{
    c.escPath = ModulePath::escapePath(c.request.path).value().toStdString();
    c.escVersion = ModulePath::escapeVersion(c.request.version).value().toStdString();
    c.vdir = "cache/download/" + c.escPath + "/@v";
    c.treeRel = c.escPath + '@' + c.escVersion;
    c.vdirShown = m_options.gomodcache + u'/' + QString::fromStdString(c.vdir);

    if (!SafeFs::makeDirsBeneath(m_root, c.vdir.c_str()))
        return c.fail(Error::fromErrno(errno, c.vdirShown));
    c.vfd = SafeFs::openDirBeneath(m_root, c.vdir.c_str());
    if (!c.vfd.isValid())
        return c.fail(Error::fromErrno(errno, c.vdirShown));
    return std::nullopt;
}

bool VersionDownloader::treePresent(const Ctx &c) const
{
    struct stat st;
    return SafeFs::statBeneath(m_root, c.treeRel.c_str(), &st) && S_ISDIR(st.st_mode);
}

std::optional<DownloadResult> VersionDownloader::checkCachedCopy(Ctx &c)
{
    const int vfd = c.vfd.get();
    c.oldInfo = readSmall(vfd, c.name(".info"), 1 << 20);
    c.oldMod = readSmall(vfd, c.name(".mod"));
    c.oldHash = readSmall(vfd, c.name(".ziphash"), 1024);
    const bool complete = c.oldInfo && c.oldMod && validZiphash(c.oldHash) && treePresent(c)
                          && !present(vfd, c.name(".partial"));
    if (c.mode == Mode::Download && complete) {
        DownloadResult &r = c.result;
        r.outcome = DownloadOutcome::AlreadyPresent;
        r.sum = QString::fromLatin1(*c.oldHash);
        r.goModSum = Hash1::hashGoMod(*c.oldMod);
        return r;
    }
    return std::nullopt;
}

std::optional<DownloadResult> VersionDownloader::fetchInfo(Ctx &c)
{
    if (c.mode == Mode::Download && c.oldInfo)
        return std::nullopt;
    DownloadResult &r = c.result;
    const DownloadRequest &request = c.request;
    const ProxyFetcher::Fetched f = m_fetcher.fetch(request.path, request.version,
                                                    ProxyFetcher::Kind::Info, nullptr, c.cancelled);
    if (f.direct)
        return goDirect(c);
    if (!f.ok())
        return c.fail(f.error);
    r.bytes += f.bytes;
    const Expected<QByteArray> info = RevInfoJson::fromProxy(f.data, request.version);
    if (!info) {
        Error e = info.error();
        e.subject = request.id() + u" from "_s + f.proxy;
        return c.fail(e);
    }
    if (!c.oldInfo) {
        if (Status st = writeMetadata(c, u".info"_s, *info); !st)
            return c.fail(st.error());
    } else if (*c.oldInfo != *info) {
        // Not security relevant (go re-reads it as JSON): a repair puts the proxy's in place.
        if (c.mode == Mode::Replace) {
            if (Status st = writeMetadata(c, u".info"_s, *info); !st)
                return c.fail(st.error());
            r.notes.append(u"the damaged .info was replaced"_s);
        } else {
            r.notes.append(
                u"the proxy's .info differs from the cached one (the cached one is kept)"_s);
        }
    }
    return std::nullopt;
}

std::optional<DownloadResult> VersionDownloader::fetchMod(Ctx &c)
{
    DownloadResult &r = c.result;
    if (c.mode == Mode::Download && c.oldMod) {
        r.goModSum = Hash1::hashGoMod(*c.oldMod);
        return std::nullopt;
    }
    const DownloadRequest &request = c.request;
    const ProxyFetcher::Fetched f = m_fetcher.fetch(request.path, request.version,
                                                    ProxyFetcher::Kind::Mod, nullptr, c.cancelled);
    if (f.direct)
        return goDirect(c);
    if (!f.ok())
        return c.fail(f.error);
    r.bytes += f.bytes;
    const QString modSum = Hash1::hashGoMod(f.data);
    if (Status st = checkHash(c, modSum, true); !st)
        return c.fail(st.error());
    r.goModSum = modSum;
    if (!c.oldMod) {
        if (Status st = writeMetadata(c, u".mod"_s, f.data); !st)
            return c.fail(st.error());
    } else if (*c.oldMod != f.data) {
        if (c.mode == Mode::Replace
            && r.notes.contains(u"go.mod checked against the checksum database"_s)) {
            if (Status st = writeMetadata(c, u".mod"_s, f.data); !st)
                return c.fail(st.error());
            r.notes.append(u"the damaged go.mod was replaced by the verified one"_s);
        } else {
            c.changed = true;
            r.goModSum = Hash1::hashGoMod(*c.oldMod);
            r.notes.append(
                u"SECURITY: the proxy's go.mod (%1) differs from the cached one (%2); the cached one is kept"_s
                    .arg(modSum, r.goModSum));
        }
    }
    return std::nullopt;
}

Status VersionDownloader::moveTreeAside(const Ctx &c)
{
    if (!treePresent(c))
        return {};
    VersionPurger purger(m_options.gomodcache);
    if (Status st = purger.open(); !st)
        return st;
    const std::string trashName
        = "download-" + std::to_string(QDateTime::currentMSecsSinceEpoch()) + '-' + randomDigits();
    if (Status st = purger.moveIntoTrash(c.treeRel, trashName, u"cannot move the old tree aside"_s);
        !st)
        return st;
    return {};
}

DownloadResult VersionDownloader::install(Ctx &c, const std::string &zipName, bool fresh,
                                          const QString &expected)
{
    DownloadResult &r = c.result;
    const int vfd = c.vfd.get();
    {
        UniqueFd pfd(::openat(vfd, c.name(".partial").c_str(),
                              O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666));
        if (!pfd.isValid())
            return c.fail(Error::fromErrno(errno, c.shown(c.name(".partial"))));
    }
    auto abandon = [&](Error e) {
        if (fresh)
            ::unlinkat(vfd, zipName.c_str(), 0);
        // The tree (if any) is gone again; the marker goes last, as go does.
        ::unlinkat(vfd, c.name(".partial").c_str(), 0);
        return c.fail(std::move(e));
    };
    if (Status st = moveTreeAside(c); !st)
        return abandon(st.error());
    ModuleZip::ExtractOptions x;
    x.expectedHash = expected;
    x.cacheRw = m_options.cacheRw;
    const Expected<ModuleZip::ExtractResult> done
        = ModuleZip::extractAt(c.shown(zipName), m_root, QByteArray::fromStdString(c.treeRel),
                               c.request.path, c.request.version, x);
    if (!done) {
        Error e = done.error();
        if (fresh)
            e.message += u" (served by %1)"_s.arg(r.proxy);
        return abandon(e);
    }
    r.sum = done->zipHash;
    if (fresh) {
        if (Status st = checkHash(c, r.sum, false); !st) {
            (void)moveTreeAside(c);
            return abandon(st.error());
        }
    }
    if (fresh || !c.hashOk) {
        // lockedfile.Write: exclusive lock on the file itself, truncate, write.
        UniqueFd hfd(::openat(vfd, c.name(".ziphash").c_str(),
                              O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666));
        if (!hfd.isValid() || ::flock(hfd.get(), LOCK_EX) != 0 || ::ftruncate(hfd.get(), 0) != 0
            || !writeAll(hfd.get(), r.sum.toLatin1())) {
            const Error e = Error::fromErrno(errno, c.shown(c.name(".ziphash")));
            (void)moveTreeAside(c);
            return abandon(e);
        }
    }
    if (fresh && ::renameat(vfd, zipName.c_str(), vfd, c.name(".zip").c_str()) != 0) {
        const Error e = Error::fromErrno(errno, c.shown(c.name(".zip")));
        (void)moveTreeAside(c);
        return abandon(e);
    }
    if (::unlinkat(vfd, c.name(".partial").c_str(), 0) != 0 && errno != ENOENT)
        return c.fail(Error::fromErrno(errno, c.shown(c.name(".partial"))));
    r.outcome = c.changed ? DownloadOutcome::Changed : DownloadOutcome::Downloaded;
    return r;
}

std::optional<DownloadResult> VersionDownloader::installKeptZip(Ctx &c)
{
    if (c.mode != Mode::Download)
        return std::nullopt;
    DownloadResult &r = c.result;
    if (c.hashOk && treePresent(c) && !present(c.vfd.get(), c.name(".partial"))) {
        r.outcome = DownloadOutcome::Downloaded; // completed by someone else meanwhile
        r.sum = QString::fromLatin1(*c.oldHash);
        return r;
    }
    if (c.hashOk && c.zipPresent) {
        // go's fast path: the kept zip is trusted (it passed the checks when it came).
        r.proxy = u"cache"_s;
        return install(c, c.name(".zip"), false, QString::fromLatin1(*c.oldHash));
    }
    return std::nullopt;
}

std::optional<DownloadResult> VersionDownloader::fetchZip(Ctx &c, const std::string &tmpName,
                                                          Expected<FileLock> &lock)
{
    DownloadResult &r = c.result;
    const int vfd = c.vfd.get();
    UniqueFd tfd(
        ::openat(vfd, tmpName.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666));
    if (!tfd.isValid())
        return c.fail(Error::fromErrno(errno, c.shown(tmpName)));
    QFile sink;
    if (!sink.open(tfd.release(), QIODevice::ReadWrite, QFileDevice::AutoCloseHandle)) {
        ::unlinkat(vfd, tmpName.c_str(), 0);
        return c.fail(Error::make(Error::Code::Io, sink.errorString(), c.shown(tmpName)));
    }
    const qint64 before = r.bytes;
    const ProxyFetcher::Fetched f
        = m_fetcher.fetch(c.request.path, c.request.version, ProxyFetcher::Kind::Zip, &sink,
                          c.cancelled, [&](qint64 bytes) {
                              if (!c.progress || c.sinceProgress.elapsed() < 100)
                                  return;
                              c.sinceProgress.restart();
                              DownloadResult update;
                              update.path = r.path;
                              update.version = r.version;
                              update.query = r.query;
                              update.outcome = DownloadOutcome::InProgress;
                              update.bytes = before + bytes;
                              c.progress(update);
                          });
    sink.close();
    if (f.direct) {
        ::unlinkat(vfd, tmpName.c_str(), 0);
        lock = FileLock(); // go takes the lock itself
        return goDirect(c);
    }
    if (!f.ok()) {
        ::unlinkat(vfd, tmpName.c_str(), 0);
        return c.fail(f.error);
    }
    r.bytes += f.bytes;
    r.proxy = f.proxy;
    return std::nullopt;
}

std::optional<DownloadResult> VersionDownloader::compareWithRecord(Ctx &c,
                                                                   const std::string &tmpName)
{
    DownloadResult &r = c.result;
    const int vfd = c.vfd.get();
    const Expected<ModuleZipContents> checked
        = ModuleZip::verify(c.shown(tmpName), c.request.path, c.request.version);
    if (!checked) {
        ::unlinkat(vfd, tmpName.c_str(), 0);
        Error e = checked.error();
        e.message += u" (served by %1)"_s.arg(r.proxy);
        return c.fail(e);
    }
    r.sum = checked->zipHash;
    if (Status st = checkHash(c, r.sum, false); !st) {
        ::unlinkat(vfd, tmpName.c_str(), 0);
        return c.fail(st.error());
    }
    const QString recorded = QString::fromLatin1(*c.oldHash);
    if (r.sum != recorded) {
        ::unlinkat(vfd, tmpName.c_str(), 0);
        r.outcome = DownloadOutcome::Changed;
        r.error = Error::make(
            Error::Code::Security,
            u"SECURITY: %1 serves a zip with %2, but the cache recorded %3 for it; the cached copy is kept"_s
                .arg(r.proxy, r.sum, recorded),
            c.request.id());
        return r;
    }
    return std::nullopt;
}

DownloadResult VersionDownloader::keepRefreshed(Ctx &c, const std::string &tmpName)
{
    DownloadResult &r = c.result;
    const int vfd = c.vfd.get();
    // Same bytes. A kept zip that was missing is put back (it matches the record).
    if (!c.zipPresent) {
        if (::renameat(vfd, tmpName.c_str(), vfd, c.name(".zip").c_str()) != 0) {
            const Error e = Error::fromErrno(errno, c.shown(c.name(".zip")));
            ::unlinkat(vfd, tmpName.c_str(), 0);
            return c.fail(e);
        }
    } else {
        ::unlinkat(vfd, tmpName.c_str(), 0);
    }
    r.outcome = c.changed ? DownloadOutcome::Changed : DownloadOutcome::Identical;
    return r;
}

DownloadResult VersionDownloader::replaceAndExtract(Ctx &c, const std::string &tmpName)
{
    const int vfd = c.vfd.get();
    // Replace (repair): the verified zip goes in and the tree is extracted again from it.
    if (::renameat(vfd, tmpName.c_str(), vfd, c.name(".zip").c_str()) != 0) {
        const Error e = Error::fromErrno(errno, c.shown(c.name(".zip")));
        ::unlinkat(vfd, tmpName.c_str(), 0);
        return c.fail(e);
    }
    c.result.notes.append(
        u"the zip was replaced by a verified download and the tree extracted again"_s);
    return install(c, c.name(".zip"), false, QString::fromLatin1(*c.oldHash));
}

} // namespace mk
