// SPDX-License-Identifier: GPL-3.0-or-later
// modkeeper-cli download, refresh and repair trust what go trusts: a private https proxy whose
// certificate a throw-away CA signs is refused (naming the proxy) until the CA comes in through
// --cacert, SSL_CERT_FILE or SSL_CERT_DIR (an `openssl rehash` directory), as go takes it.
#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

#include "helpers/PurgeFixture.h"
#include "proxytest/LoopbackServerThread.h"
#include "proxytest/TestCertificate.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;

namespace {

const QString kId = u"example.com/a@v1.1.0"_s;

QString outcomeOf(const QJsonObject &doc, const QString &id)
{
    for (const QJsonValue &v : doc.value(u"versions"_s).toArray()) {
        const QJsonObject e = v.toObject();
        if (e.value(u"path"_s).toString() + u'@' + e.value(u"version"_s).toString() == id)
            return e.value(u"outcome"_s).toString() + u' ' + e.value(u"error"_s).toString();
    }
    return u"(missing)"_s;
}

} // namespace

class TestCaCert : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;
    std::unique_ptr<TestCertificate> m_cert;
    std::unique_ptr<LoopbackServerThread> m_server;

    [[nodiscard]] static std::unique_ptr<ScratchDir> workDir()
    {
        return std::make_unique<ScratchDir>(u"tst_cacert-"_s
                                            + QString::fromLatin1(QTest::currentTestFunction()));
    }
    [[nodiscard]] QProcessEnvironment env(const QString &home, const QString &cache) const
    {
        QProcessEnvironment e = cliEnv(home, cache);
        e.insert(u"GOPROXY"_s, (*m_server).base());
        e.insert(u"GOSUMDB"_s, u"off"_s);
        return e;
    }
    [[nodiscard]] ProcessResult download(const QProcessEnvironment &e,
                                         const QStringList &extra = {}) const
    {
        return runCli(QStringList{u"download"_s, u"--json"_s} + extra + QStringList{kId}, e);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_cacert"_s);
        QVERIFY(m_scratch->isValid());
        m_cert = std::make_unique<TestCertificate>(m_scratch->mkpath(u"ca"_s));
        QVERIFY2(m_cert->ok(), qPrintable(m_cert->error()));
        m_world = std::make_unique<World>(m_scratch->path());
        const QString error = m_world->build(
            {{u"example.com/a"_s, u"v1.1.0"_s, smallModuleFiles(u"example.com/a"_s, u"v1.1.0"_s)},
             // World needs one version in its template cache
             {u"example.com/ab"_s, u"v1.0.0"_s,
              smallModuleFiles(u"example.com/ab"_s, u"v1.0.0"_s)}},
            {GoTool::go123()}, {kId});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_server = std::make_unique<LoopbackServerThread>(QHostAddress::LocalHost,
                                                          m_cert->serverConfiguration());
        QVERIFY(m_server->listening());
        for (const QString &suffix : {u".info"_s, u".mod"_s, u".zip"_s}) {
            LoopbackHttpServer::Response r;
            r.body = readFile(m_world->root() + u"/proxy/example.com/a/@v/v1.1.0"_s + suffix);
            r.contentType = "application/octet-stream";
            QVERIFY(!r.body.isEmpty());
            (*m_server)->route("/example.com/a/@v/v1.1.0" + suffix.toUtf8(), r);
        }
    }
    void cleanupTestCase()
    {
        m_server.reset();
        m_world.reset();
        m_scratch.reset();
    }

    void shouldRefuseTheProxyAndNameItWithoutTheCa()
    {
        const auto work = workDir();
        const QString cache = work->filePath(u"cache"_s);
        const ProcessResult r = download(env(work->path(), cache));
        QCOMPARE(r.exitCode, 1);
        const QString outcome = outcomeOf(jsonObject(r.stdOut), kId);
        QVERIFY2(outcome.startsWith(u"failed"_s), qPrintable(outcome + u'\n' + r.describe()));
        QVERIFY2(outcome.contains((*m_server).hostKey()), qPrintable(outcome));
        QVERIFY2(outcome.contains(u"certificate"_s, Qt::CaseInsensitive)
                     || outcome.contains(u"TLS"_s) || outcome.contains(u"SSL"_s),
                 qPrintable(outcome));
        QVERIFY(!piecesOf(cache, kId).zip);
    }

    void shouldTrustTheCaOfCacert()
    {
        const auto work = workDir();
        const QString cache = work->filePath(u"cache"_s);
        const ProcessResult r
            = download(env(work->path(), cache), {u"--cacert"_s, m_cert->certPath()});
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        QCOMPARE(outcomeOf(jsonObject(r.stdOut), kId), u"downloaded "_s);
        QVERIFY(piecesOf(cache, kId).complete());

        // A file without a certificate is a usage error naming the option and the file.
        const QString bogus = work->filePath(u"not-a-cert.pem"_s);
        QVERIFY(writeFile(bogus, "hello\n"));
        const ProcessResult bad
            = download(env(work->path(), work->filePath(u"cache2"_s)), {u"--cacert"_s, bogus});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.stdErr.contains("--cacert") && bad.stdErr.contains(bogus.toUtf8()),
                 bad.stdErr.constData());
    }

    void shouldTrustSslCertFile()
    {
        const auto work = workDir();
        const QString cache = work->filePath(u"cache"_s);
        QProcessEnvironment e = env(work->path(), cache);
        e.insert(u"SSL_CERT_FILE"_s, m_cert->certPath());
        const ProcessResult r = download(e);
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        QCOMPARE(outcomeOf(jsonObject(r.stdOut), kId), u"downloaded "_s);
    }

    void shouldTrustSslCertDir()
    {
        const auto work = workDir();
        const QString dir = work->mkpath(u"certs"_s);
        QVERIFY(QFile::copy(m_cert->certPath(), dir + u"/corp-ca.pem"_s));
        const ProcessResult rehash = Subprocess::run(u"openssl"_s, {u"rehash"_s, dir}, 60000);
        QVERIFY2(rehash.succeeded(), qPrintable(rehash.describe()));
        QVERIFY(QDir(dir).entryList(QDir::Files).size() == 2); // the file and its hashed name
        const QString cache = work->filePath(u"cache"_s);
        QProcessEnvironment e = env(work->path(), cache);
        e.insert(u"SSL_CERT_DIR"_s,
                 work->filePath(u"missing"_s) + u':' + dir); // ":"-separated, as go splits it
        const ProcessResult r = download(e);
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        QCOMPARE(outcomeOf(jsonObject(r.stdOut), kId), u"downloaded "_s);
    }

    void shouldRefreshAndRepairWithTheCa()
    {
        const auto work = workDir();
        const QString cache = work->filePath(u"cache"_s);
        const QProcessEnvironment e = env(work->path(), cache);
        const QStringList cacert{u"--cacert"_s, m_cert->certPath()};
        const ProcessResult got = download(e, cacert);
        QVERIFY2(got.succeeded(), qPrintable(got.describe()));

        const ProcessResult untrusted = runCli({u"refresh"_s, u"--json"_s, kId}, e);
        QCOMPARE(untrusted.exitCode, 1);
        QVERIFY2(outcomeOf(jsonObject(untrusted.stdOut), kId).startsWith(u"failed"_s),
                 qPrintable(untrusted.describe()));
        const ProcessResult refreshed
            = runCli(QStringList{u"refresh"_s, u"--json"_s} + cacert + QStringList{kId}, e);
        QVERIFY2(refreshed.succeeded(), qPrintable(refreshed.describe()));
        QCOMPARE(outcomeOf(jsonObject(refreshed.stdOut), kId), u"identical "_s);

        // A damaged .ziphash: only a new download repairs it, through the same trust.
        QVERIFY(writeFile(fileOf(cache, kId, u".ziphash"_s), "garbage"));
        const ProcessResult failing = runCli({u"repair"_s, u"--modcache"_s, cache, kId}, e);
        QCOMPARE(failing.exitCode, 1);
        QVERIFY2(failing.stdErr.contains((*m_server).hostKey().toUtf8()),
                 qPrintable(failing.describe()));
        const ProcessResult fixed = runCli(
            QStringList{u"repair"_s, u"--modcache"_s, cache} + cacert + QStringList{kId}, e);
        QVERIFY2(fixed.succeeded(), qPrintable(fixed.describe()));
        QVERIFY2(fixed.stdOut.contains("redownloaded"), qPrintable(fixed.describe()));
        const ProcessResult verify = runCli({u"verify"_s, u"--modcache"_s, cache, kId}, e);
        QVERIFY2(verify.succeeded(), qPrintable(verify.describe()));
    }
};

QTEST_GUILESS_MAIN(TestCaCert)
#include "tst_cacert.moc"
