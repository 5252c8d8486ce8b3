// SPDX-License-Identifier: GPL-3.0-or-later
// The size history in the window: every completed scan adds a point to the summary's
// sparkline. And three fixes around the window: the GOCACHE figure survives a proxy switch,
// the default column widths show whole module paths and pseudo-versions at 1280 px, and a
// restored window never opens larger than the screen.
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QTest>
#include <QTreeView>

#include "CacheFilterProxy.h"
#include "CacheModel.h"
#include "CacheWriter.h"
#include "FixtureProxy.h"
#include "GoCacheController.h"
#include "HistoryController.h"
#include "HistorySparkline.h"
#include "MainWindow.h"
#include "ProxyPresetSelector.h"
#include "ScratchDir.h"
#include "SyntheticGoCache.h"
#include "history/ScanHistory.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

namespace {

constexpr qint64 Day = 24 * 3600;
const QString kLongPath = u"github.com/some-org/some-long-module-name/v2"_s;
const QString kPseudo = u"v0.0.0-20231012093450-6ea0bd36fc14"_s;

} // namespace

class TestGuiHistory final : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_dir;
    QString m_modcache;
    QString m_gocache;

    void scan(MainWindow &w)
    {
        auto *history = w.findChild<HistoryController *>(u"historyController"_s);
        QVERIFY(history);
        QSignalSpy finished(&w, &MainWindow::scanFinished);
        w.scanCache(m_modcache);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!history->isBusy(), 20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_dir = std::make_unique<ScratchDir>(u"tst_gui_history"_s);
        QVERIFY(m_dir->isValid());
        m_modcache = m_dir->filePath(u"gomodcache"_s);
        CacheWriter writer(m_modcache);
        const Status st = writer.addCompleteVersion(
            kLongPath, kPseudo, FixtureProxy::generatedFiles(kLongPath, 3, 1));
        QVERIFY2(st.ok(), qPrintable(st.error().toString()));
        m_gocache = m_dir->filePath(u"gocache"_s);
        QVERIFY(SyntheticGoCache::create(
            m_gocache, 20, QDateTime::currentSecsSinceEpoch(),
            [](int i) { return (i % 5) * Day + 1800; }, [](int) { return 5000; }));
        qputenv("GOENV", "off");
        qputenv("GOFLAGS", "");
        qputenv("GOCACHE", QFile::encodeName(m_gocache));
        qputenv("GOMODCACHE", QFile::encodeName(m_modcache));
    }

    void init()
    {
        QSettings().clear();
        QFile::remove(ScanHistory::defaultPath());
    }

    void addsAPointToTheSparklineAfterEachScan()
    {
        MainWindow w(MainWindow::StartMode::Idle);
        auto *sparkline = w.findChild<HistorySparkline *>(u"historySparkline"_s);
        QVERIFY(sparkline);
        QCOMPARE(sparkline->pointCount(), 0);
        scan(w);
        QTRY_COMPARE(sparkline->pointCount(), 1);
        const quint64 bytes = w.model()->scanTotals().diskBytes;
        QVERIFY(bytes > 0);
        QCOMPARE(sparkline->points().first().bytes, bytes);
        scan(w);
        QTRY_COMPARE(sparkline->pointCount(), 2);
        // The tooltip of a point says when and how big.
        const QString tip = sparkline->toolTipFor(1);
        QVERIFY2(tip.contains(QDate::currentDate().toString(u"yyyy-MM-dd"_s)), qPrintable(tip));
        QVERIFY2(tip.contains(sparkline->maxLabel()), qPrintable(tip));
        QCOMPARE(sparkline->pointAt(sparkline->pointPosition(1).toPoint()), 1);
        // In the file, for the CLI too.
        const Expected<HistoryRead> read = ScanHistory().read(m_modcache);
        QVERIFY(read.ok());
        QCOMPARE(read->records.size(), 2);
        QCOMPARE(read->records.last().versions, 1ULL);
        // The sparkline sits in the summary.
        QVERIFY(w.findChild<QWidget *>(u"summaryPanel"_s)->isAncestorOf(sparkline));
    }

    void showsANoteWhenTheHistoryCannotBeSaved()
    {
        // The history's folder is a file: the append fails, the scan does not.
        const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir(data).removeRecursively();
        QDir().mkpath(QFileInfo(data).absolutePath());
        QFile blocker(data);
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        MainWindow w(MainWindow::StartMode::Idle);
        scan(w);
        QFile::remove(data);
        QVERIFY(!w.isShowingEmptyState());
        QCOMPARE(w.model()->versionCount(), 1ULL);
        auto *note = w.findChild<QLabel *>(u"historyNote"_s);
        QVERIFY(note);
        QTRY_VERIFY(!note->isHidden());
        QVERIFY2(!note->text().isEmpty(), qPrintable(note->text()));
    }

    void keepsTheGoCacheFigureAcrossAProxySwitch()
    {
        MainWindow w(MainWindow::StartMode::Idle);
        auto *controller = w.findChild<GoCacheController *>(u"goCacheController"_s);
        QVERIFY(controller);
        scan(w);
        QTRY_VERIFY_WITH_TIMEOUT(controller->hasStats() && !controller->isBusy(), 20000);
        auto *size = w.findChild<QLabel *>(u"buildCacheSize"_s);
        QVERIFY(size);
        QTRY_VERIFY(size->text() != u"\u2014"_s);
        const QString before = size->text();
        Q_EMIT w.proxySelector()->switched(u"direct"_s);
        QTRY_COMPARE(size->text(), before);
        QTest::qWait(200); // nothing late turns it back into a dash
        QCOMPARE(size->text(), before);
    }

    void showsWholeModulePathsAndPseudoVersionsAt1280()
    {
        MainWindow w(MainWindow::StartMode::Idle);
        w.resize(1280, 780);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        scan(w);
        QTreeView *tree = w.treeView();
        QHeaderView *header = tree->header();
        const QFontMetrics fm = tree->fontMetrics();
        // The delegate's text margins, both sides, and a pixel to spare.
        const int margins
            = 2 * (tree->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, tree) + 1) + 1;
        const QModelIndex module = w.proxy()->index(0, CacheModel::ModuleColumn);
        QCOMPARE(module.data().toString(), kLongPath);
        const QModelIndex version = w.proxy()->index(0, CacheModel::VersionColumn, module);
        QCOMPARE(version.data().toString(), kPseudo);
        const int moduleNeeds = tree->indentation() + fm.horizontalAdvance(kLongPath) + margins;
        const int versionNeeds = fm.horizontalAdvance(kPseudo) + margins;
        QVERIFY2(header->sectionSize(CacheModel::ModuleColumn) >= moduleNeeds,
                 qPrintable(u"module column %1 < %2"_s.arg(
                     header->sectionSize(CacheModel::ModuleColumn)).arg(moduleNeeds)));
        QVERIFY2(header->sectionSize(CacheModel::VersionColumn) >= versionNeeds,
                 qPrintable(u"version column %1 < %2"_s.arg(
                     header->sectionSize(CacheModel::VersionColumn)).arg(versionNeeds)));
        // Both are in view without scrolling; the columns after them may need it.
        const int versionEnd = header->sectionViewportPosition(CacheModel::VersionColumn)
                               + header->sectionSize(CacheModel::VersionColumn);
        QVERIFY2(header->sectionViewportPosition(CacheModel::ModuleColumn) == 0
                     && versionEnd <= tree->viewport()->width(),
                 qPrintable(u"%1 > %2"_s.arg(versionEnd).arg(tree->viewport()->width())));
    }

    void neverRestoresAWindowLargerThanTheScreen()
    {
        const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
        {
            MainWindow big(MainWindow::StartMode::Idle);
            big.setGeometry(available.x(), available.y(), available.width() * 3,
                            available.height() * 3);
            big.show();
            QVERIFY(QTest::qWaitForWindowExposed(&big));
            big.close(); // saves the geometry
        }
        QVERIFY(!QSettings().value(u"MainWindow/geometry"_s).toByteArray().isEmpty());
        MainWindow w(MainWindow::StartMode::Idle);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QRect frame = w.frameGeometry();
        // Never smaller than the window's minimum size, which the docks decide: the offscreen
        // test screen (800x800) is smaller than that.
        const QSize frameExtra = frame.size() - w.size();
        const QSize limit = available.size().expandedTo(
            w.minimumSizeHint().expandedTo(w.minimumSize()) + frameExtra);
        QVERIFY2(frame.width() <= limit.width() && frame.height() <= limit.height(),
                 qPrintable(u"%1x%2 on a %3x%4 screen, minimum %5x%6"_s.arg(frame.width())
                                .arg(frame.height()).arg(available.width())
                                .arg(available.height()).arg(limit.width()).arg(limit.height())));
        QVERIFY2(available.contains(frame.topLeft()), "the window starts on the screen");
    }
};

QTEST_MAIN(TestGuiHistory)
#include "tst_gui_history.moc"
