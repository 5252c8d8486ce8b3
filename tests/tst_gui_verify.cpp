// SPDX-License-Identifier: GPL-3.0-or-later
// The integrity side of the main window over a cache the real go 1.23 wrote: Verify Whole
// Cache fills the Integrity column (with its raw sort value and a module's worst), the
// summary names the damaged version, the Damaged filter shows only it, Repair on the row
// re-extracts it and the row turns Verified; the files on disk are the judge.
#include <memory>

#include <QAction>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QProgressBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include "CacheFilterProxy.h"
#include "CacheModel.h"
#include "MainWindow.h"
#include "helpers/PurgeFixture.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;

namespace {

constexpr int timeoutMs = 60000;
const QString kA = u"example.com/a@v1.0.0"_s;

QList<FixtureVersion> fixtureVersions()
{
    QList<FixtureVersion> out;
    for (const FixtureVersion &v : standardVersions())
        if (v.id() == kA || v.id() == u"example.com/a@v1.1.0"_s
            || v.id() == u"example.com/ab@v1.0.0"_s || v.id() == u"github.com/Upper/Case@v1.0.0"_s)
            out.append(v);
    return out;
}

} // namespace

class TestGuiVerify : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;
    std::unique_ptr<ScratchDir> m_work;
    std::unique_ptr<MainWindow> m_window;
    QString m_cache;

    QModelIndex sourceIndexOf(const QString &id, int column) const
    {
        const CacheModel *model = m_window->model();
        const QModelIndex module = model->moduleIndex(id.section(u'@', 0, 0));
        if (!id.contains(u'@'))
            return model->index(module.row(), column);
        for (int row = 0; row < model->rowCount(module); ++row)
            if (model->index(row, 0, module).data(CacheModel::IdRole).toString() == id)
                return model->index(row, column, module);
        return {};
    }

    QMessageBox *waitForBox(const QString &name) const
    {
        QMessageBox *box = nullptr;
        const bool shown = QTest::qWaitFor(
            [&] {
                box = m_window->findChild<QMessageBox *>(name);
                return box && box->isVisible();
            },
            timeoutMs);
        return shown ? box : nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_gui_verify"_s);
        qputenv("GOENV", "off");
        qputenv("GOFLAGS", "");
        qputenv("GOCACHE", QFile::encodeName(m_scratch->mkpath(u"gocache"_s)));
        qputenv("GOMODCACHE", QFile::encodeName(m_scratch->filePath(u"unused-modcache"_s)));
        m_world = std::make_unique<World>(m_scratch->path());
        const QString error = m_world->build(fixtureVersions(), {GoTool::go123()});
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void init()
    {
        m_work = std::make_unique<ScratchDir>(u"tst_gui_verify-"_s
                                              + QString::fromLatin1(QTest::currentTestFunction()));
        m_cache = m_world->freshCache(GoTool::go123(), m_work->path());
        QVERIFY(!m_cache.isEmpty());
        // Damage one version: a stray file in its tree.
        const QString tree = treeOf(m_cache, kA);
        QVERIFY(::chmod(QFile::encodeName(tree).constData(), 0755) == 0);
        QVERIFY(writeFile(tree + u"/stray.txt"_s, "x"));
        m_window = std::make_unique<MainWindow>(MainWindow::StartMode::Idle);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy scanned(m_window.get(), &MainWindow::scanFinished);
        m_window->scanCache(m_cache);
        QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, timeoutMs);
        QCOMPARE(m_window->model()->versionCount(), quint64(4));
    }

    void cleanup()
    {
        m_window.reset();
        m_work.reset();
    }

    void cleanupTestCase()
    {
        m_world.reset();
        m_scratch.reset();
    }

    void shouldVerifyShowDamageFilterAndRepair()
    {
        MainWindow &w = *m_window;
        CacheModel *model = w.model();
        auto *verifyAll = w.findChild<QAction *>(u"verifyAllAction"_s);
        auto *verify = w.findChild<QAction *>(u"verifyAction"_s);
        auto *repair = w.findChild<QAction *>(u"repairAction"_s);
        QVERIFY(verifyAll && verify && repair);
        QVERIFY(w.treeView()->actions().contains(verify)); // the context menu
        QVERIFY(w.treeView()->actions().contains(repair));
        QVERIFY(verifyAll->isEnabled());
        QVERIFY(!repair->isEnabled());
        QCOMPARE(model->headerData(CacheModel::IntegrityColumn, Qt::Horizontal, Qt::DisplayRole)
                     .toString(),
                 u"Integrity"_s);
        QCOMPARE(sourceIndexOf(kA, CacheModel::IntegrityColumn).data().toString(),
                 u"Not checked"_s);

        QSignalSpy done(&w, &MainWindow::verifyFinished);
        verifyAll->trigger();
        QVERIFY(w.isVerifying() || done.count() == 1);
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, timeoutMs);
        QVERIFY(!w.findChild<QProgressBar *>(u"verifyProgress"_s)->isVisible());

        const QModelIndex a = sourceIndexOf(kA, CacheModel::IntegrityColumn);
        QCOMPARE(a.data().toString(), u"Modified"_s);
        QCOMPARE(a.data(CacheModel::IntegrityRole).toInt(), int(VerifyStatus::Modified));
        QCOMPARE(a.data(CacheModel::SortRole).toInt(),
                 CacheModel::integrityRank(VerifyStatus::Modified));
        QVERIFY(a.data(Qt::ToolTipRole).toString().contains(u"extra file stray.txt"_s));
        const QModelIndex ab
            = sourceIndexOf(u"example.com/ab@v1.0.0"_s, CacheModel::IntegrityColumn);
        QCOMPARE(ab.data().toString(), u"Verified"_s);
        QCOMPARE(ab.data(CacheModel::SortRole).toInt(),
                 CacheModel::integrityRank(VerifyStatus::Verified));
        // A module shows its worst version.
        QCOMPARE(sourceIndexOf(u"example.com/a"_s, CacheModel::IntegrityColumn).data().toString(),
                 u"Modified"_s);
        QVERIFY(CacheModel::integrityRank(VerifyStatus::Corrupt)
                > CacheModel::integrityRank(VerifyStatus::Modified));
        QVERIFY(CacheModel::integrityRank(VerifyStatus::Verified)
                > CacheModel::integrityRank(VerifyStatus::NotChecked));

        QMessageBox *box = waitForBox(u"verifySummary"_s);
        QVERIFY(box);
        QVERIFY2(box->text().contains(u"4 versions checked"_s)
                     && box->text().contains(u"1 version damaged"_s),
                 qPrintable(box->text()));
        QVERIFY(box->informativeText().contains(kA + u": modified"_s));
        QVERIFY(box->detailedText().contains(u"extra file stray.txt"_s));
        box->close();

        // The Damaged filter leaves only the damaged version (under its module).
        auto *filter = w.findChild<QComboBox *>(u"integrityFilter"_s);
        QVERIFY(filter);
        filter->setCurrentIndex(filter->findData(int(CacheFilterProxy::IntegrityFilter::Damaged)));
        CacheFilterProxy *proxy = w.proxy();
        QCOMPARE(proxy->rowCount(), 1);
        const QModelIndex moduleRow = proxy->index(0, 0);
        QCOMPARE(moduleRow.data(CacheModel::IdRole).toString(), u"example.com/a"_s);
        QCOMPARE(proxy->rowCount(moduleRow), 1);
        const QModelIndex damagedRow = proxy->index(0, 0, moduleRow);
        QCOMPARE(damagedRow.data(CacheModel::IdRole).toString(), kA);

        // Repair on the damaged row.
        QTreeView *tree = w.treeView();
        tree->expandAll();
        tree->selectionModel()->select(damagedRow, QItemSelectionModel::ClearAndSelect
                                                       | QItemSelectionModel::Rows);
        QVERIFY(repair->isEnabled());
        repair->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, timeoutMs);
        QMessageBox *repaired = waitForBox(u"repairSummary"_s);
        QVERIFY(repaired);
        QVERIFY2(repaired->text().contains(u"Repaired 1 version."_s), qPrintable(repaired->text()));
        QCOMPARE(sourceIndexOf(kA, CacheModel::IntegrityColumn).data().toString(), u"Verified"_s);
        QCOMPARE(proxy->rowCount(), 0); // nothing damaged is left
        QVERIFY(!exists(treeOf(m_cache, kA) + u"/stray.txt"_s));
        QCOMPARE(modeOf(treeOf(m_cache, kA)) & 0777, mode_t(0555));

        // Verify on the selection agrees with the disk.
        filter->setCurrentIndex(0);
        tree->selectionModel()->select(w.proxy()->mapFromSource(sourceIndexOf(kA, 0)),
                                       QItemSelectionModel::ClearAndSelect
                                           | QItemSelectionModel::Rows);
        QVERIFY(verify->isEnabled());
        verify->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 3, timeoutMs);
        QCOMPARE(sourceIndexOf(kA, CacheModel::IntegrityColumn).data().toString(), u"Verified"_s);
        QMessageBox *again = waitForBox(u"verifySummary"_s);
        QVERIFY(again);
        QVERIFY2(again->text().contains(u"1 version checked"_s)
                     && again->text().contains(u"everything matches"_s),
                 qPrintable(again->text()));
    }

    // Stop: the window comes back idle whatever the job had done by then.
    void shouldStopAndComeBackIdle()
    {
        MainWindow &w = *m_window;
        QSignalSpy done(&w, &MainWindow::verifyFinished);
        w.verifyAll();
        auto *stop = w.findChild<QToolButton *>(u"cancelVerify"_s);
        QVERIFY(stop);
        if (w.isVerifying())
            stop->click();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, timeoutMs);
        QVERIFY(!w.isVerifying());
        QVERIFY(!stop->isVisible());
        QVERIFY(w.findChild<QAction *>(u"verifyAllAction"_s)->isEnabled());
    }
};

QTEST_MAIN(TestGuiVerify)
#include "tst_gui_verify.moc"
