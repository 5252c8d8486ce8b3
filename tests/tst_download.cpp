// SPDX-License-Identifier: GPL-3.0-or-later
// The native downloader, judged by the real go 1.19 and 1.23: what it writes must be what go
// writes from the same proxy, byte for byte, and go must use it offline.
#include <csignal>

#include <sys/types.h>

#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

#include "proxytest/FileProxyServer.h"
#include "archivetest/RawZipWriter.h"
#include "download/DownloadJob.h"
#include "helpers/PurgeFixture.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;

namespace {

void addGoColumn()
{
    QTest::addColumn<QString>("go");
    for (const QString &go : goCommands())
        QTest::newRow(qPrintable(GoTool::label(go))) << go;
}

QList<DownloadRequest> requestsFor(const QStringList &ids)
{
    QList<DownloadRequest> out;
    for (const QString &id : ids)
        out.append({id.section(u'@', 0, 0), id.section(u'@', 1)});
    return out;
}

QString describe(const QList<DownloadResult> &results)
{
    QStringList lines;
    for (const DownloadResult &r : results)
        lines << r.id() + u' ' + toString(r.outcome) + u' ' + r.proxy + u' ' + r.error.toString();
    return lines.join(u'\n');
}

/// Everything below the cache but go's .lock files and our trash, as `find` lists it.
QStringList cacheListing(const QString &gomodcache)
{
    QStringList out;
    for (const QString &line : listing(gomodcache))
        if (!line.contains(u".lock "_s) && !line.startsWith(u".modkeeper-trash"_s))
            out << line;
    return out;
}

/// Files in the cache that go would count as leftovers of a broken download.
QStringList leftovers(const QString &gomodcache)
{
    QStringList out;
    for (const QString &line : listing(gomodcache)) {
        const QString name = line.section(u' ', 0, 0);
        if (name.endsWith(u".tmp"_s) || name.endsWith(u".partial"_s))
            out << name;
    }
    return out;
}

const QStringList kIds = {u"example.com/a@v1.0.0"_s,
                          u"example.com/a@v1.10.0"_s,
                          u"example.com/a@v1.3.0-RC1"_s,
                          u"github.com/Upper/Case@v1.0.0"_s,
                          u"example.com/legacy@v2.0.0+incompatible"_s,
                          u"example.com/pseudo@v0.0.0-20230102150405-abcdefabcdef"_s,
                          u"example.com/a/v2@v2.0.0"_s};

} // namespace

class TestDownload : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;
    std::unique_ptr<FileProxyServer> m_server;

    [[nodiscard]] static std::unique_ptr<ScratchDir> workDir()
    {
        return std::make_unique<ScratchDir>(u"tst_download-"_s
                                            + QString::fromLatin1(QTest::currentTestFunction()));
    }
    [[nodiscard]] const World &world() const { return *m_world; }
    [[nodiscard]] QString proxyRoot() const { return world().root() + u"/proxy"_s; }

    [[nodiscard]] DownloadOptions options(const QString &gomodcache, const QString &goproxy) const
    {
        DownloadOptions o;
        o.gomodcache = gomodcache;
        o.goproxy = goproxy;
        o.jobs = 4;
        o.lockTimeoutMs = 20000;
        o.idleTimeoutMs = 5000;
        o.retries = 0;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_download"_s);
        QVERIFY(m_scratch->isValid());
        m_world = std::make_unique<World>(m_scratch->path());
        QList<FixtureVersion> versions = standardVersions();
        versions.append(concurrencyVersion());
        // The newest version retracts itself and the v1.1.x line: go's latest is v1.0.0.
        for (const QString &v : {u"v1.0.0"_s, u"v1.1.0"_s, u"v1.2.0"_s}) {
            FixtureProxy::Files files = smallModuleFiles(u"example.com/retracted"_s, v);
            if (v == u"v1.2.0")
                files.insert(u"go.mod"_s, "module example.com/retracted\n\ngo 1.16\n\nretract "
                                          "(\n\tv1.2.0 // published by mistake\n"
                                          "\t[v1.1.0, v1.1.9] // a bad line\n)\n");
            versions.append({u"example.com/retracted"_s, v, files});
        }
        // Everything stays on the proxy: the template caches hold one version, for the sums.
        QStringList proxyOnly;
        for (const FixtureVersion &v : versions)
            if (v.id() != u"example.com/ab@v1.0.0")
                proxyOnly << v.id();
        const QString error = m_world->build(versions, goCommands(), proxyOnly);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_server = std::make_unique<FileProxyServer>(proxyRoot());
        QVERIFY(m_server->listening());
    }

    void cleanupTestCase()
    {
        m_server.reset();
        m_world.reset();
        m_scratch.reset();
    }

    void init() { m_server->reset(); }

    // -----------------------------------------------------------------------------------
    // Same bytes as go, accepted by go offline

    void shouldWriteTheCacheExactlyAsGoDoes_data() { addGoColumn(); }
    void shouldWriteTheCacheExactlyAsGoDoes()
    {
        QFETCH(QString, go);
        const auto work = workDir();
        const QString ours = work->filePath(u"ours"_s);
        const QString theirs = work->filePath(u"theirs"_s);
        QStringList ids = kIds;
        ids << u"example.com/busy@v1.0.0"_s;

        const QList<DownloadResult> results
            = DownloadJob::run(options(ours, m_server->url()), requestsFor(ids));
        QCOMPARE(results.size(), ids.size());
        for (const DownloadResult &r : results) {
            QVERIFY2(r.outcome == DownloadOutcome::Downloaded, qPrintable(describe(results)));
            QCOMPARE(r.sum, world().sums(r.id()).sum);
            QCOMPARE(r.goModSum, world().sums(r.id()).goModSum);
            QCOMPARE(r.proxy, m_server->url());
        }
        QVERIFY2(leftovers(ours).isEmpty(), qPrintable(leftovers(ours).join(u'\n')));

        // go from the same server into another cache: the same files, modes and sizes.
        const GoDownloadResult go1
            = GoTool::downloadModules(go, goEnv(go, world().home(), theirs, m_server->url()), ids);
        QVERIFY2(go1.ok(), qPrintable(go1.describe()));
        QCOMPARE(cacheListing(ours), cacheListing(theirs));
        for (const QString &id : ids) {
            for (const QString &suffix : {u".info"_s, u".mod"_s, u".zip"_s, u".ziphash"_s})
                QVERIFY2(readFile(fileOf(ours, id, suffix)) == readFile(fileOf(theirs, id, suffix)),
                         qPrintable(id + suffix));
            const QString list = listOf(ours, id.section(u'@', 0, 0));
            QCOMPARE(readFile(list), readFile(listOf(theirs, id.section(u'@', 0, 0))));
        }

        // go offline on our cache: every version is there with go's own sums.
        const GoDownloadResult offline
            = GoTool::downloadModules(go, goEnv(go, world().home(), ours, u"off"_s), ids);
        QVERIFY2(offline.ok(), qPrintable(offline.describe()));
        for (const GoModuleInfo &m : offline.modules) {
            QCOMPARE(m.sum, world().sums(m.id()).sum);
            QCOMPARE(m.dir, treeOf(ours, m.id()));
        }
        // And a program that imports them builds offline.
        QStringList buildable = ids;
        buildable.removeAll(u"example.com/legacy@v2.0.0+incompatible"_s);
        buildable.removeAll(u"example.com/a@v1.3.0-RC1"_s);
        buildable.removeAll(u"example.com/a@v1.10.0"_s);
        const QString sample = world().writeSampleModule(work->mkpath(u"sample"_s), buildable);
        QVERIFY(!sample.isEmpty());
        const ProcessResult build
            = GoTool::run(go, {u"build"_s, u"./..."_s}, goEnv(go, world().home(), ours, u"off"_s),
                          sample, 300000);
        QVERIFY2(build.succeeded(), qPrintable(build.describe()));
    }

    void shouldLeaveCompleteVersionsAloneAndCompleteAPartialOne()
    {
        const auto work = workDir();
        const QString cache = world().freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        const QString id = u"example.com/ab@v1.0.0"_s;
        const QStringList before = listing(cache);
        QList<DownloadResult> r
            = DownloadJob::run(options(cache, m_server->url()), requestsFor({id}));
        QCOMPARE(r.size(), 1);
        QVERIFY2(r.first().outcome == DownloadOutcome::AlreadyPresent, qPrintable(describe(r)));
        QCOMPARE(listing(cache), before);
        QCOMPARE(m_server->requests().size(), 0);

        // The tree is lost (a light clean): go's fast path re-extracts from the kept zip, offline.
        const ProcessResult light
            = runCli({u"purge"_s, u"--light"_s, u"--wait"_s, u"--modcache"_s, cache, id},
                     cliEnv(world().home()));
        QVERIFY2(light.succeeded(), qPrintable(light.describe()));
        r = DownloadJob::run(options(cache, u"off"_s), requestsFor({id}));
        QVERIFY2(r.first().outcome == DownloadOutcome::Downloaded, qPrintable(describe(r)));
        QCOMPARE(r.first().proxy, u"cache"_s);
        QCOMPARE(cacheListing(cache), [&] {
            QStringList l;
            for (const QString &line : before)
                if (!line.contains(u".lock "_s) && !line.startsWith(u".modkeeper-trash"_s))
                    l << line;
            return l;
        }());
    }

    void shouldResolveLatestExactlyAsGo_data() { addGoColumn(); }
    void shouldResolveLatestExactlyAsGo()
    {
        QFETCH(QString, go);
        const auto work = workDir();
        const QString cache = work->filePath(u"cache"_s);
        // a: v1.10.0 beats v1.3.0-RC1 and v1.2.0 (semver, not text order); legacy: its v1.0.0
        // has a go.mod, so go ignores v2.0.0+incompatible; Upper: escaped path; retracted: its
        // newest go.mod retracts itself and v1.1.x.
        const QStringList paths{u"example.com/a"_s, u"example.com/legacy"_s,
                                u"github.com/Upper/Case"_s, u"example.com/retracted"_s};
        QList<DownloadRequest> requests;
        for (const QString &p : paths)
            requests.append({p, u"latest"_s});
        const QList<DownloadResult> results
            = DownloadJob::run(options(cache, m_server->url()), requests);
        QCOMPARE(results.size(), paths.size());
        for (int i = 0; i < paths.size(); ++i) {
            const DownloadResult &r = results.at(i);
            const GoDownloadResult theirs = GoTool::listModule(
                go,
                goEnv(go, world().home(), work->filePath(u"go-"_s + QString::number(i)),
                      m_server->url()),
                paths.at(i) + u"@latest"_s);
            QVERIFY2(theirs.ok() && theirs.modules.size() == 1, qPrintable(theirs.describe()));
            QVERIFY2(r.outcome == DownloadOutcome::Downloaded, qPrintable(describe(results)));
            QCOMPARE(r.query, u"latest"_s);
            QCOMPARE(r.requestId(), paths.at(i) + u"@latest"_s);
            QCOMPARE(r.version, theirs.modules.first().version);
            QCOMPARE(r.sum, world().sums(r.id()).sum);
            QVERIFY(piecesOf(cache, r.id()).complete());
        }
        QCOMPARE(results.last().version, u"v1.0.0"_s);
        // A module the proxy does not know: go's not-found, named.
        const QList<DownloadResult> missing = DownloadJob::run(
            options(cache, m_server->url()), {{u"example.com/nothing"_s, u"latest"_s}});
        QVERIFY2(missing.first().outcome == DownloadOutcome::Failed, qPrintable(describe(missing)));
        QVERIFY2(missing.first().error.toString().contains(u"example.com/nothing@latest"_s),
                 qPrintable(describe(missing)));
    }

    // -----------------------------------------------------------------------------------
    // GOPROXY fall-through, as go does it

    void shouldFallThroughExactlyAsGo_data()
    {
        QTest::addColumn<int>("badCode"); // 0: connection refused, -1: timeout
        QTest::addColumn<QString>("separator");
        QTest::addColumn<bool>("succeeds");
        QTest::newRow("404 ,") << 404 << u","_s << true;
        QTest::newRow("410 ,") << 410 << u","_s << true;
        QTest::newRow("500 ,") << 500 << u","_s << false;
        QTest::newRow("500 |") << 500 << u"|"_s << true;
        QTest::newRow("403 ,") << 403 << u","_s << false;
        QTest::newRow("refused ,") << 0 << u","_s << false;
        QTest::newRow("refused |") << 0 << u"|"_s << true;
        QTest::newRow("timeout ,") << -1 << u","_s << false;
        QTest::newRow("timeout |") << -1 << u"|"_s << true;
    }
    void shouldFallThroughExactlyAsGo()
    {
        QFETCH(int, badCode);
        QFETCH(QString, separator);
        QFETCH(bool, succeeds);
        const auto work = workDir();
        const QString cache = work->filePath(u"cache"_s);
        FileProxyServer bad(work->mkpath(u"empty"_s));
        QVERIFY(bad.listening());
        QString badUrl = bad.url();
        if (badCode > 0) {
            bad.setFault("", {badCode, "no such thing here\n"});
        } else if (badCode == -1) {
            bad.setFault("", {0, {}, 3000});
        } else {
            QTcpServer closed; // a port nobody listens on any more
            QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
            badUrl = u"http://127.0.0.1:%1"_s.arg(closed.serverPort());
            closed.close();
        }
        DownloadOptions o = options(cache, badUrl + separator + m_server->url());
        o.idleTimeoutMs = 1000;
        const QString id = u"example.com/a@v1.1.0"_s;
        const QList<DownloadResult> r = DownloadJob::run(o, requestsFor({id}));
        QCOMPARE(r.size(), 1);
        if (succeeds) {
            QVERIFY2(r.first().outcome == DownloadOutcome::Downloaded, qPrintable(describe(r)));
            QCOMPARE(r.first().proxy, m_server->url());
            QCOMPARE(r.first().sum, world().sums(id).sum);
            QVERIFY(piecesOf(cache, id).complete());
        } else {
            QVERIFY2(r.first().outcome == DownloadOutcome::Failed, qPrintable(describe(r)));
            QVERIFY2(r.first().error.toString().contains(id),
                     qPrintable(r.first().error.toString()));
            if (badCode > 0)
                QVERIFY2(r.first().error.toString().contains(QString::number(badCode)),
                         qPrintable(r.first().error.toString()));
            QCOMPARE(m_server->requestCount(".info"), 0); // never reached the good proxy
            QVERIFY(!piecesOf(cache, id).tree && !piecesOf(cache, id).zip);
            QVERIFY(leftovers(cache).isEmpty());
        }
    }

    void shouldCapTheRequestsInFlightToOneHost_data()
    {
        QTest::addColumn<int>("maxPerHost");
        QTest::newRow("2 per host") << 2;
        QTest::newRow("4 per host") << 4;
    }
    void shouldCapTheRequestsInFlightToOneHost()
    {
        QFETCH(int, maxPerHost);
        const auto work = workDir();
        const QString cache = work->filePath(u"cache"_s);
        m_server->setFault("example.com/", {0, {}, 300}); // every answer takes a while
        DownloadOptions o = options(cache, m_server->url());
        o.jobs = 8;
        o.maxPerHost = maxPerHost;
        const QStringList ids{u"example.com/a@v1.0.0"_s,
                              u"example.com/a@v1.1.0"_s,
                              u"example.com/a@v1.2.0"_s,
                              u"example.com/a@v1.10.0"_s,
                              u"example.com/ab@v1.0.0"_s,
                              u"example.com/a/sub@v1.0.0"_s,
                              u"example.com/legacy@v1.0.0"_s,
                              u"example.com/pseudo@v0.0.0-20230102150405-abcdefabcdef"_s};
        const QList<DownloadResult> r = DownloadJob::run(o, requestsFor(ids));
        for (const DownloadResult &d : r)
            QVERIFY2(d.outcome == DownloadOutcome::Downloaded, qPrintable(describe(r)));
        QCOMPARE(m_server->maxConcurrent(), maxPerHost); // reached, never passed
    }

    void shouldStopAtOffAndNameIt()
    {
        const auto work = workDir();
        const QString cache = work->filePath(u"cache"_s);
        FileProxyServer empty(work->mkpath(u"empty"_s));
        const QList<DownloadResult> r
            = DownloadJob::run(options(cache, empty.url() + u",off,"_s + m_server->url()),
                               requestsFor({u"example.com/a@v1.1.0"_s}));
        QVERIFY2(r.first().outcome == DownloadOutcome::Failed, qPrintable(describe(r)));
        QVERIFY2(r.first().error.message.contains(u"module lookup disabled by GOPROXY=off"_s),
                 qPrintable(describe(r)));
        QCOMPARE(m_server->requests().size(), 0);
    }

    void shouldSendGoNoProxyPathsToTheGoCommandNotToTheProxy()
    {
        const auto work = workDir();
        const QString cache = work->filePath(u"cache"_s);
        DownloadOptions o = options(cache, m_server->url());
        o.gonoproxy = u"*.example.com"_s;
        o.goBinary = GoTool::go123();
        o.goEnvironment.insert(u"GOENV"_s, u"off"_s);
        o.goEnvironment.insert(u"GOSUMDB"_s, u"off"_s);
        o.goEnvironment.insert(u"GOTOOLCHAIN"_s, u"local"_s);
        o.goEnvironment.insert(u"GIT_TERMINAL_PROMPT"_s, u"0"_s);
        o.goEnvironment.insert(u"GOVCS"_s, u"*:off"_s); // no network: go must refuse, not hang
        const QList<DownloadResult> r = DownloadJob::run(
            o, requestsFor({u"a.example.com/x@v1.0.0"_s, u"example.com/ab@v1.0.0"_s}));
        QCOMPARE(r.size(), 2);
        QCOMPARE(r.at(0).proxy, u"direct"_s);
        QVERIFY2(r.at(0).outcome == DownloadOutcome::Failed, qPrintable(describe(r)));
        QVERIFY2(r.at(0).error.toString().contains(u"a.example.com/x"_s), qPrintable(describe(r)));
        QVERIFY2(r.at(1).outcome == DownloadOutcome::Downloaded, qPrintable(describe(r)));
        for (const QByteArray &path : m_server->requests())
            QVERIFY2(!path.startsWith("a.example.com"), path.constData());

        // Without a go command there is a clear error, not a silent skip.
        o.goBinary = work->filePath(u"no-such-go"_s);
        const QList<DownloadResult> r2
            = DownloadJob::run(o, requestsFor({u"a.example.com/x@v1.0.0"_s}));
        QVERIFY2(r2.first().outcome == DownloadOutcome::Failed, qPrintable(describe(r2)));
    }

    // -----------------------------------------------------------------------------------
    // Checks: go.sum, the cache's own record, hostile zips

    void shouldRefuseAZipThatDoesNotMatchGoSum()
    {
        const auto work = workDir();
        const QString cache = work->filePath(u"cache"_s);
        DownloadOptions o = options(cache, m_server->url());
        const QString id = u"example.com/a@v1.2.0"_s;
        o.knownSums.insert(u"example.com/a v1.2.0"_s, world().sums(u"example.com/a@v1.1.0"_s).sum);
        const QList<DownloadResult> r = DownloadJob::run(o, requestsFor({id}));
        QVERIFY2(r.first().outcome == DownloadOutcome::Failed, qPrintable(describe(r)));
        QCOMPARE(r.first().error.code, Error::Code::Security);
        QVERIFY(r.first().error.message.contains(u"SECURITY ERROR"_s));
        const Pieces p = piecesOf(cache, id);
        QVERIFY2(!p.tree && !p.zip && !p.ziphash && !p.partial, qPrintable(p.describe()));
        QVERIFY(leftovers(cache).isEmpty());
    }

    void shouldRejectHostileZipsAndLeaveNothing_data()
    {
        QTest::addColumn<QByteArray>("zip");
        QTest::addColumn<QString>("expected");
        const QByteArray p = "example.com/a@v1.2.0/";
        QTest::newRow("outside the prefix") << RawZipWriter()
                                                   .file(p + "go.mod", "module example.com/a\n")
                                                   .file("example.com/b@v1.2.0/x.go", "package b\n")
                                                   .bytes()
                                            << u"does not have prefix"_s;
        QTest::newRow("dot dot") << RawZipWriter()
                                        .file(p + "go.mod", "module example.com/a\n")
                                        .file(p + "../x.go", "package b\n")
                                        .bytes()
                                 << u"x.go"_s;
        QTest::newRow("case-fold collision") << RawZipWriter()
                                                    .file(p + "go.mod", "module example.com/a\n")
                                                    .file(p + "a.go", "package a\n")
                                                    .file(p + "A.go", "package a\n")
                                                    .bytes()
                                             << u"case-insensitive file name collision"_s;
        QTest::newRow("symlink") << RawZipWriter()
                                        .file(p + "go.mod", "module example.com/a\n")
                                        .add({p + "link", "/etc/passwd",
                                              RawZipWriter::Method::Store, std::nullopt, 3,
                                              0120777})
                                        .bytes()
                                 << u"link"_s;
        QTest::newRow("lying size")
            << RawZipWriter()
                   .file(p + "go.mod", "module example.com/a\n")
                   .add({p + "big.go", QByteArray(5000, 'x'), RawZipWriter::Method::Deflate,
                         quint64(10), 3, 0100644})
                   .bytes()
            << u"big.go"_s;
        QTest::newRow("not a zip") << QByteArray("<html>a captive portal</html>\n") << u"zip"_s;
    }
    void shouldRejectHostileZipsAndLeaveNothing()
    {
        QFETCH(QByteArray, zip);
        QFETCH(QString, expected);
        const auto work = workDir();
        const QString cache = work->filePath(u"cache"_s);
        m_server->setFault("example.com/a/@v/v1.2.0.zip", {0, zip});
        const QString id = u"example.com/a@v1.2.0"_s;
        const QList<DownloadResult> r
            = DownloadJob::run(options(cache, m_server->url()), requestsFor({id}));
        QVERIFY2(r.first().outcome == DownloadOutcome::Failed, qPrintable(describe(r)));
        QVERIFY2(r.first().error.toString().contains(expected), qPrintable(describe(r)));
        const Pieces pieces = piecesOf(cache, id);
        QVERIFY2(!pieces.tree && !pieces.zip && !pieces.ziphash && !pieces.partial,
                 qPrintable(pieces.describe()));
        QVERIFY2(leftovers(cache).isEmpty(), qPrintable(leftovers(cache).join(u' ')));
        // Nothing of the zip reached the disk outside the cache's own directories either.
        QVERIFY(!exists(cache + u"/example.com/a@v1.2.0"_s));
    }

    // -----------------------------------------------------------------------------------
    // Refresh

    void shouldReportIdenticalWhenAMirrorServesTheSameBytes()
    {
        const auto work = workDir();
        const QString cache = world().freshCache(GoTool::go119(), work->path());
        QVERIFY(!cache.isEmpty());
        const QString id = u"example.com/ab@v1.0.0"_s;
        const QStringList before = listing(cache);
        const QList<DownloadResult> r = DownloadJob::run(
            options(cache, m_server->url()), requestsFor({id}), DownloadJob::Mode::Refresh);
        QVERIFY2(r.first().outcome == DownloadOutcome::Identical, qPrintable(describe(r)));
        QVERIFY(r.first().ok());
        QCOMPARE(m_server->requestCount(".zip"), 1);
        QCOMPARE(listing(cache), before);
    }

    void shouldAlertAndKeepTheCacheWhenAMirrorServesOtherBytes()
    {
        const auto work = workDir();
        const QString cache = world().freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        const QString id = u"example.com/ab@v1.0.0"_s;
        // A mirror that rebuilt the zip with one file changed.
        const QByteArray p = "example.com/ab@v1.0.0/";
        const QByteArray other = RawZipWriter()
                                     .file(p + "go.mod", FixtureProxy::goMod(u"example.com/ab"_s))
                                     .file(p + "pab.go", "package pab\n\nconst V = \"evil\"\n")
                                     .bytes();
        m_server->setFault("example.com/ab/@v/v1.0.0.zip", {0, other});
        const QStringList before = listing(cache);
        const QByteArray zipBefore = readFile(fileOf(cache, id, u".zip"_s));
        const QList<DownloadResult> r = DownloadJob::run(
            options(cache, m_server->url()), requestsFor({id}), DownloadJob::Mode::Refresh);
        QVERIFY2(r.first().outcome == DownloadOutcome::Changed, qPrintable(describe(r)));
        QVERIFY(!r.first().ok());
        QCOMPARE(r.first().error.code, Error::Code::Security);
        QVERIFY(r.first().error.message.contains(world().sums(id).sum));
        QCOMPARE(listing(cache), before);
        QCOMPARE(readFile(fileOf(cache, id, u".zip"_s)), zipBefore);
        // go still accepts the kept copy offline.
        const GoDownloadResult offline = GoTool::downloadModules(
            GoTool::go123(), goEnv(GoTool::go123(), world().home(), cache, u"off"_s), {id});
        QVERIFY2(offline.ok(), qPrintable(offline.describe()));
        QCOMPARE(offline.modules.first().sum, world().sums(id).sum);
    }

    void shouldReplaceADamagedZipWithAVerifiedDownload()
    {
        const auto work = workDir();
        const QString cache = world().freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        const QString id = u"example.com/ab@v1.0.0"_s;
        const QString zip = fileOf(cache, id, u".zip"_s);
        QVERIFY(QFile::setPermissions(zip, QFile::ReadOwner | QFile::WriteOwner));
        QVERIFY(writeFile(zip, "garbage"));
        const QList<DownloadResult> r = DownloadJob::run(
            options(cache, m_server->url()), requestsFor({id}), DownloadJob::Mode::Replace);
        QVERIFY2(r.first().outcome == DownloadOutcome::Downloaded, qPrintable(describe(r)));
        QCOMPARE(readFile(zip), readFile(proxyRoot() + u"/example.com/ab/@v/v1.0.0.zip"_s));
        QVERIFY(piecesOf(cache, id).complete());
        const ProcessResult verify
            = GoTool::run(GoTool::go123(), {u"mod"_s, u"verify"_s},
                          goEnv(GoTool::go123(), world().home(), cache, u"off"_s),
                          world().writeSampleModule(work->mkpath(u"sample"_s), {id}), 300000);
        QVERIFY2(verify.succeeded(), qPrintable(verify.describe()));
    }

    // -----------------------------------------------------------------------------------
    // Crashes and cancellation

    void shouldRecoverAfterAKillInTheMiddleOfADownload()
    {
        const auto work = workDir();
        const QString cache = work->filePath(u"cache"_s);
        const QString id = u"example.com/busy@v1.0.0"_s;
        m_server->setFault("example.com/busy/@v/v1.0.0.zip",
                           {0, {}, 60000, false, 1}); // hangs once
        QProcess cli;
        QProcessEnvironment env = cliEnv(world().home(), cache);
        env.insert(u"GOPROXY"_s, m_server->url());
        env.insert(u"GOSUMDB"_s, u"off"_s);
        cli.setProcessEnvironment(env);
        cli.start(cliPath(), {u"download"_s, id});
        QVERIFY(cli.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount(".zip") == 1, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!leftovers(cache).isEmpty(), 5000); // the temp zip exists
        ::kill(pid_t(cli.processId()), SIGKILL);
        QVERIFY(cli.waitForFinished(10000));

        // go copes (it removes the stale temp file under the lock) ...
        const QString goCache = work->filePath(u"go-copy"_s);
        QVERIFY(copyTree(cache, goCache));
        const GoDownloadResult go = GoTool::downloadModules(
            GoTool::go123(), goEnv(GoTool::go123(), world().home(), goCache, m_server->url()),
            {id});
        QVERIFY2(go.ok(), qPrintable(go.describe()));
        QVERIFY(leftovers(goCache).isEmpty());
        // ... and so do we.
        const QList<DownloadResult> r
            = DownloadJob::run(options(cache, m_server->url()), requestsFor({id}));
        QVERIFY2(r.first().outcome == DownloadOutcome::Downloaded, qPrintable(describe(r)));
        QCOMPARE(r.first().sum, world().sums(id).sum);
        QVERIFY2(leftovers(cache).isEmpty(), qPrintable(leftovers(cache).join(u' ')));
    }

    void shouldCancelWithoutLeavingHalfFiles()
    {
        const auto work = workDir();
        const QString cache = work->filePath(u"cache"_s);
        m_server->setFault("example.com/busy/@v/v1.0.0.zip", {0, {}, 60000});
        QFuture<DownloadResult> f = DownloadJob::start(options(cache, m_server->url()),
                                                       requestsFor({u"example.com/busy@v1.0.0"_s}));
        QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount(".zip") == 1, 20000);
        f.cancel();
        QElapsedTimer t;
        t.start();
        f.waitForFinished();
        QVERIFY2(t.elapsed() < 5000, "cancel must not wait for the server");
        QVERIFY2(leftovers(cache).isEmpty(), qPrintable(leftovers(cache).join(u' ')));
        QVERIFY(!piecesOf(cache, u"example.com/busy@v1.0.0"_s).tree);
    }
};

QTEST_GUILESS_MAIN(TestDownload)
#include "tst_download.moc"
