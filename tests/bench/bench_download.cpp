// SPDX-License-Identifier: GPL-3.0-or-later
// bench_download: filling an empty module cache from a loopback GOPROXY with go 1.23's
// `go mod download` and with `modkeeper-cli download`, from the same server, interleaved.
//
// Usage:
//   bench_download --proxy DIR [--rounds N] [--warmup N] [--jobs N] [--limit N]
//                  [--work DIR] [--cli PATH] [--go PATH]
//
//   --proxy DIR   a GOPROXY tree (DIR/proxy from mk_bench_gencache --out DIR). Only read.
//   --rounds N    measured rounds (default 5), after --warmup unmeasured ones (default 1).
//   --jobs N      modkeeper-cli download --jobs (default 8).
//   --limit N     only the first N versions (default: all the tree holds).
//   --work DIR    where the caches go (default: a temporary directory).
//   --settle S    seconds to wait after removing the caches (default 3; deleting a large tree
//                 on a filesystem mounted with discard keeps the disk busy for a while).
//
// The proxy tree is served over HTTP/1.1 with keep-alive by an in-process server on its own
// thread; both contenders fetch every .info, .mod and .zip from it (GOSUMDB=off for both: the
// checksum database is outside this measurement). Each round, in turn:
//   go          `go mod download m@v...` (one invocation, GOFLAGS=-mod=mod) into an empty cache.
//   modkeeper   `modkeeper-cli download --jobs N m@v...` into another empty cache.
// The order alternates every round. Neither removal of the caches nor `sync` is timed.
// Goal: modkeeper / go <= 0.5.
//
// Exit status: 0 when both caches ended up complete with the same versions, 1 otherwise.
#include <cstdio>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QMap>
#include <QTemporaryDir>
#include <QThread>

#include "BenchProcess.h"
#include "GoTool.h"
#include "TreeRemover.h"
#include "module/ModulePath.h"
#include "../proxytest/FileProxyServer.h"
#include "scan/CacheScanner.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::bench;

namespace {

/// path@version of every .zip in a proxy tree, sorted.
QStringList versionsIn(const QString &proxy)
{
    QStringList out;
    QDirIterator it(proxy, {u"*.zip"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString rel = QDir(proxy).relativeFilePath(it.next());
        const qsizetype at = rel.indexOf(u"/@v/"_s);
        if (at < 0)
            continue;
        const Expected<QString> path = ModulePath::unescapePath(rel.left(at));
        const Expected<QString> version = ModulePath::unescapeVersion(rel.mid(at + 4).chopped(4));
        if (path && version)
            out << *path + u'@' + *version;
    }
    out.sort();
    return out;
}

QStringList completeVersions(const QString &gomodcache)
{
    QStringList out;
    const ScanResult scan = CacheScanner::run({gomodcache});
    for (const ModuleVersionRecord &r : scan.versions)
        if (r.state == VersionState::Complete)
            out << r.id();
    out.sort();
    return out;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"go mod download against modkeeper-cli download from one loopback proxy."_s);
    parser.addHelpOption();
    const QCommandLineOption proxyOpt(u"proxy"_s, u"The GOPROXY tree to serve."_s, u"DIR"_s);
    const QCommandLineOption roundsOpt(u"rounds"_s, u"Measured rounds."_s, u"N"_s, u"5"_s);
    const QCommandLineOption warmupOpt(u"warmup"_s, u"Unmeasured rounds first."_s, u"N"_s, u"1"_s);
    const QCommandLineOption jobsOpt(u"jobs"_s, u"modkeeper-cli download --jobs."_s, u"N"_s,
                                     u"8"_s);
    const QCommandLineOption limitOpt(u"limit"_s, u"Only the first N versions."_s, u"N"_s, u"0"_s);
    const QCommandLineOption workOpt(u"work"_s, u"Where the caches go."_s, u"DIR"_s);
    const QCommandLineOption settleOpt(u"settle"_s, u"Seconds to wait after removing the caches."_s,
                                       u"S"_s, u"3"_s);
    const QCommandLineOption cliOpt(u"cli"_s, u"modkeeper-cli."_s, u"PATH"_s,
                                    QStringLiteral(MODKEEPER_CLI));
    const QCommandLineOption goOpt(u"go"_s, u"The go command."_s, u"PATH"_s, GoTool::go123());
    parser.addOptions(
        {proxyOpt, roundsOpt, warmupOpt, jobsOpt, limitOpt, workOpt, settleOpt, cliOpt, goOpt});
    parser.process(app);
    bool ok1 = false, ok2 = false, ok3 = false, ok4 = false;
    const int rounds = parser.value(roundsOpt).toInt(&ok1);
    const int warmup = parser.value(warmupOpt).toInt(&ok2);
    const int jobs = parser.value(jobsOpt).toInt(&ok3);
    const int limit = parser.value(limitOpt).toInt(&ok4);
    const int settleSeconds = std::max(0, parser.value(settleOpt).toInt());
    if (!parser.isSet(proxyOpt) || !ok1 || !ok2 || !ok3 || !ok4 || rounds < 1 || warmup < 0
        || jobs < 1 || limit < 0)
        return fail(
            u"usage: bench_download --proxy DIR [--rounds N] [--warmup N] [--jobs N] [--limit N] (see --help)"_s,
            2);
    const QString proxyDir = QDir(parser.value(proxyOpt)).absolutePath();
    QStringList ids = versionsIn(proxyDir);
    if (limit > 0 && ids.size() > limit)
        ids = ids.mid(0, limit);
    if (ids.isEmpty())
        return fail(proxyDir + u": no module zips in this GOPROXY tree"_s, 2);
    const QString cli = parser.value(cliOpt);
    const QString go = parser.value(goOpt);
    QTemporaryDir defaultWork;
    const QString work
        = parser.isSet(workOpt) ? QDir(parser.value(workOpt)).absolutePath() : defaultWork.path();
    const QString home = work + u"/home"_s;
    const QString cwd = work + u"/cwd"_s;
    const QString goCache = work + u"/go-modcache"_s;
    const QString ourCache = work + u"/mk-modcache"_s;
    if (work.isEmpty() || !QDir().mkpath(home) || !QDir().mkpath(cwd))
        return fail(u"cannot create a work directory"_s);

    FileProxyServer server(proxyDir);
    if (!server.listening())
        return fail(u"cannot listen on 127.0.0.1"_s);
    say(u"proxy: %1 served at %2; %3 versions; modkeeper --jobs %4"_s.arg(proxyDir, server.url())
            .arg(ids.size())
            .arg(jobs));

    QProcessEnvironment goProcEnv = GoTool::isolatedEnvironment(go, home, goCache, server.url());
    goProcEnv.insert(u"GOCACHE"_s, home + u"/gocache"_s);
    QStringList goEnv;
    for (const QString &k : goProcEnv.keys())
        goEnv << k + u'=' + goProcEnv.value(k);
    const QStringList cliEnv{
        u"PATH=/usr/bin:/bin"_s, u"HOME="_s + home,           u"GOENV=off"_s,
        u"LC_ALL=C"_s,           u"GOMODCACHE="_s + ourCache, u"GOPROXY="_s + server.url(),
        u"GOSUMDB=off"_s,        u"GOFLAGS=-mod=mod"_s,       u"GOTOOLCHAIN=local"_s};

    QMap<QString, QList<double>> times;
    int failures = 0;
    auto check = [&](bool good, const QString &what) {
        if (!good) {
            ++failures;
            fail(what);
        }
    };
    for (int round = 0; round < warmup + rounds; ++round) {
        const bool measured = round >= warmup;
        TreeRemover::removeAll(goCache);
        TreeRemover::removeAll(ourCache);
        run(u"/bin/sync"_s, {});
        // Deleting a large tree on a filesystem mounted with discard keeps the disk busy for a
        // while: let it settle, and alternate who goes first so neither pays for it alone.
        QThread::sleep(static_cast<unsigned long>(settleSeconds));
        double goMs = 0;
        double ourMs = 0;
        const auto runGo = [&] {
            check(spawnAndWait(QStringList{go, u"mod"_s, u"download"_s} + ids, goEnv, cwd, &goMs)
                      == 0,
                  u"go mod download failed"_s);
        };
        const auto runOurs = [&] {
            check(spawnAndWait(QStringList{cli, u"download"_s, u"--jobs"_s, QString::number(jobs)}
                                   + ids,
                               cliEnv, cwd, &ourMs)
                      == 0,
                  u"modkeeper-cli download failed"_s);
        };
        if (round % 2 == 0) {
            runGo();
            run(u"/bin/sync"_s, {});
            runOurs();
        } else {
            runOurs();
            run(u"/bin/sync"_s, {});
            runGo();
        }
        if (round == 0) {
            check(completeVersions(goCache) == ids, u"go's cache is not complete"_s);
            check(completeVersions(ourCache) == ids, u"modkeeper's cache is not complete"_s);
        }
        say(u"%1go %2 ms, modkeeper %3 ms (%4x)"_s
                .arg(measured ? u"round %1: "_s.arg(round - warmup + 1) : u"warm-up: "_s)
                .arg(goMs, 0, 'f', 1)
                .arg(ourMs, 0, 'f', 1)
                .arg(goMs > 0 ? ourMs / goMs : 0, 0, 'f', 2));
        if (measured) {
            times[u"go"_s] << goMs;
            times[u"modkeeper"_s] << ourMs;
        }
    }
    TreeRemover::removeAll(goCache);
    TreeRemover::removeAll(ourCache);
    const double g = median(times.value(u"go"_s));
    const double m = median(times.value(u"modkeeper"_s));
    const double ratio = g > 0 ? m / g : 0;
    say(u"medians: go %1 ms, modkeeper %2 ms; modkeeper / go = %3x (goal <= 0.5x: %4)"_s
            .arg(g, 0, 'f', 1)
            .arg(m, 0, 'f', 1)
            .arg(ratio, 0, 'f', 2)
            .arg(ratio <= 0.5 ? u"met"_s : u"missed"_s));
    return failures ? 1 : 0;
}
