// SPDX-License-Identifier: GPL-3.0-or-later
// Projects: the finder's skip rules, and what each project needs as the real go resolves it
// (go 1.19 and 1.23): code vs go.mod-only, a workspace, a replace, an exclude, stale go.sum
// lines, a dependency missing from the cache, a project go cannot read, and the cache of
// what was read (reused while go.mod/go.sum/go.work keep their mtime and size).
#include <QStandardPaths>
#include <QTest>

#include "helpers/PurgeFixture.h"
#include "helpers/ProjectFixture.h"
#include "project/ProjectFinder.h"
#include "project/ProjectsJob.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::projects;

namespace {

QStringList needsOf(const ProjectInfo &p, NeedHow how)
{
    QStringList out;
    for (const ProjectNeed &n : p.needs)
        if (n.how == how)
            out << n.id();
    out.sort();
    return out;
}

const ProjectInfo *projectAt(const ProjectsResult &r, const QString &dir)
{
    for (const ProjectInfo &p : r.projects)
        if (p.dir == dir)
            return &p;
    return nullptr;
}

QHash<QString, QString> toHash(const QProcessEnvironment &e)
{
    QHash<QString, QString> h;
    for (const QString &k : e.keys())
        h.insert(k, e.value(k));
    return h;
}

} // namespace

class TestProjects : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;
    QMap<QString, QString> m_projects; ///< go -> tidied projects root

    ProjectsJob::Options options(const QString &go, const QString &cache,
                                 const QString &cacheFile) const
    {
        ProjectsJob::Options o;
        o.gomodcache = cache;
        o.goBinary = go;
        o.environment = toHash(m_world->env(go, cache, false));
        o.cacheFile = cacheFile;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_projects"_s);
        QVERIFY(m_scratch->isValid());
        m_world = std::make_unique<World>(m_scratch->path());
        QString error = m_world->build(graphVersions(), goCommands());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (const QString &go : goCommands()) {
            const QString root = m_scratch->path() + u"/projects-"_s + GoTool::label(go);
            error = writeProjects(*m_world, go, root, m_world->templateCache(go));
            QVERIFY2(error.isEmpty(), qPrintable(error));
            m_projects.insert(go, root);
        }
    }

    void shouldFindProjectsButSkipWhatGoSkips()
    {
        ScratchDir dir(u"tst_projects-finder"_s);
        const QString r = dir.path();
        for (const QString &d : {u"a"_s, u"a/nested"_s, u"b/deep/er"_s, u"w"_s, u".hidden/x"_s,
                                 u"a/.git/x"_s, u"node_modules/x"_s, u"vendor/x"_s, u"a/vendor/y"_s,
                                 u"a/testdata/z"_s, u"modcache/m@v1"_s, u"gopath/pkg/mod/q"_s})
            QVERIFY(writeFile(r + u'/' + d + u"/go.mod"_s, "module x\n"));
        QVERIFY(writeFile(r + u"/w/go.work"_s, "go 1.18\n"));
        QVERIFY(writeFile(r + u"/c/go.work"_s, "go 1.18\n"));
        QVERIFY(QFile::link(r + u"/a"_s, r + u"/link"_s)); // symlinks are not followed
        const QList<ProjectFinder::Found> found
            = ProjectFinder::find({r, r + u"/a"_s}, {r + u"/modcache"_s, r + u"/gopath/pkg/"_s});
        QStringList got;
        for (const ProjectFinder::Found &f : found)
            got << f.dir.mid(r.size() + 1) + (f.goWork ? u"+work"_s : QString())
                       + (f.goMod ? u"+mod"_s : QString());
        QCOMPARE(got, (QStringList{u"a+mod"_s, u"a/nested+mod"_s, u"b/deep/er+mod"_s, u"c+work"_s,
                                   u"w+work+mod"_s}));
        // A cancelled walk stops.
        QVERIFY(ProjectFinder::find({r}, {}, [] { return true; }).isEmpty());

        QVERIFY(writeFile(
            r + u"/w/go.work"_s,
            "go 1.18\n\nuse ./one // c\nuse (\n\t\"./two\"\n\t../three\n)\nuse (./four)\n"));
        QCOMPARE(
            ProjectFinder::workspaceUses(r + u"/w/go.work"_s),
            (QStringList{r + u"/w/one"_s, r + u"/w/two"_s, r + u"/three"_s, r + u"/w/four"_s}));
    }

    void shouldReadNeedsAsGoResolvesThem_data()
    {
        QTest::addColumn<QString>("go");
        for (const QString &go : goCommands())
            QTest::newRow(qPrintable(GoTool::label(go))) << go;
    }
    void shouldReadNeedsAsGoResolvesThem()
    {
        QFETCH(QString, go);
        ScratchDir work(u"tst_projects-needs"_s);
        const QString root = m_projects.value(go);
        const QByteArray staleSum = readFile(root + u"/pstale/go.sum"_s);
        const ProjectsResult r = ProjectsJob::run(
            {root}, options(go, m_world->templateCache(go), work.filePath(u"cache.cbor"_s)));
        QStringList dirs;
        for (const ProjectInfo &p : r.projects) {
            dirs << p.dir.mid(root.size() + 1);
            QVERIFY2(p.error.isEmpty(), qPrintable(p.dir + u": "_s + p.error));
            QVERIFY(p.missing.isEmpty());
            QVERIFY2(p.notes.isEmpty(), qPrintable(p.notes.join(u'\n')));
        }
        // localrepl is a module of its own (it has no require); the workspace's modules are not.
        QCOMPARE(dirs, (QStringList{u"localrepl"_s, u"p1"_s, u"p2"_s, u"pexcl"_s, u"prepl"_s,
                                    u"pstale"_s, u"ws"_s}));
        auto check = [&](const QString &dir, const QStringList &code, const QStringList &gomod) {
            const ProjectInfo *p = projectAt(r, root + u'/' + dir);
            QVERIFY2(p, qPrintable(dir));
            QCOMPARE(needsOf(*p, NeedHow::Code), code);
            QCOMPARE(needsOf(*p, NeedHow::GoMod), gomod);
        };
        check(u"p1"_s, {u"example.com/lib@v1.1.0"_s, u"example.com/util@v1.0.0"_s}, {});
        // dep's requirement on lib v1.0.0 is read from its go.mod only: MVS picks v1.2.0.
        check(u"p2"_s,
              {u"example.com/dep@v1.0.0"_s, u"example.com/lib@v1.2.0"_s,
               u"example.com/util@v1.1.0"_s},
              {u"example.com/lib@v1.0.0"_s});
        // The excluded version is not needed at all.
        check(u"pexcl"_s,
              {u"example.com/dep@v1.0.0"_s, u"example.com/lib@v1.1.0"_s,
               u"example.com/util@v1.0.0"_s},
              {});
        // Replaced by a folder: nothing from the cache.
        check(u"prepl"_s, {}, {});
        // Stale go.sum lines keep nothing.
        check(u"pstale"_s, {u"example.com/util@v1.1.0"_s}, {});
        // One workspace: m2's util v1.0.0 is only in the graph, lib v1.2.0 needs v1.1.0.
        check(u"ws"_s, {u"example.com/lib@v1.2.0"_s, u"example.com/util@v1.1.0"_s},
              {u"example.com/util@v1.0.0"_s});
        const ProjectInfo *ws = projectAt(r, root + u"/ws"_s);
        QCOMPARE(ws->module, u"example.com/m1 example.com/m2"_s);
        QCOMPARE(projectAt(r, root + u"/p1"_s)->module, u"example.com/p1"_s);
        QCOMPARE(projectAt(r, root + u"/p1"_s)->goVersion, u"1.17"_s);
        // Reading never edits a project.
        QCOMPARE(readFile(root + u"/pstale/go.sum"_s), staleSum);

        // usageOf: who needs what, how.
        const ProjectUsage usage = usageOf(r);
        QCOMPARE(usage.value(u"example.com/lib@v1.0.0"_s).size(), 1);
        QCOMPARE(usage.value(u"example.com/lib@v1.0.0"_s).first().second, NeedHow::GoMod);
        QCOMPARE(usage.value(u"example.com/util@v1.1.0"_s).size(), 3); // p2, pstale, ws
        QVERIFY(!usage.contains(u"example.com/stale@v1.0.0"_s));
        QVERIFY(!usage.contains(u"example.com/repl@v1.0.0"_s));
    }

    void shouldReportWhatIsMissingAndKeepTheRest()
    {
        const QString go = GoTool::go123();
        ScratchDir work(u"tst_projects-missing"_s);
        const QString cache = m_world->freshCache(go, work.path());
        QVERIFY(!cache.isEmpty());
        const QString dir = work.filePath(u"pmissing"_s);
        const QString error = writeMissingProject(*m_world, go, dir, cache);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // The zip and tree go; .info and .mod stay (a version go fetched only the go.mod of).
        const QString id = u"example.com/miss@v1.0.0"_s;
        QVERIFY(QFile::remove(fileOf(cache, id, u".zip"_s)));
        QVERIFY(QFile::remove(fileOf(cache, id, u".ziphash"_s)));
        QVERIFY(QProcess::execute(u"chmod"_s, {u"-R"_s, u"u+w"_s, treeOf(cache, id)}) == 0);
        QVERIFY(QDir(treeOf(cache, id)).removeRecursively());
        const ProjectsResult r
            = ProjectsJob::run({dir}, options(go, cache, work.filePath(u"c.cbor"_s)));
        QCOMPARE(r.projects.size(), 1);
        const ProjectInfo &p = r.projects.first();
        QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
        QCOMPARE(p.missing.size(), 1);
        QCOMPARE(p.missing.first().id(), id);
        QCOMPARE(p.missing.first().how, NeedHow::Code);
        // Without the package list every build list version counts as code: util is kept.
        QCOMPARE(needsOf(p, NeedHow::Code), (QStringList{id, u"example.com/util@v1.0.0"_s}));
    }

    void shouldRunOnTheCorePoolWithProgress()
    {
        const QString go = GoTool::go123();
        ScratchDir work(u"tst_projects-job"_s);
        QFuture<ProjectsResult> f
            = ProjectsJob::start({m_projects.value(go)}, options(go, m_world->templateCache(go),
                                                                 work.filePath(u"c.cbor"_s)));
        f.waitForFinished();
        QCOMPARE(f.resultCount(), 1);
        QCOMPARE(f.result().projects.size(), 7);
        QCOMPARE(f.progressMaximum(), 7);
        QCOMPARE(f.progressValue(), 7);
        // Cancelled before it runs: a partial (here empty) result, and nothing cached.
        QFuture<ProjectsResult> c
            = ProjectsJob::start({m_projects.value(go)}, options(go, m_world->templateCache(go),
                                                                 work.filePath(u"c2.cbor"_s)));
        c.cancel();
        c.waitForFinished();
        QVERIFY(!QFileInfo::exists(work.filePath(u"c2.cbor"_s)) || c.resultCount() == 1);
    }

    void shouldFailAProjectGoCannotRead()
    {
        const QString go = GoTool::go123();
        ScratchDir work(u"tst_projects-broken"_s);
        QVERIFY(writeProject(work.filePath(u"broken"_s), u"example.com/broken"_s,
                             {u"example.com/nowhere@v9.9.9"_s}));
        const ProjectsResult r = ProjectsJob::run(
            {work.path()}, options(go, m_world->templateCache(go), work.filePath(u"c.cbor"_s)));
        QCOMPARE(r.projects.size(), 1);
        QVERIFY2(r.projects.first().error.contains(u"example.com/nowhere"_s),
                 qPrintable(r.projects.first().error));
    }

    void shouldReuseWhatWasReadUntilAFileChanges()
    {
        const QString go = GoTool::go123();
        ScratchDir work(u"tst_projects-cache"_s);
        QVERIFY(copyTree(m_projects.value(go), work.filePath(u"projects"_s)));
        const QString root = work.filePath(u"projects"_s);
        // The same go path throughout: first the real go, then one that cannot run.
        const QString goLink = work.filePath(u"go"_s);
        QVERIFY(QFile::link(go, goLink));
        ProjectsJob::Options o
            = options(goLink, m_world->templateCache(go), work.filePath(u"c.cbor"_s));
        o.environment = toHash(m_world->env(go, m_world->templateCache(go), false));
        const ProjectsResult first = ProjectsJob::run({root}, o);
        QVERIFY(QFileInfo::exists(o.cacheFile));
        for (const ProjectInfo &p : first.projects)
            QVERIFY(p.error.isEmpty());
        QVERIFY(QFile::remove(goLink));
        QVERIFY(writeFile(goLink, "#!/bin/sh\nexit 3\n"));
        QVERIFY(
            QFile::setPermissions(goLink, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        const ProjectsResult second = ProjectsJob::run({root}, o);
        QCOMPARE(second.projects.size(), first.projects.size());
        for (qsizetype i = 0; i < first.projects.size(); ++i) {
            QCOMPARE(second.projects[i].dir, first.projects[i].dir);
            QCOMPARE(second.projects[i].needs, first.projects[i].needs);
            QVERIFY(second.projects[i].error.isEmpty());
        }
        // A go.sum that changes (size) is read again: go is asked, and fails here.
        QVERIFY(writeFile(root + u"/p1/go.sum"_s, readFile(root + u"/p1/go.sum"_s) + "\n"));
        const ProjectsResult third = ProjectsJob::run({root}, o);
        QVERIFY(!projectAt(third, root + u"/p1"_s)->error.isEmpty());
        QVERIFY(projectAt(third, root + u"/p2"_s)->error.isEmpty());
        // Without the cache, go is asked for everything.
        o.useCache = false;
        QVERIFY(QFile::remove(goLink));
        QVERIFY(QFile::link(go, goLink));
        const ProjectsResult fresh = ProjectsJob::run({root}, o);
        QCOMPARE(projectAt(fresh, root + u"/p2"_s)->needs,
                 projectAt(first, root + u"/p2"_s)->needs);
    }
};

QTEST_GUILESS_MAIN(TestProjects)
#include "tst_projects.moc"
