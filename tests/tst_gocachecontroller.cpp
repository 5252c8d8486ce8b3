// SPDX-License-Identifier: GPL-3.0-or-later
// GoCacheController and the summary's build cache section, on a GOCACHE laid out like go's
// with chosen ages: a measure, a trim by age and to a size, clean and clean -testcache, the
// saved size cap and the automatic trim it brings, and what the panel shows. The jobs run on
// the core pool; the test waits on the controller's signals, as the window does.
#include <sys/stat.h>

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "DuRunner.h"
#include "GoCacheController.h"
#include "ScratchDir.h"
#include "SummaryPanel.h"
#include "SyntheticGoCache.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

namespace {

constexpr qint64 Hour = 3600;
constexpr qint64 Day = 24 * Hour;
constexpr int Pairs = 50;

qint64 ageOf(int i)
{
    return (i % 10) * Day + 30 * 60;
}

} // namespace

class TestGoCacheController : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDir> m_dir;
    QString m_cache;

    bool waitIdle(GoCacheController &c, int ms = 20000)
    {
        return QTest::qWaitFor([&] { return !c.isBusy(); }, ms);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QSettings().clear();
        m_dir = std::make_unique<ScratchDir>(u"tst_gocachecontroller"_s);
        QVERIFY(m_dir->isValid());
        m_cache = m_dir->filePath(u"gocache"_s);
        QVERIFY(SyntheticGoCache::create(m_cache, Pairs, QDateTime::currentSecsSinceEpoch(), ageOf,
                                         [](int) { return 10000; }));
    }

    void measuresAndShowsIt()
    {
        GoCacheController c;
        QSignalSpy changed(&c, &GoCacheController::statsChanged);
        QSignalSpy busy(&c, &GoCacheController::busyChanged);
        QVERIFY(!c.refresh()); // no GOCACHE yet
        c.setGocache(m_cache);
        QVERIFY(c.refresh());
        QVERIFY(c.isBusy());
        QVERIFY(!c.refresh()); // one job at a time
        QVERIFY(changed.wait(20000));
        QVERIFY(!c.isBusy());
        QCOMPARE(busy.count(), 2);
        QVERIFY(c.hasStats());
        QCOMPARE(c.stats().entries(), quint64(2 * Pairs));
        const Expected<quint64> du = DuRunner::summary(m_cache);
        QVERIFY(du.ok());
        QCOMPARE(c.stats().diskBytes, du.value());

        SummaryPanel panel;
        panel.setBuildCache(m_cache);
        auto *trim = panel.findChild<QPushButton *>(u"goCacheTrimButton"_s);
        QVERIFY(trim);
        QVERIFY(!trim->isEnabled()); // nothing measured yet
        panel.setGoCacheStats(c.stats());
        QVERIFY(trim->isEnabled());
        QVERIFY(panel.findChild<QLabel *>(u"goCacheEntries"_s)->text().contains(u"100"_s));
        // 5 d 30 min is not older than 5 days plus go's hour: ages 6..9 d, 4 of 10.
        QVERIFY2(panel.findChild<QLabel *>(u"goCacheEstimate"_s)->text().contains(u"40"_s),
                 qPrintable(panel.findChild<QLabel *>(u"goCacheEstimate"_s)->text()));
        QSignalSpy requested(&panel, &SummaryPanel::goCacheTrimRequested);
        trim->click();
        QCOMPARE(requested.count(), 1);
        panel.setGoCacheBusy(true);
        QVERIFY(!trim->isEnabled());
    }

    void trimsByAgeAndMeasuresAgain()
    {
        GoCacheController c;
        c.setGocache(m_cache);
        QSignalSpy trimmed(&c, &GoCacheController::trimFinished);
        QSignalSpy changed(&c, &GoCacheController::statsChanged);
        QVERIFY(c.trimOlderThan(5));
        QVERIFY(trimmed.wait(20000));
        const GoCacheTrimResult r = trimmed.first().first().value<GoCacheTrimResult>();
        QVERIFY(r.ok());
        QCOMPARE(r.entriesRemoved(), quint64(2 * Pairs * 4 / 10));
        QVERIFY(changed.wait(20000)); // measured again after the trim
        QCOMPARE(c.stats().entries(), quint64(2 * Pairs * 6 / 10));
        QVERIFY(waitIdle(c));
    }

    void sizeCapIsSavedAndKept()
    {
        {
            GoCacheController c;
            QCOMPARE(c.sizeCap(), quint64(0));
            c.setSizeCap(123456789);
        }
        QCOMPARE(GoCacheController::savedSizeCap(), quint64(123456789));
        const Expected<quint64> du = DuRunner::summary(m_cache);
        QVERIFY(du.ok());
        GoCacheController c;
        QCOMPARE(c.sizeCap(), quint64(123456789));
        // A cap under the current size: the measure finds it over and trims at once.
        const quint64 cap = du.value() - 200000;
        c.setSizeCap(cap);
        c.setGocache(m_cache);
        QSignalSpy trimmed(&c, &GoCacheController::trimFinished);
        QVERIFY(c.refresh());
        QVERIFY(trimmed.wait(20000));
        QVERIFY(trimmed.first().first().value<GoCacheTrimResult>().capReached);
        QVERIFY(waitIdle(c));
        QTest::qWait(50);
        QVERIFY(waitIdle(c));
        QCOMPARE(trimmed.count(), 1); // no loop
        const Expected<quint64> after = DuRunner::summary(m_cache);
        QVERIFY(after.ok());
        QVERIFY(after.value() <= cap);
        QCOMPARE(c.stats().diskBytes, after.value());
        c.setSizeCap(0);
        QCOMPARE(GoCacheController::savedSizeCap(), quint64(0));
    }

    void cleansBuildAndTestCache()
    {
        GoCacheController c;
        c.setGocache(m_cache);
        QSignalSpy cleaned(&c, &GoCacheController::cleanFinished);
        QVERIFY(c.cleanTestCache());
        QVERIFY(cleaned.wait(20000));
        QVERIFY(cleaned.last().first().value<GoCacheCleanResult>().testExpireNs.has_value());
        QVERIFY(QFile::exists(m_cache + u"/testexpire.txt"_s));
        QVERIFY(waitIdle(c));
        QCOMPARE(c.stats().entries(), quint64(2 * Pairs)); // nothing deleted
        QVERIFY(c.cleanBuildCache());
        QVERIFY(cleaned.wait(20000));
        QCOMPARE(cleaned.last().first().value<GoCacheCleanResult>().filesRemoved,
                 quint64(2 * Pairs));
        QVERIFY(waitIdle(c));
        QCOMPARE(c.stats().entries(), quint64(0));
        QVERIFY(QFile::exists(m_cache + u"/README"_s));
        QVERIFY(QFile::exists(m_cache + u"/testexpire.txt"_s));
    }

    void missingCacheFails()
    {
        GoCacheController c;
        c.setGocache(m_dir->filePath(u"nope"_s));
        QSignalSpy failed(&c, &GoCacheController::statsFailed);
        QVERIFY(c.refresh());
        QVERIFY(failed.wait(20000));
        QCOMPARE(failed.first().first().value<Error>().code, Error::Code::NotFound);
        QVERIFY(!c.hasStats());
    }
};

QTEST_MAIN(TestGoCacheController)
#include "tst_gocachecontroller.moc"
