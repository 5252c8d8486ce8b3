// SPDX-License-Identifier: GPL-3.0-or-later
// The purge side of the main window over module caches written by the real go 1.19 from a
// file:// proxy: Delete with its confirmation (and Del), the Clean up dialog's live preview,
// light clean then Restore, Purge everything behind its explicit confirmation, and the trash
// reaper that frees the space afterwards. The judges are the files on disk.
#include <sys/file.h>
#include <sys/stat.h>

#include <memory>

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include "CacheModel.h"
#include "CacheFilterProxy.h"
#include "CacheWriter.h"
#include "CleanupDialog.h"
#include "DisplayFormat.h"
#include "FixtureProxy.h"
#include "GoTool.h"
#include "MainWindow.h"
#include "PurgePreviewModel.h"
#include "ScratchDir.h"
#include "Subprocess.h"
#include "scan/CacheScanner.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

namespace {

constexpr int scanTimeoutMs = 30000;
constexpr int jobTimeoutMs = 60000;

const QString kLib = u"example.com/lib"_s;
const QString kLibV2 = u"example.com/lib/v2"_s;
const QString kTool = u"example.com/tool"_s;
const QString kUpper = u"github.com/Upper/Case"_s;

/// Every version the fixture proxy publishes and go downloads.
const QStringList kAllIds{kLib + u"@v1.0.0"_s,   kLib + u"@v1.1.0"_s,  kLib + u"@v1.2.0"_s,
                          kLibV2 + u"@v2.0.0"_s, kTool + u"@v0.1.0"_s, kUpper + u"@v1.0.0"_s,
                          kUpper + u"@v1.1.0"_s};

QString pathOf(const QString &id)
{
    return id.section(u'@', 0, 0);
}

QString versionOf(const QString &id)
{
    return id.section(u'@', 1);
}

QString treeOf(const QString &gomodcache, const QString &id)
{
    return CacheWriter::treePath(gomodcache, pathOf(id), versionOf(id));
}

QString fileOf(const QString &gomodcache, const QString &id, const QString &suffix)
{
    return CacheWriter::downloadPath(gomodcache, pathOf(id), versionOf(id), suffix);
}

/// lstat: a dangling symlink counts too.
bool exists(const QString &path)
{
    struct stat st;
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0;
}

mode_t modeOf(const QString &path)
{
    struct stat st;
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? (st.st_mode & 07777) : 0;
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(
        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

QString trashOf(const QString &gomodcache)
{
    return gomodcache + u'/' + CacheScanner::trashDirName();
}

template<typename T>
T *child(const QObject &parent, const QString &name)
{
    return parent.findChild<T *>(name);
}

/// Saves a picture of widget when MODKEEPER_SCREENSHOT_DIR is set (for reviewing the look).
void screenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("MODKEEPER_SCREENSHOT_DIR");
    if (!dir.isEmpty() && widget)
        widget->grab().save(dir + u'/' + name + u".png"_s, "PNG");
}

} // namespace

class TestGuiPurge final : public QObject
{
    Q_OBJECT

public:
    TestGuiPurge() = default;
    Q_DISABLE_COPY_MOVE(TestGuiPurge)

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void shouldRemoveSelectedVersionsAfterConfirmingWithTheirCountAndSize();
    void shouldKeepEverythingWhenDeleteIsCancelled();
    void shouldRemoveEveryVersionOfASelectedModule();
    void shouldKeepAndReportAVersionGoIsUsing();
    void shouldStopAPurgeThatWaitsForGo();
    void shouldDropTheRowOfAVersionSomeoneElseRemoved();
    void shouldPreviewACleanUpPolicyLiveAndRunIt();
    void shouldListWhatALightCleanLeavesAlone();
    void shouldLightCleanAndRestoreOffline();
    void shouldPurgeEverythingOnlyAfterExplicitConfirmation();
    void shouldRefuseToPurgeAFolderThatIsNoModuleCache();
    void shouldEmptyLeftoverTrashAfterTheFirstScan();
    void shouldLeaveDelInTheFilterFieldToTheText();

private:
    /// A window over a fresh copy of the go-written cache, scanned.
    void openWindow();
    [[nodiscard]] QModelIndex proxyIndexOf(const QString &id) const;
    void selectIds(const QStringList &ids);
    [[nodiscard]] QStringList versionsInModel() const;
    [[nodiscard]] QMessageBox *waitForBox(const QString &name) const;

    std::unique_ptr<ScratchDir> m_scratch;
    QString m_template;
    std::unique_ptr<ScratchDir> m_work;
    QString m_cache;
    std::unique_ptr<MainWindow> m_window;
};

void TestGuiPurge::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_scratch = std::make_unique<ScratchDir>(u"tst_gui_purge"_s);
    QVERIFY(m_scratch->isValid());
    // The window resolves the go environment: keep it off the user's files.
    const QString home = m_scratch->mkpath(u"home"_s);
    qputenv("GOENV", "off");
    qputenv("GOFLAGS", "");
    qputenv("GOCACHE", QFile::encodeName(m_scratch->mkpath(u"gocache"_s)));
    qputenv("GOMODCACHE", QFile::encodeName(m_scratch->filePath(u"unused-modcache"_s)));

    FixtureProxy proxy(m_scratch->mkpath(u"proxy"_s));
    quint32 seed = 1;
    for (const QString &id : kAllIds) {
        const Status st = proxy.addModule(pathOf(id), versionOf(id),
                                          FixtureProxy::generatedFiles(pathOf(id), 8, seed++));
        QVERIFY2(st.ok(), qPrintable(st.error().toString()));
    }
    m_template = m_scratch->filePath(u"template"_s);
    const QString go = GoTool::go119();
    const GoDownloadResult dl = GoTool::downloadModules(
        go, GoTool::isolatedEnvironment(go, home, m_template, proxy.url()), kAllIds);
    QVERIFY2(dl.ok(), qPrintable(dl.describe()));
    for (const QString &id : kAllIds)
        QVERIFY2(exists(treeOf(m_template, id)), qPrintable(id));
}

void TestGuiPurge::init()
{
    QSettings().clear();
    m_work = std::make_unique<ScratchDir>(u"tst_gui_purge-"_s
                                          + QString::fromLatin1(QTest::currentTestFunction()));
    QVERIFY(m_work->isValid());
    m_cache = m_work->filePath(u"gomodcache"_s);
    QProcessEnvironment env;
    env.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
    const ProcessResult copied
        = Subprocess::run(u"cp"_s, {u"-a"_s, u"--"_s, m_template, m_cache}, env);
    QVERIFY2(copied.succeeded(), qPrintable(copied.describe()));
}

void TestGuiPurge::cleanup()
{
    m_window.reset(); // cancels and waits for whatever still runs
    m_work.reset();
}

void TestGuiPurge::openWindow()
{
    m_window = std::make_unique<MainWindow>(MainWindow::StartMode::Idle);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->activateWindow();
    QSignalSpy finished(m_window.get(), &MainWindow::scanFinished);
    m_window->scanCache(m_cache);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, scanTimeoutMs);
    QCOMPARE(m_window->model()->versionCount(), quint64(kAllIds.size()));
}

QModelIndex TestGuiPurge::proxyIndexOf(const QString &id) const
{
    const CacheModel *model = m_window->model();
    const QModelIndex module = model->moduleIndex(pathOf(id));
    if (!id.contains(u'@'))
        return m_window->proxy()->mapFromSource(module);
    for (int row = 0; row < model->rowCount(module); ++row) {
        const QModelIndex v = model->index(row, 0, module);
        if (v.data(CacheModel::IdRole).toString() == id)
            return m_window->proxy()->mapFromSource(v);
    }
    return {};
}

void TestGuiPurge::selectIds(const QStringList &ids)
{
    QTreeView *tree = m_window->treeView();
    tree->expandAll();
    tree->setFocus();
    QItemSelectionModel *selection = tree->selectionModel();
    selection->clearSelection();
    for (const QString &id : ids) {
        const QModelIndex idx = proxyIndexOf(id);
        QVERIFY2(idx.isValid(), qPrintable(id));
        selection->select(idx, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        selection->setCurrentIndex(idx, QItemSelectionModel::NoUpdate);
    }
}

QStringList TestGuiPurge::versionsInModel() const
{
    QStringList ids;
    for (const ModuleVersionRecord &r : m_window->model()->allVersions())
        ids << r.id();
    ids.sort();
    return ids;
}

QMessageBox *TestGuiPurge::waitForBox(const QString &name) const
{
    QMessageBox *box = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        box = m_window->findChild<QMessageBox *>(name);
        return box && box->isVisible();
    });
    return shown ? box : nullptr;
}

void TestGuiPurge::shouldRemoveSelectedVersionsAfterConfirmingWithTheirCountAndSize()
{
    openWindow();
    MainWindow &w = *m_window;
    auto *deleteAction = child<QAction>(w, u"deleteAction"_s);
    QVERIFY(deleteAction);
    QCOMPARE(deleteAction->shortcut(), QKeySequence(QKeySequence::Delete));
    QVERIFY(!deleteAction->isEnabled()); // nothing selected yet

    const QStringList doomed{kLib + u"@v1.0.0"_s, kLib + u"@v1.1.0"_s};
    selectIds(doomed);
    QVERIFY(deleteAction->isEnabled());
    quint64 bytes = 0;
    for (const QString &id : doomed)
        bytes += w.model()->findVersion(id)->diskBytes;
    const quint64 totalBefore = w.model()->scanTotals().diskBytes;

    QSignalSpy removed(w.model(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy purged(&w, &MainWindow::purgeFinished);
    QSignalSpy reaped(&w, &MainWindow::reapFinished);
    // Del on the tree asks first.
    QTest::keyClick(w.treeView(), Qt::Key_Delete);
    QMessageBox *box = waitForBox(u"purgeConfirmation"_s);
    QVERIFY(box);
    QCOMPARE(box->text(), u"Remove 2 versions (%1) from the module cache? go will download them "
                          "again when needed."_s.arg(DisplayFormat::size(bytes)));
    QVERIFY(box->informativeText().contains(doomed.first()));
    auto *keepZips = child<QCheckBox>(*box, u"keepZipsCheck"_s);
    QVERIFY(keepZips);
    QCOMPARE(keepZips->text(), u"Keep the zips (restorable offline)"_s);
    QVERIFY(!keepZips->isChecked());
    screenshot(box, u"delete-confirmation"_s);
    QCOMPARE(removed.count(), 0); // nothing happens before the answer
    QVERIFY(exists(treeOf(m_cache, doomed.first())));

    auto *confirm = child<QPushButton>(*box, u"confirmPurgeButton"_s);
    QVERIFY(confirm && confirm->isEnabled());
    confirm->click();

    // The rows go as the job reports them; the other version of lib stays.
    QTRY_COMPARE_WITH_TIMEOUT(purged.count(), 1, jobTimeoutMs);
    QVERIFY(removed.count() >= 1);
    QCOMPARE(w.model()->rowCount(w.model()->moduleIndex(kLib)), 1);
    QVERIFY(!w.model()->findVersion(doomed.at(0)));
    QVERIFY(!w.model()->findVersion(doomed.at(1)));
    QCOMPARE(w.model()->versionCount(), quint64(kAllIds.size() - 2));
    QCOMPARE(w.model()->scanTotals().diskBytes + bytes,
             totalBefore + w.model()->otherTotals(OtherKind::Trash).diskBytes);

    // On disk: trees and download files gone, go's lock files kept, the list rewritten.
    for (const QString &id : doomed) {
        QVERIFY2(!exists(treeOf(m_cache, id)), qPrintable(id));
        for (const QString &suffix :
             {u".zip"_s, u".ziphash"_s, u".info"_s, u".mod"_s, u".partial"_s})
            QVERIFY2(!exists(fileOf(m_cache, id, suffix)), qPrintable(id + suffix));
        QVERIFY2(exists(fileOf(m_cache, id, u".lock"_s)), qPrintable(id));
    }
    QVERIFY(exists(treeOf(m_cache, kLib + u"@v1.2.0"_s)));
    QCOMPARE(readFile(m_cache + u"/cache/download/example.com/lib/@v/list"_s),
             QByteArray("v1.2.0\n"));

    // The reaper frees the trees in the background and the label counts up to the end.
    auto *freed = child<QLabel>(w, u"freedLabel"_s);
    QVERIFY(freed);
    QTRY_COMPARE_WITH_TIMEOUT(reaped.count(), 1, jobTimeoutMs);
    QVERIFY(freed->isVisible());
    QVERIFY2(freed->text().endsWith(u" freed"_s) && !freed->text().startsWith(u"Freeing"_s),
             qPrintable(freed->text()));
    QVERIFY2(!freed->text().startsWith(u"0 bytes"_s), qPrintable(freed->text()));
    QCOMPARE(entries(trashOf(m_cache)), QStringList());
    QCOMPARE(w.model()->otherTotals(OtherKind::Trash).diskBytes, 0u);
    screenshot(&w, u"window-after-purge"_s);
}

void TestGuiPurge::shouldKeepEverythingWhenDeleteIsCancelled()
{
    openWindow();
    MainWindow &w = *m_window;
    selectIds({kUpper + u"@v1.0.0"_s});
    child<QAction>(w, u"deleteAction"_s)->trigger();
    QMessageBox *box = waitForBox(u"purgeConfirmation"_s);
    QVERIFY(box);
    QVERIFY(box->text().startsWith(u"Remove 1 version ("_s));
    QAbstractButton *cancel = box->button(QMessageBox::Cancel);
    QVERIFY(cancel);
    cancel->click();
    QTRY_VERIFY(!m_window->findChild<QMessageBox *>(u"purgeConfirmation"_s));
    QVERIFY(!w.isPurging());
    QCOMPARE(versionsInModel().size(), kAllIds.size());
    QVERIFY(exists(treeOf(m_cache, kUpper + u"@v1.0.0"_s)));
    QVERIFY(exists(fileOf(m_cache, kUpper + u"@v1.0.0"_s, u".zip"_s)));
    QVERIFY(!exists(trashOf(m_cache)));
}

void TestGuiPurge::shouldRemoveEveryVersionOfASelectedModule()
{
    openWindow();
    MainWindow &w = *m_window;
    // The module row stands for both versions; one of them selected as well counts once.
    selectIds({kUpper, kUpper + u"@v1.1.0"_s});
    const quint64 bytes
        = w.model()->moduleIndex(kUpper).data(CacheModel::DiskBytesRole).toULongLong();
    QSignalSpy purged(&w, &MainWindow::purgeFinished);
    child<QAction>(w, u"deleteAction"_s)->trigger();
    QMessageBox *box = waitForBox(u"purgeConfirmation"_s);
    QVERIFY(box);
    QCOMPARE(box->text(), u"Remove 2 versions (%1) from the module cache? go will download them "
                          "again when needed."_s.arg(DisplayFormat::size(bytes)));
    child<QPushButton>(*box, u"confirmPurgeButton"_s)->click();
    QTRY_COMPARE_WITH_TIMEOUT(purged.count(), 1, jobTimeoutMs);
    QVERIFY(!w.model()->moduleIndex(kUpper).isValid());
    QVERIFY(!w.proxy()
                 ->match(w.proxy()->index(0, 0), CacheModel::ModulePathRole, kUpper, 1,
                         Qt::MatchExactly)
                 .size());
    // The upper-case path is !-escaped on disk.
    QVERIFY(exists(m_cache + u"/github.com/!upper"_s));
    QVERIFY(!exists(m_cache + u"/github.com/!upper/!case@v1.0.0"_s));
    QVERIFY(!exists(m_cache + u"/github.com/!upper/!case@v1.1.0"_s));
    QVERIFY(exists(m_cache + u"/cache/download/github.com/!upper/!case/@v/v1.1.0.lock"_s));
    QCOMPARE(w.model()->versionCount(), quint64(kAllIds.size() - 2));
}

void TestGuiPurge::shouldKeepAndReportAVersionGoIsUsing()
{
    openWindow();
    MainWindow &w = *m_window;
    w.setLockTimeout(300);
    // go holds a version while it works on it: an exclusive flock on its .lock file.
    const QString busy = kLib + u"@v1.0.0"_s;
    const QString free = kLib + u"@v1.1.0"_s;
    QFile lock(fileOf(m_cache, busy, u".lock"_s));
    QVERIFY(lock.open(QIODevice::ReadWrite));
    QCOMPARE(::flock(lock.handle(), LOCK_EX | LOCK_NB), 0);

    selectIds({busy, free});
    QSignalSpy purged(&w, &MainWindow::purgeFinished);
    child<QAction>(w, u"deleteAction"_s)->trigger();
    QMessageBox *box = waitForBox(u"purgeConfirmation"_s);
    QVERIFY(box);
    child<QPushButton>(*box, u"confirmPurgeButton"_s)->click();
    QTRY_COMPARE_WITH_TIMEOUT(purged.count(), 1, jobTimeoutMs);
    ::flock(lock.handle(), LOCK_UN);

    // The busy version stays, in the tree and on disk; the other one is gone.
    QVERIFY(w.model()->findVersion(busy));
    QVERIFY(!w.model()->findVersion(free));
    QVERIFY(exists(treeOf(m_cache, busy)));
    QVERIFY(exists(fileOf(m_cache, busy, u".zip"_s)));
    QVERIFY(!exists(fileOf(m_cache, busy, u".partial"_s)));
    QVERIFY(!exists(treeOf(m_cache, free)));
    // Told without blocking the window: a non-modal message naming it, and the status bar.
    QMessageBox *problems = waitForBox(u"purgeProblems"_s);
    QVERIFY(problems);
    QCOMPARE(problems->windowModality(), Qt::NonModal);
    QVERIFY(!QApplication::activeModalWidget());
    QVERIFY2(problems->informativeText().contains(busy), qPrintable(problems->informativeText()));
    QVERIFY(problems->text().startsWith(u"1 of 2 versions could not be removed"_s));
    auto *status = child<QLabel>(w, u"statusText"_s);
    QVERIFY2(status->text().contains(u"1 not removed"_s), qPrintable(status->text()));
    screenshot(problems, u"purge-problems"_s);
}

void TestGuiPurge::shouldStopAPurgeThatWaitsForGo()
{
    openWindow();
    MainWindow &w = *m_window;
    w.setLockTimeout(60000);
    // go holds the first version for a long time: the purge waits on its lock.
    const QString busy = kLib + u"@v1.0.0"_s;
    const QString next = kLib + u"@v1.1.0"_s;
    QFile lock(fileOf(m_cache, busy, u".lock"_s));
    QVERIFY(lock.open(QIODevice::ReadWrite));
    QCOMPARE(::flock(lock.handle(), LOCK_EX | LOCK_NB), 0);

    selectIds({busy, next});
    QSignalSpy purged(&w, &MainWindow::purgeFinished);
    child<QAction>(w, u"deleteAction"_s)->trigger();
    QMessageBox *box = waitForBox(u"purgeConfirmation"_s);
    QVERIFY(box);
    child<QPushButton>(*box, u"confirmPurgeButton"_s)->click();
    auto *stop = child<QToolButton>(w, u"cancelPurge"_s);
    QTRY_VERIFY(stop->isVisible() && stop->isEnabled());
    QTest::qWait(300); // it is waiting for go's lock now
    QElapsedTimer clock;
    clock.start();
    stop->click();
    QTRY_COMPARE_WITH_TIMEOUT(purged.count(), 1, 10000);
    QVERIFY2(clock.elapsed() < 5000, "Stop must not wait for the lock timeout");
    ::flock(lock.handle(), LOCK_UN);

    // Nothing after the stop point was touched; the window is idle again.
    QVERIFY(w.model()->findVersion(busy));
    QVERIFY(w.model()->findVersion(next));
    QVERIFY(exists(treeOf(m_cache, busy)) && exists(treeOf(m_cache, next)));
    QVERIFY(!exists(fileOf(m_cache, busy, u".partial"_s)));
    QVERIFY(!stop->isVisible());
    QVERIFY(!w.isPurging());
    QVERIFY2(child<QLabel>(w, u"statusText"_s)->text().contains(u"stopped"_s),
             qPrintable(child<QLabel>(w, u"statusText"_s)->text()));
    if (QMessageBox *problems = w.findChild<QMessageBox *>(u"purgeProblems"_s))
        problems->close();
}

void TestGuiPurge::shouldDropTheRowOfAVersionSomeoneElseRemoved()
{
    openWindow();
    MainWindow &w = *m_window;
    const QString id = kTool + u"@v0.1.0"_s;
    // Behind the window's back, as go clean or another tool would.
    QProcessEnvironment env;
    env.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
    const QString tree = treeOf(m_cache, id);
    QVERIFY(Subprocess::run(u"chmod"_s, {u"-R"_s, u"u+w"_s, tree}, env).succeeded());
    QVERIFY(Subprocess::run(u"rm"_s, {u"-rf"_s, u"--"_s, tree}, env).succeeded());
    for (const QString &suffix : {u".zip"_s, u".ziphash"_s, u".info"_s, u".mod"_s})
        QVERIFY(QFile::remove(fileOf(m_cache, id, suffix)));

    selectIds({id});
    QSignalSpy purged(&w, &MainWindow::purgeFinished);
    child<QAction>(w, u"deleteAction"_s)->trigger();
    QMessageBox *box = waitForBox(u"purgeConfirmation"_s);
    QVERIFY(box);
    child<QPushButton>(*box, u"confirmPurgeButton"_s)->click();
    QTRY_COMPARE_WITH_TIMEOUT(purged.count(), 1, jobTimeoutMs);
    QVERIFY(!w.model()->moduleIndex(kTool).isValid());
    QVERIFY(!w.findChild<QMessageBox *>(u"purgeProblems"_s));
    auto *status = child<QLabel>(w, u"statusText"_s);
    QVERIFY2(status->text().contains(u"1 already removed by someone else"_s),
             qPrintable(status->text()));
}

void TestGuiPurge::shouldPreviewACleanUpPolicyLiveAndRunIt()
{
    openWindow();
    MainWindow &w = *m_window;
    auto *cleanupAction = child<QAction>(w, u"cleanupAction"_s);
    QVERIFY(cleanupAction && cleanupAction->isEnabled());
    cleanupAction->trigger();
    CleanupDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = w.findChild<CleanupDialog *>(u"cleanupDialog"_s)) && dialog->isVisible());

    auto *label = child<QLabel>(*dialog, u"previewLabel"_s);
    auto *details = child<QLabel>(*dialog, u"previewDetails"_s);
    auto *keepCheck = child<QCheckBox>(*dialog, u"keepLatestCheck"_s);
    auto *keepSpin = child<QSpinBox>(*dialog, u"keepLatestSpin"_s);
    auto *patterns = child<QLineEdit>(*dialog, u"patternsEdit"_s);
    auto *remove = child<QPushButton>(*dialog, u"cleanupRemoveButton"_s);
    auto *list = child<QTreeView>(*dialog, u"previewList"_s);
    QVERIFY(label && details && keepCheck && keepSpin && patterns && remove && list);
    PurgePreviewModel *preview = dialog->previewModel();
    QCOMPARE(list->model(), preview);

    // Nothing chosen: nothing to remove, and the dialog says what to do.
    QCOMPARE(label->text(), u"Nothing to remove"_s);
    QVERIFY(details->text().contains(u"Purge Everything"_s));
    QVERIFY(!remove->isEnabled());
    QCOMPARE(preview->rowCount(), 0);

    // Keep the newest 1 of each module and major version: lib v1.0.0, v1.1.0 and Upper/Case
    // v1.0.0 go; lib/v2 and tool have one version each.
    keepCheck->setChecked(true);
    keepSpin->setValue(1);
    const QStringList expected{kLib + u"@v1.0.0"_s, kLib + u"@v1.1.0"_s, kUpper + u"@v1.0.0"_s};
    quint64 bytes = 0;
    for (const QString &id : expected)
        bytes += w.model()->findVersion(id)->diskBytes;
    const QString expectedLabel = u"3 versions \u00b7 %1 freed"_s.arg(DisplayFormat::size(bytes));
    QTRY_COMPARE(label->text(), expectedLabel);
    QStringList previewIds;
    for (int row = 0; row < preview->rowCount(); ++row)
        previewIds << preview->index(row, 0).data(PurgePreviewModel::IdRole).toString();
    QCOMPARE(previewIds, expected);
    QCOMPARE(preview->index(0, PurgePreviewModel::NoteColumn).data().toString(),
             u"Whole version"_s);
    QVERIFY(remove->isEnabled());
    QCOMPARE(remove->text(), u"Remove 3 versions"_s);

    // Typing narrows it after a short pause, not on every key.
    patterns->setFocus();
    QTest::keyClicks(patterns, u"example.com/*"_s);
    QCOMPARE(label->text(), expectedLabel); // debounced
    QTRY_COMPARE(label->text(),
                 u"2 versions \u00b7 %1 freed"_s.arg(DisplayFormat::size(
                     bytes - w.model()->findVersion(kUpper + u"@v1.0.0"_s)->diskBytes)));
    QCOMPARE(preview->itemCount(), 2);

    // A pattern the CLI would refuse is refused here, with the core's words.
    patterns->setText(u"Bad..Path@v1"_s);
    QTRY_VERIFY(!remove->isEnabled());
    QCOMPARE(label->text(), u"Nothing to remove"_s);
    QVERIFY2(!dialog->problem().isEmpty(), qPrintable(details->text()));
    QCOMPARE(details->text(), dialog->problem());
    QCOMPARE(preview->rowCount(), 0);

    patterns->clear();
    QTRY_COMPARE(label->text(), expectedLabel);
    screenshot(dialog, u"cleanup-dialog"_s);

    QSignalSpy purged(&w, &MainWindow::purgeFinished);
    remove->click();
    QTRY_COMPARE_WITH_TIMEOUT(purged.count(), 1, jobTimeoutMs);
    QStringList remaining = kAllIds;
    for (const QString &id : expected)
        remaining.removeAll(id);
    remaining.sort();
    QCOMPARE(versionsInModel(), remaining);
    for (const QString &id : expected)
        QVERIFY2(!exists(treeOf(m_cache, id)), qPrintable(id));
    for (const QString &id : std::as_const(remaining))
        QVERIFY2(exists(treeOf(m_cache, id)), qPrintable(id));

    // The criteria are remembered for the next time.
    QTRY_VERIFY(!w.findChild<CleanupDialog *>(u"cleanupDialog"_s));
    CleanupDialog again(w.model()->allVersions());
    QCOMPARE(again.criteria().keepLatest, std::optional<int>(1));
    QVERIFY(again.criteria().patterns.isEmpty());
}

void TestGuiPurge::shouldListWhatALightCleanLeavesAlone()
{
    // tool's zip is gone: its tree is still usable (go only needs the .ziphash), but a light
    // clean could not be undone offline, so the plan leaves it alone and says why.
    QVERIFY(QFile::remove(fileOf(m_cache, kTool + u"@v0.1.0"_s, u".zip"_s)));
    openWindow();
    CleanupDialog dialog(m_window->model()->allVersions());
    dialog.show();
    PurgeCriteria criteria;
    criteria.patterns = {kTool, kLibV2};
    criteria.light = true;
    dialog.setCriteria(criteria);
    dialog.updatePreview();
    auto *label = child<QLabel>(dialog, u"previewLabel"_s);
    auto *remove = child<QPushButton>(dialog, u"cleanupRemoveButton"_s);
    const quint64 tree = m_window->model()->findVersion(kLibV2 + u"@v2.0.0"_s)->treeBytes;
    QVERIFY(tree > 0);
    QCOMPARE(label->text(), u"1 version \u00b7 %1 freed"_s.arg(DisplayFormat::size(tree)));
    QCOMPARE(remove->text(), u"Drop 1 Tree"_s);
    PurgePreviewModel *preview = dialog.previewModel();
    QCOMPARE(preview->itemCount(), 1);
    QCOMPARE(preview->skippedCount(), 1);
    QCOMPARE(preview->rowCount(), 2);
    QCOMPARE(preview->index(0, PurgePreviewModel::NoteColumn).data().toString(), u"Tree only"_s);
    const QModelIndex skipped = preview->index(1, PurgePreviewModel::NoteColumn);
    QCOMPARE(skipped.data(PurgePreviewModel::IdRole).toString(), kTool + u"@v0.1.0"_s);
    QVERIFY(skipped.data(PurgePreviewModel::SkippedRole).toBool());
    QVERIFY2(skipped.data().toString().startsWith(u"Left alone: no verified zip"_s),
             qPrintable(skipped.data().toString()));
    QVERIFY(child<QLabel>(dialog, u"previewDetails"_s)->text().contains(u"1 version left alone"_s));
}

void TestGuiPurge::shouldLightCleanAndRestoreOffline()
{
    openWindow();
    MainWindow &w = *m_window;
    const QString id = kTool + u"@v0.1.0"_s;
    const ModuleVersionRecord before = *w.model()->findVersion(id);
    QCOMPARE(int(before.state), int(VersionState::Complete));
    QVERIFY(before.files > 0);
    selectIds({id});
    auto *restoreAction = child<QAction>(w, u"restoreAction"_s);
    auto *lightAction = child<QAction>(w, u"lightCleanAction"_s);
    QVERIFY(restoreAction && lightAction);
    QVERIFY(!restoreAction->isEnabled()); // complete: nothing to restore
    QVERIFY(lightAction->isEnabled());
    // Both are in the tree's context menu, with Delete and Copy.
    const QList<QAction *> menu = w.treeView()->actions();
    QVERIFY(menu.contains(child<QAction>(w, u"deleteAction"_s)));
    QVERIFY(menu.contains(lightAction) && menu.contains(restoreAction));
    QVERIFY(menu.contains(child<QAction>(w, u"copyAction"_s)));

    QSignalSpy purged(&w, &MainWindow::purgeFinished);
    lightAction->trigger();
    QMessageBox *box = waitForBox(u"purgeConfirmation"_s);
    QVERIFY(box);
    QVERIFY(child<QCheckBox>(*box, u"keepZipsCheck"_s)->isChecked());
    QCOMPARE(box->text(), u"Drop the extracted tree of 1 version (%1)? Its zip stays, so Restore "
                          "brings it back offline."_s.arg(DisplayFormat::size(before.treeBytes)));
    child<QPushButton>(*box, u"confirmPurgeButton"_s)->click();
    QTRY_COMPARE_WITH_TIMEOUT(purged.count(), 1, jobTimeoutMs);

    // Archive only: the row stays, with the zip's size; on disk the zip and hash stay.
    ModuleVersionRecord light = *w.model()->findVersion(id);
    QCOMPARE(int(light.state), int(VersionState::ArchiveOnly));
    QCOMPARE(light.diskBytes, before.diskBytes - before.treeBytes);
    QVERIFY(!exists(treeOf(m_cache, id)));
    QVERIFY(exists(fileOf(m_cache, id, u".zip"_s)));
    QVERIFY(exists(fileOf(m_cache, id, u".ziphash"_s)));
    QVERIFY(!exists(fileOf(m_cache, id, u".partial"_s)));
    const QModelIndex row = proxyIndexOf(id);
    QCOMPARE(row.siblingAtColumn(CacheModel::StateColumn).data().toString(), u"Archive only"_s);

    // Restore extracts it again, offline, as go would: read-only files, no marker left.
    selectIds({id});
    QVERIFY(restoreAction->isEnabled());
    QVERIFY(!lightAction->isEnabled());
    restoreAction->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(purged.count(), 2, jobTimeoutMs);
    QCOMPARE(int(w.model()->findVersion(id)->state), int(VersionState::Complete));
    QVERIFY(exists(treeOf(m_cache, id) + u"/go.mod"_s));
    QCOMPARE(modeOf(treeOf(m_cache, id) + u"/go.mod"_s), mode_t(0444));
    QCOMPARE(modeOf(treeOf(m_cache, id)), mode_t(0555));
    QVERIFY(!exists(fileOf(m_cache, id, u".partial"_s)));
    // Once measured, the row has the tree's real size and file count again.
    QTRY_COMPARE_WITH_TIMEOUT(w.model()->findVersion(id)->files, before.files, jobTimeoutMs);
    QCOMPARE(w.model()->findVersion(id)->diskBytes, before.diskBytes);
    QCOMPARE(proxyIndexOf(id).siblingAtColumn(CacheModel::StateColumn).data().toString(),
             u"Complete"_s);
}

void TestGuiPurge::shouldPurgeEverythingOnlyAfterExplicitConfirmation()
{
    openWindow();
    MainWindow &w = *m_window;
    const QStringList before = entries(m_cache);
    auto *purgeAll = child<QAction>(w, u"purgeAllAction"_s);
    QVERIFY(purgeAll && purgeAll->isEnabled());

    // Cancel: nothing happens.
    purgeAll->trigger();
    QMessageBox *box = waitForBox(u"purgeAllConfirmation"_s);
    QVERIFY(box);
    auto *confirm = child<QPushButton>(*box, u"purgeAllConfirmButton"_s);
    auto *understood = child<QCheckBox>(*box, u"purgeAllConfirmCheck"_s);
    QVERIFY(confirm && understood);
    QVERIFY(!confirm->isEnabled()); // the explicit tick comes first
    QVERIFY(!understood->isChecked());
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!w.findChild<QMessageBox *>(u"purgeAllConfirmation"_s));
    QVERIFY(!w.isPurging());
    QCOMPARE(entries(m_cache), before);
    QCOMPARE(w.model()->versionCount(), quint64(kAllIds.size()));

    // Confirmed: the cache is moved aside at once, the tree is empty after the rescan, and the
    // folder is emptied in the background.
    purgeAll->trigger();
    box = waitForBox(u"purgeAllConfirmation"_s);
    QVERIFY(box);
    understood = child<QCheckBox>(*box, u"purgeAllConfirmCheck"_s);
    confirm = child<QPushButton>(*box, u"purgeAllConfirmButton"_s);
    understood->click();
    QVERIFY(confirm->isEnabled());
    screenshot(box, u"purge-all-confirmation"_s);
    QSignalSpy scanned(&w, &MainWindow::scanFinished);
    QSignalSpy reaped(&w, &MainWindow::reapFinished);
    QElapsedTimer clock;
    clock.start();
    confirm->click();
    QVERIFY2(clock.elapsed() < 1000, "the click must hand control back at once");
    QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, scanTimeoutMs);
    QCOMPARE(w.model()->versionCount(), 0u);
    QCOMPARE(w.model()->rowCount(), 0);
    QVERIFY(!w.isShowingEmptyState());
    QTRY_COMPARE_WITH_TIMEOUT(reaped.count(), 1, jobTimeoutMs);
    QCOMPARE(entries(m_cache), QStringList{CacheScanner::trashDirName()});
    QCOMPARE(entries(trashOf(m_cache)), QStringList());
    auto *freed = child<QLabel>(w, u"freedLabel"_s);
    QVERIFY2(freed->text().endsWith(u" freed"_s) && !freed->text().startsWith(u"0 bytes"_s),
             qPrintable(freed->text()));
}

void TestGuiPurge::shouldRefuseToPurgeAFolderThatIsNoModuleCache()
{
    // A folder with module-like content but no cache/download is not a module cache.
    const QString notACache = m_work->mkpath(u"not-a-cache"_s);
    QVERIFY(writeFile(notACache + u"/important.txt"_s, "keep me"));
    m_window = std::make_unique<MainWindow>(MainWindow::StartMode::Idle);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QSignalSpy finished(m_window.get(), &MainWindow::scanFinished);
    m_window->scanCache(notACache);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, scanTimeoutMs);

    auto *purgeAll = child<QAction>(*m_window, u"purgeAllAction"_s);
    QVERIFY(purgeAll->isEnabled());
    purgeAll->trigger();
    QMessageBox *box = waitForBox(u"purgeAllRefused"_s);
    QVERIFY(box);
    QVERIFY2(box->informativeText().contains(u"does not look like a Go module cache"_s),
             qPrintable(box->informativeText()));
    QVERIFY(!m_window->findChild<QMessageBox *>(u"purgeAllConfirmation"_s));
    box->button(QMessageBox::Ok)->click();
    QVERIFY(!m_window->isPurging());
    QCOMPARE(entries(notACache), QStringList{u"important.txt"_s});
}

void TestGuiPurge::shouldEmptyLeftoverTrashAfterTheFirstScan()
{
    // What an earlier session left in the trash: a read-only tree, as go extracts them.
    const QString leftover = trashOf(m_cache) + u"/1700000000000-42"_s;
    QVERIFY(writeFile(leftover + u"/pkg/a.go"_s, QByteArray(40000, 'a')));
    QVERIFY(writeFile(leftover + u"/b.go"_s, QByteArray(9000, 'b')));
    QVERIFY(QFile::setPermissions(leftover + u"/pkg"_s, QFile::ReadOwner | QFile::ExeOwner));
    QVERIFY(QFile::setPermissions(leftover, QFile::ReadOwner | QFile::ExeOwner));

    m_window = std::make_unique<MainWindow>(MainWindow::StartMode::Idle);
    QSignalSpy reaped(m_window.get(), &MainWindow::reapFinished);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->scanCache(m_cache);
    QTRY_COMPARE_WITH_TIMEOUT(reaped.count(), 1, jobTimeoutMs);
    QCOMPARE(entries(trashOf(m_cache)), QStringList());
    QCOMPARE(m_window->model()->versionCount(), quint64(kAllIds.size())); // versions untouched
    auto *freed = child<QLabel>(*m_window, u"freedLabel"_s);
    QVERIFY2(freed->text().endsWith(u" freed"_s) && !freed->text().startsWith(u"0 bytes"_s),
             qPrintable(freed->text()));
    // Once per folder: a rescan does not start it again.
    QSignalSpy scanned(m_window.get(), &MainWindow::scanFinished);
    m_window->rescan();
    QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, scanTimeoutMs);
    QVERIFY(!m_window->isReaping());
}

void TestGuiPurge::shouldLeaveDelInTheFilterFieldToTheText()
{
    openWindow();
    MainWindow &w = *m_window;
    selectIds({kTool + u"@v0.1.0"_s});
    auto *filter = child<QLineEdit>(w, u"filterEdit"_s);
    filter->setFocus();
    QTest::keyClicks(filter, u"tool"_s);
    filter->setCursorPosition(0);
    QTest::keyClick(filter, Qt::Key_Delete);
    QCOMPARE(filter->text(), u"ool"_s);
    QVERIFY(!w.findChild<QMessageBox *>(u"purgeConfirmation"_s));
    QVERIFY(exists(treeOf(m_cache, kTool + u"@v0.1.0"_s)));
}

QTEST_MAIN(TestGuiPurge)
#include "tst_gui_purge.moc"
