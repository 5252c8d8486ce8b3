// SPDX-License-Identifier: GPL-3.0-or-later
// Reading the cache never changes "last used": every file's and directory's atime is set far
// in the past (older than its mtime, so relatime moves it on any read), each command runs
// through the real modkeeper-cli, and no atime may move but those of files it wrote.
#include <functional>

#include <QStandardPaths>
#include <QTest>

#include "helpers/AtimeSnapshot.h"
#include "helpers/PurgeFixture.h"
#include "proxytest/FileProxyServer.h"
#include "proxytest/LoopbackServerThread.h"
#include "proxytest/SumDbTestServer.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;
using namespace mk::test::atime;

namespace {

QString relOf(const QString &cache, const QString &abs)
{
    return abs.mid(cache.size() + 1);
}

} // namespace

class TestNoAtime : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;
    std::unique_ptr<FileProxyServer> m_server;

    [[nodiscard]] static std::unique_ptr<ScratchDir> workDir()
    {
        return std::make_unique<ScratchDir>(u"tst_noatime-"_s
                                            + QString::fromLatin1(QTest::currentTestFunction()));
    }
    [[nodiscard]] QProcessEnvironment env(const QString &home, const QString &cache) const
    {
        QProcessEnvironment e = cliEnv(home, cache);
        e.insert(u"GOPROXY"_s, m_server->url());
        e.insert(u"GOSUMDB"_s, u"off"_s);
        return e;
    }
    // A fresh go-written cache with every atime in 2020.
    [[nodiscard]] QString agedCache(const ScratchDir &work) const
    {
        const QString cache = m_world->freshCache(GoTool::go123(), work.path());
        if (cache.isEmpty() || !ageAll(cache))
            return {};
        return cache;
    }
    // Runs the CLI and returns the atimes that moved (allowed ones left out).
    [[nodiscard]] QStringList runAndCompare(const QStringList &args, const QProcessEnvironment &e,
                                            const QString &cache, int expectedExit,
                                            const std::function<bool(const QString &)> &allowed
                                            = {},
                                            ProcessResult *result = nullptr) const
    {
        const Atimes before = snapshot(cache);
        if (before.size() < 20)
            return {u"the cache has not been written (%1 entries)"_s.arg(before.size())};
        const ProcessResult r = runCli(args, e);
        if (result)
            *result = r;
        if (r.exitCode != expectedExit)
            return {u"unexpected exit: "_s + r.describe()};
        return moved(before, snapshot(cache), allowed);
    }
    [[nodiscard]] static QString report(const QStringList &args, const QStringList &movedPaths)
    {
        return u"`modkeeper-cli %1` moved the atime of %2 path(s): %3"_s.arg(args.join(u' '))
            .arg(movedPaths.size())
            .arg(movedPaths.mid(0, 100).join(u", "_s));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_noatime"_s);
        QVERIFY(m_scratch->isValid());
        // On a noatime mount nothing could fail: refuse to pass vacuously.
        QVERIFY2(
            FileTimes::readsUpdateOldAtimes(m_scratch->path()),
            qPrintable(
                u"reading a file on the filesystem of %1 does not update its old atime (noatime "
                u"mount?): "
                "this test cannot detect atime changes there; run it on a relatime or strictatime "
                "filesystem (e.g. TMPDIR=/some/relatime/dir)"_s.arg(m_scratch->path())));
        m_world = std::make_unique<World>(m_scratch->path());
        const QString error = m_world->build(standardVersions(), {GoTool::go123()});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_server = std::make_unique<FileProxyServer>(m_world->root() + u"/proxy"_s);
        QVERIFY(m_server->listening());
    }
    void cleanupTestCase()
    {
        m_server.reset();
        m_world.reset();
        m_scratch.reset();
    }
    void init() { m_server->reset(); }

    // The harness itself: a plain read of an aged cache file does move its atime.
    void shouldSeeAPlainReadMoveAnAtime()
    {
        const auto work = workDir();
        const QString cache = agedCache(*work);
        QVERIFY(!cache.isEmpty());
        const QString id = u"example.com/ab@v1.0.0"_s;
        const QString mod = fileOf(cache, id, u".mod"_s);
        const Atimes before = snapshot(cache);
        QVERIFY(!readFile(mod).isEmpty());
        const QStringList m = moved(before, snapshot(cache));
        QCOMPARE(m.size(), 1);
        QVERIFY2(m.first().startsWith(relOf(cache, mod)), qPrintable(m.first()));
    }

    void shouldNotMoveAtimesWhenScanning()
    {
        const auto work = workDir();
        const QString cache = agedCache(*work);
        QVERIFY(!cache.isEmpty());
        const QStringList args{u"scan"_s, u"--json"_s, u"--modcache"_s, cache};
        const QStringList m = runAndCompare(args, env(work->path(), cache), cache, 0);
        QVERIFY2(m.isEmpty(), qPrintable(report(args, m)));
    }

    void shouldNotMoveAtimesWhenVerifying()
    {
        const auto work = workDir();
        const QString cache = agedCache(*work);
        QVERIFY(!cache.isEmpty());
        const QStringList args{u"verify"_s, u"--modcache"_s, cache};
        const QStringList m = runAndCompare(args, env(work->path(), cache), cache, 0);
        QVERIFY2(m.isEmpty(), qPrintable(report(args, m)));
    }

    // The checksum database's local cache (lookups and tiles under cache/download/sumdb, the
    // signed tree head under $GOPATH/pkg/sumdb) is read without moving atimes either.
    void shouldNotMoveAtimesWhenVerifyingAgainstTheChecksumDatabase()
    {
        const auto work = workDir();
        const QString cache = agedCache(*work);
        QVERIFY(!cache.isEmpty());
        const QStringList ids{u"example.com/ab@v1.0.0"_s, u"b.example.com/y@v1.0.0"_s};
        SumDbTestServer db(SumDbTestServer::fixtureSigner());
        for (const QString &id : ids)
            db.addModule(id.section(u'@', 0, 0), id.section(u'@', 1), m_world->sums(id).sum,
                         m_world->sums(id).goModSum);
        LoopbackServerThread server(QHostAddress::LocalHost, std::nullopt);
        QVERIFY(server.listening());
        db.serveOn(server.operator->());
        QProcessEnvironment e = env(work->path(), cache);
        e.insert(u"GOSUMDB"_s, db.verifierKey() + u' ' + server.base());
        const QStringList args
            = QStringList{u"verify"_s, u"--sumdb"_s, u"--modcache"_s, cache} + ids;
        // The first run fills the local checksum database cache; the second one reads it.
        const ProcessResult first = runCli(args, e);
        QVERIFY2(first.succeeded(), qPrintable(first.describe()));
        QVERIFY(exists(
            cache + u"/cache/download/sumdb/sumdb.example.test/lookup/example.com/ab@v1.0.0"_s));
        const QString gopathSumdb = work->path() + u"/go/pkg/sumdb"_s;
        QVERIFY(ageAll(cache));
        QVERIFY(!exists(gopathSumdb) || ageAll(gopathSumdb));
        const Atimes sumdbBefore = snapshot(gopathSumdb);
        const QStringList m = runAndCompare(args, e, cache, 0);
        QVERIFY2(m.isEmpty(), qPrintable(report(args, m)));
        const QStringList ms = moved(sumdbBefore, snapshot(gopathSumdb));
        QVERIFY2(ms.isEmpty(), qPrintable(u"$GOPATH/pkg/sumdb: "_s + ms.join(u", "_s)));
    }

    void shouldNotMoveAtimesWhenRepairingAHealthyVersion()
    {
        const auto work = workDir();
        const QString cache = agedCache(*work);
        QVERIFY(!cache.isEmpty());
        const QStringList args{u"repair"_s, u"--modcache"_s, cache, u"example.com/ab@v1.0.0"_s};
        const QStringList m = runAndCompare(args, env(work->path(), cache), cache, 0);
        QVERIFY2(m.isEmpty(), qPrintable(report(args, m)));
    }

    void shouldOnlyTouchTheRepairedTree()
    {
        const auto work = workDir();
        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        const QString id = u"example.com/ab@v1.0.0"_s;
        const QString tree = treeOf(cache, id);
        const QString victim = tree + u"/README.md"_s;
        QVERIFY(::chmod(QFile::encodeName(victim).constData(), 0644) == 0);
        QVERIFY(writeFile(victim, "tampered\n"));
        QVERIFY(ageAll(cache));
        const QString treeRel = relOf(cache, tree);
        const QString trash = CacheScanner::trashDirName();
        const auto allowed = [&](const QString &rel) {
            // The new tree, and what moved into the trash (the reaper may list it).
            return rel == treeRel || rel.startsWith(treeRel + u'/') || rel == trash
                   || rel.startsWith(trash + u'/');
        };
        const QStringList args{u"repair"_s, u"--modcache"_s, cache, id};
        ProcessResult r;
        const QStringList m = runAndCompare(args, env(work->path(), cache), cache, 0, allowed, &r);
        QVERIFY2(m.isEmpty(), qPrintable(report(args, m)));
        QCOMPARE(readFile(victim).left(3), QByteArray("# e"));
    }

    void shouldNotMoveAtimesWhenARefreshFails()
    {
        const auto work = workDir();
        const QString cache = agedCache(*work);
        QVERIFY(!cache.isEmpty());
        m_server->setFault("", {404, "not found\n"});
        const QStringList args{u"refresh"_s, u"--json"_s, u"example.com/ab@v1.0.0"_s,
                               u"b.example.com/y@v1.0.0"_s};
        const QStringList m = runAndCompare(args, env(work->path(), cache), cache, 1);
        QVERIFY2(m.isEmpty(), qPrintable(report(args, m)));
    }

    void shouldNotMoveAtimesWhenARefreshFindsTheSameVersion()
    {
        const auto work = workDir();
        const QString cache = agedCache(*work);
        QVERIFY(!cache.isEmpty());
        const QStringList args{u"refresh"_s, u"--json"_s, u"example.com/ab@v1.0.0"_s,
                               u"b.example.com/y@v1.0.0"_s};
        ProcessResult r;
        const QStringList m = runAndCompare(args, env(work->path(), cache), cache, 0, {}, &r);
        QVERIFY2(m.isEmpty(), qPrintable(report(args, m)));
        QVERIFY2(QString::fromUtf8(r.stdOut).contains(u"identical"_s), qPrintable(r.describe()));
    }

    void shouldNotMoveAtimesWhenDownloadingACachedVersion()
    {
        const auto work = workDir();
        const QString cache = agedCache(*work);
        QVERIFY(!cache.isEmpty());
        const QStringList args{u"download"_s, u"--json"_s, u"example.com/ab@v1.0.0"_s};
        const QStringList m = runAndCompare(args, env(work->path(), cache), cache, 0);
        QVERIFY2(m.isEmpty(), qPrintable(report(args, m)));
    }

    void shouldOnlyTouchWhatALightPurgeAndRestoreWrite()
    {
        const auto work = workDir();
        const QString cache = agedCache(*work);
        QVERIFY(!cache.isEmpty());
        const QString id = u"example.com/ab@v1.0.0"_s;
        const QString treeRel = relOf(cache, treeOf(cache, id));
        const QString trash = CacheScanner::trashDirName();
        const auto allowed = [&](const QString &rel) {
            return rel == treeRel || rel.startsWith(treeRel + u'/') || rel == trash
                   || rel.startsWith(trash + u'/');
        };
        const QStringList purge{u"purge"_s, u"--light"_s, u"--wait"_s, id};
        const QStringList purged
            = runAndCompare(purge, env(work->path(), cache), cache, 0, allowed);
        QVERIFY2(purged.isEmpty(), qPrintable(report(purge, purged)));
        QVERIFY2(piecesOf(cache, id).archiveOnly(), qPrintable(piecesOf(cache, id).describe()));

        QVERIFY(ageAll(cache));
        const QStringList restore{u"restore"_s, id};
        const QStringList restored
            = runAndCompare(restore, env(work->path(), cache), cache, 0, allowed);
        QVERIFY2(restored.isEmpty(), qPrintable(report(restore, restored)));
        QVERIFY2(piecesOf(cache, id).complete(), qPrintable(piecesOf(cache, id).describe()));
    }
};

QTEST_GUILESS_MAIN(TestNoAtime)
#include "tst_noatime.moc"
