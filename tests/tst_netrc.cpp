// SPDX-License-Identifier: GPL-3.0-or-later
// The opt-in .netrc export (NetrcFile): go's parser rules, edits that touch only one host's
// entry, and the real go 1.19 and 1.23 sending the written credential to a loopback https proxy.
#include <sys/stat.h>

#include <QFile>
#include <QTest>

#include "GoTool.h"
#include "ScratchDir.h"
#include "keychain/NetrcFile.h"
#include "proxytest/LoopbackServerThread.h"
#include "proxytest/TestCertificate.h"

using namespace Qt::StringLiterals;
using mk::Credential;
using mk::NetrcFile;
using mk::test::GoTool;

namespace {

const Credential fay{u"fay"_s, u"netrc-Secret-5e2b"_s};

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

} // namespace

class NetrcTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldParseLikeGo_data();
    void shouldParseLikeGo();
    void shouldChangeOnlyOneEntry_data();
    void shouldChangeOnlyOneEntry();
    void shouldRefuseWhatGoCannotRead();
    void shouldWriteAtomicallyWithMode0600();
    void shouldBeUsedByRealGo_data();
    void shouldBeUsedByRealGo();
};

void NetrcTest::shouldParseLikeGo_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("entries"); // "machine login password"

    QTest::newRow("one line") << QByteArray("machine a.example login u password p\n")
                              << QStringList{u"a.example u p"_s};
    QTest::newRow("several lines") << QByteArray("machine a.example\n  login u\n  password p\n")
                                   << QStringList{u"a.example u p"_s};
    QTest::newRow("login only does not count")
        << QByteArray("machine a.example login u\nmachine b.example login v password q\n")
        << QStringList{u"b.example v q"_s};
    QTest::newRow("default stops parsing")
        << QByteArray("machine a login u password p\ndefault\nmachine b login v password q\n")
        << QStringList{u"a u p"_s};
    QTest::newRow("macdef body skipped") << QByteArray(
        "macdef init\nmachine evil login x password y\n\nmachine a login u password p\n")
                                         << QStringList{u"a u p"_s};
}

void NetrcTest::shouldParseLikeGo()
{
    QFETCH(QByteArray, content);
    QFETCH(QStringList, entries);
    QStringList got;
    for (const NetrcFile::Entry &e : NetrcFile::parse(content))
        got.append(e.machine + u' ' + e.login + u' ' + e.password);
    QCOMPARE(got, entries);
}

void NetrcTest::shouldChangeOnlyOneEntry_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<bool>("store"); // false: remove
    QTest::addColumn<QByteArray>("after");

    const QByteArray line = "machine h.example login fay password netrc-Secret-5e2b\n";
    QTest::newRow("new file") << QByteArray() << true << line;
    QTest::newRow("appended") << QByteArray("# mine\nmachine a login u password p\n") << true
                              << QByteArray("# mine\nmachine a login u password p\n") + line;
    QTest::newRow("unterminated last line") << QByteArray("machine a login u password p") << true
                                            << QByteArray("machine a login u password p\n") + line;
    QTest::newRow("replaced multi-line entry")
        << QByteArray("machine a login u password p\n\nmachine h.example\n\tlogin old\n\tpassword "
                      "oldpw\n\nmachine z login y password x\n")
        << true
        << QByteArray("machine a login u password p\n\n") + line
               + "\nmachine z login y password x\n";
    QTest::newRow("before default")
        << QByteArray("machine a login u password p\ndefault login anon password x\n") << true
        << QByteArray("machine a login u password p\n") + line + "default login anon password x\n";
    QTest::newRow("removed") << QByteArray("machine a login u password p\nmachine h.example login "
                                           "fay password old\nmachine z login y password x\n")
                             << false
                             << QByteArray(
                                    "machine a login u password p\nmachine z login y password x\n");
    QTest::newRow("remove missing") << QByteArray("machine a login u password p\n") << false
                                    << QByteArray("machine a login u password p\n");
    QTest::newRow("macro text is not an entry")
        << QByteArray("macdef x\nmachine h.example login evil password evil\n\n") << true
        << QByteArray("macdef x\nmachine h.example login evil password evil\n\n") + line;
}

void NetrcTest::shouldChangeOnlyOneEntry()
{
    QFETCH(QByteArray, before);
    QFETCH(bool, store);
    QFETCH(QByteArray, after);
    const mk::Expected<QByteArray> r = NetrcFile::updated(
        before, u"h.example"_s, store ? std::optional<Credential>(fay) : std::nullopt);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    QVERIFY2(*r == after,
             "unexpected .netrc content"); // not QCOMPARE: keep the secret out of the log
    // And go reads the result as intended.
    int found = 0;
    for (const NetrcFile::Entry &e : NetrcFile::parse(*r)) {
        if (e.machine == u"h.example") {
            ++found;
            QVERIFY(e.password == fay.secret);
        }
    }
    QCOMPARE(found, store ? 1 : 0);
}

void NetrcTest::shouldRefuseWhatGoCannotRead()
{
    QVERIFY(!NetrcFile::updated({}, u"h.example"_s, Credential{u"fay"_s, u"with space"_s}).ok());
    QVERIFY(!NetrcFile::updated({}, u"h.example"_s, Credential{QString(), u"secret"_s}).ok());
    QVERIFY(!NetrcFile::updated({}, u"h.example"_s, Credential{u"fay"_s, u"line\nbreak"_s}).ok());
    QVERIFY(!NetrcFile::updated({}, u"bad host"_s, fay).ok());
    const mk::Expected<QByteArray> shared = NetrcFile::updated(
        "machine a login u password p machine h.example login x password y\n", u"h.example"_s, fay);
    QVERIFY(!shared.ok());
    QVERIFY(shared.error().message.contains(u"edit it by hand"_s));
    QVERIFY(!shared.error().toString().contains(fay.secret));
    QVERIFY(NetrcFile::plaintextWarning().contains(u"PLAIN TEXT"_s));
}

void NetrcTest::shouldWriteAtomicallyWithMode0600()
{
    mk::test::ScratchDir dir(u"netrc"_s);
    const QString path = dir.filePath(u"netrc"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("machine a login u password p\n");
    f.close();
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
    QVERIFY(NetrcFile::store(path, u"h.example"_s, fay).ok());
    struct stat st
    { };
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
    QCOMPARE(st.st_mode & 07777, mode_t(0600));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"netrc"_s});
    QVERIFY(NetrcFile::erase(path, u"h.example"_s).ok());
    QCOMPARE(readAll(path), QByteArray("machine a login u password p\n"));
    QVERIFY(NetrcFile::erase(dir.filePath(u"absent"_s), u"h.example"_s).ok());
    QVERIFY(!QFile::exists(dir.filePath(u"absent"_s)));
    QCOMPARE(NetrcFile::machinesFor(u"h.example"_s), QStringList{u"h.example"_s});
    QCOMPARE(NetrcFile::machinesFor(u"[::1]:8443"_s), (QStringList{u"[::1]:8443"_s, u"[::1]"_s}));
    QCOMPARE(NetrcFile::defaultPath({{u"HOME"_s, u"/home/u"_s}}), u"/home/u/.netrc"_s);
    QCOMPARE(NetrcFile::defaultPath({{u"HOME"_s, u"/home/u"_s}, {u"NETRC"_s, u"/x/n"_s}}),
             u"/x/n"_s);
}

void NetrcTest::shouldBeUsedByRealGo_data()
{
    QTest::addColumn<QString>("go");
    QTest::newRow("go1.19") << GoTool::go119();
    QTest::newRow("go1.23") << GoTool::go123();
}

void NetrcTest::shouldBeUsedByRealGo()
{
    QFETCH(QString, go);
    mk::test::ScratchDir dir(u"netrc-go"_s);
    const mk::test::TestCertificate cert(dir.path());
    QVERIFY2(cert.ok(), qPrintable(cert.error()));
    mk::test::LoopbackServerThread server(QHostAddress::LocalHost, cert.serverConfiguration());
    QVERIFY(server.listening());

    // Another entry, and a default entry after which go stops reading.
    const QString netrc = dir.filePath(u"netrc"_s);
    QFile f(netrc);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("machine other.example login a password b\ndefault login anon password nothing\n");
    f.close();
    // go 1.19 matches the host name, go 1.20+ host:port: both entries are written.
    QCOMPARE(NetrcFile::machinesFor(server.hostKey()),
             (QStringList{server.hostKey(), u"127.0.0.1"_s}));
    QVERIFY(NetrcFile::store(netrc, server.hostKey(), fay).ok());

    QProcessEnvironment env = GoTool::isolatedEnvironment(
        go, dir.path(), dir.filePath(u"modcache"_s), server.base() + u"/p"_s);
    env.insert(u"NETRC"_s, netrc);
    env.insert(u"SSL_CERT_FILE"_s, cert.certPath());
    const mk::test::ProcessResult r
        = GoTool::run(go, {u"mod"_s, u"download"_s, u"-json"_s, u"example.com/hello@v1.0.0"_s}, env,
                      dir.path(), 60000);
    QVERIFY(r.started);
    const QList<mk::test::LoopbackHttpServer::Received> got = server->received();
    QVERIFY2(!got.isEmpty(), r.stdOut.constData());
    for (const auto &req : got) {
        QVERIFY2(req.path.startsWith("/p/example.com/hello/@v/"), req.path.constData());
        QVERIFY2(req.authorization == fay.basicAuthorization(),
                 qPrintable(QString::fromUtf8(req.path)
                            + (req.authorization.isEmpty() ? u" without"_s : u" with another"_s)
                            + u" Authorization"_s));
    }
}

QTEST_GUILESS_MAIN(NetrcTest)
#include "tst_netrc.moc"
