// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProjectNeeds.h"

#include <optional>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSet>

#include "common/AtomicFile.h"
#include "module/ModulePath.h"
#include "module/Semver.h"
#include "project/ProjectFinder.h"
#include "project/ToolchainLine.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

struct GoRun
{
    QByteArray out;
    QString error; ///< empty on success
};

GoRun runGo(const QString &dir, const QStringList &args, const ProjectNeeds::Options &o,
            const QString &gowork = {})
{
    QProcessEnvironment env;
    for (auto it = o.environment.constBegin(); it != o.environment.constEnd(); ++it)
        env.insert(it.key(), it.value());
    env.insert(u"GOPROXY"_s, u"off"_s);
    // -buildvcs=false: listing packages must not ask git (a broken .git fails go list
    // -deps); go ignores GOFLAGS flags it does not know (before go 1.18).
    env.insert(u"GOFLAGS"_s, u"-mod=mod -buildvcs=false"_s);
    env.insert(u"GOMODCACHE"_s, o.gomodcache);
    env.insert(u"GOTOOLCHAIN"_s, u"local"_s); // never fetch a toolchain to answer
    if (!gowork.isEmpty())
        env.insert(u"GOWORK"_s, gowork);
    if (!gowork.isEmpty() && gowork != u"off")
        env.insert(u"GOFLAGS"_s, u"-buildvcs=false"_s); // go refuses -mod=mod in workspace mode
    QProcess p;
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(dir);
    p.start(o.goBinary.isEmpty() ? u"go"_s : o.goBinary, args);
    GoRun r;
    if (!p.waitForStarted()) {
        r.error = u"cannot run go: "_s + p.errorString();
        return r;
    }
    if (!p.waitForFinished(o.timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.error = u"go took too long"_s;
        return r;
    }
    r.out = p.readAllStandardOutput();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        r.error = QString::fromUtf8(p.readAllStandardError()).trimmed();
    if (r.error.isEmpty() && p.exitCode() != 0)
        r.error = u"go failed"_s;
    return r;
}

struct SavedFile
{
    QString path;
    std::optional<QByteArray> content; ///< nullopt: it did not exist
};

SavedFile save(const QString &path)
{
    const Expected<std::optional<QByteArray>> data = AtomicFile::read(path);
    return {path, data ? *data : std::nullopt};
}

void restoreIfChanged(const QList<SavedFile> &saved, QStringList *notes)
{
    for (const SavedFile &f : saved) {
        const Expected<std::optional<QByteArray>> now = AtomicFile::read(f.path);
        if (!now || *now == f.content)
            continue;
        if (f.content)
            (void)AtomicFile::write(f.path, *f.content);
        else
            QFile::remove(f.path);
        if (notes)
            notes->append(
                u"%1: go changed it while listing the modules; it was put back"_s.arg(f.path));
    }
}

} // namespace

QList<ProjectNeeds::Version> ProjectNeeds::parseBuildList(const QByteArray &output)
{
    QList<Version> out;
    for (const QByteArray &line : output.split('\n')) {
        const QList<QByteArray> f = line.simplified().split(' ');
        if (f.size() < 2)
            continue; // a main module has no version
        QString path = QString::fromUtf8(f[0]);
        QString version = QString::fromUtf8(f[1]);
        if (f.size() >= 3) {
            // Replaced: the replacement is what is fetched; a directory replacement
            // (no version) is not in the cache.
            if (f.size() < 4)
                continue;
            path = QString::fromUtf8(f[2]);
            version = QString::fromUtf8(f[3]);
        }
        if (Semver::canonicalVersion(version) == version && !version.isEmpty())
            out.append({path, version, false});
    }
    return out;
}

QList<ProjectNeeds::Version> ProjectNeeds::parseGraph(const QByteArray &output)
{
    QList<Version> out;
    for (const QByteArray &line : output.split('\n'))
        for (const QByteArray &node : line.simplified().split(' ')) {
            const qsizetype at = node.lastIndexOf('@');
            if (at <= 0)
                continue;
            const QString version = QString::fromUtf8(node.mid(at + 1));
            if (Semver::canonicalVersion(version) == version)
                out.append({QString::fromUtf8(node.left(at)), version, true});
        }
    return out;
}

Expected<ProjectNeeds::Result> ProjectNeeds::find(const QString &projectDir, const Options &options)
{
    const QString dir = QFileInfo(projectDir).absoluteFilePath();
    if (!QFileInfo(dir).isDir())
        return Error::make(Error::Code::NotFound, u"not a directory"_s, projectDir);
    // -mod=mod lets go fix go.mod and go.sum as it reads them; a look at what a project needs
    // must not edit it, so whatever go changed is put back.
    const QList<SavedFile> saved = {save(dir + u"/go.mod"_s), save(dir + u"/go.sum"_s)};
    const GoRun list = runGo(
        dir,
        {u"list"_s, u"-m"_s, u"-f"_s,
         u"{{.Path}} {{.Version}} {{with .Replace}}{{.Path}} {{.Version}}{{end}}"_s, u"all"_s},
        options);
    if (!list.error.isEmpty()) {
        restoreIfChanged(saved, nullptr);
        return Error::make(Error::Code::InvalidArgument, u"go list -m all: "_s + list.error,
                           projectDir);
    }
    Result r;
    r.project = dir;
    QSet<QString> seen;
    restoreIfChanged(saved, &r.notes);
    for (const Version &v : parseBuildList(list.out))
        if (!seen.contains(v.id())) {
            seen.insert(v.id());
            r.versions.append(v);
        }
    const GoRun graph = runGo(dir, {u"mod"_s, u"graph"_s}, options);
    restoreIfChanged(saved, &r.notes);
    if (!graph.error.isEmpty()) {
        r.notes.append(u"go mod graph: %1 (only the build list is exported)"_s.arg(graph.error));
        return r;
    }
    for (const Version &v : parseGraph(graph.out))
        if (!seen.contains(v.id())) {
            seen.insert(v.id());
            r.versions.append(v);
        }
    return r;
}

namespace {

QByteArray readSmall(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly) || f.size() > 16 * 1024 * 1024)
        return {};
    return f.readAll();
}

/// The cache files a need requires are there: .mod, and for code the zip or the tree.
bool inCache(const QString &gomodcache, const ProjectNeed &need)
{
    const Expected<QString> ep = ModulePath::escapePath(need.path);
    const Expected<QString> ev = ModulePath::escapeVersion(need.version);
    if (!ep || !ev)
        return false;
    const QString base = gomodcache + u"/cache/download/"_s + *ep + u"/@v/"_s + *ev;
    if (!QFileInfo::exists(base + u".mod"_s))
        return false;
    if (need.how == NeedHow::GoMod)
        return true;
    return QFileInfo::exists(base + u".zip"_s)
           || QFileInfo(gomodcache + u'/' + *ep + u'@' + *ev).isDir();
}

} // namespace

ProjectInfo ProjectNeeds::readProject(const QString &projectDir, bool workspace,
                                      const Options &options)
{
    ProjectInfo info;
    const QString dir = QDir::cleanPath(QFileInfo(projectDir).absoluteFilePath());
    info.dir = dir;
    const QString mainFile = dir + (workspace ? u"/go.work"_s : u"/go.mod"_s);
    const QByteArray main = readSmall(mainFile);
    info.goVersion = ToolchainLine::lookup(main, u"go"_s);
    info.toolchain = ToolchainLine::lookup(main, u"toolchain"_s);
    if (info.toolchain == u"default")
        info.toolchain.clear();
    QStringList moduleDirs{dir};
    QList<SavedFile> saved;
    if (workspace) {
        moduleDirs = ProjectFinder::workspaceUses(mainFile);
        saved << save(dir + u"/go.work"_s) << save(dir + u"/go.work.sum"_s);
    }
    QStringList modules;
    for (const QString &m : std::as_const(moduleDirs)) {
        saved << save(m + u"/go.mod"_s) << save(m + u"/go.sum"_s);
        const QString path
            = ToolchainLine::lookup(readSmall(m + u"/go.mod"_s), u"module"_s).remove(u'"');
        if (!path.isEmpty())
            modules.append(path);
    }
    info.module = modules.join(u' ');
    const QString gowork = workspace ? mainFile : u"off"_s;
    QStringList notes;

    const GoRun list = runGo(
        dir,
        {u"list"_s, u"-m"_s, u"-f"_s,
         u"{{.Path}} {{.Version}} {{with .Replace}}{{.Path}} {{.Version}}{{end}}"_s, u"all"_s},
        options, gowork);
    restoreIfChanged(saved, nullptr);
    if (!list.error.isEmpty()) {
        info.error = u"go list -m all: "_s + list.error;
        return info;
    }
    const GoRun graph = runGo(dir, {u"mod"_s, u"graph"_s}, options, gowork);
    restoreIfChanged(saved, nullptr);
    if (!graph.error.isEmpty()) {
        info.error = u"go mod graph: "_s + graph.error;
        return info;
    }
    // ./... of a workspace folder that is no module matches nothing: each main module's.
    QStringList deps_args{
        u"list"_s, u"-deps"_s, u"-test"_s, u"-f"_s,
        u"{{with .Module}}{{.Path}} {{.Version}} {{with .Replace}}{{.Path}} {{.Version}}{{end}}{{end}}"_s};
    for (const QString &m : std::as_const(moduleDirs)) {
        const QString rel = QDir(dir).relativeFilePath(m);
        deps_args.append(rel == u"."              ? u"./..."_s
                         : rel.startsWith(u"../") ? QString(rel + u"/..."_s)
                                                  : QString(u"./"_s + rel + u"/..."_s));
    }
    const GoRun deps = runGo(dir, deps_args, options, gowork);
    restoreIfChanged(saved, nullptr);

    const QList<Version> buildList = parseBuildList(list.out);
    QSet<QString> code;
    if (deps.error.isEmpty()) {
        for (const Version &v : parseBuildList(deps.out))
            code.insert(v.id());
    } else {
        // Without the package list every build list version may hold code that is needed.
        info.notes.append(
            u"go list -deps -test: %1 (every build list version counts as code)"_s.arg(deps.error));
        for (const Version &v : buildList)
            code.insert(v.id());
    }
    QSet<QString> seen;
    auto add = [&](const Version &v) {
        if (seen.contains(v.id()))
            return;
        seen.insert(v.id());
        const ProjectNeed need{v.path, v.version,
                               code.contains(v.id()) ? NeedHow::Code : NeedHow::GoMod};
        info.needs.append(need);
        if (!inCache(options.gomodcache, need))
            info.missing.append(need);
    };
    // Code needs first (a replaced version's code comes from its replacement), then the rest.
    for (const Version &v : parseBuildList(deps.error.isEmpty() ? deps.out : list.out))
        add(v);
    for (const Version &v : buildList)
        add(v);
    // The graph names replaced modules by their own versions; go reads the replacement's
    // go.mod instead (and a directory replacement is not in the cache).
    QSet<QString> replaced;
    for (const QByteArray &line : list.out.split('\n'))
        if (const QList<QByteArray> f = line.simplified().split(' '); f.size() >= 3)
            replaced.insert(QString::fromUtf8(f[0]));
    for (const Version &v : parseGraph(graph.out))
        if (!replaced.contains(v.path))
            add(v);
    return info;
}

} // namespace mk
