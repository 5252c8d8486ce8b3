// SPDX-License-Identifier: GPL-3.0-or-later
// bench_purge: how long emptying a large module cache takes with `go clean -modcache` and with
// `modkeeper-cli purge --all`, and how long a selective purge of a quarter of the versions takes.
//
// Usage:
//   bench_purge --modcache DIR [--rounds N] [--warmup N] [--work DIR] [--fraction F]
//               [--cli PATH] [--go PATH]
//
//   --modcache DIR  the cache to copy for every run (e.g. DIR/gomodcache from mk_bench_gencache).
//                   Only read.
//   --rounds N      measured rounds (default 5), after --warmup unmeasured ones (default 1).
//   --work DIR      where the copies go (default: a temporary directory next to the cache, so
//                   that the copies are on the cache's filesystem).
//   --fraction F    share of the versions the selective purge removes (default 0.25): every
//                   (1/F)-th version of the scan, as path@version arguments.
//   --cli PATH      modkeeper-cli (default: the one built with this tree).
//   --go PATH       the go command for go clean (default: go 1.23 found at configure time).
//
// Every run gets a fresh `cp -a` of the cache followed by `sync` (neither is timed), so the
// contenders start from the same hot page cache. Each round runs, in turn:
//   go-clean     `go clean -modcache` with GOMODCACHE at the copy (go 1.23; GOPROXY=off).
//   all-return   `modkeeper-cli purge --all`: the time until control returns (goal <= 100 ms),
//   all-bg       ... and until its background reaper has emptied the trash (polled every 2 ms).
//   all-wait     `modkeeper-cli purge --all --wait`: moving aside plus reaping (goal <= 1.0x go).
//   selective    `modkeeper-cli purge --wait path@version...` for the chosen fraction.
// Children are started with posix_spawn and a minimal environment; wall times come from a
// monotonic clock around spawn and wait. Output: one line per round, medians, ratios.
//
// Exit status: 0 when every run did what it should (go clean removed the copy; purge --all
// left only an empty trash; the selective purge left exactly the other versions), 1 when a
// check or a child failed, 2 on a usage error.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <vector>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QMap>
#include <QTemporaryDir>
#include <QThread>

#include "BenchProcess.h"
#include "GoTool.h"
#include "TreeRemover.h"
#include "scan/CacheScanner.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::bench;

extern char **environ;

namespace {

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System
                               | QDir::NoDotAndDotDot);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"go clean -modcache against modkeeper-cli purge --all and a selective purge."_s);
    parser.addHelpOption();
    const QCommandLineOption cacheOpt(u"modcache"_s, u"The cache to copy for every run."_s,
                                      u"DIR"_s);
    const QCommandLineOption roundsOpt(u"rounds"_s, u"Measured rounds."_s, u"N"_s, u"5"_s);
    const QCommandLineOption warmupOpt(u"warmup"_s, u"Unmeasured rounds first."_s, u"N"_s, u"1"_s);
    const QCommandLineOption workOpt(u"work"_s, u"Where the copies go."_s, u"DIR"_s);
    const QCommandLineOption fractionOpt(
        u"fraction"_s, u"Share of versions for the selective purge."_s, u"F"_s, u"0.25"_s);
    const QCommandLineOption cliOpt(u"cli"_s, u"modkeeper-cli."_s, u"PATH"_s,
                                    QStringLiteral(MODKEEPER_CLI));
    const QCommandLineOption goOpt(u"go"_s, u"The go command."_s, u"PATH"_s, GoTool::go123());
    parser.addOptions({cacheOpt, roundsOpt, warmupOpt, workOpt, fractionOpt, cliOpt, goOpt});
    parser.process(app);

    bool ok1 = false, ok2 = false, ok3 = false;
    const int rounds = parser.value(roundsOpt).toInt(&ok1);
    const int warmup = parser.value(warmupOpt).toInt(&ok2);
    const double fraction = parser.value(fractionOpt).toDouble(&ok3);
    if (!parser.isSet(cacheOpt) || !ok1 || !ok2 || !ok3 || rounds < 1 || warmup < 0 || fraction <= 0
        || fraction > 1)
        return fail(
            u"usage: bench_purge --modcache DIR [--rounds N] [--warmup N] [--work DIR] [--fraction F] (see --help)"_s,
            2);
    const QString source = QDir(parser.value(cacheOpt)).absolutePath();
    if (!QFileInfo(source + u"/cache/download"_s).isDir())
        return fail(source + u": not a module cache"_s, 2);
    const QString cli = parser.value(cliOpt);
    const QString go = parser.value(goOpt);

    QTemporaryDir defaultWork(QFileInfo(source).absolutePath() + u"/bench_purge-XXXXXX"_s);
    const QString work
        = parser.isSet(workOpt) ? QDir(parser.value(workOpt)).absolutePath() : defaultWork.path();
    if (work.isEmpty() || !QDir().mkpath(work + u"/home"_s) || !QDir().mkpath(work + u"/cwd"_s))
        return fail(u"cannot create a work directory"_s);
    const QString copy = work + u"/gomodcache"_s;
    const QString home = work + u"/home"_s;
    const QString cwd = work + u"/cwd"_s;

    // What the selective purge removes: every k-th version of the scan, in scan order.
    const ScanResult scan = CacheScanner::run({source});
    if (scan.error.isError() || scan.versions.isEmpty())
        return fail(source + u": the scan found no versions"_s);
    QStringList ids;
    for (const ModuleVersionRecord &r : scan.versions)
        ids << r.id();
    ids.sort();
    const int step = std::max(1, int(1.0 / fraction + 0.5));
    QStringList selected;
    for (qsizetype i = 0; i < ids.size(); i += step)
        selected << ids.at(i);
    say(u"cache: %1 (%2 versions, %3 bytes on disk, %4 files); selective purge: %5 versions"_s
            .arg(source)
            .arg(scan.versions.size())
            .arg(scan.totals.diskBytes)
            .arg(scan.totals.files)
            .arg(selected.size()));

    const QStringList cliEnv{u"PATH=/usr/bin:/bin"_s, u"HOME="_s + home, u"GOENV=off"_s,
                             u"LC_ALL=C"_s};
    const QProcessEnvironment goProcEnv = GoTool::isolatedEnvironment(go, home, copy, u"off"_s);
    QStringList goEnv;
    for (const QString &k : goProcEnv.keys())
        goEnv << k + u'=' + goProcEnv.value(k);

    auto freshCopy = [&]() -> bool {
        TreeRemover::removeAll(copy);
        return run(u"/bin/cp"_s, {u"-a"_s, u"--"_s, source, copy}) && run(u"/bin/sync"_s, {});
    };
    const QString trash = copy + u'/' + CacheScanner::trashDirName();
    auto onlyEmptyTrashLeft = [&] {
        return entries(copy) == QStringList{CacheScanner::trashDirName()}
               && entries(trash).isEmpty();
    };

    QMap<QString, QList<double>> times;
    const QStringList names{u"go-clean"_s, u"all-return"_s, u"all-bg"_s, u"all-wait"_s,
                            u"selective"_s};
    int failures = 0;
    auto check = [&](bool good, const QString &what) {
        if (!good) {
            ++failures;
            fail(what);
        }
    };

    for (int round = 0; round < warmup + rounds; ++round) {
        const bool measured = round >= warmup;
        QMap<QString, double> t;
        double ms = 0;

        if (!freshCopy())
            return fail(u"cannot copy the cache"_s);
        check(spawnAndWait({go, u"clean"_s, u"-modcache"_s}, goEnv, cwd, &ms) == 0,
              u"go clean -modcache failed"_s);
        check(!QFileInfo::exists(copy), u"go clean left the cache"_s);
        t.insert(u"go-clean"_s, ms);

        if (!freshCopy())
            return fail(u"cannot copy the cache"_s);
        QElapsedTimer bg;
        bg.start();
        check(spawnAndWait({cli, u"purge"_s, u"--all"_s, u"--modcache"_s, copy}, cliEnv, cwd, &ms)
                  == 0,
              u"purge --all failed"_s);
        t.insert(u"all-return"_s, ms);
        check(entries(copy) == QStringList{CacheScanner::trashDirName()},
              u"purge --all left entries in place"_s);
        while (!entries(trash).isEmpty() && bg.elapsed() < 600000)
            QThread::msleep(2);
        t.insert(u"all-bg"_s, double(bg.nsecsElapsed()) / 1e6);
        check(onlyEmptyTrashLeft(), u"the background reaper did not empty the trash"_s);
        QThread::msleep(50); // let the detached reaper exit before the next copy

        if (!freshCopy())
            return fail(u"cannot copy the cache"_s);
        check(spawnAndWait({cli, u"purge"_s, u"--all"_s, u"--wait"_s, u"--modcache"_s, copy},
                           cliEnv, cwd, &ms)
                  == 0,
              u"purge --all --wait failed"_s);
        t.insert(u"all-wait"_s, ms);
        check(onlyEmptyTrashLeft(), u"purge --all --wait did not empty the trash"_s);

        if (!freshCopy())
            return fail(u"cannot copy the cache"_s);
        check(spawnAndWait(QStringList{cli, u"purge"_s, u"--wait"_s, u"--modcache"_s, copy}
                               + selected,
                           cliEnv, cwd, &ms)
                  == 0,
              u"the selective purge failed"_s);
        t.insert(u"selective"_s, ms);
        const ScanResult after = CacheScanner::run({copy});
        check(after.versions.size() == scan.versions.size() - selected.size(),
              u"the selective purge left %1 versions, not %2"_s.arg(after.versions.size())
                  .arg(scan.versions.size() - selected.size()));
        check(entries(trash).isEmpty(), u"the selective purge did not empty the trash"_s);

        QStringList line;
        for (const QString &n : names) {
            line << u"%1 %2 ms"_s.arg(n).arg(t.value(n), 0, 'f', 1);
            if (measured)
                times[n] << t.value(n);
        }
        say((measured ? u"round %1: "_s.arg(round - warmup + 1) : u"warm-up: "_s)
            + line.join(u", "_s));
    }
    TreeRemover::removeAll(copy);

    QStringList medians;
    for (const QString &n : names)
        medians << u"%1 %2 ms"_s.arg(n).arg(median(times.value(n)), 0, 'f', 1);
    say(u"medians: "_s + medians.join(u", "_s));
    const double goClean = median(times.value(u"go-clean"_s));
    const double ret = median(times.value(u"all-return"_s));
    say(u"purge --all returns control in %1 ms (goal <= 100 ms: %2)"_s.arg(ret, 0, 'f', 1)
            .arg(ret <= 100 ? u"met"_s : u"missed"_s));
    for (const QString &n : {u"all-wait"_s, u"all-bg"_s, u"selective"_s}) {
        const double ratio = goClean > 0 ? median(times.value(n)) / goClean : 0;
        say(u"%1 / go-clean = %2x%3"_s.arg(n)
                .arg(ratio, 0, 'f', 2)
                .arg(n == u"all-wait"
                         ? (ratio <= 1.0 ? u" (goal <= 1.0x: met)"_s : u" (goal <= 1.0x: missed)"_s)
                         : QString()));
    }
    return failures ? 1 : 0;
}
