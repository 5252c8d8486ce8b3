// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI reads the cache without changing "last used": loading the window's model (the scan,
// the GOCACHE measurement) and Verify Whole Cache leave every atime of an aged cache alone.
#include <memory>

#include <QAction>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "CacheModel.h"
#include "MainWindow.h"
#include "helpers/AtimeSnapshot.h"
#include "helpers/PurgeFixture.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;
using namespace mk::test::atime;

class TestGuiNoAtime : public QObject
{
    Q_OBJECT

    static constexpr int timeoutMs = 60000;
    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_gui_noatime"_s);
        QVERIFY(m_scratch->isValid());
        QVERIFY2(
            FileTimes::readsUpdateOldAtimes(m_scratch->path()),
            qPrintable(u"reading a file on the filesystem of %1 does not update its old atime "
                       u"(noatime mount?): "
                       "this test cannot detect atime changes there"_s.arg(m_scratch->path())));
        qputenv("GOENV", "off");
        qputenv("GOFLAGS", "");
        qputenv("GOCACHE", QFile::encodeName(m_scratch->mkpath(u"gocache"_s)));
        qputenv("GOMODCACHE", QFile::encodeName(m_scratch->filePath(u"unused-modcache"_s)));
        m_world = std::make_unique<World>(m_scratch->path());
        const QString error = m_world->build(standardVersions(), {GoTool::go123()});
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase()
    {
        m_world.reset();
        m_scratch.reset();
    }

    void shouldLoadAndVerifyWithoutMovingAtimes()
    {
        ScratchDir work(u"tst_gui_noatime-load"_s);
        const QString cache = m_world->freshCache(GoTool::go123(), work.path());
        QVERIFY(!cache.isEmpty());
        QVERIFY(ageAll(cache));
        const Atimes before = snapshot(cache);
        QVERIFY(before.size() > 20);

        MainWindow window(MainWindow::StartMode::Idle);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy scanned(&window, &MainWindow::scanFinished);
        window.scanCache(cache);
        QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, timeoutMs);
        QCOMPARE(window.model()->versionCount(), quint64(m_world->versions().size()));
        QStringList m = moved(before, snapshot(cache));
        QVERIFY2(m.isEmpty(), qPrintable(u"loading the cache moved: "_s + m.join(u", "_s)));

        auto *verifyAll = window.findChild<QAction *>(u"verifyAllAction"_s);
        QVERIFY(verifyAll);
        QSignalSpy verified(&window, &MainWindow::verifyFinished);
        verifyAll->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(verified.count(), 1, timeoutMs);
        m = moved(before, snapshot(cache));
        QVERIFY2(m.isEmpty(), qPrintable(u"Verify Whole Cache moved: "_s + m.join(u", "_s)));
    }
};

QTEST_MAIN(TestGuiNoAtime)
#include "tst_gui_noatime.moc"
