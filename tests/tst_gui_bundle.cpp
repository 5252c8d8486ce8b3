// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI of export, import and the mirror comparison: each dialog runs its core job through
// BundleController and shows the outcome; the window offers the three in the Cache menu.
#include <QAction>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

#include "BundleController.h"
#include "CompareMirrorsDialog.h"
#include "ExportDialog.h"
#include "FixtureProxy.h"
#include "ImportDialog.h"
#include "MainWindow.h"
#include "ModuleZip.h"
#include "ScratchDir.h"
#include "archivetest/TreeSnapshot.h"
#include "download/DownloadJob.h"
#include "proxytest/FileProxyServer.h"
#include "scan/CacheScanner.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

namespace {

constexpr int kTimeoutMs = 60000;

FixtureProxy::Files filesOf(const QString &path, const QByteArray &extra = {})
{
    return {{u"go.mod"_s, FixtureProxy::goMod(path)},
            {u"x.go"_s, "package x\n\nconst X = 1\n" + extra}};
}

QList<ModuleVersionRecord> scan(const QString &cache)
{
    CacheScanner::Options o;
    o.gomodcache = cache;
    return CacheScanner::run(o).versions;
}

} // namespace

class TestGuiBundle : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    QString m_proxyRoot;
    QString m_cache;
    const QStringList m_ids = {u"example.com/m@v1.0.0"_s, u"example.com/m@v1.1.0"_s,
                               u"example.com/n@v1.0.0"_s};

    [[nodiscard]] GoEnvInputs inputs(const QString &cache) const
    {
        QHash<QString, QString> env;
        env.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
        env.insert(u"HOME"_s, m_scratch->path());
        env.insert(u"GOENV"_s, u"off"_s);
        env.insert(u"GOSUMDB"_s, u"off"_s);
        env.insert(u"GOPROXY"_s, u"off"_s);
        env.insert(u"GOMODCACHE"_s, cache);
        env.insert(u"GOTOOLCHAIN"_s, u"local"_s);
        return GoEnvInputs::fromEnvironment(env);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_gui_bundle"_s);
        QVERIFY(m_scratch->isValid());
        m_proxyRoot = m_scratch->mkpath(u"proxy"_s);
        FixtureProxy proxy(m_proxyRoot);
        QList<DownloadRequest> requests;
        for (const QString &id : m_ids) {
            const QString path = id.section(u'@', 0, 0);
            QVERIFY(proxy.addModule(path, id.section(u'@', 1), filesOf(path)));
            requests.append({path, id.section(u'@', 1)});
        }
        // A cache written by our downloader from that proxy (go's layout, real hashes).
        m_cache = m_scratch->filePath(u"cache"_s);
        DownloadOptions o;
        o.gomodcache = m_cache;
        o.goproxy = proxy.url();
        for (const DownloadResult &r : DownloadJob::run(o, requests))
            QVERIFY2(r.outcome == DownloadOutcome::Downloaded, qPrintable(r.error.toString()));
    }

    void cleanupTestCase() { m_scratch.reset(); }

    void shouldExportThenImportThroughTheDialogs()
    {
        const QString tree = m_scratch->filePath(u"tree"_s);
        const QList<ModuleVersionRecord> versions = scan(m_cache);
        QCOMPARE(versions.size(), m_ids.size());
        ExportDialog exporter(m_cache, versions, GoEnvironment::resolve(inputs(m_cache)));
        exporter.setTarget(tree);
        QSignalSpy exported(&exporter, &ExportDialog::runFinished);
        exporter.findChild<QPushButton *>(u"exportStart"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, kTimeoutMs);
        QVERIFY2(exporter.reportText().contains(u"3 versions exported"_s),
                 qPrintable(exporter.reportText()));
        QVERIFY(QFile::exists(tree + u"/example.com/m/@v/list"_s));
        QVERIFY(QFile::exists(tree + u"/go.sum"_s));

        // A folder inside the cache is refused before anything runs.
        exporter.setTarget(m_cache + u"/x"_s);
        exporter.start();
        QVERIFY(!exporter.controller()->isRunning());
        QVERIFY2(exporter.reportText().contains(u"inside the module cache"_s),
                 qPrintable(exporter.reportText()));

        const QString other = m_scratch->filePath(u"other"_s);
        QVERIFY(QDir().mkpath(other + u"/cache/download"_s));
        ImportDialog importer(other, nullptr, inputs(other));
        importer.setSource(tree);
        QSignalSpy imported(&importer, &ImportDialog::runFinished);
        QSignalSpy changed(&importer, &ImportDialog::cacheChanged);
        importer.findChild<QPushButton *>(u"importStart"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, kTimeoutMs);
        QVERIFY2(importer.reportText().contains(u"3 versions imported"_s),
                 qPrintable(importer.reportText()));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(scan(other).size(), m_ids.size());
        for (const QString &name : {u"example.com/m@v1.0.0"_s, u"example.com/n@v1.0.0"_s})
            QCOMPARE(TreeSnapshot::take(other + u'/' + name), TreeSnapshot::take(m_cache + u'/' + name));

        // Again: nothing to write, no rescan asked for.
        importer.start();
        QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 2, kTimeoutMs);
        QCOMPARE(changed.count(), 1);
        QVERIFY2(importer.reportText().contains(u"3 versions already in the cache"_s),
                 qPrintable(importer.reportText()));
    }

    void shouldListTheDisagreementsOfTwoMirrors()
    {
        FileProxyServer good(m_proxyRoot);
        FileProxyServer evil(m_proxyRoot);
        const QString evilZip = m_scratch->filePath(u"evil.zip"_s);
        QVERIFY(ModuleZip::write(evilZip, u"example.com/m"_s, u"v1.1.0"_s,
                                 filesOf(u"example.com/m"_s, "// changed\n")));
        QFile zip(evilZip);
        QVERIFY(zip.open(QIODevice::ReadOnly));
        evil.setFault("example.com/m/@v/v1.1.0.zip", {0, zip.readAll()});
        evil.setFault("example.com/n/@v/v1.0.0", {404, "not found"});
        evil.setFault("example.com/n/@v/list", {404, "not found"});

        QList<ProxyCompare::Version> versions;
        for (const QString &id : m_ids)
            versions.append({id.section(u'@', 0, 0), id.section(u'@', 1)});
        CompareMirrorsDialog dialog(versions, {good.url(), evil.url()});
        QSignalSpy done(&dialog, &CompareMirrorsDialog::runFinished);
        dialog.findChild<QPushButton *>(u"compareStart"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, kTimeoutMs);
        QTableWidget *table = dialog.table();
        QCOMPARE(table->rowCount(), 2);
        QStringList rows;
        for (int r = 0; r < table->rowCount(); ++r)
            rows << table->item(r, CompareMirrorsDialog::ModuleColumn)->text() + u'@'
                        + table->item(r, CompareMirrorsDialog::VersionColumn)->text() + u' '
                        + table->item(r, CompareMirrorsDialog::MirrorColumn)->text();
        rows.sort();
        QCOMPARE(rows, (QStringList{u"example.com/m@v1.1.0 "_s + evil.url(),
                                    u"example.com/n@v1.0.0 "_s + evil.url()}));
        QVERIFY2(dialog.summaryText().contains(u"1 security finding"_s),
                 qPrintable(dialog.summaryText()));
    }

    void shouldOfferExportImportAndCompareInTheCacheMenu()
    {
        MainWindow window(MainWindow::StartMode::Idle);
        QStringList inCache;
        for (QAction *menu : window.menuBar()->actions())
            if (menu->menu())
                for (QAction *a : menu->menu()->actions())
                    if (!a->objectName().isEmpty())
                        inCache << a->objectName();
        for (const QString &name :
             {u"exportAction"_s, u"importAction"_s, u"compareMirrorsAction"_s})
            QVERIFY2(inCache.contains(name), qPrintable(inCache.join(u' ')));
        window.findChild<QAction *>(u"importAction"_s)->trigger();
        ImportDialog *dialog = window.findChild<ImportDialog *>();
        QVERIFY(dialog);
        dialog->close();
    }
};

QTEST_MAIN(TestGuiBundle)
#include "tst_gui_bundle.moc"
