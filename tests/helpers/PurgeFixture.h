// SPDX-License-Identifier: GPL-3.0-or-later
// Shared fixture for the purge tests (tst_purge, tst_purgecrash, tst_cli_purge, tst_reaper):
// a file:// proxy with small real modules, module caches written from it by the real go 1.19
// and 1.23 (built once per test run, copied with `cp -a` for every test), and the checks that
// ask go itself what it thinks of a cache. Header-only: every purge test includes it as
// "helpers/PurgeFixture.h".
#pragma once

#include <functional>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QString>
#include <QStringList>

#include <sys/stat.h>

#include "CacheWriter.h"
#include "FixtureProxy.h"
#include "GoTool.h"
#include "ScratchDir.h"
#include "Subprocess.h"
#include "module/ModulePath.h"
#include "scan/CacheScanner.h"

namespace mk::test::purge {

using namespace Qt::StringLiterals;

// ---------------------------------------------------------------------------------------
// Programs

[[nodiscard]] inline QString cliPath()
{
    return QStringLiteral(MODKEEPER_CLI);
}

#ifdef MODKEEPER_PURGE_CRASHER
[[nodiscard]] inline QString crasherPath()
{
    return QStringLiteral(MODKEEPER_PURGE_CRASHER);
}
#endif

[[nodiscard]] inline QStringList goCommands()
{
    return {GoTool::go119(), GoTool::go123()};
}

/// The go build cache the purge tests share (see tests/helpers/CMakeLists.txt).
[[nodiscard]] inline QString sharedGoCache(const QString &go)
{
    return QStringLiteral(MODKEEPER_PURGE_GOCACHE) + u'/' + GoTool::label(go);
}

/// go's hermetic environment (GoTool::isolatedEnvironment) with the shared build cache.
/// proxy: a file:// URL, or "off".
[[nodiscard]] inline QProcessEnvironment goEnv(const QString &go, const QString &home,
                                               const QString &gomodcache, const QString &proxy)
{
    QProcessEnvironment env = GoTool::isolatedEnvironment(go, home, gomodcache, proxy);
    env.insert(u"GOCACHE"_s, sharedGoCache(go));
    return env;
}

/// What modkeeper-cli gets: nothing of ours, no go env file, a scratch HOME.
[[nodiscard]] inline QProcessEnvironment cliEnv(const QString &home, const QString &gomodcache = {})
{
    QProcessEnvironment env;
    env.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
    env.insert(u"HOME"_s, home);
    env.insert(u"XDG_CONFIG_HOME"_s, home + u"/.config"_s);
    env.insert(u"XDG_CACHE_HOME"_s, home + u"/.cache"_s);
    env.insert(u"GOENV"_s, u"off"_s);
    env.insert(u"GOTOOLCHAIN"_s, u"local"_s);
    env.insert(u"LC_ALL"_s, u"C"_s);
    if (!gomodcache.isEmpty())
        env.insert(u"GOMODCACHE"_s, gomodcache);
    return env;
}

[[nodiscard]] inline ProcessResult runCli(const QStringList &args, const QProcessEnvironment &env,
                                          const QString &workDir = {}, int timeoutMs = 120000)
{
    return Subprocess::run(cliPath(), args, env, workDir, timeoutMs);
}

[[nodiscard]] inline QJsonObject jsonObject(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

// ---------------------------------------------------------------------------------------
// Files

inline bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

[[nodiscard]] inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// lstat: does the name exist (a dangling symlink counts).
[[nodiscard]] inline bool exists(const QString &path)
{
    struct stat st;
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0;
}

[[nodiscard]] inline mode_t modeOf(const QString &path)
{
    struct stat st;
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_mode : 0;
}

/// `cp -a from to`: to must not exist yet. Keeps go's read-only modes and the times.
[[nodiscard]] inline bool copyTree(const QString &from, const QString &to)
{
    QProcessEnvironment env;
    env.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
    return Subprocess::run(u"cp"_s, {u"-a"_s, u"--"_s, from, to}, env).succeeded();
}

/// Every path below root (relative, sorted), as find sees it: a snapshot to prove that a
/// refused command touched nothing.
[[nodiscard]] inline QStringList listing(const QString &root)
{
    QProcessEnvironment env;
    env.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
    env.insert(u"LC_ALL"_s, u"C"_s);
    const ProcessResult r
        = Subprocess::run(u"find"_s, {root, u"-printf"_s, u"%P %y %m %s\\n"_s}, env);
    QStringList lines = QString::fromUtf8(r.stdOut).split(u'\n', Qt::SkipEmptyParts);
    lines.sort();
    return lines;
}

/// The names directly inside dir, sorted (hidden ones included).
[[nodiscard]] inline QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(
        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

[[nodiscard]] inline QString trashPath(const QString &gomodcache)
{
    return gomodcache + u'/' + CacheScanner::trashDirName();
}

// ---------------------------------------------------------------------------------------
// The fixture modules

struct FixtureVersion
{
    QString path;
    QString version;
    FixtureProxy::Files files;

    [[nodiscard]] QString id() const { return path + u'@' + version; }
};

/// The Go package name for a module path: its last element, without a /vN suffix.
[[nodiscard]] inline QString packageName(const QString &path)
{
    QStringList elems = path.split(u'/');
    QString last = elems.last();
    if (elems.size() > 1 && last.size() >= 2 && last.at(0) == u'v' && last.mid(1).toInt() >= 2)
        last = elems.at(elems.size() - 2);
    QString name;
    for (const QChar c : last.toLower())
        if (c.isLetterOrNumber())
            name += c;
    return u"p"_s + name; // never a keyword ("case"), never starts with a digit
}

[[nodiscard]] inline FixtureProxy::Files smallModuleFiles(const QString &path,
                                                          const QString &version,
                                                          bool withGoMod = true)
{
    const QString pkg = packageName(path);
    FixtureProxy::Files files;
    if (withGoMod)
        files.insert(u"go.mod"_s, FixtureProxy::goMod(path));
    files.insert(pkg + u".go"_s, "package " + pkg.toUtf8() + "\n\nconst V = \"" + path.toUtf8()
                                     + '@' + version.toUtf8() + "\"\n");
    files.insert(u"internal/deep/doc.go"_s,
                 "// Package deep is a nested directory, read-only like the rest.\npackage deep\n");
    files.insert(u"README.md"_s,
                 QByteArray("# ") + path.toUtf8() + '\n' + QByteArray(1500, '.') + '\n');
    return files;
}

/// The module graph of the purge tests: neighbours that share prefixes (example.com/a, /ab,
/// /a/sub, /a/v2), GOPRIVATE-style hosts, upper case (escaped), +incompatible, a pseudo-version,
/// prereleases (one with upper case, which go leaves out of @v/list) and versions whose semver
/// order is not their string order (v1.10.0 after v1.2.0).
[[nodiscard]] inline QList<FixtureVersion> standardVersions()
{
    QList<FixtureVersion> out;
    auto add = [&](const QString &path, const QString &version, bool withGoMod = true) {
        out.append({path, version, smallModuleFiles(path, version, withGoMod)});
    };
    for (const QString &v :
         {u"v1.0.0"_s, u"v1.1.0"_s, u"v1.2.0-beta.1"_s, u"v1.2.0"_s, u"v1.10.0"_s, u"v1.3.0-RC1"_s})
        add(u"example.com/a"_s, v);
    add(u"example.com/ab"_s, u"v1.0.0"_s);
    add(u"example.com/a/sub"_s, u"v1.0.0"_s);
    add(u"example.com/a/v2"_s, u"v2.0.0"_s);
    add(u"example.com/legacy"_s, u"v1.0.0"_s);
    add(u"example.com/legacy"_s, u"v2.0.0+incompatible"_s, false);
    add(u"a.example.com/x"_s, u"v1.0.0"_s);
    add(u"b.example.com/y"_s, u"v1.0.0"_s);
    add(u"c.example.com/z"_s, u"v1.0.0"_s);
    add(u"github.com/Upper/Case"_s, u"v1.0.0"_s);
    add(u"example.com/pseudo"_s, u"v0.0.0-20230102150405-abcdefabcdef"_s);
    return out;
}

/// A module with a few hundred files in nested packages, so that extracting and purging it
/// take long enough for go and a purge to overlap.
[[nodiscard]] inline FixtureVersion concurrencyVersion()
{
    const QString path = u"example.com/busy"_s;
    FixtureProxy::Files files;
    files.insert(u"go.mod"_s, FixtureProxy::goMod(path));
    for (int i = 0; i < 300; ++i) {
        const QString dir = i % 3 == 0 ? QString() : u"sub%1/"_s.arg(i % 10);
        const QByteArray pkg
            = dir.isEmpty() ? QByteArray("pbusy") : QByteArray("sub" + QByteArray::number(i % 10));
        files.insert(dir + u"f%1.go"_s.arg(i), "package " + pkg + "\n\n// "
                                                   + QByteArray(200 + (i * 37) % 700, 'z')
                                                   + "\nconst C" + QByteArray::number(i) + " = "
                                                   + QByteArray::number(i) + "\n");
    }
    return {path, u"v1.0.0"_s, files};
}

/// What go reported for one version when it wrote the template cache.
struct Downloaded
{
    QString sum;
    QString goModSum;
};

/// A proxy plus one go-written cache per go command. Build once (initTestCase), then copy a
/// template for every test.
class World
{
public:
    explicit World(const QString &root) : m_root(root), m_proxy(root + u"/proxy"_s) { }

    /// Publishes versions and lets every go in gos download them into its template, all but
    /// those in proxyOnly (published, for tests that download them, but kept out of the
    /// template so that every copy stays small). Returns an error text, empty on success.
    [[nodiscard]] QString build(const QList<FixtureVersion> &versions,
                                const QStringList &gos = goCommands(),
                                const QStringList &proxyOnly = {})
    {
        QDir().mkpath(m_proxy.root());
        QStringList inTemplate;
        for (const FixtureVersion &v : versions) {
            if (Status st = m_proxy.addModule(v.path, v.version, v.files); !st)
                return st.error().toString();
            m_versions.append(v);
            if (!proxyOnly.contains(v.id()))
                inTemplate << v.id();
        }
        for (const QString &go : gos) {
            const QString cache = templateCache(go);
            // The proxy-only versions' hashes are needed too: ask go in a throwaway cache.
            const GoDownloadResult extra
                = proxyOnly.isEmpty()
                      ? GoDownloadResult()
                      : GoTool::downloadModules(
                          go, env(go, m_root + u"/sums-"_s + GoTool::label(go)), proxyOnly);
            if (!proxyOnly.isEmpty() && !extra.ok())
                return extra.describe();
            for (const GoModuleInfo &m : extra.modules)
                m_sums.insert(m.id(), {m.sum, m.goModSum});
            const GoDownloadResult r = GoTool::downloadModules(go, env(go, cache), inTemplate);
            if (!r.ok())
                return r.describe();
            for (const GoModuleInfo &m : r.modules)
                m_sums.insert(m.id(), {m.sum, m.goModSum});
        }
        return {};
    }

    [[nodiscard]] QString root() const { return m_root; }
    [[nodiscard]] QString home() const { return m_root + u"/home"_s; }
    [[nodiscard]] QString proxyUrl() const { return m_proxy.url(); }
    [[nodiscard]] const QList<FixtureVersion> &versions() const { return m_versions; }
    [[nodiscard]] QStringList ids() const
    {
        QStringList out;
        for (const FixtureVersion &v : m_versions)
            out << v.id();
        return out;
    }
    [[nodiscard]] Downloaded sums(const QString &id) const { return m_sums.value(id); }
    [[nodiscard]] QString templateCache(const QString &go) const
    {
        return m_root + u"/template-"_s + GoTool::label(go);
    }

    /// go's environment for a cache: the fixture proxy, or GOPROXY=off when online is false.
    [[nodiscard]] QProcessEnvironment env(const QString &go, const QString &gomodcache,
                                          bool online = true) const
    {
        return goEnv(go, home(), gomodcache, online ? m_proxy.url() : u"off"_s);
    }

    /// A fresh copy of go's template in dir/name; empty on failure.
    [[nodiscard]] QString freshCache(const QString &go, const QString &dir,
                                     const QString &name = u"gomodcache"_s) const
    {
        const QString to = dir + u'/' + name;
        return copyTree(templateCache(go), to) ? to : QString();
    }

    /// A sample main module in dir that requires (and imports) exactly the given versions,
    /// with a complete go.sum for them. Returns dir or an empty string.
    [[nodiscard]] QString writeSampleModule(const QString &dir, const QStringList &ids) const
    {
        QByteArray gomod = "module example.com/sample\n\ngo 1.16\n\nrequire (\n";
        QByteArray imports;
        QByteArray gosum;
        for (const QString &id : ids) {
            const qsizetype at = id.indexOf(u'@');
            const QByteArray path = id.left(at).toUtf8();
            const QByteArray version = id.mid(at + 1).toUtf8();
            gomod += "\t" + path + ' ' + version + '\n';
            imports += "\t_ \"" + path + "\"\n";
            const Downloaded d = m_sums.value(id);
            if (d.sum.isEmpty())
                return {};
            gosum += path + ' ' + version + ' ' + d.sum.toUtf8() + '\n';
            gosum += path + ' ' + version + "/go.mod " + d.goModSum.toUtf8() + '\n';
        }
        gomod += ")\n";
        const QByteArray main = "package main\n\nimport (\n" + imports + ")\n\nfunc main() {}\n";
        if (!writeFile(dir + u"/go.mod"_s, gomod) || !writeFile(dir + u"/go.sum"_s, gosum)
            || !writeFile(dir + u"/main.go"_s, main))
            return {};
        return dir;
    }

private:
    QString m_root;
    FixtureProxy m_proxy;
    QList<FixtureVersion> m_versions;
    QMap<QString, Downloaded> m_sums;
};

// ---------------------------------------------------------------------------------------
// One version on disk, as go sees it

[[nodiscard]] inline QString treeOf(const QString &gomodcache, const QString &id)
{
    const qsizetype at = id.indexOf(u'@');
    return CacheWriter::treePath(gomodcache, id.left(at), id.mid(at + 1));
}

[[nodiscard]] inline QString fileOf(const QString &gomodcache, const QString &id,
                                    const QString &suffix)
{
    const qsizetype at = id.indexOf(u'@');
    return CacheWriter::downloadPath(gomodcache, id.left(at), id.mid(at + 1), suffix);
}

[[nodiscard]] inline QString listOf(const QString &gomodcache, const QString &modulePath)
{
    return gomodcache + u"/cache/download/"_s
           + ModulePath::escapePath(modulePath).valueOr(QString()) + u"/@v/list"_s;
}

struct Pieces
{
    bool tree = false;
    bool zip = false;
    bool ziphash = false;
    bool info = false;
    bool mod = false;
    bool partial = false;
    bool lock = false;

    /// go's DownloadDir: the tree exists, .ziphash exists, no .partial.
    [[nodiscard]] bool usableTree() const { return tree && ziphash && !partial; }
    /// Nothing of the version is left but go's lock file.
    [[nodiscard]] bool gone() const
    {
        return !tree && !zip && !ziphash && !info && !mod && !partial;
    }
    /// What a light clean leaves: zip, ziphash, info and mod without a tree.
    [[nodiscard]] bool archiveOnly() const
    {
        return !tree && zip && ziphash && info && mod && !partial;
    }
    [[nodiscard]] bool complete() const
    {
        return tree && zip && ziphash && info && mod && !partial;
    }

    [[nodiscard]] QString describe() const
    {
        QStringList s;
        auto add = [&](bool on, const char *name) {
            if (on)
                s << QString::fromLatin1(name);
        };
        add(tree, "tree");
        add(zip, ".zip");
        add(ziphash, ".ziphash");
        add(info, ".info");
        add(mod, ".mod");
        add(partial, ".partial");
        add(lock, ".lock");
        return u"{"_s + s.join(u", "_s) + u"}"_s;
    }
};

[[nodiscard]] inline Pieces piecesOf(const QString &gomodcache, const QString &id)
{
    Pieces p;
    p.tree = exists(treeOf(gomodcache, id));
    p.zip = exists(fileOf(gomodcache, id, u".zip"_s));
    p.ziphash = exists(fileOf(gomodcache, id, u".ziphash"_s));
    p.info = exists(fileOf(gomodcache, id, u".info"_s));
    p.mod = exists(fileOf(gomodcache, id, u".mod"_s));
    p.partial = exists(fileOf(gomodcache, id, u".partial"_s));
    p.lock = exists(fileOf(gomodcache, id, u".lock"_s));
    return p;
}

/// path@version -> state, as the scanner reports the cache.
[[nodiscard]] inline QMap<QString, VersionState> scannedStates(const QString &gomodcache)
{
    QMap<QString, VersionState> out;
    const ScanResult scan = CacheScanner::run({gomodcache});
    for (const ModuleVersionRecord &r : scan.versions)
        out.insert(r.id(), r.state);
    return out;
}

// ---------------------------------------------------------------------------------------
// go as the judge

/// `go mod download -json id` in an empty directory.
[[nodiscard]] inline GoDownloadResult goDownload(const QString &go, const QProcessEnvironment &env,
                                                 const QString &id)
{
    return GoTool::downloadModules(go, env, {id}, 1, 120000);
}

/// True when go refused for want of a proxy, cleanly: a non-zero exit, no crash, and go's
/// "lookup disabled" message for the version.
[[nodiscard]] inline bool offlineLookupRefused(const GoDownloadResult &r)
{
    if (!r.process.started || r.process.crashed || r.process.timedOut || r.process.exitCode == 0)
        return false;
    const QString all = QString::fromUtf8(r.process.stdOut + r.process.stdErr);
    return all.contains(u"module lookup disabled by GOPROXY=off"_s);
}

/// The @v/list go writes for a module after downloading exactly these versions into an empty
/// cache (rewriteVersionList from the *.mod files present): the judge for ours.
[[nodiscard]] inline QByteArray goWrittenList(const World &world, const QString &go,
                                              const QString &scratch, const QString &modulePath,
                                              const QStringList &ids, QString *error)
{
    static int n = 0;
    const QString cache = scratch + u"/judge-list-"_s + QString::number(++n);
    if (ids.isEmpty())
        return QByteArray(); // no *.mod file left: an empty list
    const GoDownloadResult r = GoTool::downloadModules(go, world.env(go, cache), ids);
    if (!r.ok()) {
        *error = r.describe();
        return {};
    }
    return readFile(listOf(cache, modulePath));
}

/// Reads a started process's stdout until a line starting with prefix arrives (or timeoutMs).
[[nodiscard]] inline bool waitForLine(QProcess &p, const QByteArray &prefix, QByteArray *seen,
                                      int timeoutMs = 30000)
{
    QElapsedTimer t;
    t.start();
    QSignalSpy spy(&p, &QProcess::readyReadStandardOutput);
    while (true) {
        *seen += p.readAllStandardOutput();
        for (const QByteArray &line : seen->split('\n'))
            if (line.startsWith(prefix))
                return true;
        if (p.state() == QProcess::NotRunning || t.elapsed() > timeoutMs)
            return false;
        if (!spy.wait(int(std::max<qint64>(1, timeoutMs - t.elapsed()))))
            continue;
    }
}

} // namespace mk::test::purge
