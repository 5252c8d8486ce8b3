// SPDX-License-Identifier: GPL-3.0-or-later
// The projects side of the GUI without a window: ProjectsController reads two projects with
// the REAL go 1.23 over a module cache go itself wrote from a fixture proxy; the Used by
// column, the project filters and the Projects model follow what go says they need. Also the
// project roots setting: persisted, first-run proposals from a scratch HOME.
#include <QAbstractItemModelTester>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "CacheFilterProxy.h"
#include "CacheModel.h"
#include "ProjectRootsDialog.h"
#include "ProjectRootsSettings.h"
#include "ProjectsController.h"
#include "ProjectsModel.h"
#include "ToolchainProjectRoots.h"
#include "helpers/PurgeFixture.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;

namespace {

constexpr int jobTimeoutMs = 120000;

// app imports a@v1.2.0 and Upper/Case; tool imports a@v1.2.0 and ab, and requires legacy
// v1.0.0 without importing it (needed for its go.mod only).
const QStringList kAppImports = {u"example.com/a@v1.2.0"_s, u"github.com/Upper/Case@v1.0.0"_s};
const QStringList kToolImports = {u"example.com/a@v1.2.0"_s, u"example.com/ab@v1.0.0"_s};
const QString kToolModOnly = u"example.com/legacy@v1.0.0"_s;

QHash<QString, QString> toHash(const QProcessEnvironment &env)
{
    QHash<QString, QString> out;
    for (const QString &key : env.keys())
        out.insert(key, env.value(key));
    return out;
}

} // namespace

class TestProjectsController final : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;
    QString m_go;

    /// A main module in dir importing imports and requiring requireOnly without importing it.
    bool writeProject(const QString &dir, const QString &module, const QStringList &imports,
                      const QStringList &requireOnly = {})
    {
        QByteArray gomod = "module " + module.toUtf8() + "\n\ngo 1.16\n\nrequire (\n";
        QByteArray importLines;
        QByteArray gosum;
        for (const QString &id : imports + requireOnly) {
            const QByteArray path = id.section(u'@', 0, 0).toUtf8();
            const QByteArray version = id.section(u'@', 1).toUtf8();
            gomod += '\t' + path + ' ' + version + '\n';
            if (imports.contains(id))
                importLines += "\t_ \"" + path + "\"\n";
            const Downloaded d = m_world->sums(id);
            if (d.sum.isEmpty())
                return false;
            gosum += path + ' ' + version + ' ' + d.sum.toUtf8() + '\n';
            gosum += path + ' ' + version + "/go.mod " + d.goModSum.toUtf8() + '\n';
        }
        gomod += ")\n";
        return writeFile(dir + u"/go.mod"_s, gomod) && writeFile(dir + u"/go.sum"_s, gosum)
               && writeFile(dir + u"/main.go"_s,
                            "package main\n\nimport (\n" + importLines + ")\n\nfunc main() {}\n");
    }

    [[nodiscard]] ProjectsJob::Options options(const QString &cache, const QString &work) const
    {
        ProjectsJob::Options o;
        o.gomodcache = cache;
        o.goBinary = m_go;
        o.environment = toHash(m_world->env(m_go, cache, false));
        o.cacheFile = work + u"/projects-cache.json"_s;
        o.useCache = false;
        return o;
    }

    /// The cache as the window would show it.
    static void fill(CacheModel &model, const QString &cache)
    {
        const ScanResult scan = CacheScanner::run({cache});
        ScanChunk chunk;
        chunk.versions = scan.versions;
        chunk.totals = scan.totals;
        chunk.final = true;
        model.addChunk(chunk);
    }

    /// Reads the projects of the two-project world; the result, or a failure.
    struct Read
    {
        std::unique_ptr<ScratchDir> work;
        QString cache;
        QString root;
    };
    Read setUpProjects()
    {
        Read r;
        r.work = std::make_unique<ScratchDir>(u"tst_projectscontroller-"_s
                                              + QString::fromLatin1(QTest::currentTestFunction()));
        r.cache = m_world->freshCache(m_go, r.work->path());
        r.root = r.work->mkpath(u"projects"_s);
        if (r.cache.isEmpty()
            || !writeProject(r.root + u"/app"_s, u"example.com/app"_s, kAppImports)
            || !writeProject(r.root + u"/tools/tool"_s, u"example.com/tool"_s, kToolImports,
                             {kToolModOnly}))
            r.cache.clear();
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"ModKeeperTest"_s);
        QCoreApplication::setApplicationName(u"ProjectsControllerTest"_s);
        m_scratch = std::make_unique<ScratchDir>(u"tst_projectscontroller"_s);
        QVERIFY(m_scratch->isValid());
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_scratch->mkpath(u"config"_s)));
        m_go = GoTool::go123();
        QVERIFY(QFileInfo(m_go).isExecutable());
        m_world = std::make_unique<World>(m_scratch->mkpath(u"world"_s));
        const QString error = m_world->build(standardVersions(), {m_go});
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void init() { QSettings().clear(); }

    void shouldReadWhatEachProjectNeeds()
    {
        Read w = setUpProjects();
        QVERIFY(!w.cache.isEmpty());
        ProjectsController c;
        QSignalSpy ready(&c, &ProjectsController::resultReady);
        QSignalSpy busy(&c, &ProjectsController::busyChanged);
        c.refresh({w.root}, options(w.cache, w.work->path()));
        QVERIFY(c.isBusy()); // returns at once: the GUI thread never waits
        QVERIFY(ready.wait(jobTimeoutMs));
        QVERIFY(!c.isBusy());
        QCOMPARE(busy.size(), 2);
        QVERIFY(c.hasResult());
        const ProjectsResult &r = c.result();
        QCOMPARE(r.projects.size(), 2);
        const ProjectInfo *app = c.project(w.root + u"/app"_s);
        const ProjectInfo *tool = c.project(w.root + u"/tools/tool"_s);
        QVERIFY(app && tool);
        QVERIFY2(app->error.isEmpty(), qPrintable(app->error));
        QVERIFY2(tool->error.isEmpty(), qPrintable(tool->error));
        QCOMPARE(app->module, u"example.com/app"_s);
        QCOMPARE(app->goVersion, u"1.16"_s);

        // The usage, per version, is what go said each project needs.
        QCOMPARE(c.usage().value(u"example.com/a@v1.2.0"_s).size(), 2);
        QCOMPARE(c.usage().value(u"github.com/Upper/Case@v1.0.0"_s).size(), 1);
        const auto legacy = c.usage().value(kToolModOnly);
        QCOMPARE(legacy.size(), 1);
        QCOMPARE(legacy.first().first, tool->dir);
        QCOMPARE(legacy.first().second, NeedHow::GoMod);
        QVERIFY(!c.usage().contains(u"example.com/a@v1.0.0"_s));

        // The model's Used by column counts exactly those projects, for every version.
        CacheModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        fill(model, w.cache);
        QVERIFY(model.versionCount() >= 15);
        model.setProjectUsage(c.usage());
        for (const ModuleVersionRecord &v : model.allVersions()) {
            int expected = 0;
            for (const ProjectInfo &p : r.projects)
                expected += std::any_of(p.needs.cbegin(), p.needs.cend(),
                                        [&](const ProjectNeed &n) { return n.id() == v.id(); });
            const QModelIndex module = model.moduleIndex(v.path);
            QModelIndex cell;
            for (int row = 0; row < model.rowCount(module); ++row)
                if (model.index(row, 0, module).data(CacheModel::IdRole).toString() == v.id())
                    cell = model.index(row, CacheModel::UsedByColumn, module);
            QVERIFY(cell.isValid());
            QCOMPARE(cell.data(CacheModel::UsedByCountRole).toInt(), expected);
            QCOMPARE(cell.data().toString(), QString::number(expected));
            QCOMPARE(cell.data(CacheModel::UsedByRole).toList().size(), expected);
        }

        // The filters: unused, go.mod only, needed by one project.
        CacheFilterProxy proxy;
        proxy.setSourceModel(&model);
        const auto shownIds = [&proxy] {
            QStringList ids;
            for (int row = 0; row < proxy.rowCount(); ++row) {
                const QModelIndex module = proxy.index(row, 0);
                for (int v = 0; v < proxy.rowCount(module); ++v)
                    ids << proxy.index(v, 0, module).data(CacheModel::IdRole).toString();
            }
            ids.sort();
            return ids;
        };
        proxy.setProjectFilter(CacheFilterProxy::ProjectFilter::GoModOnly);
        QCOMPARE(shownIds(), QStringList{kToolModOnly});
        proxy.setProjectFilter(CacheFilterProxy::ProjectFilter::NeededBy, app->dir);
        QStringList appIds;
        for (const ProjectNeed &n : app->needs)
            appIds << n.id();
        appIds.sort();
        QCOMPARE(shownIds(), appIds);
        QVERIFY(appIds.contains(u"github.com/Upper/Case@v1.0.0"_s));
        proxy.setProjectFilter(CacheFilterProxy::ProjectFilter::Unused);
        QStringList unused;
        for (const ModuleVersionRecord &v : model.allVersions())
            if (!c.usage().contains(v.id()))
                unused << v.id();
        unused.sort();
        QCOMPARE(shownIds(), unused);
        QVERIFY(unused.contains(u"example.com/a@v1.0.0"_s));
        QVERIFY(!unused.contains(kToolModOnly));

        // The Projects model: one row per project, its needs and missing counts.
        ProjectsModel projects;
        QAbstractItemModelTester projectsTester(
            &projects, QAbstractItemModelTester::FailureReportingMode::QtTest);
        projects.setResult(r);
        QCOMPARE(projects.rowCount(), 2);
        const int toolRow = projects.rowOf(tool->dir);
        QVERIFY(toolRow >= 0);
        QCOMPARE(projects.index(toolRow, ProjectsModel::ModuleColumn).data().toString(),
                 u"example.com/tool"_s);
        QCOMPARE(projects.index(toolRow, ProjectsModel::GoColumn).data().toString(), u"1.16"_s);
        QCOMPARE(projects.index(toolRow, ProjectsModel::NeedsColumn)
                     .data(ProjectsModel::SortRole)
                     .toInt(),
                 int(tool->needs.size()));
        QVERIFY(tool->needs.size() >= 3);
        QCOMPARE(projects.index(toolRow, ProjectsModel::MissingColumn).data().toString(), u"0"_s);
    }

    /// A version a project needs that is not in the cache is counted as missing.
    void shouldCountWhatTheCacheLacks()
    {
        Read w = setUpProjects();
        QVERIFY(!w.cache.isEmpty());
        // Upper/Case keeps only its .info and .mod (go reads the module graph, but the code
        // is not in the cache).
        const QString id = u"github.com/Upper/Case@v1.0.0"_s;
        QVERIFY(QDir(treeOf(w.cache, id)).removeRecursively());
        QVERIFY(QFile::remove(fileOf(w.cache, id, u".zip"_s)));
        QVERIFY(QFile::remove(fileOf(w.cache, id, u".ziphash"_s)));
        ProjectsController c;
        QSignalSpy ready(&c, &ProjectsController::resultReady);
        c.refresh({w.root}, options(w.cache, w.work->path()));
        QVERIFY(ready.wait(jobTimeoutMs));
        const ProjectInfo *app = c.project(w.root + u"/app"_s);
        QVERIFY(app);
        ProjectsModel projects;
        projects.setResult(c.result());
        const int row = projects.rowOf(app->dir);
        QVERIFY2(app->error.isEmpty() || !app->missing.isEmpty(), qPrintable(app->error));
        QCOMPARE(projects.index(row, ProjectsModel::MissingColumn).data(ProjectsModel::SortRole).toInt(),
                 int(app->missing.size()));
        QStringList missing;
        for (const ProjectNeed &n : app->missing)
            missing << n.id();
        QVERIFY2(missing.contains(id), qPrintable(missing.join(u", "_s) + u" / "_s + app->error));
        const ProjectInfo *tool = c.project(w.root + u"/tools/tool"_s);
        QVERIFY(tool && tool->missing.isEmpty());
    }

    /// One job at a time: a refresh while one runs cancels it and reads again once; cancel()
    /// keeps the last complete result.
    void shouldRunOneJobAtATime()
    {
        Read w = setUpProjects();
        QVERIFY(!w.cache.isEmpty());
        ProjectsController c;
        QSignalSpy ready(&c, &ProjectsController::resultReady);
        QSignalSpy busy(&c, &ProjectsController::busyChanged);
        c.refresh({w.root}, options(w.cache, w.work->path()));
        c.refresh({w.root + u"/app"_s}, options(w.cache, w.work->path()));
        QVERIFY(ready.wait(jobTimeoutMs));
        QTest::qWait(200);
        QCOMPARE(ready.size(), 1);    // the first reading was dropped
        QCOMPARE(busy.size(), 2);     // busy once, from the first refresh to the last result
        QCOMPARE(c.result().projects.size(), 1); // the roots last asked for
        QCOMPARE(c.roots(), QStringList{w.root + u"/app"_s});

        QSignalSpy cancelled(&c, &ProjectsController::cancelled);
        c.refresh({w.root}, options(w.cache, w.work->path()));
        c.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!c.isBusy(), jobTimeoutMs);
        QCOMPARE(ready.size() + cancelled.size(), 2); // finished before the cancel, or not
        if (cancelled.size() == 1)
            QCOMPARE(c.result().projects.size(), 1); // the last complete result stays

        // No roots: every version unused, at once.
        c.refresh({}, options(w.cache, w.work->path()));
        QVERIFY(ready.wait(5000));
        QVERIFY(c.result().projects.isEmpty());
        QVERIFY(c.usage().isEmpty());
    }

    void shouldProposeCommonFoldersOnFirstRun()
    {
        ScratchDir home(u"tst_projectscontroller-home"_s);
        QVERIFY(home.isValid());
        home.mkpath(u"src"_s);
        home.mkpath(u"work"_s);
        home.mkpath(u"go/src"_s);
        QVERIFY(writeFile(home.filePath(u"code"_s), "a file, not a folder"));
        const QByteArray oldHome = qgetenv("HOME");
        qputenv("HOME", QFile::encodeName(home.path()));
        const QStringList expected = {home.filePath(u"go/src"_s), home.filePath(u"src"_s),
                                      home.filePath(u"work"_s)};
        QCOMPARE(ProjectRootsSettings::proposals(), expected);
        QVERIFY(!ProjectRootsSettings::isConfigured());
        // Before any choice nothing is read: the proposals wait for the user's OK.
        QVERIFY(ProjectRootsSettings::roots().isEmpty());
        QVERIFY(ToolchainProjectRoots::load().isEmpty());

        // The dialog shows the proposals; OK keeps them and says so.
        {
            ProjectRootsDialog d;
            QCOMPARE(d.roots(), expected);
            QVERIFY(d.addRoot(home.filePath(u"elsewhere"_s)));
            QVERIFY(!d.addRoot(home.filePath(u"src/"_s))); // the same folder
            QSignalSpy changed(&d, &ProjectRootsDialog::rootsChanged);
            d.accept();
            QCOMPARE(changed.size(), 1);
        }
        QVERIFY(ProjectRootsSettings::isConfigured());
        QCOMPARE(ProjectRootsSettings::roots(), expected + QStringList{home.filePath(u"elsewhere"_s)});
        // The Toolchains dialog reads the same list.
        QCOMPARE(ToolchainProjectRoots::load(), ProjectRootsSettings::roots());
        qputenv("HOME", oldHome);
    }

    void shouldPersistTheChosenRoots()
    {
        // An empty choice is a choice: no proposals come back.
        ProjectRootsSettings::setRoots({});
        QVERIFY(ProjectRootsSettings::isConfigured());
        QVERIFY(ProjectRootsSettings::roots().isEmpty());

        ProjectRootsSettings::setRoots({u"/x/projects"_s, u"/x/projects/"_s, u"/y"_s});
        QSettings().sync();
        QCOMPARE(QSettings().value(u"projects/roots"_s).toStringList(),
                 (QStringList{u"/x/projects"_s, u"/y"_s}));
        QCOMPARE(ProjectRootsSettings::roots(), (QStringList{u"/x/projects"_s, u"/y"_s}));
        ToolchainProjectRoots::save({u"/z"_s});
        QCOMPARE(ProjectRootsSettings::roots(), QStringList{u"/z"_s});

        // The Toolchains dialog's older setting is taken over as the choice.
        QSettings().clear();
        QSettings().setValue(u"toolchains/projectRoots"_s, QStringList{u"/old"_s});
        QVERIFY(ProjectRootsSettings::isConfigured());
        QCOMPARE(ProjectRootsSettings::roots(), QStringList{u"/old"_s});
    }
};

QTEST_MAIN(TestProjectsController)
#include "tst_projectscontroller.moc"
