// SPDX-License-Identifier: GPL-3.0-or-later
// The Summary legend in the main window: clicking VCS clones (a legend button, or its SpaceBar
// segment) opens the clones the REAL go 1.23 made (helpers/VcsCloneFixture.h); Remove… asks in
// the purge's style, the clone goes, the window scans again, and the bytes are gone with du
// agreeing. Toolchains open the Toolchains dialog; Empty Trash Now empties the trash. With a
// filter on, the status bar and the summary show the filtered set next to the whole cache,
// computed in slices that never stall the GUI thread, also with 100k versions.
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>

#include "CacheFilterProxy.h"
#include "CacheModel.h"
#include "DisplayFormat.h"
#include "DuRunner.h"
#include "FilteredTotals.h"
#include "MainWindow.h"
#include "OtherEntriesDialog.h"
#include "OtherEntriesModel.h"
#include "OthersController.h"
#include "SpaceBar.h"
#include "SummaryPanel.h"
#include "helpers/VcsCloneFixture.h"
#include "scan/CacheScanner.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

namespace {

constexpr int timeoutMs = 60000;

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QString statusTotals(const MainWindow &w)
{
    auto *label = w.findChild<QLabel *>(u"totalsLabel"_s);
    return label ? label->text() : QString();
}

} // namespace

class TestGuiOthers final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFileInfo(GoTool::go123()).isExecutable());
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void vcsLegendRemovesACloneWithTheBytesGoneAndDuAgreeing()
    {
        ScratchDir dir(u"gui-others"_s);
        VcsCloneFixture fx;
        QVERIFY2(fx.make(dir), qPrintable(fx.error));

        MainWindow w(MainWindow::StartMode::Idle);
        w.show();
        QSignalSpy scanned(&w, &MainWindow::scanFinished);
        w.scanCache(fx.gomodcache);
        QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, timeoutMs);
        const quint64 cloneBytes = w.model()->otherTotals(OtherKind::Vcs).diskBytes;
        QVERIFY(cloneBytes > 8192);
        auto *vcsSize = w.summaryPanel()->findChild<QLabel *>(u"summaryVcsSize"_s);
        QVERIFY(vcsSize);
        QCOMPARE(vcsSize->text(), DisplayFormat::size(cloneBytes));

        // The SpaceBar segment opens it...
        SpaceBar *bar = w.summaryPanel()->spaceBar();
        QPoint onVcs(-1, -1);
        for (int x = 0; x < bar->width() && onVcs.x() < 0; ++x) {
            if (bar->segmentAt(QPoint(x, bar->height() / 2)) == SummaryPanel::VcsClones)
                onVcs = QPoint(x, bar->height() / 2);
        }
        QVERIFY(onVcs.x() >= 0);
        QTest::mouseClick(bar, Qt::LeftButton, {}, onVcs);
        QVERIFY(w.otherEntriesDialog());
        QVERIFY(w.otherEntriesDialog()->kind() == OtherKind::Vcs);
        w.otherEntriesDialog()->close();
        QTRY_VERIFY(!w.otherEntriesDialog());

        // ... and so does the legend entry.
        auto *button = w.summaryPanel()->findChild<QToolButton *>(u"summaryVcsButton"_s);
        QVERIFY(button);
        QVERIFY(!button->toolTip().isEmpty());
        QTest::mouseClick(button, Qt::LeftButton);
        OtherEntriesDialog *d = w.otherEntriesDialog();
        QVERIFY(d && d->isVisible());
        QVERIFY(d->kind() == OtherKind::Vcs);
        QCOMPARE(d->entriesModel()->rowCount(), 1);
        QCOMPARE(d->entriesModel()->index(0, OtherEntriesModel::PathColumn).data().toString(),
                 fx.cloneRel);
        auto *remove = d->findChild<QPushButton *>(u"otherRemoveButton"_s);
        QVERIFY(remove);
        QVERIFY(!remove->isEnabled()); // nothing selected
        d->view()->selectRow(0);
        QVERIFY(remove->isEnabled());

        remove->click();
        auto *box = d->findChild<QMessageBox *>(u"otherRemoveConfirmation"_s);
        QVERIFY(box);
        QCOMPARE(box->text(), u"Remove 1 entry (%1) from the module cache? go fetches what it "
                              "needs again."_s.arg(DisplayFormat::size(cloneBytes)));
        QVERIFY(box->informativeText().contains(fx.cloneRel));
        QVERIFY(QFileInfo(fx.gomodcache + u'/' + fx.cloneRel).isDir()); // not before the answer
        auto *confirm = box->findChild<QPushButton *>(u"confirmOtherRemoveButton"_s);
        QVERIFY(confirm);
        QSignalSpy removed(&w, &MainWindow::othersRemoved);
        confirm->click();
        QVERIFY(removed.wait(timeoutMs));
        QCOMPARE(scanned.count(), 2); // the window scanned again

        QVERIFY(!QFileInfo::exists(fx.gomodcache + u'/' + fx.cloneRel));
        QVERIFY(!w.findChild<QMessageBox *>(u"otherRemoveProblems"_s));
        QCOMPARE(w.model()->otherTotals(OtherKind::Vcs).diskBytes, 0u);
        QCOMPARE(vcsSize->text(), DisplayFormat::size(0));
        const Expected<quint64> du = DuRunner::summary(fx.gomodcache);
        QVERIFY(du.ok());
        QCOMPARE(w.model()->scanTotals().diskBytes, du.value());
        // The dialog follows the new scan: only go's lock file is left of the clone.
        QCOMPARE(d->entriesModel()->totalBytes(), 0u);
    }

    void toolchainLegendOpensTheToolchainsDialog()
    {
        ScratchDir dir(u"gui-others"_s);
        const QString cache = dir.mkpath(u"mod/cache/download"_s).chopped(15);
        MainWindow w(MainWindow::StartMode::Idle);
        QSignalSpy scanned(&w, &MainWindow::scanFinished);
        w.scanCache(cache);
        QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, timeoutMs);
        auto *button = w.summaryPanel()->findChild<QToolButton *>(u"summaryToolchainsButton"_s);
        QVERIFY(button);
        QVERIFY(!w.toolchainDialog());
        button->click();
        QVERIFY(w.toolchainDialog());
        QVERIFY(!w.otherEntriesDialog());
    }

    void emptyTrashNowEmptiesTheTrash()
    {
        ScratchDir dir(u"gui-others"_s);
        const QString cache = dir.mkpath(u"mod/cache/download"_s).chopped(15);
        const QString trash = cache + u'/' + CacheScanner::trashDirName();
        QVERIFY(writeFile(trash + u"/old-1/a/b"_s, QByteArray(50000, 'a')));
        QVERIFY(writeFile(trash + u"/old-2/c"_s, QByteArray(30000, 'c')));
        MainWindow w(MainWindow::StartMode::Idle);
        QSignalSpy scanned(&w, &MainWindow::scanFinished);
        w.scanCache(cache);
        QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, timeoutMs);
        // The window's reaper may start by itself after a scan that found trash; wait for it.
        QTest::qWait(300);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isReaping(), timeoutMs);
        if (QDir(trash).isEmpty()) {
            // It did: put something back and look again.
            QVERIFY(writeFile(trash + u"/old-3/d"_s, QByteArray(40000, 'd')));
            w.rescan();
            QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 2, timeoutMs);
            QTRY_VERIFY_WITH_TIMEOUT(!w.isReaping(), timeoutMs);
        }
        const int scansBefore = int(scanned.count());
        QVERIFY(w.model()->otherTotals(OtherKind::Trash).diskBytes > 30000);

        auto *button = w.summaryPanel()->findChild<QToolButton *>(u"summaryTrashButton"_s);
        QVERIFY(button);
        button->click();
        OtherEntriesDialog *d = w.otherEntriesDialog();
        QVERIFY(d);
        QVERIFY(d->kind() == OtherKind::Trash);
        QCOMPARE(d->entriesModel()->rowCount(), 1);
        auto *empty = d->findChild<QPushButton *>(u"emptyTrashButton"_s);
        QVERIFY(empty && empty->isVisible() && empty->isEnabled());
        QVERIFY(!d->findChild<QPushButton *>(u"otherRemoveButton"_s)->isVisible());
        QSignalSpy reaped(&w, &MainWindow::reapFinished);
        empty->click();
        QTRY_COMPARE_WITH_TIMEOUT(reaped.count(), 1, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(int(scanned.count()), scansBefore + 1, timeoutMs);
        QVERIFY(QDir(trash).isEmpty());
        QCOMPARE(w.model()->otherTotals(OtherKind::Trash).diskBytes, quint64(4096));
        const Expected<quint64> du = DuRunner::summary(cache);
        QVERIFY(du.ok());
        QCOMPARE(w.model()->scanTotals().diskBytes, du.value());
    }

    void filterShowsTheFilteredTotalsNextToTheWholeCacheWithoutStalling()
    {
        MainWindow w(MainWindow::StartMode::Idle);
        // 100k versions: 10k modules of 10 versions each.
        ScanChunk chunk;
        quint64 allBytes = 0;
        quint64 matchBytes = 0;
        quint64 matchVersions = 0;
        for (int m = 0; m < 10000; ++m) {
            for (int v = 0; v < 10; ++v) {
                ModuleVersionRecord r;
                r.path = u"example.com/mod%1"_s.arg(m);
                r.version = u"v1.0.%1"_s.arg(v);
                r.escapedPath = r.path;
                r.escapedVersion = r.version;
                r.pieces = HasTree | HasZip | HasZiphash | HasInfo | HasMod;
                r.state = VersionState::Complete;
                r.diskBytes = 4096 * quint64(1 + (m + v) % 7);
                allBytes += r.diskBytes;
                if (r.path.contains(u"mod12"_s)) {
                    matchBytes += r.diskBytes;
                    ++matchVersions;
                }
                chunk.versions.append(r);
            }
        }
        chunk.totals.diskBytes = allBytes;
        chunk.totals.versions = 100000;
        chunk.final = true;
        w.model()->addChunk(chunk);
        QCOMPARE(w.model()->versionCount(), 100000u);
        QVERIFY(!statusTotals(w).contains(u" of "_s));

        auto *filter = w.findChild<QLineEdit *>(u"filterEdit"_s);
        QVERIFY(filter);
        filter->setText(u"mod12"_s);
        const QString expected = u"%1 of %2 versions \u00b7 %3 of %4 on disk"_s.arg(
            DisplayFormat::count(matchVersions), DisplayFormat::count(100000),
            DisplayFormat::size(matchBytes), DisplayFormat::size(allBytes));
        QTRY_COMPARE_WITH_TIMEOUT(statusTotals(w), expected, timeoutMs);
        auto *summary = w.summaryPanel()->findChild<QLabel *>(u"summaryFiltered"_s);
        QVERIFY(summary && !summary->isHidden());
        QVERIFY2(summary->text().contains(DisplayFormat::size(matchBytes)),
                 qPrintable(summary->text()));

        // A filter that lets every module through: all 100k rows are added up, in slices.
        filter->setText(u"example.com"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!w.filteredTotals()->isPending()
                                     && w.filteredTotals()->versions() == 100000,
                                 timeoutMs);
        QCOMPARE(w.filteredTotals()->diskBytes(), allBytes);
        QVERIFY2(w.filteredTotals()->longestSliceMs() <= 50,
                 qPrintable(QString::number(w.filteredTotals()->longestSliceMs())));

        filter->clear();
        QTRY_VERIFY_WITH_TIMEOUT(!statusTotals(w).contains(u" of "_s), timeoutMs);
        QCOMPARE(statusTotals(w), u"%1 versions \u00b7 %2 on disk"_s.arg(
                                      DisplayFormat::count(100000), DisplayFormat::size(allBytes)));
        QTRY_VERIFY(summary->isHidden());
    }
};

QTEST_MAIN(TestGuiOthers)
#include "tst_gui_others.moc"
