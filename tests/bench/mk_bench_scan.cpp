// SPDX-License-Identifier: GPL-3.0-or-later
// mk_bench_scan: how long ModKeeper's cache scan takes next to `du -s` on the same tree.
//
// Usage:
//   mk_bench_scan --modcache DIR [--rounds N] [--cli PATH] [--no-cli] [--no-inprocess]
//
//   --modcache DIR  the GOMODCACHE to scan (e.g. from mk_bench_gencache). Read only.
//   --rounds N      measured rounds (default 7), after one warm-up of each contender.
//   --cli PATH      modkeeper-cli to run (default: the one built with this tree).
//   --no-cli        skip `modkeeper-cli scan --json` as a subprocess.
//   --no-inprocess  skip CacheScanner::run() in this process.
//
// Each round runs, one after the other: `du -s -B1 DIR` (subprocess), CacheScanner::run()
// in-process, and `modkeeper-cli scan --json --modcache DIR > file` (subprocess). Interleaving
// spreads machine noise evenly over the contenders; the warm-up leaves the inode and dentry
// caches hot, so this measures warm scans. Wall times come from a monotonic clock around each
// run; the CLI's peak RSS is ru_maxrss from wait4(). Children get a minimal environment
// (PATH, a scratch HOME, GOENV=off), so the user's go setup plays no part. Output: one line
// per round, medians, the median ratios scan/du (goal: <= 1.0), and the CLI's peak RSS.
//
// Exit status: 0 when every scan's total equals du's (a check that the bench measures real
// work), 1 on a mismatch or a failed child, 2 on a usage error.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <optional>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QTemporaryDir>

#include "scan/CacheScanner.h"

using namespace Qt::StringLiterals;
using namespace mk;

namespace {

struct ChildRun
{
    bool ok = false;
    double wallMs = 0;
    long maxRssKiB = 0;
    QByteArray out;
};

/// posix_spawn + wait4, stdout into a file, stderr inherited, exactly env as the environment:
/// no Qt machinery in the timing.
ChildRun spawnAndWait(const QStringList &argv, const QStringList &env, const QString &stdoutPath)
{
    ChildRun run;
    QList<QByteArray> storage;
    for (const QString &a : argv)
        storage.append(QFile::encodeName(a));
    QList<char *> args;
    for (QByteArray &a : storage)
        args.append(a.data());
    args.append(nullptr);
    QList<QByteArray> envStorage;
    for (const QString &e : env)
        envStorage.append(QFile::encodeName(e));
    QList<char *> envp;
    for (QByteArray &e : envStorage)
        envp.append(e.data());
    envp.append(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const QByteArray out = QFile::encodeName(stdoutPath);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.constData(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, args.first(), &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        std::fprintf(stderr, "cannot start %s\n", args.first());
        return run;
    }
    int status = 0;
    rusage usage{};
    while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) { }
    run.wallMs = double(timer.nsecsElapsed()) / 1e6;
    run.maxRssKiB = usage.ru_maxrss;
    run.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    QFile f(stdoutPath);
    if (f.open(QIODevice::ReadOnly))
        run.out = f.readAll();
    return run;
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

long medianLong(QList<long> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

std::optional<quint64> duBytes(const QByteArray &out)
{
    bool ok = false;
    const quint64 v = out.split('\t').value(0).trimmed().toULongLong(&ok);
    return ok ? std::optional<quint64>(v) : std::nullopt;
}

std::optional<quint64> cliBytes(const QByteArray &out)
{
    const QJsonObject o = QJsonDocument::fromJson(out).object();
    const QJsonValue v = o.value(u"totalDiskBytes"_s);
    return v.isDouble() ? std::optional<quint64>(quint64(v.toDouble())) : std::nullopt;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Times ModKeeper's cache scan against du -s."_s);
    parser.addHelpOption();
    const QCommandLineOption cacheOpt(u"modcache"_s, u"The GOMODCACHE to scan."_s, u"DIR"_s);
    const QCommandLineOption roundsOpt(u"rounds"_s, u"Measured rounds."_s, u"N"_s, u"7"_s);
    const QCommandLineOption cliOpt(u"cli"_s, u"modkeeper-cli to run."_s, u"PATH"_s,
                                    QStringLiteral(MODKEEPER_CLI));
    const QCommandLineOption noCliOpt(u"no-cli"_s, u"Skip the CLI subprocess."_s);
    const QCommandLineOption noInOpt(u"no-inprocess"_s, u"Skip the in-process scan."_s);
    parser.addOptions({cacheOpt, roundsOpt, cliOpt, noCliOpt, noInOpt});
    parser.process(app);

    bool ok = false;
    const int rounds = parser.value(roundsOpt).toInt(&ok);
    const QString dir = parser.value(cacheOpt);
    if (dir.isEmpty() || !ok || rounds < 1) {
        std::fprintf(stderr, "usage: mk_bench_scan --modcache DIR [--rounds N] (see --help)\n");
        return 2;
    }
    if (!QFileInfo(dir).isDir()) {
        std::fprintf(stderr, "mk_bench_scan: %s: not a directory\n", qPrintable(dir));
        return 1;
    }
    const bool withCli = !parser.isSet(noCliOpt);
    const bool withInProcess = !parser.isSet(noInOpt);
    const QString cli = parser.value(cliOpt);
    QTemporaryDir scratch;
    if (!scratch.isValid())
        return 1;
    const QString duOut = scratch.filePath(u"du.out"_s);
    const QString cliOut = scratch.filePath(u"cli.json"_s);
    const QStringList duArgs{u"/usr/bin/du"_s, u"-s"_s, u"-B1"_s, u"--"_s, dir};
    // The children see none of the user's environment: no go env file, no HOME.
    const QStringList childEnv{u"PATH=/usr/bin:/bin"_s, u"HOME="_s + scratch.path(), u"GOENV=off"_s,
                               u"LC_ALL=C.UTF-8"_s};
    const QStringList cliArgs{cli, u"scan"_s, u"--json"_s, u"--modcache"_s, dir};
    CacheScanner::Options options;
    options.gomodcache = dir;

    bool consistent = true;
    quint64 reference = 0;
    auto checkTotal = [&](const char *who, std::optional<quint64> bytes) {
        if (!bytes || *bytes != reference) {
            std::fprintf(stderr, "MISMATCH: %s total %llu, du %llu\n", who,
                         static_cast<unsigned long long>(bytes.value_or(0)),
                         static_cast<unsigned long long>(reference));
            consistent = false;
        }
    };

    // Warm-up: one of each, which also fixes the reference total.
    const ChildRun warmDu = spawnAndWait(duArgs, childEnv, duOut);
    if (!warmDu.ok || !duBytes(warmDu.out)) {
        std::fprintf(stderr, "mk_bench_scan: du failed\n");
        return 1;
    }
    reference = *duBytes(warmDu.out);
    quint64 versions = 0;
    quint64 files = 0;
    if (withInProcess) {
        const ScanResult r = CacheScanner::run(options);
        if (r.error.isError()) {
            std::fprintf(stderr, "mk_bench_scan: %s\n", qPrintable(r.error.toString()));
            return 1;
        }
        versions = r.totals.versions;
        files = r.totals.files;
        checkTotal("in-process scan (warm-up)", r.totals.diskBytes);
    }
    if (withCli) {
        const ChildRun warm = spawnAndWait(cliArgs, childEnv, cliOut);
        if (!warm.ok) {
            std::fprintf(stderr, "mk_bench_scan: %s failed\n", qPrintable(cli));
            return 1;
        }
        checkTotal("CLI scan (warm-up)", cliBytes(warm.out));
    }
    std::printf("cache: %s\n%llu bytes on disk (du -s -B1), %llu versions, %llu files\n",
                qPrintable(dir), static_cast<unsigned long long>(reference),
                static_cast<unsigned long long>(versions), static_cast<unsigned long long>(files));
    std::printf("%5s %12s %14s %12s %12s\n", "round", "du -s ms", "in-process ms", "cli ms",
                "cli rss KiB");

    QList<double> du, inProcess, cliTimes;
    QList<long> rss;
    for (int round = 1; round <= rounds; ++round) {
        const ChildRun d = spawnAndWait(duArgs, childEnv, duOut);
        if (!d.ok)
            return 1;
        du.append(d.wallMs);
        checkTotal("du", duBytes(d.out));

        double inMs = 0;
        if (withInProcess) {
            QElapsedTimer t;
            t.start();
            const ScanResult r = CacheScanner::run(options);
            inMs = double(t.nsecsElapsed()) / 1e6;
            inProcess.append(inMs);
            checkTotal("in-process scan", r.totals.diskBytes);
        }
        ChildRun c;
        if (withCli) {
            c = spawnAndWait(cliArgs, childEnv, cliOut);
            if (!c.ok)
                return 1;
            cliTimes.append(c.wallMs);
            rss.append(c.maxRssKiB);
            checkTotal("CLI scan", cliBytes(c.out));
        }
        std::printf("%5d %12.1f %14.1f %12.1f %12ld\n", round, d.wallMs, inMs, c.wallMs,
                    c.maxRssKiB);
        std::fflush(stdout);
    }

    const double duMedian = median(du);
    std::printf("median: du -s %.1f ms", duMedian);
    if (withInProcess)
        std::printf(", in-process scan %.1f ms (ratio %.2f)", median(inProcess),
                    median(inProcess) / duMedian);
    if (withCli)
        std::printf(", CLI scan %.1f ms (ratio %.2f)", median(cliTimes),
                    median(cliTimes) / duMedian);
    std::printf("\n");
    if (withCli)
        std::printf("CLI peak RSS: median %ld KiB, max %ld KiB\n", medianLong(rss),
                    rss.isEmpty() ? 0L : *std::max_element(rss.cbegin(), rss.cend()));
    rusage self{};
    ::getrusage(RUSAGE_SELF, &self);
    std::printf("bench process peak RSS (includes in-process scans): %ld KiB\n", self.ru_maxrss);
    std::printf("goal: scan/du median ratio <= 1.0\n");
    if (!consistent) {
        std::fprintf(stderr, "mk_bench_scan: totals disagree with du\n");
        return 1;
    }
    return 0;
}
