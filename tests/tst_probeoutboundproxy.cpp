// SPDX-License-Identifier: GPL-3.0-or-later
// HTTPS_PROXY / HTTP_PROXY / NO_PROXY as go reads them (golang.org/x/net/http/httpproxy, vendored
// in go 1.19 and 1.23), and the proxy probe taking the same way out: a loopback "proxy" server
// records what reaches it (absolute-form GETs for http, CONNECT for https).
#include <QTest>

#include "proxytest/LoopbackServerThread.h"
#include "proxy/HttpProxyEnvironment.h"
#include "proxy/ProxyProbe.h"

using namespace Qt::StringLiterals;
using mk::HttpProxyEnvironment;
using mk::ProbeResult;
using mk::ProxyProbe;

namespace {

using Response = mk::test::LoopbackHttpServer::Response;
using Received = mk::test::LoopbackHttpServer::Received;
using ServerThread = mk::test::LoopbackServerThread;

// The NO_PROXY of the httpproxy tests, with the IPv6 CIDR written as go parses it.
const QString noProxyList
    = u"foobar.com, .barbaz.net, *.wildcard.io, 192.168.1.1, 192.168.1.2:81, "
      "192.168.1.3:80, 10.0.0.0/30, 2001:db8::52:0:1, [2001:db8::52:0:3]:443, "
      "2002:db8:a::45/64, Example.ORG:8080, bücher.example"_s;

QList<ProbeResult> runProbe(const QList<ProxyProbe::Target> &targets,
                            const ProxyProbe::Options &options, int waitMs = 20000)
{
    QFuture<ProbeResult> f = ProxyProbe::start(targets, options);
    if (!QTest::qWaitFor([&] { return f.isFinished(); }, waitMs))
        return {};
    return f.results();
}

HttpProxyEnvironment envWith(const QHash<QString, QString> &vars)
{
    return HttpProxyEnvironment::fromEnvironment(vars);
}

} // namespace

class ProbeOutboundProxyTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldMatchNoProxyLikeGo_data();
    void shouldMatchNoProxyLikeGo();
    void shouldBypassEverythingWithStar();
    void shouldPickTheVariableLikeGo();
    void shouldRefuseHttpProxyInCgi();
    void shouldMapProxyUrlsToQtProxies();
    void shouldSendHttpRequestsThroughHttpProxy();
    void shouldTunnelHttpsThroughConnectWithoutCredentials();
    void shouldGoDirectForNoProxyHosts();
    void shouldNeverProxyLoopback();
    void shouldRefuseInCgiEnvironment();
};

void ProbeOutboundProxyTest::shouldMatchNoProxyLikeGo_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("proxied");

    // Never proxy localhost or loopback.
    QTest::newRow("localhost") << u"localhost"_s << 80 << false;
    QTest::newRow("127.0.0.1") << u"127.0.0.1"_s << 80 << false;
    QTest::newRow("127.0.0.2") << u"127.0.0.2"_s << 80 << false;
    QTest::newRow("::1") << u"::1"_s << 80 << false;
    QTest::newRow("::2 is not loopback") << u"::2"_s << 80 << true;
    // IPs, ports, CIDRs.
    QTest::newRow("exact IPv4") << u"192.168.1.1"_s << 80 << false;
    QTest::newRow("IPv4 other port") << u"192.168.1.2"_s << 80 << true;
    QTest::newRow("IPv4 its port") << u"192.168.1.2"_s << 81 << false;
    QTest::newRow("IPv4:80") << u"192.168.1.3"_s << 80 << false;
    QTest::newRow("IPv4 no match") << u"192.168.1.4"_s << 80 << true;
    QTest::newRow("in CIDR") << u"10.0.0.2"_s << 80 << false;
    QTest::newRow("outside CIDR") << u"10.0.0.4"_s << 80 << true;
    QTest::newRow("exact IPv6") << u"2001:db8::52:0:1"_s << 80 << false;
    QTest::newRow("IPv6 no match") << u"2001:db8::52:0:2"_s << 80 << true;
    QTest::newRow("[IPv6]:443 other port") << u"2001:db8::52:0:3"_s << 80 << true;
    QTest::newRow("[IPv6]:443 its port") << u"2001:db8::52:0:3"_s << 443 << false;
    QTest::newRow("IPv6 CIDR") << u"2002:db8:a::123"_s << 80 << false;
    QTest::newRow("IPv6 other") << u"fe80::424b:c8be:1643:a1b6"_s << 80 << true;
    // Domains.
    QTest::newRow(".barbaz.net is not barbaz.net") << u"barbaz.net"_s << 80 << true;
    QTest::newRow(".barbaz.net subdomain") << u"www.barbaz.net"_s << 80 << false;
    QTest::newRow("foobar.com itself") << u"foobar.com"_s << 80 << false;
    QTest::newRow("foobar.com subdomain") << u"www.foobar.com"_s << 80 << false;
    QTest::newRow("case-insensitive") << u"WWW.FooBar.COM"_s << 80 << false;
    QTest::newRow("not a label suffix") << u"foofoobar.com"_s << 80 << true;
    QTest::newRow("part of barbaz") << u"baz.com"_s << 80 << true;
    QTest::newRow("localhost.net") << u"localhost.net"_s << 80 << true;
    QTest::newRow("local.localhost") << u"local.localhost"_s << 80 << true;
    QTest::newRow("barbarbaz.net") << u"barbarbaz.net"_s << 80 << true;
    QTest::newRow("*.wildcard.io is not wildcard.io") << u"wildcard.io"_s << 80 << true;
    QTest::newRow("*.wildcard.io subdomain") << u"nested.wildcard.io"_s << 80 << false;
    QTest::newRow("awildcard.io") << u"awildcard.io"_s << 80 << true;
    QTest::newRow("domain:port other port") << u"example.org"_s << 80 << true;
    QTest::newRow("domain:port its port") << u"example.org"_s << 8080 << false;
    QTest::newRow("IDNA") << u"xn--bcher-kva.example"_s << 443 << false;
}

void ProbeOutboundProxyTest::shouldMatchNoProxyLikeGo()
{
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(bool, proxied);
    const HttpProxyEnvironment env = envWith(
        {{u"HTTP_PROXY"_s, u"http://proxy.example:3128"_s}, {u"NO_PROXY"_s, noProxyList}});
    QCOMPARE(env.useProxy(host, port), proxied);
}

void ProbeOutboundProxyTest::shouldBypassEverythingWithStar()
{
    const HttpProxyEnvironment env = envWith(
        {{u"HTTPS_PROXY"_s, u"http://proxy.example:3128"_s}, {u"no_proxy"_s, u"a.example, *"_s}});
    QVERIFY(!env.useProxy(u"anything.example.com"_s, 443));
    const HttpProxyEnvironment::Decision d
        = env.decide(QUrl(u"https://proxy.golang.org/x/@v/list"_s));
    QVERIFY(!d.proxy);
    QVERIFY2(d.reason.contains(u"NO_PROXY"_s), qPrintable(d.reason));
}

void ProbeOutboundProxyTest::shouldPickTheVariableLikeGo()
{
    // https requests use HTTPS_PROXY only, http ones HTTP_PROXY only.
    HttpProxyEnvironment env = envWith({{u"HTTP_PROXY"_s, u"http://plain.example:8080"_s}});
    QVERIFY(!env.decide(QUrl(u"https://proxy.golang.org/"_s)).proxy);
    QCOMPARE(env.decide(QUrl(u"http://mirror.example/"_s)).proxy.value(),
             QUrl(u"http://plain.example:8080"_s));

    // Upper case wins; an empty upper-case value counts as unset; no scheme means http://.
    env = envWith({{u"HTTPS_PROXY"_s, u"upper.example:3128"_s},
                   {u"https_proxy"_s, u"http://lower.example"_s}});
    QCOMPARE(env.decide(QUrl(u"https://goproxy.cn/"_s)).proxy.value(),
             QUrl(u"http://upper.example:3128"_s));
    env = envWith({{u"HTTPS_PROXY"_s, QString()}, {u"https_proxy"_s, u"http://lower.example"_s}});
    QCOMPARE(env.decide(QUrl(u"https://goproxy.cn/"_s)).proxy.value(),
             QUrl(u"http://lower.example"_s));

    // The decision names the variable, without the proxy's password.
    env = envWith({{u"HTTPS_PROXY"_s, u"http://user:hunter2@proxy.example:3128"_s}});
    const HttpProxyEnvironment::Decision d = env.decide(QUrl(u"https://goproxy.cn/"_s));
    QVERIFY(d.proxy);
    QVERIFY2(d.reason.startsWith(u"HTTPS_PROXY="_s), qPrintable(d.reason));
    QVERIFY2(!d.reason.contains(u"hunter2"_s), qPrintable(d.reason));

    // Nothing set: direct.
    QVERIFY(!envWith({}).decide(QUrl(u"https://goproxy.cn/"_s)).proxy);
    QVERIFY(envWith({}).isEmpty());
}

void ProbeOutboundProxyTest::shouldRefuseHttpProxyInCgi()
{
    const HttpProxyEnvironment env = envWith({{u"HTTP_PROXY"_s, u"http://evil.example"_s},
                                              {u"HTTPS_PROXY"_s, u"http://corp.example"_s},
                                              {u"REQUEST_METHOD"_s, u"GET"_s}});
    const HttpProxyEnvironment::Decision plain = env.decide(QUrl(u"http://mirror.example/"_s));
    QVERIFY(plain.error.isError());
    QCOMPARE(
        plain.error.message,
        u"refusing to use HTTP_PROXY value in CGI environment; see golang.org/s/cgihttpproxy"_s);
    // HTTPS_PROXY is still used for https.
    QVERIFY(env.decide(QUrl(u"https://goproxy.cn/"_s)).proxy);
}

void ProbeOutboundProxyTest::shouldMapProxyUrlsToQtProxies()
{
    const mk::Expected<QNetworkProxy> http
        = HttpProxyEnvironment::networkProxy(QUrl(u"http://u:p%40ss@proxy.example"_s));
    QVERIFY(http.ok());
    QCOMPARE(http->type(), QNetworkProxy::HttpProxy);
    QCOMPARE(http->hostName(), u"proxy.example"_s);
    QCOMPARE(http->port(), quint16(80));
    QCOMPARE(http->user(), u"u"_s);
    QCOMPARE(http->password(), u"p@ss"_s);

    const mk::Expected<QNetworkProxy> socks
        = HttpProxyEnvironment::networkProxy(QUrl(u"socks5://127.0.0.1"_s));
    QVERIFY(socks.ok());
    QCOMPARE(socks->type(), QNetworkProxy::Socks5Proxy);
    QCOMPARE(socks->port(), quint16(1080));

    // TLS to the proxy itself: Qt cannot, so it is an error rather than a silent plain connection.
    const mk::Expected<QNetworkProxy> tls
        = HttpProxyEnvironment::networkProxy(QUrl(u"https://proxy.example"_s));
    QVERIFY(!tls.ok());
    QCOMPARE(tls.error().code, mk::Error::Code::Unsupported);
}

void ProbeOutboundProxyTest::shouldSendHttpRequestsThroughHttpProxy()
{
    ServerThread proxy(QHostAddress::LocalHost, std::nullopt);
    QVERIFY(proxy.listening());
    proxy->route("http://mirror.invalid/mods/", Response{});

    ProxyProbe::Options options;
    options.timeoutMs = 5000;
    options.proxyEnvironment
        = envWith({{u"HTTP_PROXY"_s, proxy.base()}, {u"NO_PROXY"_s, u"other.invalid"_s}});
    const QList<ProbeResult> results
        = runProbe({{u"mirror"_s, u"http://mirror.invalid/mods"_s}}, options);
    QCOMPARE(results.size(), 1);
    QVERIFY2(results.first().status == ProbeResult::Status::Ok, qPrintable(results.first().error));
    QCOMPARE(results.first().viaProxy, proxy.base());
    const QList<Received> got = proxy->received();
    QCOMPARE(got.size(), 1);
    QCOMPARE(got.first().method, QByteArray("GET"));
    // The absolute form: the proxy, not our resolver, finds the mirror.
    QCOMPARE(got.first().path, QByteArray("http://mirror.invalid/mods/golang.org/x/text/@v/list"));
}

void ProbeOutboundProxyTest::shouldTunnelHttpsThroughConnectWithoutCredentials()
{
    ServerThread proxy(QHostAddress::LocalHost, std::nullopt);
    QVERIFY(proxy.listening());
    // The recording "proxy" refuses the tunnel: the probe reports a network error, and the
    // CONNECT it received says where the request was going.
    ProxyProbe::Options options;
    options.timeoutMs = 5000;
    options.proxyEnvironment = envWith({{u"HTTPS_PROXY"_s, u"127.0.0.1:%1"_s.arg(proxy.port())}});
    options.credentials.insert(u"secure.invalid"_s,
                               mk::Credential{u"user"_s, u"Tunnel-Secret-7f3a"_s});
    const QList<ProbeResult> results
        = runProbe({{u"corp"_s, u"https://secure.invalid/p"_s}}, options);
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().status, ProbeResult::Status::NetworkError);
    QCOMPARE(results.first().viaProxy, u"http://127.0.0.1:%1"_s.arg(proxy.port()));
    const QList<Received> got = proxy->received();
    QCOMPARE(got.size(), 1);
    QCOMPARE(got.first().method, QByteArray("CONNECT"));
    QCOMPARE(got.first().path, QByteArray("secure.invalid:443"));
    // The credential belongs inside the TLS tunnel, never in the clear to the proxy.
    QVERIFY(got.first().authorization.isEmpty());
}

void ProbeOutboundProxyTest::shouldGoDirectForNoProxyHosts()
{
    ServerThread proxy(QHostAddress::LocalHost, std::nullopt);
    QVERIFY(proxy.listening());
    proxy->route("http://", Response{});
    ProxyProbe::Options options;
    options.timeoutMs
        = 3000; // the direct attempt at a .invalid name fails (or times out) on its own
    options.proxyEnvironment
        = envWith({{u"HTTP_PROXY"_s, proxy.base()}, {u"NO_PROXY"_s, u".invalid"_s}});
    const QList<ProbeResult> results = runProbe({{u"direct"_s, u"http://mirror.direct.invalid/m"_s},
                                                 {u"proxied"_s, u"http://mirror.example.test/m"_s}},
                                                options);
    QCOMPARE(results.size(), 2);
    for (const ProbeResult &r : results) {
        if (r.preset == u"direct") {
            QVERIFY(r.viaProxy.isEmpty());
            QVERIFY(r.status != ProbeResult::Status::Ok);
        } else {
            QCOMPARE(r.viaProxy, proxy.base());
            QVERIFY2(r.status == ProbeResult::Status::Ok, qPrintable(r.error));
        }
    }
    const QList<Received> got = proxy->received();
    QCOMPARE(got.size(), 1);
    QCOMPARE(got.first().path,
             QByteArray("http://mirror.example.test/m/golang.org/x/text/@v/list"));
}

void ProbeOutboundProxyTest::shouldNeverProxyLoopback()
{
    ServerThread proxy(QHostAddress::LocalHost, std::nullopt);
    ServerThread mirror(QHostAddress::LocalHost, std::nullopt);
    QVERIFY(proxy.listening() && mirror.listening());
    mirror->route("/m/", Response{});
    ProxyProbe::Options options;
    options.timeoutMs = 5000;
    options.proxyEnvironment
        = envWith({{u"HTTP_PROXY"_s, proxy.base()}, {u"HTTPS_PROXY"_s, proxy.base()}});
    const QString localhostUrl = u"http://localhost:%1/m"_s.arg(mirror.port());
    const QList<ProbeResult> results = runProbe(
        {{u"loopback"_s, mirror.base() + u"/m"_s}, {u"localhost"_s, localhostUrl}}, options);
    QCOMPARE(results.size(), 2);
    for (const ProbeResult &r : results) {
        QVERIFY(r.viaProxy.isEmpty());
        if (r.preset == u"loopback")
            QVERIFY2(r.status == ProbeResult::Status::Ok, qPrintable(r.error));
    }
    QCOMPARE(proxy->received().size(), 0);
    QVERIFY(mirror->received().size() >= 1);
}

void ProbeOutboundProxyTest::shouldRefuseInCgiEnvironment()
{
    ServerThread proxy(QHostAddress::LocalHost, std::nullopt);
    QVERIFY(proxy.listening());
    proxy->route("http://", Response{});
    ProxyProbe::Options options;
    options.timeoutMs = 5000;
    options.proxyEnvironment
        = envWith({{u"HTTP_PROXY"_s, proxy.base()}, {u"REQUEST_METHOD"_s, u"POST"_s}});
    const QList<ProbeResult> results
        = runProbe({{u"cgi"_s, u"http://mirror.example.test/m"_s}}, options);
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().status, ProbeResult::Status::Refused);
    QVERIFY2(
        results.first().error.contains(u"refusing to use HTTP_PROXY value in CGI environment"_s),
        qPrintable(results.first().error));
    QCOMPARE(proxy->received().size(), 0);
}

QTEST_GUILESS_MAIN(ProbeOutboundProxyTest)
#include "tst_probeoutboundproxy.moc"
