// SPDX-License-Identifier: GPL-3.0-or-later
// bench_gocache_trim: a trim of a large GOCACHE (gocache trim --older-than DAYS) against
// `find DIR -type f -mtime +DAYS -delete` over an identical copy of the same files.
//
// Usage:
//   bench_gocache_trim [--pairs N] [--days N] [--rounds N] [--work DIR] [--cli PATH]
//
//   --pairs N  action/output pairs to generate (default 100000: 200,000 entry files), laid out
//              as go lays them out (SyntheticGoCache); half were last used 1 day ago, half
//              20 days ago, so that find's whole-day rounding and go's limit plus one hour
//              choose the same files.
//   --days N   the limit (default 5).
//   --rounds N rounds (default 3), each on fresh copies, the contenders' order rotating.
//   --work DIR where the caches go (default: a temporary directory on the same disk as /tmp).
//   --cli PATH modkeeper-cli (default: the one built with this tree).
//
// The cache is generated once. Each round copies it (cp -a) to one directory per contender,
// syncs, and runs each contender once on its own copy (find, then modkeeper-cli, then
// GoCacheTrimmer in this process, the order rotating from round to round), syncing between
// them. Wall times from a monotonic clock. Prints every round, the medians and their ratios to
// find (goal: <= 1.0x). Exit status 0 when every contender left exactly the same files.
#include <algorithm>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>

#include "BenchProcess.h"
#include "ScratchDir.h"
#include "Subprocess.h"
#include "SyntheticGoCache.h"
#include "gocache/GoCacheTrimmer.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::bench;
using namespace mk::test;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"bench_gocache_trim"_s);
    QCommandLineParser parser;
    const QCommandLineOption pairsOpt(u"pairs"_s, u"pairs"_s, u"N"_s, u"100000"_s);
    const QCommandLineOption daysOpt(u"days"_s, u"days"_s, u"N"_s, u"5"_s);
    const QCommandLineOption roundsOpt(u"rounds"_s, u"rounds"_s, u"N"_s, u"3"_s);
    const QCommandLineOption workOpt(u"work"_s, u"work dir"_s, u"DIR"_s);
    const QCommandLineOption cliOpt(u"cli"_s, u"modkeeper-cli"_s, u"PATH"_s,
                                    QStringLiteral(MODKEEPER_CLI));
    parser.addOptions({pairsOpt, daysOpt, roundsOpt, workOpt, cliOpt});
    parser.addHelpOption();
    parser.process(app);
    const int pairs = parser.value(pairsOpt).toInt();
    const int days = parser.value(daysOpt).toInt();
    const int rounds = parser.value(roundsOpt).toInt();
    if (pairs <= 0 || days < 1 || rounds < 1)
        return fail(u"--pairs, --days and --rounds must be positive"_s, 2);

    std::unique_ptr<ScratchDir> scratch;
    QString work = parser.value(workOpt);
    if (work.isEmpty()) {
        scratch = std::make_unique<ScratchDir>(u"bench_gocache_trim"_s);
        work = scratch->path();
    }
    QDir().mkpath(work);
    const QString base = work + u"/base"_s;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QElapsedTimer gen;
    gen.start();
    if (!SyntheticGoCache::create(
            base, pairs, now, [days](int i) { return (i % 2 ? 4L * days : 1L) * 86400 + 600; },
            [](int i) { return 200 + (i % 7) * 1500; }))
        return fail(u"cannot generate the cache in "_s + base);
    const qsizetype entries = SyntheticGoCache::entries(base).size();
    say(u"generated %1 entry files in %2 s"_s.arg(entries).arg(gen.elapsed() / 1000.0, 0, 'f', 1));

    const QStringList contenders{u"find"_s, u"cli"_s, u"job"_s};
    const QStringList env{u"PATH=/usr/bin:/bin"_s, u"HOME="_s + work, u"GOENV=off"_s,
                          u"LC_ALL=C"_s};
    QMap<QString, QList<double>> times;
    bool same = true;
    for (int round = 0; round < rounds; ++round) {
        for (const QString &c : contenders) {
            if (!Subprocess::run(u"cp"_s, {u"-a"_s, base, work + u'/' + c}, 600000).succeeded())
                return fail(u"cp -a failed"_s);
        }
        // Bring every copy's inodes into memory alike (one stat walk each), and put the
        // copies on disk: otherwise writeback competes with whichever contender runs while
        // the kernel flushes.
        for (const QString &c : contenders)
            (void)Subprocess::run(u"find"_s, {work + u'/' + c, u"-type"_s, u"f"_s, u"-mtime"_s,
                                              u"-100000"_s, u"-printf"_s, u""_s},
                                  600000);
        (void)Subprocess::run(u"sync"_s, {}, 600000);

        QStringList line;
        for (int k = 0; k < contenders.size(); ++k) {
            const QString c = contenders.at((k + round) % contenders.size()); // rotate the order
            double wall = 0;
            int status = 0;
            if (c == u"find") {
                status = spawnAndWait({u"/usr/bin/find"_s, work + u"/find"_s, u"-type"_s, u"f"_s,
                                       u"-mtime"_s, u"+%1"_s.arg(days), u"-delete"_s},
                                      env, work, &wall);
            } else if (c == u"cli") {
                status = spawnAndWait({parser.value(cliOpt), u"gocache"_s, u"trim"_s,
                                       u"--older-than"_s, QString::number(days), u"--gocache"_s,
                                       work + u"/cli"_s},
                                      env, work, &wall);
            } else {
                GoCacheTrimmer::Options options;
                options.gocache = work + u"/job"_s;
                options.olderThanDays = days;
                QElapsedTimer t;
                t.start();
                const GoCacheTrimResult r = GoCacheTrimmer::run(options);
                wall = double(t.nsecsElapsed()) / 1e6;
                status = r.ok() && r.entriesRemoved() == quint64(entries / 2) ? 0 : 1;
            }
            if (status != 0)
                return fail(u"%1 failed (%2)"_s.arg(c).arg(status));
            times[c].append(wall);
            line << u"%1 %2 ms"_s.arg(c).arg(wall, 0, 'f', 1);
            (void)Subprocess::run(u"sync"_s, {}, 600000); // the next one starts on a clean disk
        }
        const QSet<QString> left = SyntheticGoCache::entries(work + u"/find"_s);
        for (const QString &c : {u"cli"_s, u"job"_s}) {
            if (SyntheticGoCache::entries(work + u'/' + c) != left)
                same = false;
        }
        say(u"round %1: %2 (removed %3 of %4)"_s.arg(round + 1)
                .arg(line.join(u", "_s))
                .arg(entries - left.size())
                .arg(entries));
        for (const QString &c : contenders)
            (void)Subprocess::run(u"rm"_s, {u"-rf"_s, work + u'/' + c}, 600000);
    }
    const auto median = [](QList<double> v) {
        std::sort(v.begin(), v.end());
        return v.size() % 2 ? v.at(v.size() / 2) : (v.at(v.size() / 2 - 1) + v.at(v.size() / 2)) / 2;
    };
    const double findMs = median(times[u"find"_s]);
    for (const QString &c : contenders)
        say(u"median %1  %2 ms  %3x find"_s.arg(c.leftJustified(5))
                .arg(median(times[c]), 9, 'f', 1)
                .arg(median(times[c]) / findMs, 0, 'f', 2));
    if (!same)
        return fail(u"the contenders left different files"_s);
    return 0;
}
