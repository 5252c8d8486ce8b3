// SPDX-License-Identifier: GPL-3.0-or-later
// bench_projects: finding and reading N Go projects under one root (ProjectsJob), the first
// time (go asked for every project, two at a time) and cached (go.mod/go.sum/go.work stamps
// unchanged: no go runs). Goal: the cached run <= 2 s for 500 projects.
//
// Usage: bench_projects [--projects N] [--go PATH] [--work DIR] [--rounds N]
//   --projects N  projects generated (default 500), each requiring 1-3 of 12 fixture modules
//                 (with a shared go.mod-only dependency), in nested folders with decoys the
//                 finder skips (.git, node_modules, vendor).
//   --go PATH     the go asked (default /usr/lib/go-1.23/bin/go).
//   --work DIR    where the proxy, cache and projects go (default: a temporary directory).
// Output: the project count, the first run, the cached runs (median), the changed run
// (one go.sum touched). Exit status 1 when a project could not be read.
#include <algorithm>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>

#include "FixtureProxy.h"
#include "GoTool.h"
#include "project/ProjectsJob.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

namespace {

bool write(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption projectsOpt(u"projects"_s, u"Projects."_s, u"N"_s, u"500"_s);
    const QCommandLineOption goOpt(u"go"_s, u"go."_s, u"PATH"_s, GoTool::go123());
    const QCommandLineOption workOpt(u"work"_s, u"Work dir."_s, u"DIR"_s);
    const QCommandLineOption roundsOpt(u"rounds"_s, u"Cached rounds."_s, u"N"_s, u"3"_s);
    parser.addOptions({projectsOpt, goOpt, workOpt, roundsOpt});
    parser.process(app);
    QTextStream out(stdout);
    const int count = parser.value(projectsOpt).toInt();
    const QString go = parser.value(goOpt);
    QTemporaryDir tmp;
    const QString work = parser.isSet(workOpt) ? parser.value(workOpt) : tmp.path();

    // The fixture modules: m0..m11; each mK v1.1.0 requires base v1.0.0, and the projects
    // require base v1.1.0, so base v1.0.0 is a go.mod-only need.
    FixtureProxy proxy(work + u"/proxy"_s);
    QDir().mkpath(proxy.root());
    QStringList ids;
    auto add = [&](const QString &path, const QString &version, const QByteArray &req) {
        FixtureProxy::Files files;
        files.insert(u"go.mod"_s, "module " + path.toUtf8() + "\n\ngo 1.16\n" + req);
        files.insert(u"p.go"_s, "package p\n");
        (void)proxy.addModule(path, version, files);
        ids << path + u'@' + version;
    };
    add(u"example.com/base"_s, u"v1.0.0"_s, {});
    add(u"example.com/base"_s, u"v1.1.0"_s, {});
    for (int k = 0; k < 12; ++k)
        add(u"example.com/m%1"_s.arg(k), u"v1.1.0"_s, "\nrequire example.com/base v1.0.0\n");
    const QString cache = work + u"/gomodcache"_s;
    QProcessEnvironment env
        = GoTool::isolatedEnvironment(go, work + u"/home"_s, cache, proxy.url());
    const GoDownloadResult dl = GoTool::downloadModules(go, env, ids);
    if (!dl.ok()) {
        out << dl.describe() << "\n";
        return 1;
    }
    QHash<QString, GoModuleInfo> sums;
    for (const GoModuleInfo &m : dl.modules)
        sums.insert(m.id(), m);

    const QString root = work + u"/root"_s;
    for (int i = 0; i < count; ++i) {
        const QString dir = root + u"/team%1/svc%2"_s.arg(i % 10).arg(i);
        QByteArray gomod
            = "module example.com/svc" + QByteArray::number(i) + "\n\ngo 1.17\n\nrequire (\n";
        QByteArray gosum, imports;
        QStringList req{u"example.com/base@v1.1.0"_s};
        for (int j = 0; j < 1 + i % 3; ++j)
            req << u"example.com/m%1@v1.1.0"_s.arg((i + j * 5) % 12);
        for (const QString &id : req) {
            const GoModuleInfo &m = sums[id];
            gomod += "\t" + m.path.toUtf8() + ' ' + m.version.toUtf8() + '\n';
            imports += "import _ \"" + m.path.toUtf8() + "\"\n";
            gosum += m.path.toUtf8() + ' ' + m.version.toUtf8() + ' ' + m.sum.toUtf8() + '\n'
                     + m.path.toUtf8() + ' ' + m.version.toUtf8() + "/go.mod " + m.goModSum.toUtf8()
                     + '\n';
        }
        const GoModuleInfo &b0 = sums[u"example.com/base@v1.0.0"_s];
        gosum += "example.com/base v1.0.0/go.mod " + b0.goModSum.toUtf8() + '\n';
        gomod += ")\n";
        write(dir + u"/go.mod"_s, gomod);
        write(dir + u"/go.sum"_s, gosum);
        write(dir + u"/main.go"_s, "package main\n\n" + imports + "\nfunc main() {}\n");
        if (i % 50 == 0) { // decoys
            write(dir + u"/.git/sub/go.mod"_s, "module x\n");
            write(dir + u"/node_modules/y/go.mod"_s, "module y\n");
            write(dir + u"/vendor/z/go.mod"_s, "module z\n");
        }
    }

    ProjectsJob::Options o;
    o.gomodcache = cache;
    o.goBinary = go;
    env.insert(u"GOPROXY"_s, u"off"_s);
    for (const QString &k : env.keys())
        o.environment.insert(k, env.value(k));
    o.cacheFile = work + u"/projects.cbor"_s;
    QFile::remove(o.cacheFile);

    auto timed = [&](qint64 *ms) {
        QElapsedTimer t;
        t.start();
        ProjectsResult r = ProjectsJob::run({root}, o);
        *ms = t.elapsed();
        return r;
    };
    qint64 first = 0;
    const ProjectsResult r = timed(&first);
    int failed = 0;
    for (const ProjectInfo &p : r.projects)
        if (!p.error.isEmpty() || !p.missing.isEmpty() || !p.notes.isEmpty()) {
            if (++failed < 3)
                out << p.dir << ": " << p.error << p.notes.join(u"; "_s) << "\n";
        }
    out << "projects found: " << r.projects.size() << " (generated " << count << ")\n";
    out << "first run (go asked, 2 at a time): " << first << " ms\n";
    QList<qint64> cached;
    for (int i = 0; i < parser.value(roundsOpt).toInt(); ++i) {
        qint64 ms = 0;
        const ProjectsResult again = timed(&ms);
        if (again.projects.size() != r.projects.size())
            ++failed;
        cached << ms;
    }
    std::sort(cached.begin(), cached.end());
    if (!cached.isEmpty())
        out << "cached run (median of " << cached.size() << "): " << cached[cached.size() / 2]
            << " ms\n";
    // One go.sum changes: only that project is read again.
    const QString one = root + u"/team0/svc0/go.sum"_s;
    QFile f(one);
    if (f.open(QIODevice::Append))
        f.write("\n");
    f.close();
    qint64 changed = 0;
    (void)timed(&changed);
    out << "one go.sum changed: " << changed << " ms\n";
    out << (failed ? "FAILED: some projects could not be read\n" : "ok\n");
    return r.projects.size() == count && !failed ? 0 : 1;
}
