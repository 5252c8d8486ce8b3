// SPDX-License-Identifier: GPL-3.0-or-later
// Purging module versions from caches written by the real go 1.19 and 1.23, judged by go
// itself: what go can still build offline, what it refuses cleanly, what it re-downloads, what
// it writes to @v/list, and how it behaves while a purge holds its lock or races it
// (go-cache-internals.md §2.5; reliability.md §5 C1, C3, C6, E3, H2).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <memory>
#include <optional>

#include <QDirIterator>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "DuRunner.h"
#include "ExpectedText.h"
#include "FileTimes.h"
#include "common/FileLock.h"
#include "common/UniqueFd.h"
#include "purge/VersionPurger.h"
#include "helpers/PurgeFixture.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;

namespace {

/// One entry of the "versions" array of `purge --json`.
struct JsonItem
{
    QString id;
    QString mode;
    qint64 bytes = -1;
    QString outcome;

    [[nodiscard]] QString plan() const { return id + u' ' + mode + u' ' + QString::number(bytes); }
};

QList<JsonItem> jsonItems(const QJsonObject &o)
{
    QList<JsonItem> out;
    for (const QJsonValue &v : o.value(u"versions"_s).toArray()) {
        const QJsonObject i = v.toObject();
        out.append({i.value(u"path"_s).toString() + u'@' + i.value(u"version"_s).toString(),
                    i.value(u"mode"_s).toString(), qint64(i.value(u"bytes"_s).toDouble(-1)),
                    i.value(u"outcome"_s).toString()});
    }
    return out;
}

QStringList planLines(const QList<JsonItem> &items)
{
    QStringList out;
    for (const JsonItem &i : items)
        out << i.plan();
    out.sort();
    return out;
}

QStringList skippedLines(const QJsonObject &o)
{
    QStringList out;
    for (const QJsonValue &v : o.value(u"skipped"_s).toArray()) {
        const QJsonObject s = v.toObject();
        out << s.value(u"path"_s).toString() + u'@' + s.value(u"version"_s).toString() + u": "_s
                   + s.value(u"reason"_s).toString();
    }
    out.sort();
    return out;
}

/// The tree and the version's own files in cache/download: what a full purge frees.
QStringList versionPaths(const QString &gomodcache, const QString &id)
{
    QStringList out;
    if (exists(treeOf(gomodcache, id)))
        out << treeOf(gomodcache, id);
    for (const QString &suffix :
         {u".info"_s, u".mod"_s, u".zip"_s, u".ziphash"_s, u".lock"_s, u".partial"_s})
        if (exists(fileOf(gomodcache, id, suffix)))
            out << fileOf(gomodcache, id, suffix);
    return out;
}

qint64 fileCount(const QString &dir)
{
    qint64 n = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++n;
    }
    return n;
}

QStringList without(QStringList list, const QStringList &remove)
{
    for (const QString &r : remove)
        list.removeAll(r);
    return list;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

QStringList versionsOf(const QStringList &ids, const QString &modulePath)
{
    QStringList out;
    for (const QString &id : ids)
        if (id.section(u'@', 0, 0) == modulePath)
            out << id;
    return out;
}

void addGoColumn()
{
    QTest::addColumn<QString>("go");
    for (const QString &go : goCommands())
        QTest::newRow(qPrintable(GoTool::label(go))) << go;
}

const QString kBusy = u"example.com/busy@v1.0.0"_s;

} // namespace

class TestPurge : public QObject
{
    Q_OBJECT

public:
    [[nodiscard]] const World &world() const { return *m_world; }

private:
    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;

    /// A work directory for one test, removed afterwards.
    [[nodiscard]] static std::unique_ptr<ScratchDir> workDir()
    {
        auto dir = std::make_unique<ScratchDir>(
            u"tst_purge-"_s + QString::fromLatin1(QTest::currentTestFunction()));
        return dir;
    }

    /// Runs go in dir (a sample module) with env.
    [[nodiscard]] static ProcessResult goIn(const QString &go, const QStringList &args,
                                            const QProcessEnvironment &env, const QString &dir)
    {
        return GoTool::run(go, args, env, dir, 300000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_purge"_s);
        QVERIFY(m_scratch->isValid());
        m_world = std::make_unique<World>(m_scratch->path());
        QList<FixtureVersion> versions = standardVersions();
        versions.append(concurrencyVersion());
        const QString error = m_world->build(versions, goCommands(), {kBusy});
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase()
    {
        m_world.reset();
        m_scratch.reset();
    }

    // -----------------------------------------------------------------------------------
    // Full purge and light clean, judged by go

    void shouldLeaveACacheGoCanStillBuildFromAfterAFullPurge_data() { addGoColumn(); }
    void shouldLeaveACacheGoCanStillBuildFromAfterAFullPurge()
    {
        QFETCH(QString, go);
        const auto work = workDir();
        const QString cache = world().freshCache(go, work->path());
        QVERIFY(!cache.isEmpty());
        const QStringList purged{u"example.com/a@v1.0.0"_s, u"example.com/a@v1.1.0"_s,
                                 u"example.com/legacy@v1.0.0"_s, u"github.com/Upper/Case@v1.0.0"_s};
        const QByteArray listBefore = readFile(listOf(cache, u"example.com/a"_s));
        QVERIFY(!listBefore.isEmpty());

        const ProcessResult r = runCli(
            QStringList{u"purge"_s, u"--wait"_s, u"--json"_s, u"--modcache"_s, cache} + purged,
            cliEnv(world().home()));
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        const QList<JsonItem> items = jsonItems(jsonObject(r.stdOut));
        QCOMPARE(items.size(), purged.size());
        for (const JsonItem &i : items)
            QCOMPARE(i.outcome, u"removed"_s);

        // Every trace of the purged versions is gone except go's lock file.
        const QProcessEnvironment offline = world().env(go, cache, false);
        for (const QString &id : purged) {
            const Pieces p = piecesOf(cache, id);
            QVERIFY2(p.gone() && p.lock, qPrintable(id + u' ' + p.describe()));
            const GoDownloadResult d = goDownload(go, offline, id);
            QVERIFY2(offlineLookupRefused(d), qPrintable(id + u": "_s + d.describe()));
            QVERIFY(!exists(treeOf(cache, id)));
        }
        QVERIFY(entries(trashPath(cache)).isEmpty());

        // A program that needs only what is left builds offline, and go verifies it.
        const QStringList kept{u"example.com/a@v1.10.0"_s,
                               u"example.com/a/v2@v2.0.0"_s,
                               u"example.com/a/sub@v1.0.0"_s,
                               u"example.com/ab@v1.0.0"_s,
                               u"example.com/legacy@v2.0.0+incompatible"_s,
                               u"a.example.com/x@v1.0.0"_s,
                               u"example.com/pseudo@v0.0.0-20230102150405-abcdefabcdef"_s};
        const QString sample = world().writeSampleModule(work->path() + u"/sample"_s, kept);
        QVERIFY(!sample.isEmpty());
        const ProcessResult build = goIn(go, {u"build"_s, u"./..."_s}, offline, sample);
        QVERIFY2(build.succeeded(), qPrintable(build.describe()));
        const ProcessResult verify = goIn(go, {u"mod"_s, u"verify"_s}, offline, sample);
        QVERIFY2(verify.succeeded() && verify.stdOut.contains("all modules verified"),
                 qPrintable(verify.describe()));

        // @v/list is what go's rewriteVersionList writes for the *.mod files left.
        QString judgeError;
        const QStringList allA = versionsOf(world().ids(), u"example.com/a"_s);
        const QByteArray expectedA = goWrittenList(world(), go, work->path(), u"example.com/a"_s,
                                                   without(allA, purged), &judgeError);
        QVERIFY2(judgeError.isEmpty(), qPrintable(judgeError));
        QVERIFY2(expectedA.contains("v1.10.0\n") && !expectedA.contains("RC1")
                     && !expectedA.contains("r!c1"),
                 expectedA.constData());
        QCOMPARE(readFile(listOf(cache, u"example.com/a"_s)), expectedA);
        const QByteArray expectedLegacy
            = goWrittenList(world(), go, work->path(), u"example.com/legacy"_s,
                            {u"example.com/legacy@v2.0.0+incompatible"_s}, &judgeError);
        QVERIFY2(judgeError.isEmpty(), qPrintable(judgeError));
        QCOMPARE(readFile(listOf(cache, u"example.com/legacy"_s)), expectedLegacy);
        QVERIFY(QFileInfo::exists(listOf(cache, u"github.com/Upper/Case"_s)));
        QCOMPARE(readFile(listOf(cache, u"github.com/Upper/Case"_s)),
                 QByteArray()); // no *.mod left

        // go downloads them again without complaint, with the same hashes; they are complete again.
        const GoDownloadResult again = GoTool::downloadModules(go, world().env(go, cache), purged);
        QVERIFY2(again.ok(), qPrintable(again.describe()));
        for (const GoModuleInfo &m : again.modules) {
            QCOMPARE(m.sum, world().sums(m.id()).sum);
            QCOMPARE(m.goModSum, world().sums(m.id()).goModSum);
        }
        const QMap<QString, VersionState> states = scannedStates(cache);
        for (const QString &id : purged)
            QVERIFY2(states.value(id, VersionState::Partial) == VersionState::Complete,
                     qPrintable(id));
        QCOMPARE(readFile(listOf(cache, u"example.com/a"_s)), listBefore);
    }

    void shouldKeepTheArchiveOnALightCleanSoThatGoReExtractsOffline_data() { addGoColumn(); }
    void shouldKeepTheArchiveOnALightCleanSoThatGoReExtractsOffline()
    {
        QFETCH(QString, go);
        const auto work = workDir();
        const QString cache = world().freshCache(go, work->path());
        QVERIFY(!cache.isEmpty());
        const QStringList light{u"example.com/a@v1.10.0"_s,
                                u"example.com/legacy@v2.0.0+incompatible"_s};

        const ProcessResult r = runCli(
            QStringList{u"purge"_s, u"--light"_s, u"--wait"_s, u"--json"_s, u"--modcache"_s, cache}
                + light,
            cliEnv(world().home()));
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        const QList<JsonItem> items = jsonItems(jsonObject(r.stdOut));
        QCOMPARE(items.size(), light.size());
        for (const JsonItem &i : items) {
            QCOMPARE(i.mode, u"light"_s);
            QCOMPARE(i.outcome, u"removed"_s);
        }
        QMap<QString, VersionState> states = scannedStates(cache);
        for (const QString &id : light) {
            const Pieces p = piecesOf(cache, id);
            QVERIFY2(p.archiveOnly() && p.lock, qPrintable(id + u' ' + p.describe()));
            QVERIFY2(states.value(id, VersionState::Complete) == VersionState::ArchiveOnly,
                     qPrintable(id));
        }

        // go builds offline: it re-extracts the trees from the zips it kept.
        const QProcessEnvironment offline = world().env(go, cache, false);
        const QString sample = world().writeSampleModule(
            work->path() + u"/sample"_s, light + QStringList{u"example.com/ab@v1.0.0"_s});
        QVERIFY(!sample.isEmpty());
        const ProcessResult build = goIn(go, {u"build"_s, u"./..."_s}, offline, sample);
        QVERIFY2(build.succeeded(), qPrintable(build.describe()));
        states = scannedStates(cache);
        for (const QString &id : light) {
            const Pieces p = piecesOf(cache, id);
            QVERIFY2(p.complete(), qPrintable(id + u' ' + p.describe()));
            QVERIFY2(states.value(id, VersionState::Partial) == VersionState::Complete,
                     qPrintable(id));
            const QString tree = treeOf(cache, id);
            QCOMPARE(fileCount(tree),
                     qint64(world().versions().at(world().ids().indexOf(id)).files.size()));
            QVERIFY2((modeOf(tree) & 0222) == 0, "go makes re-extracted trees read-only again");
            const GoDownloadResult d = goDownload(go, offline, id);
            QVERIFY2(d.ok(), qPrintable(d.describe()));
            QCOMPARE(d.modules.value(0).dir, tree);
            QCOMPARE(d.modules.value(0).sum, world().sums(id).sum);
        }
        const ProcessResult verify = goIn(go, {u"mod"_s, u"verify"_s}, offline, sample);
        QVERIFY2(verify.succeeded() && verify.stdOut.contains("all modules verified"),
                 qPrintable(verify.describe()));
    }

    // -----------------------------------------------------------------------------------
    // What patterns select

    void shouldPurgeExactlyWhatThePatternsSelect_data()
    {
        QTest::addColumn<QStringList>("patterns");
        QTest::addColumn<QStringList>("removed");
        QStringList all;
        for (const FixtureVersion &v : standardVersions())
            all << v.id();
        QStringList exampleCom;
        for (const QString &id : all)
            if (id.startsWith(u"example.com/"_s))
                exampleCom << id;

        QTest::newRow("path@version")
            << QStringList{u"example.com/a@v1.1.0"_s} << QStringList{u"example.com/a@v1.1.0"_s};
        QTest::newRow("path: every version, no neighbour")
            << QStringList{u"example.com/a"_s} << versionsOf(all, u"example.com/a"_s);
        QTest::newRow("glob: host/*") << QStringList{u"example.com/*"_s} << exampleCom;
        QTest::newRow("GOPRIVATE list")
            << QStringList{u"a.example.com,b.example.com"_s}
            << QStringList{u"a.example.com/x@v1.0.0"_s, u"b.example.com/y@v1.0.0"_s};
        QTest::newRow("glob: *.host")
            << QStringList{u"*.example.com"_s}
            << QStringList{u"a.example.com/x@v1.0.0"_s, u"b.example.com/y@v1.0.0"_s,
                           u"c.example.com/z@v1.0.0"_s};
        QTest::newRow("upper-case path") << QStringList{u"github.com/Upper/Case"_s}
                                         << QStringList{u"github.com/Upper/Case@v1.0.0"_s};
        QTest::newRow("+incompatible version")
            << QStringList{u"example.com/legacy@v2.0.0+incompatible"_s}
            << QStringList{u"example.com/legacy@v2.0.0+incompatible"_s};
        QTest::newRow("upper-case prerelease") << QStringList{u"example.com/a@v1.3.0-RC1"_s}
                                               << QStringList{u"example.com/a@v1.3.0-RC1"_s};
        QTest::newRow("two patterns: either")
            << QStringList{u"example.com/ab"_s, u"example.com/a/v2@v2.0.0"_s}
            << QStringList{u"example.com/ab@v1.0.0"_s, u"example.com/a/v2@v2.0.0"_s};
    }

    void shouldPurgeExactlyWhatThePatternsSelect()
    {
        QFETCH(QStringList, patterns);
        QFETCH(QStringList, removed);
        const auto work = workDir();
        const QString cache = world().freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        const QStringList before = scannedStates(cache).keys();
        QCOMPARE(sorted(before), sorted(without(world().ids(), {kBusy})));

        const ProcessResult r = runCli(
            QStringList{u"purge"_s, u"--wait"_s, u"--json"_s, u"--modcache"_s, cache} + patterns,
            cliEnv(world().home()));
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        QStringList reported;
        for (const JsonItem &i : jsonItems(jsonObject(r.stdOut))) {
            reported << i.id;
            QCOMPARE(i.outcome, u"removed"_s);
        }
        QCOMPARE(sorted(reported), sorted(removed));
        QCOMPARE(sorted(scannedStates(cache).keys()), sorted(without(before, removed)));
        for (const QString &id : removed) {
            const Pieces p = piecesOf(cache, id);
            QVERIFY2(p.gone() && p.lock, qPrintable(id + u' ' + p.describe()));
        }
        for (const QString &id : without(before, removed))
            QVERIFY2(piecesOf(cache, id).complete(), qPrintable(id));
    }

    void shouldRefuseAnInvalidPatternAsAUsageErrorNamingIt_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::newRow("upper-case host") << u"Example.com/a"_s;
        QTest::newRow("no dot in the host") << u"nodot/a"_s;
        QTest::newRow("non-canonical version") << u"example.com/a@v1"_s;
        QTest::newRow("a query, not a version") << u"example.com/a@latest"_s;
    }

    void shouldRefuseAnInvalidPatternAsAUsageErrorNamingIt()
    {
        QFETCH(QString, pattern);
        const auto work = workDir();
        const QString cache = world().freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        const QStringList before = listing(cache);
        const ProcessResult r = runCli(
            {u"purge"_s, u"--wait"_s, u"--modcache"_s, cache, u"example.com/ab"_s, pattern},
            cliEnv(world().home()));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromUtf8(r.stdErr).contains(pattern.section(u'@', 0, 0)),
                 qPrintable(r.describe()));
        QCOMPARE(listing(cache), before);
    }

    // -----------------------------------------------------------------------------------
    // purge --all, and the directories it must refuse

    void shouldMoveTheWholeCacheAsideAtOnceAndReapItInTheBackground()
    {
        const auto work = workDir();
        const QString go = GoTool::go123();
        const QString cache = world().freshCache(go, work->path());
        QVERIFY(!cache.isEmpty());
        QVERIFY(writeFile(work->filePath(u"canary/outside.txt"_s), "keep me\n"));
        const QStringList canaryBefore = listing(work->filePath(u"canary"_s));
        const QStringList topBefore = entries(cache);

        const ProcessResult r = runCli(
            {u"purge"_s, u"--all"_s, u"--json"_s, u"--modcache"_s, cache}, cliEnv(world().home()));
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        // Right away nothing of the cache is where go looks: only the trash is left.
        QCOMPARE(entries(cache), QStringList{CacheScanner::trashDirName()});
        const QJsonObject o = jsonObject(r.stdOut);
        QCOMPARE(o.value(u"all"_s).toBool(), true);
        QStringList moved;
        for (const QJsonValue &v : o.value(u"moved"_s).toArray())
            moved << v.toString();
        QCOMPARE(sorted(moved), sorted(topBefore));

        // The background reaper empties the trash.
        QTRY_VERIFY_WITH_TIMEOUT(entries(trashPath(cache)).isEmpty(), 60000);

        const GoDownloadResult offline
            = goDownload(go, world().env(go, cache, false), u"example.com/a@v1.0.0"_s);
        QVERIFY2(offlineLookupRefused(offline), qPrintable(offline.describe()));
        const GoDownloadResult online
            = goDownload(go, world().env(go, cache), u"example.com/a@v1.0.0"_s);
        QVERIFY2(online.ok(), qPrintable(online.describe()));
        QCOMPARE(online.modules.value(0).sum, world().sums(u"example.com/a@v1.0.0"_s).sum);
        QCOMPARE(listing(work->filePath(u"canary"_s)), canaryBefore);
    }

    void shouldRefuseToPurgeAllOfWhatIsNotAModuleCache_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("the root directory") << u"root"_s;
        QTest::newRow("the home directory") << u"home"_s;
        QTest::newRow("a directory above home") << u"above-home"_s;
        QTest::newRow("a symlink to a cache") << u"symlink"_s;
        QTest::newRow("a symlink to a cache, with a trailing slash") << u"symlink-slash"_s;
        QTest::newRow("no cache/download") << u"not-a-cache"_s;
        QTest::newRow("a relative GOMODCACHE") << u"relative"_s;
    }

    void shouldRefuseToPurgeAllOfWhatIsNotAModuleCache()
    {
        QFETCH(QString, kind);
        const auto work = workDir();
        const QString home = work->filePath(u"parent/home"_s);
        QVERIFY(writeFile(home + u"/canary.txt"_s, "keep me\n"));
        QVERIFY(!work->mkpath(u"parent/home/cache/download"_s).isEmpty());
        QVERIFY(!work->mkpath(u"parent/cache/download"_s).isEmpty());
        QVERIFY(writeFile(work->filePath(u"not-a-cache/canary.txt"_s), "keep me\n"));
        QVERIFY(!work->mkpath(u"rel/cache/cache/download"_s).isEmpty());
        QVERIFY(writeFile(work->filePath(u"rel/cache/canary.txt"_s), "keep me\n"));
        const QString realCache
            = world().freshCache(GoTool::go123(), work->path(), u"real-cache"_s);
        QVERIFY(!realCache.isEmpty());
        QVERIFY(QFile::link(realCache, work->filePath(u"link"_s)));

        QProcessEnvironment env = cliEnv(home);
        QStringList args{u"purge"_s, u"--all"_s, u"--wait"_s};
        QString named;   // what the message must name
        QString watched; // what must stay untouched
        if (kind == u"root") {
            args << u"--modcache"_s << u"/"_s;
            named = u"/: "_s;
        } else if (kind == u"home") {
            args << u"--modcache"_s << home;
            named = watched = home;
        } else if (kind == u"above-home") {
            args << u"--modcache"_s << work->filePath(u"parent"_s);
            named = watched = work->filePath(u"parent"_s);
        } else if (kind == u"symlink" || kind == u"symlink-slash") {
            args << u"--modcache"_s << work->filePath(kind == u"symlink" ? u"link"_s : u"link/"_s);
            named = work->filePath(u"link"_s);
            watched = realCache;
        } else if (kind == u"not-a-cache") {
            args << u"--modcache"_s << work->filePath(u"not-a-cache"_s);
            named = watched = work->filePath(u"not-a-cache"_s);
        } else {
            env.insert(u"GOMODCACHE"_s, u"rel/cache"_s);
            named = u"rel/cache"_s;
            watched = work->filePath(u"rel/cache"_s);
        }
        const bool rootTrashBefore = exists(u"/"_s + CacheScanner::trashDirName());
        const QStringList before = watched.isEmpty() ? QStringList() : listing(watched);
        const QStringList homeBefore = listing(home);

        const ProcessResult r = runCli(args, env, work->path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(QString::fromUtf8(r.stdErr).contains(named), qPrintable(r.describe()));
        QVERIFY2(r.stdOut.isEmpty(), qPrintable(r.describe()));
        if (!watched.isEmpty())
            QCOMPARE(listing(watched), before);
        QCOMPARE(listing(home), homeBefore);
        QCOMPARE(exists(u"/"_s + CacheScanner::trashDirName()), rootTrashBefore);
        QVERIFY(readFile(home + u"/canary.txt"_s) == "keep me\n");
    }

    // A selective purge must not treat an arbitrary directory as a cache either: it would leave
    // a trash directory there (or, for "/", walk the whole filesystem first).
    void shouldRefuseASelectivePurgeOfWhatIsNotAModuleCache()
    {
        const auto work = workDir();
        QVERIFY(writeFile(work->filePath(u"not-a-cache/canary.txt"_s), "keep me\n"));
        const QString dir = work->filePath(u"not-a-cache"_s);
        const QStringList before = listing(dir);
        const ProcessResult r
            = runCli({u"purge"_s, u"--wait"_s, u"--modcache"_s, dir, u"example.com/a"_s},
                     cliEnv(world().home()));
        QCOMPARE(listing(dir), before);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(QString::fromUtf8(r.stdErr).contains(dir), qPrintable(r.describe()));
    }

    // -----------------------------------------------------------------------------------
    // Dry run == real run

    void shouldDryRunExactlyWhatTheRealRunRemoves_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("a module") << QStringList{u"example.com/a"_s};
        QTest::newRow("glob and keep-latest")
            << QStringList{u"--keep-latest"_s, u"1"_s, u"example.com/*"_s};
        QTest::newRow("older than") << QStringList{u"--older-than"_s, u"30"_s};
        QTest::newRow("older than and keep-latest")
            << QStringList{u"--older-than"_s, u"30"_s, u"--keep-latest"_s, u"1"_s};
        QTest::newRow("state") << QStringList{u"--state"_s, u"archive-only"_s};
        QTest::newRow("light") << QStringList{u"--light"_s, u"example.com/*"_s};
    }

    void shouldDryRunExactlyWhatTheRealRunRemoves()
    {
        QFETCH(QStringList, args);
        const auto work = workDir();
        const QString cache = world().freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        const QProcessEnvironment env = cliEnv(world().home());

        // Some versions are archive-only, some have not been used for 60 days.
        const ProcessResult light = runCli({u"purge"_s, u"--light"_s, u"--wait"_s, u"--modcache"_s,
                                            cache, u"example.com/ab"_s, u"example.com/a/sub"_s},
                                           env);
        QVERIFY2(light.succeeded(), qPrintable(light.describe()));
        const qint64 old = QDateTime::currentSecsSinceEpoch() - 60 * 86400;
        for (const QString &id :
             {u"example.com/a@v1.0.0"_s, u"example.com/a@v1.1.0"_s, u"example.com/legacy@v1.0.0"_s,
              u"a.example.com/x@v1.0.0"_s, u"example.com/ab@v1.0.0"_s})
            for (const QString &suffix : {u".ziphash"_s, u".info"_s, u".mod"_s})
                QVERIFY(FileTimes::setSeconds(fileOf(cache, id, suffix), old, old));
        const QMap<QString, VersionState> statesBefore = scannedStates(cache);

        const ProcessResult dry = runCli(
            QStringList{u"purge"_s, u"--dry-run"_s, u"--json"_s, u"--modcache"_s, cache} + args,
            env);
        QVERIFY2(dry.succeeded(), qPrintable(dry.describe()));
        const QJsonObject dryJson = jsonObject(dry.stdOut);
        QCOMPARE(dryJson.value(u"dryRun"_s).toBool(), true);
        const QList<JsonItem> planned = jsonItems(dryJson);
        QVERIFY2(!planned.isEmpty(), dry.stdOut.constData());
        QCOMPARE(entries(trashPath(cache)),
                 QStringList{}); // the light purge's trash is empty; nothing new

        // The bytes of each planned version are what du counts for what it frees.
        qint64 total = 0;
        for (const JsonItem &i : planned) {
            const Expected<quint64> du = i.mode == u"light"
                                             ? DuRunner::summary(treeOf(cache, i.id))
                                             : DuRunner::total(versionPaths(cache, i.id));
            QVERIFY2(du.ok(), qPrintable(errorText(du)));
            QVERIFY2(qint64(du.value()) == i.bytes,
                     qPrintable(i.plan() + u" du "_s + QString::number(du.value())));
            total += i.bytes;
        }
        QCOMPARE(qint64(dryJson.value(u"bytes"_s).toDouble()), total);

        const ProcessResult real = runCli(
            QStringList{u"purge"_s, u"--wait"_s, u"--json"_s, u"--modcache"_s, cache} + args, env);
        QVERIFY2(real.succeeded(), qPrintable(real.describe()));
        const QJsonObject realJson = jsonObject(real.stdOut);
        const QList<JsonItem> done = jsonItems(realJson);
        QCOMPARE(planLines(done), planLines(planned));
        for (const JsonItem &i : done)
            QCOMPARE(i.outcome, u"removed"_s);
        QCOMPARE(qint64(realJson.value(u"bytes"_s).toDouble()), total);
        QCOMPARE(skippedLines(realJson), skippedLines(dryJson));

        // ... and that is what happened on disk; nothing else changed.
        QMap<QString, VersionState> expected = statesBefore;
        for (const JsonItem &i : planned) {
            if (i.mode == u"light")
                expected.insert(i.id, VersionState::ArchiveOnly);
            else
                expected.remove(i.id);
        }
        const QMap<QString, VersionState> after = scannedStates(cache);
        QCOMPARE(after.keys(), expected.keys());
        for (auto it = expected.cbegin(); it != expected.cend(); ++it)
            QVERIFY2(after.value(it.key()) == it.value(),
                     qPrintable(it.key() + u" is "_s + toString(after.value(it.key()))));
    }

    // -----------------------------------------------------------------------------------
    // Locks: go's, ours, and a race

    // C3: someone holds the version's lock (flock(1), the same primitive go uses).
    void shouldGiveUpOnALockHeldTooLongNamingItAndWaitWhenAllowed()
    {
        const auto work = workDir();
        const QString cache = world().freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        const QString id = u"example.com/a@v1.1.0"_s;
        const QString lockFile = fileOf(cache, id, u".lock"_s);
        QVERIFY(exists(lockFile));

        QProcess holder;
        holder.setProgram(u"/usr/bin/flock"_s);
        holder.setArguments(
            {u"--exclusive"_s, lockFile, u"/bin/sh"_s, u"-c"_s, u"echo locked; read line"_s});
        holder.start();
        QVERIFY(holder.waitForStarted());
        QByteArray seen;
        QVERIFY2(waitForLine(holder, "locked", &seen), seen.constData());

        const QStringList treeBefore = listing(treeOf(cache, id));
        const ProcessResult refused = runCli(
            {u"purge"_s, u"--lock-timeout"_s, u"1"_s, u"--wait"_s, u"--modcache"_s, cache, id},
            cliEnv(world().home()));
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(QString::fromUtf8(refused.stdErr).contains(lockFile),
                 qPrintable(refused.describe()));
        QVERIFY2(refused.elapsedMs >= 900, qPrintable(QString::number(refused.elapsedMs)));
        QVERIFY2(piecesOf(cache, id).complete(), qPrintable(piecesOf(cache, id).describe()));
        QCOMPARE(listing(treeOf(cache, id)), treeBefore);
        QCOMPARE(entries(trashPath(cache)), QStringList{}); // no journal left behind

        // With time to wait, the purge waits for the holder and then does its work.
        QProcess purge;
        purge.setProgram(cliPath());
        purge.setArguments({u"purge"_s, u"--lock-timeout"_s, u"60"_s, u"--wait"_s, u"--json"_s,
                            u"--modcache"_s, cache, id});
        purge.setProcessEnvironment(cliEnv(world().home()));
        purge.start();
        QVERIFY(purge.waitForStarted());
        QVERIFY2(!purge.waitForFinished(1500), "the purge did not wait for the lock");
        QVERIFY(piecesOf(cache, id).complete());
        holder.write("go\n");
        QVERIFY(holder.waitForFinished(10000));
        QVERIFY(purge.waitForFinished(60000));
        QCOMPARE(purge.exitCode(), 0);
        const QList<JsonItem> items = jsonItems(jsonObject(purge.readAllStandardOutput()));
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.first().outcome, u"removed"_s);
        const Pieces p = piecesOf(cache, id);
        QVERIFY2(p.gone() && p.lock, qPrintable(p.describe()));
    }

    // Reading the cache must never move an access time (it is "last used"): rewriting @v/list
    // reads the list and lists its directory, both with O_NOATIME.
    void shouldNotMoveAccessTimesWhenRewritingTheVersionList()
    {
        const auto work = workDir();
        const QString cache = world().freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        const QString list = listOf(cache, u"example.com/a"_s);
        const QString vdir = QFileInfo(list).path();
        UniqueFd root(
            ::open(QFile::encodeName(cache).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        QVERIFY(root.isValid());
        const std::string vdirRel = "cache/download/example.com/a/@v";
        QVERIFY(VersionPurger::rewriteVersionList(root.get(), vdirRel, vdir)); // now as we write it

        // Times relatime would move: an atime a day old or more is updated by any read.
        const time_t now = ::time(nullptr);
        const struct timespec old[2] = {{now - 3 * 86400, 0}, {now - 4 * 86400, 0}};
        for (const QString &path : {list, vdir})
            QVERIFY(::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), old, 0) == 0);
        QVERIFY(VersionPurger::rewriteVersionList(root.get(), vdirRel,
                                                  vdir)); // reads, finds nothing to edit
        for (const QString &path : {list, vdir}) {
            struct stat st;
            QVERIFY(::stat(QFile::encodeName(path).constData(), &st) == 0);
            QCOMPARE(qint64(st.st_atim.tv_sec), qint64(old[0].tv_sec));
            QCOMPARE(qint64(st.st_mtim.tv_sec), qint64(old[1].tv_sec));
        }
    }

    // C2: two purges at once. The first waits for a version someone else holds; the second,
    // of another version, must neither wait for that lock nor "complete" the first purge (its
    // journal belongs to a live process, not to a crash).
    void shouldNotMakeAPurgeWaitForAnotherPurgeInProgress()
    {
        const auto work = workDir();
        const QString cache = world().freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        const QString busy = u"example.com/a@v1.1.0"_s;
        const QString free = u"example.com/ab@v1.0.0"_s;

        QProcess holder;
        holder.setProgram(u"/usr/bin/flock"_s);
        holder.setArguments({u"--exclusive"_s, fileOf(cache, busy, u".lock"_s), u"/bin/sh"_s,
                             u"-c"_s, u"echo locked; read line"_s});
        holder.start();
        QVERIFY(holder.waitForStarted());
        QByteArray seen;
        QVERIFY2(waitForLine(holder, "locked", &seen), seen.constData());

        QProcess first;
        first.setProgram(cliPath());
        first.setArguments(
            {u"purge"_s, u"--wait"_s, u"--lock-timeout"_s, u"60"_s, u"--modcache"_s, cache, busy});
        first.setProcessEnvironment(cliEnv(world().home()));
        first.start();
        QVERIFY(first.waitForStarted());
        // Its journal is written before it waits for the lock.
        const auto journalWritten = [&] {
            const QStringList names = entries(trashPath(cache));
            return std::any_of(names.cbegin(), names.cend(),
                               [](const QString &n) { return n.endsWith(u".purge"_s); });
        };
        QTRY_VERIFY_WITH_TIMEOUT(journalWritten(), 30000);

        const ProcessResult second = runCli(
            {u"purge"_s, u"--wait"_s, u"--lock-timeout"_s, u"5"_s, u"--modcache"_s, cache, free},
            cliEnv(world().home()));
        const Pieces busyMeanwhile = piecesOf(cache, busy);
        holder.write("go\n");
        QVERIFY(holder.waitForFinished(10000));
        QVERIFY(first.waitForFinished(60000));

        QVERIFY2(second.succeeded(), qPrintable(second.describe()));
        QVERIFY2(
            second.elapsedMs < 4000,
            qPrintable(u"the second purge took %1 ms: it waited for the other purge's lock"_s.arg(
                second.elapsedMs)));
        QVERIFY2(piecesOf(cache, free).gone(), qPrintable(piecesOf(cache, free).describe()));
        QVERIFY2(busyMeanwhile.complete(), qPrintable(busyMeanwhile.describe()));
        QCOMPARE(first.exitCode(), 0);
        QVERIFY2(first.readAllStandardOutput().contains(QByteArray("removed  " + busy.toUtf8())),
                 "the first purge did its own work");
        QVERIFY(piecesOf(cache, busy).gone());
    }

    // C6: our lock (FileLock, flock on <v>.lock) makes a real go wait.
    void shouldMakeGoWaitWhileWeHoldTheVersionLock_data() { addGoColumn(); }
    void shouldMakeGoWaitWhileWeHoldTheVersionLock()
    {
        QFETCH(QString, go);
        const auto work = workDir();
        const QString cache = world().freshCache(go, work->path());
        QVERIFY(!cache.isEmpty());
        const QString id = u"example.com/a@v1.2.0"_s;
        // Archive-only, so go must take the lock to extract it.
        const ProcessResult light
            = runCli({u"purge"_s, u"--light"_s, u"--wait"_s, u"--modcache"_s, cache, id},
                     cliEnv(world().home()));
        QVERIFY2(light.succeeded(), qPrintable(light.describe()));
        QVERIFY(piecesOf(cache, id).archiveOnly());

        UniqueFd root(
            ::open(QFile::encodeName(cache).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        QVERIFY(root.isValid());
        std::optional<FileLock> lock;
        {
            Expected<FileLock> acquired
                = FileLock::acquire(root.get(), "cache/download/example.com/a/@v/v1.2.0.lock",
                                    fileOf(cache, id, u".lock"_s), 1000);
            QVERIFY2(acquired.ok(), qPrintable(errorText(acquired)));
            lock.emplace(std::move(acquired).value());
        }

        QTemporaryDir empty;
        QProcess goProcess;
        goProcess.setProgram(go);
        goProcess.setArguments({u"mod"_s, u"download"_s, u"-json"_s, id});
        goProcess.setProcessEnvironment(world().env(go, cache, false));
        goProcess.setWorkingDirectory(empty.path());
        goProcess.start();
        QVERIFY(goProcess.waitForStarted());
        QVERIFY2(!goProcess.waitForFinished(2000), "go did not wait for our lock");
        QVERIFY2(!exists(treeOf(cache, id)), "go extracted while we held the lock");

        lock.reset();
        QVERIFY(goProcess.waitForFinished(120000));
        QCOMPARE(goProcess.exitCode(), 0);
        const QList<GoModuleInfo> modules
            = GoTool::parseJsonStream(goProcess.readAllStandardOutput());
        QCOMPARE(modules.size(), 1);
        QCOMPARE(modules.first().dir, treeOf(cache, id));
        QVERIFY2(piecesOf(cache, id).complete(), qPrintable(piecesOf(cache, id).describe()));
    }

    // C6 the other way round with the real protocol: a purge paused after it marked the version
    // (.partial) holds go off until it is done, and go never builds from the half-removed tree.
    void shouldMakeGoWaitForAPurgeInProgressAndNeverUseItsHalfTree_data() { addGoColumn(); }
    void shouldMakeGoWaitForAPurgeInProgressAndNeverUseItsHalfTree()
    {
        QFETCH(QString, go);
        const auto work = workDir();
        const QString cache = world().freshCache(go, work->path());
        QVERIFY(!cache.isEmpty());
        const QString id = u"example.com/a@v1.2.0"_s;

        QProcess crasher;
        crasher.setProgram(crasherPath());
        crasher.setArguments({cache, u"example.com/a"_s, u"v1.2.0"_s, u"full"_s,
                              QString::number(int(VersionPurger::Step::PartialCreated)),
                              u"--pause"_s});
        crasher.start();
        QVERIFY(crasher.waitForStarted());
        QByteArray seen;
        QVERIFY2(waitForLine(crasher, "paused", &seen), seen.constData());
        QVERIFY(piecesOf(cache, id).partial);

        QTemporaryDir empty;
        QProcess goProcess;
        goProcess.setProgram(go);
        goProcess.setArguments({u"mod"_s, u"download"_s, u"-json"_s, id});
        goProcess.setProcessEnvironment(world().env(go, cache));
        goProcess.setWorkingDirectory(empty.path());
        goProcess.start();
        QVERIFY(goProcess.waitForStarted());
        QVERIFY2(!goProcess.waitForFinished(2000),
                 "go used a version marked .partial without waiting for the lock");

        crasher.write("\n");
        QVERIFY(crasher.waitForFinished(30000));
        QCOMPARE(crasher.exitCode(), 0);
        QVERIFY(goProcess.waitForFinished(120000));
        QCOMPARE(goProcess.exitStatus(), QProcess::NormalExit);
        // go either failed (its zip went away under it) or downloaded afresh: in both cases the
        // version is now whole or cleanly absent, and go has the right bytes when asked again.
        const Pieces p = piecesOf(cache, id);
        QVERIFY2(!p.partial && (p.complete() || p.gone()), qPrintable(p.describe()));
        const GoDownloadResult again = goDownload(go, world().env(go, cache), id);
        QVERIFY2(again.ok(), qPrintable(again.describe()));
        QCOMPARE(again.modules.value(0).sum, world().sums(id).sum);
        QVERIFY(piecesOf(cache, id).complete());
    }

    // C1: go downloads and builds a version over and over while purges remove it over and over.
    void shouldKeepAVersionWholeOrCleanlyAbsentWhileGoAndPurgesRace_data() { addGoColumn(); }
    void shouldKeepAVersionWholeOrCleanlyAbsentWhileGoAndPurgesRace()
    {
        QFETCH(QString, go);
        const auto work = workDir();
        const QString cache = world().freshCache(go, work->path());
        QVERIFY(!cache.isEmpty());
        const QString sample = world().writeSampleModule(work->path() + u"/sample"_s, {kBusy});
        QVERIFY(!sample.isEmpty());
        const GoDownloadResult first = goDownload(go, world().env(go, cache), kBusy);
        QVERIFY2(first.ok(), qPrintable(first.describe()));
        const qint64 files = concurrencyVersion().files.size();
        const QString tree = treeOf(cache, kBusy);

        QProcess goLoop;
        goLoop.setProgram(u"/bin/sh"_s);
        goLoop.setArguments(
            {u"-c"_s,
             u"for i in 1 2 3 4 5; do "
             "go mod download -json \"$1\" >/dev/null 2>&1 && echo download-ok || echo "
             "download-failed; "
             "go build -o /dev/null ./... >/dev/null 2>&1 && echo build-ok || echo build-failed; "
             "done"_s,
             u"sh"_s, kBusy});
        goLoop.setProcessEnvironment(world().env(go, cache));
        goLoop.setWorkingDirectory(sample);
        QProcess purgeLoop;
        purgeLoop.setProgram(u"/bin/sh"_s);
        // A purge that finds the version already gone exits 1 with "no version in the cache
        // matches" (the one rule for every PATTERN command); any other failure is a failure.
        purgeLoop.setArguments(
            {u"-c"_s,
             u"for i in $(seq 1 20); do "
             "out=$(\"$1\" purge --wait --lock-timeout 60 --modcache \"$2\" \"$3\" 2>&1); rc=$?; "
             "printf '%s\\n' \"$out\"; "
             "if [ $rc -ne 0 ] && ! printf '%s\\n' \"$out\" | "
             "grep -qxF \"modkeeper-cli purge: no version in the cache matches $3\"; then echo "
             "purge-failed; fi; "
             "sleep 0.1; done"_s,
             u"sh"_s, cliPath(), cache, kBusy});
        purgeLoop.setProcessEnvironment(cliEnv(world().home()));
        goLoop.start();
        purgeLoop.start();
        QVERIFY(goLoop.waitForStarted());
        QVERIFY(purgeLoop.waitForStarted());

        // Sample the version under its own lock, as go would find it when it gets the lock.
        UniqueFd root(
            ::open(QFile::encodeName(cache).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        QVERIFY(root.isValid());
        int samples = 0;
        QStringList violations;
        while (goLoop.state() != QProcess::NotRunning
               || purgeLoop.state() != QProcess::NotRunning) {
            {
                Expected<FileLock> lock = FileLock::acquire(
                    root.get(), "cache/download/example.com/busy/@v/v1.0.0.lock",
                    fileOf(cache, kBusy, u".lock"_s), 60000);
                QVERIFY2(lock.ok(), qPrintable(errorText(lock)));
                const Pieces p = piecesOf(cache, kBusy);
                ++samples;
                if (p.partial || (p.tree && !p.ziphash) || (p.zip && !p.ziphash))
                    violations << p.describe();
                else if (p.tree && fileCount(tree) != files)
                    violations << u"a tree with %1 of %2 files"_s.arg(fileCount(tree)).arg(files);
            }
            // Pacing between samples; also how QProcess learns, without an event loop, that a
            // loop has ended (each returns at once when its process is done).
            goLoop.waitForFinished(20);
            purgeLoop.waitForFinished(20);
        }
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(u'\n')));
        QVERIFY(samples > 5);

        const QByteArray goOut = goLoop.readAllStandardOutput();
        const QByteArray purgeOut
            = purgeLoop.readAllStandardOutput() + purgeLoop.readAllStandardError();
        QVERIFY2(!purgeOut.contains("purge-failed"), purgeOut.constData());
        QVERIFY2(purgeOut.count("removed  ") >= 2,
                 purgeOut.constData()); // go brought it back in between
        QVERIFY2(goOut.count("download-ok") >= 2, goOut.constData());

        // The end: whole (and go agrees, offline) or cleanly absent (and go says so).
        const Pieces p = piecesOf(cache, kBusy);
        const GoDownloadResult offline = goDownload(go, world().env(go, cache, false), kBusy);
        if (p.tree) {
            QVERIFY2(p.complete() && fileCount(tree) == files, qPrintable(p.describe()));
            QVERIFY2(offline.ok(), qPrintable(offline.describe()));
            QCOMPARE(offline.modules.value(0).sum, world().sums(kBusy).sum);
        } else {
            QVERIFY2(p.gone(), qPrintable(p.describe()));
            QVERIFY2(offlineLookupRefused(offline), qPrintable(offline.describe()));
        }
        const GoDownloadResult online = goDownload(go, world().env(go, cache), kBusy);
        QVERIFY2(online.ok(), qPrintable(online.describe()));
        const ProcessResult verify
            = goIn(go, {u"mod"_s, u"verify"_s}, world().env(go, cache), sample);
        QVERIFY2(verify.succeeded() && verify.stdOut.contains("all modules verified"),
                 qPrintable(verify.describe()));
    }
};

QTEST_GUILESS_MAIN(TestPurge)
#include "tst_purge.moc"
