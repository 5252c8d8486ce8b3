// SPDX-License-Identifier: GPL-3.0-or-later
// ProxyProbe against loopback HTTP and HTTPS servers that run on their own threads (the probe
// runs on the core pool; the main thread keeps its event loop spinning in QTRY_ waits).
#include <QElapsedTimer>
#include <QTest>

#include "ScratchDir.h"
#include "proxytest/LoopbackServerThread.h"
#include "proxytest/TestCertificate.h"
#include "proxy/ProxyPreset.h"
#include "proxy/ProxyProbe.h"

using namespace Qt::StringLiterals;
using mk::ProbeResult;
using mk::ProxyProbe;

namespace {

// The credential used over https; asserted from the servers' received headers, never printed.
const QString testUser = u"probe-user"_s;
const QString testSecret = u"s3cret-Probe-Token-91f2"_s;

using Response = mk::test::LoopbackHttpServer::Response;
using Received = mk::test::LoopbackHttpServer::Received;
using ServerThread = mk::test::LoopbackServerThread;

QList<ProbeResult> runProbe(const QList<ProxyProbe::Target> &targets,
                            const ProxyProbe::Options &options, int waitMs = 20000)
{
    QFuture<ProbeResult> f = ProxyProbe::start(targets, options);
    // The main event loop keeps running here; nothing of the probe needs it anyway.
    if (!QTest::qWaitFor([&] { return f.isFinished(); }, waitMs))
        return {};
    return f.results();
}

ProbeResult resultFor(const QList<ProbeResult> &results, const QString &preset)
{
    for (const ProbeResult &r : results) {
        if (r.preset == preset)
            return r;
    }
    ProbeResult none;
    none.preset = u"<missing>"_s;
    return none;
}

} // namespace

class ProxyProbeTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shouldReportHealthyAndFlagFastest();
    void shouldTimeOutSlowProxyWithoutDelayingOthers();
    void shouldReportNotFoundAndServerErrorsLikeGo();
    void shouldReportConnectionRefused();
    void shouldSendCredentialOnlyOverHttpsToItsHost();
    void shouldNotSendCredentialOverPlainHttp();
    void shouldDropCredentialOnRedirectToAnotherHost();
    void shouldKeepCredentialOnSameOriginRedirect();
    void shouldRefuseRedirectFromHttpsToHttp();
    void shouldStopAfterTenRedirects();
    void shouldCancel();
    void shouldBuildTargetsAndRequestUrls();
    void shouldProbeFileProxies();
    void shouldFormatErrorDetailLikeGo_data();
    void shouldFormatErrorDetailLikeGo();

private:
    mk::test::ScratchDir m_dir{u"proxyprobe"_s};
    QSslConfiguration m_serverTls;
    QList<QSslCertificate> m_ca;
};

void ProxyProbeTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend");
    const mk::test::TestCertificate cert(m_dir.path());
    QVERIFY2(cert.ok(), qPrintable(cert.error()));
    m_ca = cert.certificates();
    m_serverTls = cert.serverConfiguration();
}

void ProxyProbeTest::shouldReportHealthyAndFlagFastest()
{
    ServerThread server(QHostAddress::LocalHost, std::nullopt);
    QVERIFY(server.listening());
    server->route("/fast/", Response{});
    Response slower;
    slower.delayMs = 300;
    server->route("/slower/", slower);

    const QList<ProbeResult> results = ProxyProbe::ranked(runProbe(
        {{u"a-slower"_s, server.base() + u"/slower"_s}, {u"b-fast"_s, server.base() + u"/fast/"_s}},
        {}));
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.at(0).preset, u"b-fast"_s);
    QCOMPARE(results.at(0).status, ProbeResult::Status::Ok);
    QCOMPARE(results.at(0).httpCode, 200);
    QVERIFY(results.at(0).fastest);
    QVERIFY(!results.at(1).fastest);
    QCOMPARE(results.at(1).status, ProbeResult::Status::Ok);
    QVERIFY2(results.at(1).latencyMs >= 250, qPrintable(QString::number(results.at(1).latencyMs)));
    QVERIFY(results.at(0).latencyMs <= results.at(1).latencyMs);
    // <proxy>/<module>/@v/list, the trailing slash of the base collapsed as go does.
    const QList<Received> got = server->received();
    QCOMPARE(got.size(), 2);
    QStringList paths;
    for (const Received &r : got)
        paths.append(QString::fromUtf8(r.path));
    paths.sort();
    QCOMPARE(paths, (QStringList{u"/fast/golang.org/x/text/@v/list"_s,
                                 u"/slower/golang.org/x/text/@v/list"_s}));
}

void ProxyProbeTest::shouldTimeOutSlowProxyWithoutDelayingOthers()
{
    ServerThread server(QHostAddress::LocalHost, std::nullopt);
    server->route("/fast/", Response{});
    Response slow;
    slow.delayMs = 5000;
    server->route("/slow/", slow);

    ProxyProbe::Options options;
    options.timeoutMs = 600;
    QElapsedTimer clock;
    clock.start();
    const QList<ProbeResult> results = runProbe(
        {{u"slow"_s, server.base() + u"/slow"_s}, {u"fast"_s, server.base() + u"/fast"_s}},
        options);
    QVERIFY2(clock.elapsed() < 4000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(results.size(), 2);
    const ProbeResult slowResult = resultFor(results, u"slow"_s);
    QCOMPARE(slowResult.status, ProbeResult::Status::Timeout);
    QVERIFY2(slowResult.error.contains(u"timed out after 0.6 s"_s), qPrintable(slowResult.error));
    QCOMPARE(resultFor(results, u"fast"_s).status, ProbeResult::Status::Ok);
    // The fast answer came first: results arrive as they finish.
    QCOMPARE(results.first().preset, u"fast"_s);
}

void ProxyProbeTest::shouldReportNotFoundAndServerErrorsLikeGo()
{
    ServerThread server(QHostAddress::LocalHost, std::nullopt);
    Response missing;
    missing.code = 404;
    missing.reason = "Not Found";
    missing.body = "not found: golang.org/x/text@latest\n";
    server->route("/missing/", missing);
    Response broken;
    broken.code = 500;
    broken.reason = "Internal Server Error";
    broken.body.clear();
    for (int i = 1; i <= 12; ++i)
        broken.body += "line " + QByteArray::number(i) + "\n";
    server->route("/broken/", broken);
    Response gone;
    gone.code = 410;
    gone.reason = "Gone";
    gone.contentType = "application/json";
    gone.body = "{\"x\":1}";
    server->route("/gone/", gone);

    const QList<ProbeResult> results = runProbe({{u"missing"_s, server.base() + u"/missing"_s},
                                                 {u"broken"_s, server.base() + u"/broken"_s},
                                                 {u"gone"_s, server.base() + u"/gone"_s}},
                                                {});
    const ProbeResult m = resultFor(results, u"missing"_s);
    QCOMPARE(m.status, ProbeResult::Status::NotFound);
    QCOMPARE(m.httpCode, 404);
    QCOMPARE(m.error, u"reading %1/missing/golang.org/x/text/@v/list: 404 Not Found\n\tserver "
                      u"response: not found: "
                      "golang.org/x/text@latest"_s.arg(server.base()));

    const ProbeResult b = resultFor(results, u"broken"_s);
    QCOMPARE(b.status, ProbeResult::Status::HttpError);
    QCOMPARE(b.httpCode, 500);
    QString expected
        = u"reading %1/broken/golang.org/x/text/@v/list: 500 Internal Server Error\n\tserver response:"_s
              .arg(server.base());
    for (int i = 1; i <= 8; ++i)
        expected += u"\n\tline %1"_s.arg(i);
    expected += u"\n\t[Truncated: too many lines.]"_s;
    QCOMPARE(b.error, expected);

    // 410 counts as "not here", and a non-text body is not shown.
    const ProbeResult g = resultFor(results, u"gone"_s);
    QCOMPARE(g.status, ProbeResult::Status::NotFound);
    QCOMPARE(g.error, u"reading %1/gone/golang.org/x/text/@v/list: 410 Gone"_s.arg(server.base()));
}

void ProxyProbeTest::shouldReportConnectionRefused()
{
    // A port that was just free: bind, remember, close.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    const QList<ProbeResult> results
        = runProbe({{u"dead"_s, u"http://127.0.0.1:%1"_s.arg(port)}}, {});
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().status, ProbeResult::Status::NetworkError);
    QVERIFY2(results.first().error.contains(u"refused"_s, Qt::CaseInsensitive),
             qPrintable(results.first().error));
    QCOMPARE(results.first().latencyMs, -1);
}

void ProxyProbeTest::shouldSendCredentialOnlyOverHttpsToItsHost()
{
    ServerThread tls(QHostAddress::LocalHost, m_serverTls);
    QVERIFY(tls.listening());
    tls->route("/private/", Response{});
    ServerThread other(QHostAddress::LocalHost, m_serverTls);
    other->route("/public/", Response{});

    ProxyProbe::Options options;
    options.caCertificates = m_ca;
    options.credentials.insert(tls.hostKey(), mk::Credential{testUser, testSecret});
    const QList<ProbeResult> results = runProbe(
        {{u"corp"_s, tls.base() + u"/private"_s}, {u"public"_s, other.base() + u"/public"_s}},
        options);
    QCOMPARE(results.size(), 2);
    const ProbeResult corp = resultFor(results, u"corp"_s);
    QVERIFY2(corp.status == ProbeResult::Status::Ok, qPrintable(corp.error));
    QVERIFY(corp.credentialsSent);
    const QList<Received> got = tls->received();
    QCOMPARE(got.size(), 1);
    QVERIFY(got.first().authorization
            == (mk::Credential{testUser, testSecret}.basicAuthorization()));

    // Same address, another port: another origin, so nothing is sent there.
    QCOMPARE(resultFor(results, u"public"_s).status, ProbeResult::Status::Ok);
    QVERIFY(!resultFor(results, u"public"_s).credentialsSent);
    QCOMPARE(other->received().size(), 1);
    QVERIFY(other->received().first().authorization.isEmpty());
}

void ProxyProbeTest::shouldNotSendCredentialOverPlainHttp()
{
    ServerThread plain(QHostAddress::LocalHost, std::nullopt);
    plain->route("/corp/", Response{});
    ProxyProbe::Options options;
    options.credentials.insert(plain.hostKey(), mk::Credential{testUser, testSecret});
    const QList<ProbeResult> results = runProbe({{u"corp"_s, plain.base() + u"/corp"_s}}, options);
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().status, ProbeResult::Status::Ok);
    QVERIFY(!results.first().credentialsSent);
    QVERIFY2(results.first().credentialNote.contains(u"only sent over https"_s),
             qPrintable(results.first().credentialNote));
    QCOMPARE(plain->received().size(), 1);
    QVERIFY(plain->received().first().authorization.isEmpty());
}

void ProxyProbeTest::shouldDropCredentialOnRedirectToAnotherHost()
{
    // 127.0.0.1 -> 127.0.0.2: another host, same certificate.
    ServerThread first(QHostAddress::LocalHost, m_serverTls);
    ServerThread second(QHostAddress(u"127.0.0.2"_s), m_serverTls);
    QVERIFY2(second.listening(), "cannot listen on 127.0.0.2");
    second->route("/landing/", Response{});
    Response redirect;
    redirect.code = 302;
    redirect.reason = "Found";
    redirect.body.clear();
    redirect.location = (second.base() + u"/landing/golang.org/x/text/@v/list"_s).toUtf8();
    first->route("/corp/", redirect);

    ProxyProbe::Options options;
    options.caCertificates = m_ca;
    options.credentials.insert(first.hostKey(), mk::Credential{testUser, testSecret});
    // Even a credential stored for the target host must not be forwarded there by a redirect.
    options.credentials.insert(second.hostKey(), mk::Credential{u"other"_s, u"other-secret"_s});
    const QList<ProbeResult> results = runProbe({{u"corp"_s, first.base() + u"/corp"_s}}, options);
    QCOMPARE(results.size(), 1);
    const ProbeResult r = results.first();
    QVERIFY2(r.status == ProbeResult::Status::Ok, qPrintable(r.error));
    QCOMPARE(r.redirects, 1);
    QVERIFY2(r.credentialNote.contains(u"dropped"_s), qPrintable(r.credentialNote));

    QCOMPARE(first->received().size(), 1);
    QVERIFY(!first->received().first().authorization.isEmpty()); // sent to its own host
    QCOMPARE(second->received().size(), 1);
    QVERIFY2(second->received().first().authorization.isEmpty(),
             "credential leaked to another host");
}

void ProxyProbeTest::shouldKeepCredentialOnSameOriginRedirect()
{
    ServerThread tls(QHostAddress::LocalHost, m_serverTls);
    tls->route("/final/", Response{});
    Response redirect;
    redirect.code = 301;
    redirect.reason = "Moved Permanently";
    redirect.body.clear();
    redirect.location = "/final/golang.org/x/text/@v/list";
    tls->route("/old/", redirect);
    ProxyProbe::Options options;
    options.caCertificates = m_ca;
    options.credentials.insert(tls.hostKey(), mk::Credential{testUser, testSecret});
    const QList<ProbeResult> results = runProbe({{u"corp"_s, tls.base() + u"/old"_s}}, options);
    QCOMPARE(results.size(), 1);
    QVERIFY2(results.first().status == ProbeResult::Status::Ok, qPrintable(results.first().error));
    const QList<Received> got = tls->received();
    QCOMPARE(got.size(), 2);
    for (const Received &r : got)
        QVERIFY(r.authorization == (mk::Credential{testUser, testSecret}.basicAuthorization()));
}

void ProxyProbeTest::shouldRefuseRedirectFromHttpsToHttp()
{
    ServerThread tls(QHostAddress::LocalHost, m_serverTls);
    ServerThread plain(QHostAddress::LocalHost, std::nullopt);
    plain->route("/", Response{});
    Response redirect;
    redirect.code = 302;
    redirect.reason = "Found";
    redirect.body.clear();
    redirect.location = (plain.base() + u"/insecure/golang.org/x/text/@v/list"_s).toUtf8();
    tls->route("/corp/", redirect);
    ProxyProbe::Options options;
    options.caCertificates = m_ca;
    options.credentials.insert(tls.hostKey(), mk::Credential{testUser, testSecret});
    const QList<ProbeResult> results = runProbe({{u"corp"_s, tls.base() + u"/corp"_s}}, options);
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().status, ProbeResult::Status::Refused);
    QVERIFY2(results.first().error.contains(u"redirected from secure URL"_s),
             qPrintable(results.first().error));
    QVERIFY(results.first().error.contains(u"to insecure URL " + plain.base()));
    QCOMPARE(plain->received().size(), 0); // never contacted at all
}

void ProxyProbeTest::shouldStopAfterTenRedirects()
{
    ServerThread server(QHostAddress::LocalHost, std::nullopt);
    Response loop;
    loop.code = 302;
    loop.reason = "Found";
    loop.body.clear();
    loop.location = "/loop/golang.org/x/text/@v/list";
    server->route("/loop/", loop);
    const QList<ProbeResult> results = runProbe({{u"loop"_s, server.base() + u"/loop"_s}}, {});
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().status, ProbeResult::Status::Refused);
    QVERIFY2(results.first().error.endsWith(u"stopped after 10 redirects"_s),
             qPrintable(results.first().error));
    QCOMPARE(server->received().size(), 11);
}

void ProxyProbeTest::shouldCancel()
{
    ServerThread server(QHostAddress::LocalHost, std::nullopt);
    Response slow;
    slow.delayMs = 10000;
    server->route("/slow/", slow);
    ProxyProbe::Options options;
    options.timeoutMs = 30000;
    QFuture<ProbeResult> f = ProxyProbe::start({{u"slow"_s, server.base() + u"/slow"_s}}, options);
    QTRY_COMPARE_WITH_TIMEOUT(server->received().size(), 1, 5000);
    QElapsedTimer clock;
    clock.start();
    f.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(f.isFinished(), 3000);
    QVERIFY(f.isCanceled());
    QVERIFY(clock.elapsed() < 3000);
}

void ProxyProbeTest::shouldBuildTargetsAndRequestUrls()
{
    const QList<ProxyProbe::Target> targets = ProxyProbe::targetsFor(mk::ProxyPreset::builtIns());
    QStringList urls;
    for (const ProxyProbe::Target &t : targets)
        urls.append(t.preset + u" "_s + t.url);
    QCOMPARE(urls,
             (QStringList{u"proxy.golang.org https://proxy.golang.org"_s,
                          u"goproxy.cn https://goproxy.cn"_s, u"goproxy.io https://goproxy.io"_s,
                          u"aliyun https://mirrors.aliyun.com/goproxy/"_s, u"direct direct"_s,
                          u"off off"_s}));
    mk::ProxyPreset chain;
    chain.name = u"chain"_s;
    chain.goproxy = u"corp.example.com|https://b.example.com/x,direct"_s;
    const QList<ProxyProbe::Target> chainTargets = ProxyProbe::targetsFor({chain});
    QCOMPARE(chainTargets.size(), 2);
    QCOMPARE(chainTargets.at(0).url, u"https://corp.example.com"_s);
    QCOMPARE(chainTargets.at(1).url, u"https://b.example.com/x"_s);

    QCOMPARE(ProxyProbe::requestUrl(u"https://mirrors.aliyun.com/goproxy/"_s,
                                    u"github.com/Azure/azure-sdk"_s)
                 .value(),
             u"https://mirrors.aliyun.com/goproxy/github.com/!azure/azure-sdk/@v/list"_s);
    const mk::Expected<QString> bad = ProxyProbe::requestUrl(u"https://p.example"_s, u"no-dot/x"_s);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().subject, u"no-dot/x"_s);

    // direct and off are reported, not fetched.
    const QList<ProbeResult> skipped
        = runProbe({{u"direct"_s, u"direct"_s}, {u"off"_s, u"off"_s}}, {});
    QCOMPARE(skipped.size(), 2);
    for (const ProbeResult &r : skipped)
        QCOMPARE(r.status, ProbeResult::Status::Skipped);
}

void ProxyProbeTest::shouldProbeFileProxies()
{
    const QString root = m_dir.mkpath(u"fileproxy/golang.org/x/text/@v"_s);
    QVERIFY(!root.isEmpty());
    QFile list(root + u"/list"_s);
    QVERIFY(list.open(QIODevice::WriteOnly));
    list.write("v0.3.0\n");
    list.close();
    const QString base = u"file://"_s + m_dir.filePath(u"fileproxy"_s);
    const QList<ProbeResult> results = runProbe(
        {{u"here"_s, base}, {u"missing"_s, u"file://"_s + m_dir.filePath(u"nothing"_s)}}, {});
    QCOMPARE(resultFor(results, u"here"_s).status, ProbeResult::Status::Ok);
    QCOMPARE(resultFor(results, u"missing"_s).status, ProbeResult::Status::NotFound);
}

void ProxyProbeTest::shouldFormatErrorDetailLikeGo_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("expected");

    QTest::newRow("one line") << QByteArray("forbidden\n") << QByteArray("text/plain")
                              << u"forbidden"_s;
    QTest::newRow("charset utf-8")
        << QByteArray("a\nb\n") << QByteArray("text/plain; charset=UTF-8") << u"a\n\tb"_s;
    QTest::newRow("other charset")
        << QByteArray("a\n") << QByteArray("text/plain; charset=latin1") << QString();
    QTest::newRow("html") << QByteArray("<h1>x</h1>") << QByteArray("text/html") << QString();
    QTest::newRow("stops at blank line")
        << QByteArray("a\n\nb\n") << QByteArray("text/plain") << u"a"_s;
    QTest::newRow("control character")
        << QByteArray("a\x1b[31m\n") << QByteArray("text/plain") << QString();
    QTest::newRow("invalid utf-8")
        << QByteArray("a\xff\n") << QByteArray("text/plain") << QString();
    QByteArray longLine(700, 'x');
    QTest::newRow("too long") << QByteArray("short\n" + longLine + "\n") << QByteArray("text/plain")
                              << u"short\n\t[Truncated: too long.]"_s;
}

void ProxyProbeTest::shouldFormatErrorDetailLikeGo()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, expected);
    QCOMPARE(ProxyProbe::formatErrorDetail(body, contentType), expected);
}

QTEST_GUILESS_MAIN(ProxyProbeTest)
#include "tst_proxyprobe.moc"
