// SPDX-License-Identifier: GPL-3.0-or-later
// No secret service at all: the session bus address points at a socket that does not exist (no
// D-Bus autolaunch either). Every credential operation must end quickly in the explicit
// "no secure storage" state, and nothing may be written anywhere: no QSettings entry, no go env
// file, no .netrc, no plain-text fallback.
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include "ScratchDir.h"
#include "keychain/CredentialStore.h"

using namespace Qt::StringLiterals;
using mk::CredentialResult;
using mk::CredentialStore;

namespace {

const QString secret = u"NoStore-4c1e-never-written"_s;

QStringList filesUnder(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(it.next());
    out.sort();
    return out;
}

bool anyFileContains(const QString &dir, const QByteArray &needle)
{
    for (const QString &path : filesUnder(dir)) {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
            return true;
    }
    return false;
}

} // namespace

class NoKeychainTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shouldReportNoSecureStorage();
    void shouldStoreNothingAnywhere();
    void shouldFailTheCliClearlyWithoutWritingAnything();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run runCli(const QStringList &args, const QByteArray &input = {});

    mk::test::ScratchDir m_home{u"nokeychain"_s};
    QProcessEnvironment m_env;
};

void NoKeychainTest::initTestCase()
{
    QVERIFY(m_home.isValid());
    QStandardPaths::setTestModeEnabled(true);
    // A bus address that cannot connect: libsecret fails at once; nothing is autolaunched.
    qputenv("DBUS_SESSION_BUS_ADDRESS",
            QFile::encodeName(u"unix:path="_s + m_home.filePath(u"no-such-bus"_s)));
    for (const char *v : {"DISPLAY", "WAYLAND_DISPLAY", "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION",
                          "KDE_FULL_SESSION"})
        qunsetenv(v);
    qputenv("HOME", QFile::encodeName(m_home.path()));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(u"config"_s)));
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(u"data"_s)));
    qputenv("NETRC", QFile::encodeName(m_home.filePath(u"netrc"_s)));
    qunsetenv("GOENV");
    QCoreApplication::setOrganizationName(u"ModKeeper"_s);
    QCoreApplication::setApplicationName(u"ModKeeper"_s);
    m_env = QProcessEnvironment::systemEnvironment();
}

NoKeychainTest::Run NoKeychainTest::runCli(const QStringList &args, const QByteArray &input)
{
    QProcess p;
    p.setProcessEnvironment(m_env);
    p.start(QStringLiteral(MODKEEPER_CLI), args);
    Run r;
    if (!p.waitForStarted(10000))
        return r;
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

void NoKeychainTest::shouldReportNoSecureStorage()
{
    QElapsedTimer clock;
    clock.start();
    QFuture<CredentialResult> f = CredentialStore::instance().checkAvailable(20000);
    QVERIFY(QTest::qWaitFor([&] { return f.isFinished(); }, 25000));
    const CredentialResult r = f.result();
    QCOMPARE(r.state, CredentialResult::State::NoSecureStorage);
    QVERIFY2(r.error.message.startsWith(u"no secure storage"_s), qPrintable(r.error.message));
    QVERIFY2(r.error.message.contains(u"never in plain text"_s), qPrintable(r.error.message));
    // An unreachable bus is an immediate error, not a timeout.
    QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
}

void NoKeychainTest::shouldStoreNothingAnywhere()
{
    QFuture<CredentialResult> w
        = CredentialStore::instance().write(u"proxy.corp.example"_s, {u"alice"_s, secret});
    QVERIFY(QTest::qWaitFor([&] { return w.isFinished(); }, 25000));
    QCOMPARE(w.result().state, CredentialResult::State::NoSecureStorage);

    QFuture<CredentialResult> r = CredentialStore::instance().read(u"proxy.corp.example"_s);
    QVERIFY(QTest::qWaitFor([&] { return r.isFinished(); }, 25000));
    QCOMPARE(r.result().state, CredentialResult::State::NoSecureStorage);

    QCOMPARE(CredentialStore::knownHosts(), QStringList());
    QVERIFY(!anyFileContains(m_home.path(), secret.toUtf8()));
    QVERIFY(!anyFileContains(m_home.path(), "proxy.corp.example"));
}

void NoKeychainTest::shouldFailTheCliClearlyWithoutWritingAnything()
{
    const Run login = runCli(
        {u"proxy"_s, u"login"_s, u"proxy.corp.example"_s, u"--user"_s, u"alice"_s, u"--netrc"_s},
        secret.toUtf8());
    QCOMPARE(login.exitCode, 1);
    QVERIFY2(login.err.contains("no secure storage"), login.err.constData());
    QVERIFY(!login.err.contains(secret.toUtf8()) && !login.out.contains(secret.toUtf8()));

    const Run goauth = runCli({u"goauth"_s});
    QCOMPARE(goauth.exitCode, 0); // no host is known, so nothing to look up and nothing to print
    QVERIFY(goauth.out.isEmpty());

    const Run logout = runCli({u"proxy"_s, u"logout"_s, u"proxy.corp.example"_s});
    QCOMPARE(logout.exitCode, 1);
    QVERIFY(logout.err.contains("no secure storage"));

    // Nothing on disk: no .netrc (even though --netrc was asked for), no settings entry, no go env
    // file.
    QVERIFY(!QFile::exists(m_home.filePath(u"netrc"_s)));
    QVERIFY(!QFile::exists(m_home.filePath(u"config/go/env"_s)));
    QVERIFY2(!anyFileContains(m_home.path(), secret.toUtf8()),
             qPrintable(filesUnder(m_home.path()).join(u' ')));
    QVERIFY(!anyFileContains(m_home.path(), "proxy.corp.example"));
    QVERIFY(!anyFileContains(m_home.path(), "alice"));
}

QTEST_GUILESS_MAIN(NoKeychainTest)
#include "tst_nokeychain.moc"
