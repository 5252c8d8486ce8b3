// SPDX-License-Identifier: GPL-3.0-or-later
// ScanController without widgets, over a module cache written in go's layout by CacheWriter
// (no go needed): its chunks add up to the versions on disk, Cancel and a missing folder end
// with scanning off and one finished signal, an abandoned scan says nothing more, scanning
// lasts until the finished handler ran, and GOCACHE is measured as the scanner counts it.
#include <memory>

#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

#include "CacheWriter.h"
#include "ScanController.h"
#include "ScratchDir.h"
#include "common/CorePool.h"
#include "scan/CacheScanner.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

namespace {

constexpr int timeoutMs = 60000;
constexpr int modules = 40;
constexpr int versionsPerModule = 3;

/// Everything the controller said, in order of arrival.
class Recorder final : public QObject
{
public:
    explicit Recorder(ScanController &c)
    {
        connect(&c, &ScanController::scanningChanged, this,
                [this](bool on) { events << (on ? u"scanning"_s : u"idle"_s); });
        connect(&c, &ScanController::chunkReady, this,
                [this](const ScanChunk &chunk) { chunks.append(chunk); });
        connect(&c, &ScanController::scanFinished, this,
                [this, &c](const ScanController::Outcome &o) {
                    events << u"finished"_s;
                    outcomes.append(o);
                    // Whoever hears finished may start again (the window enables its actions).
                    scanningAtFinished = c.isScanning();
                });
    }

    [[nodiscard]] QStringList ids() const
    {
        QStringList out;
        for (const ScanChunk &chunk : chunks)
            for (const ModuleVersionRecord &r : chunk.versions)
                out << r.id();
        out.sort();
        return out;
    }
    [[nodiscard]] int finalChunks() const
    {
        int n = 0;
        for (const ScanChunk &chunk : chunks)
            n += chunk.final ? 1 : 0;
        return n;
    }

    QStringList events;
    QList<ScanChunk> chunks;
    QList<ScanController::Outcome> outcomes;
    bool scanningAtFinished = true;
};

} // namespace

class TestScanController : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDir> m_scratch;
    QString m_cache;
    QStringList m_ids; ///< every version written, sorted

private Q_SLOTS:
    void initTestCase()
    {
        m_scratch
            = std::make_unique<ScratchDir>(u"tst_scancontroller"_s, ScratchDir::Location::Memory);
        QVERIFY(m_scratch->isValid());
        m_cache = m_scratch->filePath(u"gomodcache"_s);
        CacheWriter writer(m_cache);
        for (int m = 0; m < modules; ++m) {
            const QString path = u"example.com/org%1/Module%2"_s.arg(m % 7).arg(m);
            for (int v = 0; v < versionsPerModule; ++v) {
                const QString version = u"v1.%1.0"_s.arg(v);
                const FixtureProxy::Files files
                    = FixtureProxy::generatedFiles(path, 5, quint32(m * 10 + v), 50, 400);
                const Status st = writer.addCompleteVersion(path, version, files);
                QVERIFY2(st.ok(), qPrintable(st.error().toString()));
                m_ids << path + u'@' + version;
            }
        }
        m_ids.sort();
    }

    void shouldDeliverChunksThatAddUpToTheVersionsOnDisk()
    {
        ScanController c;
        Recorder r(c);
        QVERIFY(!c.isScanning());
        c.start(m_cache);
        QVERIFY(c.isScanning());
        QCOMPARE(c.gomodcache(), m_cache);
        QTRY_COMPARE_WITH_TIMEOUT(r.outcomes.size(), 1, timeoutMs);

        QCOMPARE(r.events, (QStringList{u"scanning"_s, u"idle"_s, u"finished"_s}));
        const ScanController::Outcome &o = r.outcomes.first();
        QVERIFY2(!o.error.isError(), qPrintable(o.error.toString()));
        QVERIFY(!o.cancelled);
        QVERIFY(o.complete);
        QVERIFY(o.completed());
        QVERIFY(o.elapsedMs >= 0);
        // Each version once, all of them, and one final chunk at the end with the totals.
        QCOMPARE(r.ids(), m_ids);
        QCOMPARE(r.finalChunks(), 1);
        QVERIFY(r.chunks.last().final);
        QCOMPARE(r.chunks.last().totals.versions, quint64(m_ids.size()));
        CacheScanner::Options options;
        options.gomodcache = m_cache;
        const ScanResult direct = CacheScanner::run(options);
        QCOMPARE(r.chunks.last().totals.diskBytes, direct.totals.diskBytes);
        QVERIFY(!c.isScanning());
    }

    void shouldEndACancelledScanWithScanningOffAndFinished()
    {
        ScanController c;
        Recorder r(c);
        QVERIFY(!c.cancel()); // nothing to cancel
        c.start(m_cache);
        QVERIFY(c.cancel());
        QVERIFY(c.isCancelling());
        QVERIFY(!c.cancel()); // asked once
        QTRY_COMPARE_WITH_TIMEOUT(r.outcomes.size(), 1, timeoutMs);
        QCOMPARE(r.events, (QStringList{u"scanning"_s, u"idle"_s, u"finished"_s}));
        QVERIFY(r.outcomes.first().cancelled);
        QVERIFY(!r.outcomes.first().completed());
        QVERIFY(!r.scanningAtFinished);
        QVERIFY(!c.isScanning());
        QVERIFY(!c.isCancelling());
        QVERIFY(!c.cancel());
        // Nothing found twice, nothing made up.
        const QStringList found = r.ids();
        QVERIFY(found.size() <= m_ids.size());
        for (const QString &id : found)
            QVERIFY2(m_ids.contains(id), qPrintable(id));

        // And it scans again, from scratch, to the end.
        Recorder again(c);
        c.start(m_cache);
        QTRY_COMPARE_WITH_TIMEOUT(again.outcomes.size(), 1, timeoutMs);
        QVERIFY(again.outcomes.first().completed());
        QCOMPARE(again.ids(), m_ids);
    }

    void shouldReportAMissingFolder()
    {
        const QString missing = m_scratch->filePath(u"no-such-cache"_s);
        ScanController c;
        Recorder r(c);
        c.start(missing);
        QTRY_COMPARE_WITH_TIMEOUT(r.outcomes.size(), 1, timeoutMs);
        QCOMPARE(r.events, (QStringList{u"scanning"_s, u"idle"_s, u"finished"_s}));
        const ScanController::Outcome &o = r.outcomes.first();
        QVERIFY(o.error.isError());
        QVERIFY(!o.cancelled);
        QVERIFY(!o.completed());
        QVERIFY(r.ids().isEmpty());
        QVERIFY(!c.isScanning());
    }

    void shouldStayScanningUntilFinishedWasEmitted()
    {
        ScanController c;
        Recorder r(c);
        c.start(m_cache);
        // The walk ends on the core pool; its chunks and finished signal wait in the event
        // queue, and until the handler ran the controller is scanning.
        QVERIFY(CorePool::instance()->waitForDone(timeoutMs));
        QThread::msleep(200);
        QVERIFY(c.isScanning());
        QCOMPARE(r.events, QStringList{u"scanning"_s});
        QVERIFY(r.chunks.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(r.outcomes.size(), 1, timeoutMs);
        QCOMPARE(r.events, (QStringList{u"scanning"_s, u"idle"_s, u"finished"_s}));
        QVERIFY(!r.scanningAtFinished);
        QVERIFY(r.outcomes.first().completed());
        QCOMPARE(r.ids(), m_ids);
    }

    void shouldSayNothingMoreOfAnAbandonedScan()
    {
        ScanController c;
        Recorder r(c);
        c.start(m_cache);
        c.abandon();
        QCOMPARE(r.events, (QStringList{u"scanning"_s, u"idle"_s}));
        QVERIFY(!c.isScanning());
        // The old walk ends on its own; what it found and its end are dropped.
        QVERIFY(CorePool::instance()->waitForDone(timeoutMs));
        QTest::qWait(300);
        QCOMPARE(r.events, (QStringList{u"scanning"_s, u"idle"_s}));
        QVERIFY(r.chunks.isEmpty());
        QVERIFY(r.outcomes.isEmpty());

        // Also when the walk already ended and its chunks and end wait in the event queue.
        c.start(m_cache);
        QVERIFY(CorePool::instance()->waitForDone(timeoutMs));
        c.abandon();
        QTest::qWait(300);
        QCOMPARE(r.events, (QStringList{u"scanning"_s, u"idle"_s, u"scanning"_s, u"idle"_s}));
        QVERIFY(r.chunks.isEmpty());
        QVERIFY(r.outcomes.isEmpty());

        // A scan started over a running one replaces it: only the new one's chunks arrive.
        c.start(m_cache);
        c.start(m_cache);
        QTRY_COMPARE_WITH_TIMEOUT(r.outcomes.size(), 1, timeoutMs);
        QTest::qWait(300);
        QCOMPARE(r.outcomes.size(), 1);
        QCOMPARE(r.ids(), m_ids);
        QCOMPARE(r.finalChunks(), 1);
    }

    void shouldMeasureTheBuildCache()
    {
        ScanController c;
        QSignalSpy measured(&c, &ScanController::buildCacheMeasured);
        QSignalSpy failed(&c, &ScanController::buildCacheFailed);
        c.measureBuildCache(m_cache);
        QVERIFY(measured.wait(timeoutMs));
        QCOMPARE(failed.count(), 0);
        CacheScanner::Options options;
        options.gomodcache = m_cache;
        options.plainTree = true;
        QCOMPARE(measured.first().first().value<quint64>(),
                 CacheScanner::run(options).totals.diskBytes);
        QVERIFY(measured.first().first().value<quint64>() > 0);
        QVERIFY(!c.isScanning()); // the measure is not a scan
    }

    void shouldReportAMissingBuildCacheAtOnce()
    {
        const QString missing = m_scratch->filePath(u"no-such-gocache"_s);
        ScanController c;
        QList<Error> errors;
        connect(&c, &ScanController::buildCacheFailed, this,
                [&](const Error &e) { errors.append(e); });
        QSignalSpy measured(&c, &ScanController::buildCacheMeasured);
        c.measureBuildCache(missing);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().code, Error::Code::NotFound);
        QCOMPARE(errors.first().subject, missing);
        QTest::qWait(100);
        QCOMPARE(measured.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestScanController)
#include "tst_scancontroller.moc"
