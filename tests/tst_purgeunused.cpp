// SPDX-License-Identifier: GPL-3.0-or-later
// purge --unused, judged by the real go 1.19 and 1.23: after it, every project builds and
// lists its packages and tests offline (GOPROXY=off GOFLAGS=-mod=mod go build ./... and
// go list -deps -test ./...), and every version no project needs is gone; versions only the
// module graph needs keep .info/.mod only. Refused when a project cannot be read; a need
// missing from the cache keeps the project's other needs. And the policy itself
// (PurgePlanner::planUnused): modes, bytes, toolchain protection.
#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

#include "helpers/PurgeFixture.h"
#include "helpers/ProjectFixture.h"
#include "purge/PurgePlanner.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::projects;

namespace {

QProcessEnvironment cli(const QString &home, const QString &cache, const QString &go)
{
    QProcessEnvironment env = cliEnv(home, cache);
    env.insert(u"PATH"_s, QFileInfo(go).path() + u":/usr/bin:/bin"_s);
    env.insert(u"GOSUMDB"_s, u"off"_s);
    env.insert(u"GOPROXY"_s, u"off"_s);
    env.insert(u"GOFLAGS"_s, u"-mod=mod"_s);
    env.insert(u"GOCACHE"_s, sharedGoCache(go));
    return env;
}

ModuleVersionRecord record(const QString &path, const QString &version, quint8 pieces,
                           quint64 bytes)
{
    ModuleVersionRecord r;
    r.path = path;
    r.version = version;
    r.escapedPath = path;
    r.escapedVersion = version;
    r.pieces = pieces;
    r.diskBytes = bytes;
    return r;
}

constexpr quint8 All = HasTree | HasZip | HasZiphash | HasInfo | HasMod;

} // namespace

class TestPurgeUnused : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;
    QMap<QString, QString> m_projects;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_purgeunused"_s);
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

    void shouldPlanTheUnusedPolicy()
    {
        ScanResult scan;
        scan.gomodcache = u"/nonexistent"_s;
        scan.versions
            = {record(u"a"_s, u"v1.0.0"_s, All, 100),            // code
               record(u"a"_s, u"v0.9.0"_s, All, 50),             // go.mod only
               record(u"b"_s, u"v1.0.0"_s, All, 70),             // nobody
               record(u"c"_s, u"v1.0.0"_s, HasInfo | HasMod, 8), // go.mod only, nothing to clean
               record(u"golang.org/toolchain"_s, u"v0.0.1-go1.22.5.linux-amd64"_s, All, 900),
               record(u"golang.org/toolchain"_s, u"v0.0.1-go1.21.0.linux-amd64"_s, All, 800),
               record(u"golang.org/toolchain"_s, u"v0.0.1-go1.20.1.linux-amd64"_s, All, 700)};
        ProjectsResult projects;
        ProjectInfo p;
        p.dir = u"/p"_s;
        p.goVersion = u"1.20"_s;
        p.toolchain = u"go1.22.5"_s;
        p.needs = {{u"a"_s, u"v1.0.0"_s, NeedHow::Code},
                   {u"a"_s, u"v0.9.0"_s, NeedHow::GoMod},
                   {u"c"_s, u"v1.0.0"_s, NeedHow::GoMod},
                   {u"gone"_s, u"v1.0.0"_s, NeedHow::Code}};
        p.missing = {{u"gone"_s, u"v1.0.0"_s, NeedHow::Code}};
        projects.projects = {p};
        const Expected<PurgePlan> plan = PurgePlanner::planUnused(
            scan, projects, {u"golang.org/toolchain@v0.0.1-go1.21.0.linux-amd64"_s});
        QVERIFY(plan.ok());
        QStringList got;
        for (const PurgeItem &i : plan->items)
            got << i.version.id() + u' ' + toString(i.mode) + u' ' + QString::number(i.bytes);
        // Named (toolchain line) and running toolchains stay; the third one is unused.
        QCOMPARE(got,
                 (QStringList{u"a@v0.9.0 mod-only 50"_s, u"b@v1.0.0 full 70"_s,
                              u"golang.org/toolchain@v0.0.1-go1.20.1.linux-amd64 full 700"_s}));
        QCOMPARE(plan->bytes, quint64(820));
        QCOMPARE(plan->skipped.size(), 2);

        // A code need of another project wins over a go.mod-only one.
        ProjectInfo q;
        q.dir = u"/q"_s;
        q.needs = {{u"a"_s, u"v0.9.0"_s, NeedHow::Code}};
        projects.projects.append(q);
        const Expected<PurgePlan> both = PurgePlanner::planUnused(scan, projects);
        QVERIFY(both.ok());
        for (const PurgeItem &i : both->items)
            QVERIFY(i.version.id() != u"a@v0.9.0"_s);

        // One unreadable project: nothing at all, and the error names it.
        projects.projects[1].error = u"go list -m all: boom"_s;
        const Expected<PurgePlan> refused = PurgePlanner::planUnused(scan, projects);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().subject, u"/q"_s);
        // No project: refused (everything would be unused).
        QVERIFY(!PurgePlanner::planUnused(scan, ProjectsResult()).ok());
    }

    void shouldKeepExactlyWhatProjectsNeed_data()
    {
        QTest::addColumn<QString>("go");
        for (const QString &go : goCommands())
            QTest::newRow(qPrintable(GoTool::label(go))) << go;
    }
    void shouldKeepExactlyWhatProjectsNeed()
    {
        QFETCH(QString, go);
        ScratchDir work(u"tst_purgeunused-proof"_s);
        const QString cache = m_world->freshCache(go, work.path());
        QVERIFY(!cache.isEmpty());
        const QString root = work.filePath(u"projects"_s);
        QVERIFY(copyTree(m_projects.value(go), root));
        const QProcessEnvironment env = cli(m_world->home(), cache, go);

        // The preview changes nothing and says what each part frees.
        const QStringList before = listing(cache);
        const ProcessResult dry = runCli(
            {u"purge"_s, u"--unused"_s, u"--root"_s, root, u"--dry-run"_s, u"--json"_s}, env);
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.describe()));
        QCOMPARE(listing(cache), before);
        const QJsonObject preview = jsonObject(dry.stdOut);
        QVERIFY(preview[u"unused"_s][u"purgeBytes"_s].toInteger() > 0);
        QVERIFY(preview[u"unused"_s][u"modOnlyBytes"_s].toInteger() > 0);
        QCOMPARE(preview[u"bytes"_s].toInteger(),
                 preview[u"unused"_s][u"purgeBytes"_s].toInteger()
                     + preview[u"unused"_s][u"modOnlyBytes"_s].toInteger());
        QStringList planned;
        for (const QJsonValue &v : preview[u"versions"_s].toArray())
            planned << v[u"path"_s].toString() + u'@' + v[u"version"_s].toString() + u' '
                           + v[u"mode"_s].toString();
        planned.sort();
        QCOMPARE(
            planned,
            (QStringList{u"example.com/lib@v1.0.0 mod-only"_s, u"example.com/miss@v1.0.0 full"_s,
                         u"example.com/repl@v1.0.0 full"_s, u"example.com/stale@v1.0.0 full"_s,
                         u"example.com/unused@v1.0.0 full"_s}));

        const ProcessResult r
            = runCli({u"purge"_s, u"--unused"_s, u"--root"_s, root, u"--json"_s, u"--wait"_s}, env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        for (const QString &id : {u"example.com/unused@v1.0.0"_s, u"example.com/stale@v1.0.0"_s,
                                  u"example.com/repl@v1.0.0"_s, u"example.com/miss@v1.0.0"_s}) {
            QVERIFY2(!exists(fileOf(cache, id, u".mod"_s)), qPrintable(id));
            QVERIFY2(!exists(treeOf(cache, id)), qPrintable(id));
        }
        const QString graphOnly = u"example.com/lib@v1.0.0"_s;
        QVERIFY(exists(fileOf(cache, graphOnly, u".mod"_s)));
        QVERIFY(exists(fileOf(cache, graphOnly, u".info"_s)));
        QVERIFY(!exists(fileOf(cache, graphOnly, u".zip"_s)));
        QVERIFY(!exists(treeOf(cache, graphOnly)));

        // go is the judge: every project builds and lists its packages offline.
        for (const QString &p : proofProjects()) {
            const QString error = buildsOffline(*m_world, go, root + u'/' + p, cache);
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
        // And every version left is needed by some project.
        const ProcessResult scan = runCli({u"scan"_s, u"--json"_s, u"--root"_s, root}, env);
        QVERIFY2(scan.exitCode == 0, qPrintable(scan.describe()));
        const QJsonArray versions = jsonObject(scan.stdOut)[u"versions"_s].toArray();
        QCOMPARE(versions.size(), 6);
        for (const QJsonValue &v : versions)
            QVERIFY2(!v[u"usedBy"_s].toArray().isEmpty(),
                     qPrintable(v[u"path"_s].toString() + u'@' + v[u"version"_s].toString()));
    }

    void shouldRefuseWhenAProjectCannotBeRead()
    {
        const QString go = GoTool::go123();
        ScratchDir work(u"tst_purgeunused-refuse"_s);
        const QString cache = m_world->freshCache(go, work.path());
        const QString root = work.filePath(u"projects"_s);
        QVERIFY(copyTree(m_projects.value(go), root));
        QVERIFY(writeProject(root + u"/broken"_s, u"example.com/broken"_s,
                             {u"example.com/nowhere@v9.9.9"_s}));
        const QStringList before = listing(cache);
        const ProcessResult r = runCli({u"purge"_s, u"--unused"_s, u"--root"_s, root, u"--wait"_s},
                                       cli(m_world->home(), cache, go));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.stdErr.contains((root + u"/broken"_s).toUtf8()), qPrintable(r.describe()));
        QCOMPARE(listing(cache), before);
    }

    void shouldKeepTheOtherNeedsOfAProjectWithAMissingOne()
    {
        const QString go = GoTool::go123();
        ScratchDir work(u"tst_purgeunused-missing"_s);
        const QString cache = m_world->freshCache(go, work.path());
        const QString root = work.filePath(u"projects"_s);
        QString error = writeMissingProject(*m_world, go, root + u"/pmissing"_s, cache);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QString id = u"example.com/miss@v1.0.0"_s;
        QVERIFY(QFile::remove(fileOf(cache, id, u".zip"_s)));
        QVERIFY(QFile::remove(fileOf(cache, id, u".ziphash"_s)));
        QVERIFY(QProcess::execute(u"chmod"_s, {u"-R"_s, u"u+w"_s, treeOf(cache, id)}) == 0);
        QVERIFY(QDir(treeOf(cache, id)).removeRecursively());
        const ProcessResult r = runCli({u"purge"_s, u"--unused"_s, u"--root"_s, root, u"--wait"_s},
                                       cli(m_world->home(), cache, go));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.stdErr.contains("example.com/miss@v1.0.0 is needed but not in the cache"),
                 qPrintable(r.describe()));
        // What is left of the missing version, and the project's other needs, stay whole.
        QVERIFY(exists(fileOf(cache, id, u".mod"_s)));
        QVERIFY(exists(fileOf(cache, u"example.com/util@v1.0.0"_s, u".zip"_s)));
        QVERIFY(exists(treeOf(cache, u"example.com/util@v1.0.0"_s)));
        QVERIFY(!exists(fileOf(cache, u"example.com/unused@v1.0.0"_s, u".mod"_s)));
    }
};

QTEST_GUILESS_MAIN(TestPurgeUnused)
#include "tst_purgeunused.moc"
