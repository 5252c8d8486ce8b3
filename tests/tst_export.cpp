// SPDX-License-Identifier: GPL-3.0-or-later
// export, judged by the real go 1.19 and 1.23: a cache go wrote is exported as a static
// GOPROXY tree, and go downloads from that tree — as file:// and from a loopback web server —
// into an empty cache with the same sums; with --sumdb even with GOSUMDB on and the checksum
// database gone.
#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

#include "archive/Hash1.h"
#include "bundle/ProxyTree.h"
#include "helpers/PurgeFixture.h"
#include "proxytest/FileProxyServer.h"
#include "proxytest/SumDbTestServer.h"

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

const QStringList kIds = {u"example.com/a@v1.0.0"_s,
                          u"example.com/a@v1.10.0"_s,
                          u"example.com/a@v1.2.0"_s,
                          u"example.com/a@v1.3.0-RC1"_s,
                          u"github.com/Upper/Case@v1.0.0"_s,
                          u"example.com/legacy@v2.0.0+incompatible"_s,
                          u"example.com/pseudo@v0.0.0-20230102150405-abcdefabcdef"_s};

QString treeFile(const QString &dir, const QString &id, const QString &suffix)
{
    const qsizetype at = id.indexOf(u'@');
    return dir + u'/' + ProxyTree::versionFile(id.left(at), id.mid(at + 1), suffix).value();
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;

    [[nodiscard]] static std::unique_ptr<ScratchDir> workDir()
    {
        return std::make_unique<ScratchDir>(u"tst_export-"_s
                                            + QString::fromLatin1(QTest::currentTestFunction()));
    }
    [[nodiscard]] const World &world() const { return *m_world; }

    /// modkeeper-cli with the cache and go on PATH (for --root).
    [[nodiscard]] static QProcessEnvironment cli(const QString &home, const QString &cache,
                                                 const QString &go = GoTool::go123())
    {
        QProcessEnvironment env = cliEnv(home, cache);
        env.insert(u"PATH"_s, QFileInfo(go).path() + u":/usr/bin:/bin"_s);
        env.insert(u"GOSUMDB"_s, u"off"_s);
        env.insert(u"GOPROXY"_s, u"off"_s);
        env.insert(u"GOFLAGS"_s, u"-mod=mod"_s);
        return env;
    }

    /// go mod download of ids from proxy into an empty cache: every version with world's sums.
    void expectGoDownloads(const QString &go, const QProcessEnvironment &env,
                           const QStringList &ids)
    {
        const GoDownloadResult r = GoTool::downloadModules(go, env, ids);
        QVERIFY2(r.ok(), qPrintable(r.describe()));
        QCOMPARE(r.modules.size(), ids.size());
        for (const GoModuleInfo &m : r.modules) {
            QCOMPARE(m.sum, world().sums(m.id()).sum);
            QCOMPARE(m.goModSum, world().sums(m.id()).goModSum);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_export"_s);
        QVERIFY(m_scratch->isValid());
        m_world = std::make_unique<World>(m_scratch->path());
        const QString error = m_world->build(standardVersions(), goCommands());
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase()
    {
        m_world.reset();
        m_scratch.reset();
    }

    void shouldServeGoFromTheExportedTree_data() { addGoColumn(); }
    void shouldServeGoFromTheExportedTree()
    {
        QFETCH(QString, go);
        const auto work = workDir();
        const QString cache = world().freshCache(go, work->path());
        QVERIFY(!cache.isEmpty());
        const QString tree = work->filePath(u"tree"_s);
        const ProcessResult r = runCli({u"export"_s, u"--json"_s, u"--to"_s, tree, u"example.com/a"_s,
                                        u"github.com/Upper/Case,example.com/legacy,example.com/pseudo"_s},
                                       cli(world().home(), cache));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject doc = jsonObject(r.stdOut);
        QCOMPARE(doc.value(u"failed"_s).toInt(), 0);
        QStringList exported;
        for (const QJsonValue &v : doc.value(u"versions"_s).toArray())
            exported << v[u"path"_s].toString() + u'@' + v[u"version"_s].toString();
        // Every version of example.com/a in the cache (v1.1.0 and the beta too), and the others.
        for (const QString &id : kIds)
            QVERIFY2(exported.contains(id), qPrintable(exported.join(u' ')));
        QVERIFY(!exported.contains(u"example.com/ab@v1.0.0"_s));

        // The files are the cache's, byte for byte; @v/list sorted as go's cache sorts it.
        for (const QString &id : kIds)
            for (const QString &suffix : {u".info"_s, u".mod"_s, u".zip"_s})
                QVERIFY2(readFile(treeFile(tree, id, suffix)) == readFile(fileOf(cache, id, suffix)),
                         qPrintable(id + suffix));
        QCOMPARE(readFile(tree + u"/example.com/a/@v/list"_s),
                 QByteArray("v1.0.0\nv1.1.0\nv1.2.0-beta.1\nv1.2.0\nv1.3.0-RC1\nv1.10.0\n"));
        QCOMPARE(readFile(tree + u"/example.com/a/@latest"_s),
                 readFile(fileOf(cache, u"example.com/a@v1.10.0"_s, u".info"_s)));
        const QByteArray gosum = readFile(tree + u"/go.sum"_s);
        for (const QString &id : kIds) {
            const QByteArray pv = id.section(u'@', 0, 0).toUtf8() + ' ' + id.section(u'@', 1).toUtf8();
            const QByteArray zipLine = pv + ' ' + world().sums(id).sum.toUtf8() + '\n';
            const QByteArray modLine = pv + "/go.mod " + world().sums(id).goModSum.toUtf8() + '\n';
            QVERIFY2(gosum.contains(zipLine), gosum.constData());
            QVERIFY2(gosum.contains(modLine), gosum.constData());
        }

        // go from file://DIR into an empty cache: the same sums as from the original proxy.
        const QString fileUrl = QUrl::fromLocalFile(tree).toString();
        expectGoDownloads(go, goEnv(go, world().home(), work->filePath(u"viafile"_s), fileUrl), kIds);
        // And from the same tree behind a static web server.
        FileProxyServer server(tree);
        QVERIFY(server.listening());
        expectGoDownloads(go, goEnv(go, world().home(), work->filePath(u"viahttp"_s), server.url()),
                          kIds);
        // go's own latest query from the tree.
        const GoDownloadResult latest = GoTool::downloadModules(
            go, goEnv(go, world().home(), work->filePath(u"latest"_s), fileUrl),
            {u"example.com/a@latest"_s});
        QVERIFY2(latest.ok(), qPrintable(latest.describe()));
        QCOMPARE(latest.modules.first().version, u"v1.10.0"_s);
    }

    void shouldMergeIntoAnExistingTreeKeepingTheListSorted()
    {
        const QString go = GoTool::go123();
        const auto work = workDir();
        const QString cache = world().freshCache(go, work->path());
        const QString tree = work->filePath(u"tree"_s);
        const QProcessEnvironment env = cli(world().home(), cache);
        for (const QString &id : {u"example.com/a@v1.10.0"_s, u"example.com/a@v1.2.0"_s,
                                  u"example.com/a@v1.0.0"_s}) {
            const ProcessResult r = runCli({u"export"_s, u"--to"_s, tree, id}, env);
            QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        }
        QCOMPARE(readFile(tree + u"/example.com/a/@v/list"_s), QByteArray("v1.0.0\nv1.2.0\nv1.10.0\n"));
        const QHash<QString, QString> sums = ProxyTree::parseGoSum(readFile(tree + u"/go.sum"_s));
        QCOMPARE(sums.size(), 6);
        QCOMPARE(sums.value(u"example.com/a v1.2.0"_s), world().sums(u"example.com/a@v1.2.0"_s).sum);

        // Again: nothing changes, and it says so.
        const ProcessResult again
            = runCli({u"export"_s, u"--json"_s, u"--to"_s, tree, u"example.com/a@v1.2.0"_s}, env);
        QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
        QVERIFY(jsonObject(again.stdOut)[u"versions"_s][0][u"unchanged"_s].toBool());

        // A tree that holds another zip for a version keeps it, and the version fails.
        const QString zip = treeFile(tree, u"example.com/a@v1.0.0"_s, u".zip"_s);
        const QByteArray other = readFile(treeFile(tree, u"example.com/a@v1.2.0"_s, u".zip"_s));
        QFile::setPermissions(zip, QFile::ReadOwner | QFile::WriteOwner);
        QVERIFY(writeFile(zip, other));
        QFile::remove(tree + u"/go.sum"_s);
        const ProcessResult conflict
            = runCli({u"export"_s, u"--json"_s, u"--to"_s, tree, u"example.com/a@v1.0.0"_s}, env);
        QCOMPARE(conflict.exitCode, 1);
        QVERIFY2(jsonObject(conflict.stdOut)[u"versions"_s][0][u"error"_s].toString().contains(
                     u"another zip"_s),
                 conflict.stdOut.constData());
        QCOMPARE(readFile(zip), other);
    }

    void shouldRefuseATargetInsideTheCache()
    {
        const QString go = GoTool::go123();
        const auto work = workDir();
        const QString cache = world().freshCache(go, work->path());
        const QStringList before = listing(cache);
        const ProcessResult r = runCli({u"export"_s, u"--to"_s, cache + u"/cache/download/x"_s,
                                        u"example.com/a"_s},
                                       cli(world().home(), cache));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.stdErr.contains("inside the module cache"), qPrintable(r.describe()));
        QCOMPARE(listing(cache), before);
        const ProcessResult holder
            = runCli({u"export"_s, u"--to"_s, work->path(), u"example.com/a"_s},
                     cli(world().home(), cache));
        QCOMPARE(holder.exitCode, 1);
        QCOMPARE(listing(cache), before);
    }

    void shouldExportWhatAProjectNeeds()
    {
        const QString go = GoTool::go123();
        const auto work = workDir();
        const QString cache = world().freshCache(go, work->path());
        const QStringList needed = {u"example.com/a@v1.2.0"_s, u"github.com/Upper/Case@v1.0.0"_s};
        const QString sample = world().writeSampleModule(work->mkpath(u"sample"_s), needed);
        QVERIFY(!sample.isEmpty());
        const QString tree = work->filePath(u"tree"_s);
        const ProcessResult r = runCli({u"export"_s, u"--json"_s, u"--to"_s, tree, u"--root"_s, sample},
                                       cli(world().home(), cache, go));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QStringList exported;
        for (const QJsonValue &v : jsonObject(r.stdOut)[u"versions"_s].toArray())
            exported << v[u"path"_s].toString() + u'@' + v[u"version"_s].toString();
        exported.sort();
        QStringList expected = needed;
        expected.sort();
        QCOMPARE(exported, expected);
        // Listing what it needs never edits the project, even with go.sum lines missing.
        QVERIFY(writeFile(sample + u"/go.sum"_s, {}));
        const QByteArray gomod = readFile(sample + u"/go.mod"_s);
        const ProcessResult again = runCli({u"export"_s, u"--json"_s, u"--to"_s,
                                            work->filePath(u"tree2"_s), u"--root"_s, sample},
                                           cli(world().home(), cache, go));
        QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
        QCOMPARE(readFile(sample + u"/go.sum"_s), QByteArray());
        QCOMPARE(readFile(sample + u"/go.mod"_s), gomod);
        QVERIFY(writeFile(sample + u"/go.sum"_s, readFile(tree + u"/go.sum"_s)));

        // The project builds from the tree alone, in an empty cache.
        const ProcessResult build = GoTool::run(
            go, {u"build"_s, u"./..."_s},
            goEnv(go, world().home(), work->filePath(u"empty"_s), QUrl::fromLocalFile(tree).toString()),
            sample, 300000);
        QVERIFY2(build.succeeded(), qPrintable(build.describe()));
    }

    void shouldLetGoVerifyOfflineWithTheExportedChecksumDatabase_data() { addGoColumn(); }
    void shouldLetGoVerifyOfflineWithTheExportedChecksumDatabase()
    {
        QFETCH(QString, go);
        const auto work = workDir();
        // A proxy that also serves a checksum database for its modules, as a proxy may.
        const QString name = u"sumdb.example.test"_s;
        const QString proxyRoot = work->mkpath(u"proxy"_s);
        FixtureProxy proxy(proxyRoot);
        SumDbTestServer db(SumDbTestServer::fixtureSigner(name));
        const QStringList ids = {u"example.com/s@v1.0.0"_s, u"example.com/s@v1.1.0"_s,
                                 u"github.com/Upper/Sum@v0.1.0"_s};
        for (const QString &id : ids) {
            const QString path = id.section(u'@', 0, 0);
            const QString version = id.section(u'@', 1);
            QVERIFY(proxy.addModule(path, version, smallModuleFiles(path, version)));
            const QString zipHash = Hash1::hashZip(treeFile(proxyRoot, id, u".zip"_s)).value();
            const QString modHash = Hash1::hashGoMod(readFile(treeFile(proxyRoot, id, u".mod"_s)));
            db.addModule(path, version, zipHash, modHash);
        }
        const QString dbRoot = proxyRoot + u"/sumdb/"_s + name;
        for (const auto &[path, body] : db.routes())
            QVERIFY(writeFile(dbRoot + QString::fromUtf8(path), body));
        QVERIFY(writeFile(dbRoot + u"/supported"_s, {}));

        // go fills a cache from that proxy, checking everything against the database.
        const QString home = work->filePath(u"home"_s);
        const QString cache = work->filePath(u"cache"_s);
        QProcessEnvironment env = goEnv(go, home, cache, proxy.url());
        env.insert(u"GOSUMDB"_s, db.verifierKey());
        GoDownloadResult filled = GoTool::downloadModules(go, env, ids);
        QVERIFY2(filled.ok(), qPrintable(filled.describe()));

        QProcessEnvironment cliEnvironment = cli(home, cache);
        cliEnvironment.insert(u"GOSUMDB"_s, db.verifierKey());
        cliEnvironment.insert(u"GOPATH"_s, env.value(u"GOPATH"_s));
        const QString withDb = work->filePath(u"with-sumdb"_s);
        const QString withoutDb = work->filePath(u"without-sumdb"_s);
        ProcessResult r = runCli({u"export"_s, u"--json"_s, u"--sumdb"_s, u"--to"_s, withDb,
                                  u"example.com/s,github.com/Upper/Sum"_s},
                                 cliEnvironment);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(jsonObject(r.stdOut)[u"sumdbFiles"_s].toInt() > ids.size());
        QVERIFY2(jsonObject(r.stdOut)[u"notes"_s].toArray().isEmpty(), r.stdOut.constData());
        r = runCli({u"export"_s, u"--to"_s, withoutDb, u"example.com/s,github.com/Upper/Sum"_s},
                   cliEnvironment);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));

        // The database is gone; GOSUMDB stays on; a fresh GOPATH and cache, only the tree.
        QVERIFY(QDir(proxyRoot + u"/sumdb"_s).removeRecursively());
        auto offline = [&](const QString &tree, const QString &dir) {
            QProcessEnvironment e = goEnv(go, work->filePath(dir + u"-home"_s),
                                          work->filePath(dir + u"-cache"_s),
                                          QUrl::fromLocalFile(tree).toString());
            e.insert(u"GOSUMDB"_s, db.verifierKey());
            return e;
        };
        const GoDownloadResult ok = GoTool::downloadModules(go, offline(withDb, u"a"_s), ids);
        QVERIFY2(ok.ok(), qPrintable(ok.describe()));
        for (const GoModuleInfo &m : ok.modules) {
            const GoModuleInfo *orig = nullptr;
            for (const GoModuleInfo &f : filled.modules)
                if (f.id() == m.id())
                    orig = &f;
            QVERIFY(orig);
            QCOMPARE(m.sum, orig->sum);
            QCOMPARE(m.goModSum, orig->goModSum);
        }
        // The same tree behind a static web server, database included.
        FileProxyServer server(withDb);
        QVERIFY(server.listening());
        QProcessEnvironment viaHttp = offline(withDb, u"c"_s);
        viaHttp.insert(u"GOPROXY"_s, server.url());
        const GoDownloadResult http = GoTool::downloadModules(go, viaHttp, ids);
        QVERIFY2(http.ok(), qPrintable(http.describe()));
        QVERIFY(server.requests().contains(QByteArray("sumdb/") + name.toUtf8() + "/supported"));
        // Without the database in the tree go cannot verify them: the check is real.
        const GoDownloadResult refused = GoTool::downloadModules(go, offline(withoutDb, u"b"_s), ids);
        QVERIFY2(!refused.ok(), qPrintable(refused.describe()));
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
