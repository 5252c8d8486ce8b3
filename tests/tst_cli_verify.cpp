// SPDX-License-Identifier: GPL-3.0-or-later
// modkeeper-cli verify and repair as a script sees them: exit codes (0 all ok, 1 problems,
// 2 usage), the JSON shape {"versions": [{"path","version","ok","problems"}]}, patterns as for
// purge, go.sum files, --sumdb against a loopback checksum database, and a repair that go 1.23's
// own `go mod verify` accepts. The caches are written by the real go 1.23.
#include <memory>

#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

#include "helpers/PurgeFixture.h"
#include "proxytest/LoopbackServerThread.h"
#include "proxytest/SumDbTestServer.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;

namespace {

const QString kA = u"example.com/a@v1.0.0"_s;

QList<FixtureVersion> fixtureVersions()
{
    QList<FixtureVersion> out;
    for (const FixtureVersion &v : standardVersions())
        if (v.path == u"example.com/a"_s || v.id() == u"example.com/ab@v1.0.0"_s
            || v.id() == u"github.com/Upper/Case@v1.0.0"_s)
            out.append(v);
    return out;
}

QMap<QString, QJsonObject> byId(const QJsonObject &doc)
{
    QMap<QString, QJsonObject> out;
    for (const QJsonValue &v : doc.value(u"versions"_s).toArray())
        out.insert(v[u"path"_s].toString() + u'@' + v[u"version"_s].toString(), v.toObject());
    return out;
}

} // namespace

class TestCliVerify : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;

    [[nodiscard]] QProcessEnvironment env() const { return cliEnv(m_world->home()); }
    [[nodiscard]] std::unique_ptr<ScratchDir> workDir() const
    {
        return std::make_unique<ScratchDir>(u"tst_cli_verify-"_s
                                            + QString::fromLatin1(QTest::currentTestFunction()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_cli_verify"_s);
        m_world = std::make_unique<World>(m_scratch->path());
        const QString error = m_world->build(fixtureVersions(), {GoTool::go123()});
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase()
    {
        m_world.reset();
        m_scratch.reset();
    }

    void shouldPrintHelp()
    {
        const ProcessResult v = runCli({u"verify"_s, u"--help"_s}, env());
        QVERIFY2(v.succeeded(), qPrintable(v.describe()));
        for (const char *opt : {"--json", "--sumdb", "--modcache", "--go-sum", "PATTERN"})
            QVERIFY2(v.stdOut.contains(opt), opt);
        const ProcessResult r = runCli({u"repair"_s, u"--help"_s}, env());
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        QVERIFY(r.stdOut.contains("--json") && r.stdOut.contains("PATTERN"));
        const ProcessResult top = runCli({u"--help"_s}, env());
        QVERIFY(top.stdOut.contains("verify") && top.stdOut.contains("repair"));
    }

    void shouldRejectUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("bad pattern") << QStringList{u"verify"_s, u"example.com/["_s};
        QTest::newRow("unknown option") << QStringList{u"verify"_s, u"--frobnicate"_s};
        QTest::newRow("repair without pattern") << QStringList{u"repair"_s};
        QTest::newRow("repair bad timeout")
            << QStringList{u"repair"_s, u"--lock-timeout"_s, u"soon"_s, u"example.com/a"_s};
    }

    void shouldRejectUsageErrors()
    {
        QFETCH(QStringList, args);
        const auto work = workDir();
        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        const ProcessResult r = runCli(args + QStringList{u"--modcache"_s, cache}, env());
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.stdErr.isEmpty());
    }

    // A cache go wrote: exit 0, one entry per version with exactly the documented keys (plus
    // the extra ones), ok true, no problems, the hashes go reported.
    void shouldVerifyHealthyCacheAsJson()
    {
        const auto work = workDir();
        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        const ProcessResult r = runCli({u"verify"_s, u"--json"_s, u"--modcache"_s, cache}, env());
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        const QJsonObject doc = jsonObject(r.stdOut);
        QVERIFY(doc.value(u"versions"_s).isArray());
        const QMap<QString, QJsonObject> versions = byId(doc);
        QCOMPARE(versions.size(), m_world->versions().size());
        for (auto it = versions.cbegin(); it != versions.cend(); ++it) {
            const QJsonObject &o = it.value();
            for (const QString &key : {u"path"_s, u"version"_s, u"ok"_s, u"problems"_s})
                QVERIFY2(o.contains(key), qPrintable(it.key() + u" lacks "_s + key));
            QVERIFY(o.value(u"ok"_s).isBool());
            QVERIFY(o.value(u"ok"_s).toBool());
            QVERIFY(o.value(u"problems"_s).isArray());
            QCOMPARE(o.value(u"problems"_s).toArray().size(), 0);
            QCOMPARE(o.value(u"status"_s).toString(), u"verified"_s);
            QCOMPARE(o.value(u"zipHash"_s).toString(), m_world->sums(it.key()).sum);
            QCOMPARE(o.value(u"dirHash"_s).toString(), m_world->sums(it.key()).sum);
            QCOMPARE(o.value(u"checked"_s).toArray(), (QJsonArray{u"zip"_s, u"tree"_s}));
        }
        // Human output: one line per version and a summary.
        const ProcessResult human = runCli({u"verify"_s, u"--modcache"_s, cache}, env());
        QCOMPARE(human.exitCode, 0);
        QVERIFY(human.stdOut.contains("ok            example.com/a@v1.0.0\n"));
        QVERIFY(human.stdOut.contains("all ok"));
    }

    // Damage: exit 1, the damaged version ok false with its problems; patterns select as for
    // purge; then repair PATTERN fixes it, verify exits 0 and go mod verify agrees.
    void shouldReportDamageAndRepairIt()
    {
        const auto work = workDir();
        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        const QString tree = treeOf(cache, kA);
        QVERIFY(::chmod(QFile::encodeName(tree).constData(), 0755) == 0);
        QVERIFY(writeFile(tree + u"/stray.go"_s, "package pa\n"));

        const ProcessResult r = runCli({u"verify"_s, u"--json"_s, u"--modcache"_s, cache}, env());
        QCOMPARE(r.exitCode, 1);
        const QMap<QString, QJsonObject> versions = byId(jsonObject(r.stdOut));
        QCOMPARE(versions.size(), m_world->versions().size());
        const QJsonObject a = versions.value(kA);
        QCOMPARE(a.value(u"ok"_s).toBool(true), false);
        QCOMPARE(a.value(u"status"_s).toString(), u"modified"_s);
        QCOMPARE(a.value(u"repair"_s).toString(), u"reextract"_s);
        const QJsonArray problems = a.value(u"problems"_s).toArray();
        QVERIFY(problems.contains(QJsonValue(u"dir has been modified"_s)));
        QVERIFY(problems.contains(QJsonValue(u"extra file stray.go"_s)));
        for (auto it = versions.cbegin(); it != versions.cend(); ++it)
            if (it.key() != kA)
                QVERIFY2(it.value().value(u"ok"_s).toBool(), qPrintable(it.key()));

        // Patterns: a glob that leaves the damaged version out is all ok.
        const ProcessResult other
            = runCli({u"verify"_s, u"--json"_s, u"--modcache"_s, cache, u"github.com/*"_s}, env());
        QCOMPARE(other.exitCode, 0);
        QCOMPARE(byId(jsonObject(other.stdOut)).keys(),
                 QStringList{u"github.com/Upper/Case@v1.0.0"_s});
        const ProcessResult exact = runCli({u"verify"_s, u"--modcache"_s, cache, kA}, env());
        QCOMPARE(exact.exitCode, 1);
        QVERIFY2(exact.stdOut.contains(
                     "modified      example.com/a@v1.0.0\n    dir has been modified\n"),
                 exact.stdOut.constData());
        QVERIFY(exact.stdOut.contains("    extra file stray.go\n"));
        const ProcessResult none
            = runCli({u"verify"_s, u"--modcache"_s, cache, u"example.com/nothing"_s}, env());
        QCOMPARE(none.exitCode, 1);
        QVERIFY(none.stdErr.contains("no version in the cache matches example.com/nothing"));

        const ProcessResult fixed
            = runCli({u"repair"_s, u"--json"_s, u"--modcache"_s, cache, u"example.com/a"_s}, env());
        QVERIFY2(fixed.succeeded(), qPrintable(fixed.describe()));
        const QMap<QString, QJsonObject> repaired = byId(jsonObject(fixed.stdOut));
        QCOMPARE(repaired.size(), 6); // every version of example.com/a
        QCOMPARE(repaired.value(kA).value(u"outcome"_s).toString(), u"reextracted"_s);
        QCOMPARE(repaired.value(kA).value(u"status"_s).toString(), u"verified"_s);
        QCOMPARE(repaired.value(u"example.com/a@v1.1.0"_s).value(u"outcome"_s).toString(),
                 u"nothing-to-do"_s);

        const ProcessResult again = runCli({u"verify"_s, u"--modcache"_s, cache}, env());
        QVERIFY2(again.succeeded(), qPrintable(again.describe()));

        const QString sample = m_world->writeSampleModule(work->mkpath(u"sample"_s), {kA});
        const ProcessResult go = GoTool::run(GoTool::go123(), {u"mod"_s, u"verify"_s},
                                             m_world->env(GoTool::go123(), cache, false), sample);
        QVERIFY2(go.succeeded(), qPrintable(go.describe()));
    }

    // A damaged .ziphash: repair needs a download. Offline it fails, names the version and
    // deletes nothing; with the proxy it fetches the version again, checked, and go agrees.
    void shouldRedownloadWhatCannotBeReextracted()
    {
        const auto work = workDir();
        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        QVERIFY(writeFile(fileOf(cache, kA, u".ziphash"_s), "garbage"));
        const QStringList snapshot = listing(cache);
        QProcessEnvironment offline = env();
        offline.insert(u"GOPROXY"_s, u"off"_s);
        const ProcessResult r = runCli({u"repair"_s, u"--modcache"_s, cache, kA}, offline);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.stdErr.contains(kA.toUtf8())
                     && r.stdErr.contains("module lookup disabled by GOPROXY=off"),
                 r.stdErr.constData());
        QCOMPARE(listing(cache), snapshot);
        const ProcessResult v
            = runCli({u"verify"_s, u"--json"_s, u"--modcache"_s, cache, kA}, env());
        QCOMPARE(v.exitCode, 1);
        const QJsonObject a = byId(jsonObject(v.stdOut)).value(kA);
        QCOMPARE(a.value(u"status"_s).toString(), u"corrupt"_s);
        QCOMPARE(a.value(u"repair"_s).toString(), u"redownload"_s);

        QProcessEnvironment online = env();
        online.insert(u"GOPROXY"_s, m_world->proxyUrl());
        online.insert(u"GOSUMDB"_s, u"off"_s);
        const ProcessResult fixed = runCli({u"repair"_s, u"--modcache"_s, cache, kA}, online);
        QVERIFY2(fixed.succeeded(), qPrintable(fixed.describe()));
        QVERIFY2(fixed.stdOut.contains("redownloaded"), fixed.stdOut.constData());
        const ProcessResult after = runCli({u"verify"_s, u"--modcache"_s, cache, kA}, env());
        QVERIFY2(after.succeeded(), qPrintable(after.describe()));
        const QString sample = m_world->writeSampleModule(work->mkpath(u"sample"_s), {kA});
        const ProcessResult go = GoTool::run(GoTool::go123(), {u"mod"_s, u"verify"_s},
                                             m_world->env(GoTool::go123(), cache, false), sample);
        QVERIFY2(go.succeeded(), qPrintable(go.describe()));
    }

    // --go-sum: the hashes of a go.sum file are checked too.
    void shouldCheckGoSumFile()
    {
        const auto work = workDir();
        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        const QString good = work->filePath(u"good.sum"_s);
        const QString bad = work->filePath(u"bad.sum"_s);
        const Downloaded d = m_world->sums(kA);
        QVERIFY(writeFile(good, QByteArray("example.com/a v1.0.0 " + d.sum.toUtf8()
                                           + "\nexample.com/a v1.0.0/go.mod " + d.goModSum.toUtf8()
                                           + "\n")));
        QVERIFY(writeFile(
            bad, QByteArray("example.com/a v1.0.0/go.mod "
                            + m_world->sums(u"example.com/ab@v1.0.0"_s).goModSum.toUtf8() + "\n")));
        QCOMPARE(
            runCli({u"verify"_s, u"--go-sum"_s, good, u"--modcache"_s, cache, kA}, env()).exitCode,
            0);
        const ProcessResult r = runCli(
            {u"verify"_s, u"--json"_s, u"--go-sum"_s, bad, u"--modcache"_s, cache, kA}, env());
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.stdOut.contains("does not match go.sum"));
        const ProcessResult missing = runCli(
            {u"verify"_s, u"--go-sum"_s, work->filePath(u"nope.sum"_s), u"--modcache"_s, cache},
            env());
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.stdErr.contains("nope.sum"));
    }

    // --sumdb: the recorded hashes are checked against a loopback checksum database (signed
    // tree, tiles, inclusion proofs); a version the database lists with another hash is
    // corrupt, GONOSUMDB is honoured, and GOSUMDB=off is a clear error.
    void shouldCheckAgainstChecksumDatabase()
    {
        const auto work = workDir();
        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        const QString upper = u"github.com/Upper/Case@v1.0.0"_s;
        const QString ab = u"example.com/ab@v1.0.0"_s;
        SumDbTestServer db(SumDbTestServer::fixtureSigner());
        db.addModule(u"example.com/a"_s, u"v1.0.0"_s, m_world->sums(kA).sum,
                     m_world->sums(kA).goModSum);
        // The database vouches for other bytes than the cache holds.
        db.addModule(u"example.com/ab"_s, u"v1.0.0"_s, m_world->sums(upper).sum,
                     m_world->sums(ab).goModSum);
        LoopbackServerThread server(QHostAddress::LocalHost, std::nullopt);
        QVERIFY(server.listening());
        db.serveOn(server.operator->());

        QProcessEnvironment e = env();
        e.insert(u"GOPATH"_s, work->mkpath(u"gopath"_s));
        e.insert(u"GOPROXY"_s, u"off"_s);
        e.insert(u"GOSUMDB"_s, db.verifierKey() + u' ' + server.base());
        e.insert(u"GONOSUMDB"_s, u"github.com/Upper"_s);
        const ProcessResult r = runCli(
            {u"verify"_s, u"--json"_s, u"--sumdb"_s, u"--modcache"_s, cache, kA, ab, upper}, e);
        QCOMPARE(r.exitCode, 1);
        const QMap<QString, QJsonObject> versions = byId(jsonObject(r.stdOut));
        QCOMPARE(versions.size(), 3);
        QVERIFY2(versions.value(kA).value(u"ok"_s).toBool(),
                 qPrintable(QString::fromUtf8(r.stdOut)));
        const QJsonObject bad = versions.value(ab);
        QCOMPARE(bad.value(u"ok"_s).toBool(true), false);
        QCOMPARE(bad.value(u"status"_s).toString(), u"corrupt"_s);
        QVERIFY2(
            QJsonDocument(bad).toJson().contains("ziphash does not match the checksum database"),
            r.stdOut.constData());
        QVERIFY(versions.value(upper).value(u"ok"_s).toBool()); // GONOSUMDB: not asked
        QVERIFY(exists(
            cache + u"/cache/download/sumdb/sumdb.example.test/lookup/example.com/a@v1.0.0"_s));
        QVERIFY(!exists(
            cache
            + u"/cache/download/sumdb/sumdb.example.test/lookup/github.com/!upper/!case@v1.0.0"_s));

        e.insert(u"GOSUMDB"_s, u"off"_s);
        const ProcessResult off = runCli({u"verify"_s, u"--sumdb"_s, u"--modcache"_s, cache}, e);
        QCOMPARE(off.exitCode, 1);
        QVERIFY2(off.stdErr.contains("GOSUMDB=off"), off.stdErr.constData());
        QVERIFY(off.stdOut.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliVerify)
#include "tst_cli_verify.moc"
