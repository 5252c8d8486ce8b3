// SPDX-License-Identifier: GPL-3.0-or-later
// bench_verify: how long verifying a whole module cache takes, against just reading and hashing
// the same files with sha256sum run as 2 parallel processes (the machine's two cores).
//
// Usage:
//   bench_verify --modcache DIR [--rounds N] [--warmup N] [--cli PATH] [--work DIR]
//
//   --modcache DIR  the cache (e.g. DIR/gomodcache from mk_bench_gencache). Only read; it must
//                   be healthy (every version verifies), or the run fails.
//   --rounds N      measured rounds (default 5), after --warmup unmeasured ones (default 1),
//                   which also bring the files into the page cache for every contender.
//   --cli PATH      modkeeper-cli (default: the one built with this tree).
//   --work DIR      where the file lists go (default: a temporary directory).
//
// The files are the ones verify reads: every extracted tree file, .zip, .ziphash, .mod and
// .info of the versions the scan finds. They are split in two lists of about equal bytes.
// Each round runs, in an order that alternates from round to round:
//   sha256sum-x2  `xargs -0 -a LIST sha256sum` for both lists at once (two processes).
//   sha256sum-x2-nice5  the same under `nice -n 5`: ModKeeper's core threads run at nice 5
//                 (CorePool::markBackgroundThread), which only matters on a busy machine.
//   cli-verify    `modkeeper-cli verify --modcache DIR` (includes its own scan of the cache).
//   job-verify    VerifyJob::run in this process on the scan's versions (no scan).
// Wall times come from a monotonic clock around spawn and wait. Output: one line per round,
// medians, and the ratios to sha256sum-x2 (goal: cli-verify <= 1.0x).
//
// Exit status: 0 when every run succeeded and every version verified, 1 otherwise, 2 usage.
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
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
#include <QMap>
#include <QTemporaryDir>

#include "BenchProcess.h"
#include "scan/CacheScanner.h"
#include "verify/VerifyJob.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::bench;

namespace {

struct FileEntry
{
    QByteArray path;
    qint64 size = 0;
};

void collectTree(const QString &dir, std::vector<FileEntry> &out)
{
    QDir d(dir);
    const QFileInfoList list
        = d.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QFileInfo &fi : list) {
        if (fi.isSymLink())
            continue;
        if (fi.isDir())
            collectTree(fi.filePath(), out);
        else if (fi.isFile())
            out.push_back({QFile::encodeName(fi.filePath()), fi.size()});
    }
}

// Two processes at once; the wall time until both are done.
bool spawnBoth(const QStringList &a, const QStringList &b, double *wallMs)
{
    const QStringList env{u"PATH=/usr/bin:/bin"_s, u"LC_ALL=C"_s};
    QList<QByteArray> keep;
    const auto cvec = [&keep](const QStringList &list) {
        std::vector<char *> v;
        for (const QString &s : list) {
            keep.append(QFile::encodeName(s));
            v.push_back(keep.last().data());
        }
        v.push_back(nullptr);
        return v;
    };
    keep.reserve(64);
    std::vector<char *> av = cvec(a), bv = cvec(b), ev = cvec(env);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    QElapsedTimer timer;
    timer.start();
    pid_t pa = 0, pb = 0;
    const int ra = posix_spawn(&pa, av[0], &actions, nullptr, av.data(), ev.data());
    const int rb = posix_spawn(&pb, bv[0], &actions, nullptr, bv.data(), ev.data());
    posix_spawn_file_actions_destroy(&actions);
    int sa = 0, sb = 0;
    if (ra == 0)
        while (::waitpid(pa, &sa, 0) < 0 && errno == EINTR) { }
    if (rb == 0)
        while (::waitpid(pb, &sb, 0) < 0 && errno == EINTR) { }
    *wallMs = double(timer.nsecsElapsed()) / 1e6;
    return ra == 0 && rb == 0 && WIFEXITED(sa) && WEXITSTATUS(sa) == 0 && WIFEXITED(sb)
           && WEXITSTATUS(sb) == 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Whole-cache verify against sha256sum run as 2 parallel processes."_s);
    parser.addHelpOption();
    const QCommandLineOption cacheOpt(u"modcache"_s, u"The cache to verify (only read)."_s,
                                      u"DIR"_s);
    const QCommandLineOption roundsOpt(u"rounds"_s, u"Measured rounds."_s, u"N"_s, u"5"_s);
    const QCommandLineOption warmupOpt(u"warmup"_s, u"Unmeasured rounds first."_s, u"N"_s, u"1"_s);
    const QCommandLineOption cliOpt(u"cli"_s, u"modkeeper-cli to run."_s, u"PATH"_s,
                                    QStringLiteral(MODKEEPER_CLI));
    const QCommandLineOption workOpt(u"work"_s, u"Where the file lists go."_s, u"DIR"_s);
    parser.addOptions({cacheOpt, roundsOpt, warmupOpt, cliOpt, workOpt});
    parser.process(app);
    bool ok1 = false, ok2 = false;
    const int rounds = parser.value(roundsOpt).toInt(&ok1);
    const int warmup = parser.value(warmupOpt).toInt(&ok2);
    if (!parser.isSet(cacheOpt) || !ok1 || !ok2 || rounds < 1 || warmup < 0)
        return fail(
            u"usage: bench_verify --modcache DIR [--rounds N] [--warmup N] [--cli PATH] (see --help)"_s,
            2);
    const QString cache = QDir(parser.value(cacheOpt)).absolutePath();
    const QString cli = parser.value(cliOpt);

    const ScanResult scan = CacheScanner::run({cache});
    if (scan.error.isError() || scan.versions.isEmpty())
        return fail(u"cannot scan %1: %2"_s.arg(cache, scan.error.isError() ? scan.error.toString()
                                                                            : u"no versions"_s));

    // The files verify reads, split into two lists of about equal bytes (largest first).
    std::vector<FileEntry> files;
    for (const ModuleVersionRecord &v : scan.versions) {
        const QString base
            = cache + u"/cache/download/"_s + v.escapedPath + u"/@v/"_s + v.escapedVersion;
        for (const char *suffix : {".zip", ".ziphash", ".mod", ".info"}) {
            const QString p = base + QLatin1String(suffix);
            struct stat st;
            if (::lstat(QFile::encodeName(p).constData(), &st) == 0 && S_ISREG(st.st_mode))
                files.push_back({QFile::encodeName(p), qint64(st.st_size)});
        }
        if (v.pieces & HasTree)
            collectTree(cache + u'/' + v.escapedPath + u'@' + v.escapedVersion, files);
    }
    std::sort(files.begin(), files.end(),
              [](const FileEntry &a, const FileEntry &b) { return a.size > b.size; });
    QByteArray lists[2];
    qint64 bytes[2] = {0, 0};
    for (const FileEntry &f : files) {
        const int i = bytes[0] <= bytes[1] ? 0 : 1;
        lists[i] += f.path + '\0';
        bytes[i] += f.size;
    }
    QTemporaryDir tmp;
    const QString work = parser.isSet(workOpt) ? parser.value(workOpt) : tmp.path();
    QDir().mkpath(work);
    const QString listA = work + u"/files-a"_s;
    const QString listB = work + u"/files-b"_s;
    for (int i = 0; i < 2; ++i) {
        QFile f(i == 0 ? listA : listB);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || f.write(lists[i]) != lists[i].size())
            return fail(u"cannot write %1"_s.arg(f.fileName()));
    }
    const qint64 total = bytes[0] + bytes[1];
    say(u"cache: %1 versions, %2 files, %3 MiB read by each contender"_s.arg(scan.versions.size())
            .arg(files.size())
            .arg(double(total) / 1048576.0, 0, 'f', 1));

    QMap<QString, QList<double>> times;
    const QStringList names{u"sha256sum-x2"_s, u"sha256sum-x2-nice5"_s, u"cli-verify"_s,
                            u"job-verify"_s};
    for (int round = 0; round < warmup + rounds; ++round) {
        const bool measured = round >= warmup;
        QStringList order = names;
        if (round % 2)
            std::reverse(order.begin(), order.end());
        QStringList line;
        for (const QString &n : order) {
            double ms = 0;
            if (n.startsWith(u"sha256sum-x2"_s)) {
                const QStringList nice = n.endsWith(u"nice5"_s)
                                             ? QStringList{u"/usr/bin/nice"_s, u"-n"_s, u"5"_s}
                                             : QStringList();
                if (!spawnBoth(nice
                                   + QStringList{u"/usr/bin/xargs"_s, u"-0"_s, u"-a"_s, listA,
                                                 u"sha256sum"_s},
                               nice
                                   + QStringList{u"/usr/bin/xargs"_s, u"-0"_s, u"-a"_s, listB,
                                                 u"sha256sum"_s},
                               &ms))
                    return fail(u"sha256sum failed"_s);
            } else if (n == u"cli-verify") {
                const int rc = spawnAndWait(
                    {cli, u"verify"_s, u"--modcache"_s, cache},
                    {u"PATH=/usr/bin:/bin"_s, u"LC_ALL=C"_s, u"GOENV=off"_s, u"HOME="_s + work}, {},
                    &ms);
                if (rc != 0)
                    return fail(
                        u"modkeeper-cli verify exited %1 (run it by hand to see which version)"_s
                            .arg(rc));
            } else {
                VerifyJob::Options options;
                options.gomodcache = cache;
                QElapsedTimer t;
                t.start();
                const QList<VersionVerifyResult> results = VerifyJob::run(options, scan.versions);
                ms = double(t.nsecsElapsed()) / 1e6;
                const auto bad = std::find_if(results.cbegin(), results.cend(),
                                              [](const auto &r) { return !r.ok; });
                if (results.size() != scan.versions.size() || bad != results.cend())
                    return fail(u"VerifyJob: %1"_s.arg(
                        bad != results.cend() ? bad->id() + u": "_s + bad->problems.join(u"; "_s)
                                              : u"missing results"_s));
            }
            if (measured)
                times[n].append(ms);
            line << u"%1 %2 ms"_s.arg(n).arg(ms, 0, 'f', 1);
        }
        say((measured ? u"round %1: "_s.arg(round - warmup + 1) : u"warm-up: "_s)
            + line.join(u", "_s));
    }
    QStringList medians;
    for (const QString &n : names)
        medians << u"%1 %2 ms"_s.arg(n).arg(median(times.value(n)), 0, 'f', 1);
    say(u"medians: "_s + medians.join(u", "_s));
    const double base = median(times.value(u"sha256sum-x2"_s));
    const double baseNice = median(times.value(u"sha256sum-x2-nice5"_s));
    for (const QString &n : {u"cli-verify"_s, u"job-verify"_s}) {
        const double ratio = base > 0 ? median(times.value(n)) / base : 0;
        const double ratioNice = baseNice > 0 ? median(times.value(n)) / baseNice : 0;
        say(u"%1 / sha256sum-x2 = %2x%3; / sha256sum-x2-nice5 = %4x"_s.arg(n)
                .arg(ratio, 0, 'f', 2)
                .arg(n == u"cli-verify"
                         ? (ratio <= 1.0 ? u" (goal <= 1.0x: met)"_s : u" (goal <= 1.0x: missed)"_s)
                         : QString())
                .arg(ratioNice, 0, 'f', 2));
    }
    const double mib = double(total) / 1048576.0;
    if (base > 0)
        say(u"throughput: sha256sum-x2 %1 MiB/s, job-verify %2 MiB/s"_s
                .arg(mib / (base / 1000), 0, 'f', 0)
                .arg(mib / (median(times.value(u"job-verify"_s)) / 1000), 0, 'f', 0));
    return 0;
}
