// SPDX-License-Identifier: GPL-3.0-or-later
// bench_treemap — the space map on a large cache held in memory.
//
//   bench_treemap [--versions 100000] [--rounds 5] [--width 1280] [--height 520]
//
// A CacheModel is fed synthetic records (5 versions per module over a few hosts and owners),
// the table's filter proxy and a selection model sit on it as in the window, and a shown
// TreemapView (offscreen unless QT_QPA_PLATFORM says otherwise) draws them. Each round asks
// for a fresh snapshot and layout (TreemapView::refresh) and times it up to the end of the
// first paint of the new layout; a 2 ms heartbeat on the GUI thread gives the longest stall
// meanwhile. A round after a filter change is timed the same way. Goals: layout + first paint
// <= 100 ms, stall <= 50 ms. Exits 1 when a layout does not show every version's bytes.
#include <algorithm>
#include <random>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QItemSelectionModel>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>

#include "CacheFilterProxy.h"
#include "CacheModel.h"
#include "TreemapView.h"
#include "space/TreemapJob.h"
#include "space/TreemapTree.h"

using namespace Qt::StringLiterals;

namespace {

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

mk::ScanChunk syntheticChunk(int versions)
{
    std::mt19937 rng(1234);
    std::lognormal_distribution<double> size(13.0, 1.6); // ~400 KiB median, long tail
    std::uniform_int_distribution<int> state(0, 9);
    std::uniform_int_distribution<int> age(0, 800);
    const QStringList hosts = {u"github.com"_s, u"golang.org"_s, u"gopkg.in"_s,
                               u"go.uber.org"_s, u"google.golang.org"_s, u"k8s.io"_s};
    const QDateTime now = QDateTime::currentDateTime();
    mk::ScanChunk chunk;
    chunk.versions.reserve(versions);
    const int perModule = 5;
    for (int i = 0; i < versions; ++i) {
        const int m = i / perModule;
        const QString host = hosts.at(m % hosts.size());
        const QString path = host == u"github.com"_s
                                 ? QString(host + u"/owner"_s + QString::number(m % 997)
                                           + u"/module"_s + QString::number(m))
                                 : QString(host + u"/module"_s + QString::number(m));
        mk::ModuleVersionRecord r;
        r.path = path;
        r.escapedPath = path;
        r.version = u"v1.%1.0"_s.arg(i % perModule);
        r.escapedVersion = r.version;
        const int s = state(rng);
        r.state = s < 7 ? mk::VersionState::Complete
                  : s < 8 ? mk::VersionState::ArchiveOnly
                  : s < 9 ? mk::VersionState::MetadataOnly
                          : mk::VersionState::Partial;
        r.diskBytes = quint64(size(rng)) + 4096;
        r.apparentBytes = r.diskBytes;
        r.lastUsed = now.addDays(-age(rng));
        chunk.versions.append(r);
    }
    chunk.final = true;
    return chunk;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCommandLineParser parser;
    const QCommandLineOption versionsOption(u"versions"_s, u"Module versions."_s, u"N"_s,
                                            u"100000"_s);
    const QCommandLineOption roundsOption(u"rounds"_s, u"Rounds."_s, u"N"_s, u"5"_s);
    const QCommandLineOption widthOption(u"width"_s, u"Map width."_s, u"PX"_s, u"1280"_s);
    const QCommandLineOption heightOption(u"height"_s, u"Map height."_s, u"PX"_s, u"520"_s);
    parser.addOptions({versionsOption, roundsOption, widthOption, heightOption});
    parser.addHelpOption();
    parser.process(app);
    const int versions = std::max(1, parser.value(versionsOption).toInt());
    const int rounds = std::max(1, parser.value(roundsOption).toInt());

    mk::CacheModel model;
    mk::CacheFilterProxy proxy;
    proxy.setSourceModel(&model);
    QItemSelectionModel selection(&proxy);
    QElapsedTimer feed;
    feed.start();
    const mk::ScanChunk chunk = syntheticChunk(versions);
    model.addChunk(chunk);
    std::printf("%d versions in %d modules (model filled in %lld ms)\n", versions,
                model.moduleCount(), static_cast<long long>(feed.elapsed()));

    // For reference: the job's own work, on this thread.
    {
        QList<mk::TreemapItem> items;
        for (const auto &r : chunk.versions)
            items.append({r.path, r.version, r.diskBytes, quint8(r.state), 0});
        QElapsedTimer t;
        t.start();
        const QList<mk::TreemapNode> nodes = mk::TreemapTree::build(items);
        std::printf("tree alone: %lld ms\n", static_cast<long long>(t.restart()));
        int snapshot = 0;
        for (int m = 0; m < proxy.rowCount(); ++m) {
            const QModelIndex module = proxy.index(m, 0);
            for (int v = 0; v < proxy.rowCount(module); ++v) {
                const QModelIndex source = proxy.mapToSource(proxy.index(v, 0, module));
                const auto rec = source.data(mk::CacheModel::RecordRole).value<mk::ModuleVersionRecord>();
                snapshot += rec.lastUsed.isValid() ? int(rec.lastUsed.toMSecsSinceEpoch() & 1) : 0;
            }
        }
        std::printf("snapshot loop alone (GUI thread, sliced): %lld ms (%d)\n", static_cast<long long>(t.restart()), snapshot);
        mk::TreemapJob::Request request{items, QSizeF(parser.value(widthOption).toInt(),
                                                      parser.value(heightOption).toInt()),
                                        {}, {}};
        request.options.minTileArea = 16;
        request.options.padding = 1;
        const mk::TreemapLayoutResult r = mk::TreemapJob::run(request);
        std::printf("tree + layout alone (core pool job body): %lld ms, %lld tiles\n",
                    static_cast<long long>(t.elapsed()), static_cast<long long>(r.tiles.size()));
    }

    mk::TreemapView view;
    view.resize(parser.value(widthOption).toInt(), parser.value(heightOption).toInt() + 22);
    view.setModels(&model, &proxy, &selection);
    view.show();

    QElapsedTimer beat;
    qint64 maxGapMs = 0;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(2);
    QObject::connect(&heartbeat, &QTimer::timeout, &app,
                     [&] { maxGapMs = std::max(maxGapMs, beat.restart()); });

    int failures = 0;
    const auto round = [&](const char *what, const std::function<void()> &trigger,
                           quint64 expectBytes, QList<double> &times, QList<double> &stalls) {
        QEventLoop loop;
        const QMetaObject::Connection c
            = QObject::connect(&view, &mk::TreemapView::layoutReady, &loop, &QEventLoop::quit);
        QElapsedTimer clock;
        maxGapMs = 0;
        beat.start();
        heartbeat.start();
        clock.start();
        trigger();
        loop.exec();
        view.repaint(); // the first paint of the new layout
        const qint64 total = clock.elapsed();
        // Let the heartbeat see the paint's gap.
        QEventLoop settle;
        QTimer::singleShot(10, &settle, &QEventLoop::quit);
        settle.exec();
        heartbeat.stop();
        QObject::disconnect(c);
        const double stall = std::max<qint64>(0, maxGapMs - heartbeat.interval());
        const mk::TreemapLayoutResult &r = view.layoutResult();
        const quint64 bytes = r.nodes.isEmpty() ? 0 : r.nodes.first().weight;
        std::printf("%-8s %8lld ms  stall %4.0f ms  %7lld tiles  %7lld versions\n", what,
                    static_cast<long long>(total), stall, static_cast<long long>(r.tiles.size()),
                    static_cast<long long>(r.items.size()));
        if (bytes != expectBytes) {
            std::printf("  wrong: %llu bytes laid out, expected %llu\n",
                        static_cast<unsigned long long>(bytes),
                        static_cast<unsigned long long>(expectBytes));
            ++failures;
        }
        times.append(double(total));
        stalls.append(stall);
    };

    // The first layout the view starts by itself once shown.
    {
        QEventLoop loop;
        QObject::connect(&view, &mk::TreemapView::layoutReady, &loop, &QEventLoop::quit);
        loop.exec();
    }
    QList<double> times, stalls, filterTimes, filterStalls;
    quint64 githubBytes = 0;
    for (const auto &r : chunk.versions)
        if (r.path.startsWith(u"github.com/"_s))
            githubBytes += r.diskBytes;
    for (int i = 0; i < rounds; ++i) {
        round("full", [&] { view.refresh(); }, model.versionBytes(), times, stalls);
        // The filter change itself runs in the proxy; what is timed is the map following it.
        proxy.setFilterText(u"github.com"_s);
        round("filtered", [&] { view.refresh(); }, githubBytes, filterTimes, filterStalls);
        proxy.setFilterText({});
    }
    std::printf("median layout + first paint %.0f ms (goal <= 100), max stall %.0f ms (goal <= 50); "
                "worst %.0f ms / %.0f ms\n",
                median(times), median(stalls), *std::max_element(times.begin(), times.end()),
                *std::max_element(stalls.begin(), stalls.end()));
    std::printf("filtered: median %.0f ms, max stall %.0f ms\n", median(filterTimes),
                median(filterStalls));
    return failures == 0 ? 0 : 1;
}
