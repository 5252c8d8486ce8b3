// SPDX-License-Identifier: GPL-3.0-or-later
// mk_bench_gui_scan — how the main window behaves while it scans a large cache.
//
//   mk_bench_gui_scan --modcache DIR [--rounds 5]
//
// For each round the window (shown, offscreen unless QT_QPA_PLATFORM says otherwise) scans
// DIR. A 2 ms heartbeat timer runs on the GUI thread; the longest gap between two beats,
// minus the interval, is the longest event-loop stall. "first rows" is the time from the
// scan request to the first rows in the model. Goals: first rows <= 100 ms, stall <= 50 ms.
#include <algorithm>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QStandardPaths>
#include <QTimer>
#include <QTreeView>

#include <cstdio>

#include "CacheModel.h"
#include "MainWindow.h"

using namespace Qt::StringLiterals;

namespace {

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // never touch the user's window settings
    QCommandLineParser parser;
    const QCommandLineOption modcache(u"modcache"_s, u"The cache to scan."_s, u"DIR"_s);
    const QCommandLineOption rounds(u"rounds"_s, u"How many scans."_s, u"N"_s, u"5"_s);
    parser.addOptions({modcache, rounds});
    parser.addHelpOption();
    parser.process(app);
    if (!parser.isSet(modcache)) {
        std::fprintf(stderr, "mk_bench_gui_scan: --modcache DIR is required\n");
        return 2;
    }

    mk::MainWindow window(mk::MainWindow::StartMode::Idle);
    window.resize(1280, 800);
    window.show();

    QElapsedTimer beat;
    qint64 maxGapMs = 0;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(2);
    QObject::connect(&heartbeat, &QTimer::timeout, &app,
                     [&] { maxGapMs = std::max(maxGapMs, beat.restart()); });

    QList<double> firstRows, totals, stalls;
    const int n = std::max(1, parser.value(rounds).toInt());
    std::printf("round  first-rows-ms  scan-ms  max-stall-ms  modules\n");
    for (int i = 0; i < n; ++i) {
        QElapsedTimer clock;
        qint64 first = -1;
        const QMetaObject::Connection c
            = QObject::connect(window.model(), &QAbstractItemModel::rowsInserted, &app, [&] {
                  if (first < 0)
                      first = clock.elapsed();
              });
        QEventLoop loop;
        QObject::connect(&window, &mk::MainWindow::scanFinished, &loop, &QEventLoop::quit);
        maxGapMs = 0;
        beat.start();
        heartbeat.start();
        clock.start();
        window.scanCache(parser.value(modcache));
        loop.exec();
        const qint64 total = clock.elapsed();
        heartbeat.stop();
        QObject::disconnect(c);
        const double stall = std::max<qint64>(0, maxGapMs - heartbeat.interval());
        std::printf("%5d  %13lld  %7lld  %12.0f  %7d\n", i + 1, static_cast<long long>(first),
                    static_cast<long long>(total), stall, window.model()->rowCount());
        firstRows.append(double(first));
        totals.append(double(total));
        stalls.append(stall);
    }
    std::printf("median first rows %.0f ms (goal <= 100), scan %.0f ms, max stall %.0f ms (goal <= "
                "50); worst stall %.0f ms\n",
                median(firstRows), median(totals), median(stalls),
                *std::max_element(stalls.begin(), stalls.end()));
    return 0;
}
