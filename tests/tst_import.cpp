// SPDX-License-Identifier: GPL-3.0-or-later
// import: a static GOPROXY tree goes into the cache through the downloader's checks. A good
// tree gives the cache go itself writes (and go mod verify agrees); a hostile one — every zip
// attack of the download tests, a wrong .mod, a wrong hash — leaves the cache byte-identical.
#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

#include "archive/Hash1.h"
#include "archivetest/RawZipWriter.h"
#include "archivetest/TreeSnapshot.h"
#include "bundle/ProxyTree.h"
#include "helpers/PurgeFixture.h"
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

const QStringList kIds = {u"example.com/a@v1.0.0"_s, u"example.com/a@v1.2.0"_s,
                          u"example.com/a@v1.3.0-RC1"_s, u"github.com/Upper/Case@v1.0.0"_s,
                          u"example.com/legacy@v2.0.0+incompatible"_s,
                          u"example.com/pseudo@v0.0.0-20230102150405-abcdefabcdef"_s};

QString treeFile(const QString &dir, const QString &id, const QString &suffix)
{
    const qsizetype at = id.indexOf(u'@');
    return dir + u'/' + ProxyTree::versionFile(id.left(at), id.mid(at + 1), suffix).value();
}

QString snapshotDiff(const QMap<QString, TreeSnapshot::Node> &a,
                     const QMap<QString, TreeSnapshot::Node> &b)
{
    QStringList out;
    for (auto it = b.cbegin(); it != b.cend(); ++it)
        if (!a.contains(it.key()) || a.value(it.key()) != it.value())
            out << u"+ "_s + it.key();
    for (auto it = a.cbegin(); it != a.cend(); ++it)
        if (!b.contains(it.key()))
            out << u"- "_s + it.key();
    return out.join(u'\n');
}

} // namespace

class TestImport : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;

    [[nodiscard]] static std::unique_ptr<ScratchDir> workDir()
    {
        return std::make_unique<ScratchDir>(u"tst_import-"_s
                                            + QString::fromLatin1(QTest::currentTestFunction()));
    }
    [[nodiscard]] const World &world() const { return *m_world; }

    [[nodiscard]] static QProcessEnvironment cli(const QString &home, const QString &cache)
    {
        QProcessEnvironment env = cliEnv(home, cache);
        env.insert(u"GOSUMDB"_s, u"off"_s);
        env.insert(u"GOPROXY"_s, u"off"_s);
        env.insert(u"TMPDIR"_s, home);
        return env;
    }

    /// A tree holding example.com/hostile@v1.0.0 as published, with its go.sum lines.
    static QString hostileTree(const QString &dir)
    {
        FixtureProxy proxy(dir);
        const QString path = u"example.com/hostile"_s;
        if (!proxy.addModule(path, u"v1.0.0"_s, smallModuleFiles(path, u"v1.0.0"_s)))
            return {};
        const QString id = path + u"@v1.0.0"_s;
        const QString zipHash = Hash1::hashZip(treeFile(dir, id, u".zip"_s)).value();
        const QString modHash = Hash1::hashGoMod(readFile(treeFile(dir, id, u".mod"_s)));
        writeFile(dir + u"/go.sum"_s, "example.com/hostile v1.0.0 " + zipHash.toUtf8()
                                          + "\nexample.com/hostile v1.0.0/go.mod "
                                          + modHash.toUtf8() + '\n');
        return dir;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_import"_s);
        QVERIFY(m_scratch->isValid());
        m_world = std::make_unique<World>(m_scratch->path());
        QList<FixtureVersion> versions;
        for (const FixtureVersion &v : standardVersions())
            if (kIds.contains(v.id()))
                versions.append(v);
        const QString error = m_world->build(versions, goCommands());
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase()
    {
        m_world.reset();
        m_scratch.reset();
    }

    void shouldImportATreeAsGoWouldHaveDownloadedIt_data() { addGoColumn(); }
    void shouldImportATreeAsGoWouldHaveDownloadedIt()
    {
        QFETCH(QString, go);
        const auto work = workDir();
        const QString source = world().templateCache(go);
        const QString tree = work->filePath(u"tree"_s);
        const QString home = work->mkpath(u"home"_s);
        ProcessResult r = runCli({u"export"_s, u"--to"_s, tree, u"example.com/a,github.com/Upper/Case,"
                                                          u"example.com/legacy,example.com/pseudo"_s},
                                 cli(home, source));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));

        const QString cache = work->filePath(u"cache"_s);
        QVERIFY(QDir().mkpath(cache + u"/cache/download"_s));
        r = runCli({u"import"_s, u"--json"_s, tree}, cli(home, cache));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe() + QString::fromUtf8(r.stdOut)));
        const QJsonObject doc = jsonObject(r.stdOut);
        QCOMPARE(doc[u"versions"_s].toArray().size(), kIds.size());
        for (const QJsonValue &v : doc[u"versions"_s].toArray())
            QCOMPARE(v[u"outcome"_s].toString(), u"downloaded"_s);

        // What go wrote from the original proxy, byte for byte and mode for mode.
        for (const QString &id : kIds) {
            for (const QString &suffix : {u".info"_s, u".mod"_s, u".zip"_s, u".ziphash"_s})
                QVERIFY2(readFile(fileOf(cache, id, suffix)) == readFile(fileOf(source, id, suffix)),
                         qPrintable(id + suffix));
            QCOMPARE(TreeSnapshot::take(treeOf(cache, id)), TreeSnapshot::take(treeOf(source, id)));
            QCOMPARE(readFile(listOf(cache, id.section(u'@', 0, 0))),
                     readFile(listOf(source, id.section(u'@', 0, 0))));
        }
        // go mod verify agrees, offline.
        const QStringList buildable = {u"example.com/a@v1.2.0"_s, u"github.com/Upper/Case@v1.0.0"_s,
                                       u"example.com/pseudo@v0.0.0-20230102150405-abcdefabcdef"_s};
        const QString sample = world().writeSampleModule(work->mkpath(u"sample"_s), buildable);
        QVERIFY(!sample.isEmpty());
        const ProcessResult verify = GoTool::run(go, {u"mod"_s, u"verify"_s},
                                                 goEnv(go, world().home(), cache, u"off"_s), sample);
        QVERIFY2(verify.succeeded(), qPrintable(verify.describe()));
        QVERIFY2(verify.stdOut.contains("all modules verified"), verify.stdOut.constData());
        // The scratch cache of the checking pass is gone.
        QVERIFY2(QDir(home).entryList({u"modkeeper-import-*"_s}, QDir::AllEntries).isEmpty(),
                 qPrintable(QDir(home).entryList().join(u' ')));
    }

    void shouldLeaveTheCacheUntouchedByAHostileTree_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<QByteArray>("zip");
        QTest::addColumn<QString>("expected");
        const QByteArray p = "example.com/hostile@v1.0.0/";
        const QByteArray mod = "module example.com/hostile\n";
        QTest::newRow("zip outside the prefix")
            << u"zip"_s
            << RawZipWriter().file(p + "go.mod", mod).file("example.com/b@v1.0.0/x.go", "package b\n").bytes()
            << u"does not have prefix"_s;
        QTest::newRow("zip dot dot")
            << u"zip"_s << RawZipWriter().file(p + "go.mod", mod).file(p + "../x.go", "package b\n").bytes()
            << u"x.go"_s;
        QTest::newRow("zip case-fold collision")
            << u"zip"_s
            << RawZipWriter().file(p + "go.mod", mod).file(p + "a.go", "package a\n").file(p + "A.go", "package a\n").bytes()
            << u"case-insensitive file name collision"_s;
        QTest::newRow("zip symlink")
            << u"zip"_s
            << RawZipWriter()
                   .file(p + "go.mod", mod)
                   .add({p + "link", "/etc/passwd", RawZipWriter::Method::Store, std::nullopt, 3, 0120777})
                   .bytes()
            << u"link"_s;
        QTest::newRow("zip lying size")
            << u"zip"_s
            << RawZipWriter()
                   .file(p + "go.mod", mod)
                   .add({p + "big.go", QByteArray(5000, 'x'), RawZipWriter::Method::Deflate, quint64(10), 3, 0100644})
                   .bytes()
            << u"big.go"_s;
        QTest::newRow("not a zip") << u"zip"_s << QByteArray("<html>a captive portal</html>\n") << u"zip"_s;
        QTest::newRow("wrong .mod") << u"mod"_s << QByteArray() << u"SECURITY ERROR"_s;
        QTest::newRow("wrong hash in go.sum") << u"sum"_s << QByteArray() << u"SECURITY ERROR"_s;
    }
    void shouldLeaveTheCacheUntouchedByAHostileTree()
    {
        QFETCH(QString, attack);
        QFETCH(QByteArray, zip);
        QFETCH(QString, expected);
        const auto work = workDir();
        const QString home = work->mkpath(u"home"_s);
        const QString tree = hostileTree(work->mkpath(u"tree"_s));
        QVERIFY(!tree.isEmpty());
        const QString id = u"example.com/hostile@v1.0.0"_s;
        if (attack == u"zip") {
            QVERIFY(writeFile(treeFile(tree, id, u".zip"_s), zip));
        } else if (attack == u"mod") {
            QVERIFY(writeFile(treeFile(tree, id, u".mod"_s), "module example.com/hostile\n\ngo 1.16\n\nrequire example.com/evil v1.0.0\n"));
        } else {
            QVERIFY(writeFile(tree + u"/go.sum"_s, "example.com/hostile v1.0.0 " + world().sums(kIds.first()).sum.toUtf8() + '\n'));
        }
        const QString cache = world().freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        const auto before = TreeSnapshot::take(cache);

        const ProcessResult r = runCli({u"import"_s, u"--json"_s, tree}, cli(home, cache));
        QCOMPARE(r.exitCode, 1);
        const QJsonObject doc = jsonObject(r.stdOut);
        QCOMPARE(doc[u"failed"_s].toInt(), 1);
        const QJsonObject v = doc[u"versions"_s][0].toObject();
        QCOMPARE(v[u"path"_s].toString(), u"example.com/hostile"_s);
        QCOMPARE(v[u"ok"_s].toBool(), false);
        QVERIFY2(v[u"error"_s].toString().contains(expected), r.stdOut.constData());

        const auto after = TreeSnapshot::take(cache);
        QVERIFY2(before == after, qPrintable(snapshotDiff(before, after)));
        QVERIFY(QDir(home).entryList({u"modkeeper-import-*"_s}, QDir::AllEntries).isEmpty());
    }

    void shouldImportABundleFileLikeItsTree()
    {
        const QString go = GoTool::go123();
        const auto work = workDir();
        const QString home = work->mkpath(u"home"_s);
        const QString source = world().templateCache(go);
        const QString bundle = work->filePath(u"modules.zip"_s);
        ProcessResult r = runCli({u"export"_s, u"--to"_s, bundle, u"example.com/a,github.com/Upper/Case"_s},
                                 cli(home, source));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(QFileInfo(bundle).isFile());
        // Nothing but the bundle was left beside it.
        QCOMPARE(QDir(work->path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 (QStringList{u"home"_s, u"modules.zip"_s}));
        // A second export never overwrites a bundle.
        r = runCli({u"export"_s, u"--to"_s, bundle, u"example.com/a"_s}, cli(home, source));
        QCOMPARE(r.exitCode, 1);

        const QString cache = work->filePath(u"cache"_s);
        r = runCli({u"import"_s, u"--json"_s, bundle}, cli(home, cache));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe() + QString::fromUtf8(r.stdOut)));
        for (const QString &id : {u"example.com/a@v1.2.0"_s, u"github.com/Upper/Case@v1.0.0"_s}) {
            for (const QString &suffix : {u".info"_s, u".mod"_s, u".zip"_s, u".ziphash"_s})
                QVERIFY2(readFile(fileOf(cache, id, suffix)) == readFile(fileOf(source, id, suffix)),
                         qPrintable(id + suffix));
        }
        QVERIFY(QDir(home).entryList({u"modkeeper-import-*"_s}, QDir::AllEntries).isEmpty());
    }

    void shouldRefuseAHostileBundleFile_data()
    {
        QTest::addColumn<QByteArray>("bundle");
        QTest::addColumn<QString>("expected");
        const QByteArray list = "v1.0.0\n";
        QTest::newRow("dot dot") << RawZipWriter().file("../escape/@v/list", list).bytes()
                                 << u"not a plain relative file name"_s;
        QTest::newRow("absolute") << RawZipWriter().file("/tmp/x/@v/list", list).bytes()
                                  << u"not a plain relative file name"_s;
        QTest::newRow("symlink")
            << RawZipWriter()
                   .add({"example.com/x/@v/list", "/etc/passwd", RawZipWriter::Method::Store,
                         std::nullopt, 3, 0120777})
                   .bytes()
            << u"not a regular file"_s;
        QTest::newRow("lying size")
            << RawZipWriter()
                   .add({"example.com/x/@v/v1.0.0.mod", QByteArray(5000, 'x'),
                         RawZipWriter::Method::Deflate, quint64(10), 3, 0100644})
                   .bytes()
            << u"v1.0.0.mod"_s;
        QTest::newRow("not a zip") << QByteArray("<html>a captive portal</html>\n") << u"zip"_s;
    }
    void shouldRefuseAHostileBundleFile()
    {
        QFETCH(QByteArray, bundle);
        QFETCH(QString, expected);
        const auto work = workDir();
        const QString home = work->mkpath(u"home"_s);
        const QString file = work->filePath(u"hostile.zip"_s);
        QVERIFY(writeFile(file, bundle));
        const QString cache = world().freshCache(GoTool::go123(), work->path());
        const auto before = TreeSnapshot::take(cache);
        const auto workBefore = listing(work->path());
        const ProcessResult r = runCli({u"import"_s, u"--json"_s, file}, cli(home, cache));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(jsonObject(r.stdOut)[u"error"_s].toString().contains(expected), r.stdOut.constData());
        const auto after = TreeSnapshot::take(cache);
        QVERIFY2(before == after, qPrintable(snapshotDiff(before, after)));
        QCOMPARE(listing(work->path()), workBefore);
        QVERIFY(!exists(work->filePath(u"escape"_s)) && !exists(u"/tmp/x/@v/list"_s));
    }

    void shouldHoldATreeToTheChecksumDatabaseNotOnlyToItsOwnGoSum()
    {
        const QString go = GoTool::go123();
        const auto work = workDir();
        // A proxy with a checksum database; go fills a cache from it, checking everything.
        const QString name = u"sumdb.example.test"_s;
        const QString proxyRoot = work->mkpath(u"proxy"_s);
        FixtureProxy proxy(proxyRoot);
        SumDbTestServer db(SumDbTestServer::fixtureSigner(name));
        const QStringList ids = {u"example.com/s@v1.0.0"_s, u"example.com/s@v1.1.0"_s};
        for (const QString &id : ids) {
            const QString path = id.section(u'@', 0, 0);
            const QString version = id.section(u'@', 1);
            QVERIFY(proxy.addModule(path, version, smallModuleFiles(path, version)));
            db.addModule(path, version, Hash1::hashZip(treeFile(proxyRoot, id, u".zip"_s)).value(),
                         Hash1::hashGoMod(readFile(treeFile(proxyRoot, id, u".mod"_s))));
        }
        for (const auto &[path, body] : db.routes())
            QVERIFY(writeFile(proxyRoot + u"/sumdb/"_s + name + QString::fromUtf8(path), body));
        QVERIFY(writeFile(proxyRoot + u"/sumdb/"_s + name + u"/supported"_s, {}));
        const QString home = work->mkpath(u"home"_s);
        const QString source = work->filePath(u"source"_s);
        QProcessEnvironment goEnvironment = goEnv(go, home, source, proxy.url());
        goEnvironment.insert(u"GOSUMDB"_s, db.verifierKey());
        const GoDownloadResult filled = GoTool::downloadModules(go, goEnvironment, ids);
        QVERIFY2(filled.ok(), qPrintable(filled.describe()));
        QProcessEnvironment env = cli(home, source);
        env.insert(u"GOSUMDB"_s, db.verifierKey());
        env.insert(u"GOPATH"_s, goEnvironment.value(u"GOPATH"_s));
        const QString good = work->filePath(u"good"_s);
        const QString plain = work->filePath(u"plain"_s);
        ProcessResult r = runCli({u"export"_s, u"--sumdb"_s, u"--to"_s, good, u"example.com/s"_s}, env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = runCli({u"export"_s, u"--to"_s, plain, u"example.com/s"_s}, env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(QDir(proxyRoot + u"/sumdb"_s).removeRecursively()); // the database is gone

        // A tree whose go.sum agrees with its own tampered go.mod: the database does not.
        const QString evil = work->filePath(u"evil"_s);
        QVERIFY(copyTree(good, evil));
        const QString id = u"example.com/s@v1.1.0"_s;
        const QByteArray evilMod = "module example.com/s\n\ngo 1.16\n\nrequire example.com/evil v1.0.0\n";
        QVERIFY(writeFile(treeFile(evil, id, u".mod"_s), evilMod));
        QByteArray sums;
        for (const QByteArray &line : readFile(evil + u"/go.sum"_s).split('\n'))
            if (!line.isEmpty())
                sums += (line.startsWith("example.com/s v1.1.0/go.mod ")
                             ? "example.com/s v1.1.0/go.mod " + Hash1::hashGoMod(evilMod).toUtf8()
                             : line)
                        + '\n';
        QVERIFY(writeFile(evil + u"/go.sum"_s, sums));

        auto importInto = [&](const QString &tree, const QString &cacheName) {
            QProcessEnvironment e = cli(home, work->filePath(cacheName));
            e.insert(u"GOSUMDB"_s, db.verifierKey());
            e.insert(u"GOPATH"_s, work->filePath(cacheName + u"-gopath"_s));
            return runCli({u"import"_s, u"--json"_s, tree}, e);
        };
        const QString evilCache = work->filePath(u"evil-cache"_s);
        r = importInto(evil, u"evil-cache"_s);
        QCOMPARE(r.exitCode, 1);
        QJsonObject doc = jsonObject(r.stdOut);
        QCOMPARE(doc[u"failed"_s].toInt(), 1);
        for (const QJsonValue &v : doc[u"versions"_s].toArray())
            if (v[u"version"_s].toString() == u"v1.1.0")
                QVERIFY2(v[u"error"_s].toString().contains(u"SECURITY ERROR"_s), r.stdOut.constData());
        // The honest v1.0.0 beside it is in; nothing of v1.1.0 is.
        QVERIFY(piecesOf(evilCache, u"example.com/s@v1.0.0"_s).complete());
        const Pieces tampered = piecesOf(evilCache, id);
        QVERIFY2(tampered.gone() && !tampered.lock, qPrintable(tampered.describe()));
        QCOMPARE(readFile(listOf(evilCache, u"example.com/s"_s)), QByteArray("v1.0.0\n"));

        // The honest tree: verified offline against the database it carries.
        r = importInto(good, u"good-cache"_s);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe() + QString::fromUtf8(r.stdOut)));
        doc = jsonObject(r.stdOut);
        for (const QJsonValue &v : doc[u"versions"_s].toArray())
            QVERIFY2(v[u"notes"_s].toArray().contains(u"zip checked against the checksum database"_s),
                     r.stdOut.constData());

        // Without a reachable database, the tree's go.sum is the only check, and it says so.
        r = importInto(plain, u"plain-cache"_s);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe() + QString::fromUtf8(r.stdOut)));
        doc = jsonObject(r.stdOut);
        for (const QJsonValue &v : doc[u"versions"_s].toArray())
            QVERIFY2(v[u"notes"_s].toArray().contains(
                         u"checksum database unreachable: checked against the tree's go.sum only"_s),
                     r.stdOut.constData());
    }

    void shouldImportTheGoodVersionsOfAMixedTree()
    {
        const QString go = GoTool::go123();
        const auto work = workDir();
        const QString home = work->mkpath(u"home"_s);
        const QString tree = work->filePath(u"tree"_s);
        ProcessResult r = runCli({u"export"_s, u"--to"_s, tree, u"example.com/a@v1.2.0"_s},
                                 cli(home, world().templateCache(go)));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        // A hostile version beside it, its zip not what the tree's go.sum says.
        QVERIFY(writeFile(treeFile(tree, u"example.com/a@v1.0.0"_s, u".info"_s),
                          readFile(fileOf(world().templateCache(go), u"example.com/a@v1.0.0"_s, u".info"_s))));
        QVERIFY(writeFile(treeFile(tree, u"example.com/a@v1.0.0"_s, u".mod"_s),
                          readFile(fileOf(world().templateCache(go), u"example.com/a@v1.0.0"_s, u".mod"_s))));
        QVERIFY(writeFile(treeFile(tree, u"example.com/a@v1.0.0"_s, u".zip"_s),
                          readFile(treeFile(tree, u"example.com/a@v1.2.0"_s, u".zip"_s))));
        QFile sum(tree + u"/go.sum"_s);
        QVERIFY(sum.open(QIODevice::Append));
        sum.write("example.com/a v1.0.0 " + world().sums(u"example.com/a@v1.0.0"_s).sum.toUtf8() + '\n');
        sum.close();

        const QString cache = work->filePath(u"cache"_s);
        r = runCli({u"import"_s, u"--json"_s, tree}, cli(home, cache));
        QCOMPARE(r.exitCode, 1);
        const Pieces good = piecesOf(cache, u"example.com/a@v1.2.0"_s);
        QVERIFY2(good.complete(), qPrintable(good.describe()));
        const Pieces bad = piecesOf(cache, u"example.com/a@v1.0.0"_s);
        QVERIFY2(bad.gone() && !bad.lock, qPrintable(bad.describe()));
        QCOMPARE(readFile(listOf(cache, u"example.com/a"_s)), QByteArray("v1.2.0\n"));
    }
};

QTEST_GUILESS_MAIN(TestImport)
#include "tst_import.moc"
