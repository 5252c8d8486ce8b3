// SPDX-License-Identifier: GPL-3.0-or-later
// VerifyController without widgets, over a cache the real go 1.23 wrote: a damaged version is
// reported modified, Repair fixes it (as GOFLAGS asks: --modcacherw leaves the tree writable),
// Stop ends a long verification at once, and busy lasts until the finished signal.
#include <sys/stat.h>

#include <memory>

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

#include "VerifyController.h"
#include "helpers/PurgeFixture.h"
#include "scan/CacheScanner.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;

namespace {

constexpr int timeoutMs = 60000;
const QString kA = u"example.com/a@v1.0.0"_s;

QList<FixtureVersion> fixtureVersions()
{
    QList<FixtureVersion> out;
    for (const FixtureVersion &v : standardVersions())
        if (v.id() == kA || v.id() == u"example.com/a@v1.1.0"_s
            || v.id() == u"example.com/ab@v1.0.0"_s || v.id() == u"github.com/Upper/Case@v1.0.0"_s)
            out.append(v);
    return out;
}

const VersionVerifyResult *find(const QList<VersionVerifyResult> &results, const QString &id)
{
    for (const VersionVerifyResult &r : results)
        if (r.id() == id)
            return &r;
    return nullptr;
}

} // namespace

class TestVerifyController : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;
    std::unique_ptr<ScratchDir> m_work;
    QString m_cache;
    QList<ModuleVersionRecord> m_versions;

    [[nodiscard]] ModuleVersionRecord record(const QString &id) const
    {
        for (const ModuleVersionRecord &r : m_versions)
            if (r.id() == id)
                return r;
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_verifycontroller"_s);
        qputenv("GOENV", "off");
        qputenv("GOFLAGS", "");
        qputenv("GOCACHE", QFile::encodeName(m_scratch->mkpath(u"gocache"_s)));
        qputenv("GOMODCACHE", QFile::encodeName(m_scratch->filePath(u"unused-modcache"_s)));
        m_world = std::make_unique<World>(m_scratch->path());
        const QString error = m_world->build(fixtureVersions(), {GoTool::go123()});
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void init()
    {
        m_work = std::make_unique<ScratchDir>(u"tst_verifycontroller-"_s
                                              + QString::fromLatin1(QTest::currentTestFunction()));
        m_cache = m_world->freshCache(GoTool::go123(), m_work->path());
        QVERIFY(!m_cache.isEmpty());
        // Damage one version: a stray file in its tree.
        const QString tree = treeOf(m_cache, kA);
        QVERIFY(::chmod(QFile::encodeName(tree).constData(), 0755) == 0);
        QVERIFY(writeFile(tree + u"/stray.txt"_s, "x"));
        m_versions = CacheScanner::run({m_cache}).versions;
        QCOMPARE(m_versions.size(), 4);
    }

    void cleanup() { m_work.reset(); }

    void cleanupTestCase()
    {
        m_world.reset();
        m_scratch.reset();
    }

    void shouldReportDamageAndRepairIt()
    {
        VerifyController c;
        QSignalSpy batches(&c, &VerifyController::resultsReady);
        QSignalSpy verified(&c, &VerifyController::verifyFinished);
        QVERIFY(c.verify(m_cache, m_versions));
        QVERIFY(c.isBusy());
        QVERIFY(!c.verify(m_cache, m_versions)); // one job at a time
        QTRY_COMPARE_WITH_TIMEOUT(verified.count(), 1, timeoutMs);
        QVERIFY(!c.isBusy());
        const auto results = verified.first().at(0).value<QList<VersionVerifyResult>>();
        QCOMPARE(verified.first().at(1).toBool(), false);
        QCOMPARE(results.size(), 4);
        QCOMPARE(c.verifyResults().size(), 4);
        qsizetype batched = 0;
        for (const QList<QVariant> &b : std::as_const(batches))
            batched += b.at(0).value<QList<VersionVerifyResult>>().size();
        QCOMPARE(batched, 4);
        const VersionVerifyResult *a = find(results, kA);
        QVERIFY(a);
        QVERIFY(!a->ok);
        QCOMPARE(int(a->status), int(VerifyStatus::Modified));
        QVERIFY2(a->problems.join(u'\n').contains(u"stray.txt"_s),
                 qPrintable(a->problems.join(u'\n')));
        for (const VersionVerifyResult &r : results)
            QVERIFY2(r.id() == kA || r.ok, qPrintable(r.id()));

        // Repair, with GOFLAGS read the one way: --modcacherw leaves the new tree writable.
        qputenv("GOFLAGS", "-mod=mod --modcacherw");
        VerifyController::RepairSettings settings;
        settings.env = GoEnvironment::current();
        qputenv("GOFLAGS", "");
        settings.lockTimeoutMs = 5000;
        QSignalSpy repaired(&c, &VerifyController::repaired);
        QSignalSpy repairDone(&c, &VerifyController::repairFinished);
        QVERIFY(c.repair(m_cache, {record(kA)}, settings));
        QVERIFY(c.isBusy());
        QVERIFY(c.isRepairing());
        QTRY_COMPARE_WITH_TIMEOUT(repairDone.count(), 1, timeoutMs);
        QVERIFY(!c.isBusy());
        QCOMPARE(repaired.count(), 1);
        const auto fixes = repairDone.first().at(0).value<QList<RepairResult>>();
        QCOMPARE(fixes.size(), 1);
        QCOMPARE(toString(fixes.first().outcome), toString(RepairOutcome::Reextracted));
        QCOMPARE(int(fixes.first().after), int(VerifyStatus::Verified));
        const VersionVerifyResult after = VerifyController::afterRepair(*a, fixes.first());
        QVERIFY(after.ok);
        QCOMPARE(int(after.status), int(VerifyStatus::Verified));
        QVERIFY(after.problems.isEmpty());
        // The disk is the judge.
        const QString tree = treeOf(m_cache, kA);
        QVERIFY(!QFile::exists(tree + u"/stray.txt"_s));
        struct stat st
        { };
        QVERIFY(::stat(QFile::encodeName(tree).constData(), &st) == 0);
        QVERIFY2(st.st_mode & S_IWUSR, "--modcacherw: the repaired tree stays writable");

        QVERIFY(c.verify(m_cache, m_versions));
        QTRY_COMPARE_WITH_TIMEOUT(verified.count(), 2, timeoutMs);
        for (const VersionVerifyResult &r : c.verifyResults())
            QVERIFY2(r.ok, qPrintable(r.id()));
    }

    void shouldRepairReadOnlyWithoutModcacherw()
    {
        VerifyController c;
        VerifyController::RepairSettings settings;
        qputenv("GOFLAGS", "-modcacherw -modcacherw=false");
        settings.env = GoEnvironment::current();
        qputenv("GOFLAGS", "");
        QSignalSpy done(&c, &VerifyController::repairFinished);
        QVERIFY(c.repair(m_cache, {record(kA)}, settings));
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, timeoutMs);
        QCOMPARE(toString(c.repairResults().value(0).outcome),
                 toString(RepairOutcome::Reextracted));
        struct stat st
        { };
        QVERIFY(::stat(QFile::encodeName(treeOf(m_cache, kA)).constData(), &st) == 0);
        QVERIFY2(!(st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)), "as go leaves it: read-only");
    }

    void shouldStopAtOnce()
    {
        // Many versions to check (the same four over and over): Stop ends well before.
        QList<ModuleVersionRecord> many;
        for (int i = 0; i < 2500; ++i)
            many += m_versions;
        VerifyController c;
        QSignalSpy done(&c, &VerifyController::verifyFinished);
        QVERIFY(c.verify(m_cache, many));
        QTRY_VERIFY_WITH_TIMEOUT(!c.verifyResults().isEmpty(), timeoutMs);
        QElapsedTimer clock;
        clock.start();
        c.stop();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, timeoutMs);
        QVERIFY2(clock.elapsed() < 3000, qPrintable(u"stopping took %1 ms"_s.arg(clock.elapsed())));
        QCOMPARE(done.first().at(1).toBool(), true);
        QVERIFY2(c.verifyResults().size() < many.size(),
                 qPrintable(QString::number(c.verifyResults().size())));
        QVERIFY(!c.isBusy());
        // And it can start again.
        QVERIFY(c.verify(m_cache, m_versions));
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, timeoutMs);
        QCOMPARE(done.last().at(1).toBool(), false);
        QCOMPARE(c.verifyResults().size(), 4);
    }

    void shouldStayBusyUntilFinishedWasEmitted()
    {
        VerifyController c;
        QStringList events;
        connect(&c, &VerifyController::busyChanged, this,
                [&](bool busy) { events << (busy ? u"busy"_s : u"idle"_s); });
        connect(&c, &VerifyController::verifyFinished, this, [&] {
            events << u"finished"_s;
            // Whoever hears finished may start again (the window enables its actions).
            QVERIFY(!c.isBusy());
        });
        QVERIFY(c.verify(m_cache, {record(kA)}));
        // The job ends on the pool long before this sleep is over; its finished signal waits
        // in the event queue, and until the handler ran the controller is busy.
        QThread::msleep(1500);
        QVERIFY(c.isBusy());
        QCOMPARE(events, QStringList{u"busy"_s});
        QTRY_COMPARE_WITH_TIMEOUT(events.size(), 3, timeoutMs);
        QCOMPARE(events, (QStringList{u"busy"_s, u"idle"_s, u"finished"_s}));
        QVERIFY(!c.isBusy());
    }
};

QTEST_GUILESS_MAIN(TestVerifyController)
#include "tst_verifycontroller.moc"
