// SPDX-License-Identifier: GPL-3.0-or-later
// The downloader and private-proxy credentials: sent only over https to the proxy's own
// host; dropped on a redirect to another host; never sent over http; an https -> http
// redirect refused. Real TLS on loopback with a throw-away CA.
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include "download/DownloadJob.h"
#include "helpers/PurgeFixture.h"
#include "proxytest/LoopbackServerThread.h"
#include "proxytest/TestCertificate.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;

namespace {

using Response = LoopbackHttpServer::Response;
const Credential kCredential{u"builder"_s, u"s3cr3t-t0ken"_s};
const QByteArray kAuthorization = "Basic " + QByteArray("builder:s3cr3t-t0ken").toBase64();

Response file(const QString &path, const QByteArray &contentType = "application/octet-stream")
{
    Response r;
    r.body = readFile(path);
    r.contentType = contentType;
    return r;
}

Response redirectTo(const QString &url)
{
    Response r;
    r.code = 302;
    r.reason = "Found";
    r.location = url.toUtf8();
    r.body.clear();
    return r;
}

QString describe(const QList<DownloadResult> &results)
{
    QStringList lines;
    for (const DownloadResult &r : results)
        lines << r.id() + u' ' + toString(r.outcome) + u' ' + r.error.toString();
    return lines.join(u'\n');
}

} // namespace

class TestDownloadCredentials : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;
    QList<QSslCertificate> m_ca;
    QSslConfiguration m_tls;
    const QString m_id = u"example.com/a@v1.1.0"_s;

    [[nodiscard]] QString proxyFile(const QString &suffix) const
    {
        return m_world->root() + u"/proxy/example.com/a/@v/v1.1.0"_s + suffix;
    }
    /// Every file of the version from this server.
    void serveVersion(LoopbackServerThread &server) const
    {
        for (const QString &suffix : {u".info"_s, u".mod"_s, u".zip"_s})
            server->route("/example.com/a/@v/v1.1.0" + suffix.toUtf8(), file(proxyFile(suffix)));
    }
    [[nodiscard]] DownloadOptions options(const QString &cache, const QString &goproxy,
                                          const QString &hostKey) const
    {
        DownloadOptions o;
        o.gomodcache = cache;
        o.goproxy = goproxy;
        o.retries = 0;
        o.idleTimeoutMs = 5000;
        o.caCertificates = m_ca;
        o.credentials.insert(hostKey, kCredential);
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend");
        const TestCertificate cert(m_dir.path());
        QVERIFY2(cert.ok(), qPrintable(cert.error()));
        m_ca = cert.certificates();
        m_tls = cert.serverConfiguration();
        m_scratch = std::make_unique<ScratchDir>(u"tst_downloadcredentials"_s);
        m_world = std::make_unique<World>(m_scratch->path());
        const QString error = m_world->build(
            {{u"example.com/a"_s, u"v1.1.0"_s, smallModuleFiles(u"example.com/a"_s, u"v1.1.0"_s)},
             {u"example.com/ab"_s, u"v1.0.0"_s,
              smallModuleFiles(u"example.com/ab"_s, u"v1.0.0"_s)}},
            {GoTool::go123()}, {m_id});
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    void cleanupTestCase()
    {
        m_world.reset();
        m_scratch.reset();
    }

    void shouldSendTheCredentialOverHttpsToItsHostAndDropItOnARedirectElsewhere()
    {
        ScratchDir work(u"tst_downloadcredentials-redirect"_s);
        LoopbackServerThread corp(QHostAddress::LocalHost, m_tls);
        LoopbackServerThread cdn(QHostAddress::LocalHost, m_tls); // another origin (port)
        QVERIFY(corp.listening() && cdn.listening());
        corp->route("/example.com/a/@v/v1.1.0.info", file(proxyFile(u".info"_s)));
        corp->route("/example.com/a/@v/v1.1.0.mod", file(proxyFile(u".mod"_s)));
        corp->route("/example.com/a/@v/v1.1.0.zip", redirectTo(cdn.base() + u"/blob/a.zip"_s));
        cdn->route("/blob/a.zip", file(proxyFile(u".zip"_s)));

        const QList<DownloadResult> r
            = DownloadJob::run(options(work.filePath(u"cache"_s), corp.base(), corp.hostKey()),
                               {{u"example.com/a"_s, u"v1.1.0"_s}});
        QVERIFY2(r.size() == 1 && r.first().outcome == DownloadOutcome::Downloaded,
                 qPrintable(describe(r)));
        QCOMPARE(r.first().sum, m_world->sums(m_id).sum);
        const QList<LoopbackHttpServer::Received> toCorp = corp->received();
        QCOMPARE(toCorp.size(), 3);
        for (const LoopbackHttpServer::Received &got : toCorp)
            QCOMPARE(got.authorization, kAuthorization);
        const QList<LoopbackHttpServer::Received> toCdn = cdn->received();
        QCOMPARE(toCdn.size(), 1);
        QVERIFY2(toCdn.first().authorization.isEmpty(),
                 "the credential reached the other host"); // never print it
    }

    void shouldNeverSendTheCredentialOverPlainHttp()
    {
        ScratchDir work(u"tst_downloadcredentials-http"_s);
        LoopbackServerThread plain(QHostAddress::LocalHost, std::nullopt);
        QVERIFY(plain.listening());
        serveVersion(plain);
        const QList<DownloadResult> r
            = DownloadJob::run(options(work.filePath(u"cache"_s), plain.base(), plain.hostKey()),
                               {{u"example.com/a"_s, u"v1.1.0"_s}});
        QVERIFY2(r.first().outcome == DownloadOutcome::Downloaded, qPrintable(describe(r)));
        const QList<LoopbackHttpServer::Received> got = plain->received();
        QCOMPARE(got.size(), 3);
        for (const LoopbackHttpServer::Received &g : got)
            QVERIFY2(g.authorization.isEmpty(), "the credential went over plain http");
    }

    void shouldRefuseARedirectFromHttpsToHttp()
    {
        ScratchDir work(u"tst_downloadcredentials-downgrade"_s);
        LoopbackServerThread corp(QHostAddress::LocalHost, m_tls);
        LoopbackServerThread plain(QHostAddress::LocalHost, std::nullopt);
        QVERIFY(corp.listening() && plain.listening());
        corp->route("/example.com/a/@v/v1.1.0.info",
                    redirectTo(plain.base() + u"/example.com/a/@v/v1.1.0.info"_s));
        serveVersion(plain);
        const QString cache = work.filePath(u"cache"_s);
        const QList<DownloadResult> r = DownloadJob::run(
            options(cache, corp.base(), corp.hostKey()), {{u"example.com/a"_s, u"v1.1.0"_s}});
        QVERIFY2(r.first().outcome == DownloadOutcome::Failed, qPrintable(describe(r)));
        QVERIFY2(r.first().error.message.contains(u"insecure"_s), qPrintable(describe(r)));
        QCOMPARE(plain->received().size(), 0);
        QVERIFY(!piecesOf(cache, m_id).info);
    }

    void shouldRefuseAServerItCannotAuthenticate()
    {
        ScratchDir work(u"tst_downloadcredentials-untrusted"_s);
        LoopbackServerThread corp(QHostAddress::LocalHost, m_tls);
        QVERIFY(corp.listening());
        serveVersion(corp);
        DownloadOptions o = options(work.filePath(u"cache"_s), corp.base(), corp.hostKey());
        o.caCertificates.clear(); // the test CA is not trusted now
        const QList<DownloadResult> r = DownloadJob::run(o, {{u"example.com/a"_s, u"v1.1.0"_s}});
        QVERIFY2(r.first().outcome == DownloadOutcome::Failed, qPrintable(describe(r)));
        for (const LoopbackHttpServer::Received &g : corp->received())
            QVERIFY(g.authorization.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDownloadCredentials)
#include "tst_downloadcredentials.moc"
