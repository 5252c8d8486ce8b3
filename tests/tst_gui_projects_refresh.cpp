// SPDX-License-Identifier: GPL-3.0-or-later
// The window reads the projects again whenever what they see may have changed: when the
// Toolchains dialog adds or forgets a project folder (the roots Settings ▸ Projects… edits
// too), and after a purge or light clean.
#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "MainWindow.h"
#include "ProjectRootsSettings.h"
#include "ProjectsController.h"
#include "ToolchainDialog.h"

using namespace Qt::StringLiterals;
using namespace mk;

namespace {

constexpr int timeoutMs = 20000;

bool writeFile(const QString &path, const QByteArray &contents)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(contents) == contents.size();
}

QPushButton *buttonWithText(const QWidget &parent, const QString &text)
{
    for (QPushButton *b : parent.findChildren<QPushButton *>())
        if (b->text() == text)
            return b;
    return nullptr;
}

} // namespace

class TestGuiProjectsRefresh final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_cache;
    QString m_projectRoot;

    /// A window over an empty module cache, scanned, with its (empty) projects read.
    void scanned(MainWindow &w, ProjectsController *&projects)
    {
        projects = w.findChild<ProjectsController *>(u"projectsController"_s);
        QVERIFY(projects);
        QSignalSpy finished(&w, &MainWindow::scanFinished);
        w.scanCache(m_cache);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(projects->hasResult() && !projects->isBusy(), timeoutMs);
        QVERIFY(projects->roots().isEmpty());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_tmp.isValid());
        m_cache = m_tmp.filePath(u"modcache"_s);
        QVERIFY(QDir().mkpath(m_cache + u"/cache/download"_s));
        m_projectRoot = m_tmp.filePath(u"projects"_s);
        QVERIFY(writeFile(m_projectRoot + u"/app/go.mod"_s,
                          "module example.com/app\n\ngo 1.16\n"));
        QVERIFY(writeFile(m_projectRoot + u"/app/main.go"_s, "package main\n\nfunc main() {}\n"));
        qputenv("HOME", QFile::encodeName(m_tmp.filePath(u"home"_s)));
        qputenv("PATH", "/usr/lib/go-1.23/bin:/usr/bin:/bin");
        qputenv("GOENV", "off");
        qputenv("GOFLAGS", "");
        qputenv("GOPROXY", "off");
        qputenv("GOTOOLCHAIN", "local");
        qputenv("GOCACHE", QFile::encodeName(m_tmp.filePath(u"gocache"_s)));
        qputenv("GOMODCACHE", QFile::encodeName(m_cache));
    }

    void init()
    {
        QSettings().clear();
        ProjectRootsSettings::setRoots({});
    }

    void shouldReadProjectsWhenTheToolchainsDialogAddsAFolder()
    {
        MainWindow w(MainWindow::StartMode::Idle);
        ProjectsController *projects = nullptr;
        scanned(w, projects);
        if (QTest::currentTestFailed())
            return;

        w.showToolchains();
        ToolchainDialog *d = w.toolchainDialog();
        QVERIFY(d);
        QPushButton *add = buttonWithText(*d, u"Add Project Folder\u2026"_s);
        QVERIFY(add);
        add->click();
        auto *chooser = d->findChild<QFileDialog *>();
        QVERIFY(chooser);
        Q_EMIT chooser->fileSelected(m_projectRoot);
        chooser->close();
        QCOMPARE(ProjectRootsSettings::roots(), QStringList{m_projectRoot});

        // The window's projects follow the shared setting: read under the new folder.
        QTRY_VERIFY_WITH_TIMEOUT(projects->roots() == QStringList{m_projectRoot}
                                     && projects->hasResult()
                                     && projects->result().projects.size() == 1,
                                 timeoutMs);
        QCOMPARE(QDir(projects->result().projects.at(0).dir).dirName(), u"app"_s);

        // Forget Folders: read again, nothing left.
        QPushButton *forget = buttonWithText(*d, u"Forget Folders"_s);
        QVERIFY(forget);
        forget->click();
        QTRY_VERIFY_WITH_TIMEOUT(projects->roots().isEmpty() && projects->hasResult()
                                     && projects->result().projects.isEmpty(),
                                 timeoutMs);
    }

    void shouldReadProjectsAfterAPurge()
    {
        MainWindow w(MainWindow::StartMode::Idle);
        ProjectsController *projects = nullptr;
        scanned(w, projects);
        if (QTest::currentTestFailed())
            return;
        // The roots changed behind the window's back; a purge or light clean ends.
        ProjectRootsSettings::setRoots({m_projectRoot});
        Q_EMIT w.purgeFinished();
        QTRY_VERIFY_WITH_TIMEOUT(projects->roots() == QStringList{m_projectRoot}
                                     && projects->hasResult()
                                     && projects->result().projects.size() == 1,
                                 timeoutMs);
    }
};

QTEST_MAIN(TestGuiProjectsRefresh)
#include "tst_gui_projects_refresh.moc"
