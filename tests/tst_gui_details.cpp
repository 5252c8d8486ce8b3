// SPDX-License-Identifier: GPL-3.0-or-later
// The details pane of the main window over a small cache written to a temporary directory:
// selecting a version shows its go.mod text and its files (lazily, with du sizes), copies
// its go.sum lines exactly, the header follows the selection's total, a module row lists its
// versions, and looking at a version moves no atime.
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

#include "CacheFilterProxy.h"
#include "CacheModel.h"
#include "DetailsFilesModel.h"
#include "DetailsPane.h"
#include "DisplayFormat.h"
#include "DuRunner.h"
#include "FileTimes.h"
#include "MainWindow.h"
#include "ScratchDir.h"
#include "helpers/AtimeSnapshot.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

namespace {

constexpr int timeoutMs = 30000;
const QByteArray zipHash = "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

bool writeFile(const QString &path, const QByteArray &contents)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(contents) == contents.size();
}

/// One version as go leaves it after `go mod download` (tree, .info, .mod, .zip, .ziphash).
bool writeVersion(const QString &gomodcache, const QString &escapedPath, const QString &modulePath,
                  const QString &version, const QStringList &treeFiles)
{
    const QString tree = gomodcache + u'/' + escapedPath + u'@' + version;
    const QString dl = gomodcache + u"/cache/download/"_s + escapedPath + u"/@v/"_s;
    bool ok = true;
    for (const QString &file : treeFiles)
        ok = ok && writeFile(tree + u'/' + file, QByteArray("package x\n").repeated(300));
    const QByteArray mod = "module " + modulePath.toUtf8() + "\n";
    ok = ok && writeFile(tree + u"/go.mod"_s, mod);
    ok = ok
         && writeFile(
             dl + version + u".info"_s,
             R"({"Version":")" + version.toUtf8()
                 + R"(","Time":"2023-06-01T10:00:00Z","Origin":{"VCS":"git","URL":"https://example.com/x","Hash":"abc123"}})");
    ok = ok && writeFile(dl + version + u".mod"_s, mod);
    ok = ok && writeFile(dl + version + u".zip"_s, QByteArray(20000, 'z'));
    ok = ok && writeFile(dl + version + u".ziphash"_s, zipHash);
    return ok;
}

} // namespace

class TestGuiDetails final : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    QString m_cache;

    void scan(MainWindow &w)
    {
        QSignalSpy finished(&w, &MainWindow::scanFinished);
        w.scanCache(m_cache);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, timeoutMs);
    }
    static QModelIndex versionRow(const MainWindow &w, const QString &path, const QString &version)
    {
        const QModelIndex module = w.model()->moduleIndex(path);
        for (int r = 0; r < w.model()->rowCount(module); ++r) {
            const QModelIndex v = w.model()->index(r, 0, module);
            if (v.data(CacheModel::IdRole).toString() == path + u'@' + version)
                return w.proxy()->mapFromSource(v);
        }
        return {};
    }
    static DetailsPane *pane(const MainWindow &w)
    {
        return w.findChild<DetailsPane *>(u"detailsPane"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("GOENV", "off");
        qputenv("GOPROXY", "https://proxy.example.com");
        m_scratch = std::make_unique<ScratchDir>(u"tst_gui_details"_s);
        QVERIFY(m_scratch->isValid());
        m_cache = m_scratch->mkpath(u"gomodcache"_s);
        QVERIFY(writeVersion(m_cache, u"example.com/hello"_s, u"example.com/hello"_s, u"v1.0.0"_s,
                             {u"hello.go"_s, u"sub/inner.go"_s}));
        QVERIFY(writeVersion(m_cache, u"example.com/hello"_s, u"example.com/hello"_s, u"v1.1.0"_s,
                             {u"hello.go"_s, u"world.go"_s, u"big/a.go"_s, u"big/b.go"_s}));
        QVERIFY(writeVersion(m_cache, u"github.com/!burnt!sushi/toml"_s,
                             u"github.com/BurntSushi/toml"_s, u"v1.3.2"_s, {u"decode.go"_s}));
    }
    void cleanupTestCase() { m_scratch.reset(); }
    void init() { QSettings().clear(); }

    void shouldShowTheGoModAndFilesOfAVersion()
    {
        MainWindow w(MainWindow::StartMode::Idle);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        scan(w);
        DetailsPane *details = pane(w);
        QVERIFY(details);
        auto *goMod = w.findChild<QPlainTextEdit *>(u"detailsGoMod"_s);
        auto *files = w.findChild<QTreeView *>(u"detailsFiles"_s);
        auto *id = w.findChild<QLabel *>(u"detailsId"_s);
        auto *hash = w.findChild<QLabel *>(u"detailsHash"_s);
        auto *origin = w.findChild<QLabel *>(u"detailsOrigin"_s);
        auto *where = w.findChild<QLabel *>(u"detailsWhere"_s);
        QVERIFY(goMod && files && id && hash && origin && where);

        const QModelIndex row = versionRow(w, u"example.com/hello"_s, u"v1.0.0"_s);
        QVERIFY(row.isValid());
        QSignalSpy shown(details, &DetailsPane::detailsShown);
        w.treeView()->setCurrentIndex(row);
        QCOMPARE(id->text(), u"example.com/hello@v1.0.0"_s);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, timeoutMs);
        QCOMPARE(goMod->toPlainText(), u"module example.com/hello\n"_s);
        QCOMPARE(hash->text(), QString::fromLatin1(zipHash));
        QVERIFY2(origin->text().contains(u"https://example.com/x"_s), qPrintable(origin->text()));
        QVERIFY2(where->text().contains(u"proxy.example.com"_s), qPrintable(where->text()));

        // The tree's first level: the directory first, then the files, with du's sizes.
        QAbstractItemModel *fm = files->model();
        QTRY_COMPARE_WITH_TIMEOUT(fm->rowCount(), 3, timeoutMs);
        QCOMPARE(fm->index(0, 0).data(DetailsFilesModel::SortRole).toString(), u"sub"_s);
        QCOMPARE(fm->index(1, 0).data(DetailsFilesModel::SortRole).toString(), u"go.mod"_s);
        QCOMPARE(fm->index(2, 0).data(DetailsFilesModel::SortRole).toString(), u"hello.go"_s);
        const QString tree = m_cache + u"/example.com/hello@v1.0.0"_s;
        const Expected<quint64> duSub = DuRunner::summary(tree + u"/sub"_s);
        QVERIFY(duSub);
        QCOMPARE(fm->index(0, DetailsFilesModel::SizeColumn)
                     .data(DetailsFilesModel::SortRole)
                     .toULongLong(),
                 *duSub);
        // Expanding the directory lists it.
        const QModelIndex sub = fm->index(0, 0);
        QCOMPARE(fm->rowCount(sub), 0);
        files->expand(sub);
        QTRY_COMPARE_WITH_TIMEOUT(fm->rowCount(sub), 1, timeoutMs);
        QCOMPARE(fm->index(0, 0, sub).data(DetailsFilesModel::RelPathRole).toString(),
                 u"sub/inner.go"_s);

        // Copy go.sum Lines: exactly what go writes into go.sum for the version.
        auto *copySum = w.findChild<QToolButton *>(u"detailsCopyGoSum"_s);
        QVERIFY(copySum && copySum->isEnabled());
        QApplication::clipboard()->clear();
        copySum->click();
        QCOMPARE(
            QApplication::clipboard()->text(),
            u"example.com/hello v1.0.0 h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"
            "example.com/hello v1.0.0/go.mod h1:fpu2YBs8Cn+uPELS7pdczZmF9hlK1PibTkwahffYMfo=\n"_s);
        auto *copyId = w.findChild<QToolButton *>(u"detailsCopyId"_s);
        QVERIFY(copyId);
        copyId->click();
        QCOMPARE(QApplication::clipboard()->text(), u"example.com/hello@v1.0.0"_s);

        // Another version replaces it (the escaped path is shown unescaped).
        w.treeView()->setCurrentIndex(versionRow(w, u"github.com/BurntSushi/toml"_s, u"v1.3.2"_s));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 2, timeoutMs);
        QCOMPARE(details->currentId(), u"github.com/BurntSushi/toml@v1.3.2"_s);
        QCOMPARE(goMod->toPlainText(), u"module github.com/BurntSushi/toml\n"_s);
        QTRY_COMPARE_WITH_TIMEOUT(fm->rowCount(), 2, timeoutMs);
    }

    void shouldShowTheSelectionTotalInTheHeader()
    {
        MainWindow w(MainWindow::StartMode::Idle);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        scan(w);
        auto *total = w.findChild<QLabel *>(u"detailsTotal"_s);
        QVERIFY(total);
        QItemSelectionModel *sel = w.treeView()->selectionModel();
        const QModelIndex v1 = versionRow(w, u"example.com/hello"_s, u"v1.0.0"_s);
        const QModelIndex toml
            = w.proxy()->mapFromSource(w.model()->moduleIndex(u"github.com/BurntSushi/toml"_s));
        sel->select(v1, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        const quint64 b1 = v1.data(CacheModel::DiskBytesRole).toULongLong();
        QVERIFY2(total->text().startsWith(u"1 version"_s), qPrintable(total->text()));
        QVERIFY2(total->text().contains(DisplayFormat::size(b1)), qPrintable(total->text()));
        sel->select(toml, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        const quint64 b2 = b1 + toml.data(CacheModel::DiskBytesRole).toULongLong();
        QVERIFY2(total->text().startsWith(u"2 versions"_s), qPrintable(total->text()));
        QVERIFY2(total->text().contains(DisplayFormat::size(b2)), qPrintable(total->text()));
        sel->clearSelection();
        QVERIFY2(!total->text().contains(DisplayFormat::size(b2)), qPrintable(total->text()));
        // Prominent: larger than the window's ordinary text.
        QVERIFY(total->font().pointSizeF() > w.font().pointSizeF());
    }

    void shouldListTheVersionsOfAModule()
    {
        MainWindow w(MainWindow::StartMode::Idle);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        scan(w);
        auto *versions = w.findChild<QTreeWidget *>(u"detailsVersions"_s);
        auto *id = w.findChild<QLabel *>(u"detailsId"_s);
        QVERIFY(versions && id);
        w.treeView()->setCurrentIndex(
            w.proxy()->mapFromSource(w.model()->moduleIndex(u"example.com/hello"_s)));
        QCOMPARE(id->text(), u"example.com/hello"_s);
        QCOMPARE(versions->topLevelItemCount(), 2);
        QStringList names{versions->topLevelItem(0)->text(0), versions->topLevelItem(1)->text(0)};
        names.sort();
        QCOMPARE(names, (QStringList{u"v1.0.0"_s, u"v1.1.0"_s}));
        for (int i = 0; i < 2; ++i) {
            const QString v = versions->topLevelItem(i)->text(0);
            const quint64 bytes = versionRow(w, u"example.com/hello"_s, v)
                                      .data(CacheModel::DiskBytesRole)
                                      .toULongLong();
            QCOMPARE(versions->topLevelItem(i)->text(1), DisplayFormat::size(bytes));
        }
        QVERIFY(versions->isVisible());
    }

    void shouldToggleFromTheViewMenuAndShowUsedBy()
    {
        MainWindow w(MainWindow::StartMode::Idle);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        scan(w);
        auto *dock = w.findChild<QDockWidget *>(u"detailsDock"_s);
        QVERIFY(dock && dock->isVisible());
        dock->toggleViewAction()->trigger();
        QVERIFY(!dock->isVisible());
        // A double-click on a version brings it back.
        const QModelIndex row = versionRow(w, u"example.com/hello"_s, u"v1.1.0"_s);
        w.treeView()->setCurrentIndex(row);
        Q_EMIT w.treeView()->doubleClicked(row);
        QVERIFY(dock->isVisible());
        auto *usedBy = w.findChild<QLabel *>(u"detailsUsedBy"_s);
        QVERIFY(usedBy);
        // Projects were not read: the pane says so instead of "unused".
        QVERIFY2(usedBy->text().contains(u"not read"_s), qPrintable(usedBy->text()));
    }

    // Looking at a version (its metadata, its tree level by level) moves no atime.
    void shouldNotMoveAtimes()
    {
        using namespace mk::test::atime;
        QVERIFY2(FileTimes::readsUpdateOldAtimes(m_scratch->path()),
                 "this filesystem does not update old atimes: the check would pass vacuously");
        MainWindow w(MainWindow::StartMode::Idle);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        scan(w);
        QVERIFY(ageAll(m_cache));
        const Atimes before = snapshot(m_cache);
        DetailsPane *details = pane(w);
        QVERIFY(details);
        QSignalSpy shown(details, &DetailsPane::detailsShown);
        w.treeView()->setCurrentIndex(versionRow(w, u"example.com/hello"_s, u"v1.1.0"_s));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, timeoutMs);
        auto *files = w.findChild<QTreeView *>(u"detailsFiles"_s);
        QVERIFY(files);
        QAbstractItemModel *fm = files->model();
        QTRY_COMPARE_WITH_TIMEOUT(fm->rowCount(), 4, timeoutMs);
        files->expand(fm->index(0, 0));
        QTRY_COMPARE_WITH_TIMEOUT(fm->rowCount(fm->index(0, 0)), 2, timeoutMs);
        const QStringList m = moved(before, snapshot(m_cache));
        QVERIFY2(m.isEmpty(), qPrintable(m.join(u", "_s)));
    }
};

QTEST_MAIN(TestGuiDetails)
#include "tst_gui_details.moc"
