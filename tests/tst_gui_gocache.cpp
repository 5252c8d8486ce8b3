// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's build cache section: measured after a scan, and its Trim…, Clean test
// cache and Clean build cache actions driven through the real buttons and dialogs (opened, not
// exec'd), on a GOCACHE laid out like go's with chosen ages.
#include <QAbstractButton>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QDoubleSpinBox>
#include <QCheckBox>
#include <QStandardPaths>
#include <QTest>

#include "GoCacheController.h"
#include "GoCacheTrimDialog.h"
#include "MainWindow.h"
#include "ScratchDir.h"
#include "SyntheticGoCache.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

namespace {

constexpr qint64 Day = 24 * 3600;
constexpr int Pairs = 50;

template<typename T>
T *waitForWidget(const QString &name)
{
    T *found = nullptr;
    (void)QTest::qWaitFor(
        [&] {
            for (QWidget *w : QApplication::topLevelWidgets()) {
                if (auto *t = qobject_cast<T *>(w); t && t->objectName() == name && t->isVisible())
                    found = t;
            }
            return found != nullptr;
        },
        10000);
    return found;
}

} // namespace

class TestGuiGoCache : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDir> m_dir;
    QString m_cache;
    QString m_modcache;

    void scanAndMeasure(MainWindow &w, GoCacheController *&controller)
    {
        controller = w.findChild<GoCacheController *>(u"goCacheController"_s);
        QVERIFY(controller);
        QSignalSpy finished(&w, &MainWindow::scanFinished);
        w.scanCache(m_modcache);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(controller->hasStats() && !controller->isBusy(), 20000);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QSettings().clear();
        m_dir = std::make_unique<ScratchDir>(u"tst_gui_gocache"_s);
        QVERIFY(m_dir->isValid());
        m_cache = m_dir->filePath(u"gocache"_s);
        QVERIFY(SyntheticGoCache::create(
            m_cache, Pairs, QDateTime::currentSecsSinceEpoch(),
            [](int i) { return (i % 10) * Day + 1800; }, [](int) { return 5000; }));
        m_modcache = m_dir->mkpath(u"gomodcache/cache/download"_s).chopped(15);
        qputenv("GOENV", "off");
        qputenv("GOFLAGS", "");
        qputenv("GOCACHE", QFile::encodeName(m_cache));
        qputenv("GOMODCACHE", QFile::encodeName(m_modcache));
    }

    void showsTheBuildCacheAfterAScan()
    {
        MainWindow w(MainWindow::StartMode::Idle);
        GoCacheController *c = nullptr;
        scanAndMeasure(w, c);
        auto *entries = w.findChild<QLabel *>(u"goCacheEntries"_s);
        QVERIFY(entries);
        QVERIFY2(entries->text().contains(u"100"_s), qPrintable(entries->text()));
        QVERIFY(w.findChild<QPushButton *>(u"goCacheTrimButton"_s)->isEnabled());
    }

    void trimsThroughTheDialog()
    {
        MainWindow w(MainWindow::StartMode::Idle);
        GoCacheController *c = nullptr;
        scanAndMeasure(w, c);
        w.findChild<QPushButton *>(u"goCacheTrimButton"_s)->click();
        auto *dialog = waitForWidget<GoCacheTrimDialog>(u"goCacheTrimDialog"_s);
        QVERIFY(dialog);
        dialog->findChild<QRadioButton *>(u"goCacheTrimByAge"_s)->setChecked(true);
        dialog->findChild<QSpinBox *>(u"goCacheTrimDays"_s)->setValue(5);
        // Ages 6..9 days of 0..9 go: 40 entries.
        QCOMPARE(dialog->estimate().entries(), quint64(40));
        QVERIFY(dialog->findChild<QLabel *>(u"goCacheTrimEstimate"_s)->text().contains(u"40"_s));
        QSignalSpy trimmed(c, &GoCacheController::trimFinished);
        dialog->accept();
        QVERIFY(trimmed.wait(20000));
        QTRY_COMPARE_WITH_TIMEOUT(c->stats().entries(), quint64(60), 20000);
        QCOMPARE(SyntheticGoCache::entries(m_cache).size(), 60);
        QVERIFY(QFile::exists(m_cache + u"/trim.txt"_s));
    }

    void keepsASizeCapFromTheDialog()
    {
        MainWindow w(MainWindow::StartMode::Idle);
        GoCacheController *c = nullptr;
        scanAndMeasure(w, c);
        w.findChild<QPushButton *>(u"goCacheTrimButton"_s)->click();
        auto *dialog = waitForWidget<GoCacheTrimDialog>(u"goCacheTrimDialog"_s);
        QVERIFY(dialog);
        dialog->findChild<QRadioButton *>(u"goCacheTrimBySize"_s)->setChecked(true);
        dialog->findChild<QDoubleSpinBox *>(u"goCacheTrimSize"_s)->setValue(0.1); // 100 MB
        dialog->findChild<QCheckBox *>(u"goCacheKeepCap"_s)->setChecked(true);
        QSignalSpy trimmed(c, &GoCacheController::trimFinished);
        dialog->accept();
        QVERIFY(trimmed.wait(20000));
        QCOMPARE(GoCacheController::savedSizeCap(), quint64(100000000));
        QCOMPARE(c->sizeCap(), quint64(100000000));
        QVERIFY(w.findChild<QLabel *>(u"goCacheCap"_s)->isVisibleTo(&w));
        QCOMPARE(SyntheticGoCache::entries(m_cache).size(), 2 * Pairs); // already under it
    }

    void cleansTestAndBuildCacheAfterConfirmation()
    {
        MainWindow w(MainWindow::StartMode::Idle);
        GoCacheController *c = nullptr;
        scanAndMeasure(w, c);
        w.findChild<QPushButton *>(u"goCacheCleanTestButton"_s)->click();
        auto *box = waitForWidget<QMessageBox>(u"goCacheCleanConfirmation"_s);
        QVERIFY(box);
        QVERIFY(box->text().contains(u"test"_s));
        box->findChild<QPushButton *>(u"confirmGoCacheCleanButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_cache + u"/testexpire.txt"_s), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!c->isBusy(), 20000);
        QCOMPARE(SyntheticGoCache::entries(m_cache).size(), 2 * Pairs);

        // Cancel first: nothing happens.
        w.findChild<QPushButton *>(u"goCacheCleanButton"_s)->click();
        box = waitForWidget<QMessageBox>(u"goCacheCleanConfirmation"_s);
        QVERIFY(box);
        QVERIFY2(box->text().contains(u"100"_s), qPrintable(box->text()));
        box->button(QMessageBox::Cancel)->click();
        QTest::qWait(100);
        QVERIFY(!c->isBusy());
        QCOMPARE(SyntheticGoCache::entries(m_cache).size(), 2 * Pairs);

        w.findChild<QPushButton *>(u"goCacheCleanButton"_s)->click();
        box = waitForWidget<QMessageBox>(u"goCacheCleanConfirmation"_s);
        QVERIFY(box);
        box->findChild<QPushButton *>(u"confirmGoCacheCleanButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(SyntheticGoCache::entries(m_cache).size(), 0, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(c->stats().entries(), quint64(0), 20000);
        QVERIFY(QFile::exists(m_cache + u"/README"_s));
    }
};

QTEST_MAIN(TestGuiGoCache)
#include "tst_gui_gocache.moc"
