// SPDX-License-Identifier: GPL-3.0-or-later
// The CA file of Settings ▸ Proxy…: the GUI's download refuses a private https proxy signed by
// a throw-away CA until that CA's file is saved in the dialog; then the same download works.
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "DownloadDialog.h"
#include "DownloadReportModel.h"
#include "ProxySettingsDialog.h"
#include "helpers/PurgeFixture.h"
#include "proxy/TrustedCertificates.h"
#include "proxytest/LoopbackServerThread.h"
#include "proxytest/TestCertificate.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;

namespace {

constexpr int kTimeoutMs = 60000;
const QString kId = u"example.com/a@v1.1.0"_s;

} // namespace

class TestGuiCaCert : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;
    std::unique_ptr<TestCertificate> m_cert;
    std::unique_ptr<LoopbackServerThread> m_server;

    /// Downloads kId into cache with the GUI's dialog; the outcome and its error.
    QString downloadWithDialog(const QString &cache)
    {
        DownloadDialog dialog(DownloadDialog::Purpose::Download, cache, {});
        dialog.show();
        QSignalSpy finished(&dialog, &DownloadDialog::runFinished);
        dialog.setInputText(kId + u'\n');
        dialog.start();
        if (!QTest::qWaitFor([&] { return finished.count() == 1; }, kTimeoutMs))
            return u"(not finished) "_s + dialog.summaryText();
        const DownloadResult *r = dialog.report()->resultFor(kId);
        if (!r)
            return u"(no result) "_s + dialog.summaryText();
        return toString(r->outcome) + u' ' + r->error.toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"ModKeeperTests"_s);
        QCoreApplication::setApplicationName(u"tst_gui_cacert"_s);
        QSettings().clear();
        m_scratch = std::make_unique<ScratchDir>(u"tst_gui_cacert"_s);
        QVERIFY(m_scratch->isValid());
        m_cert = std::make_unique<TestCertificate>(m_scratch->mkpath(u"ca"_s));
        QVERIFY2(m_cert->ok(), qPrintable(m_cert->error()));
        m_world = std::make_unique<World>(m_scratch->path());
        const QString error = m_world->build(
            {{u"example.com/a"_s, u"v1.1.0"_s, smallModuleFiles(u"example.com/a"_s, u"v1.1.0"_s)},
             // World needs one version in its template cache
             {u"example.com/ab"_s, u"v1.0.0"_s,
              smallModuleFiles(u"example.com/ab"_s, u"v1.0.0"_s)}},
            {GoTool::go123()}, {kId});
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
        // What the dialog resolves: no go env file, the private proxy, no other trust.
        qputenv("GOENV", "off");
        qputenv("GOPROXY", (*m_server).base().toUtf8());
        qputenv("GOSUMDB", "off");
        qputenv("GOFLAGS", "");
        qputenv("GOMODCACHE", QFile::encodeName(m_scratch->filePath(u"unused-modcache"_s)));
        qunsetenv("SSL_CERT_FILE");
        qunsetenv("SSL_CERT_DIR");
    }
    void cleanupTestCase()
    {
        m_server.reset();
        m_world.reset();
        m_scratch.reset();
    }

    void shouldDownloadThroughTheCaFileOfTheSettings()
    {
        ScratchDir work(u"tst_gui_cacert-download"_s);
        const QString untrusted = downloadWithDialog(work.filePath(u"cache1"_s));
        QVERIFY2(untrusted.startsWith(u"failed"_s) && untrusted.contains((*m_server).hostKey()),
                 qPrintable(untrusted));

        ProxySettingsDialog settings;
        settings.show();
        auto *edit = settings.findChild<QLineEdit *>(u"caFileEdit"_s);
        auto *save = settings.findChild<QPushButton *>(u"caFileSaveButton"_s);
        QVERIFY2(edit && save, "Settings ▸ Proxy… has no CA file setting");
        QSignalSpy saved(&settings, &ProxySettingsDialog::caFileSaved);
        // A file without a certificate is refused and not stored.
        const QString bogus = work.filePath(u"bogus.pem"_s);
        QVERIFY(writeFile(bogus, "not a certificate\n"));
        edit->setText(bogus);
        QTest::mouseClick(save, Qt::LeftButton);
        QCOMPARE(saved.count(), 1);
        QCOMPARE(saved.last().first().toBool(), false);
        QVERIFY(TrustedCertificates::savedCaFile().isEmpty());
        edit->setText(m_cert->certPath());
        QTest::mouseClick(save, Qt::LeftButton);
        QCOMPARE(saved.count(), 2);
        QCOMPARE(saved.last().first().toBool(), true);
        QCOMPARE(TrustedCertificates::savedCaFile(), m_cert->certPath());

        const QString cache = work.filePath(u"cache2"_s);
        const QString trusted = downloadWithDialog(cache);
        QCOMPARE(trusted, u"downloaded "_s);
        QVERIFY(piecesOf(cache, kId).complete());

        // Cleared: untrusted again.
        edit->clear();
        QTest::mouseClick(save, Qt::LeftButton);
        QCOMPARE(saved.last().first().toBool(), true);
        const QString again = downloadWithDialog(work.filePath(u"cache3"_s));
        QVERIFY2(again.startsWith(u"failed"_s), qPrintable(again));
    }
};

QTEST_MAIN(TestGuiCaCert)
#include "tst_gui_cacert.moc"
