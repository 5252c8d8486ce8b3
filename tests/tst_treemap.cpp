// SPDX-License-Identifier: GPL-3.0-or-later
// The squarified treemap layout on synthetic data: areas proportional to weights, tiles that
// fill their container, bounded aspect ratios, a stable order, degenerate weights, the
// host → owner → module → version tree, aggregation of tiny tiles, and cancelling the job.
#include <algorithm>
#include <random>

#include <QTest>

#include "space/SquarifiedLayout.h"
#include "space/TreemapJob.h"
#include "space/TreemapTree.h"

using namespace Qt::StringLiterals;
using mk::SquarifiedLayout;
using mk::TreemapItem;
using mk::TreemapNode;

namespace {

double area(const QRectF &r)
{
    return r.width() * r.height();
}

QList<double> randomWeights(std::mt19937 &rng, int n, double lo, double hi, bool sorted)
{
    std::uniform_real_distribution<double> dist(lo, hi);
    QList<double> w;
    for (int i = 0; i < n; ++i)
        w.append(dist(rng));
    if (sorted)
        std::sort(w.begin(), w.end(), std::greater<>());
    return w;
}

/// Every pair of rectangles with a positive area overlaps by less than eps².
bool noOverlap(const QList<QRectF> &rects)
{
    for (qsizetype i = 0; i < rects.size(); ++i)
        for (qsizetype j = i + 1; j < rects.size(); ++j)
            if (area(rects[i].intersected(rects[j])) > 1e-6)
                return false;
    return true;
}

QList<TreemapItem> syntheticItems(int modules, int versionsPerModule, quint32 seed)
{
    std::mt19937 rng(seed);
    std::uniform_int_distribution<quint64> bytes(1000, 50'000'000);
    const QStringList hosts = {u"github.com"_s, u"golang.org"_s, u"gopkg.in"_s, u"go.uber.org"_s};
    QList<TreemapItem> items;
    for (int m = 0; m < modules; ++m) {
        const QString &host = hosts.at(m % hosts.size());
        const QString path = host == u"gopkg.in"_s
                                 ? QString(host + u"/mod"_s + QString::number(m) + u".v1"_s)
                                 : QString(host + u"/owner"_s + QString::number(m % 7)
                                           + u"/mod"_s + QString::number(m));
        for (int v = 0; v < versionsPerModule; ++v)
            items.append({path, u"v1.0."_s + QString::number(v), bytes(rng), quint8(v % 4),
                          qint64(v) * 1000});
    }
    return items;
}

} // namespace

class TestTreemap final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void areasProportional_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<bool>("sorted");
        QTest::newRow("1") << 1 << true;
        QTest::newRow("7 sorted") << 7 << true;
        QTest::newRow("200 sorted") << 200 << true;
        QTest::newRow("200 unsorted") << 200 << false;
        QTest::newRow("1000 sorted") << 1000 << true;
    }
    void areasProportional()
    {
        QFETCH(int, count);
        QFETCH(bool, sorted);
        std::mt19937 rng(42u + quint32(count));
        const QList<double> weights = randomWeights(rng, count, 1, 1000, sorted);
        const QRectF box(10, 20, 800, 600);
        const QList<QRectF> rects = SquarifiedLayout::squarify(weights, box);
        QCOMPARE(rects.size(), weights.size());
        double total = 0;
        for (double w : weights)
            total += w;
        double sum = 0;
        for (qsizetype i = 0; i < rects.size(); ++i) {
            const double expected = weights[i] / total * area(box);
            QVERIFY2(std::abs(area(rects[i]) - expected) <= 0.01 * expected,
                     qPrintable(u"tile %1: %2 instead of %3"_s.arg(i).arg(area(rects[i])).arg(
                         expected)));
            // Inside the container (up to rounding).
            QVERIFY(box.adjusted(-1e-6, -1e-6, 1e-6, 1e-6).contains(rects[i]));
            sum += area(rects[i]);
        }
        QVERIFY(std::abs(sum - area(box)) <= 0.01 * area(box));
        if (count <= 200)
            QVERIFY(noOverlap(rects));
    }

    void aspectRatiosBounded()
    {
        // Squarified keeps tiles near square on random data; the slice-and-dice layout it
        // replaces gives 600:1 strips here.
        std::mt19937 rng(7);
        for (int round = 0; round < 20; ++round) {
            const QList<double> weights = randomWeights(rng, 300, 1, 100, true);
            const QList<QRectF> rects = SquarifiedLayout::squarify(weights, QRectF(0, 0, 900, 600));
            double worst = 0;
            double mean = 0;
            for (const QRectF &r : rects) {
                worst = std::max(worst, SquarifiedLayout::aspectRatio(r));
                mean += SquarifiedLayout::aspectRatio(r);
            }
            mean /= double(rects.size());
            QVERIFY2(worst <= 6.0, qPrintable(u"worst aspect ratio %1"_s.arg(worst)));
            QVERIFY2(mean <= 1.25, qPrintable(u"mean aspect ratio %1"_s.arg(mean)));
        }
    }

    void stableOrder()
    {
        // The same items in any order give the same tree and the same tiles.
        QList<TreemapItem> items = syntheticItems(60, 5, 3);
        mk::TreemapJob::Request a{items, QSizeF(640, 480), {}, {}};
        std::mt19937 rng(11);
        std::shuffle(items.begin(), items.end(), rng);
        mk::TreemapJob::Request b{items, QSizeF(640, 480), {}, {}};
        const mk::TreemapLayoutResult ra = mk::TreemapJob::run(a);
        const mk::TreemapLayoutResult rb = mk::TreemapJob::run(b);
        QCOMPARE(ra.tiles.size(), rb.tiles.size());
        for (qsizetype i = 0; i < ra.tiles.size(); ++i) {
            QCOMPARE(ra.pathOf(ra.tiles[i].node), rb.pathOf(rb.tiles[i].node));
            QCOMPARE(ra.tiles[i].rect, rb.tiles[i].rect);
        }
        // Children largest first.
        for (const TreemapNode &n : ra.nodes)
            for (int c = 1; c < n.childCount; ++c)
                QVERIFY(ra.nodes[n.firstChild + c - 1].weight >= ra.nodes[n.firstChild + c].weight);
        // And a squarify of sorted weights puts the largest first at the top left.
        const QList<QRectF> rects = SquarifiedLayout::squarify({50, 30, 20}, QRectF(0, 0, 100, 100));
        QCOMPARE(rects[0].topLeft(), QPointF(0, 0));
    }

    void degenerateWeights()
    {
        const QRectF box(0, 0, 100, 50);
        // Zero weights get empty rectangles, the others share the whole box.
        const QList<QRectF> rects = SquarifiedLayout::squarify({0, 3, 0, 1, -2}, box);
        QCOMPARE(rects.size(), 5);
        QVERIFY(rects[0].isEmpty());
        QVERIFY(rects[2].isEmpty());
        QVERIFY(rects[4].isEmpty());
        QVERIFY(std::abs(area(rects[1]) - 3750) < 1e-6);
        QVERIFY(std::abs(area(rects[3]) - 1250) < 1e-6);
        // All zero, nothing, or an empty box: no area anywhere and no crash.
        for (const QRectF &r : SquarifiedLayout::squarify({0, 0}, box))
            QVERIFY(r.isEmpty());
        QVERIFY(SquarifiedLayout::squarify({}, box).isEmpty());
        for (const QRectF &r : SquarifiedLayout::squarify({1, 2}, QRectF(0, 0, 0, 10)))
            QVERIFY(r.isEmpty());
        // Equal weights in a square: four equal squares.
        const QList<QRectF> four = SquarifiedLayout::squarify({1, 1, 1, 1}, QRectF(0, 0, 2, 2));
        for (const QRectF &r : four)
            QCOMPARE(r.size(), QSizeF(1, 1));
        // A tree of zero-byte versions lays out without dividing by zero.
        const mk::TreemapLayoutResult empty = mk::TreemapJob::run(
            {{{u"example.com/a"_s, u"v1.0.0"_s, 0, 0, 0}}, QSizeF(100, 100), {}, {}});
        QCOMPARE(empty.tiles.size(), 1);
        QCOMPARE(mk::TreemapJob::run({{}, QSizeF(100, 100), {}, {}}).tiles.size(), 1);
    }

    void treeLevels()
    {
        const QList<TreemapItem> items = {
            {u"github.com/BurntSushi/toml"_s, u"v1.3.2"_s, 100, 0, 5},
            {u"github.com/BurntSushi/toml"_s, u"v1.2.0"_s, 50, 2, 9},
            {u"golang.org/x/tools"_s, u"v0.1.0"_s, 400, 1, 0},
            {u"gopkg.in/yaml.v3"_s, u"v3.0.1"_s, 25, 3, 1},
        };
        const QList<TreemapNode> nodes = mk::TreemapTree::build(items);
        QCOMPARE(nodes[0].weight, quint64(575));
        QCOMPARE(nodes[0].childCount, 3);
        QCOMPARE(nodes[nodes[0].firstChild].label, u"golang.org"_s); // largest first
        mk::TreemapLayoutResult r;
        r.items = items;
        r.nodes = nodes;
        QStringList paths;
        for (int i = 0; i < nodes.size(); ++i)
            paths << QString::number(nodes[i].level) + u':' + r.pathOf(i);
        QVERIFY(paths.contains(u"1:github.com"_s));
        QVERIFY(paths.contains(u"2:github.com/BurntSushi"_s));
        QVERIFY(paths.contains(u"2:golang.org/x"_s));
        QVERIFY(paths.contains(u"3:golang.org/x/tools"_s));
        QVERIFY(paths.contains(u"3:gopkg.in/yaml.v3"_s)); // no owner level
        QVERIFY(!paths.contains(u"2:gopkg.in/yaml.v3"_s));
        QVERIFY(paths.contains(u"4:github.com/BurntSushi/toml@v1.2.0"_s));
        const int toml = int(paths.indexOf(u"3:github.com/BurntSushi/toml"_s));
        QCOMPARE(nodes[toml].weight, quint64(150));
        QCOMPARE(nodes[toml].lastUsedMs, qint64(9));
        QCOMPARE(nodes[toml].state, quint8(0)); // most bytes are complete
    }

    void treeLayoutFillsAndNests()
    {
        const QList<TreemapItem> items = syntheticItems(80, 6, 5);
        const mk::TreemapLayoutResult r = mk::TreemapJob::run({items, QSizeF(1000, 700), {}, {}});
        quint64 total = 0;
        for (const TreemapItem &i : items)
            total += i.bytes;
        double leafArea = 0;
        int versions = 0;
        for (const mk::TreemapTile &t : r.tiles) {
            if (t.leaf)
                leafArea += area(t.rect);
            const TreemapNode &n = r.nodes[t.node];
            if (n.level == TreemapNode::Version) {
                ++versions;
                const double expected = double(n.weight) / double(total) * 700000.0;
                QVERIFY(std::abs(area(t.rect) - expected) <= 0.01 * expected + 1e-6);
                // Inside its module's tile.
                const auto parent = std::find_if(r.tiles.begin(), r.tiles.end(),
                                                 [&](const auto &p) { return p.node == n.parent && p.aggregated == 0; });
                QVERIFY(parent != r.tiles.end());
                QVERIFY(parent->rect.adjusted(-1e-6, -1e-6, 1e-6, 1e-6).contains(t.rect));
            }
        }
        QCOMPARE(versions, int(items.size()));
        QVERIFY(std::abs(leafArea - 700000.0) <= 0.01 * 700000.0);
    }

    void aggregatesTinyTiles_data()
    {
        QTest::addColumn<QSizeF>("size");
        QTest::newRow("1000x700") << QSizeF(1000, 700);
        QTest::newRow("400x300") << QSizeF(400, 300);
    }
    void aggregatesTinyTiles()
    {
        // 100k versions: tiles under 16 px² are not drawn one by one (the smallest children
        // of a group share one tile, or a group is drawn whole), so the tile count stays
        // bounded by the area while the leaves still fill it.
        QFETCH(QSizeF, size);
        const double box = size.width() * size.height();
        const QList<TreemapItem> items = syntheticItems(20000, 5, 9);
        mk::SquarifiedLayout::Options options;
        options.minTileArea = 16;
        options.padding = 1;
        const mk::TreemapLayoutResult r = mk::TreemapJob::run({items, size, {}, options});
        QVERIFY2(r.tiles.size() < box / 16 * 1.5, qPrintable(QString::number(r.tiles.size())));
        double leafArea = 0;
        int aggregated = 0;
        int groupsWhole = 0;
        for (const mk::TreemapTile &t : r.tiles) {
            if (t.leaf)
                leafArea += area(t.rect);
            if (t.aggregated > 0) {
                ++aggregated;
                QVERIFY(t.weight > 0);
                QVERIFY(area(t.rect) > 0);
            } else if (t.leaf && r.nodes[t.node].level != TreemapNode::Version) {
                ++groupsWhole;
            }
        }
        QVERIFY(aggregated + groupsWhole > 0);
        if (size.width() >= 1000)
            QVERIFY(aggregated > 0);
        // Padding takes some area away from the leaves, not more than a third.
        QVERIFY(leafArea <= box * 1.0001);
        QVERIFY2(leafArea >= box * 0.66, qPrintable(QString::number(leafArea / box)));
    }

    void zoom()
    {
        const QList<TreemapItem> items = syntheticItems(40, 3, 6);
        const mk::TreemapLayoutResult r = mk::TreemapJob::run(
            {items, QSizeF(500, 500), {u"golang.org"_s, u"owner1"_s, u"nope"_s}, {}});
        QCOMPARE(r.zoomChain.size(), 3); // root, host, owner: "nope" is not there
        QCOMPARE(r.pathOf(r.zoomNode()), u"golang.org/owner1"_s);
        QCOMPARE(r.tiles.first().node, r.zoomNode());
        QCOMPARE(r.tiles.first().rect, QRectF(0, 0, 500, 500));
        for (const mk::TreemapTile &t : r.tiles)
            QVERIFY(r.pathOf(t.node).startsWith(u"golang.org/owner1"_s));
    }

    void cancel()
    {
        // A cancelled job stops early and has no result.
        const QList<TreemapItem> items = syntheticItems(50000, 4, 8);
        QFuture<mk::TreemapLayoutResult> f
            = mk::TreemapJob::start({items, QSizeF(1200, 800), {}, {}});
        f.cancel();
        f.waitForFinished();
        QVERIFY(f.isCanceled());
        QCOMPARE(f.resultCount(), 0);
        // The synchronous form honours the same flag.
        int polls = 0;
        const mk::TreemapLayoutResult r = mk::TreemapJob::run(
            {items, QSizeF(1200, 800), {}, {}}, [&polls] { return ++polls > 3; });
        QVERIFY(r.tiles.isEmpty());
        // Not cancelled: a result.
        QFuture<mk::TreemapLayoutResult> g
            = mk::TreemapJob::start({syntheticItems(10, 2, 1), QSizeF(100, 100), {}, {}});
        g.waitForFinished();
        QCOMPARE(g.resultCount(), 1);
        QVERIFY(!g.result().tiles.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTreemap)
#include "tst_treemap.moc"
