// SPDX-License-Identifier: GPL-3.0-or-later
// GoAuthHelper against the GOAUTH command protocol as documented for Go 1.24 (`go help goauth`):
// the credential sets it formats must parse with go's grammar and be found by go's prefix
// lookup; the URLs go passes on a retry are vetted like a git credential helper's input. The
// end-to-end run of `modkeeper-cli goauth` against a real keyring is in tst_keychain_credentials.
#include <QTest>

#include "keychain/GoAuthHelper.h"
#include "proxytest/GoAuthProtocol.h"

using namespace Qt::StringLiterals;
using mk::Credential;
using mk::GoAuthHelper;
using mk::test::GoAuthProtocol;

class GoAuthTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldFormatCredentialSetsGoCanParse();
    void shouldRefuseUnsafeRequestUrls_data();
    void shouldRefuseUnsafeRequestUrls();
    void shouldBuildTheGoauthValue();
    void shouldRejectMalformedProtocolOutputInTheJudge();
};

void GoAuthTest::shouldFormatCredentialSetsGoCanParse()
{
    const Credential a{u"alice"_s, u"tok-a"_s};
    const Credential b{u"bob"_s, u"tok-b"_s};
    const QByteArray setA = GoAuthHelper::credentialSet(u"proxy.corp.example"_s, a).value();
    const QByteArray setB = GoAuthHelper::credentialSet(u"[::1]:8443"_s, b).value();
    QCOMPARE(setA, QByteArray(
                       "https://proxy.corp.example/\n\nAuthorization: Basic YWxpY2U6dG9rLWE=\n\n"));

    QString error;
    const auto creds = GoAuthProtocol::parse(setA + setB, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(creds.size(), 2);
    QCOMPARE(GoAuthProtocol::authorizationFor(
                 creds, u"https://proxy.corp.example/golang.org/x/text/@v/list"_s),
             u"Basic YWxpY2U6dG9rLWE="_s);
    QCOMPARE(GoAuthProtocol::authorizationFor(creds, u"https://[::1]:8443/m/@v/list"_s),
             QString::fromLatin1(b.basicAuthorization()));
    QVERIFY(
        GoAuthProtocol::authorizationFor(creds, u"https://proxy.corp.example.evil/x"_s).isEmpty());

    // Not a normalised key, or a credential that would break the header: nothing printed.
    QVERIFY(!GoAuthHelper::credentialSet(u"Proxy.Corp.Example"_s, a).ok());
    QVERIFY(!GoAuthHelper::credentialSet(u"proxy.corp.example/path"_s, a).ok());
    QVERIFY(!GoAuthHelper::credentialSet(u"proxy.corp.example"_s, {u"alice"_s, u"a\nInjected: 1"_s})
                 .ok());
    QVERIFY(!GoAuthHelper::credentialSet(u"proxy.corp.example"_s, {u"al:ice"_s, u"x"_s}).ok());
}

void GoAuthTest::shouldRefuseUnsafeRequestUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QStringList>("keys"); // empty: refused

    QTest::newRow("plain") << u"https://proxy.corp.example/m/@v/list"_s
                           << QStringList{u"proxy.corp.example"_s};
    QTest::newRow("port") << u"https://Proxy.Corp.Example:8443/m"_s
                          << QStringList{u"proxy.corp.example:8443"_s, u"proxy.corp.example"_s};
    QTest::newRow("default port") << u"https://proxy.corp.example:443/m"_s
                                  << QStringList{u"proxy.corp.example"_s};
    QTest::newRow("LF") << u"https://proxy.corp.example/\nhttps://evil.example/"_s << QStringList();
    QTest::newRow("CR") << u"https://proxy.corp.example\r/"_s << QStringList();
    QTest::newRow("NUL") << u"https://proxy.corp.example/\0"_s << QStringList();
    QTest::newRow("tab") << u"https://proxy.corp.example/\t"_s << QStringList();
    QTest::newRow("http") << u"http://proxy.corp.example/"_s << QStringList();
    QTest::newRow("userinfo") << u"https://u@proxy.corp.example/"_s << QStringList();
    QTest::newRow("no host") << u"https:///m"_s << QStringList();
    QTest::newRow("relative") << u"/m/@v/list"_s << QStringList();
    QTest::newRow("bad port") << u"https://proxy.corp.example:x/"_s << QStringList();
}

void GoAuthTest::shouldRefuseUnsafeRequestUrls()
{
    QFETCH(QString, url);
    QFETCH(QStringList, keys);
    const mk::Expected<QStringList> r = GoAuthHelper::keysForRequestUrl(url);
    QCOMPARE(r.ok() ? *r : QStringList(), keys);
    if (!r.ok())
        QVERIFY(!r.error().toString().contains(u"evil"_s)); // the crafted URL is not echoed
}

void GoAuthTest::shouldBuildTheGoauthValue()
{
    QCOMPARE(GoAuthHelper::goauthValue(u"/usr/bin/modkeeper-cli"_s).value(),
             u"/usr/bin/modkeeper-cli goauth"_s);
    QVERIFY(!GoAuthHelper::goauthValue(u"/opt/Mod Keeper/modkeeper-cli"_s).ok());
}

void GoAuthTest::shouldRejectMalformedProtocolOutputInTheJudge()
{
    // The judge must be able to say no, or the tests above prove nothing.
    QString error;
    GoAuthProtocol::parse("https://a.example/\nAuthorization: Basic x\n\n", &error);
    QVERIFY(!error.isEmpty());
    error.clear();
    GoAuthProtocol::parse("https://a.example/\n\nAuthorization: Basic x\n", &error);
    QVERIFY(!error.isEmpty());
    error.clear();
    GoAuthProtocol::parse("http://a.example/\n\nAuthorization: Basic x\n\n", &error);
    QVERIFY(!error.isEmpty());
    error.clear();
    GoAuthProtocol::parse("https://a.example/\n\nAuthorization Basic x\n\n", &error);
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(GoAuthTest)
#include "tst_goauth.moc"
