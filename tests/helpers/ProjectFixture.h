// SPDX-License-Identifier: GPL-3.0-or-later
// Go projects for the project tests (tst_projects, tst_purgeunused, tst_cli_projects): a
// fixture proxy with a small module graph, and a folder of projects that share and diverge
// on it, tidied once by the real go. Header-only; include helpers/PurgeFixture.h first.
#pragma once

#include <QDir>

#include "PurgeFixture.h"

namespace mk::test::projects {

using namespace mk::test::purge;
using namespace Qt::StringLiterals;

/// A module version that imports the given module paths (their package pV) and requires them.
inline FixtureVersion moduleVersion(const QString &path, const QString &version,
                                    const QStringList &requires_ = {})
{
    const QString pkg = packageName(path);
    QByteArray gomod = "module " + path.toUtf8() + "\n\ngo 1.16\n";
    QByteArray imports;
    for (const QString &r : requires_) {
        const qsizetype at = r.indexOf(u'@');
        gomod += "\nrequire " + r.left(at).toUtf8() + ' ' + r.mid(at + 1).toUtf8() + '\n';
        imports += "import _ \"" + r.left(at).toUtf8() + "\"\n";
    }
    FixtureProxy::Files files;
    files.insert(u"go.mod"_s, gomod);
    files.insert(pkg + u".go"_s, "package " + pkg.toUtf8() + "\n\n" + imports + "\nconst V = \""
                                     + path.toUtf8() + '@' + version.toUtf8() + "\"\n");
    files.insert(u"README.md"_s, QByteArray(3000, 'r'));
    return {path, version, files};
}

/// The module graph. lib v1.1.0/v1.2.0 import util; dep imports lib v1.0.0.
inline QList<FixtureVersion> graphVersions()
{
    return {
        moduleVersion(u"example.com/util"_s, u"v1.0.0"_s),
        moduleVersion(u"example.com/util"_s, u"v1.1.0"_s),
        moduleVersion(u"example.com/lib"_s, u"v1.0.0"_s),
        moduleVersion(u"example.com/lib"_s, u"v1.1.0"_s, {u"example.com/util@v1.0.0"_s}),
        moduleVersion(u"example.com/lib"_s, u"v1.2.0"_s, {u"example.com/util@v1.1.0"_s}),
        moduleVersion(u"example.com/dep"_s, u"v1.0.0"_s, {u"example.com/lib@v1.0.0"_s}),
        moduleVersion(u"example.com/unused"_s, u"v1.0.0"_s),
        moduleVersion(u"example.com/stale"_s, u"v1.0.0"_s),
        moduleVersion(u"example.com/repl"_s, u"v1.0.0"_s),
        moduleVersion(u"example.com/miss"_s, u"v1.0.0"_s),
    };
}

/// A main module in dir requiring (and importing) ids; extra go.mod text appended.
inline bool writeProject(const QString &dir, const QString &module, const QStringList &ids,
                         const QByteArray &extra = {}, const QByteArray &goLine = "1.17")
{
    QByteArray gomod = "module " + module.toUtf8() + "\n\ngo " + goLine + "\n";
    QByteArray imports;
    for (const QString &id : ids) {
        const qsizetype at = id.indexOf(u'@');
        gomod += "\nrequire " + id.left(at).toUtf8() + ' ' + id.mid(at + 1).toUtf8() + '\n';
        imports += "\t_ \"" + id.left(at).toUtf8() + "\"\n";
    }
    gomod += extra;
    const QByteArray main = "package main\n\nimport (\n" + imports + ")\n\nfunc main() {}\n";
    const QByteArray test = "package main\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) {}\n";
    return writeFile(dir + u"/go.mod"_s, gomod) && writeFile(dir + u"/main.go"_s, main)
           && writeFile(dir + u"/main_test.go"_s, test);
}

/// The projects the proof reads (each tidied by go): shared and diverging needs, a replace
/// to a local folder, an exclude, a go.work workspace and a go.sum with stale lines.
inline const QStringList &proofProjects()
{
    static const QStringList dirs
        = {u"p1"_s, u"p2"_s, u"pexcl"_s, u"prepl"_s, u"pstale"_s, u"ws"_s};
    return dirs;
}

/// Writes the projects under root and lets go tidy them against the fixture proxy (which
/// also puts what they need into go's cache). Returns an error text, empty on success.
inline QString writeProjects(const World &world, const QString &go, const QString &root,
                             const QString &gomodcache)
{
    bool ok
        = writeProject(root + u"/p1"_s, u"example.com/p1"_s, {u"example.com/lib@v1.1.0"_s})
          // go 1.16: no graph pruning, so even go build reads every go.mod of the graph.
          && writeProject(root + u"/p2"_s, u"example.com/p2"_s,
                          {u"example.com/dep@v1.0.0"_s, u"example.com/lib@v1.2.0"_s}, {}, "1.16")
          && writeProject(root + u"/pexcl"_s, u"example.com/pexcl"_s,
                          {u"example.com/dep@v1.0.0"_s, u"example.com/lib@v1.1.0"_s},
                          "\nexclude example.com/lib v1.0.0\n")
          && writeProject(root + u"/prepl"_s, u"example.com/prepl"_s,
                          {u"example.com/repl@v1.0.0"_s},
                          "\nreplace example.com/repl v1.0.0 => ../localrepl\n")
          && writeFile(root + u"/localrepl/go.mod"_s, "module example.com/repl\n\ngo 1.16\n")
          && writeFile(root + u"/localrepl/prepl.go"_s, "package prepl\n")
          && writeProject(root + u"/pstale"_s, u"example.com/pstale"_s,
                          {u"example.com/util@v1.1.0"_s})
          && writeProject(root + u"/ws/m1"_s, u"example.com/m1"_s, {u"example.com/lib@v1.2.0"_s})
          && writeProject(root + u"/ws/m2"_s, u"example.com/m2"_s, {u"example.com/util@v1.0.0"_s})
          && writeFile(root + u"/ws/go.work"_s, "go 1.18\n\nuse (\n\t./m1\n\t./m2\n)\n");
    if (!ok)
        return u"cannot write the projects"_s;
    const QProcessEnvironment env = world.env(go, gomodcache);
    for (const QString &dir :
         {u"p1"_s, u"p2"_s, u"pexcl"_s, u"prepl"_s, u"pstale"_s, u"ws/m1"_s, u"ws/m2"_s}) {
        const ProcessResult tidy = GoTool::run(go, {u"mod"_s, u"tidy"_s}, env, root + u'/' + dir);
        if (!tidy.succeeded())
            return dir + u": "_s + tidy.describe();
    }
    // Stale lines: go no longer needs these versions; they must not keep them alive.
    const QByteArray staleSum
        = readFile(root + u"/pstale/go.sum"_s)
          + "example.com/stale v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
            "example.com/stale v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
            "example.com/unused v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
    if (!writeFile(root + u"/pstale/go.sum"_s, staleSum))
        return u"cannot write pstale/go.sum"_s;
    return {};
}

/// A project needing example.com/miss, whose zip and tree the test then removes from a cache.
inline QString writeMissingProject(const World &world, const QString &go, const QString &dir,
                                   const QString &gomodcache)
{
    if (!writeProject(dir, u"example.com/pmissing"_s,
                      {u"example.com/miss@v1.0.0"_s, u"example.com/util@v1.0.0"_s}))
        return u"cannot write pmissing"_s;
    const ProcessResult tidy
        = GoTool::run(go, {u"mod"_s, u"tidy"_s}, world.env(go, gomodcache), dir);
    return tidy.succeeded() ? QString() : tidy.describe();
}

/// Offline, as the proof: GOPROXY=off GOFLAGS=-mod=mod go build ./...,
/// go list -deps -test ./... and go list -m all in dir (a workspace: in each of its modules,
/// GOWORK set, without -mod=mod which go refuses there). Empty on success.
inline QString buildsOffline(const World &world, const QString &go, const QString &dir,
                             const QString &gomodcache)
{
    QProcessEnvironment env = world.env(go, gomodcache, false);
    env.insert(u"GOFLAGS"_s, u"-mod=mod"_s);
    if (QFileInfo::exists(dir + u"/go.work"_s)) {
        env.insert(u"GOWORK"_s, dir + u"/go.work"_s);
        env.insert(u"GOFLAGS"_s, QString()); // go refuses -mod=mod in workspace mode
    }
    // ./... in a workspace folder that is no module matches nothing: in each of its modules.
    const QStringList dirs = QFileInfo::exists(dir + u"/go.work"_s)
                                 ? QStringList{dir + u"/m1"_s, dir + u"/m2"_s}
                                 : QStringList{dir};
    for (const QString &d : dirs)
        for (const QStringList &args : {QStringList{u"build"_s, u"./..."_s},
                                        QStringList{u"list"_s, u"-deps"_s, u"-test"_s, u"./..."_s},
                                        QStringList{u"list"_s, u"-m"_s, u"all"_s}}) {
            const ProcessResult r = GoTool::run(go, args, env, d, 300000);
            if (!r.succeeded())
                return d + u": go "_s + args.join(u' ') + u": "_s + r.describe();
        }
    return {};
}

} // namespace mk::test::projects
