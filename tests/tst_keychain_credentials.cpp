// SPDX-License-Identifier: GPL-3.0-or-later
// Proxy credentials against a REAL gnome-keyring: CTest runs this test through
// tests/with-keyring.sh (a private D-Bus session and a throw-away unlocked keyring in a temporary
// XDG_DATA_HOME), and the test refuses to run anywhere else so that a developer's own keyring is
// never touched. Also: the CLI's login/logout (secret on stdin), the GOAUTH helper checked
// against go's documented protocol, the opt-in .netrc, timeouts, and that no output of any CLI
// run contains the secret.
#include <sys/stat.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

#include "ScratchDir.h"
#include "keychain/CredentialStore.h"
#include "keychain/GoAuthHelper.h"
#include "keychain/NetrcFile.h"
#include "proxytest/GoAuthProtocol.h"
#include "proxytest/LoopbackServerThread.h"
#include "proxytest/TestCertificate.h"

using namespace Qt::StringLiterals;
using mk::Credential;
using mk::CredentialResult;
using mk::CredentialStore;
using mk::test::GoAuthProtocol;

namespace {

const QString secretA = u"Tk-9d1f7c2e-secret-A"_s;
const QString secretB = u"Pw-00b3e1a4-secret-B"_s;
const QString secretC = u"Rotated-77aa-secret-C"_s;

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

CliRun runCli(const QStringList &args, const QByteArray &stdinData = {},
              const QStringList &extraEnv = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &kv : extraEnv)
        env.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(MODKEEPER_CLI), args);
    CliRun r;
    if (!p.waitForStarted(10000))
        return r;
    p.write(stdinData);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

CredentialResult await(QFuture<CredentialResult> f, int ms = 20000)
{
    // The main event loop keeps running: nothing here blocks the "GUI" thread.
    if (!QTest::qWaitFor([&] { return f.isFinished(); }, ms) || f.resultCount() == 0)
        return {};
    return f.result();
}

bool sameCredential(const Credential &a, const Credential &b)
{
    return a.username == b.username && a.secret == b.secret;
}

QString basic(const QString &user, const QString &secret)
{
    return QString::fromLatin1(Credential{user, secret}.basicAuthorization());
}

// A backend that never answers, or blocks the keychain thread for a while.
class StuckBackend final : public mk::KeychainBackend
{
public:
    explicit StuckBackend(int blockMs) : m_blockMs(blockMs) { }
    void read(const QString &, const QString &, Done done) override { stall(std::move(done)); }
    void write(const QString &, const QString &, const QByteArray &, Done done) override
    {
        stall(std::move(done));
    }
    void remove(const QString &, const QString &, Done done) override { stall(std::move(done)); }

private:
    void stall(Done done)
    {
        if (m_blockMs > 0) {
            QThread::msleep(m_blockMs); // a KWallet-style blocking call on the keychain thread
            Reply r;
            r.outcome = Outcome::NotFound;
            done(r);
        }
        // m_blockMs == 0: never answers at all (Flatpak-style lost reply).
    }
    int m_blockMs;
};

} // namespace

class KeychainCredentialsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shouldRoundTripThroughTheRealKeyring();
    void shouldNormaliseHosts_data();
    void shouldNormaliseHosts();
    void shouldTimeOutWhenTheKeychainHangs();
    void shouldTimeOutWhenTheKeychainThreadIsBlocked();
    void shouldLoginAndLogoutThroughTheCliWithTheSecretOnStdin();
    void shouldAnswerGoAuthPerTheDocumentedProtocol();
    void shouldRefuseBadGoAuthRequests_data();
    void shouldRefuseBadGoAuthRequests();
    void shouldWriteNetrcOnlyOnRequest();
    void shouldProbeWithTheStoredCredentialFromTheCli();
    void cleanupTestCase();

private:
    void checkNoSecretIn(const CliRun &run, bool stdoutMayCarryIt = false);

    mk::test::ScratchDir m_home{u"keychain-home"_s};
    QList<CliRun> m_runs; // every CLI run, grepped once more at the end
};

void KeychainCredentialsTest::initTestCase()
{
    // Never against a real user's keyring: only inside with-keyring.sh's private session.
    const QByteArray runtime = qgetenv("XDG_RUNTIME_DIR");
    QVERIFY2(runtime.contains("with-keyring.") && !qgetenv("DBUS_SESSION_BUS_ADDRESS").isEmpty(),
             "run this test through tests/with-keyring.sh (ctest does)");
    QVERIFY(m_home.isValid());
    QStandardPaths::setTestModeEnabled(true);
    qputenv("HOME", QFile::encodeName(m_home.path()));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(u"config"_s)));
    qputenv("NETRC", QFile::encodeName(m_home.filePath(u"netrc"_s)));
    // QtKeychain picks its backend from the desktop; make it the Secret Service (libsecret).
    for (const char *v :
         {"XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION", "DISPLAY", "QT_NO_GLIB"})
        qunsetenv(v);
    // The same QSettings file as modkeeper-cli, for the host index.
    QCoreApplication::setOrganizationName(u"ModKeeper"_s);
    QCoreApplication::setApplicationName(u"ModKeeper"_s);
}

void KeychainCredentialsTest::checkNoSecretIn(const CliRun &run, bool stdoutMayCarryIt)
{
    m_runs.append(stdoutMayCarryIt ? CliRun{run.exitCode, {}, run.err} : run);
    for (const QString &s : {secretA, secretB, secretC}) {
        const QByteArray plain = s.toUtf8();
        const QByteArray encoded = plain.toBase64();
        QVERIFY2(!run.err.contains(plain) && !run.err.contains(encoded),
                 "a secret appeared on stderr");
        if (!stdoutMayCarryIt)
            QVERIFY2(!run.out.contains(plain) && !run.out.contains(encoded),
                     "a secret appeared on stdout");
    }
}

void KeychainCredentialsTest::shouldRoundTripThroughTheRealKeyring()
{
    CredentialStore &store = CredentialStore::instance();
    QCOMPARE(await(store.checkAvailable()).state, CredentialResult::State::Ok);

    const QString host = u"proxy.corp.example"_s;
    QCOMPARE(await(store.read(host)).state, CredentialResult::State::NotFound);

    QFuture<CredentialResult> pending = store.write(host, {u"alice"_s, secretA});
    const CredentialResult written = await(pending);
    QVERIFY2(written.ok(), qPrintable(written.error.toString()));
    QVERIFY(CredentialStore::knownHosts().contains(host));

    CredentialResult read = await(store.read(u"https://Proxy.Corp.Example/some/path"_s));
    QVERIFY2(read.ok(), qPrintable(read.error.toString()));
    QVERIFY(sameCredential(read.credential, {u"alice"_s, secretA}));

    // Overwrite.
    QVERIFY(await(store.write(host, {u"alice2"_s, secretC})).ok());
    read = await(store.read(host));
    QVERIFY(read.ok());
    QVERIFY(sameCredential(read.credential, {u"alice2"_s, secretC}));

    // Another host is another entry.
    QVERIFY(await(store.write(u"proxy.corp.example:8443"_s, {u"bob"_s, secretB})).ok());
    QVERIFY(sameCredential(await(store.read(u"proxy.corp.example:8443"_s)).credential,
                           {u"bob"_s, secretB}));
    QVERIFY(sameCredential(await(store.read(host)).credential, {u"alice2"_s, secretC}));

    // Delete, then not found; a second delete says so.
    QVERIFY(await(store.remove(host)).ok());
    QCOMPARE(await(store.read(host)).state, CredentialResult::State::NotFound);
    QCOMPARE(await(store.remove(host)).state, CredentialResult::State::NotFound);
    QVERIFY(!CredentialStore::knownHosts().contains(host));
    QVERIFY(await(store.remove(u"proxy.corp.example:8443"_s)).ok());
    QCOMPARE(CredentialStore::knownHosts(), QStringList());

    // Nothing secret in the settings file.
    QSettings settings;
    settings.sync();
    QFile f(settings.fileName());
    if (f.open(QIODevice::ReadOnly)) {
        const QByteArray content = f.readAll();
        for (const QString &s : {secretA, secretB, secretC})
            QVERIFY(!content.contains(s.toUtf8()));
    }

    // Bad input never reaches the keychain.
    const CredentialResult bad = await(store.write(host, {u"user:colon"_s, secretA}));
    QCOMPARE(bad.state, CredentialResult::State::Invalid);
    QCOMPARE(await(store.write(u"http://proxy.corp.example"_s, {u"a"_s, secretA})).state,
             CredentialResult::State::Invalid);
    QCOMPARE(await(store.write(host, {u"a"_s, u"line\nbreak"_s})).state,
             CredentialResult::State::Invalid);
    QCOMPARE(await(store.read(host)).state, CredentialResult::State::NotFound);
}

void KeychainCredentialsTest::shouldNormaliseHosts_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("key"); // empty: refused
    QTest::newRow("host") << u"Proxy.Example.COM"_s << u"proxy.example.com"_s;
    QTest::newRow("port") << u"proxy.example.com:8443"_s << u"proxy.example.com:8443"_s;
    QTest::newRow("default port") << u"proxy.example.com:443"_s << u"proxy.example.com"_s;
    QTest::newRow("https url") << u"https://proxy.example.com/goproxy/"_s << u"proxy.example.com"_s;
    QTest::newRow("ipv6") << u"[::1]:8443"_s << u"[::1]:8443"_s;
    QTest::newRow("http url") << u"http://proxy.example.com"_s << QString();
    QTest::newRow("userinfo") << u"https://u:p@proxy.example.com"_s << QString();
    QTest::newRow("path without scheme") << u"proxy.example.com/x"_s << QString();
    QTest::newRow("newline") << u"proxy.example.com\nevil.example"_s << QString();
    QTest::newRow("empty") << QString() << QString();
}

void KeychainCredentialsTest::shouldNormaliseHosts()
{
    QFETCH(QString, input);
    QFETCH(QString, key);
    const mk::Expected<QString> r = CredentialStore::normalizeHost(input);
    QCOMPARE(r.ok() ? *r : QString(), key);
}

void KeychainCredentialsTest::shouldTimeOutWhenTheKeychainHangs()
{
    CredentialStore hung(std::make_shared<StuckBackend>(0), u"ModKeeper test hung"_s);
    QElapsedTimer clock;
    clock.start();
    QFuture<CredentialResult> f = hung.write(u"hung.example"_s, {u"u"_s, secretA}, 300);
    QVERIFY(!f.isFinished()); // returned at once: the caller never waits for the keychain
    const CredentialResult r = await(f, 5000);
    QCOMPARE(r.state, CredentialResult::State::TimedOut);
    QVERIFY(clock.elapsed() < 3000);
    QVERIFY2(r.error.message.contains(u"did not answer within 1 s"_s), qPrintable(r.error.message));
    QVERIFY(!CredentialStore::knownHosts().contains(u"hung.example"_s));
    // The real keychain still works afterwards: the stuck request did not jam the thread.
    QCOMPARE(await(CredentialStore::instance().checkAvailable()).state,
             CredentialResult::State::Ok);
}

void KeychainCredentialsTest::shouldTimeOutWhenTheKeychainThreadIsBlocked()
{
    CredentialStore blocking(std::make_shared<StuckBackend>(2000), u"ModKeeper test blocking"_s);
    QElapsedTimer clock;
    clock.start();
    const CredentialResult r = await(blocking.read(u"slow.example"_s, 300), 5000);
    QCOMPARE(r.state, CredentialResult::State::TimedOut);
    QVERIFY2(clock.elapsed() < 1500, qPrintable(QString::number(clock.elapsed())));
    // Once the keychain thread is free again, queued work completes.
    QCOMPARE(await(CredentialStore::instance().checkAvailable(), 10000).state,
             CredentialResult::State::Ok);
}

void KeychainCredentialsTest::shouldLoginAndLogoutThroughTheCliWithTheSecretOnStdin()
{
    // No way to pass a secret in argv.
    const CliRun argv = runCli({u"proxy"_s, u"login"_s, u"cli.example"_s, u"--user"_s, u"carol"_s,
                                u"--password"_s, secretA});
    QCOMPARE(argv.exitCode, 2);

    const CliRun login
        = runCli({u"proxy"_s, u"login"_s, u"cli.example:9443"_s, u"--user"_s, u"carol"_s},
                 secretA.toUtf8() + "\n", {u"QT_LOGGING_RULES=*.debug=true"_s});
    QVERIFY2(login.exitCode == 0, login.err.constData());
    checkNoSecretIn(login);
    QVERIFY(login.out.contains("cli.example:9443"));
    const CredentialResult stored = await(CredentialStore::instance().read(u"cli.example:9443"_s));
    QVERIFY(stored.ok());
    QVERIFY(sameCredential(stored.credential, {u"carol"_s, secretA}));

    const CliRun empty
        = runCli({u"proxy"_s, u"login"_s, u"cli.example"_s, u"--user"_s, u"carol"_s}, "");
    QCOMPARE(empty.exitCode, 1);
    QVERIFY(empty.err.contains("no password or token"));
    const CliRun twoLines
        = runCli({u"proxy"_s, u"login"_s, u"cli.example"_s, u"--user"_s, u"carol"_s},
                 secretB.toUtf8() + "\nmore\n");
    QCOMPARE(twoLines.exitCode, 1);
    checkNoSecretIn(twoLines);
    const CliRun http
        = runCli({u"proxy"_s, u"login"_s, u"http://cli.example"_s, u"--user"_s, u"carol"_s}, "x\n");
    QCOMPARE(http.exitCode, 2);
    QVERIFY(http.err.contains("https"));

    const CliRun logout = runCli({u"proxy"_s, u"logout"_s, u"cli.example:9443"_s});
    QVERIFY2(logout.exitCode == 0, logout.err.constData());
    checkNoSecretIn(logout);
    QCOMPARE(await(CredentialStore::instance().read(u"cli.example:9443"_s)).state,
             CredentialResult::State::NotFound);
    const CliRun again = runCli({u"proxy"_s, u"logout"_s, u"cli.example:9443"_s});
    QCOMPARE(again.exitCode, 1);
    QVERIFY(again.err.contains("cli.example:9443"));
}

void KeychainCredentialsTest::shouldAnswerGoAuthPerTheDocumentedProtocol()
{
    QVERIFY(runCli({u"proxy"_s, u"login"_s, u"goproxy.corp.example"_s, u"--user"_s, u"dave"_s},
                   secretA.toUtf8())
                .exitCode
            == 0);
    QVERIFY(runCli({u"proxy"_s, u"login"_s, u"mirror.corp.example:8443"_s, u"--user"_s, u"erin"_s},
                   secretB.toUtf8())
                .exitCode
            == 0);

    // First run: no arguments, no input; every stored host.
    const CliRun all = runCli({u"goauth"_s}, {}, {u"QT_LOGGING_RULES=*.debug=true"_s});
    QCOMPARE(all.exitCode, 0);
    checkNoSecretIn(all, true);
    QString error;
    const auto creds = GoAuthProtocol::parse(all.out, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(creds.size(), 2);
    // QVERIFY, not QCOMPARE: a failure must not print the secret into the test log.
    QVERIFY(GoAuthProtocol::authorizationFor(
                creds, u"https://goproxy.corp.example/github.com/x/y/@v/list"_s)
            == basic(u"dave"_s, secretA));
    QVERIFY(GoAuthProtocol::authorizationFor(creds,
                                             u"https://mirror.corp.example:8443/m/@v/v1.0.0.zip"_s)
            == basic(u"erin"_s, secretB));
    // go looks credentials up by host:port, so the port-less entry does not leak to other ports.
    QVERIFY(
        GoAuthProtocol::authorizationFor(creds, u"https://goproxy.corp.example:444/x"_s).isEmpty());
    QVERIFY(GoAuthProtocol::authorizationFor(creds, u"https://mirror.corp.example/x"_s).isEmpty());
    QVERIFY(GoAuthProtocol::authorizationFor(creds, u"https://other.example/x"_s).isEmpty());
    // Byte for byte, as documented.
    QVERIFY(all.out
            == QByteArray("https://goproxy.corp.example/\n\nAuthorization: "
                          + basic(u"dave"_s, secretA).toLatin1()
                          + "\n\nhttps://mirror.corp.example:8443/\n\nAuthorization: "
                          + basic(u"erin"_s, secretB).toLatin1() + "\n\n"));

    // Retry after a 4xx: the URL as argument, the response on stdin; only that host.
    const CliRun retry = runCli({u"goauth"_s, u"https://mirror.corp.example:8443/m/@v/list"_s},
                                "HTTP/1.1 401 Unauthorized\nContent-Length: 0\n\n");
    QCOMPARE(retry.exitCode, 0);
    checkNoSecretIn(retry, true);
    const auto one = GoAuthProtocol::parse(retry.out, &error);
    QVERIFY(error.isEmpty());
    QCOMPARE(one.keys(), QStringList{u"mirror.corp.example:8443"_s});

    // An unknown host gets nothing, and that is not an error.
    const CliRun unknown
        = runCli({u"goauth"_s, u"https://unknown.example/x"_s}, "HTTP/1.1 403 Forbidden\n\n");
    QCOMPARE(unknown.exitCode, 0);
    QVERIFY(unknown.out.isEmpty());

    QVERIFY(runCli({u"proxy"_s, u"logout"_s, u"goproxy.corp.example"_s}).exitCode == 0);
    QVERIFY(runCli({u"proxy"_s, u"logout"_s, u"mirror.corp.example:8443"_s}).exitCode == 0);
    const CliRun none = runCli({u"goauth"_s});
    QCOMPARE(none.exitCode, 0);
    QVERIFY(none.out.isEmpty());
}

void KeychainCredentialsTest::shouldRefuseBadGoAuthRequests_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("LF") << u"https://evil.example/\nhttps://goproxy.corp.example/"_s;
    QTest::newRow("CR") << u"https://goproxy.corp.example\r/x"_s;
    QTest::newRow("NUL-like escape kept literal") << u"https://goproxy.corp.example/%00"_s;
    QTest::newRow("http") << u"http://goproxy.corp.example/x"_s;
    QTest::newRow("userinfo") << u"https://x@goproxy.corp.example/x"_s;
    QTest::newRow("other host") << u"https://goproxy.corp.example.evil.example/x"_s;
    QTest::newRow("not a URL") << u"goproxy.corp.example"_s;
}

void KeychainCredentialsTest::shouldRefuseBadGoAuthRequests()
{
    QFETCH(QString, url);
    QVERIFY(runCli({u"proxy"_s, u"login"_s, u"goproxy.corp.example"_s, u"--user"_s, u"dave"_s},
                   secretA.toUtf8())
                .exitCode
            == 0);
    const CliRun r = runCli({u"goauth"_s, url}, "HTTP/1.1 401 Unauthorized\n\n");
    checkNoSecretIn(r);
    if (QTest::currentDataTag() == QByteArrayLiteral("NUL-like escape kept literal")) {
        // %00 is an escape, not a NUL byte: a legitimate path on the right host.
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("https://goproxy.corp.example/\n"));
    } else {
        QVERIFY(r.out.isEmpty());
        QVERIFY(r.exitCode == 0 || r.exitCode == 1);
    }
    // A NUL cannot travel in argv; the helper's own check is exercised directly.
    QVERIFY(!mk::GoAuthHelper::keysForRequestUrl(u"https://goproxy.corp.example/\0x"_s).ok());
    QVERIFY(runCli({u"proxy"_s, u"logout"_s, u"goproxy.corp.example"_s}).exitCode == 0);
}

void KeychainCredentialsTest::shouldWriteNetrcOnlyOnRequest()
{
    const QString netrc = m_home.filePath(u"netrc"_s);
    QFile::remove(netrc);
    const QByteArray before = "machine other.example login x password y\n";
    {
        QFile f(netrc);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(before);
    }
    QVERIFY(::chmod(QFile::encodeName(netrc).constData(), 0644) == 0);

    // Without --netrc nothing is written there.
    QVERIFY(runCli({u"proxy"_s, u"login"_s, u"plain.example"_s, u"--user"_s, u"fay"_s},
                   secretA.toUtf8())
                .exitCode
            == 0);
    QFile f(netrc);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
    f.close();

    const CliRun login = runCli(
        {u"proxy"_s, u"login"_s, u"plain.example:8443"_s, u"--user"_s, u"fay"_s, u"--netrc"_s},
        secretB.toUtf8());
    QVERIFY2(login.exitCode == 0, login.err.constData());
    checkNoSecretIn(login);
    QVERIFY(login.err.contains("PLAIN TEXT"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray after = f.readAll();
    f.close();
    // go 1.20+ matches host:port, go 1.19 the host name only: one entry each.
    QVERIFY(after
            == before + "machine plain.example:8443 login fay password " + secretB.toUtf8()
                   + "\nmachine plain.example login fay password " + secretB.toUtf8() + "\n");
    struct stat st
    { };
    QCOMPARE(::stat(QFile::encodeName(netrc).constData(), &st), 0);
    QCOMPARE(st.st_mode & 07777, mode_t(0600));
    const QList<mk::NetrcFile::Entry> entries = mk::NetrcFile::parse(after);
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries.at(1).machine, u"plain.example:8443"_s);
    QCOMPARE(entries.at(2).machine, u"plain.example"_s);

    const CliRun logout = runCli({u"proxy"_s, u"logout"_s, u"plain.example:8443"_s, u"--netrc"_s});
    QVERIFY2(logout.exitCode == 0, logout.err.constData());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
    f.close();
    QVERIFY(runCli({u"proxy"_s, u"logout"_s, u"plain.example"_s}).exitCode == 0);
}

void KeychainCredentialsTest::shouldProbeWithTheStoredCredentialFromTheCli()
{
    mk::test::ScratchDir dir(u"keychain-probe"_s);
    const mk::test::TestCertificate cert(dir.path());
    QVERIFY2(cert.ok(), qPrintable(cert.error()));
    mk::test::LoopbackServerThread server(QHostAddress::LocalHost, cert.serverConfiguration());
    QVERIFY(server.listening());
    server->route("/corp/", {});

    QVERIFY(
        runCli({u"proxy"_s, u"login"_s, server.hostKey(), u"--user"_s, u"gil"_s}, secretA.toUtf8())
            .exitCode
        == 0);
    QVERIFY(runCli({u"proxy"_s, u"add"_s, u"loopback-corp"_s, server.base() + u"/corp,direct"_s})
                .exitCode
            == 0);
    const CliRun probe
        = runCli({u"proxy"_s, u"probe"_s, u"--preset"_s, u"loopback-corp"_s, u"--cacert"_s,
                  cert.certPath(), u"--json"_s, u"--timeout"_s, u"10"_s},
                 {}, {u"QT_LOGGING_RULES=*.debug=true"_s});
    checkNoSecretIn(probe);
    QVERIFY2(probe.exitCode == 0, probe.err.constData());
    const QJsonObject result = QJsonDocument::fromJson(probe.out)
                                   .object()
                                   .value(u"results"_s)
                                   .toArray()
                                   .first()
                                   .toObject();
    QCOMPARE(result.value(u"status"_s).toString(), u"ok"_s);
    QVERIFY(result.value(u"credentialsSent"_s).toBool());
    QVERIFY(result.value(u"fastest"_s).toBool());
    const QList<mk::test::LoopbackHttpServer::Received> got = server->received();
    QCOMPARE(got.size(), 1);
    QVERIFY(got.first().authorization == (Credential{u"gil"_s, secretA}.basicAuthorization()));

    QVERIFY(runCli({u"proxy"_s, u"remove"_s, u"loopback-corp"_s}).exitCode == 0);
    QVERIFY(runCli({u"proxy"_s, u"logout"_s, server.hostKey()}).exitCode == 0);
}

void KeychainCredentialsTest::cleanupTestCase()
{
    // One last sweep over everything the CLI printed.
    for (const CliRun &r : std::as_const(m_runs)) {
        for (const QString &s : {secretA, secretB, secretC}) {
            QVERIFY(!r.out.contains(s.toUtf8()));
            QVERIFY(!r.err.contains(s.toUtf8()));
        }
    }
}

QTEST_GUILESS_MAIN(KeychainCredentialsTest)
#include "tst_keychain_credentials.moc"
