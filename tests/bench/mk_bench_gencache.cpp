// SPDX-License-Identifier: GPL-3.0-or-later
// mk_bench_gencache: builds a realistic, large Go module cache for benchmarks, written by the
// real go command (go 1.23 by default) from a generated file:// proxy. Nothing leaves the
// machine and nothing of the user's go setup is read or written.
//
// Usage:
//   mk_bench_gencache --out DIR [--modules N] [--versions V] [--files F]
//                     [--min-bytes B] [--max-bytes B] [--go PATH] [--batch K] [--force]
//
//   --out DIR       where to build: DIR/proxy (the GOPROXY tree), DIR/home (HOME, GOPATH,
//                   GOCACHE of the go runs) and DIR/gomodcache (the result). Required.
//   --modules N     module paths (default 600); about one in five has upper-case letters
//                   (github.com/BenchCorp3/... -> github.com/!bench!corp3/...).
//   --versions V    versions per module, v1.0.0 ... v1.<V-1>.0 (default 3).
//   --files F       files per version besides go.mod (default 40), log-uniform sizes between
//                   --min-bytes (200) and --max-bytes (20480), in nested directories.
//   --go PATH       the go command (default: go 1.23 found at configure time).
//   --batch K       module@version arguments per `go mod download` run (default 200).
//   --force         remove an existing DIR/gomodcache and DIR/proxy first.
//
// The defaults give 1800 versions and about 74k files (roughly 0.4 GB on disk) and take a few
// minutes on two cores. Then benchmark with:
//   mk_bench_scan --modcache DIR/gomodcache
// Remove the result with `chmod -R u+w DIR && rm -rf DIR` (go makes module trees read-only).
#include <cstdio>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include "DuRunner.h"
#include "FixtureProxy.h"
#include "BenchProcess.h"
#include "GoTool.h"
#include "TreeRemover.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::bench;

namespace {

QString modulePath(int i)
{
    // A spread of hosts and owners, with some upper case for escaped names.
    if (i % 5 == 0)
        return u"github.com/BenchCorp%1/Proj%2"_s.arg(i % 13).arg(i);
    if (i % 7 == 1)
        return u"golang.org/x/benchtool%1"_s.arg(i);
    if (i % 11 == 2)
        return u"gopkg.in/bench%1.v2"_s.arg(i);
    return u"github.com/benchorg%1/project-%2"_s.arg(i % 41).arg(i);
}

QString versionFor(const QString &path, int v)
{
    // gopkg.in/x.vN needs major version N.
    if (path.startsWith(u"gopkg.in/"_s))
        return u"v2.%1.0"_s.arg(v);
    return u"v1.%1.0"_s.arg(v);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Builds a large Go module cache with the real go command."_s);
    parser.addHelpOption();
    const QCommandLineOption outOpt(u"out"_s, u"Output directory."_s, u"DIR"_s);
    const QCommandLineOption modulesOpt(u"modules"_s, u"Module paths."_s, u"N"_s, u"600"_s);
    const QCommandLineOption versionsOpt(u"versions"_s, u"Versions per module."_s, u"V"_s, u"3"_s);
    const QCommandLineOption filesOpt(u"files"_s, u"Files per version."_s, u"F"_s, u"40"_s);
    const QCommandLineOption minOpt(u"min-bytes"_s, u"Smallest file."_s, u"B"_s, u"200"_s);
    const QCommandLineOption maxOpt(u"max-bytes"_s, u"Largest file."_s, u"B"_s, u"20480"_s);
    const QCommandLineOption goOpt(u"go"_s, u"The go command."_s, u"PATH"_s, GoTool::go123());
    const QCommandLineOption batchOpt(u"batch"_s, u"Arguments per go mod download."_s, u"K"_s,
                                      u"200"_s);
    const QCommandLineOption forceOpt(u"force"_s, u"Replace an existing cache."_s);
    parser.addOptions(
        {outOpt, modulesOpt, versionsOpt, filesOpt, minOpt, maxOpt, goOpt, batchOpt, forceOpt});
    parser.process(app);

    if (!parser.isSet(outOpt))
        return fail(u"--out DIR is required (see --help)"_s);
    bool ok1 = false, ok2 = false, ok3 = false, ok4 = false, ok5 = false, ok6 = false;
    const int modules = parser.value(modulesOpt).toInt(&ok1);
    const int versions = parser.value(versionsOpt).toInt(&ok2);
    const int files = parser.value(filesOpt).toInt(&ok3);
    const int minBytes = parser.value(minOpt).toInt(&ok4);
    const int maxBytes = parser.value(maxOpt).toInt(&ok5);
    const int batch = parser.value(batchOpt).toInt(&ok6);
    if (!(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || modules < 1 || versions < 1 || files < 0
        || minBytes < 1 || maxBytes < minBytes || batch < 1)
        return fail(u"invalid number (see --help)"_s);
    const QString go = parser.value(goOpt);
    if (!QFileInfo(go).isExecutable())
        return fail(go + u": not an executable"_s);

    const QString out = QDir(parser.value(outOpt)).absolutePath();
    const QString proxyDir = out + u"/proxy"_s;
    const QString home = out + u"/home"_s;
    const QString gomodcache = out + u"/gomodcache"_s;
    if (QFileInfo::exists(gomodcache) || QFileInfo::exists(proxyDir)) {
        if (!parser.isSet(forceOpt))
            return fail(out + u" already holds a cache; use --force to replace it"_s);
        TreeRemover::removeAll(gomodcache);
        TreeRemover::removeAll(proxyDir);
        TreeRemover::removeAll(home);
    }
    if (!QDir().mkpath(proxyDir) || !QDir().mkpath(home))
        return fail(u"cannot create "_s + out);

    QElapsedTimer timer;
    timer.start();
    FixtureProxy proxy(proxyDir);
    for (int m = 0; m < modules; ++m) {
        const QString path = modulePath(m);
        for (int v = 0; v < versions; ++v) {
            const FixtureProxy::Files content = FixtureProxy::generatedFiles(
                path, files, quint32(m * 1000 + v), minBytes, maxBytes);
            if (const Status st = proxy.addModule(path, versionFor(path, v), content); !st)
                return fail(st.error().toString());
        }
        if ((m + 1) % 100 == 0 || m + 1 == modules)
            say(u"proxy: %1/%2 modules (%3 s)"_s.arg(m + 1).arg(modules).arg(
                timer.elapsed() / 1000.0, 0, 'f', 1));
    }

    const QProcessEnvironment env = GoTool::isolatedEnvironment(go, home, gomodcache, proxy.url());
    const QStringList all = proxy.published();
    QElapsedTimer goTimer;
    goTimer.start();
    qsizetype done = 0;
    for (qsizetype i = 0; i < all.size(); i += batch) {
        const QStringList slice = all.mid(i, batch);
        const GoDownloadResult r = GoTool::downloadModules(go, env, slice, batch, 3600 * 1000);
        if (!r.ok())
            return fail(u"go mod download failed:\n"_s + r.describe());
        done += slice.size();
        say(u"go mod download: %1/%2 versions (%3 s)"_s.arg(done)
                .arg(all.size())
                .arg(goTimer.elapsed() / 1000.0, 0, 'f', 1));
    }

    const Expected<quint64> bytes = DuRunner::summary(gomodcache);
    const Expected<quint64> entries = DuRunner::nonDirectoryEntries(gomodcache);
    say(u"done in %1 s: %2 versions, %3 files, %4 bytes on disk in %5"_s
            .arg(timer.elapsed() / 1000.0, 0, 'f', 1)
            .arg(all.size())
            .arg(entries.valueOr(0))
            .arg(bytes.valueOr(0))
            .arg(gomodcache));
    say(u"next: mk_bench_scan --modcache "_s + gomodcache);
    return 0;
}
