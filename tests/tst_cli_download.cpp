// SPDX-License-Identifier: GPL-3.0-or-later
// modkeeper-cli download and refresh, end to end: a loopback proxy, the real CLI, go's sums.
#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

#include "archivetest/RawZipWriter.h"
#include "helpers/PurgeFixture.h"
#include "proxytest/FileProxyServer.h"
#include "proxytest/LoopbackServerThread.h"
#include "proxytest/SumDbTestServer.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;

class TestCliDownload : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;
    std::unique_ptr<FileProxyServer> m_server;

    [[nodiscard]] static std::unique_ptr<ScratchDir> workDir()
    {
        return std::make_unique<ScratchDir>(u"tst_cli_download-"_s
                                            + QString::fromLatin1(QTest::currentTestFunction()));
    }
    [[nodiscard]] QProcessEnvironment env(const QString &home, const QString &cache) const
    {
        QProcessEnvironment e = cliEnv(home, cache);
        e.insert(u"GOPROXY"_s, m_server->url());
        e.insert(u"GOSUMDB"_s, u"off"_s);
        return e;
    }
    static QJsonObject versionEntry(const QJsonObject &o, const QString &id)
    {
        for (const QJsonValue &v : o.value(u"versions"_s).toArray()) {
            const QJsonObject e = v.toObject();
            if (e.value(u"path"_s).toString() + u'@' + e.value(u"version"_s).toString() == id)
                return e;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_cli_download"_s);
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
    }
    void cleanupTestCase()
    {
        m_server.reset();
        m_world.reset();
        m_scratch.reset();
    }
    void init() { m_server->reset(); }

    void shouldDownloadAndReportEachVersionAsJson()
    {
        const auto work = workDir();
        const QString cache = work->filePath(u"cache"_s);
        const QStringList ids{u"example.com/a@v1.1.0"_s, u"github.com/Upper/Case@v1.0.0"_s};
        const ProcessResult r
            = runCli(QStringList{u"download"_s, u"--json"_s} + ids, env(work->path(), cache));
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        const QJsonObject o = jsonObject(r.stdOut);
        QCOMPARE(o.value(u"versions"_s).toArray().size(), 2);
        for (const QString &id : ids) {
            const QJsonObject e = versionEntry(o, id);
            QVERIFY2(!e.isEmpty(), qPrintable(id));
            QCOMPARE(e.value(u"ok"_s).toBool(), true);
            QCOMPARE(e.value(u"sum"_s).toString(), m_world->sums(id).sum);
            QCOMPARE(e.value(u"proxy"_s).toString(), m_server->url());
            QVERIFY(e.value(u"bytes"_s).toInteger() > 0);
            QVERIFY(!e.contains(u"error"_s));
            QVERIFY(piecesOf(cache, id).complete());
        }
    }

    void shouldResolveLatestAndSayToWhat()
    {
        const auto work = workDir();
        const QString cache = work->filePath(u"cache"_s);
        const ProcessResult r = runCli({u"download"_s, u"--json"_s, u"example.com/a@latest"_s},
                                       env(work->path(), cache));
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        const QJsonObject e = versionEntry(jsonObject(r.stdOut), u"example.com/a@v1.10.0"_s);
        QCOMPARE(e.value(u"query"_s).toString(), u"latest"_s);
        QCOMPARE(e.value(u"sum"_s).toString(), m_world->sums(u"example.com/a@v1.10.0"_s).sum);
    }

    void shouldFailWithTheVersionNamedWhenNoProxyHasIt()
    {
        const auto work = workDir();
        const QString cache = work->filePath(u"cache"_s);
        const ProcessResult r = runCli(
            {u"download"_s, u"--json"_s, u"example.com/a@v9.9.9"_s, u"example.com/ab@v1.0.0"_s},
            env(work->path(), cache));
        QCOMPARE(r.exitCode, 1);
        const QJsonObject o = jsonObject(r.stdOut);
        const QJsonObject missing = versionEntry(o, u"example.com/a@v9.9.9"_s);
        QCOMPARE(missing.value(u"ok"_s).toBool(), false);
        QVERIFY2(missing.value(u"error"_s).toString().contains(u"404"_s), qPrintable(r.describe()));
        QCOMPARE(versionEntry(o, u"example.com/ab@v1.0.0"_s).value(u"ok"_s).toBool(), true);
        // Text mode names it on stderr.
        const ProcessResult text
            = runCli({u"download"_s, u"example.com/a@v9.9.9"_s}, env(work->path(), cache));
        QCOMPARE(text.exitCode, 1);
        QVERIFY2(QString::fromUtf8(text.stdErr).contains(u"example.com/a@v9.9.9"_s),
                 qPrintable(text.describe()));
    }

    void shouldRefuseBadArgumentsAsUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no version") << QStringList{u"download"_s, u"example.com/a"_s};
        QTest::newRow("a branch, not a version")
            << QStringList{u"download"_s, u"example.com/a@master"_s};
        QTest::newRow("bad path") << QStringList{u"download"_s, u"Example..com/a@v1.0.0"_s};
        QTest::newRow("nothing") << QStringList{u"download"_s};
        QTest::newRow("bad jobs") << QStringList{u"download"_s, u"--jobs"_s, u"0"_s,
                                                 u"example.com/a@v1.0.0"_s};
        QTest::newRow("bad proxy list")
            << QStringList{u"download"_s, u"--proxy"_s, u","_s, u"example.com/a@v1.0.0"_s};
        QTest::newRow("refresh without pattern") << QStringList{u"refresh"_s};
    }
    void shouldRefuseBadArgumentsAsUsageErrors()
    {
        QFETCH(QStringList, args);
        const auto work = workDir();
        const QString cache = work->filePath(u"cache"_s);
        const ProcessResult r = runCli(args, env(work->path(), cache));
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.stdErr.isEmpty());
        QVERIFY(!exists(cache));
    }

    void shouldCheckEveryDownloadAgainstTheChecksumDatabase()
    {
        const auto work = workDir();
        const QString cache = work->filePath(u"cache"_s);
        const QString good = u"example.com/a@v1.1.0"_s;
        const QString forged = u"example.com/ab@v1.0.0"_s;
        SumDbTestServer db(SumDbTestServer::fixtureSigner());
        db.addModule(u"example.com/a"_s, u"v1.1.0"_s, m_world->sums(good).sum,
                     m_world->sums(good).goModSum);
        // The database says the zip of ab has another hash than the proxy's zip.
        db.addModule(u"example.com/ab"_s, u"v1.0.0"_s, m_world->sums(u"example.com/a@v1.0.0"_s).sum,
                     m_world->sums(forged).goModSum);
        LoopbackServerThread server(QHostAddress::LocalHost, std::nullopt);
        QVERIFY(server.listening());
        db.serveOn(server.operator->());
        QProcessEnvironment e = env(work->path(), cache);
        e.insert(u"GOSUMDB"_s, db.verifierKey() + u' ' + server.base());

        const ProcessResult r = runCli({u"download"_s, u"--json"_s, good, forged}, e);
        QCOMPARE(r.exitCode, 1);
        const QJsonObject o = jsonObject(r.stdOut);
        const QJsonObject ok = versionEntry(o, good);
        QVERIFY2(ok.value(u"ok"_s).toBool(), qPrintable(r.describe()));
        QVERIFY2(
            ok.value(u"notes"_s).toArray().contains(u"zip checked against the checksum database"_s),
            qPrintable(r.describe()));
        const QJsonObject bad = versionEntry(o, forged);
        QCOMPARE(bad.value(u"ok"_s).toBool(), false);
        QVERIFY2(bad.value(u"error"_s).toString().contains(u"SECURITY ERROR"_s),
                 qPrintable(r.describe()));
        const Pieces p = piecesOf(cache, forged);
        QVERIFY2(!p.tree && !p.zip && !p.ziphash && !p.partial, qPrintable(p.describe()));
        // go's sumdb cache was filled where go keeps it.
        QVERIFY(exists(
            cache + u"/cache/download/sumdb/sumdb.example.test/lookup/example.com/a@v1.1.0"_s));

        // GONOSUMDB takes a path out of the database's reach, as for go.
        e.insert(u"GONOSUMDB"_s, u"example.com/ab"_s);
        const ProcessResult skipped = runCli({u"download"_s, u"--json"_s, forged}, e);
        QVERIFY2(skipped.succeeded(), qPrintable(skipped.describe()));
    }

    void shouldRefreshFromAPresetAndReportIdenticalOrChanged()
    {
        const auto work = workDir();
        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        // The mirror as a user preset; the resolved GOPROXY points nowhere useful.
        QProcessEnvironment e = env(work->path(), cache);
        e.insert(u"GOPROXY"_s, u"off"_s);
        const ProcessResult add = runCli({u"proxy"_s, u"add"_s, u"mirror"_s, m_server->url()}, e);
        QVERIFY2(add.succeeded(), qPrintable(add.describe()));
        const QString id = u"example.com/ab@v1.0.0"_s;
        const ProcessResult same = runCli(
            {u"refresh"_s, u"--proxy"_s, u"mirror"_s, u"--json"_s, u"example.com/ab"_s}, e);
        QVERIFY2(same.succeeded(), qPrintable(same.describe()));
        QCOMPARE(versionEntry(jsonObject(same.stdOut), id).value(u"outcome"_s).toString(),
                 u"identical"_s);

        const QByteArray p = "example.com/ab@v1.0.0/";
        m_server->setFault("example.com/ab/@v/v1.0.0.zip",
                           {0, RawZipWriter()
                                   .file(p + "go.mod", FixtureProxy::goMod(u"example.com/ab"_s))
                                   .file(p + "x.go", "package pab\n")
                                   .bytes()});
        const QStringList before = listing(cache);
        const ProcessResult changed
            = runCli({u"refresh"_s, u"--proxy"_s, u"mirror"_s, u"example.com/ab@v1.0.0"_s}, e);
        QCOMPARE(changed.exitCode, 1);
        QVERIFY2(QString::fromUtf8(changed.stdErr).contains(u"SECURITY"_s),
                 qPrintable(changed.describe()));
        QVERIFY2(QString::fromUtf8(changed.stdErr).contains(m_world->sums(id).sum),
                 qPrintable(changed.describe()));
        QCOMPARE(listing(cache), before);
    }
};

QTEST_GUILESS_MAIN(TestCliDownload)
#include "tst_cli_download.moc"
