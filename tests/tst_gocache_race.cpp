// SPDX-License-Identifier: GPL-3.0-or-later
// Trimming GOCACHE while the real go 1.19 and 1.23 build, test and vet a module that uses it:
// go takes no lock on cache entries, so a trim must never leave go an action entry whose
// output is gone at the moment go trusts it. Every cycle sets every entry's "last used" ten
// days back, starts go, and trims with --older-than 0 (everything go has not refreshed) again
// and again until go is done; go must succeed and never report a cache problem.
#include <fcntl.h>
#include <sys/stat.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTest>

#include "GoTool.h"
#include "ScratchDir.h"
#include "SyntheticGoCache.h"
#include "gocache/GoCacheTrimmer.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

namespace {

constexpr qint64 Day = 24 * 3600;

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

bool setMtime(const QString &path, qint64 secs)
{
    struct timespec t[2] = {{secs, 0}, {secs, 0}};
    return ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), t, AT_SYMLINK_NOFOLLOW)
        == 0;
}

} // namespace

class TestGoCacheRace : public QObject
{
    Q_OBJECT

private:
    ScratchDir m_root{u"tst_gocache_race"_s};
    QMap<QString, QString> m_baseCache;

    QString moduleDir(const QString &name) const { return m_root.filePath(u"src/"_s + name); }

    QProcessEnvironment envFor(const QString &go, const QString &gocache) const
    {
        QProcessEnvironment env = GoTool::isolatedEnvironment(
            go, m_root.filePath(u"home"_s), m_root.filePath(u"home/gomodcache"_s), u"off"_s);
        env.insert(u"GOCACHE"_s, gocache);
        return env;
    }

    QString copyOfBase(const QString &go)
    {
        return m_baseCache.value(go);
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
        QVERIFY(writeFile(moduleDir(u"lib/go.mod"_s), "module example.com/lib\n\ngo 1.19\n"));
        QVERIFY(writeFile(moduleDir(u"lib/lib.go"_s),
                          "package lib\n\nimport \"strings\"\n\n"
                          "func Shout(s string) string { return strings.ToUpper(s) + \"!\" }\n"));
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
        for (const QString &go : {GoTool::go119(), GoTool::go123()}) {
            const QString cache = m_root.filePath(u"cache-"_s + GoTool::label(go));
            const ProcessResult r = GoTool::run(go, {u"test"_s, u"."_s}, envFor(go, cache),
                                                moduleDir(u"app"_s), 300000);
            QVERIFY2(r.succeeded(), qPrintable(r.describe()));
            QVERIFY(SyntheticGoCache::entries(cache).size() > 50);
            m_baseCache.insert(go, cache);
        }
    }

    void trimWhileGoBuildsNeverBreaksGo_data() { addGoColumn(); }
    void trimWhileGoBuildsNeverBreaksGo()
    {
        QFETCH(QString, go);
        const QString cache = copyOfBase(go);
        QVERIFY(!cache.isEmpty());
        quint64 removed = 0;
        int trims = 0;
        for (int cycle = 0; cycle < 4; ++cycle) {
            // Everything last used 10 days ago: go refreshes what it uses while the trims
            // remove everything else, entry by entry, at the same time.
            const qint64 now = QDateTime::currentSecsSinceEpoch();
            for (const QString &e : SyntheticGoCache::entries(cache))
                QVERIFY(setMtime(cache + u'/' + e, now - 10 * Day));
            QProcess proc;
            proc.setProcessEnvironment(envFor(go, cache));
            proc.setWorkingDirectory(moduleDir(u"app"_s));
            proc.start(u"sh"_s, {u"-c"_s, u"\"$0\" build -o /dev/null . && \"$0\" test -count=1 . "
                                          u"&& \"$0\" vet . && \"$0\" test ."_s,
                                 go});
            QVERIFY(proc.waitForStarted());
            while (proc.state() != QProcess::NotRunning) {
                GoCacheTrimmer::Options options;
                options.gocache = cache;
                options.olderThanDays = 0;
                const GoCacheTrimResult t = GoCacheTrimmer::run(options);
                QVERIFY2(t.ok(), qPrintable(t.error.toString() + t.issues.join(u'\n')));
                removed += t.entriesRemoved();
                ++trims;
                proc.waitForFinished(20);
            }
            const QByteArray err = proc.readAllStandardError();
            const QByteArray out = proc.readAllStandardOutput();
            QVERIFY2(proc.exitStatus() == QProcess::NormalExit && proc.exitCode() == 0,
                     qPrintable(u"cycle %1: %2\n%3"_s.arg(cycle).arg(QString::fromUtf8(out),
                                                                    QString::fromUtf8(err))));
            QVERIFY2(!err.contains("cache") && !err.contains("no such file"), err.constData());
        }
        QVERIFY(trims > 8);
        QVERIFY(removed > 0);
        qInfo("%d trims removed %llu entries while go built and tested", trims,
              (unsigned long long)removed);
    }
};

QTEST_GUILESS_MAIN(TestGoCacheRace)
#include "tst_gocache_race.moc"
