// SPDX-License-Identifier: GPL-3.0-or-later
// The pattern tester (ProxyRoute) against go's rules: x/mod's MatchPrefixPatterns vectors, and
// the real go 1.19 and 1.23 as the judge of where a module is fetched and whether the checksum
// database is consulted. go is kept on loopback: every proxy in the tested GOPROXY values is a
// closed loopback port, and HTTPS_PROXY/HTTP_PROXY point at one too, so a direct fetch or a
// checksum database lookup fails at once instead of leaving the machine.
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTest>

#include "FixtureProxy.h"
#include "GoTool.h"
#include "ScratchDir.h"
#include "proxy/ProxyRoute.h"

using namespace Qt::StringLiterals;
using mk::ProxyRoute;
using mk::ProxySettings;
using mk::test::GoTool;

namespace {

quint16 closedPort()
{
    QTcpServer s;
    if (!s.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = s.serverPort();
    s.close();
    return port;
}

// The Error of `go mod download -json module@v1.0.0`, or "" when it succeeded.
QString goDownloadError(const QString &go, const QString &home, const ProxySettings &s,
                        const QString &module, quint16 deadPort, bool *ran)
{
    QProcessEnvironment env
        = GoTool::isolatedEnvironment(go, home, home + u"/modcache"_s, s.goproxy);
    env.insert(u"GOPRIVATE"_s, s.goprivate);
    env.insert(u"GONOPROXY"_s, s.gonoproxy);
    env.insert(u"GONOSUMDB"_s, s.gonosumdb);
    env.insert(u"GOSUMDB"_s, s.gosumdb);
    env.insert(u"GOINSECURE"_s, s.goinsecure);
    const QString deadProxy = u"http://127.0.0.1:%1"_s.arg(deadPort);
    env.insert(u"HTTPS_PROXY"_s, deadProxy);
    env.insert(u"HTTP_PROXY"_s, deadProxy);
    const mk::test::ProcessResult r = GoTool::run(
        go, {u"mod"_s, u"download"_s, u"-json"_s, module + u"@v1.0.0"_s}, env, home, 60000);
    *ran = r.started && !r.timedOut;
    const QList<mk::test::GoModuleInfo> infos = GoTool::parseJsonStream(r.stdOut);
    if (infos.isEmpty())
        return QString::fromUtf8(r.stdErr).trimmed();
    return infos.first().error;
}

// What go's TryProxies reports when every step fails hard: a direct error beats a proxy error,
// which beats "not found" (off); ',' (no fall back) stops the walk.
QString expectedErrorSource(const ProxyRoute &route)
{
    QString best;
    int bestRank = -1;
    for (const ProxyRoute::Step &step : route.steps) {
        if (step.kind == ProxyRoute::Step::Kind::Direct) {
            return step.insecure ? u"direct-insecure"_s : u"direct"_s;
        } else if (step.kind == ProxyRoute::Step::Kind::Proxy) {
            if (bestRank <= 1) {
                best = step.url;
                bestRank = 1;
            }
            if (!step.fallBackOnError)
                break;
        } else if (bestRank < 0) {
            best = u"off"_s;
            bestRank = 0;
        }
    }
    return best;
}

QString classify(const QString &goError, const QString &deadBase)
{
    if (goError.contains(u"module lookup disabled by GOPROXY=off"_s))
        return u"off"_s;
    if (goError.contains(u"?go-get=1"_s))
        return goError.contains(u"http/https fetch"_s) ? u"direct-insecure"_s : u"direct"_s;
    for (const QString &name : {u"/a/"_s, u"/b/"_s, u"/c/"_s}) {
        if (goError.contains(deadBase + name))
            return deadBase + name.chopped(1);
    }
    return u"unclassified: "_s + goError;
}

} // namespace

class ProxyWhereTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shouldMatchPatternsLikeXMod_data();
    void shouldMatchPatternsLikeXMod();
    void shouldExplainRoutes();
    void shouldRejectInvalidModulePaths();
    void shouldRouteLikeGo_data();
    void shouldRouteLikeGo();
    void shouldDecideChecksumDbLikeGo_data();
    void shouldDecideChecksumDbLikeGo();

private:
    mk::test::ScratchDir m_dir{u"proxywhere"_s};
    quint16 m_deadPort = 0;
    QString m_fixtureUrl;
};

void ProxyWhereTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_deadPort = closedPort();
    QVERIFY(m_deadPort != 0);
    mk::test::FixtureProxy fixture(m_dir.mkpath(u"fixture"_s));
    for (const QString &path : {u"example.com/hello"_s, u"corp.example.com/lib"_s}) {
        const mk::Status st = fixture.addModule(path, u"v1.0.0"_s,
                                                {{u"go.mod"_s, mk::test::FixtureProxy::goMod(path)},
                                                 {u"x.go"_s, QByteArray("package x\n")}});
        QVERIFY2(st.ok(), qPrintable(st.error().toString()));
    }
    m_fixtureUrl = fixture.url();
}

void ProxyWhereTest::shouldMatchPatternsLikeXMod_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("match");
    // golang.org/x/mod/module TestMatchPrefixPatterns (go-cache-internals.md §4.3).
    QTest::newRow("subdomain glob")
        << u"*.corp.example.com"_s << u"git.corp.example.com/xyzzy"_s << true;
    QTest::newRow("glob needs a label")
        << u"*.corp.example.com"_s << u"corp.example.com/x"_s << false;
    QTest::newRow("path prefix") << u"rsc.io/private"_s << u"rsc.io/private/quux"_s << true;
    QTest::newRow("element boundary") << u"rsc.io/private"_s << u"rsc.io/privateer"_s << false;
    QTest::newRow("star element") << u"rsc.io/*"_s << u"rsc.io/quote/v3"_s << true;
    QTest::newRow("case sensitive") << u"github.com/Org"_s << u"github.com/org/repo"_s << false;
    QTest::newRow("no trimming") << u"a.example.com, b.example.com"_s << u"b.example.com/x"_s
                                 << false;
    QTest::newRow("trailing slash") << u"example.com/"_s << u"example.com/x"_s << true;
    QTest::newRow("everything") << u"*"_s << u"example.com/x"_s << true;
    QTest::newRow("too few elements") << u"*/*"_s << u"example.com"_s << false;
    QTest::newRow("none") << u"none"_s << u"example.com/x"_s << false;
    QTest::newRow("malformed") << u"["_s << u"example.com/x"_s << false;
    QTest::newRow("second of list") << u"x.example.com,rsc.io"_s << u"rsc.io/quote"_s << true;
}

void ProxyWhereTest::shouldMatchPatternsLikeXMod()
{
    QFETCH(QString, pattern);
    QFETCH(QString, target);
    QFETCH(bool, match);
    QCOMPARE(!ProxyRoute::matchingPattern(pattern, target).isEmpty(), match);
}

void ProxyWhereTest::shouldExplainRoutes()
{
    ProxySettings s;
    s.goproxy = u"off"_s;
    s.goprivate = u"*.corp.example.com,rsc.io/private"_s;
    s.gosumdb = u"sum.golang.org"_s;

    // The GOPROXY=off quirk: the hidden noproxy entry comes first, so private modules are still
    // fetched directly.
    const ProxyRoute priv = ProxyRoute::forModule(u"git.corp.example.com/x"_s, s).value();
    QCOMPARE(priv.kind, ProxyRoute::Kind::Direct);
    QCOMPARE(priv.noProxyPattern, u"*.corp.example.com"_s);
    QVERIFY2(priv.reason.contains(u"GOPRIVATE (GONOPROXY defaults to it)"_s),
             qPrintable(priv.reason));
    QVERIFY(!priv.checksumDbChecked);
    QCOMPARE(priv.noSumDbPattern, u"*.corp.example.com"_s);

    const ProxyRoute pub = ProxyRoute::forModule(u"example.com/m"_s, s).value();
    QCOMPARE(pub.kind, ProxyRoute::Kind::Disabled);
    QVERIFY(pub.checksumDbChecked);
    QCOMPARE(pub.checksumDbName, u"sum.golang.org"_s);

    // GONOPROXY=none sends private modules through the proxies again; GONOSUMDB still follows
    // GOPRIVATE.
    s.goproxy = u"https://proxy.corp.example.com|https://proxy.golang.org,direct"_s;
    s.gonoproxy = u"none"_s;
    const ProxyRoute viaProxy = ProxyRoute::forModule(u"rsc.io/private/x"_s, s).value();
    QCOMPARE(viaProxy.kind, ProxyRoute::Kind::Proxies);
    QCOMPARE(viaProxy.steps.size(), 3);
    QVERIFY(viaProxy.steps.at(0).fallBackOnError);
    QVERIFY(!viaProxy.steps.at(1).fallBackOnError);
    QCOMPARE(viaProxy.steps.at(2).kind, ProxyRoute::Step::Kind::Direct);
    QVERIFY(!viaProxy.checksumDbChecked);
    QVERIFY2(viaProxy.describe().contains(u"(on any error try the next)"_s),
             qPrintable(viaProxy.describe()));

    s.gosumdb = u"off"_s;
    const ProxyRoute off = ProxyRoute::forModule(u"example.com/m"_s, s).value();
    QVERIFY(!off.checksumDbChecked);
    QVERIFY(off.checksumReason.startsWith(u"GOSUMDB=off"_s));

    s.gosumdb = u"sum.golang.google.cn"_s;
    const ProxyRoute cn = ProxyRoute::forModule(u"example.com/m"_s, s).value();
    QCOMPARE(cn.checksumDbName, u"sum.golang.org"_s);
    QCOMPARE(cn.checksumDbUrl, u"https://sum.golang.google.cn"_s);

    s.gosumdb = u"sum.example.com"_s; // a name without a key
    QCOMPARE(ProxyRoute::forModule(u"example.com/m"_s, s).value().checksumDbError,
             u"invalid GOSUMDB: malformed verifier id"_s);
    // Toolchains are always checked, GONOSUMDB or not.
    s.gosumdb = u"sum.golang.org"_s;
    s.gonosumdb = u"*"_s;
    QVERIFY(ProxyRoute::forModule(u"golang.org/toolchain"_s, s).value().checksumDbChecked);
    QVERIFY(!ProxyRoute::forModule(u"golang.org/x/text"_s, s).value().checksumDbChecked);

    s.goproxy = u","_s;
    const ProxyRoute invalid = ProxyRoute::forModule(u"example.com/m"_s, s).value();
    QCOMPARE(invalid.kind, ProxyRoute::Kind::Invalid);
    QCOMPARE(invalid.error.message,
             u"GOPROXY list is not the empty string, but contains no entries"_s);
    QCOMPARE(invalid.toJson().value(u"route"_s).toString(), u"invalid"_s);
}

void ProxyWhereTest::shouldRejectInvalidModulePaths()
{
    ProxySettings s;
    s.goproxy = u"direct"_s;
    const mk::Expected<ProxyRoute> r = ProxyRoute::forModule(u"nodot/x"_s, s);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().subject, u"nodot/x"_s);
}

void ProxyWhereTest::shouldRouteLikeGo_data()
{
    QTest::addColumn<QString>("go");
    QTest::addColumn<QString>("module");
    QTest::addColumn<QString>("goproxy");
    QTest::addColumn<QString>("goprivate");
    QTest::addColumn<QString>("gonoproxy");
    QTest::addColumn<QString>("goinsecure");

    const QString a = u"http://127.0.0.1:%1/a"_s.arg(m_deadPort);
    const QString b = u"http://127.0.0.1:%1/b"_s.arg(m_deadPort);
    struct Row
    {
        const char *name;
        QString module, goproxy, goprivate, gonoproxy, goinsecure;
    };
    const QList<Row> rows = {
        {"comma stops on errors", u"other.example.com/x"_s, a + u",direct"_s, {}, {}, {}},
        {"pipe falls through", u"other.example.com/x"_s, a + u'|' + b + u",direct"_s, {}, {}, {}},
        {"pipe to direct", u"other.example.com/x"_s, a + u"|direct"_s, {}, {}, {}},
        {"off", u"other.example.com/x"_s, u"off"_s, {}, {}, {}},
        {"proxy error beats off", u"other.example.com/x"_s, a + u"|off"_s, {}, {}, {}},
        {"direct", u"other.example.com/x"_s, u"direct"_s, {}, {}, {}},
        {"scheme-less entries and spaces",
         u"other.example.com/x"_s,
         u" , "_s + a + u" ,|"_s,
         {},
         {},
         {}},
        {"GOPRIVATE goes direct",
         u"git.corp.example.com/x"_s,
         a + u",direct"_s,
         u"*.corp.example.com"_s,
         {},
         {}},
        {"GOPROXY=off with GOPRIVATE",
         u"git.corp.example.com/x"_s,
         u"off"_s,
         u"*.corp.example.com"_s,
         {},
         {}},
        {"GONOPROXY=none uses the proxy",
         u"git.corp.example.com/x"_s,
         a,
         u"*.corp.example.com"_s,
         u"none"_s,
         {}},
        {"GOPRIVATE not matching", u"other.example.com/x"_s, a, u"*.corp.example.com"_s, {}, {}},
        {"GOINSECURE direct",
         u"git.corp.example.com/x"_s,
         a,
         u"*.corp.example.com"_s,
         {},
         u"git.corp.example.com"_s},
        {"pattern with a leading space",
         u"b.example.com/x"_s,
         a,
         u"a.example.com, b.example.com"_s,
         {},
         {}},
        {"pattern with a trailing slash",
         u"corp.example.com/x"_s,
         a,
         u"corp.example.com/"_s,
         {},
         {}},
        {"glob over two elements",
         u"example.com/privateer/x"_s,
         a,
         u"example.com/private*"_s,
         {},
         {}},
        {"glob longer than the path", u"example.com"_s, a, u"*/*"_s, {}, {}},
        {"patterns are case-sensitive", u"corp.example.com/x"_s, a, u"Corp.example.com"_s, {}, {}},
        {"GONOPROXY alone",
         u"git.corp.example.com/x"_s,
         a + u",direct"_s,
         {},
         u"*.corp.example.com"_s,
         {}},
        {"GOPROXY=direct with GONOPROXY",
         u"git.corp.example.com/x"_s,
         u"direct"_s,
         {},
         u"git.corp.example.com"_s,
         {}},
        {"GONOPROXY overrides GOPRIVATE",
         u"git.corp.example.com/x"_s,
         a,
         u"*.corp.example.com"_s,
         u"other.example"_s,
         {}},
    };
    for (const QString &go : {GoTool::go119(), GoTool::go123()}) {
        for (const Row &r : rows) {
            QTest::addRow("%s %s", qPrintable(GoTool::label(go)), r.name)
                << go << r.module << r.goproxy << r.goprivate << r.gonoproxy << r.goinsecure;
        }
    }
}

void ProxyWhereTest::shouldRouteLikeGo()
{
    QFETCH(QString, go);
    QFETCH(QString, module);
    QFETCH(QString, goproxy);
    QFETCH(QString, goprivate);
    QFETCH(QString, gonoproxy);
    QFETCH(QString, goinsecure);

    ProxySettings s;
    s.goproxy = goproxy;
    s.goprivate = goprivate;
    s.gonoproxy = gonoproxy;
    s.goinsecure = goinsecure;
    s.gosumdb = u"off"_s;
    const mk::Expected<ProxyRoute> route = ProxyRoute::forModule(module, s);
    QVERIFY2(route.ok(), qPrintable(route.ok() ? QString() : route.error().toString()));

    mk::test::ScratchDir home(u"proxywhere-go"_s);
    bool ran = false;
    const QString goError = goDownloadError(go, home.path(), s, module, m_deadPort, &ran);
    QVERIFY2(ran, qPrintable(goError));
    QVERIFY2(!goError.isEmpty(), "go unexpectedly succeeded");
    const QString deadBase = u"http://127.0.0.1:%1"_s.arg(m_deadPort);
    QCOMPARE(classify(goError, deadBase), expectedErrorSource(*route));
}

void ProxyWhereTest::shouldDecideChecksumDbLikeGo_data()
{
    QTest::addColumn<QString>("go");
    QTest::addColumn<QString>("module");
    QTest::addColumn<QString>("gosumdb");
    QTest::addColumn<QString>("goprivate");
    QTest::addColumn<QString>("gonoproxy");
    QTest::addColumn<QString>("gonosumdb");

    struct Row
    {
        const char *name;
        QString module, gosumdb, goprivate, gonoproxy, gonosumdb;
    };
    const QString explicitUrl = u"sum.golang.org http://127.0.0.1:%1"_s.arg(m_deadPort);
    const QList<Row> rows = {
        {"checked by default", u"example.com/hello"_s, u"sum.golang.org"_s, {}, {}, {}},
        {"GOSUMDB=off", u"example.com/hello"_s, u"off"_s, {}, {}, {}},
        {"GONOSUMDB match", u"example.com/hello"_s, u"sum.golang.org"_s, {}, {}, u"example.com"_s},
        {"GONOSUMDB star", u"example.com/hello"_s, u"sum.golang.org"_s, {}, {}, u"*"_s},
        {"GONOSUMDB no match",
         u"example.com/hello"_s,
         u"sum.golang.org"_s,
         {},
         {},
         u"other.example"_s},
        {"GOPRIVATE implies GONOSUMDB",
         u"corp.example.com/lib"_s,
         u"sum.golang.org"_s,
         u"corp.example.com"_s,
         u"none"_s,
         {}},
        {"GONOSUMDB replaces GOPRIVATE's default", u"corp.example.com/lib"_s, u"sum.golang.org"_s,
         u"corp.example.com"_s, u"none"_s, u"other.example"_s},
        {"explicit sumdb URL", u"example.com/hello"_s, explicitUrl, {}, {}, {}},
    };
    for (const QString &go : {GoTool::go119(), GoTool::go123()}) {
        for (const Row &r : rows) {
            QTest::addRow("%s %s", qPrintable(GoTool::label(go)), r.name)
                << go << r.module << r.gosumdb << r.goprivate << r.gonoproxy << r.gonosumdb;
        }
    }
}

void ProxyWhereTest::shouldDecideChecksumDbLikeGo()
{
    QFETCH(QString, go);
    QFETCH(QString, module);
    QFETCH(QString, gosumdb);
    QFETCH(QString, goprivate);
    QFETCH(QString, gonoproxy);
    QFETCH(QString, gonosumdb);

    ProxySettings s;
    s.goproxy = m_fixtureUrl;
    s.gosumdb = gosumdb;
    s.goprivate = goprivate;
    s.gonoproxy = gonoproxy;
    s.gonosumdb = gonosumdb;
    const ProxyRoute route = ProxyRoute::forModule(module, s).value();
    QCOMPARE(route.kind, ProxyRoute::Kind::Proxies); // the fixture serves it

    mk::test::ScratchDir home(u"proxywhere-sumdb"_s);
    bool ran = false;
    const QString goError = goDownloadError(go, home.path(), s, module, m_deadPort, &ran);
    QVERIFY2(ran, qPrintable(goError));
    // A consulted database is unreachable here, so consulting it is what makes go fail.
    const bool goChecked = !goError.isEmpty();
    if (goChecked)
        QVERIFY2(goError.contains(u"verifying"_s) || goError.contains(u"sum.golang.org"_s),
                 qPrintable(goError));
    QVERIFY2(route.checksumDbChecked == goChecked,
             qPrintable(u"ours: %1 (%2); go: %3"_s.arg(route.checksumDbChecked)
                            .arg(route.checksumReason, goError)));
}

QTEST_GUILESS_MAIN(ProxyWhereTest)
#include "tst_proxywhere.moc"
