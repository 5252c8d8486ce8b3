// SPDX-License-Identifier: GPL-3.0-or-later
// The build cache (GOCACHE) core against the real go 1.19 and 1.23: caches written by go
// building and testing small local modules; the numbers against du; a trim by age against
// go's own trim of a copy (the clock faked through the entries' mtimes and trim.txt); go
// rebuilding afterwards exactly what was trimmed (go build -x); clean and clean -testcache
// against go's. Trims racing go build / go test: tst_gocache_race.
#include <algorithm>

#include <fcntl.h>
#include <sys/stat.h>

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTest>

#include "DuRunner.h"
#include "GoTool.h"
#include "ScratchDir.h"
#include "Subprocess.h"
#include "SyntheticGoCache.h"
#include "gocache/GoCacheCleaner.h"
#include "gocache/GoCacheStats.h"
#include "gocache/GoCacheTrimmer.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

namespace {

constexpr qint64 Hour = 3600;
constexpr qint64 Day = 24 * Hour;

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool setMtime(const QString &path, qint64 secs)
{
    struct timespec t[2] = {{secs, 0}, {secs, 0}};
    return ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), t, AT_SYMLINK_NOFOLLOW)
        == 0;
}

bool copyTree(const QString &from, const QString &to)
{
    return Subprocess::run(u"cp"_s, {u"-a"_s, from, to}).succeeded();
}

// Every path below dir (files, directories, symlinks), relative, sorted.
QStringList listing(const QString &dir)
{
    QStringList all;
    QDirIterator it(dir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        all << it.next().mid(dir.size() + 1);
    all.sort();
    return all;
}

// The packages go build -x compiled (the -p argument of each compile command).
QSet<QString> compiledPackages(const QByteArray &buildX)
{
    QSet<QString> pkgs;
    static const QRegularExpression re(u"/compile .*? -p (\\S+)"_s);
    for (const QByteArray &line : buildX.split('\n')) {
        const QRegularExpressionMatch m = re.match(QString::fromUtf8(line));
        if (m.hasMatch())
            pkgs.insert(m.captured(1));
    }
    return pkgs;
}

} // namespace

class TestGoCache : public QObject
{
    Q_OBJECT

private:
    ScratchDir m_root{u"tst_gocache"_s};
    QMap<QString, QString> m_baseCache; // go -> a cache go wrote building and testing the modules
    int m_copies = 0;

    QString moduleDir(const QString &name) const { return m_root.filePath(u"src/"_s + name); }

    QProcessEnvironment envFor(const QString &go, const QString &gocache) const
    {
        QProcessEnvironment env = GoTool::isolatedEnvironment(
            go, m_root.filePath(u"home"_s), m_root.filePath(u"home/gomodcache"_s), u"off"_s);
        env.insert(u"GOCACHE"_s, gocache);
        return env;
    }

    ProcessResult goIn(const QString &go, const QString &gocache, const QString &module,
                       const QStringList &args) const
    {
        return GoTool::run(go, args, envFor(go, gocache), moduleDir(module), 300000);
    }

    QString copyOfBase(const QString &go)
    {
        const QString dst = m_root.filePath(u"copy%1"_s.arg(++m_copies));
        return copyTree(m_baseCache.value(go), dst) ? dst : QString();
    }

    static void addGoColumn()
    {
        QTest::addColumn<QString>("go");
        QTest::newRow("go1.19") << GoTool::go119();
        QTest::newRow("go1.23") << GoTool::go123();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        // lib: a local module with two packages; app: a main package using it through a
        // replace, with a test; q: packages app does not use; p: imports nothing, so that
        // building it touches no existing entry (the harmless command that makes go trim).
        QVERIFY(writeFile(moduleDir(u"lib/go.mod"_s), "module example.com/lib\n\ngo 1.19\n"));
        QVERIFY(writeFile(moduleDir(u"lib/lib.go"_s),
                          "package lib\n\nimport (\n\t\"strings\"\n\n\t\"example.com/lib/sub\"\n)\n\n"
                          "func Shout(s string) string { return strings.ToUpper(s) + sub.Mark() }\n"));
        QVERIFY(writeFile(moduleDir(u"lib/sub/sub.go"_s),
                          "package sub\n\nimport \"sort\"\n\nfunc Mark() string {\n"
                          "\ts := []string{\"!\", \"?\"}\n\tsort.Strings(s)\n\treturn s[0]\n}\n"));
        QVERIFY(writeFile(moduleDir(u"app/go.mod"_s),
                          "module example.com/app\n\ngo 1.19\n\nrequire example.com/lib v0.0.0\n\n"
                          "replace example.com/lib => ../lib\n"));
        QVERIFY(writeFile(moduleDir(u"app/main.go"_s),
                          "package main\n\nimport (\n\t\"encoding/json\"\n\t\"fmt\"\n\n"
                          "\t\"example.com/lib\"\n)\n\nfunc main() {\n"
                          "\tb, _ := json.Marshal(lib.Shout(\"hi\"))\n\tfmt.Println(string(b))\n}\n"));
        QVERIFY(writeFile(moduleDir(u"app/main_test.go"_s),
                          "package main\n\nimport (\n\t\"testing\"\n\n\t\"example.com/lib\"\n)\n\n"
                          "func TestShout(t *testing.T) {\n"
                          "\tif lib.Shout(\"a\") != \"A!\" {\n\t\tt.Fatal(lib.Shout(\"a\"))\n\t}\n}\n"));
        QVERIFY(writeFile(moduleDir(u"q/go.mod"_s), "module example.com/q\n\ngo 1.19\n"));
        QVERIFY(writeFile(moduleDir(u"q/main.go"_s),
                          "package main\n\nimport (\n\t\"net/url\"\n\t\"os\"\n\t\"text/tabwriter\"\n\n"
                          "\t\"example.com/q/inner\"\n)\n\n"
                          "func main() {\n\tu, _ := url.Parse(inner.Where)\n"
                          "\tw := tabwriter.NewWriter(os.Stdout, 0, 8, 1, ' ', 0)\n"
                          "\tw.Write([]byte(u.Path))\n\tw.Flush()\n}\n"));
        QVERIFY(writeFile(moduleDir(u"q/inner/inner.go"_s),
                          "package inner\n\nconst Where = \"https://example.com/x\"\n"));
        QVERIFY(writeFile(moduleDir(u"p/go.mod"_s), "module example.com/p\n\ngo 1.19\n"));
        QVERIFY(writeFile(moduleDir(u"p/p.go"_s), "package p\n\nfunc F() int { return 1 }\n"));

        for (const QString &go : {GoTool::go119(), GoTool::go123()}) {
            const QString cache = m_root.filePath(u"base-"_s + GoTool::label(go));
            for (const auto &[module, args] :
                 std::initializer_list<std::pair<QString, QStringList>>{
                     {u"app"_s, {u"build"_s, u"-o"_s, u"/dev/null"_s, u"."_s}},
                     {u"app"_s, {u"test"_s, u"."_s}},
                     {u"q"_s, {u"build"_s, u"-o"_s, u"/dev/null"_s, u"."_s}}}) {
                const ProcessResult r = goIn(go, cache, module, args);
                QVERIFY2(r.succeeded(), qPrintable(r.describe()));
            }
            QVERIFY(SyntheticGoCache::entries(cache).size() > 100);
            m_baseCache.insert(go, cache);
        }
    }

    void statsAgreeWithDu_data() { addGoColumn(); }
    void statsAgreeWithDu()
    {
        QFETCH(QString, go);
        const QString cache = m_baseCache.value(go);
        const GoCacheStats s = GoCacheStatsJob::run(cache);
        QVERIFY2(s.ok(), qPrintable(s.error.toString()));
        const Expected<quint64> du = DuRunner::summary(cache);
        QVERIFY(du.ok());
        QCOMPARE(s.diskBytes, du.value());
        QCOMPARE(qsizetype(s.entries()), SyntheticGoCache::entries(cache).size());
        QVERIFY(s.actionEntries > 0 && s.outputEntries > 0);
        const Expected<quint64> files = DuRunner::nonDirectoryEntries(cache);
        QVERIFY(files.ok());
        QCOMPARE(s.files, files.value());
        // go trimmed (and wrote trim.txt) at the end of its first command.
        QVERIFY(s.lastTrimUnix.has_value());
        QCOMPARE(QByteArray::number(*s.lastTrimUnix), readAll(cache + u"/trim.txt"_s).trimmed());
        quint64 histogram = 0;
        for (const GoCacheStats::Bucket &b : s.histogram())
            histogram += b.entries;
        QCOMPARE(histogram, s.entries());
        QCOMPARE(s.histogram().first().entries, s.entries()); // all used just now
        QCOMPARE(s.trimAt(5).entries(), quint64(0));
    }

    void trimRemovesExactlyWhatGosTrimRemoves_data() { addGoColumn(); }
    void trimRemovesExactlyWhatGosTrimRemoves()
    {
        QFETCH(QString, go);
        // Ages 0..9 days plus 30 or 90 minutes: at go's limit of 5 days, 5 d 30 min stays (go
        // adds mtimeInterval) and 5 d 90 min goes.
        const QString aged = copyOfBase(go);
        QVERIFY(!aged.isEmpty());
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QStringList names = SyntheticGoCache::entries(aged).values();
        names.sort();
        QSet<QString> boundaryKept;
        for (qsizetype i = 0; i < names.size(); ++i) {
            const qint64 age = (i % 10) * Day + ((i / 10) % 2 ? 90 : 30) * 60;
            QVERIFY(setMtime(aged + u'/' + names.at(i), now - age));
            if (i % 10 == 5 && (i / 10) % 2 == 0)
                boundaryKept.insert(names.at(i));
        }
        QVERIFY(!boundaryKept.isEmpty());
        QVERIFY(writeFile(aged + u"/trim.txt"_s, "0")); // go's last trim: long ago
        const QString byGo = m_root.filePath(u"bygo%1"_s.arg(m_copies));
        const QString byUs = m_root.filePath(u"byus%1"_s.arg(m_copies));
        QVERIFY(copyTree(aged, byGo));
        QVERIFY(copyTree(aged, byUs));
        const QSet<QString> original = SyntheticGoCache::entries(aged);

        const ProcessResult r = goIn(go, byGo, u"p"_s, {u"build"_s, u"."_s});
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        const GoCacheStats before = GoCacheStatsJob::run(byUs);
        GoCacheTrimmer::Options options;
        options.gocache = byUs;
        options.olderThanDays = 5;
        const GoCacheTrimResult t = GoCacheTrimmer::run(options);
        QVERIFY2(t.ok(), qPrintable(t.error.toString() + t.issues.join(u'\n')));

        const QSet<QString> keptByGo = SyntheticGoCache::entries(byGo) & original;
        const QSet<QString> keptByUs = SyntheticGoCache::entries(byUs);
        QVERIFY(keptByGo.size() < original.size()); // go did trim
        QVERIFY(!keptByGo.isEmpty());
        QCOMPARE(keptByUs, keptByGo);
        QVERIFY(boundaryKept.size() > 0 && (keptByUs & boundaryKept) == boundaryKept);
        QCOMPARE(t.entriesRemoved(), quint64(original.size() - keptByUs.size()));
        QCOMPARE(before.trimAt(5).entries(), t.entriesRemoved());
        QCOMPARE(before.trimAt(5).diskBytes, t.bytesFreed);
        // trim.txt in go's format, README kept, du as reported.
        const QByteArray goTrim = readAll(byGo + u"/trim.txt"_s);
        const QByteArray ourTrim = readAll(byUs + u"/trim.txt"_s);
        static const QRegularExpression digits(u"^[0-9]+$"_s);
        QVERIFY2(digits.match(QString::fromLatin1(goTrim)).hasMatch(), goTrim.constData());
        QVERIFY2(digits.match(QString::fromLatin1(ourTrim)).hasMatch(), ourTrim.constData());
        QVERIFY(qAbs(ourTrim.toLongLong() - goTrim.toLongLong()) < 600);
        QCOMPARE(readAll(byUs + u"/README"_s), readAll(aged + u"/README"_s));
        const Expected<quint64> du = DuRunner::summary(byUs);
        QVERIFY(du.ok());
        QCOMPARE(t.diskBytesAfter, du.value());
        QCOMPARE(GoCacheStatsJob::run(byUs).diskBytes, du.value());
        // And go, with its trim.txt just written, does not trim again.
        const ProcessResult again = goIn(go, byUs, u"p"_s, {u"build"_s, u"."_s});
        QVERIFY2(again.succeeded(), qPrintable(again.describe()));
        QVERIFY(SyntheticGoCache::entries(byUs).contains(keptByUs)); // go may add, not trim
        QCOMPARE(readAll(byUs + u"/trim.txt"_s), ourTrim);
    }

    void goRebuildsOnlyWhatWasTrimmed_data() { addGoColumn(); }
    void goRebuildsOnlyWhatWasTrimmed()
    {
        QFETCH(QString, go);
        const QString cache = copyOfBase(go);
        QVERIFY(!cache.isEmpty());
        // Everything last used 10 days ago; then app is built, which refreshes what it uses.
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        for (const QString &e : SyntheticGoCache::entries(cache))
            QVERIFY(setMtime(cache + u'/' + e, now - 10 * Day));
        QVERIFY(writeFile(cache + u"/trim.txt"_s, QByteArray::number(now))); // go: no own trim
        ProcessResult r = goIn(go, cache, u"app"_s, {u"build"_s, u"-o"_s, u"/dev/null"_s, u"."_s});
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));

        GoCacheTrimmer::Options options;
        options.gocache = cache;
        options.olderThanDays = 5;
        const GoCacheTrimResult t = GoCacheTrimmer::run(options);
        QVERIFY(t.ok());
        QVERIFY(t.entriesRemoved() > 0);

        // app: everything it needs was kept, nothing is compiled.
        r = goIn(go, cache, u"app"_s, {u"build"_s, u"-x"_s, u"-o"_s, u"/dev/null"_s, u"."_s});
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        QVERIFY2(compiledPackages(r.stdErr).isEmpty(), r.stdErr.left(2000).constData());
        // q: only its own packages and those app does not use were trimmed, and only those are
        // compiled again.
        r = goIn(go, cache, u"q"_s, {u"build"_s, u"-x"_s, u"-o"_s, u"/dev/null"_s, u"."_s});
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        const QSet<QString> compiled = compiledPackages(r.stdErr);
        QVERIFY(compiled.contains(u"main"_s));
        QVERIFY(compiled.contains(u"example.com/q/inner"_s));
        // go 1.19 takes the standard library from GOROOT/pkg; go 1.23 builds it in GOCACHE.
        if (GoTool::label(go) == u"go1.23") {
            QVERIFY(compiled.contains(u"net/url"_s));
            QVERIFY(compiled.contains(u"text/tabwriter"_s));
        }
        const ProcessResult deps = goIn(go, cache, u"app"_s, {u"list"_s, u"-deps"_s, u"."_s});
        QVERIFY2(deps.succeeded(), qPrintable(deps.describe()));
        QSet<QString> appDeps;
        for (const QByteArray &line : deps.stdOut.split('\n'))
            appDeps.insert(QString::fromUtf8(line.trimmed()));
        QVERIFY(appDeps.contains(u"fmt"_s));
        const QSet<QString> both = compiled & appDeps;
        QVERIFY2(both.isEmpty(), qPrintable(QStringList(both.values()).join(u' ')));
        // Built again: nothing left to compile.
        r = goIn(go, cache, u"q"_s, {u"build"_s, u"-x"_s, u"-o"_s, u"/dev/null"_s, u"."_s});
        QVERIFY(r.succeeded());
        QVERIFY(compiledPackages(r.stdErr).isEmpty());
    }

    void cleanMatchesGoCleanCache_data() { addGoColumn(); }
    void cleanMatchesGoCleanCache()
    {
        QFETCH(QString, go);
        const QString byGo = copyOfBase(go);
        QVERIFY(!byGo.isEmpty());
        QVERIFY(writeFile(byGo + u"/log.txt"_s, "log\n"));
        QVERIFY(writeFile(byGo + u"/testexpire.txt"_s, "1\n"));
        QVERIFY(writeFile(byGo + u"/fuzz/example.com/app/FuzzX/1"_s, "go test fuzz v1\n"));
        QVERIFY(writeFile(byGo + u"/ab/stray"_s, "x"));
        QVERIFY(writeFile(byGo + u"/AB"_s, "not hex to go's glob"));
        const QString byUs = m_root.filePath(u"cleanus%1"_s.arg(m_copies));
        QVERIFY(copyTree(byGo, byUs));
        const quint64 entries = quint64(SyntheticGoCache::entries(byUs).size());

        const ProcessResult r = goIn(go, byGo, u"p"_s, {u"clean"_s, u"-cache"_s});
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        const GoCacheCleanResult c = GoCacheCleaner::cleanCache(byUs);
        QVERIFY2(c.ok(), qPrintable(c.issues.join(u'\n')));
        QCOMPARE(listing(byUs), listing(byGo));
        QVERIFY(listing(byUs).contains(u"README"_s));
        QVERIFY(listing(byUs).contains(u"trim.txt"_s));
        QVERIFY(!listing(byUs).contains(u"log.txt"_s));
        QCOMPARE(c.filesRemoved, entries + 2); // + ab/stray and log.txt
        // go works on it afterwards.
        const ProcessResult b = goIn(go, byUs, u"app"_s, {u"build"_s, u"-o"_s, u"/dev/null"_s, u"."_s});
        QVERIFY2(b.succeeded(), qPrintable(b.describe()));
    }

    void cleanTestCacheMakesGoRerunTests_data() { addGoColumn(); }
    void cleanTestCacheMakesGoRerunTests()
    {
        QFETCH(QString, go);
        const QString cache = copyOfBase(go);
        QVERIFY(!cache.isEmpty());
        ProcessResult r = goIn(go, cache, u"app"_s, {u"test"_s, u"."_s});
        QVERIFY2(r.succeeded() && r.stdOut.contains("(cached)"), qPrintable(r.describe()));
        const quint64 entries = quint64(SyntheticGoCache::entries(cache).size());
        const GoCacheCleanResult c = GoCacheCleaner::cleanTestCache(cache);
        QVERIFY(c.ok());
        QVERIFY(c.testExpireNs.has_value());
        QCOMPARE(quint64(SyntheticGoCache::entries(cache).size()), entries);
        r = goIn(go, cache, u"app"_s, {u"test"_s, u"."_s});
        QVERIFY2(r.succeeded() && !r.stdOut.contains("(cached)"), qPrintable(r.describe()));
        r = goIn(go, cache, u"app"_s, {u"test"_s, u"."_s});
        QVERIFY2(r.succeeded() && r.stdOut.contains("(cached)"), qPrintable(r.describe()));
        // Same file as go clean -testcache writes: decimal nanoseconds and a newline.
        const QString byGo = copyOfBase(go);
        QVERIFY(goIn(go, byGo, u"p"_s, {u"clean"_s, u"-testcache"_s}).succeeded());
        static const QRegularExpression format(u"^[0-9]{19}\\n$"_s);
        QVERIFY(format.match(QString::fromLatin1(readAll(byGo + u"/testexpire.txt"_s))).hasMatch());
        QVERIFY(format.match(QString::fromLatin1(readAll(cache + u"/testexpire.txt"_s))).hasMatch());
        QCOMPARE(GoCacheStatsJob::run(cache).testExpireNs, c.testExpireNs);
    }
};

QTEST_GUILESS_MAIN(TestGoCache)
#include "tst_gocache.moc"
