// SPDX-License-Identifier: GPL-3.0-or-later
// The GOPROXY list parser (go's proxyList), go's URL rules and GOSUMDB parsing. The error texts
// are checked against the real go 1.19 and 1.23: each row's GOPROXY is handed to
// `go mod download`, and go's complaint must be ours word for word. go stays on loopback: the
// valid rows point at closed loopback ports, and HTTPS_PROXY/HTTP_PROXY at one as well.
#include <QTcpServer>
#include <QTest>

#include "FixtureProxy.h"
#include "GoTool.h"
#include "ScratchDir.h"
#include "common/GoUrl.h"
#include "proxy/ProxyList.h"
#include "proxy/SumDbConfig.h"

using namespace Qt::StringLiterals;
using mk::GoUrl;
using mk::ProxyList;
using mk::SumDbConfig;
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

// "P" stands for "proxy", "D" for "direct", "O" for "off", "N" for the hidden noproxy entry;
// '|' after a proxy marks fall back on any error.
QString describe(const ProxyList &list)
{
    QStringList out;
    for (const ProxyList::Entry &e : list.entries()) {
        switch (e.kind) {
        case ProxyList::Entry::Kind::Proxy:
            out.append(e.url + (e.fallBackOnError ? u"|"_s : QString()));
            break;
        case ProxyList::Entry::Kind::Direct:
            out.append(u"D"_s);
            break;
        case ProxyList::Entry::Kind::Off:
            out.append(u"O"_s);
            break;
        case ProxyList::Entry::Kind::NoProxy:
            out.append(u"N"_s);
            break;
        }
    }
    return out.join(u' ');
}

// go's complaint about GOPROXY (or GOSUMDB) when downloading example.com/hello, without the
// "module@version: " prefix.
QString goError(const QString &go, const QString &goproxy, const QString &gonoproxy,
                const QString &gosumdb, quint16 deadPort)
{
    mk::test::ScratchDir home(u"proxylist-go"_s);
    QProcessEnvironment env
        = GoTool::isolatedEnvironment(go, home.path(), home.filePath(u"modcache"_s), goproxy);
    env.insert(u"GONOPROXY"_s, gonoproxy);
    env.insert(u"GOSUMDB"_s, gosumdb);
    const QString dead = u"http://127.0.0.1:%1"_s.arg(deadPort);
    env.insert(u"HTTPS_PROXY"_s, dead);
    env.insert(u"HTTP_PROXY"_s, dead);
    const mk::test::ProcessResult r
        = GoTool::run(go, {u"mod"_s, u"download"_s, u"-json"_s, u"example.com/hello@v1.0.0"_s}, env,
                      home.path(), 60000);
    const QList<mk::test::GoModuleInfo> infos = GoTool::parseJsonStream(r.stdOut);
    if (infos.isEmpty())
        return u"(no JSON) "_s + QString::fromUtf8(r.stdErr);
    QString e = infos.first().error;
    const QString prefix = u"example.com/hello@v1.0.0: "_s;
    if (e.startsWith(prefix))
        e = e.mid(prefix.size());
    return e;
}

} // namespace

class ProxyListTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shouldSplitLikeGo_data();
    void shouldSplitLikeGo();
    void shouldReportGoErrors_data();
    void shouldReportGoErrors();
    void shouldAgreeWithRealGo_data();
    void shouldAgreeWithRealGo();
    void shouldApplyStrictRules_data();
    void shouldApplyStrictRules();
    void shouldCompareChains();
    void shouldRedactUrls();
    void shouldParseGoSumDb_data();
    void shouldParseGoSumDb();
    void shouldReportGoSumDbErrorsLikeGo_data();
    void shouldReportGoSumDbErrorsLikeGo();

private:
    mk::test::ScratchDir m_dir{u"proxylist"_s};
    quint16 m_deadPort = 0;
    QString m_fixtureUrl;
};

void ProxyListTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_deadPort = closedPort();
    QVERIFY(m_deadPort != 0);
    mk::test::FixtureProxy fixture(m_dir.mkpath(u"fixture"_s));
    QVERIFY(fixture
                .addModule(u"example.com/hello"_s, u"v1.0.0"_s,
                           {{u"go.mod"_s, mk::test::FixtureProxy::goMod(u"example.com/hello"_s)}})
                .ok());
    m_fixtureUrl = fixture.url();
}

void ProxyListTest::shouldSplitLikeGo_data()
{
    QTest::addColumn<QString>("goproxy");
    QTest::addColumn<QString>("gonoproxy");
    QTest::addColumn<QString>("entries");

    QTest::newRow("default") << u"https://proxy.golang.org,direct"_s << QString()
                             << u"https://proxy.golang.org D"_s;
    QTest::newRow("scheme-less host")
        << u"goproxy.cn,direct"_s << QString() << u"https://goproxy.cn D"_s;
    QTest::newRow("host and port")
        << u"localhost:8080"_s << QString() << u"https://localhost:8080"_s;
    QTest::newRow("pipe") << u"https://a.example|https://b.example,direct"_s << QString()
                          << u"https://a.example| https://b.example D"_s;
    QTest::newRow("direct ends the list") << u"direct,https://a.example"_s << QString() << u"D"_s;
    QTest::newRow("off ends the list") << u"off|https://a.example"_s << QString() << u"O"_s;
    QTest::newRow("spaces and empty entries")
        << u" , https://a.example ,, |"_s << QString() << u"https://a.example"_s;
    QTest::newRow("file URL") << u"file:///srv/mods"_s << QString() << u"file:///srv/mods"_s;
    QTest::newRow("http allowed") << u"http://127.0.0.1:3000/p"_s << QString()
                                  << u"http://127.0.0.1:3000/p"_s;
    QTest::newRow("upper-case scheme")
        << u"HTTPS://a.example"_s << QString() << u"HTTPS://a.example"_s;
    QTest::newRow("IPv6") << u"https://[::1]:8443/"_s << QString() << u"https://[::1]:8443/"_s;
    QTest::newRow("query allowed on http")
        << u"https://a.example/?x=1"_s << QString() << u"https://a.example/?x=1"_s;
    QTest::newRow("noproxy entry")
        << u"https://a.example"_s << u"*.corp"_s << u"N https://a.example"_s;
    QTest::newRow("no noproxy for direct") << u"direct"_s << u"*.corp"_s << u"D"_s;
    QTest::newRow("noproxy for ' direct'") << u" direct"_s << u"*.corp"_s << u"N D"_s;
    QTest::newRow("userinfo is go's business")
        << u"https://u:p@a.example"_s << QString() << u"https://u:p@a.example"_s;
}

void ProxyListTest::shouldSplitLikeGo()
{
    QFETCH(QString, goproxy);
    QFETCH(QString, gonoproxy);
    QFETCH(QString, entries);
    const mk::Expected<ProxyList> list = ProxyList::parse(goproxy, gonoproxy, mk::Platform::Linux);
    QVERIFY2(list.ok(), qPrintable(list.ok() ? QString() : list.error().toString()));
    QCOMPARE(describe(*list), entries);
}

void ProxyListTest::shouldReportGoErrors_data()
{
    QTest::addColumn<QString>("goproxy");
    QTest::addColumn<QString>("gonoproxy");
    QTest::addColumn<QString>("message");

    const QString empty = u"GOPROXY list is not the empty string, but contains no entries"_s;
    QTest::newRow("comma") << u","_s << QString() << empty;
    QTest::newRow("space") << u" "_s << QString() << empty;
    QTest::newRow("only separators") << u", ,|"_s << QString() << empty;
    QTest::newRow("only noproxy") << u","_s << u"x.example"_s << empty;
    QTest::newRow("empty") << QString() << QString() << empty;
    QTest::newRow("bare word") << u"dir"_s << QString()
                               << u"invalid proxy URL missing scheme: dir"_s;
    QTest::newRow("bare directory")
        << u"/srv/mods"_s << QString() << u"invalid proxy URL missing scheme: /srv/mods"_s;
    QTest::newRow("ftp") << u"ftp://x"_s << QString()
                         << u"invalid proxy URL scheme (must be https, http, file): ftp://x"_s;
    // "x:y" has a ':' but no ":/", so go prepends https:// first.
    QTest::newRow("opaque") << u"mailto:x"_s << QString()
                            << u"parse \"https://mailto:x\": invalid port \":x\" after host"_s;
    QTest::newRow("opaque with slash")
        << u"mailto:/x"_s << QString()
        << u"invalid proxy URL scheme (must be https, http, file): mailto:/x"_s;
    QTest::newRow("file host")
        << u"file://host/p"_s << QString()
        << u"invalid file:// proxy URL with non-path elements: file://host/p"_s;
    QTest::newRow("file query")
        << u"file:///srv/x?y"_s << QString()
        << u"invalid file:// proxy URL with non-path elements: file:///srv/x?y"_s;
    QTest::newRow("space in host")
        << u"https://a b"_s << QString()
        << u"parse \"https://a b\": invalid character \" \" in host name"_s;
    QTest::newRow("bad port") << u"https://h:x"_s << QString()
                              << u"parse \"https://h:x\": invalid port \":x\" after host"_s;
    QTest::newRow("bad escape") << u"https://h/%zz"_s << QString()
                                << u"parse \"https://h/%zz\": invalid URL escape \"%zz\""_s;
    QTest::newRow("windows path on unix")
        << u"C:\\foo"_s << QString()
        << u"parse \"https://C:\\\\foo\": invalid port \":\\\\foo\" after host"_s;
    QTest::newRow("control character")
        << u"https://h/a\x01"_s << QString()
        << u"parse \"https://h/a\\x01\": net/url: invalid control character in URL"_s;
    QTest::newRow("after a good entry")
        << u"https://a.example,ftp://b"_s << QString()
        << u"invalid proxy URL scheme (must be https, http, file): ftp://b"_s;
}

void ProxyListTest::shouldReportGoErrors()
{
    QFETCH(QString, goproxy);
    QFETCH(QString, gonoproxy);
    QFETCH(QString, message);
    const mk::Expected<ProxyList> list = ProxyList::parse(goproxy, gonoproxy, mk::Platform::Linux);
    QVERIFY(!list.ok());
    QCOMPARE(list.error().message, message);
    QCOMPARE(list.error().subject, u"GOPROXY"_s);
}

void ProxyListTest::shouldAgreeWithRealGo_data()
{
    QTest::addColumn<QString>("go");
    QTest::addColumn<QString>("goproxy");
    QTest::addColumn<QString>("gonoproxy");

    const QString p = QString::number(m_deadPort);
    const QList<std::pair<QString, QString>> rows = {
        {u","_s, {}},
        {u" "_s, {}},
        {u", ,|"_s, {}},
        {u","_s, u"x.example"_s},
        {u"dir"_s, {}},
        {u"/srv/mods"_s, {}},
        {u"ftp://x"_s, {}},
        {u"mailto:x"_s, {}},
        {u"mailto:/x"_s, {}},
        {u"file://host/p"_s, {}},
        {u"file:///srv/x?y"_s, {}},
        {u"https://a b"_s, {}},
        {u"https://h:x"_s, {}},
        {u"https://h/%zz"_s, {}},
        {u"C:\\foo"_s, {}},
        {u"http://127.0.0.1:%1/a\x01"_s.arg(p), {}},
        {u"http://127.0.0.1:%1/a,ftp://b"_s.arg(p), {}},
        // Valid lists: go gets past parsing and fails to connect (or is told not to).
        {u"http://127.0.0.1:%1/a,direct"_s.arg(p), {}},
        {u"127.0.0.1:%1"_s.arg(p), {}},
        {u"HTTP://127.0.0.1:%1/up"_s.arg(p), {}},
        {u"http://[::1]:%1/"_s.arg(p), {}},
        {u"off"_s, {}},
        {u"file:///nonexistent/modkeeper"_s, {}},
        {u" , http://127.0.0.1:%1/a ,, |"_s.arg(p), {}},
    };
    for (const QString &go : {GoTool::go119(), GoTool::go123()}) {
        for (const auto &[goproxy, gonoproxy] : rows)
            QTest::addRow("%s [%s]", qPrintable(GoTool::label(go)), qPrintable(goproxy))
                << go << goproxy << gonoproxy;
    }
}

void ProxyListTest::shouldAgreeWithRealGo()
{
    QFETCH(QString, go);
    QFETCH(QString, goproxy);
    QFETCH(QString, gonoproxy);
    const mk::Expected<ProxyList> ours = ProxyList::parse(goproxy, gonoproxy, mk::Platform::Linux);
    const QString theirs = goError(go, goproxy, gonoproxy, u"off"_s, m_deadPort);
    if (!ours.ok()) {
        QCOMPARE(theirs, ours.error().message);
        return;
    }
    // Accepted by us: go must have got past parsing, to a fetch (or to "off").
    QVERIFY2(!theirs.isEmpty(), "go succeeded without any reachable proxy");
    for (const QString &parseError :
         {u"GOPROXY list"_s, u"invalid proxy URL"_s, u"parse \""_s, u"invalid file://"_s})
        QVERIFY2(!theirs.contains(parseError), qPrintable(theirs));
}

void ProxyListTest::shouldApplyStrictRules_data()
{
    QTest::addColumn<QString>("goproxy");
    QTest::addColumn<QString>("message");
    QTest::newRow("userinfo")
        << u"https://alice:hunter2@proxy.corp.example"_s
        << u"https://xxxxx@proxy.corp.example: a user name or password in a proxy URL would be "
           u"stored in plain text "
           "in the go env file and shown in go's error messages; remove it from the URL and store "
           "the credential in "
           "the keychain instead (modkeeper-cli proxy login proxy.corp.example)"_s;
    QTest::newRow("token as user")
        << u"goproxy.cn,https://ghp_token@p.example"_s
        << u"https://xxxxx@p.example: a user name or password in a proxy URL would be "
           "stored in plain text in the go env file and shown in go's error messages; remove "
           "it from the URL and store the credential in the keychain instead "
           "(modkeeper-cli proxy login p.example)"_s;
    QTest::newRow("no host") << u"https:///path"_s << u"proxy URL has no host: https:///path"_s;
    QTest::newRow("token in query")
        << u"https://p.example/go?token=hunter2"_s
        << u"https://p.example/go: a query or fragment in a proxy URL is not supported (it "
           "often carries a token, which would be stored in plain text); use the keychain "
           "for credentials"_s;
    QTest::newRow("directory hint")
        << u"/srv/mods"_s
        << u"invalid proxy URL missing scheme: /srv/mods (a directory needs a file:// URL: "
           "file:///srv/mods)"_s;
}

void ProxyListTest::shouldApplyStrictRules()
{
    QFETCH(QString, goproxy);
    QFETCH(QString, message);
    const mk::Expected<ProxyList> list = ProxyList::parseStrict(goproxy, {}, mk::Platform::Linux);
    QVERIFY(!list.ok());
    QCOMPARE(list.error().message, message);
    QVERIFY(!list.error().toString().contains(u"hunter2"_s));
    QVERIFY(!list.error().toString().contains(u"ghp_token"_s));
    QVERIFY(ProxyList::parseStrict(u"https://proxy.golang.org,direct"_s).ok());
}

void ProxyListTest::shouldCompareChains()
{
    const ProxyList a = ProxyList::parse(u"goproxy.cn,direct"_s).value();
    const ProxyList b = ProxyList::parse(u"https://goproxy.cn,direct"_s).value();
    const ProxyList c = ProxyList::parse(u"https://goproxy.cn|direct"_s).value();
    const ProxyList d = ProxyList::parse(u"https://goproxy.cn,direct"_s, u"*.corp"_s).value();
    QVERIFY(a.sameChainAs(b));
    QVERIFY(!a.sameChainAs(c));
    QVERIFY(a.sameChainAs(d)); // the hidden noproxy entry is not part of the chain
    QCOMPARE(a.toString(), u"https://goproxy.cn,direct"_s);
    QCOMPARE(ProxyList::parse(u"https://a.example|https://b.example,off"_s).value().toString(),
             u"https://a.example|https://b.example,off"_s);
    QCOMPARE(b.proxyUrls(), QStringList{u"https://goproxy.cn"_s});
    QVERIFY(d.hasNoProxy());
}

void ProxyListTest::shouldRedactUrls()
{
    QCOMPARE(GoUrl::parse(u"https://alice:pw@h.example/x"_s).value().redacted(),
             u"https://alice:xxxxx@h.example/x"_s);
    QCOMPARE(GoUrl::parse(u"https://alice@h.example/x"_s).value().redacted(),
             u"https://alice@h.example/x"_s);
    QCOMPARE(GoUrl::redact(u"https://alice:pw@h.example/x"_s), u"https://xxxxx@h.example/x"_s);
    QCOMPARE(GoUrl::redact(u"https://h.example/a@b"_s), u"https://h.example/a@b"_s);
    QCOMPARE(GoUrl::redact(u"alice:pw@h.example"_s), u"xxxxx@h.example"_s);
    const GoUrl u = GoUrl::parse(u"https://[::1]:8443/p"_s).value();
    QCOMPARE(u.hostname(), u"::1"_s);
    QCOMPARE(u.port(), u"8443"_s);
    QCOMPARE(GoUrl::parse(u"https://Proxy.Example:444"_s).value().hostname(), u"Proxy.Example"_s);
}

void ProxyListTest::shouldParseGoSumDb_data()
{
    QTest::addColumn<QString>("gosumdb");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("error");

    QTest::newRow("default") << u"sum.golang.org"_s << u"sum.golang.org"_s << QString()
                             << QString();
    QTest::newRow("china alias") << u"sum.golang.google.cn"_s << u"sum.golang.org"_s
                                 << u"https://sum.golang.google.cn"_s << QString();
    QTest::newRow("full key")
        << u"sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8"_s
        << u"sum.golang.org"_s << QString() << QString();
    QTest::newRow("test fixture key with url")
        << u"sumdb.example.test+207ea956+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4 http://127.0.0.1:9/db"_s
        << u"sumdb.example.test"_s << u"http://127.0.0.1:9/db"_s << QString();
    QTest::newRow("x/mod example key")
        << u"PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"_s
        << u"PeterNeumann"_s << QString() << QString();
    QTest::newRow("empty") << QString() << QString() << QString() << u"missing GOSUMDB"_s;
    QTest::newRow("too many fields")
        << u"a b c"_s << QString() << QString() << u"invalid GOSUMDB: too many fields"_s;
    QTest::newRow("unknown name") << u"sum.example.com"_s << QString() << QString()
                                  << u"invalid GOSUMDB: malformed verifier id"_s;
    QTest::newRow("wrong hash")
        << u"sumdb.example.test+207ea957+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4"_s
        << QString() << QString() << u"invalid GOSUMDB: invalid verifier hash"_s;
}

void ProxyListTest::shouldParseGoSumDb()
{
    QFETCH(QString, gosumdb);
    QFETCH(QString, name);
    QFETCH(QString, url);
    QFETCH(QString, error);
    const mk::Expected<SumDbConfig> cfg = SumDbConfig::parse(gosumdb);
    if (!error.isEmpty()) {
        QVERIFY(!cfg.ok());
        QCOMPARE(cfg.error().message, error);
        return;
    }
    QVERIFY2(cfg.ok(), qPrintable(cfg.ok() ? QString() : cfg.error().message));
    QCOMPARE(cfg->name(), name);
    QCOMPARE(cfg->explicitUrl(), url);
    QVERIFY(SumDbConfig::parse(u"off"_s).value().isOff());
}

void ProxyListTest::shouldReportGoSumDbErrorsLikeGo_data()
{
    QTest::addColumn<QString>("go");
    QTest::addColumn<QString>("gosumdb");
    for (const QString &go : {GoTool::go119(), GoTool::go123()}) {
        for (const QString &v :
             {u"a b c"_s, u"sum.example.com"_s,
              u"sumdb.example.test+207ea957+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4"_s})
            QTest::addRow("%s [%s]", qPrintable(GoTool::label(go)), qPrintable(v)) << go << v;
    }
}

void ProxyListTest::shouldReportGoSumDbErrorsLikeGo()
{
    QFETCH(QString, go);
    QFETCH(QString, gosumdb);
    const mk::Expected<SumDbConfig> cfg = SumDbConfig::parse(gosumdb);
    QVERIFY(!cfg.ok());
    const QString theirs = goError(go, m_fixtureUrl, {}, gosumdb, m_deadPort);
    QVERIFY2(theirs.contains(cfg.error().message),
             qPrintable(theirs + u" / "_s + cfg.error().message));
}

QTEST_GUILESS_MAIN(ProxyListTest)
#include "tst_proxylist.moc"
