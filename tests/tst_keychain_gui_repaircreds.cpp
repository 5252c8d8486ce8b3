// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI's Repair sets up its redownload as the CLI's `repair` does: the credential stored in
// the (real, throw-away) keychain for a private https proxy goes to that proxy, and the CA of
// SSL_CERT_FILE is trusted as go trusts it. CTest runs this through tests/with-keyring.sh.
#include <QAction>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

#include "CacheFilterProxy.h"
#include "CacheModel.h"
#include "MainWindow.h"
#include "helpers/PurgeFixture.h"
#include "keychain/CredentialStore.h"
#include "proxytest/LoopbackServerThread.h"
#include "proxytest/TestCertificate.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;

namespace {

constexpr int kTimeoutMs = 60000;
const QString kId = u"example.com/a@v1.1.0"_s;
const Credential kCredential{u"builder"_s, u"Repair-5ecret-t0ken"_s};
const QByteArray kAuthorization = "Basic " + QByteArray("builder:Repair-5ecret-t0ken").toBase64();

} // namespace

class TestKeychainGuiRepairCreds : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;
    std::unique_ptr<TestCertificate> m_cert;
    std::unique_ptr<LoopbackServerThread> m_server;

private Q_SLOTS:
    void initTestCase()
    {
        // Never against a real user's keyring: only inside with-keyring.sh's private session.
        QVERIFY2(qgetenv("XDG_RUNTIME_DIR").contains("with-keyring.")
                     && !qgetenv("DBUS_SESSION_BUS_ADDRESS").isEmpty(),
                 "run this test through tests/with-keyring.sh (ctest does)");
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_keychain_gui_repaircreds"_s);
        QVERIFY(m_scratch->isValid());
        qputenv("HOME", QFile::encodeName(m_scratch->mkpath(u"home"_s)));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_scratch->mkpath(u"home/config"_s)));
        for (const char *v : {"XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION",
                              "DISPLAY", "QT_NO_GLIB"})
            qunsetenv(v);
        QCoreApplication::setOrganizationName(u"ModKeeperTests"_s);
        QCoreApplication::setApplicationName(u"tst_keychain_gui_repaircreds"_s);
        QSettings().clear();

        m_cert = std::make_unique<TestCertificate>(m_scratch->mkpath(u"ca"_s));
        QVERIFY2(m_cert->ok(), qPrintable(m_cert->error()));
        m_world = std::make_unique<World>(m_scratch->path());
        const QString error = m_world->build(
            {{u"example.com/a"_s, u"v1.1.0"_s, smallModuleFiles(u"example.com/a"_s, u"v1.1.0"_s)}},
            {GoTool::go123()});
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
        // The private proxy, its CA as go would be told of it, and the credential it needs.
        qputenv("GOENV", "off");
        qputenv("GOPROXY", (*m_server).base().toUtf8());
        qputenv("GOSUMDB", "off");
        qputenv("GOFLAGS", "");
        qputenv("GOCACHE", QFile::encodeName(m_scratch->mkpath(u"gocache"_s)));
        qputenv("GOMODCACHE", QFile::encodeName(m_scratch->filePath(u"unused-modcache"_s)));
        qputenv("SSL_CERT_FILE", QFile::encodeName(m_cert->certPath()));
        qunsetenv("SSL_CERT_DIR");
        QFuture<CredentialResult> written
            = CredentialStore::instance().write((*m_server).hostKey(), kCredential);
        QVERIFY(QTest::qWaitFor([&] { return written.isFinished(); }, 20000));
        QVERIFY(written.resultCount() == 1);
        QVERIFY2(written.result().ok(), qPrintable(written.result().error.toString()));
        QVERIFY(CredentialStore::knownHosts().contains((*m_server).hostKey()));
    }
    void cleanupTestCase()
    {
        if (m_server) {
            QFuture<CredentialResult> removed
                = CredentialStore::instance().remove((*m_server).hostKey());
            QVERIFY(QTest::qWaitFor([&] { return removed.isFinished(); }, 20000));
        }
        m_server.reset();
        m_world.reset();
        m_scratch.reset();
    }

    void shouldSendTheStoredCredentialWhenRepairRedownloads()
    {
        ScratchDir work(u"tst_keychain_gui_repaircreds-repair"_s);
        const QString cache = m_world->freshCache(GoTool::go123(), work.path());
        QVERIFY(!cache.isEmpty());
        QVERIFY(writeFile(fileOf(cache, kId, u".ziphash"_s),
                          "garbage")); // only a new download repairs this

        MainWindow w(MainWindow::StartMode::Idle);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy scanned(&w, &MainWindow::scanFinished);
        w.scanCache(cache);
        QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, kTimeoutMs);
        QSignalSpy done(&w, &MainWindow::verifyFinished);
        auto *verifyAll = w.findChild<QAction *>(u"verifyAllAction"_s);
        auto *repair = w.findChild<QAction *>(u"repairAction"_s);
        QVERIFY(verifyAll && repair);
        verifyAll->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, kTimeoutMs);
        if (QMessageBox *box = w.findChild<QMessageBox *>(u"verifySummary"_s))
            box->close();

        const CacheModel *model = w.model();
        const QModelIndex module = model->moduleIndex(u"example.com/a"_s);
        QModelIndex version;
        for (int row = 0; row < model->rowCount(module); ++row)
            if (model->index(row, 0, module).data(CacheModel::IdRole).toString() == kId)
                version = model->index(row, 0, module);
        QVERIFY(version.isValid());
        w.treeView()->expandAll();
        w.treeView()->selectionModel()->select(w.proxy()->mapFromSource(version),
                                               QItemSelectionModel::ClearAndSelect
                                                   | QItemSelectionModel::Rows);
        QVERIFY(repair->isEnabled());
        repair->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, kTimeoutMs);
        QMessageBox *summary = nullptr;
        QVERIFY(QTest::qWaitFor(
            [&] { return (summary = w.findChild<QMessageBox *>(u"repairSummary"_s)) != nullptr; },
            kTimeoutMs));
        const QList<LoopbackHttpServer::Received> got = (*m_server)->received();
        QVERIFY2(summary->text().contains(u"Repaired 1 version."_s),
                 qPrintable(summary->text() + u'\n' + summary->detailedText() + u"\nrequests: "_s
                            + QString::number(got.size())));
        QVERIFY(!got.isEmpty());
        for (const LoopbackHttpServer::Received &r : got)
            QVERIFY2(r.authorization == kAuthorization,
                     "the stored credential was not sent"); // never print it
        QVERIFY(piecesOf(cache, kId).complete());
    }
};

QTEST_MAIN(TestKeychainGuiRepairCreds)
#include "tst_keychain_gui_repaircreds.moc"
