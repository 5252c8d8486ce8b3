// SPDX-License-Identifier: GPL-3.0-or-later
// DownloadController without widgets, against a loopback fixture proxy: a download lands in
// the cache and the report says downloaded; a refresh says identical and writes nothing; a
// failed setup ends the run with a message; a stop before the job starts fetches nothing.
#include <memory>

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "DownloadController.h"
#include "DownloadReportModel.h"
#include "helpers/PurgeFixture.h"
#include "proxytest/FileProxyServer.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;

namespace {

constexpr int kTimeoutMs = 60000;

DownloadOutcome outcomeOf(const DownloadController &c, const QString &id)
{
    const DownloadResult *r = c.report()->resultFor(id);
    return r ? r->outcome : DownloadOutcome::InProgress;
}

} // namespace

class TestDownloadController : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;
    std::unique_ptr<FileProxyServer> m_server;
    QString m_goenv;

    [[nodiscard]] static std::unique_ptr<ScratchDir> workDir()
    {
        return std::make_unique<ScratchDir>(u"tst_downloadcontroller-"_s
                                            + QString::fromLatin1(QTest::currentTestFunction()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_downloadcontroller"_s);
        QVERIFY(m_scratch->isValid());
        m_world = std::make_unique<World>(m_scratch->path());
        QStringList proxyOnly;
        for (const FixtureVersion &v : standardVersions())
            if (v.id() != u"example.com/ab@v1.0.0")
                proxyOnly << v.id();
        const QString error = m_world->build(standardVersions(), {GoTool::go123()}, proxyOnly);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_server = std::make_unique<FileProxyServer>(m_world->root() + u"/proxy"_s);
        QVERIFY(m_server->listening());
        // A go env file of our own, never the user's.
        m_goenv = m_scratch->filePath(u"goenv"_s);
        qputenv("GOENV", QFile::encodeName(m_goenv));
        qputenv("GOPROXY", "");
        qputenv("GOSUMDB", "off");
        qputenv("GOFLAGS", "");
        qputenv("GOMODCACHE", QFile::encodeName(m_scratch->filePath(u"unused-modcache"_s)));
        QVERIFY(writeFile(m_goenv, "GOPROXY=" + m_server->url().toUtf8() + '\n'));
    }
    void cleanupTestCase()
    {
        m_server.reset();
        m_world.reset();
        m_scratch.reset();
    }
    void init() { m_server->reset(); }

    void shouldDownloadIntoTheCacheAndReportDownloaded()
    {
        const auto work = workDir();
        const QString cache = work->filePath(u"cache"_s);
        DownloadController c;
        QStringList events;
        connect(&c, &DownloadController::runningChanged, this,
                [&](bool running) { events << (running ? u"running"_s : u"idle"_s); });
        connect(&c, &DownloadController::fetching, this,
                [&](const QString &goproxy) { events << u"fetching "_s + goproxy; });
        connect(&c, &DownloadController::finished, this, [&](bool stopped) {
            events << (stopped ? u"stopped"_s : u"finished"_s);
            QVERIFY(!c.isRunning());
        });
        QSignalSpy range(&c, &DownloadController::progressRangeChanged);
        DownloadController::Run run;
        run.versions
            = {{u"example.com/a"_s, u"v1.1.0"_s}, {u"github.com/Upper/Case"_s, u"v1.0.0"_s}};
        run.gomodcache = cache;
        QVERIFY(c.start(run));
        QVERIFY(c.isRunning());
        QVERIFY(!c.start(run)); // one run at a time
        QCOMPARE(c.report()->rowCount(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(!c.isRunning(), kTimeoutMs);
        QCOMPARE(events, (QStringList{u"running"_s, u"fetching "_s + m_server->url(), u"idle"_s,
                                      u"finished"_s}));
        QCOMPARE(range.count(), 1);
        QCOMPARE(range.first().at(1).toInt(), 2);
        QCOMPARE(toString(outcomeOf(c, u"example.com/a@v1.1.0"_s)),
                 toString(DownloadOutcome::Downloaded));
        QCOMPARE(toString(outcomeOf(c, u"github.com/Upper/Case@v1.0.0"_s)),
                 toString(DownloadOutcome::Downloaded));
        QCOMPARE(c.report()->count(DownloadOutcome::Downloaded), 2);
        QVERIFY(c.wroteCache());
        QVERIFY(piecesOf(cache, u"example.com/a@v1.1.0"_s).complete());
        QVERIFY(piecesOf(cache, u"github.com/Upper/Case@v1.0.0"_s).complete());

        // Again: already complete, nothing written.
        QVERIFY(c.start(run));
        QTRY_VERIFY_WITH_TIMEOUT(!c.isRunning(), kTimeoutMs);
        QCOMPARE(toString(outcomeOf(c, u"example.com/a@v1.1.0"_s)),
                 toString(DownloadOutcome::AlreadyPresent));
        QVERIFY(!c.wroteCache());
    }

    void shouldRefreshAndReportIdentical()
    {
        const auto work = workDir();
        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        const QStringList before = listing(cache);
        DownloadController c;
        QSignalSpy finished(&c, &DownloadController::finished);
        DownloadController::Run run;
        run.mode = DownloadJob::Mode::Refresh;
        run.versions = {{u"example.com/ab"_s, u"v1.0.0"_s}};
        run.gomodcache = cache;
        QVERIFY(c.start(run));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QCOMPARE(toString(outcomeOf(c, u"example.com/ab@v1.0.0"_s)),
                 toString(DownloadOutcome::Identical));
        QCOMPARE(c.report()->count(DownloadOutcome::Identical), 1);
        QVERIFY(!c.wroteCache());
        QCOMPARE(listing(cache), before);
        QVERIFY(m_server->requests().size() > 0); // it did ask the proxy
    }

    void shouldEndWithAMessageWhenTheSetupFails()
    {
        const auto work = workDir();
        DownloadController c;
        QSignalSpy failed(&c, &DownloadController::failed);
        QSignalSpy finished(&c, &DownloadController::finished);
        DownloadController::Run run;
        run.versions = {{u"example.com/a"_s, u"v1.1.0"_s}};
        run.gomodcache = work->filePath(u"cache"_s);
        run.caFile = work->filePath(u"no-such-ca.pem"_s);
        QVERIFY(c.start(run));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kTimeoutMs);
        QVERIFY(!c.isRunning());
        QVERIFY2(failed.first().at(0).toString().contains(u"CA file"_s),
                 qPrintable(failed.first().at(0).toString()));
        QCOMPARE(finished.count(), 0);
        QCOMPARE(m_server->requests().size(), 0);
    }

    void shouldFetchNothingWhenStoppedBeforeTheJob()
    {
        const auto work = workDir();
        const QString cache = work->filePath(u"cache"_s);
        DownloadController c;
        QSignalSpy finished(&c, &DownloadController::finished);
        QSignalSpy fetching(&c, &DownloadController::fetching);
        DownloadController::Run run;
        run.versions = {{u"example.com/a"_s, u"v1.1.0"_s}};
        run.gomodcache = cache;
        QVERIFY(c.start(run));
        c.cancel(); // the setup runs on the pool; its result comes through the event loop
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
        QCOMPARE(finished.first().at(0).toBool(), true);
        QCOMPARE(fetching.count(), 0);
        QVERIFY(!c.isRunning());
        QVERIFY(!c.wroteCache());
        QCOMPARE(m_server->requests().size(), 0);
        QVERIFY(!piecesOf(cache, u"example.com/a@v1.1.0"_s).zip);
    }
};

QTEST_GUILESS_MAIN(TestDownloadController)
#include "tst_downloadcontroller.moc"
