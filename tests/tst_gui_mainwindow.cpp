// SPDX-License-Identifier: GPL-3.0-or-later
// The main window over a real (tiny) module cache written to a temporary directory: rows
// appear from the real scanner, the filter narrows them, the status bar sums the selection,
// a missing folder shows the empty state, and the header layout is remembered.
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include "CacheFilterProxy.h"
#include "CacheModel.h"
#include "DisplayFormat.h"
#include "MainWindow.h"

using namespace Qt::StringLiterals;

namespace {

constexpr int scanTimeoutMs = 30000;

bool writeFile(const QString &path, const QByteArray &contents)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(contents) == contents.size();
}

/// One module version as go leaves it after `go mod download`: the extracted tree and the
/// download directory with .info, .mod, .zip, .ziphash, .lock and the list file.
bool writeVersion(const QString &gomodcache, const QString &escapedPath,
                  const QString &escapedVersion, const QStringList &treeFiles)
{
    const QString tree = gomodcache + u'/' + escapedPath + u'@' + escapedVersion;
    const QString dl = gomodcache + u"/cache/download/"_s + escapedPath + u"/@v/"_s;
    bool ok = true;
    for (const QString &file : treeFiles)
        ok = ok && writeFile(tree + u'/' + file, QByteArray("package x\n").repeated(300));
    ok = ok && writeFile(tree + u"/go.mod"_s, "module " + escapedPath.toUtf8() + "\n");
    ok = ok
         && writeFile(dl + escapedVersion + u".info"_s,
                      R"({"Version":")" + escapedVersion.toUtf8()
                          + R"(","Time":"2023-06-01T10:00:00Z"})");
    ok = ok && writeFile(dl + escapedVersion + u".mod"_s, "module " + escapedPath.toUtf8() + "\n");
    ok = ok && writeFile(dl + escapedVersion + u".zip"_s, QByteArray(20000, 'z'));
    ok = ok
         && writeFile(dl + escapedVersion + u".ziphash"_s,
                      "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    ok = ok && writeFile(dl + escapedVersion + u".lock"_s, {});
    QFile list(dl + u"list"_s);
    ok = ok && list.open(QIODevice::Append) && list.write(escapedVersion.toUtf8() + '\n') > 0;
    return ok;
}

template<typename T>
T *child(const QWidget &parent, const QString &name)
{
    return parent.findChild<T *>(name);
}

} // namespace

class TestGuiMainWindow final : public QObject
{
    Q_OBJECT

public:
    TestGuiMainWindow() = default;
    Q_DISABLE_COPY_MOVE(TestGuiMainWindow)

private Q_SLOTS:
    void initTestCase();
    void init();

    void shouldShowModulesWhileAndAfterScanning();
    void shouldNarrowRowsWhenTypingAFilter();
    void shouldFilterByStateFromTheComboBox();
    void shouldSumSelectedVersionsInTheStatusBar();
    void shouldShowEmptyStateForAMissingFolder();
    void shouldStopAtOnceWhenCancelled();
    void shouldIgnoreAnAbandonedScan();
    void shouldFindNewVersionsOnRescan();
    void shouldRememberTheTreeHeader();

private:
    void startAndWaitForScan(mk::MainWindow &w);
    [[nodiscard]] QModelIndex proxyRowFor(const mk::MainWindow &w, const QString &path) const;

    QTemporaryDir m_dir;
    QString m_gomodcache;
};

void TestGuiMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    // A Chinese directory name on the way: paths must survive unmangled.
    m_gomodcache = m_dir.path() + u"/模块缓存/mod"_s;
    QVERIFY(writeVersion(m_gomodcache, u"example.com/hello"_s, u"v1.0.0"_s, {u"hello.go"_s}));
    QVERIFY(writeVersion(m_gomodcache, u"example.com/hello"_s, u"v1.1.0"_s,
                         {u"hello.go"_s, u"world.go"_s}));
    QVERIFY(writeVersion(m_gomodcache, u"github.com/!burnt!sushi/toml"_s, u"v1.3.2"_s,
                         {u"decode.go"_s, u"encode.go"_s, u"internal/tz.go"_s}));
    QVERIFY(writeFile(m_gomodcache + u"/cache/lock"_s, {}));
}

void TestGuiMainWindow::init()
{
    // Each test starts from the default layout, in the test-mode config directory only.
    QSettings().clear();
}

void TestGuiMainWindow::startAndWaitForScan(mk::MainWindow &w)
{
    QSignalSpy finished(&w, &mk::MainWindow::scanFinished);
    w.scanCache(m_gomodcache);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, scanTimeoutMs);
    QVERIFY(!w.isScanning());
}

QModelIndex TestGuiMainWindow::proxyRowFor(const mk::MainWindow &w, const QString &path) const
{
    const QModelIndex source = w.model()->moduleIndex(path);
    return source.isValid() ? w.proxy()->mapFromSource(source) : QModelIndex();
}

void TestGuiMainWindow::shouldShowModulesWhileAndAfterScanning()
{
    mk::MainWindow w(mk::MainWindow::StartMode::Idle);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.activateWindow();

    auto *progress = child<QProgressBar>(w, u"scanProgress"_s);
    auto *cancel = child<QToolButton>(w, u"cancelScan"_s);
    auto *totals = child<QLabel>(w, u"totalsLabel"_s);
    auto *stack = child<QStackedWidget>(w, u"centralStack"_s);
    QVERIFY(progress && cancel && totals && stack);
    QVERIFY(!progress->isVisible());
    QVERIFY(!cancel->isVisible());

    QSignalSpy finished(&w, &mk::MainWindow::scanFinished);
    w.scanCache(m_gomodcache);
    // Busy indicator and Cancel show at once, before any result arrives.
    QVERIFY(w.isScanning());
    QVERIFY(progress->isVisible());
    QVERIFY(cancel->isVisible());
    QCOMPARE(finished.count(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, scanTimeoutMs);

    QCOMPARE(w.model()->rowCount(), 2);
    QCOMPARE(w.proxy()->rowCount(), 2);
    QCOMPARE(w.model()->versionCount(), 3u);
    const QModelIndex hello = w.model()->moduleIndex(u"example.com/hello"_s);
    QVERIFY(hello.isValid());
    QCOMPARE(w.model()->rowCount(hello), 2);
    // The !-escaped directory shows as the real module path.
    const QModelIndex toml = w.model()->moduleIndex(u"github.com/BurntSushi/toml"_s);
    QVERIFY(toml.isValid());
    QCOMPARE(w.model()->index(0, mk::CacheModel::StateColumn, toml).data().toString(),
             u"Complete"_s);
    QVERIFY(toml.data(mk::CacheModel::DiskBytesRole).toULongLong() > 0);

    QVERIFY(!w.isShowingEmptyState());
    QCOMPARE(stack->currentWidget()->objectName(), u"treePage"_s);
    QVERIFY(!progress->isVisible());
    QVERIFY(!cancel->isVisible());
    QVERIFY2(totals->text().startsWith(u"3 versions"_s), qPrintable(totals->text()));
    QVERIFY(totals->text().contains(mk::DisplayFormat::size(w.model()->scanTotals().diskBytes)));
    // The Chinese folder name arrives intact in the header.
    auto *cacheValue = child<QLabel>(w, u"gomodcacheValue"_s);
    QVERIFY(cacheValue);
    QCOMPARE(cacheValue->text(), m_gomodcache);
    QVERIFY(w.windowTitle().contains(u"模块缓存"_s));
}

void TestGuiMainWindow::shouldNarrowRowsWhenTypingAFilter()
{
    mk::MainWindow w(mk::MainWindow::StartMode::Idle);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.activateWindow();
    startAndWaitForScan(w);
    QCOMPARE(w.proxy()->rowCount(), 2);

    auto *filter = child<QLineEdit>(w, u"filterEdit"_s);
    QVERIFY(filter);
    QVERIFY(filter->toolTip().contains(u"GOPRIVATE"_s));
    filter->setFocus();
    QTest::keyClicks(filter, u"TOML"_s);
    QTRY_COMPARE(w.proxy()->rowCount(), 1);
    QCOMPARE(w.proxy()->index(0, 0).data(mk::CacheModel::ModulePathRole).toString(),
             u"github.com/BurntSushi/toml"_s);

    filter->clear();
    QTRY_COMPARE(w.proxy()->rowCount(), 2);

    QTest::keyClicks(filter, u"example.com/*"_s);
    QTRY_COMPARE(w.proxy()->rowCount(), 1);
    QVERIFY(w.proxy()->isGlobFilter());
    QCOMPARE(w.proxy()->index(0, 0).data(mk::CacheModel::ModulePathRole).toString(),
             u"example.com/hello"_s);

    filter->clear();
    QTest::keyClicks(filter, u"nothing-like-this"_s);
    QTRY_COMPARE(w.proxy()->rowCount(), 0);
    filter->clear();
    QTRY_COMPARE(w.proxy()->rowCount(), 2);
}

void TestGuiMainWindow::shouldFilterByStateFromTheComboBox()
{
    mk::MainWindow w(mk::MainWindow::StartMode::Idle);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.activateWindow();
    startAndWaitForScan(w);

    auto *state = child<QComboBox>(w, u"stateFilter"_s);
    QVERIFY(state);
    QCOMPARE(state->currentIndex(), 0);
    const int partial = state->findData(int(mk::CacheFilterProxy::StateFilter::Partial));
    QVERIFY(partial > 0);
    state->setCurrentIndex(partial);
    QCOMPARE(w.proxy()->stateFilter(), mk::CacheFilterProxy::StateFilter::Partial);
    QCOMPARE(w.proxy()->rowCount(), 0); // every fixture version is complete
    state->setCurrentIndex(state->findData(int(mk::CacheFilterProxy::StateFilter::Complete)));
    QCOMPARE(w.proxy()->rowCount(), 2);
}

void TestGuiMainWindow::shouldSumSelectedVersionsInTheStatusBar()
{
    mk::MainWindow w(mk::MainWindow::StartMode::Idle);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.activateWindow();
    startAndWaitForScan(w);

    auto *selection = child<QLabel>(w, u"selectionLabel"_s);
    QVERIFY(selection);
    QVERIFY(selection->text().isEmpty());

    QTreeView *tree = w.treeView();
    const QModelIndex hello = proxyRowFor(w, u"example.com/hello"_s);
    const QModelIndex toml = proxyRowFor(w, u"github.com/BurntSushi/toml"_s);
    QVERIFY(hello.isValid() && toml.isValid());
    const quint64 helloBytes = hello.data(mk::CacheModel::DiskBytesRole).toULongLong();
    const quint64 tomlBytes = toml.data(mk::CacheModel::DiskBytesRole).toULongLong();
    QVERIFY(helloBytes > 0 && tomlBytes > 0);

    // A module row stands for all its versions.
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(hello).center());
    QCOMPARE(selection->text(), u"2 selected \u00b7 "_s + mk::DisplayFormat::size(helloBytes));

    // Ctrl+click adds the other module.
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, Qt::ControlModifier,
                      tree->visualRect(toml).center());
    QCOMPARE(selection->text(),
             u"3 selected \u00b7 "_s + mk::DisplayFormat::size(helloBytes + tomlBytes));

    // A version selected together with its module is counted once.
    tree->expand(hello);
    const QModelIndex helloChild = w.proxy()->index(0, 0, hello);
    QVERIFY(helloChild.isValid());
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, Qt::ControlModifier,
                      tree->visualRect(helloChild).center());
    QCOMPARE(tree->selectionModel()->selectedRows().size(), 3);
    QCOMPARE(selection->text(),
             u"3 selected \u00b7 "_s + mk::DisplayFormat::size(helloBytes + tomlBytes));

    // Just one version.
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(helloChild).center());
    const quint64 childBytes = helloChild.data(mk::CacheModel::DiskBytesRole).toULongLong();
    QCOMPARE(selection->text(), u"1 selected \u00b7 "_s + mk::DisplayFormat::size(childBytes));

    tree->clearSelection();
    QVERIFY(selection->text().isEmpty());
}

void TestGuiMainWindow::shouldShowEmptyStateForAMissingFolder()
{
    mk::MainWindow w(mk::MainWindow::StartMode::Idle);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.activateWindow();

    const QString missing = m_dir.path() + u"/不存在/pkg/mod"_s;
    QSignalSpy finished(&w, &mk::MainWindow::scanFinished);
    w.scanCache(missing);
    QCOMPARE(finished.count(), 1);
    QVERIFY(!w.isScanning());
    QVERIFY(w.isShowingEmptyState());

    auto *stack = child<QStackedWidget>(w, u"centralStack"_s);
    auto *empty = child<QWidget>(w, u"emptyState"_s);
    QVERIFY(stack && empty);
    QCOMPARE(stack->currentWidget(), empty);
    QVERIFY(empty->isVisible());
    auto *details = child<QLabel>(w, u"emptyStateDetails"_s);
    QVERIFY(details);
    QVERIFY2(details->text().contains(QDir::toNativeSeparators(missing)),
             qPrintable(details->text()));
    QVERIFY(details->text().contains(u"no such folder"_s));
    auto *choose = child<QPushButton>(w, u"chooseFolderButton"_s);
    QVERIFY(choose);
    QVERIFY(choose->isVisible());
    QCOMPARE(w.model()->rowCount(), 0);

    // A file is not a cache either.
    const QString file = m_dir.path() + u"/plain-file"_s;
    QVERIFY(writeFile(file, "x"));
    w.scanCache(file);
    QVERIFY(w.isShowingEmptyState());
    QVERIFY(details->text().contains(u"not a folder"_s));
}

void TestGuiMainWindow::shouldStopAtOnceWhenCancelled()
{
    mk::MainWindow w(mk::MainWindow::StartMode::Idle);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.activateWindow();

    auto *cancel = child<QToolButton>(w, u"cancelScan"_s);
    auto *progress = child<QProgressBar>(w, u"scanProgress"_s);
    auto *status = child<QLabel>(w, u"statusText"_s);
    QVERIFY(cancel && progress && status);
    QSignalSpy finished(&w, &mk::MainWindow::scanFinished);
    w.scanCache(m_gomodcache);
    QVERIFY(cancel->isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(!cancel->isEnabled()); // one request is enough
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, scanTimeoutMs);
    QVERIFY(!w.isScanning());
    QVERIFY(!progress->isVisible());
    QVERIFY(!cancel->isVisible());
    QVERIFY2(status->text().contains(u"cancelled"_s), qPrintable(status->text()));
    QVERIFY(!w.isShowingEmptyState());
    QVERIFY(w.model()->rowCount() <= 2);
}

void TestGuiMainWindow::shouldIgnoreAnAbandonedScan()
{
    mk::MainWindow w(mk::MainWindow::StartMode::Idle);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));

    // A scan replaced by a folder that does not exist: nothing of the first may show up.
    QSignalSpy finished(&w, &mk::MainWindow::scanFinished);
    w.scanCache(m_gomodcache);
    w.scanCache(m_dir.path() + u"/gone"_s);
    QCOMPARE(finished.count(), 1);
    QVERIFY(w.isShowingEmptyState());
    QVERIFY(
        !QTest::qWaitFor([&] { return w.model()->rowCount() > 0 || finished.count() > 1; }, 1500));
    QVERIFY(w.isShowingEmptyState());
    QCOMPARE(w.model()->versionCount(), 0u);
}

void TestGuiMainWindow::shouldFindNewVersionsOnRescan()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString cache = dir.path() + u"/mod"_s;
    QVERIFY(writeVersion(cache, u"example.com/hello"_s, u"v1.0.0"_s, {u"hello.go"_s}));

    mk::MainWindow w(mk::MainWindow::StartMode::Idle);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.activateWindow();

    // Starts on a missing folder, then the folder appears: Try again finds it.
    QVERIFY(QDir().rename(cache, cache + u".away"_s));
    w.scanCache(cache);
    QVERIFY(w.isShowingEmptyState());
    QVERIFY(QDir().rename(cache + u".away"_s, cache));
    QSignalSpy finished(&w, &mk::MainWindow::scanFinished);
    auto *retry = child<QPushButton>(w, u"retryButton"_s);
    QVERIFY(retry);
    QTest::mouseClick(retry, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, scanTimeoutMs);
    QVERIFY(!w.isShowingEmptyState());
    QCOMPARE(w.model()->versionCount(), 1u);

    // A new version on disk shows up after F5.
    QVERIFY(writeVersion(cache, u"example.com/hello"_s, u"v1.2.0"_s, {u"hello.go"_s}));
    QTest::keyClick(&w, Qt::Key_F5);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, scanTimeoutMs);
    QCOMPARE(w.model()->versionCount(), 2u);
    QCOMPARE(w.model()->rowCount(w.model()->moduleIndex(u"example.com/hello"_s)), 2);
}

void TestGuiMainWindow::shouldRememberTheTreeHeader()
{
    {
        mk::MainWindow w(mk::MainWindow::StartMode::Idle);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QHeaderView *header = w.treeView()->header();
        QVERIFY(!header->isSectionHidden(mk::CacheModel::FilesColumn));
        header->hideSection(mk::CacheModel::FilesColumn);
        header->setSortIndicator(mk::CacheModel::DownloadedColumn, Qt::AscendingOrder);
        QVERIFY(w.close());
    }
    mk::MainWindow again(mk::MainWindow::StartMode::Idle);
    QHeaderView *header = again.treeView()->header();
    QVERIFY(header->isSectionHidden(mk::CacheModel::FilesColumn));
    QCOMPARE(header->sortIndicatorSection(), int(mk::CacheModel::DownloadedColumn));
    QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
}

QTEST_MAIN(TestGuiMainWindow)
#include "tst_gui_mainwindow.moc"
