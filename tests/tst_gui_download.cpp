// SPDX-License-Identifier: GPL-3.0-or-later
// The downloader in the GUI: DownloadDialog (download typed versions, refresh with or without
// switching GOPROXY) and the main window's actions, offscreen, against a loopback proxy, with
// the real go reading back the go env file.
#include <QApplication>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include "CacheFilterProxy.h"
#include "CacheModel.h"
#include "DownloadDialog.h"
#include "DownloadReportModel.h"
#include "MainWindow.h"
#include "archivetest/RawZipWriter.h"
#include "helpers/PurgeFixture.h"
#include "proxy/ProxyPresetStore.h"
#include "proxytest/FileProxyServer.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;

namespace {

constexpr int kTimeoutMs = 60000;

DownloadOutcome outcomeOf(const DownloadDialog &d, const QString &id)
{
    const DownloadResult *r = d.report()->resultFor(id);
    return r ? r->outcome : DownloadOutcome::InProgress;
}

} // namespace

class TestGuiDownload : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;
    std::unique_ptr<FileProxyServer> m_server;
    QString m_goenv;

    [[nodiscard]] static std::unique_ptr<ScratchDir> workDir()
    {
        return std::make_unique<ScratchDir>(u"tst_gui_download-"_s
                                            + QString::fromLatin1(QTest::currentTestFunction()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // Settings of our own: other suites may run at the same time.
        QCoreApplication::setOrganizationName(u"ModKeeperTests"_s);
        QCoreApplication::setApplicationName(u"tst_gui_download"_s);
        QSettings().clear();
        m_scratch = std::make_unique<ScratchDir>(u"tst_gui_download"_s);
        QVERIFY(m_scratch->isValid());
        m_world = std::make_unique<World>(m_scratch->path());
        QStringList proxyOnly;
        for (const FixtureVersion &v : standardVersions())
            if (v.id() != u"example.com/ab@v1.0.0")
                proxyOnly << v.id();
        const QString error = m_world->build(standardVersions(), {GoTool::go123()}, proxyOnly);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_server = std::make_unique<FileProxyServer>(m_world->root() + u"/proxy"_s);
        QVERIFY(m_server->listening());
        // What the window resolves: a go env file of our own, never the user's.
        m_goenv = m_scratch->filePath(u"goenv"_s);
        qputenv("GOENV", QFile::encodeName(m_goenv));
        qputenv("GOPROXY", "");
        qputenv("GOSUMDB", "off");
        qputenv("GOFLAGS", "");
        qputenv("GOMODCACHE", QFile::encodeName(m_scratch->filePath(u"unused-modcache"_s)));
        QVERIFY(writeFile(m_goenv, "GOPROXY=" + m_server->url().toUtf8() + '\n'));
        ProxyPresetStore store;
        ProxyPreset mirror;
        mirror.name = u"mirror"_s;
        mirror.goproxy = m_server->url();
        const Status added = store.add(mirror, true);
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().toString()));
    }
    void cleanupTestCase()
    {
        m_server.reset();
        m_world.reset();
        m_scratch.reset();
    }
    void init()
    {
        m_server->reset();
        QVERIFY(writeFile(m_goenv, "GOPROXY=" + m_server->url().toUtf8() + '\n'));
    }

    void shouldDownloadTypedVersionsWithoutBlockingTheWindow()
    {
        const auto work = workDir();
        const QString cache = work->filePath(u"cache"_s);
        DownloadDialog dialog(DownloadDialog::Purpose::Download, cache, {});
        dialog.show();
        // A bad line is named, and nothing starts.
        dialog.setInputText(u"example.com/a@v1.1.0\nexample.com/a@master\n"_s);
        dialog.start();
        QVERIFY(!dialog.isRunning());
        QVERIFY2(dialog.summaryText().contains(u"example.com/a@master"_s),
                 qPrintable(dialog.summaryText()));
        QCOMPARE(m_server->requests().size(), 0);

        // The zip comes slowly: the GUI thread keeps ticking meanwhile.
        m_server->setFault("example.com/a/@v/v1.1.0.zip", {0, {}, 1500, false, 1});
        QSignalSpy changed(&dialog, &DownloadDialog::cacheChanged);
        QSignalSpy finished(&dialog, &DownloadDialog::runFinished);
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start(20);
        dialog.setInputText(u"example.com/a@v1.1.0\ngithub.com/Upper/Case@v1.0.0\n"_s);
        dialog.start();
        QVERIFY(dialog.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
        ticker.stop();
        QVERIFY2(ticks >= 30,
                 qPrintable(u"the GUI thread ticked only %1 times in 1.5 s"_s.arg(ticks)));
        QCOMPARE(toString(outcomeOf(dialog, u"example.com/a@v1.1.0"_s)),
                 toString(DownloadOutcome::Downloaded));
        QCOMPARE(toString(outcomeOf(dialog, u"github.com/Upper/Case@v1.0.0"_s)),
                 toString(DownloadOutcome::Downloaded));
        QCOMPARE(changed.count(), 1);
        QVERIFY(piecesOf(cache, u"example.com/a@v1.1.0"_s).complete());
        QVERIFY2(dialog.summaryText().contains(u"2 downloaded"_s),
                 qPrintable(dialog.summaryText()));
        QCOMPARE(dialog.report()->rowCount(), 2);
    }

    void shouldSwitchGoProxyThenRefreshAndReportIdentical()
    {
        const auto work = workDir();
        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        QVERIFY(writeFile(m_goenv, "GOPROXY=off\nGOPRIVATE=corp.example\n"));
        DownloadDialog dialog(DownloadDialog::Purpose::Refresh, cache,
                              {{u"example.com/ab"_s, u"v1.0.0"_s}});
        dialog.show();
        dialog.choosePreset(u"mirror"_s);
        dialog.setSwitchGoProxy(true);
        QSignalSpy finished(&dialog, &DownloadDialog::runFinished);
        // An http:// mirror weakens transport security: the dialog asks first; say yes.
        QString asked;
        QTimer::singleShot(200, this, [&asked] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                asked = box->text();
                box->button(QMessageBox::Yes)->click();
            }
        });
        dialog.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
        QVERIFY2(outcomeOf(dialog, u"example.com/ab@v1.0.0"_s) == DownloadOutcome::Identical,
                 qPrintable(dialog.summaryText()));
        QVERIFY2(dialog.summaryText().contains(u"1 identical"_s), qPrintable(dialog.summaryText()));
        // The real go reads the switched value from the file; the unrelated line is kept.
        QProcessEnvironment env
            = GoTool::isolatedEnvironment(GoTool::go123(), work->path(), cache, m_server->url());
        env.insert(u"GOENV"_s, m_goenv);
        env.remove(u"GOPROXY"_s);
        env.remove(u"GOPRIVATE"_s);
        const ProcessResult goEnv = GoTool::run(
            GoTool::go123(), {u"env"_s, u"GOPROXY"_s, u"GOPRIVATE"_s}, env, work->path());
        QVERIFY2(goEnv.succeeded(), qPrintable(goEnv.describe()));
        QCOMPARE(QString::fromUtf8(goEnv.stdOut).trimmed(), m_server->url() + u"\ncorp.example"_s);
    }

    void shouldShowAChangedVersionAsASecurityAlertAndKeepTheCache()
    {
        const auto work = workDir();
        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        const QByteArray p = "example.com/ab@v1.0.0/";
        m_server->setFault("example.com/ab/@v/v1.0.0.zip",
                           {0, RawZipWriter()
                                   .file(p + "go.mod", FixtureProxy::goMod(u"example.com/ab"_s))
                                   .file(p + "x.go", "package pab\n")
                                   .bytes()});
        const QStringList before = listing(cache);
        DownloadDialog dialog(DownloadDialog::Purpose::Refresh, cache,
                              {{u"example.com/ab"_s, u"v1.0.0"_s}});
        dialog.show();
        QSignalSpy finished(&dialog, &DownloadDialog::runFinished);
        QSignalSpy changed(&dialog, &DownloadDialog::cacheChanged);
        dialog.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
        QCOMPARE(toString(outcomeOf(dialog, u"example.com/ab@v1.0.0"_s)),
                 toString(DownloadOutcome::Changed));
        const QModelIndex status = dialog.report()->index(0, DownloadReportModel::StatusColumn);
        QVERIFY(status.data().toString().contains(u"CHANGED"_s));
        QVERIFY(status.data(Qt::FontRole).value<QFont>().bold());
        QVERIFY2(dialog.summaryText().contains(u"CHANGED"_s), qPrintable(dialog.summaryText()));
        QCOMPARE(changed.count(), 0);
        QCOMPARE(listing(cache), before);
    }

    void shouldOpenTheRefreshForTheSelectionFromTheWindow()
    {
        const auto work = workDir();
        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        MainWindow window(MainWindow::StartMode::Idle);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy scanned(&window, &MainWindow::scanFinished);
        window.scanCache(cache);
        QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, kTimeoutMs);
        QTreeView *tree = window.treeView();
        tree->expandAll();
        const QModelIndex module = window.model()->moduleIndex(u"example.com/ab"_s);
        const QModelIndex version
            = window.proxy()->mapFromSource(window.model()->index(0, 0, module));
        tree->selectionModel()->select(version, QItemSelectionModel::ClearAndSelect
                                                    | QItemSelectionModel::Rows);
        QAction *refresh = window.findChild<QAction *>(u"refreshFromProxyAction"_s);
        QVERIFY(refresh);
        QTRY_VERIFY(refresh->isEnabled());
        refresh->trigger();
        QVERIFY(window.downloadDialog());
        QCOMPARE(window.downloadDialog()->report()->rowCount(), 1);
        QCOMPARE(window.downloadDialog()->report()->index(0, 0).data().toString(),
                 u"example.com/ab@v1.0.0"_s);
        QAction *download = window.findChild<QAction *>(u"downloadModulesAction"_s);
        QVERIFY(download && download->isEnabled());
        window.downloadDialog()->close();
        QTRY_VERIFY(!window.downloadDialog());
    }
};

QTEST_MAIN(TestGuiDownload)
#include "tst_gui_download.moc"
